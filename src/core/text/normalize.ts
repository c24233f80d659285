/** Whitespace of every kind (including no-break and thin spaces) collapsed to single spaces. */
export function collapse(text: string): string {
  return text.replace(/[\s\u00a0\u2000-\u200b\u202f\u205f\u3000\ufeff]+/g, ' ').trim();
}

export { countWords } from './letters.ts';

const GREEK = /[\u0370-\u03ff\u1f00-\u1fff]/;

/**
 * Greek without its accents: a label in capitals is written without them (`ΣΧΟΛΙΑ`, `ΔΙΑΒΑΣΤΕ
 * ΕΠΙΣΗΣ`), in small letters with them (`Σχόλια`). Other scripts' letters are left as they are.
 */
export function withoutGreekAccents(text: string): string {
  if (!GREEK.test(text)) return text;
  return text.normalize('NFD').replace(/(?<=[\u0370-\u03ff])[\u0300-\u036f]+/g, '').normalize('NFC');
}

/**
 * Latin letters that look like Cyrillic ones, typed in their place on real pages
 * (the site writes `Cенатта` with a Latin C). Used to compare labels and headlines.
 */
export const LOWER_LOOKALIKES: Readonly<Record<string, string>> = {
  a: 'а', c: 'с', e: 'е', o: 'о', p: 'р', x: 'х', y: 'у', k: 'к', h: 'һ', i: 'і', m: 'м', t: 'т', b: 'в',
};

/** Lower-cased, whitespace-collapsed, ё→е, Latin look-alikes inside Cyrillic words mapped to Cyrillic. */
export function foldForMatch(text: string): string {
  const lower = collapse(text).toLowerCase().replace(/ё/g, 'е');
  // Only a text with both scripts in it can change: most have one, and are spared the word-by-word pass.
  return LATIN.test(lower) && CYRILLIC.test(lower) ? mapLookalikes(lower) : lower;
}

const LATIN = /[a-z]/;
const CYRILLIC = /[\u0400-\u04ff]/;

/**
 * A single Latin letter inside a Cyrillic word is a look-alike typo (`Cенатта`); a longer Latin
 * run is a word of its own glued on (the icon word in `seeКөрілімдер`) and is left alone.
 */
function mapLookalikes(lower: string): string {
  return lower.replace(/[\p{L}]+/gu, (word) =>
    /[\u0400-\u04ff]/.test(word)
      ? word.replace(/(?<![a-z])[a-z](?![a-z])/g, (ch) => LOWER_LOOKALIKES[ch] ?? ch)
      : word,
  );
}

/**
 * Like foldForMatch, but keeps every character where it was (no whitespace collapsing), so a
 * match in the folded text has the same offsets in the original.
 */
export function foldSameLength(text: string): string {
  let lower = text.toLowerCase();
  if (lower.length !== text.length) {
    // A few letters lower-case to two characters (İ): fold those one at a time.
    lower = '';
    for (const ch of text) {
      const low = ch.toLowerCase();
      lower += low.length === ch.length ? low : ch;
    }
  }
  lower = lower.replace(/ё/g, 'е');
  return MIXED_SCRIPT.test(lower) ? mapLookalikes(lower) : lower;
}

/** A Latin letter touching a Cyrillic one: the only case where look-alikes need mapping. */
const MIXED_SCRIPT = /[a-z][\u0400-\u04ff]|[\u0400-\u04ff][a-z]/;
