/**
 * The reader's colour themes. Every pair that carries text or marks a control is held to
 * WCAG 2.x contrast by test/unit/contrast.test.ts, computed from these very tokens, so a
 * palette tweak that drops below AA fails the build rather than a reader's eyes.
 *
 * Light and dark match the popup (src/popup/popup.css), so opening the reader from it does
 * not change colour under the reader's eyes.
 */

export type ThemeName = 'light' | 'sepia' | 'dark';

export interface ThemeTokens {
  /** The page the article sits on. */
  background: string;
  /** Body text. */
  text: string;
  /** Secondary text on `background`: the meta line, captions. */
  muted: string;
  /** Links in the article and the meta line, on `background` and on `surface`. */
  link: string;
  /**
   * Buttons, toggles and the focus ring. At least 4.5:1 against `background`, so a filled
   * accent button can take its label in the `background` colour.
   */
  accent: string;
  /** Decorative rules and separators (no contrast requirement; never the only cue). */
  border: string;
  /** The toolbar and settings panel. */
  surface: string;
  /** Text on `surface`. */
  surfaceText: string;
  /** The bar beside a blockquote (decorative). */
  quoteBar: string;
  /** Background of selected text; `text` stays readable on it. */
  selection: string;
}

export const THEMES: Readonly<Record<ThemeName, Readonly<ThemeTokens>>> = {
  light: {
    background: '#fbfaf7',
    text: '#1d1d1f',
    muted: '#5a5a60',
    link: '#0b5394',
    accent: '#0b5d66',
    border: '#dedad2',
    surface: '#f1eee7',
    surfaceText: '#1d1d1f',
    quoteBar: '#c9c2b4',
    selection: '#cde6e8',
  },
  sepia: {
    background: '#f4ecd8',
    text: '#3b2e1e',
    muted: '#665540',
    link: '#7a3410',
    accent: '#7a4a1c',
    border: '#dccfb0',
    surface: '#ebe0c5',
    surfaceText: '#3b2e1e',
    quoteBar: '#c4aa7c',
    selection: '#e5d09b',
  },
  dark: {
    background: '#1b1c1f',
    text: '#e8e6e1',
    muted: '#b3b0a8',
    link: '#8ec5ff',
    accent: '#7cc7cf',
    border: '#3a3b40',
    surface: '#26272b',
    surfaceText: '#e8e6e1',
    quoteBar: '#55575e',
    selection: '#2f5257',
  },
};

/** The custom property each token is published as. */
export const THEME_VARS: Readonly<Record<keyof ThemeTokens, string>> = {
  background: '--oqy-bg',
  text: '--oqy-fg',
  muted: '--oqy-muted',
  link: '--oqy-link',
  accent: '--oqy-accent',
  border: '--oqy-border',
  surface: '--oqy-surface',
  surfaceText: '--oqy-surface-fg',
  quoteBar: '--oqy-quote-bar',
  selection: '--oqy-selection',
};

/** `--oqy-bg: #fbfaf7; --oqy-fg: …;` for one theme. */
export function themeCss(name: ThemeName): string {
  const tokens = THEMES[name];
  return (Object.keys(THEME_VARS) as (keyof ThemeTokens)[])
    .map((key) => `${THEME_VARS[key]}: ${tokens[key]};`)
    .join(' ');
}

const rule = (selector: string, name: ThemeName) =>
  `${selector} { ${themeCss(name)} color-scheme: ${name === 'dark' ? 'dark' : 'light'}; }`;

/**
 * The tokens for every theme, keyed on `data-theme` of the `.oqy-reader` root. Light is also
 * the default on the shadow host and on a root without `data-theme`, so nothing renders with
 * unset colours before the settings load. "system" follows the OS; the media rule comes last
 * so it wins over the light rule of equal specificity. color-scheme makes scrollbars and form
 * controls match the theme.
 */
export const THEME_CSS: string = /* @__PURE__ */ [
  rule(':host, .oqy-reader, .oqy-reader[data-theme="light"], .oqy-reader[data-theme="system"]', 'light'),
  rule('.oqy-reader[data-theme="sepia"]', 'sepia'),
  rule('.oqy-reader[data-theme="dark"]', 'dark'),
  `@media (prefers-color-scheme: dark) { ${rule('.oqy-reader[data-theme="system"]', 'dark')} }`,
].join('\n');

/** sRGB channel (0–255) to linear light, as WCAG 2.x defines it. */
function linear(channel: number): number {
  const c = channel / 255;
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

/** [r, g, b] of `#rgb` or `#rrggbb`; throws on anything else. */
function rgb(hex: string): [number, number, number] {
  const m = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(hex.trim());
  if (!m) throw new Error(`not a #rgb or #rrggbb colour: "${hex}"`);
  const digits = m[1]!.length === 3 ? [...m[1]!].map((d) => d + d).join('') : m[1]!;
  return [0, 2, 4].map((i) => parseInt(digits.slice(i, i + 2), 16)) as [number, number, number];
}

/** WCAG 2.x relative luminance, 0 (black) to 1 (white). */
export function relativeLuminance(hex: string): number {
  const [r, g, b] = rgb(hex).map(linear) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG 2.x contrast ratio, 1 to 21, the same whichever colour is given first. */
export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}
