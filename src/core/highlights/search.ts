/**
 * Searching highlights with the library's folding (case, ё, look-alike letters; Kazakh found in
 * either script): every word of the query must be there, the last one as a prefix.
 */
import { queryWords, searchWords } from '../search-fold.ts';
import { toLatin2021 } from '../translit/kazakh-latin.ts';

/** The folded words a highlight is found by: its passage, its note and its article's title. */
export function highlightWords(parts: readonly string[], lang: string | null): Set<string> {
  const text = parts.join('\n');
  const words = new Set(searchWords(text));
  if (lang === 'kk') for (const w of searchWords(toLatin2021(text))) words.add(w);
  return words;
}

/** A matcher for `query`; null where the query has no word (everything matches). */
export function highlightMatcher(query: string): ((words: Set<string>) => boolean) | null {
  const wanted = queryWords(query);
  if (!wanted.length) return null;
  const last = wanted[wanted.length - 1]!;
  const exact = wanted.slice(0, -1);
  return (words) => {
    for (const w of exact) if (!words.has(w)) return false;
    for (const w of words) if (w.startsWith(last)) return true;
    return false;
  };
}
