/** Small pure helpers of the library page. */
import type { SavedArticle } from '../shared/library-db.ts';

/** The order of the list: newest save first; equal times by id, descending (the savedAt index read backwards). */
export function byNewest(a: SavedArticle, b: SavedArticle): number {
  return b.savedAt - a.savedAt || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);
}

/** `list` (in byNewest order) with `article` put in its place, replacing an entry with its id. */
export function insertByNewest(list: readonly SavedArticle[], article: SavedArticle): SavedArticle[] {
  const out = list.filter((a) => a.id !== article.id);
  let lo = 0;
  let hi = out.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (byNewest(out[mid]!, article) < 0) lo = mid + 1;
    else hi = mid;
  }
  out.splice(lo, 0, article);
  return out;
}

/** An error as one line for the reader: its name and message. */
export function errorText(e: unknown): string {
  if (e instanceof Error || e instanceof DOMException) return e.message ? (e.name && e.name !== 'Error' ? `${e.name}: ${e.message}` : e.message) : e.name;
  return String(e);
}
