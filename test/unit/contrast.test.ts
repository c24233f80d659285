/**
 * Every theme meets WCAG 2.x AA, computed from the tokens themselves: 4.5:1 for text
 * (1.4.3), 3:1 for controls and the focus indicator (1.4.11).
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  THEME_CSS,
  THEME_VARS,
  THEMES,
  contrastRatio,
  relativeLuminance,
  themeCss,
  type ThemeName,
  type ThemeTokens,
} from '../../src/reader/themes.ts';

const NAMES = Object.keys(THEMES) as ThemeName[];

/** [foreground, background, minimum ratio, why] */
const PAIRS: [keyof ThemeTokens, keyof ThemeTokens, number, string][] = [
  ['text', 'background', 4.5, 'body text'],
  ['muted', 'background', 4.5, 'meta line and captions'],
  ['link', 'background', 4.5, 'links in the article'],
  ['surfaceText', 'surface', 4.5, 'toolbar and panel text'],
  ['link', 'surface', 4.5, 'links in the toolbar and panel'],
  ['muted', 'surface', 4.5, 'secondary text in the panel'],
  ['accent', 'background', 3, 'controls and focus ring (1.4.11)'],
  ['accent', 'surface', 3, 'controls and focus ring on the toolbar (1.4.11)'],
  ['background', 'accent', 4.5, 'label of a filled accent button'],
  ['text', 'selection', 4.5, 'selected text'],
  ['link', 'selection', 4.5, 'selected link'],
];

describe('contrastRatio and relativeLuminance', () => {
  it('match the WCAG reference values', () => {
    expect(contrastRatio('#000', '#fff')).toBeCloseTo(21, 10);
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 10);
    expect(contrastRatio('#777', '#fff')).toBeCloseTo(4.48, 2);
    expect(contrastRatio('#767676', '#ffffff')).toBeCloseTo(4.54, 2);
    expect(contrastRatio('#fff', '#fff')).toBe(1);
    expect(relativeLuminance('#000')).toBe(0);
    expect(relativeLuminance('#fff')).toBe(1);
    expect(relativeLuminance('#ff0000')).toBeCloseTo(0.2126, 4);
    expect(relativeLuminance('#00ff00')).toBeCloseTo(0.7152, 4);
    expect(relativeLuminance('#808080')).toBeCloseTo(0.2159, 4);
  });

  it('is symmetric and rejects what is not a hex colour', () => {
    expect(contrastRatio('#fff', '#0b5d66')).toBe(contrastRatio('#0b5d66', '#fff'));
    expect(() => relativeLuminance('red')).toThrow();
    expect(() => relativeLuminance('#12345')).toThrow();
  });
});

