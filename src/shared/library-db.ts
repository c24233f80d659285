/**
 * The offline library in IndexedDB (through idb). Four stores per article: `articles` (what the
 * list shows), `bodies` (the text), `terms` (its folded words, what search finds it by) and
 * `images` (each image of an article as a Blob). A save writes them all in one transaction:
 * after a failure there is the whole article or none of it.
 *
 * Version 1 kept everything in one `articles` store, images as data URLs inside the record;
 * opening a version 1 database moves every record into the stores, keeping all of it.
 * Version 3 adds `reading` and `highlights` (reading-db.ts), which go with their article.
 * Version 4 moves the words out of `bodies` into `terms`, without the multi-entry index that
 * versions 2 and 3 kept on them: that index cost hundreds of index entries a saved article
 * (an import of 10,000 articles took minutes) and answered a common word slowly. Search is now
 * an index the library page builds in memory from `terms` (core/search-index.ts). The terms
 * of articles saved before version 4 are written when the library page first needs them.
 */
import { openDB, type DBSchema, type IDBPDatabase, type IDBPTransaction, type StoreNames } from 'idb';
import type { Extraction, SourceRef } from '../core/types.ts';
import { WordIndexer } from '../core/search-fold.ts';
import { SearchIndexBuilder, type SearchIndex } from '../core/search-index.ts';
import { toLatin2021 } from '../core/translit/kazakh-latin.ts';
import { countWords } from '../core/text/normalize.ts';
import { readingMinutes } from '../core/text/reading-time.ts';
import { createReadingStores, deleteReading, readReading, writeReading, type Highlight, type ReadingRecord, type ReadingStores } from './reading-db.ts';

export const LIBRARY_DB = 'oqy-library';
export const LIBRARY_VERSION = 4;

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
  /** Folded words of the title and text, what search finds the article by (kept in `terms`). */
  words: string[];
}

/** A body as the `bodies` store keeps it. One written before version 4 still has its words, until its terms are written. */
export interface StoredBody {
  id: string;
  contentHtml: string;
  textContent: string;
  words?: string[];
}

/** An article's folded words as the `terms` store keeps them: one string each, words separated by a space. */
export interface SearchTerms {
  id: string;
  /** The title's words (a search ranks title matches first). */
  title: string;
  /** The words of the title and the text. */
  words: string;
}

export interface StoredImage {
  key: string;
  articleId: string;
  url: string;
  blob: Blob;
}

