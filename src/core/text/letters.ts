/**
 * Counting letters (`\p{L}`) and words in the texts of a page. The cleaning steps count them
 * in every text node, and a Unicode-class regex is an order of magnitude slower on Cyrillic
 * than a look at the character codes: Latin and Cyrillic letters are told by their code,
 * anything else by the regex. A letter outside the Basic Multilingual Plane counts once, as
 * the regex counts it.
 */

const LETTER = /\p{L}/u;
const NUMBER = /\p{N}/u;

/**
 * The text to count in. A stored or imported record's text may be anything: what is not text
 * is refused with a TypeError, as the patterns' match refused it.
 */
export function asText(value: string): string {
  if (typeof value === 'string') return value;
  if ((value as unknown) instanceof String) return (value as unknown as string).valueOf();
  throw new TypeError(`not a text: ${typeof value}`);
}

function isLetter(cp: number): boolean {
  if (cp < 128) return (cp | 32) >= 97 && (cp | 32) <= 122;
  // The Cyrillic block is letters but for the thousands sign and the combining marks (U+0482–0489).
  if (cp >= 0x400 && cp <= 0x4ff) return cp <= 0x481 || cp >= 0x48a;
  return LETTER.test(String.fromCodePoint(cp));
}

/** Letters of the scripts written without spaces between words: Han and kana. */
const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/gu;

/** How many letters of a script written without spaces (Chinese, Japanese) text holds. */
export function unspacedCount(value: string): number {
  return asText(value).match(UNSPACED)?.length ?? 0;
}

/** Hangul syllables: each a block of two or three letters, in words of two or three blocks. */
const HANGUL = /\p{Script=Hangul}/gu;

/**
 * What to add to a text's length to measure it as if its script were written with spaces: a
 * letter of Chinese or Japanese says as much as two or three Latin ones, so it counts as 2.5; a
 * Korean syllable block as about two (a paragraph of Korean news is 50–110 of them).
 */
export function spacedExtra(value: string): number {
  const text = asText(value);
  return 1.5 * unspacedCount(text) + (text.match(HANGUL)?.length ?? 0);
}

/** A text's length as if its script were written with spaces (see spacedExtra). */
export function spacedLength(value: string): number {
  const text = asText(value);
  return text.length + spacedExtra(text);
}

/** How many letters text holds. */
export function letterCount(value: string): number {
  const text = asText(value);
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const cp = text.codePointAt(i)!;
    if (cp > 0xffff) i++;
    if (isLetter(cp)) n++;
  }
  return n;
}

/** Whether text holds at least n letters (stops counting there). */
export function hasLetters(value: string, n: number): boolean {
  const text = asText(value);
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const cp = text.codePointAt(i)!;
    if (cp > 0xffff) i++;
    if (isLetter(cp) && ++count >= n) return true;
  }
  return false;
}

/**
 * The UTF-16 length of the text's words of two letters or more, where it has three such words
 * or more (what `text.match(/\p{L}{2,}/gu)` gives, summed); 0 where it has fewer.
 */
export function wordLetters(value: string): number {
  const text = asText(value);
  let words = 0;
  let sum = 0;
  let run = 0;
  let runUnits = 0;
  for (let i = 0; i <= text.length; i++) {
    const cp = i < text.length ? text.codePointAt(i)! : -1;
    const size = cp > 0xffff ? 2 : 1;
    if (cp >= 0 && isLetter(cp)) {
      run++;
      runUnits += size;
    } else {
      if (run >= 2) {
        words++;
        sum += runUnits;
      }
      run = 0;
      runUnits = 0;
    }
    if (size === 2) i++;
  }
  return words >= 3 ? sum : 0;
}

function isLetterOrNumber(cp: number): boolean {
  if (cp < 128) return ((cp | 32) >= 97 && (cp | 32) <= 122) || (cp >= 48 && cp <= 57);
  if (cp >= 0x400 && cp <= 0x4ff) return cp <= 0x481 || cp >= 0x48a;
  const ch = String.fromCodePoint(cp);
  return LETTER.test(ch) || NUMBER.test(ch);
}

/** Characters that join two runs of letters and digits into one word (`тату-тәтті`, `don't`). */
const JOINERS = new Set([0x2d, 0x27, 0x2019]);

/**
 * How many words text holds: runs of letters and digits, joined across a hyphen or an
 * apostrophe with letters or digits on both sides (the matches of a pattern of them, counted
 * without listing them all first).
 */
export function countWords(value: string): number {
  // Stored records are read back through here: a damaged one (its text not text) must fail as loudly as before.
  const text = asText(value);
  let words = 0;
  let i = 0;
  const at = (k: number) => (k < text.length ? text.codePointAt(k)! : -1);
  const size = (cp: number) => (cp > 0xffff ? 2 : 1);
  while (i < text.length) {
    let cp = at(i);
    if (!isLetterOrNumber(cp)) {
      i += size(cp);
      continue;
    }
    words++;
    for (;;) {
      while (i < text.length && isLetterOrNumber((cp = at(i)))) i += size(cp);
      const joiner = at(i);
      const next = i + 1 < text.length ? at(i + 1) : -1;
      if (JOINERS.has(joiner) && next >= 0 && isLetterOrNumber(next)) i += 1;
      else break;
    }
  }
  return words;
}
