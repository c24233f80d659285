/**
 * The bundled fonts really have the Kazakh and Russian letters: read from the woff2 files'
 * own character maps, not from their names, and checked against the unicode-range that
 * fontFaceCss gives each file (the browser only downloads the file whose range claims a
 * character, so a letter in the wrong file is as missing as no letter at all).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { brotliDecompressSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { FONT_FAMILIES, FONT_FILES, fontFaceCss, type FontFile, type FontKind } from '../../src/reader/fonts.ts';

const FONT_DIR = resolve(import.meta.dirname, '../../public/fonts');

// ---- woff2: the table directory, one Brotli stream, and the cmap inside it ----

/** WOFF2 §4.2: a table's tag is an index into this list unless the index is 63. */
const KNOWN_TAGS = [
  'cmap', 'head', 'hhea', 'hmtx', 'maxp', 'name', 'OS/2', 'post', 'cvt ', 'fpgm', 'glyf', 'loca', 'prep',
  'CFF ', 'VORG', 'EBDT', 'EBLC', 'gasp', 'hdmx', 'kern', 'LTSH', 'PCLT', 'VDMX', 'vhea', 'vmtx', 'BASE',
  'GDEF', 'GPOS', 'GSUB', 'EBSC', 'JSTF', 'MATH', 'CBDT', 'CBLC', 'COLR', 'CPAL', 'SVG ', 'sbix', 'acnt',
  'avar', 'bdat', 'bloc', 'bsln', 'cvar', 'fdsc', 'feat', 'fmtx', 'fvar', 'gvar', 'hsty', 'just', 'lcar',
  'mort', 'morx', 'opbd', 'prop', 'trak', 'Zapf', 'Silf', 'Glat', 'Gloc', 'Feat', 'Sill',
];

/** The uncompressed tables of a (non-collection) woff2 file, by tag. */
function woff2Tables(buf: Buffer): Map<string, Buffer> {
  if (buf.toString('latin1', 0, 4) !== 'wOF2') throw new Error('not a woff2 file');
  if (buf.toString('latin1', 4, 8) === 'ttcf') throw new Error('font collections are not handled');
  const numTables = buf.readUInt16BE(12);
  const totalCompressedSize = buf.readUInt32BE(20);
  let p = 48;
  const uintBase128 = (): number => {
    let value = 0;
    for (let i = 0; i < 5; i++) {
      const byte = buf[p++]!;
      if (i === 0 && byte === 0x80) throw new Error('UIntBase128 with a leading zero');
      value = value * 128 + (byte & 0x7f);
      if ((byte & 0x80) === 0) return value;
    }
    throw new Error('UIntBase128 longer than 5 bytes');
  };
  const directory: { tag: string; length: number }[] = [];
  for (let i = 0; i < numTables; i++) {
    const flags = buf[p++]!;
    const index = flags & 0x3f;
    const tag = index === 63 ? buf.toString('latin1', p, (p += 4)) : KNOWN_TAGS[index];
    if (tag === undefined) throw new Error(`unknown table index ${index}`);
    const transformVersion = flags >> 6;
    const origLength = uintBase128();
    // glyf/loca are transformed unless version 3; every other table only if version is not 0.
    const transformed = tag === 'glyf' || tag === 'loca' ? transformVersion !== 3 : transformVersion !== 0;
    directory.push({ tag, length: transformed ? uintBase128() : origLength });
  }
  const stream = brotliDecompressSync(buf.subarray(p, p + totalCompressedSize));
  const tables = new Map<string, Buffer>();
  let offset = 0;
  for (const { tag, length } of directory) {
    tables.set(tag, stream.subarray(offset, offset + length));
    offset += length;
  }
  if (offset !== stream.length) throw new Error(`table lengths ${offset} != stream ${stream.length}`);
  return tables;
}

