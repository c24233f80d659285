/**
 * The offline library in IndexedDB (through idb). Three stores: `articles` (what the list shows),
 * `bodies` (the text, with a multi-entry index of its folded words for search) and `images` (each
 * image of an article as a Blob). A save writes all three in one transaction: after a failure
 * there is the whole article or none of it.
 *
 * Version 1 kept everything in one `articles` store, images as data URLs inside the record;
 * opening a version 1 database moves every record into the three stores, keeping all of it.
 * Version 3 adds `reading` and `highlights` (reading-db.ts), which go with their article.
 */
import { openDB, type DBSchema, type IDBPDatabase, type IDBPTransaction, type StoreNames } from 'idb';
import type { Extraction, SourceRef } from '../core/types.ts';
import { indexWords, queryWords } from '../core/search-fold.ts';
import { toLatin2021 } from '../core/translit/kazakh-latin.ts';
import { countWords } from '../core/text/normalize.ts';
import { readingMinutes } from '../core/text/reading-time.ts';
import { createReadingStores, deleteReading, readReading, writeReading, type Highlight, type ReadingRecord, type ReadingStores } from './reading-db.ts';

export const LIBRARY_DB = 'oqy-library';
export const LIBRARY_VERSION = 3;

export interface ImageRef {
  url: string;
  /** Key in the images store; null where the image could not be fetched (see `missing`). */
  key: string | null;
  missing: boolean;
  bytes: number;
}

/** One saved article, as the list needs it. */
export interface SavedArticle {
  /** The canonical URL: saving the same page again replaces this entry. */
  id: string;
  url: string;
  site: string;
  lang: string | null;
  title: string;
  source: SourceRef | null;
  views: number | null;
  archivedAt: string | null;
  publishedAt: string | null;
  excerpt: string | null;
  wordCount: number;
  readingMinutes: number;
  savedAt: number;
  images: ImageRef[];
  /** Bytes stored for this article: text, HTML and images. */
  bytes: number;
}

export interface SavedBody {
  id: string;
  contentHtml: string;
  textContent: string;
  /** Folded words of the title and text: the search index. */
  words: string[];
}

export interface StoredImage {
  key: string;
  articleId: string;
  url: string;
  blob: Blob;
}

interface LibrarySchema extends DBSchema, ReadingStores {
  articles: { key: string; value: SavedArticle; indexes: { savedAt: number } };
  bodies: { key: string; value: SavedBody; indexes: { words: string } };
  images: { key: string; value: StoredImage; indexes: { articleId: string } };
}

/** The shape version 1 stored. */
export interface SavedArticleV1 {
  url: string;
  title: string;
  source: SourceRef | null;
  lang: string | null;
  views: number | null;
  archivedAt: string | null;
  contentHtml: string;
  textContent: string;
  savedAt: number;
  /** url → data URL, or null where the image was missing. */
  images: Record<string, string | null>;
}

export type LibraryDb = IDBPDatabase<LibrarySchema>;

export async function openLibrary(name = LIBRARY_DB): Promise<LibraryDb> {
  // A failed upgrade aborts the open, which then fails with a bare AbortError: its own reason
  // is kept here and given instead.
  let upgradeFailure: unknown = null;
  try {
    return await openDB<LibrarySchema>(name, LIBRARY_VERSION, {
      async upgrade(db, oldVersion, _newVersion, tx) {
        if (oldVersion < 1) {
          // A new database: straight to the current shape.
          createStores(db);
          createReadingStores(db);
          return;
        }
        if (oldVersion < 2) {
          await fromVersion1(db, tx as unknown as IDBPTransaction<LibrarySchema, StoreNames<LibrarySchema>[], 'versionchange'>).catch((e: unknown) => {
            upgradeFailure = e;
          });
        }
        // Version 3: where the reader stopped, and the highlights (reading-db.ts).
        if (oldVersion < 3 && !upgradeFailure) createReadingStores(db);
      },
      blocking(_current, _blocked, event) {
        // A newer version wants to open (an updated extension): let it.
        (event.target as IDBDatabase).close();
      },
    });
  } catch (e) {
    throw upgradeFailure ?? e;
  }
}

function createStores(db: IDBPDatabase<LibrarySchema>): void {
  db.createObjectStore('articles', { keyPath: 'id' }).createIndex('savedAt', 'savedAt');
  db.createObjectStore('bodies', { keyPath: 'id' }).createIndex('words', 'words', { multiEntry: true });
  db.createObjectStore('images', { keyPath: 'key' }).createIndex('articleId', 'articleId');
}

