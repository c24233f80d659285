/**
 * Folding for search, so that what a reader types finds what the article says: case, ё as е,
 * and Latin letters that look like Cyrillic ones typed inside a Cyrillic word (the site itself
 * writes `Cенатта` with a Latin C; a reader may type `сeнат` with a Latin e).
 */
import { LOWER_LOOKALIKES } from './text/normalize.ts';

/**
 * Latin letters read as the Cyrillic letter they look like, by case (a capital H is Н, a small h
 * is һ): the capitals here, the small letters as extraction reads them.
 */
const LOOKALIKES: Record<string, string> = {
  A: 'А', B: 'В', C: 'С', E: 'Е', H: 'Н', I: 'І', K: 'К', M: 'М', O: 'О', P: 'Р', T: 'Т', X: 'Х', Y: 'У',
  ...LOWER_LOOKALIKES,
};

const WORD = /[\p{L}\p{N}]+/gu;
const CYRILLIC = /[\u0400-\u04ff]/;

/** One word folded: lower case, ё → е, and in a word with any Cyrillic letter every look-alike Latin letter made Cyrillic. */
export function foldWord(word: string): string {
  const cyrillic = CYRILLIC.test(word) ? word.replace(/[A-Za-z]/g, (ch) => LOOKALIKES[ch] ?? ch) : word;
  // İ lower-cases to i and a combining dot: the dot goes.
  return cyrillic.toLowerCase().replace(/ё/g, 'е').replace(/\u0307/g, '');
}

/** The folded words of a text, in order (repeats kept); Latin words without Kazakh Latin marks. */
export function searchWords(text: string): string[] {
  return (text.match(WORD) ?? []).map((w) => {
    const folded = foldWord(w);
    return CYRILLIC.test(folded) ? folded : plainLatin(folded);
  });
}

/** The distinct folded words of a text, for an index: two characters or more, at most `limit`. */
export function indexWords(text: string, limit = 5000): string[] {
  const seen = new Set<string>();
  for (const w of searchWords(text)) {
    if (w.length < 2) continue;
    seen.add(w);
    if (seen.size >= limit) break;
  }
  return [...seen];
}

/**
 * A query as folded words; the last one is a prefix (the reader is still typing it). Earlier
 * words shorter than the index keeps (`в`, `5`) are left out rather than matching nothing.
 */
export function queryWords(query: string): string[] {
  const words = [...new Set(searchWords(query))];
  return words.filter((w, i) => w.length >= 2 || i === words.length - 1);
}

/** Kazakh Latin letters to the plain Latin a reader may type for them. */
const PLAIN: Readonly<Record<string, string>> = { ä: 'a', ğ: 'g', ı: 'i', ñ: 'n', ö: 'o', ş: 's', ū: 'u', ü: 'u', ç: 'c' };

/** A Latin word without the marks of the Kazakh Latin letters: `bürkıt`, `Bürkit`, `burkit` all read `burkit`. */
export function plainLatin(word: string): string {
  return word.replace(/[äğıñöşūüç]/g, (ch) => PLAIN[ch] ?? ch);
}

/** A word's folded form as searchWords gives it: folded, and without Kazakh Latin marks where it has no Cyrillic letter. */
function foldToken(token: string): string {
  const folded = foldWord(token);
  return CYRILLIC.test(folded) ? folded : plainLatin(folded);
}

/**
 * indexWords for many texts in a row (a library being indexed): each distinct word is folded
 * once and remembered, as words recur from text to text. The result is exactly indexWords'.
 * At most `capacity` words are remembered; past that the memory starts afresh.
 */
export class WordIndexer {
  private readonly folded = new Map<string, string>();

  constructor(private readonly capacity = 100_000) {}

  indexWords(text: string, limit = 5000): string[] {
    const seen = new Set<string>();
    for (const token of text.match(WORD) ?? []) {
      let w = this.folded.get(token);
      if (w === undefined) {
        if (this.folded.size >= this.capacity) this.folded.clear();
        w = foldToken(token);
        this.folded.set(token, w);
      }
      if (w.length < 2) continue;
      seen.add(w);
      if (seen.size >= limit) break;
    }
    return [...seen];
  }
}