/** Code points that map to a real glyph (not .notdef) in any Unicode subtable (formats 4, 12). */
function cmapCodePoints(cmap: Buffer): Set<number> {
  const points = new Set<number>();
  const numTables = cmap.readUInt16BE(2);
  for (let i = 0; i < numTables; i++) {
    const platform = cmap.readUInt16BE(4 + i * 8);
    const encoding = cmap.readUInt16BE(6 + i * 8);
    const unicode = platform === 0 || (platform === 3 && (encoding === 1 || encoding === 10));
    if (!unicode) continue;
    const at = cmap.readUInt32BE(8 + i * 8);
    const format = cmap.readUInt16BE(at);
    if (format === 4) {
      const segCount = cmap.readUInt16BE(at + 6) / 2;
      const ends = at + 14;
      const starts = ends + segCount * 2 + 2;
      const deltas = starts + segCount * 2;
      const rangeOffsets = deltas + segCount * 2;
      for (let s = 0; s < segCount; s++) {
        const end = cmap.readUInt16BE(ends + s * 2);
        const start = cmap.readUInt16BE(starts + s * 2);
        const delta = cmap.readUInt16BE(deltas + s * 2);
        const rangeOffsetAt = rangeOffsets + s * 2;
        const rangeOffset = cmap.readUInt16BE(rangeOffsetAt);
        for (let c = start; c <= end && c !== 0xffff; c++) {
          let glyph: number;
          if (rangeOffset === 0) glyph = (c + delta) & 0xffff;
          else {
            const raw = cmap.readUInt16BE(rangeOffsetAt + rangeOffset + (c - start) * 2);
            glyph = raw === 0 ? 0 : (raw + delta) & 0xffff;
          }
          if (glyph !== 0) points.add(c);
        }
      }
    } else if (format === 12) {
      const groups = cmap.readUInt32BE(at + 12);
      for (let g = 0; g < groups; g++) {
        const start = cmap.readUInt32BE(at + 16 + g * 12);
        const end = cmap.readUInt32BE(at + 20 + g * 12);
        const glyph = cmap.readUInt32BE(at + 24 + g * 12);
        for (let c = start; c <= end; c++) if (glyph + (c - start) !== 0) points.add(c);
      }
    }
  }
  return points;
}

const cmapCache = new Map<string, Set<number>>();
function codePointsOf(file: string): Set<number> {
  let points = cmapCache.get(file);
  if (!points) {
    const cmap = woff2Tables(readFileSync(resolve(FONT_DIR, file))).get('cmap');
    if (!cmap) throw new Error(`${file} has no cmap`);
    points = cmapCodePoints(cmap);
    cmapCache.set(file, points);
  }
  return points;
}

/** "U+0400-045F, U+2116" → does it contain cp? */
function rangeHas(unicodeRange: string, cp: number): boolean {
  return unicodeRange.split(',').some((part) => {
    const m = /^\s*U\+([0-9A-F]+)(?:-([0-9A-F]+))?\s*$/i.exec(part);
    if (!m) throw new Error(`bad unicode-range part "${part}"`);
    const lo = parseInt(m[1]!, 16);
    const hi = m[2] ? parseInt(m[2], 16) : lo;
    return cp >= lo && cp <= hi;
  });
}

// ---- what the reader needs ----

const chars = (s: string) => [...s].map((c) => c.codePointAt(0)!);
const range = (from: string, to: string) => {
  const out: number[] = [];
  for (let c = from.codePointAt(0)!; c <= to.codePointAt(0)!; c++) out.push(c);
  return out;
};
const hex = (cp: number) => `U+${cp.toString(16).toUpperCase().padStart(4, '0')} ${String.fromCodePoint(cp)}`;

const KAZAKH = chars('ӘәҒғҚқҢңӨөҰұҮүҺһІі');
const RUSSIAN = [...range('А', 'я'), ...chars('Ёё')];
const LATIN = range(' ', '~');
/** What Kazakh and Russian news text sets besides letters: quotes, dashes, numero, ellipsis. */
const PUNCTUATION = chars('«»„“”‘’–—…№\u00a0');
/** Kazakh in the 2021 Latin alphabet: the letters beyond ASCII. */
const KAZAKH_LATIN = chars('ÄäĞğİıÑñÖöŞşŪūÜüÇç');
const REQUIRED = [...KAZAKH, ...RUSSIAN, ...LATIN, ...PUNCTUATION, ...KAZAKH_LATIN];

/** Parses fontFaceCss back into rules, so the test checks the CSS the browser will get. */
function cssRules(): { family: string; weight: number; style: string; file: string; range: string }[] {
  const css = fontFaceCss((file) => `chrome-extension://id/fonts/${file}`);
  return [...css.matchAll(/@font-face\s*\{([^}]*)\}/g)].map(([, body]) => {
    const get = (prop: string) => new RegExp(`${prop}:\\s*([^;]+);`).exec(body!)?.[1]?.trim() ?? '';
    const file = /url\("chrome-extension:\/\/id\/fonts\/([^"]+)"\)/.exec(get('src'))?.[1] ?? '';
    return {
      family: get('font-family').replace(/"/g, ''),
      weight: Number(get('font-weight')),
      style: get('font-style'),
      file,
      range: get('unicode-range'),
    };
  });
}

