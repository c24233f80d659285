/**
 * The library's first rows, kept beside the library (in the extension's storage) so that the
 * library page's first script can draw them before anything else loads: opening a big library
 * takes the browser longer than the whole first screen may (src/library/first-screen.ts).
 *
 * They are a copy, and a copy can lag: the page reads the library itself and its own rows
 * replace these. Whoever changes the newest articles brings the copy up to date: the page when
 * its list changes, the background when it saves an article. What is stored is read back as
 * hostile input (another version may have written it; storage can be edited by hand): every
 * row is checked, and anything unexpected draws nothing.
 */

/** The storage key (storage.local). */
export const FIRST_ROWS_KEY = 'libraryFirstRows';
/** The rows kept: the page's first screen. */
export const FIRST_ROWS = 50;
/** A title longer than this is cut: the first screen shows two lines of it. */
const TITLE_MAX = 300;
const SOURCE_MAX = 120;
/** ARTICLE_LIMITS.url: an id is an address. */
const ID_MAX = 8192;
const LANG = /^[a-z]{2,3}(?:-[a-z0-9]{1,8})*$/i;

/** One row as the first screen draws it. */
export interface FirstRow {
  id: string;
  title: string;
  lang: string | null;
  /** The source's name, or the address's host. */
  source: string | null;
  savedAt: number;
}

/** What an article gives its row: a saved article has all of these. */
export interface RowSource {
  id: string;
  url: string;
  title: string;
  lang: string | null;
  source: { name: string } | null;
  savedAt: number;
}

function hostOf(url: string): string | null {
  try {
    return new URL(url).hostname.replace(/^www\./, '') || null;
  } catch {
    return null;
  }
}

export function rowOf(article: RowSource): FirstRow {
  const source = article.source?.name || hostOf(article.url);
  return {
    id: article.id,
    title: article.title.slice(0, TITLE_MAX),
    lang: article.lang && article.lang.length <= 35 && LANG.test(article.lang) ? article.lang : null,
    source: source ? source.slice(0, SOURCE_MAX) : null,
    savedAt: Number.isFinite(article.savedAt) ? article.savedAt : 0,
  };
}

/** The rows of the newest articles of a list already newest first (the page's own order). */
export function firstRowsOf(newestFirst: readonly RowSource[]): FirstRow[] {
  return newestFirst.slice(0, FIRST_ROWS).map(rowOf);
}

/** The rows with `row` put in its place (by its save time), any older row of the same article taken out. */
export function withRow(rows: readonly FirstRow[], row: FirstRow): FirstRow[] {
  const rest = rows.filter((r) => r.id !== row.id);
  const at = rest.findIndex((r) => r.savedAt <= row.savedAt);
  rest.splice(at < 0 ? rest.length : at, 0, row);
  return rest.slice(0, FIRST_ROWS);
}

const text = (v: unknown, max: number): v is string => typeof v === 'string' && v.length > 0 && v.length <= max;

/**
 * The rows as stored, checked; null where anything is not as written (then nothing is drawn,
 * rather than a list with a hole or in a wrong order).
 */
export function parseFirstRows(stored: unknown): FirstRow[] | null {
  if (!Array.isArray(stored) || stored.length > FIRST_ROWS) return null;
  const rows: FirstRow[] = [];
  const seen = new Set<string>();
  for (const item of stored as unknown[]) {
    if (!item || typeof item !== 'object') return null;
    const r = item as Record<string, unknown>;
    if (!text(r.id, ID_MAX) || typeof r.title !== 'string' || r.title.length > TITLE_MAX || seen.has(r.id)) return null;
    if (typeof r.savedAt !== 'number' || !Number.isFinite(r.savedAt)) return null;
    if (rows.length && rows[rows.length - 1]!.savedAt < r.savedAt) return null;
    if (r.lang !== null && !(text(r.lang, 35) && LANG.test(r.lang))) return null;
    if (r.source !== null && !text(r.source, SOURCE_MAX)) return null;
    seen.add(r.id);
    rows.push({ id: r.id, title: r.title, lang: r.lang, source: r.source, savedAt: r.savedAt });
  }
  return rows;
}

/** Whether two lists of rows draw the same (so the page writes only when the newest rows change). */
export function sameRows(a: readonly FirstRow[], b: readonly FirstRow[]): boolean {
  return a.length === b.length && a.every((r, i) => {
    const o = b[i]!;
    return r.id === o.id && r.title === o.title && r.lang === o.lang && r.source === o.source && r.savedAt === o.savedAt;
  });
}
