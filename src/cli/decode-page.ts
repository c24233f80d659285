/** Bytes of a saved page to text: its declared or sniffed encoding, and a refusal for what is not text. */

export class UnreadablePage extends Error {}

const SNIFF_BYTES = 65536;
/** How far into the page a declaration is looked for (a head of scripts and styles can push it past the spec's 1,024 bytes). */
const DECLARATION_BYTES = 16384;

/** Control bytes other than tab, newline, form feed, carriage return and escape. */
function looksBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, SNIFF_BYTES);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i]!;
    if (b === 0) return true;
    if (b < 8 || (b > 13 && b < 27 && b !== 12) || (b > 27 && b < 32)) control++;
  }
  return n > 0 && control / n > 0.02;
}

function byteOrderMark(bytes: Uint8Array): string | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return null;
}

/** The charset the page names: an XML declaration's encoding, or a `<meta>` before the body. */
export function declaredCharset(bytes: Uint8Array): string | null {
  let head = new TextDecoder('latin1').decode(bytes.subarray(0, DECLARATION_BYTES));
  const xml = /^\s*<\?xml[^>]*\sencoding\s*=\s*["']\s*([\w.:-]+)/i.exec(head);
  if (xml) return xml[1]!.toLowerCase();
  head = head.replace(/<!--[\s\S]*?-->|<script\b[\s\S]*?<\/script\s*>/gi, ' ');
  const body = head.search(/<body[\s>]/i);
  if (body >= 0) head = head.slice(0, body);
  const m = /<meta\b[^>]*?charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(head);
  return m ? m[1]!.toLowerCase() : null;
}

/** The bytes are UTF-8 with at least one character beyond ASCII: legacy text almost never is by chance. */
function isUtf8BeyondAscii(bytes: Uint8Array): boolean {
  if (!bytes.some((b) => b > 0x7f)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

function decodes(charset: string, bytes: Uint8Array): string | null {
  try {
    return new TextDecoder(charset, { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

/** Encodings of scripts written in runs of high bytes, with their commonest small letters. */
const RUN_ENCODINGS: readonly (readonly [string, string])[] = [
  ['windows-1251', 'оеаинтсрвл'],
  ['koi8-r', 'оеаинтсрвл'],
  ['windows-1253', 'αοειτνσρκπ'],
];

/**
 * An undeclared page that is not UTF-8: the legacy encoding its bytes read best in. Accented
 * Latin letters stand alone among ASCII ones (windows-1252); Chinese is pairs of high bytes
 * (GB18030 or Big5, whichever reads without error and gives more common ideographs); Russian is
 * runs of high bytes, as is Greek: the encoding whose reading has most of the language's commonest
 * letters (windows-1251 and KOI8-R put the small letters at opposite halves).
 */
function sniffLegacy(bytes: Uint8Array): string {
  const sample = bytes.subarray(0, SNIFF_BYTES);
  let high = 0, inRuns = 0;
  for (let i = 0; i < sample.length; i++) {
    const b = sample[i]!;
    if (b < 0x80) continue;
    high++;
    if ((sample[i - 1] ?? 0) > 0x7f || (sample[i + 1] ?? 0) > 0x7f) inRuns++;
  }
  if (inRuns < high / 2) return 'windows-1252';
  const commonIdeographs = (charset: string): number => {
    // The sample may end inside a character: its last bytes are left out.
    const text = decodes(charset, sample.length === bytes.length ? sample : sample.subarray(0, sample.lastIndexOf(0x3c)));
    if (text === null) return 0;
    let n = 0;
    for (const ch of text) {
      const c = ch.codePointAt(0)!;
      if (c >= 0x4e00 && c <= 0x9fff) n++;
    }
    return n;
  };
  const gb = commonIdeographs('gb18030'), big5 = commonIdeographs('big5');
  if (gb > 0 || big5 > 0) return big5 > gb ? 'big5' : 'gb18030';
  let best = 'windows-1251', bestScore = -1;
  for (const [charset, letters] of RUN_ENCODINGS) {
    let score = 0;
    for (const ch of new TextDecoder(charset).decode(sample)) if (letters.includes(ch)) score++;
    if (score > bestScore) (best = charset), (bestScore = score);
  }
  return best;
}

export function decodePage(bytes: Uint8Array): string {
  const bom = byteOrderMark(bytes);
  const bom16 = bom === 'utf-16le' || bom === 'utf-16be';
  if (!bom16 && looksBinary(bytes)) throw new UnreadablePage('not an HTML page: the file holds binary data');
  let charset = bom ?? declaredCharset(bytes);
  // A page kept as UTF-8 under its old declaration (a crawler's copy) reads as UTF-8.
  if (!bom && charset !== 'utf-8' && isUtf8BeyondAscii(bytes)) charset = 'utf-8';
  charset ??= bytes.some((b) => b > 0x7f) ? sniffLegacy(bytes) : 'utf-8';
  try {
    return new TextDecoder(charset).decode(bytes);
  } catch {
    return new TextDecoder('utf-8').decode(bytes);
  }
}