interface LibrarySchema extends DBSchema, ReadingStores {
  articles: { key: string; value: SavedArticle; indexes: { savedAt: number } };
  bodies: { key: string; value: StoredBody };
  images: { key: string; value: StoredImage; indexes: { articleId: string } };
  terms: { key: string; value: SearchTerms };
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
        if (upgradeFailure) return;
        // Version 3: where the reader stopped, and the highlights (reading-db.ts).
        if (oldVersion < 3) createReadingStores(db);
        // Version 4: the words leave their index in `bodies` for `terms` (fillMissingTerms writes them).
        if (oldVersion >= 2 && oldVersion < 4) {
          const bodies = tx.objectStore('bodies') as unknown as { indexNames: DOMStringList; deleteIndex(name: string): void };
          if (bodies.indexNames.contains('words')) bodies.deleteIndex('words');
          if (!db.objectStoreNames.contains('terms')) db.createObjectStore('terms', { keyPath: 'id' });
        }
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
  db.createObjectStore('bodies', { keyPath: 'id' });
  db.createObjectStore('images', { keyPath: 'key' }).createIndex('articleId', 'articleId');
  db.createObjectStore('terms', { keyPath: 'id' });
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
      await tx.objectStore('bodies').put(storedBody(body));
      await tx.objectStore('terms').put(termsOf(article, body.words));
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

// Saving and importing many articles meets the same words again and again: each word is folded,
// and each run of Cyrillic letters written in Latin letters, once.
const indexer = new WordIndexer();
const latinRuns = new Map<string, string>();
/** The runs of letters toLatin2021 rewrites, one at a time: rewriting them one by one gives the same text. */
const CYRILLIC_RUN = /[\u0400-\u04ff]+/g;

function latinText(text: string): string {
  return text.replace(CYRILLIC_RUN, (run) => {
    let latin = latinRuns.get(run);
    if (latin === undefined) {
      if (latinRuns.size >= 100_000) latinRuns.clear();
      latin = toLatin2021(run);
      latinRuns.set(run, latin);
    }
    return latin;
  });
}

/** The words a search can find an article by: as written, and for Kazakh also in Latin letters. */
export function searchIndexOf(article: Pick<Extraction, 'title' | 'textContent' | 'lang'>): string[] {
  const text = `${article.title ?? ''}\n${article.textContent}`;
  const words = indexer.indexWords(text);
  return article.lang === 'kk' ? [...new Set([...words, ...indexer.indexWords(latinText(text))])] : words;
}

/** The words of a title alone, folded as searchIndexOf folds them. */
export function titleIndexOf(title: string, lang: string | null): string[] {
  return searchIndexOf({ title, textContent: '', lang });
}

/** The terms record of an article whose words are `words`. */
export function termsOf(article: Pick<SavedArticle, 'id' | 'title' | 'lang'>, words: readonly string[]): SearchTerms {
  return { id: article.id, title: titleIndexOf(article.title, article.lang).join(' '), words: words.join(' ') };
}

/** A terms string as its words (the words have no spaces: they are letters and digits). */
export function termWords(terms: string): string[] {
  return terms ? terms.split(' ') : [];
}

function storedBody(body: SavedBody | StoredBody): StoredBody {
  return { id: body.id, contentHtml: body.contentHtml, textContent: body.textContent };
}

/** A stored body with its words: from its terms, else those a body of version 3 carries, else computed. */
function withWords(article: SavedArticle, body: StoredBody, terms: SearchTerms | undefined): SavedBody {
  const words = terms ? termWords(terms.words) : (body.words ?? searchIndexOf({ title: article.title, textContent: body.textContent, lang: article.lang }));
  return { ...storedBody(body), words };
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
    await tx.objectStore('bodies').put(storedBody(body));
    await tx.objectStore('terms').put(termsOf(saved, body.words));
    await tx.objectStore('articles').put(saved);
  });
  return saved;
}

function textBytesOf(article: Pick<Extraction, 'contentHtml' | 'textContent'>): number {
  return utf8Bytes(article.contentHtml) + utf8Bytes(article.textContent);
}

/** Bytes of `text` in UTF-8, as a Blob of it has (a lone surrogate becomes U+FFFD, 3 bytes), without making the Blob. */
export function utf8Bytes(text: string): number {
  let n = text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) continue;
    if (c < 0x800) n += 1;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      // A pair: 4 bytes for its 2 units.
      n += 2;
      i++;
    } else n += 2;
  }
  return n;
}

const ALL_STORES = ['articles', 'bodies', 'images', 'terms', 'reading', 'highlights'] as const;
type AllStores = (typeof ALL_STORES)[number][];
type WriteTransaction = IDBPTransaction<LibrarySchema, AllStores, 'readwrite'>;
type ReadTransaction = IDBPTransaction<LibrarySchema, AllStores, 'readonly' | 'readwrite'>;

/**
 * Runs writes in one transaction over all the stores, all or nothing: a write that throws
 * aborts the transaction (nothing of it stays), and a failure at commit (quota) rejects.
 */
async function inOneTransaction<T>(db: LibraryDb, work: (tx: WriteTransaction) => Promise<T>): Promise<T> {
  const tx = db.transaction([...ALL_STORES], 'readwrite');
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
    await tx.objectStore('terms').delete(id);
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
  const tx = db.transaction([...ALL_STORES], 'readonly');
  const [full] = await Promise.all([readFull(tx, id), tx.done]);
  return full;
}

