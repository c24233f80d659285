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

/** The share of broken sequences below which undeclared bytes are UTF-8 with a stray byte or two (a copy cut or patched). */
const STRAY_SHARE = 0.01;

/** UTF-8 but for a stray byte or two among many characters beyond ASCII. */
function isMostlyUtf8(bytes: Uint8Array): boolean {
  const text = new TextDecoder('utf-8').decode(bytes.subarray(0, SNIFF_BYTES * 4));
  let broken = 0, beyond = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0xfffd) broken++;
    else if (c > 0x7f) beyond++;
  }
  return beyond > 0 && broken <= beyond * STRAY_SHARE;
}

function decodes(charset: string, bytes: Uint8Array): string | null {
  try {
    return new TextDecoder(charset, { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

/** Single-byte encodings, each with the commonest letters beyond ASCII of the languages written in it. */
const SINGLE_BYTE: readonly (readonly [string, string])[] = [
  ['windows-1252', 'éèàçâêîôûëïüäößñáíóúãõ'],
  ['windows-1250', 'ąęłśżźćńěščřžůýáíéóőű'],
  ['iso-8859-2', 'ąęłśżźćńěščřžůýáíéóőű'],
  ['windows-1251', 'оеаинтсрвлкмдпуяыьгзбчйхжшю'],
  ['koi8-r', 'оеаинтсрвлкмдпуяыьгзбчйхжшю'],
  ['windows-1253', 'αοειτνσρκπμλυηςωδγχφθβ'],
];

/** Encodings of scripts written with two bytes a letter, each with its language's commonest letters. */
const DOUBLE_BYTE: readonly (readonly [string, string])[] = [
  ['gb18030', '的一是不了在人有我他这中大来上国个到说们为子和你地出道也时年会'],
  ['big5', '的一是不了在人有我他這中大來上國個到說們為子和你地出道也時年會'],
  ['shift_jis', 'のにはをたがでてとしれさいるかなっ'],
  ['euc-jp', 'のにはをたがでてとしれさいるかなっ'],
  ['euc-kr', '이의다는에을하고가기지한서로사대자나도으리어시수해들'],
];

/**
 * Of the encodings that read the bytes without error, the one whose reading holds most of its
 * language's commonest letters, where they are `minShare` of its letters beyond ASCII at least
 * (text read in the wrong one of these encodings still reads, as rare letters); or null.
 */
function bestReading(bytes: Uint8Array, candidates: readonly (readonly [string, string])[], minShare = 0): string | null {
  let best: string | null = null, bestScore = 0;
  for (const [charset, letters] of candidates) {
    const text = decodes(charset, bytes);
    if (text === null) continue;
    let score = 0, beyond = 0;
    for (const ch of text) {
      if (ch.charCodeAt(0) > 0x7f) beyond++;
      if (letters.includes(ch)) score++;
    }
    if (score > bestScore && score >= beyond * minShare) (best = charset), (bestScore = score);
  }
  return best;
}

/** The share of a two-byte reading's letters that its language's commonest make up at least. */
const MIN_COMMON_SHARE = 0.05;

/**
 * An undeclared page that is not UTF-8: the legacy encoding its bytes read best in, by the
 * commonest letters of the languages each encoding is written for. Chinese, Japanese and Korean
 * are pairs of high bytes (GB18030, Big5, Shift_JIS, EUC-JP, EUC-KR: one that reads without
 * error); Russian and Greek are runs of single high bytes, accented Latin letters stand alone
 * among ASCII ones (windows-1251 and KOI8-R put the small Cyrillic letters at opposite halves).
 */
function sniffLegacy(bytes: Uint8Array): string {
  // The sample may end inside a character: it ends before its last tag.
  const sample = bytes.length <= SNIFF_BYTES ? bytes : bytes.subarray(0, Math.max(1, bytes.subarray(0, SNIFF_BYTES).lastIndexOf(0x3c)));
  let high = 0, inRuns = 0;
  for (let i = 0; i < sample.length; i++) {
    const b = sample[i]!;
    if (b < 0x80) continue;
    high++;
    if ((sample[i - 1] ?? 0) > 0x7f || (sample[i + 1] ?? 0) > 0x7f) inRuns++;
  }
  if (inRuns >= high / 2) {
    const double = bestReading(sample, DOUBLE_BYTE, MIN_COMMON_SHARE);
    if (double) return double;
  }
  return bestReading(sample, SINGLE_BYTE) ?? 'windows-1252';
}

export function decodePage(bytes: Uint8Array): string {
  const bom = byteOrderMark(bytes);
  const bom16 = bom === 'utf-16le' || bom === 'utf-16be';
  if (!bom16 && looksBinary(bytes)) throw new UnreadablePage('not an HTML page: the file holds binary data');
  let charset = bom ?? declaredCharset(bytes);
  // A page kept as UTF-8 under its old declaration (a crawler's copy) reads as UTF-8.
  if (!bom && charset !== 'utf-8' && isUtf8BeyondAscii(bytes)) charset = 'utf-8';
  charset ??= bytes.some((b) => b > 0x7f) && !isMostlyUtf8(bytes) ? sniffLegacy(bytes) : 'utf-8';
  try {
    return new TextDecoder(charset).decode(bytes);
  } catch {
    return new TextDecoder('utf-8').decode(bytes);
  }
}
