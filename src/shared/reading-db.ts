/**
 * What the reader keeps about each saved article besides the article itself: how far it was
 * read (`reading`, one record per article) and the passages marked in it (`highlights`, many per
 * article, indexed by article). Both live in the library database (library-db.ts creates the
 * stores) and go with the article: deleted with it, exported and imported with it.
 */
import type { IDBPDatabase, IDBPTransaction } from 'idb';
import type { ReadingPosition } from '../core/anchor/position.ts';
import type { TextQuote } from '../core/anchor/quote.ts';

export const HIGHLIGHT_COLORS = ['yellow', 'green', 'blue', 'pink'] as const;
export type HighlightColor = (typeof HIGHLIGHT_COLORS)[number];

/** How far one article was read. */
export interface ReadingRecord extends ReadingPosition {
  /** The article's id. */
  id: string;
  updatedAt: number;
}

/** One marked passage. Anchored on the original text (see core/anchor/quote.ts). */
export interface Highlight extends TextQuote {
  id: string;
  articleId: string;
  color: HighlightColor;
  /** The reader's note; '' for none. */
  note: string;
  createdAt: number;
  updatedAt: number;
}

/** Limits the reader and an import hold a highlight to. */
export const HIGHLIGHT_LIMITS = {
  exact: 5000,
  context: 200,
  note: 10_000,
  perArticle: 2000,
  id: 200,
  fingerprint: 200,
} as const;

/** The two stores as library-db.ts declares them in its schema. */
export interface ReadingStores {
  reading: { key: string; value: ReadingRecord };
  highlights: { key: string; value: Highlight; indexes: { articleId: string } };
}

/** Creates the two stores (a new database, or an upgrade to version 3). */
export function createReadingStores(db: IDBPDatabase<any>): void {
  if (!db.objectStoreNames.contains('reading')) db.createObjectStore('reading', { keyPath: 'id' });
  if (!db.objectStoreNames.contains('highlights')) db.createObjectStore('highlights', { keyPath: 'id' }).createIndex('articleId', 'articleId');
}

type AnyTx = IDBPTransaction<any, any, 'readwrite' | 'readonly' | 'versionchange'>;

/** An article's reading record and highlights (oldest first), read in `tx`. */
export async function readReading(tx: AnyTx, articleId: string): Promise<{ reading: ReadingRecord | null; highlights: Highlight[] }> {
  const [reading, highlights] = await Promise.all([tx.objectStore('reading').get(articleId), tx.objectStore('highlights').index('articleId').getAll(articleId)]);
  return { reading: (reading as ReadingRecord | undefined) ?? null, highlights: sortHighlights(highlights as Highlight[]) };
}

/** Deletes an article's reading record and highlights in `tx`. */
export async function deleteReading(tx: IDBPTransaction<any, any, 'readwrite'>, articleId: string): Promise<void> {
  await tx.objectStore('reading').delete(articleId);
  for (const key of await tx.objectStore('highlights').index('articleId').getAllKeys(articleId)) await tx.objectStore('highlights').delete(key);
}

/** A random id for a highlight (crypto.randomUUID needs a secure page, and a news page may be plain http). */
export function newHighlightId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Replaces an article's reading record and highlights in `tx` (undo, import). A highlight whose
 * id another article's highlight has (an import file can name any id) comes in under a new one:
 * it never takes the other's place.
 */
export async function writeReading(tx: IDBPTransaction<any, any, 'readwrite'>, articleId: string, reading: ReadingRecord | null, highlights: readonly Highlight[]): Promise<void> {
  await deleteReading(tx, articleId);
  if (reading) await tx.objectStore('reading').put({ ...reading, id: articleId });
  const store = tx.objectStore('highlights');
  for (const h of highlights) {
    const holder = (await store.get(h.id)) as Highlight | undefined;
    await store.put({ ...h, id: holder && holder.articleId !== articleId ? newHighlightId() : h.id, articleId });
  }
}