/** Everything stored for `id`, read in `tx`; null where there is no such article. */
async function readFull(tx: ReadTransaction, id: string): Promise<FullArticle | null> {
  const [article, body, terms, images, kept] = await Promise.all([
    tx.objectStore('articles').get(id),
    tx.objectStore('bodies').get(id),
    tx.objectStore('terms').get(id),
    tx.objectStore('images').index('articleId').getAll(id),
    readReading(tx, id),
  ]);
  return article && body ? { article, body: withWords(article, body, terms), images, ...kept } : null;
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
    // Everything is read first, then every write is asked for at once: the browser runs a
    // transaction's requests in the order they were made, and waiting for each in turn would
    // cost a round trip a request.
    const ids = [...new Set(entries.map((e) => e.article.id))];
    const before = await Promise.all(ids.map((id) => Promise.all([readFull(tx, id), tx.objectStore('images').index('articleId').getAllKeys(id)])));
    const previous = before.flatMap(([full]) => (full ? [full] : []));
    const oldImages = new Map(ids.map((id, i) => [id, before[i]![1]]));
    const writes: Promise<unknown>[] = [];
    for (const entry of entries) {
      const { article, body, images } = entry;
      for (const key of oldImages.get(article.id) ?? []) writes.push(tx.objectStore('images').delete(key));
      oldImages.delete(article.id);
      for (const image of images) writes.push(tx.objectStore('images').put(image));
      writes.push(tx.objectStore('bodies').put(storedBody(body)), tx.objectStore('terms').put(termsOf(article, body.words)), tx.objectStore('articles').put(article));
      if (entry.reading !== undefined || entry.highlights !== undefined) writes.push(writeReading(tx, article.id, entry.reading ?? null, entry.highlights ?? []));
    }
    await Promise.all(writes);
    return previous;
  });
}