async function fromVersion1(db: IDBPDatabase<LibrarySchema>, tx: IDBPTransaction<LibrarySchema, StoreNames<LibrarySchema>[], 'versionchange'>): Promise<void> {
  try {
    // The version 1 store shares the name but not the key path: read it all, drop it, rebuild.
    const raw = tx.objectStore('articles' as never) as unknown as { getAll(): Promise<SavedArticleV1[]> };
    const old = await raw.getAll();
    db.deleteObjectStore('articles');
    createStores(db);
    for (const v1 of old) {
      const images: StoredImage[] = [];
      const refs: ImageRef[] = [];
      Object.entries(v1.images ?? {}).forEach(([url, dataUrl], i) => {
        const blob = dataUrl ? dataUrlToBlob(dataUrl) : null;
        // An image that cannot be read back is kept as missing (retry fetches it), not dropped.
        if (!blob || blob.size === 0) {
          refs.push({ url, key: null, missing: true, bytes: 0 });
          return;
        }
        const key = imageKey(v1.url, i);
        images.push({ key, articleId: v1.url, url, blob });
        refs.push({ url, key, missing: false, bytes: blob.size });
      });
      const wordCount = countWords(v1.textContent ?? '');
      const { article, body } = records(
        {
          isArticle: true, site: 'qazaq24', url: v1.url, lang: v1.lang, title: v1.title, source: v1.source, views: v1.views,
          archivedAt: v1.archivedAt, publishedAt: null, excerpt: null, images: refs.map((r) => r.url), contentHtml: v1.contentHtml ?? '',
          textContent: v1.textContent ?? '', wordCount, readingMinutes: readingMinutes(wordCount, v1.lang),
        },
        refs,
        v1.savedAt,
      );
      await tx.objectStore('articles').put(article);
      await tx.objectStore('bodies').put(body);
      for (const image of images) await tx.objectStore('images').put(image);
    }
  } catch (e) {
    // All or nothing: the old database stays as it was, and opening fails with the reason
    // (the transaction's own AbortError is expected, not a second failure).
    tx.done.catch(() => undefined);
    try {
      tx.abort();
    } catch {
      /* already aborted */
    }
    throw e;
  }
}

/** A data: URL's bytes; null where it is not a data URL or its base64 is broken. */
export function dataUrlToBlob(dataUrl: string): Blob | null {
  const m = /^data:([^,]*),(.*)$/s.exec(dataUrl);
  if (!m) return null;
  const params = m[1]!.split(';');
  const type = params[0] || 'application/octet-stream';
  try {
    const bytes = params.includes('base64')
      ? Uint8Array.from(atob(m[2]!.replace(/\s+/g, '')), (c) => c.charCodeAt(0))
      : new TextEncoder().encode(decodeURIComponent(m[2]!));
    return new Blob([bytes], { type });
  } catch {
    return null;
  }
}

export function imageKey(articleId: string, index: number): string {
  return `${articleId}\n${index}`;
}

function records(article: Extraction, images: ImageRef[], savedAt: number): { article: SavedArticle; body: SavedBody } {
  const textBytes = textBytesOf(article);
  const id = article.url;
  return {
    article: {
      id,
      url: article.url,
      site: article.site,
      lang: article.lang,
      title: article.title ?? article.url,
      source: article.source,
      views: article.views,
      archivedAt: article.archivedAt,
      publishedAt: article.publishedAt,
      excerpt: article.excerpt,
      wordCount: article.wordCount,
      readingMinutes: article.readingMinutes,
      savedAt,
      images,
      bytes: textBytes + images.reduce((n, i) => n + i.bytes, 0),
    },
    body: { id, contentHtml: article.contentHtml, textContent: article.textContent, words: searchIndexOf(article) },
  };
}

/** The words a search can find an article by: as written, and for Kazakh also in Latin letters. */
export function searchIndexOf(article: Pick<Extraction, 'title' | 'textContent' | 'lang'>): string[] {
  const text = `${article.title ?? ''}\n${article.textContent}`;
  const words = indexWords(text);
  return article.lang === 'kk' ? [...new Set([...words, ...indexWords(toLatin2021(text))])] : words;
}

/** Fetched images of an article: a Blob each, or null where the fetch failed. */
export type FetchedImages = ReadonlyMap<string, Blob | null>;

/**
 * Saves an article (replacing any earlier save of the same URL) in one transaction. It rejects,
 * leaving the library as it was, where the browser refuses (quota) or the transaction fails.
 */