export function sortHighlights(list: Highlight[]): Highlight[] {
  return list.sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

// ---------------------------------------------------------------------------------------------
// Operations on an open library (the background does them for the readers).

type Db = IDBPDatabase<any>;

/** The reader's state of an article: null where the article is not in the library. */
export async function getReadingState(db: Db, articleId: string): Promise<{ reading: ReadingRecord | null; highlights: Highlight[] } | null> {
  const tx = db.transaction(['articles', 'reading', 'highlights'], 'readonly');
  const article = await tx.objectStore('articles').getKey(articleId);
  const state = article === undefined ? null : await readReading(tx, articleId);
  await tx.done;
  return state;
}

/** Keeps a reading position; false where the article is not in the library. */
export async function putPosition(db: Db, articleId: string, position: ReadingPosition, now = Date.now()): Promise<boolean> {
  const tx = db.transaction(['articles', 'reading'], 'readwrite');
  if ((await tx.objectStore('articles').getKey(articleId)) === undefined) {
    await tx.done;
    return false;
  }
  const previous = (await tx.objectStore('reading').get(articleId)) as ReadingRecord | undefined;
  const finished = position.finished || !!previous?.finished;
  await tx.objectStore('reading').put({ id: articleId, block: position.block, fingerprint: position.fingerprint, percent: position.percent, finished, updatedAt: now } satisfies ReadingRecord);
  await tx.done;
  return true;
}

/**
 * Adds or replaces a highlight of an article: false where the article is not in the library, or
 * where the id is another article's highlight's (a highlight never moves from one to another).
 */
export async function putHighlight(db: Db, highlight: Highlight): Promise<boolean> {
  const tx = db.transaction(['articles', 'highlights'], 'readwrite');
  const known = (await tx.objectStore('articles').getKey(highlight.articleId)) !== undefined;
  const existing = known ? ((await tx.objectStore('highlights').get(highlight.id)) as Highlight | undefined) : undefined;
  const ok = known && (!existing || existing.articleId === highlight.articleId);
  if (ok) await tx.objectStore('highlights').put(highlight);
  await tx.done;
  return ok;
}

export async function deleteHighlight(db: Db, id: string): Promise<void> {
  await db.delete('highlights', id);
}

/** Every highlight in the library, oldest first. */
export async function listHighlights(db: Db): Promise<Highlight[]> {
  return sortHighlights((await db.getAll('highlights')) as Highlight[]);
}

/** Every reading record, by article id. */
export async function readingByArticle(db: Db): Promise<Map<string, ReadingRecord>> {
  return new Map(((await db.getAll('reading')) as ReadingRecord[]).map((r) => [r.id, r]));
}

// ---------------------------------------------------------------------------------------------
// Checking records that come from elsewhere (a content script's message, an import file).

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isString = (v: unknown, max: number): v is string => typeof v === 'string' && v.length <= max;
const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0;

/** A reading position from outside, checked; null where it is not one. */
export function checkPosition(v: unknown): ReadingPosition | null {
  if (!isObject(v)) return null;
  if (!isCount(v.block) || !Number.isInteger(v.block) || !isString(v.fingerprint, HIGHLIGHT_LIMITS.fingerprint)) return null;
  if (!isCount(v.percent) || v.percent > 100 || typeof v.finished !== 'boolean') return null;
  return { block: v.block, fingerprint: v.fingerprint, percent: v.percent, finished: v.finished };
}

/** A highlight from outside, checked (as belonging to `articleId`); a string saying what is wrong where it is not one. */
export function checkHighlight(v: unknown, articleId: string): Highlight | string {
  if (!isObject(v)) return 'not an object';
  if (!isString(v.id, HIGHLIGHT_LIMITS.id) || !v.id) return 'id';
  if (!HIGHLIGHT_COLORS.includes(v.color as HighlightColor)) return 'color';
  if (!isString(v.exact, HIGHLIGHT_LIMITS.exact) || !/\S/.test(v.exact)) return 'exact';
  if (!isString(v.prefix, HIGHLIGHT_LIMITS.context)) return 'prefix';
  if (!isString(v.suffix, HIGHLIGHT_LIMITS.context)) return 'suffix';
  if (!isString(v.note, HIGHLIGHT_LIMITS.note)) return 'note';
  if (!isCount(v.block) || !Number.isInteger(v.block)) return 'block';
  if (!isCount(v.createdAt) || !isCount(v.updatedAt)) return 'time';
  return { id: v.id, articleId, color: v.color as HighlightColor, exact: v.exact, prefix: v.prefix, suffix: v.suffix, note: v.note, block: v.block, createdAt: v.createdAt, updatedAt: v.updatedAt };
}