/** Takes back a replaceFullArticles: the written ids removed, what was there before put back. One transaction. */
export async function restoreArticles(db: LibraryDb, written: readonly string[], previous: readonly FullArticle[]): Promise<void> {
  await inOneTransaction(db, async (tx) => {
    const images = await Promise.all(written.map((id) => tx.objectStore('images').index('articleId').getAllKeys(id)));
    const deletes: Promise<unknown>[] = [];
    written.forEach((id, i) => {
      for (const key of images[i]!) deletes.push(tx.objectStore('images').delete(key));
      deletes.push(tx.objectStore('bodies').delete(id), tx.objectStore('terms').delete(id), tx.objectStore('articles').delete(id), deleteReading(tx, id));
    });
    // Every delete done before anything is put back under the same keys.
    await Promise.all(deletes);
    const puts: Promise<unknown>[] = [];
    for (const entry of previous) {
      const { article, body, images } = entry;
      for (const image of images) puts.push(tx.objectStore('images').put(image));
      puts.push(tx.objectStore('bodies').put(storedBody(body)), tx.objectStore('terms').put(termsOf(article, body.words)), tx.objectStore('articles').put(article));
      if (entry.reading !== undefined || entry.highlights !== undefined) puts.push(writeReading(tx, article.id, entry.reading ?? null, entry.highlights ?? []));
    }
    await Promise.all(puts);
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

/** What the library page shows first: the newest articles, how many there are, and how far those were read. */
export interface FirstScreen {
  articles: SavedArticle[];
  total: number;
  reading: Map<string, ReadingRecord>;
}

/**
 * The newest `count` articles (in listArticles' order), the number of articles, and the reading
 * records of those shown, in a handful of requests: a cursor skips to the count-th newest save
 * time, and one getAll reads from there.
 */
export async function firstScreen(db: LibraryDb, count: number): Promise<FirstScreen> {
  const tx = db.transaction(['articles', 'reading'], 'readonly');
  const store = tx.objectStore('articles');
  const totalRead = store.count();
  let cursor = await store.index('savedAt').openKeyCursor(null, 'prev');
  if (cursor && count > 1) cursor = await cursor.advance(count - 1);
  // Read upwards from there (with any other article saved at that same time), then newest first.
  const upwards = await store.index('savedAt').getAll(cursor ? IDBKeyRange.lowerBound(cursor.key) : null);
  const articles = upwards.reverse().slice(0, count);
  const [total, records] = await Promise.all([totalRead, Promise.all(articles.map((a) => tx.objectStore('reading').get(a.id)))]);
  await tx.done;
  const reading = new Map<string, ReadingRecord>();
  for (const record of records) if (record) reading.set(record.id, record as ReadingRecord);
  return { articles, total, reading };
}

/** Terms read in one request while the index is built. */
const TERMS_CHUNK = 1000;
/** Articles whose terms are written in one transaction when they lack them. */
const FILL_BATCH = 100;

/**
 * Writes the terms of every article that has none (saved before version 4, or written by other
 * means), from its body. Gives the ids of all the articles.
 */
export async function fillMissingTerms(db: LibraryDb): Promise<Set<string>> {
  const tx = db.transaction(['articles', 'terms'], 'readonly');
  const [ids, withTerms] = await Promise.all([tx.objectStore('articles').getAllKeys(), tx.objectStore('terms').getAllKeys()]);
  const have = new Set(withTerms);
  const missing = ids.filter((id) => !have.has(id));
  for (let i = 0; i < missing.length; i += FILL_BATCH) {
    const write = db.transaction(['articles', 'bodies', 'terms'], 'readwrite');
    await Promise.all([
      ...missing.slice(i, i + FILL_BATCH).map(async (id) => {
        const [article, body] = await Promise.all([write.objectStore('articles').get(id), write.objectStore('bodies').get(id)]);
        if (!article || !body) return;
        const full = withWords(article, body, undefined);
        // A version 3 body gives its words up to `terms`.
        await Promise.all([write.objectStore('terms').put(termsOf(article, full.words)), body.words ? write.objectStore('bodies').put(storedBody(body)) : null]);
      }),
      write.done,
    ]);
  }
  return new Set(ids);
}

/**
 * The search index of the whole library, built from `terms` (filled first where an article has
 * none). `pause` is awaited between chunks of reading, so that a page stays responsive.
 */
export async function loadSearchIndex(db: LibraryDb, pause: () => Promise<void> = () => Promise.resolve()): Promise<SearchIndex> {
  const ids = await fillMissingTerms(db);
  const builder = new SearchIndexBuilder();
  let after: string | null = null;
  for (;;) {
    const chunk: SearchTerms[] = await db.getAll('terms', after === null ? null : IDBKeyRange.lowerBound(after, true), TERMS_CHUNK);
    for (const terms of chunk) if (ids.has(terms.id)) builder.add({ id: terms.id, title: termWords(terms.title), words: termWords(terms.words) });
    if (chunk.length < TERMS_CHUNK) break;
    after = chunk[chunk.length - 1]!.id;
    await pause();
  }
  return builder.build();
}

/**
 * Ids of the articles whose title or text has every word of the query, the last word as a
 * prefix (results as the reader types). Empty query: null (no filter). Builds the whole index
 * for one query: the library page keeps its index instead (loadSearchIndex).
 */
export async function searchArticles(db: LibraryDb, query: string): Promise<Set<string> | null> {
  return (await loadSearchIndex(db)).search(query)?.ids() ?? null;
}

/** True for the browser's "no room" errors, whatever way it reports them. */
export function isQuotaError(e: unknown): boolean {
  const name = (e as { name?: unknown })?.name;
  return name === 'QuotaExceededError' || /quota/i.test(String((e as Error)?.message ?? ''));
}