export async function saveArticle(db: LibraryDb, article: Extraction, images: FetchedImages, savedAt = Date.now()): Promise<SavedArticle> {
  const id = article.url;
  const refs: ImageRef[] = article.images.map((url, i) => {
    const blob = images.get(url) ?? null;
    return blob ? { url, key: imageKey(id, i), missing: false, bytes: blob.size } : { url, key: null, missing: true, bytes: 0 };
  });
  const { article: saved, body } = records(article, refs, savedAt);
  await inOneTransaction(db, async (tx) => {
    const imageStore = tx.objectStore('images');
    // An image this save could not fetch but an earlier save stored is kept (saving again offline loses nothing).
    const earlier = new Map((await imageStore.index('articleId').getAll(id)).map((image) => [image.url, image.blob]));
    for (const key of await imageStore.index('articleId').getAllKeys(id)) await imageStore.delete(key);
    refs.forEach((ref, i) => {
      const kept = ref.missing ? earlier.get(ref.url) : undefined;
      if (kept) refs[i] = { url: ref.url, key: imageKey(id, i), missing: false, bytes: kept.size };
    });
    for (const ref of refs) if (ref.key) await imageStore.put({ key: ref.key, articleId: id, url: ref.url, blob: images.get(ref.url) ?? earlier.get(ref.url)! });
    saved.images = refs;
    saved.bytes = textBytesOf(article) + refs.reduce((n, r) => n + r.bytes, 0);
    await tx.objectStore('bodies').put(body);
    await tx.objectStore('articles').put(saved);
  });
  return saved;
}

function textBytesOf(article: Pick<Extraction, 'contentHtml' | 'textContent'>): number {
  return new Blob([article.contentHtml, article.textContent]).size;
}

type WriteTransaction = IDBPTransaction<LibrarySchema, ('articles' | 'bodies' | 'images' | 'reading' | 'highlights')[], 'readwrite'>;

/**
 * Runs writes in one transaction over all the stores, all or nothing: a write that throws
 * aborts the transaction (nothing of it stays), and a failure at commit (quota) rejects.
 */
async function inOneTransaction<T>(db: LibraryDb, work: (tx: WriteTransaction) => Promise<T>): Promise<T> {
  const tx = db.transaction(['articles', 'bodies', 'images', 'reading', 'highlights'], 'readwrite');
  const done = tx.done;
  try {
    const result = await work(tx);
    await done;
    return result;
  } catch (e) {
    try {
      tx.abort();
    } catch {
      /* Already finished or aborted. */
    }
    await done.catch(() => undefined);
    throw e;
  }
}

/** Puts fetched images in place of missing ones (a retry), in one transaction. */
export async function fillMissingImages(db: LibraryDb, id: string, images: FetchedImages): Promise<SavedArticle | null> {
  return inOneTransaction(db, async (tx) => {
    const article = await tx.objectStore('articles').get(id);
    if (!article) return null;
    const textBytes = article.bytes - article.images.reduce((n, r) => n + r.bytes, 0);
    const refs: ImageRef[] = [];
    for (const [i, ref] of article.images.entries()) {
      const blob = ref.missing ? images.get(ref.url) : null;
      if (!blob) {
        refs.push(ref);
        continue;
      }
      const key = imageKey(id, i);
      await tx.objectStore('images').put({ key, articleId: id, url: ref.url, blob });
      refs.push({ url: ref.url, key, missing: false, bytes: blob.size });
    }
    article.images = refs;
    article.bytes = textBytes + refs.reduce((n, r) => n + r.bytes, 0);
    await tx.objectStore('articles').put(article);
    return article;
  });
}

export async function deleteArticle(db: LibraryDb, id: string): Promise<void> {
  await inOneTransaction(db, async (tx) => {
    const keys = await tx.objectStore('images').index('articleId').getAllKeys(id);
    for (const key of keys) await tx.objectStore('images').delete(key);
    await tx.objectStore('bodies').delete(id);
    await tx.objectStore('articles').delete(id);
    await deleteReading(tx, id);
  });
}

/** Everything stored for one article, for reading it or putting it back (undo). */
export interface FullArticle {
  article: SavedArticle;
  body: SavedBody;
  images: StoredImage[];
  /** Where the reader stopped and what they marked; left as stored where undefined. */
  reading?: ReadingRecord | null;
  highlights?: Highlight[];
}

