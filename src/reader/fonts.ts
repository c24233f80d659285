/**
 * The reader's bundled faces: PT Serif and PT Sans (ParaType, OFL 1.1; see
 * public/fonts/LICENSE.txt). ParaType drew them for the languages of Russia and its
 * neighbours, so the Kazakh letters (ә ғ қ ң ө ұ ү һ і) are real glyphs of the same design,
 * not a fallback font's. They ship inside the extension because Qazaq24 readers' systems
 * often have no font with the Cyrillic Extended letters, and the reader must work offline.
 *
 * The files are Google Fonts' subsets; each @font-face carries its subset's unicode-range,
 * so a Russian article downloads only the cyrillic (and latin) files, and a Kazakh one also
 * the cyrillic-ext file. test/unit/font-coverage.test.ts reads the files' cmaps to prove
 * that the letters are there, in the file whose range claims them.
 */

export type FontKind = 'serif' | 'sans';
export type FontSubset = 'latin' | 'latin-ext' | 'cyrillic' | 'cyrillic-ext';
export type FontWeight = 400 | 700;
export type FontStyle = 'normal' | 'italic';

export interface FontFile {
  kind: FontKind;
  /** The CSS family name, one per kind ("Oqy Serif", "Oqy Sans"). */
  family: string;
  weight: FontWeight;
  style: FontStyle;
  subset: FontSubset;
  /** The file's name in public/fonts/, which the build copies to fonts/ in the extension. */
  file: string;
  /** The CSS unicode-range of the subset. */
  unicodeRange: string;
}

/** The folder in the built extension (and under public/) that holds the files. */
export const FONT_DIR = 'fonts';

/**
 * Google Fonts' ranges for its subsets (as in @fontsource's unicode.json). The Kazakh letters
 * other than і live in cyrillic-ext (U+0492–04E9); і, ё and the Russian alphabet in cyrillic.
 */
export const FONT_SUBSET_RANGES: Readonly<Record<FontSubset, string>> = {
  latin:
    'U+0000-00FF, U+0131, U+0152-0153, U+02BB-02BC, U+02C6, U+02DA, U+02DC, U+0304, U+0308, U+0329, U+2000-206F, U+20AC, U+2122, U+2191, U+2193, U+2212, U+2215, U+FEFF, U+FFFD',
  cyrillic: 'U+0301, U+0400-045F, U+0490-0491, U+04B0-04B1, U+2116',
  'cyrillic-ext': 'U+0460-052F, U+1C80-1C8A, U+20B4, U+2DE0-2DFF, U+A640-A69F, U+FE2E-FE2F',
  // Kazakh in Latin letters: Ğ ğ, İ, Ş ş, Ū ū (Ä Ñ Ö Ü and ı are in latin).
  'latin-ext':
    'U+0100-02BA, U+02BD-02C5, U+02C7-02CC, U+02CE-02D7, U+02DD-02FF, U+0304, U+0308, U+0329, U+1D00-1DBF, U+1E00-1E9F, U+1EF2-1EFF, U+2020, U+20A0-20AB, U+20AD-20C0, U+2113, U+2C60-2C7F, U+A720-A7FF',
};

const FAMILY_NAMES: Readonly<Record<FontKind, string>> = { serif: 'Oqy Serif', sans: 'Oqy Sans' };

/** Which styles ship per kind. PT Sans italic is left out to stay under the size budget. */
const FACES: Readonly<Record<FontKind, readonly { weight: FontWeight; style: FontStyle }[]>> = {
  serif: [
    { weight: 400, style: 'normal' },
    { weight: 400, style: 'italic' },
    { weight: 700, style: 'normal' },
    { weight: 700, style: 'italic' },
  ],
  sans: [
    { weight: 400, style: 'normal' },
    { weight: 700, style: 'normal' },
  ],
};

const FILE_PREFIX: Readonly<Record<FontKind, string>> = { serif: 'pt-serif', sans: 'pt-sans' };

/** Every bundled file, one per kind, weight, style and subset. */
export const FONT_FILES: readonly FontFile[] = /* @__PURE__ */ (['serif', 'sans'] as const).flatMap((kind) =>
  FACES[kind].flatMap(({ weight, style }) =>
    (['cyrillic-ext', 'cyrillic', 'latin-ext', 'latin'] as const).map(
      (subset): FontFile => ({
        kind,
        family: FAMILY_NAMES[kind],
        weight,
        style,
        subset,
        file: `${FILE_PREFIX[kind]}-${subset}-${weight}-${style}.woff2`,
        unicodeRange: FONT_SUBSET_RANGES[subset],
      }),
    ),
  ),
);

/**
 * The faces in two parts, for a page that takes them as bytes: `text`, what running text and
 * headings in Kazakh, Russian and English are set in (upright, regular and bold; Cyrillic,
 * Cyrillic Extended and basic Latin), then `rest` (italics, extended Latin for Kazakh in Latin
 * letters). A reader can be drawn in its own face once the first part is in.
 */
export type FontPart = 'text' | 'rest';

export function fontPartOf(file: FontFile): FontPart {
  return file.style === 'normal' && file.subset !== 'latin-ext' ? 'text' : 'rest';
}

/**
 * Values for CSS font-family. After the bundled face, the same design if installed, then
 * system faces that have the Kazakh letters on most desktops (DejaVu is what .ci/setup installs).
 */
export const FONT_FAMILIES: Readonly<Record<FontKind, string>> = {
  serif: '"Oqy Serif", "PT Serif", "Noto Serif", "DejaVu Serif", Georgia, "Times New Roman", serif',
  sans: '"Oqy Sans", "PT Sans", "Noto Sans", "DejaVu Sans", "Segoe UI", Roboto, Arial, sans-serif',
};

/**
 * The @font-face rules for every bundled file. `urlFor` gets the bare file name (e.g.
 * "pt-serif-cyrillic-ext-400-normal.woff2") and returns its URL, e.g.
 * `fontFaceCss((file) => browser.runtime.getURL(`fonts/${file}`))`.
 *
 * Chrome ignores @font-face inside a shadow root, so for the in-page overlay these rules
 * belong in the page's document (or in FontFace objects built from FONT_FILES).
 */
export function fontFaceCss(urlFor: (file: string) => string): string {
  return FONT_FILES.map(
    (f) =>
      `@font-face { font-family: "${f.family}"; font-style: ${f.style}; font-weight: ${f.weight}; ` +
      `font-display: swap; src: url("${urlFor(f.file)}") format("woff2"); unicode-range: ${f.unicodeRange}; }`,
  ).join('\n');
}