describe('woff2 reader', () => {
  it('reads a cmap: the serif cyrillic-ext file has ә and not the Latin A', () => {
    const points = codePointsOf('pt-serif-cyrillic-ext-400-normal.woff2');
    expect(points.has(0x04d9)).toBe(true);
    expect(points.has(0x0041)).toBe(false);
    // a subset is a subset: the latin file has no Cyrillic at all
    expect(codePointsOf('pt-serif-latin-400-normal.woff2').has(0x0416)).toBe(false);
  });
});

describe('bundled font files', () => {
  const byFace = new Map<string, FontFile[]>();
  for (const f of FONT_FILES) {
    const key = `${f.kind} ${f.weight} ${f.style}`;
    byFace.set(key, [...(byFace.get(key) ?? []), f]);
  }
  const faces = [...byFace.keys()];

  it('ships the faces the reader needs: serif and sans, each regular and bold', () => {
    for (const kind of ['serif', 'sans'] as FontKind[]) {
      for (const weight of [400, 700]) expect(faces).toContain(`${kind} ${weight} normal`);
    }
  });

  it('every listed file exists, and every woff2 in public/fonts is listed', () => {
    for (const f of FONT_FILES) expect(existsSync(resolve(FONT_DIR, f.file)), f.file).toBe(true);
    const onDisk = readdirSync(FONT_DIR).filter((n) => n.endsWith('.woff2')).sort();
    expect(onDisk).toEqual(FONT_FILES.map((f) => f.file).sort());
  });

  it('stays within the size budget (750 KB for all faces)', () => {
    const total = FONT_FILES.reduce((sum, f) => sum + statSync(resolve(FONT_DIR, f.file)).size, 0);
    expect(total).toBeLessThan(750_000);
  });

  it('ships the OFL with ParaType\'s copyright', () => {
    const license = readFileSync(resolve(FONT_DIR, 'LICENSE.txt'), 'utf8');
    expect(license).toContain('SIL OPEN FONT LICENSE Version 1.1');
    expect(license).toContain('ParaType Ltd.');
  });

  it.each(faces)('%s: the union of its files covers Kazakh, Russian and basic Latin', (face) => {
    const union = new Set<number>();
    for (const f of byFace.get(face)!) for (const cp of codePointsOf(f.file)) union.add(cp);
    const missing = REQUIRED.filter((cp) => !union.has(cp)).map(hex);
    expect(missing).toEqual([]);
  });

  it.each(faces)('%s: each needed character is in the file whose unicode-range claims it', (face) => {
    const [kind, weight, style] = face.split(' ') as [FontKind, string, string];
    const family = kind === 'serif' ? 'Oqy Serif' : 'Oqy Sans';
    const rules = cssRules().filter((r) => r.family === family && r.weight === Number(weight) && r.style === style);
    expect(rules.length).toBe(byFace.get(face)!.length);
    const wrong: string[] = [];
    for (const cp of REQUIRED) {
      const claiming = rules.filter((r) => rangeHas(r.range, cp));
      if (!claiming.some((r) => codePointsOf(r.file).has(cp))) wrong.push(`${hex(cp)} (claimed by ${claiming.map((r) => r.file).join(', ') || 'no file'})`);
    }
    expect(wrong).toEqual([]);
  });
});

describe('fontFaceCss and FONT_FAMILIES', () => {
  it('writes one swap @font-face per file, with the URL the caller builds', () => {
    const css = fontFaceCss((file) => `moz-extension://uuid/fonts/${file}`);
    const rules = css.match(/@font-face/g) ?? [];
    expect(rules.length).toBe(FONT_FILES.length);
    expect(css.match(/font-display: swap;/g)?.length).toBe(FONT_FILES.length);
    expect(css).toContain('url("moz-extension://uuid/fonts/pt-serif-cyrillic-ext-400-normal.woff2") format("woff2")');
    expect(css).not.toContain('PT Serif');
  });

  it('puts the bundled family first, with generic fallbacks last', () => {
    expect(FONT_FAMILIES.serif.startsWith('"Oqy Serif"')).toBe(true);
    expect(FONT_FAMILIES.serif.endsWith(', serif')).toBe(true);
    expect(FONT_FAMILIES.sans.startsWith('"Oqy Sans"')).toBe(true);
    expect(FONT_FAMILIES.sans.endsWith(', sans-serif')).toBe(true);
  });
});