export async function getFullArticle(db: LibraryDb, id: string): Promise<FullArticle | null> {
  const tx = db.transaction(['articles', 'bodies', 'images', 'reading', 'highlights'], 'readonly');
  const [article, body, images, kept] = await Promise.all([
    tx.objectStore('articles').get(id),
    tx.objectStore('bodies').get(id),
    tx.objectStore('images').index('articleId').getAll(id),
    readReading(tx, id),
  ]);
  await tx.done;
  return article && body ? { article, body, images, ...kept } : null;
}

/** Writes back what getFullArticle read (undoing a delete; importing). One transaction for all. */
export async function putFullArticles(db: LibraryDb, entries: readonly FullArticle[]): Promise<void> {
  await replaceFullArticles(db, entries);
}

/**
 * Writes whole articles in one transaction, each replacing any article of the same id, and
 * returns what was there before (read in the same transaction, with its reading position and
 * highlights): enough to undo the write. An entry's reading and highlights are written where it
 * carries them, and left as stored where it does not.
 */
export async function replaceFullArticles(db: LibraryDb, entries: readonly FullArticle[]): Promise<FullArticle[]> {
  return inOneTransaction(db, async (tx) => {
    const previous: FullArticle[] = [];
    for (const entry of entries) {
      const { article, body, images } = entry;
      const [oldArticle, oldBody, oldImages, oldReading] = await Promise.all([
        tx.objectStore('articles').get(article.id),
        tx.objectStore('bodies').get(article.id),
        tx.objectStore('images').index('articleId').getAll(article.id),
        readReading(tx, article.id),
      ]);
      if (oldArticle && oldBody) previous.push({ article: oldArticle, body: oldBody, images: oldImages, ...oldReading });
      for (const image of oldImages) await tx.objectStore('images').delete(image.key);
      for (const image of images) await tx.objectStore('images').put(image);
      await tx.objectStore('bodies').put(body);
      await tx.objectStore('articles').put(article);
      if (entry.reading !== undefined || entry.highlights !== undefined) await writeReading(tx, article.id, entry.reading ?? null, entry.highlights ?? []);
    }
    return previous;
  });
}

/** Takes back a replaceFullArticles: the written ids removed, what was there before put back. One transaction. */
export async function restoreArticles(db: LibraryDb, written: readonly string[], previous: readonly FullArticle[]): Promise<void> {
  await inOneTransaction(db, async (tx) => {
    for (const id of written) {
      for (const key of await tx.objectStore('images').index('articleId').getAllKeys(id)) await tx.objectStore('images').delete(key);
      await tx.objectStore('bodies').delete(id);
      await tx.objectStore('articles').delete(id);
      await deleteReading(tx, id);
    }
    for (const entry of previous) {
      const { article, body, images } = entry;
      for (const image of images) await tx.objectStore('images').put(image);
      await tx.objectStore('bodies').put(body);
      await tx.objectStore('articles').put(article);
      if (entry.reading !== undefined || entry.highlights !== undefined) await writeReading(tx, article.id, entry.reading ?? null, entry.highlights ?? []);
    }
  });
}

/** Saved articles, newest first; `limit` of them (all when omitted). */
export async function listArticles(db: LibraryDb, limit = Infinity): Promise<SavedArticle[]> {
  const out: SavedArticle[] = [];
  let cursor = await db.transaction('articles').store.index('savedAt').openCursor(null, 'prev');
  while (cursor && out.length < limit) {
    out.push(cursor.value);
    cursor = await cursor.continue();
  }
  return out;
}

export function countArticles(db: LibraryDb): Promise<number> {
  return db.count('articles');
}

/**
 * Ids of the articles whose title or text has every word of the query, the last word as a
 * prefix (results as the reader types). Empty query: null (no filter).
 */
export async function searchArticles(db: LibraryDb, query: string): Promise<Set<string> | null> {
  const words = queryWords(query);
  if (!words.length) return null;
  const index = db.transaction('bodies').store.index('words');
  let result: Set<string> | null = null;
  for (const [i, word] of words.entries()) {
    const last = i === words.length - 1;
    const range = last ? IDBKeyRange.bound(word, `${word}\uffff`) : IDBKeyRange.only(word);
    const ids = new Set<string>(await index.getAllKeys(range));
    const narrowed: Set<string> = result ? new Set([...result].filter((id) => ids.has(id))) : ids;
    result = narrowed;
    if (!narrowed.size) break;
  }
  return result;
}


/** True for the browser's "no room" errors, whatever way it reports them. */
export function isQuotaError(e: unknown): boolean {
  const name = (e as { name?: unknown })?.name;
  return name === 'QuotaExceededError' || /quota/i.test(String((e as Error)?.message ?? ''));
}