describe.each(NAMES)('theme %s', (name) => {
  const t = THEMES[name];

  it('has every token as #rrggbb', () => {
    expect(Object.keys(t).sort()).toEqual(Object.keys(THEME_VARS).sort());
    for (const value of Object.values(t)) expect(value).toMatch(/^#[0-9a-f]{6}$/);
  });

  it.each(PAIRS)('%s on %s ≥ %s:1 (%s)', (fg, bg, min) => {
    expect(contrastRatio(t[fg], t[bg])).toBeGreaterThanOrEqual(min);
  });

  it('is calm: no pure white or pure black page', () => {
    expect(t.background).not.toBe('#ffffff');
    expect(t.background).not.toBe('#000000');
    expect(contrastRatio(t.text, t.background)).toBeLessThan(19);
  });

  it('themeCss publishes every token as its custom property', () => {
    const css = themeCss(name);
    for (const key of Object.keys(THEME_VARS) as (keyof ThemeTokens)[]) {
      expect(css).toContain(`${THEME_VARS[key]}: ${t[key]};`);
    }
  });
});

describe('THEME_CSS', () => {
  const blocks = (selector: string) =>
    THEME_CSS.split('\n').filter((line) => line.includes(selector));

  it('sets light on the shadow host and on the root, and each theme on its data-theme', () => {
    expect(THEME_CSS).toMatch(/^:host, \.oqy-reader, \.oqy-reader\[data-theme="light"\]/);
    for (const name of NAMES) {
      const [line] = blocks(`.oqy-reader[data-theme="${name}"]`);
      expect(line).toContain(themeCss(name));
    }
  });

  it('makes "system" light by default and dark when the OS prefers dark', () => {
    const lines = blocks('.oqy-reader[data-theme="system"]');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toContain(themeCss('light'));
    expect(lines[1]).toMatch(/^@media \(prefers-color-scheme: dark\) \{/);
    expect(lines[1]).toContain(themeCss('dark'));
    expect(lines[1]).toContain('color-scheme: dark');
    // the media rule must come after the light rule it overrides (same specificity)
    expect(THEME_CSS.indexOf(lines[1]!)).toBeGreaterThan(THEME_CSS.indexOf(lines[0]!));
  });

  it('is balanced CSS', () => {
    expect(THEME_CSS.split('{').length).toBe(THEME_CSS.split('}').length);
  });
});

/**
 * The popup's and the options page's own palettes (light, and dark where the system prefers
 * it), and the library's error colour on each reader theme, read from their stylesheets.
 */
describe('the other pages', () => {
  const root = resolve(import.meta.dirname, '../../src');
  const css = (file: string) => readFileSync(resolve(root, file), 'utf8');

  /** The custom properties of the first `:root { … }` rule in `text`. */
  const rootVars = (text: string): Record<string, string> => {
    const block = /:root\s*\{([^}]*)\}/.exec(text)?.[1] ?? '';
    return Object.fromEntries([...block.matchAll(/--([\w-]+)\s*:\s*(#[0-9a-fA-F]{3,6})\s*;/g)].map((m) => [m[1]!, m[2]!.toLowerCase()]));
  };
  /** Light: the plain :root rule; dark: the :root rule inside the prefers-color-scheme: dark block, over light. */
  const palettes = (text: string) => {
    const light = rootVars(text);
    const darkAt = text.search(/@media\s*\(prefers-color-scheme:\s*dark\)/);
    expect(darkAt, 'a dark palette').toBeGreaterThan(0);
    return { light, dark: { ...light, ...rootVars(text.slice(darkAt)) } };
  };

  const PAGE_PAIRS: [string, string, number, string][] = [
    ['fg', 'bg', 4.5, 'text'],
    ['accent', 'bg', 4.5, 'links and outlined buttons'],
    ['bg', 'accent', 4.5, 'label of a filled button'],
  ];

  it.each([
    ['popup/popup.css', [['muted', 'bg', 4.5, 'meta line and notes']]],
    ['options/options.css', [['error', 'bg', 4.5, 'error messages']]],
  ] as [string, [string, string, number, string][]][])('%s meets AA in light and dark', (file, extra) => {
    const { light, dark } = palettes(css(file));
    for (const [scheme, vars] of Object.entries({ light, dark })) {
      for (const [fg, bg, min, why] of [...PAGE_PAIRS, ...extra]) {
        expect(vars[fg], `${file} ${scheme} --${fg}`).toMatch(/^#[0-9a-f]{3,6}$/);
        expect(contrastRatio(vars[fg]!, vars[bg]!), `${file} ${scheme}: ${why} (--${fg} on --${bg})`).toBeGreaterThanOrEqual(min);
      }
    }
  });

  it('writes no colour outside its palette, so the checks above see every one', () => {
    for (const file of ['popup/popup.css', 'options/options.css']) {
      const outside = css(file).replace(/:root\s*\{[^}]*\}/g, '');
      expect(outside.match(/#[0-9a-fA-F]{3,6}\b/g) ?? [], file).toEqual([]);
    }
  });

  it("library/library.css: the error colour is readable on every reader theme's background", () => {
    const text = css('library/library.css');
    const errorFor = (theme: string) => new RegExp(`:root\\[data-theme='${theme}'\\]\\s*\\{[^}]*--error:\\s*(#[0-9a-fA-F]{6})`).exec(text)?.[1];
    const base = rootVars(text)['error']!;
    for (const name of NAMES) {
      const error = errorFor(name) ?? base;
      expect(contrastRatio(error, THEMES[name].background), `error on ${name}`).toBeGreaterThanOrEqual(4.5);
    }
    // "system" turns dark with the OS: the dark error colour on the dark background.
    const systemDark = /prefers-color-scheme:\s*dark\)\s*\{\s*:root\[data-theme='system'\]\s*\{[^}]*--error:\s*(#[0-9a-fA-F]{6})/.exec(text)?.[1];
    expect(systemDark).toBeDefined();
    expect(contrastRatio(systemDark!, THEMES.dark.background)).toBeGreaterThanOrEqual(4.5);
  });
});
