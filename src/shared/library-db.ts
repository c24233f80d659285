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
 * an index the library page keeps in memory (core/search-index.ts), stored whole in
 * `searchIndex` as a snapshot so that the next visit reads one record instead of every
 * article's terms. Each article records a hash of its terms (`termsHash`): the articles whose
 * hash is not the one the snapshot indexed are the ones saved, changed or imported since. The
 * terms of articles saved before version 4 are written when the library page first needs them.
 */
import { openDB, unwrap, type DBSchema, type IDBPDatabase, type IDBPTransaction, type StoreNames } from 'idb';
import type { Extraction, SourceRef } from '../core/types.ts';
import { WordIndexer } from '../core/search-fold.ts';
import { SearchIndex, SearchIndexBuilder, type IndexEntry, type IndexSnapshot } from '../core/search-index.ts';
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
  /** A hash of its search terms (termsHashOf), written with them; absent on articles saved before version 4. */
  termsHash?: number;
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
  searchIndex: { key: string; value: IndexSnapshot };
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
        // Version 4: the words leave their index in `bodies` for `terms` (loadSearchIndex writes them), and the index has a store of its own.
        if (oldVersion >= 2 && oldVersion < 4) {
          const bodies = tx.objectStore('bodies') as unknown as { indexNames: DOMStringList; deleteIndex(name: string): void };
          if (bodies.indexNames.contains('words')) bodies.deleteIndex('words');
          if (!db.objectStoreNames.contains('terms')) db.createObjectStore('terms', { keyPath: 'id' });
          if (!db.objectStoreNames.contains('searchIndex')) db.createObjectStore('searchIndex');
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
  db.createObjectStore('searchIndex');
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
      const terms = termsOf(article, body.words);
      await tx.objectStore('articles').put(stamped(article, terms));
      await tx.objectStore('bodies').put(storedBody(body));
      await tx.objectStore('terms').put(terms);
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

/**
 * The terms of an entry to be written, and their hash, made once: an import writes an entry
 * and then puts it in the page's search index, and both need them. Kept with the entry's list
 * of words, for as long as that list lives, and made again where the title or language changed.
 */
const entryTerms = new WeakMap<readonly string[], { article: Pick<SavedArticle, 'id' | 'title' | 'lang'>; terms: SearchTerms; hash: number }>();

function termsOfEntry(article: Pick<SavedArticle, 'id' | 'title' | 'lang'>, words: readonly string[]): { terms: SearchTerms; hash: number } {
  const known = entryTerms.get(words);
  if (known && known.article.id === article.id && known.article.title === article.title && known.article.lang === article.lang) return known;
  const terms = termsOf(article, words);
  const made = { article: { id: article.id, title: article.title, lang: article.lang }, terms, hash: termsHashOf(terms) };
  entryTerms.set(words, made);
  return made;
}

/** A hash of an article's terms (FNV-1a over the title's and the text's words). */
export function termsHashOf(terms: Pick<SearchTerms, 'title' | 'words'>): number {
  let h = 0x811c9dc5;
  for (const part of [terms.title, '\n', terms.words]) for (let i = 0; i < part.length; i++) h = Math.imul(h ^ part.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** The article record as written with `terms`: carrying their hash. */
function stamped(article: SavedArticle, terms: SearchTerms): SavedArticle {
  return { ...article, termsHash: termsHashOf(terms) };
}

/** An article as the search index takes it, from what is written of it. */
export function indexEntryOfArticle({ article, body }: Pick<FullArticle, 'article' | 'body'>): IndexEntry {
  const { terms, hash } = termsOfEntry(article, body.words);
  return { id: terms.id, title: termWords(terms.title), words: [...body.words], stamp: hash };
}

/** An article as the search index takes it, from its terms. */
export function indexEntryOf(terms: SearchTerms): IndexEntry {
  return { id: terms.id, title: termWords(terms.title), words: termWords(terms.words), stamp: termsHashOf(terms) };
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
    const terms = termsOf(saved, body.words);
    saved.termsHash = termsHashOf(terms);
    await tx.objectStore('bodies').put(storedBody(body));
    await tx.objectStore('terms').put(terms);
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
    // Only an article already there is read whole: an import into a library that does not have
    // it (the common case) asks one request an article before writing, not six.
    const ids = [...new Set(entries.map((e) => e.article.id))];
    const there = await Promise.all(ids.map((id) => tx.objectStore('articles').getKey(id)));
    const existing = ids.filter((_, i) => there[i] !== undefined);
    const before = await Promise.all(existing.map((id) => Promise.all([readFull(tx, id), tx.objectStore('images').index('articleId').getAllKeys(id)])));
    const previous = before.flatMap(([full]) => (full ? [full] : []));
    const oldImages = new Map(existing.map((id, i) => [id, before[i]![1]]));
    const writes: Promise<unknown>[] = [];
    for (const entry of entries) {
      const { article, body, images } = entry;
      const replacing = oldImages.has(article.id);
      for (const key of oldImages.get(article.id) ?? []) writes.push(tx.objectStore('images').delete(key));
      oldImages.set(article.id, []);
      for (const image of images) writes.push(tx.objectStore('images').put(image));
      const { terms, hash } = termsOfEntry(article, body.words);
      writes.push(tx.objectStore('bodies').put(storedBody(body)), tx.objectStore('terms').put(terms), tx.objectStore('articles').put({ ...article, termsHash: hash }));
      // A new article has no reading state to clear (deleting an article deletes its state): only what it brings is written.
      const bringsState = Boolean(entry.reading) || Boolean(entry.highlights?.length);
      if ((entry.reading !== undefined || entry.highlights !== undefined) && (replacing || bringsState)) {
        writes.push(writeReading(tx, article.id, entry.reading ?? null, entry.highlights ?? []));
      }
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
      const terms = termsOf(article, body.words);
      puts.push(tx.objectStore('bodies').put(storedBody(body)), tx.objectStore('terms').put(terms), tx.objectStore('articles').put(stamped(article, terms)));
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
  /** How many articles there are; null where that is not known yet (`count` of them or more: see countArticles). */
  total: number | null;
  reading: Map<string, ReadingRecord>;
}

/** IndexedDB 3.0's getAllRecords, where the browser has it (Chromium 141 and later). */
interface RecordsIndex {
  getAllRecords(options: { direction: IDBCursorDirection; count: number }): IDBRequest<{ value: SavedArticle }[]>;
}

/**
 * The newest `count` articles (in listArticles' order) and the reading records of those, in a
 * few requests: one getAllRecords read backwards where the browser has it, else a cursor that
 * skips to the count-th newest save time and one getAll from there. Counting the articles is
 * left out (counting costs as much as reading them all): the total is given where fewer than
 * `count` were found.
 */
export async function firstScreen(db: LibraryDb, count: number): Promise<FirstScreen> {
  const tx = db.transaction(['articles', 'reading'], 'readonly');
  const index = tx.objectStore('articles').index('savedAt');
  const raw = index as unknown as { getAllRecords?: unknown };
  let articles: SavedArticle[];
  if (typeof raw.getAllRecords === 'function') {
    articles = (await requestResult(unwrapIndex(index).getAllRecords({ direction: 'prev', count }))).map((r) => r.value);
  } else {
    let cursor = await index.openKeyCursor(null, 'prev');
    if (cursor && count > 1) cursor = await cursor.advance(count - 1);
    // Read upwards from there (with any other article saved at that same time), then newest first.
    const upwards = await index.getAll(cursor ? IDBKeyRange.lowerBound(cursor.key) : null);
    articles = upwards.reverse().slice(0, count);
  }
  const records = await Promise.all(articles.map((a) => tx.objectStore('reading').get(a.id)));
  await tx.done;
  const reading = new Map<string, ReadingRecord>();
  for (const record of records) if (record) reading.set(record.id, record as ReadingRecord);
  return { articles, total: articles.length < count ? articles.length : null, reading };
}

function unwrapIndex(index: unknown): RecordsIndex {
  return unwrap(index as Parameters<typeof unwrap>[0]) as unknown as RecordsIndex;
}

function requestResult<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

/** Terms read in one request while the index is built from them. */
const TERMS_CHUNK = 500;
/** Articles whose terms are read, or written where they lack them, in one transaction. */
const FILL_BATCH = 100;

/**
 * Writes the terms of the articles `ids` from their bodies (saved before version 4, or written
 * by other means), with the hash in their records. Gives the terms. Where the write is refused
 * (the disk is full), the terms are still made, from a read, and serve this visit: search works,
 * and the next visit tries the write again.
 */
async function fillTerms(db: LibraryDb, ids: readonly string[]): Promise<Map<string, SearchTerms>> {
  const out = new Map<string, SearchTerms>();
  for (let i = 0; i < ids.length; i += FILL_BATCH) {
    const batch = ids.slice(i, i + FILL_BATCH);
    try {
      await writeTerms(db, batch, out);
    } catch {
      await readTermsFromBodies(db, batch, out);
    }
  }
  return out;
}

async function writeTerms(db: LibraryDb, ids: readonly string[], out: Map<string, SearchTerms>): Promise<void> {
  const tx = db.transaction(['articles', 'bodies', 'terms'], 'readwrite');
  await Promise.all([
    ...ids.map(async (id) => {
      const [article, body] = await Promise.all([tx.objectStore('articles').get(id), tx.objectStore('bodies').get(id)]);
      if (!article || !body) return;
      const terms = termsOf(article, withWords(article, body, undefined).words);
      out.set(id, terms);
      await Promise.all([
        tx.objectStore('terms').put(terms),
        tx.objectStore('articles').put(stamped(article, terms)),
        // A version 3 body gives its words up to `terms`.
        body.words ? tx.objectStore('bodies').put(storedBody(body)) : null,
      ]);
    }),
    tx.done,
  ]);
}

async function readTermsFromBodies(db: LibraryDb, ids: readonly string[], out: Map<string, SearchTerms>): Promise<void> {
  const tx = db.transaction(['articles', 'bodies'], 'readonly');
  await Promise.all([
    ...ids.map(async (id) => {
      const [article, body] = await Promise.all([tx.objectStore('articles').get(id), tx.objectStore('bodies').get(id)]);
      if (article && body) out.set(id, termsOf(article, withWords(article, body, undefined).words));
    }),
    tx.done,
  ]);
}

/** The terms of `ids`, read (or written, where an article lacks them); a batch a transaction. */
async function readTerms(db: LibraryDb, ids: readonly string[], pause: () => Promise<void>): Promise<SearchTerms[]> {
  const out: SearchTerms[] = [];
  const lacking: string[] = [];
  for (let i = 0; i < ids.length; i += FILL_BATCH) {
    const batch = ids.slice(i, i + FILL_BATCH);
    const tx = db.transaction('terms', 'readonly');
    const read = await Promise.all(batch.map((id) => tx.store.get(id)));
    read.forEach((terms, k) => (terms ? out.push(terms) : lacking.push(batch[k]!)));
    await pause();
  }
  out.push(...(await fillTerms(db, lacking)).values());
  return out;
}

export interface LoadedIndex {
  index: SearchIndex;
  /** Where it came from: the stored snapshot (with the articles changed since read afresh), or every article's terms. */
  source: 'snapshot' | 'terms';
  /** Articles whose terms were read on top of the snapshot. */
  changed: number;
}

/**
 * The search index of `articles` (the library as the page has read it): the stored snapshot
 * where there is one, with the articles added, changed or removed since brought up to date;
 * built from every article's terms where there is none (or most of it changed). Articles
 * without terms (saved before version 4) get them first. `pause` is awaited between chunks of
 * reading, so that a page stays responsive. Whether it is worth storing again: saveSearchIndex.
 */
export async function loadSearchIndex(db: LibraryDb, articles: readonly Pick<SavedArticle, 'id' | 'termsHash'>[], pause: () => Promise<void> = () => Promise.resolve()): Promise<LoadedIndex> {
  const filled = await fillTerms(
    db,
    articles.filter((a) => a.termsHash === undefined).map((a) => a.id),
  );
  const hashes = new Map(articles.map((a) => [a.id, a.termsHash ?? (filled.has(a.id) ? termsHashOf(filled.get(a.id)!) : undefined)]));
  const saved = SearchIndex.fromSnapshot(await db.get('searchIndex', SNAPSHOT_KEY).catch(() => undefined));
  if (saved) {
    for (const id of saved.idList()) if (!hashes.has(id)) saved.remove(id);
    const stale = articles.filter((a) => saved.stampOf(a.id) !== hashes.get(a.id)).map((a) => a.id);
    // Past a quarter of the library changed, reading it all is about as quick.
    if (stale.length <= Math.max(500, articles.length / 4)) {
      const fresh = stale.filter((id) => filled.has(id));
      for (const id of fresh) saved.add(indexEntryOf(filled.get(id)!));
      for (const terms of await readTerms(db, stale.filter((id) => !filled.has(id)), pause)) saved.add(indexEntryOf(terms));
      return { index: saved, source: 'snapshot', changed: stale.length };
    }
  }
  const builder = new SearchIndexBuilder();
  const seen = new Set<string>();
  let after: string | null = null;
  for (;;) {
    const chunk: SearchTerms[] = await db.getAll('terms', after === null ? null : IDBKeyRange.lowerBound(after, true), TERMS_CHUNK);
    for (const terms of chunk) {
      if (!hashes.has(terms.id) || filled.has(terms.id)) continue;
      seen.add(terms.id);
      builder.add(indexEntryOf(terms));
    }
    if (chunk.length < TERMS_CHUNK) break;
    after = chunk[chunk.length - 1]!.id;
    await pause();
  }
  for (const terms of filled.values()) builder.add(indexEntryOf(terms));
  // An article with a hash but no terms (written by other means) gets them now.
  const missing = articles.filter((a) => !seen.has(a.id) && !filled.has(a.id)).map((a) => a.id);
  for (const terms of (await fillTerms(db, missing)).values()) builder.add(indexEntryOf(terms));
  return { index: builder.build(), source: 'terms', changed: articles.length };
}

const SNAPSHOT_KEY = 'index';

/** Stores the index as a snapshot for the next visit of the library page (replacing the one there). */
export async function saveSearchIndex(db: LibraryDb, index: SearchIndex): Promise<void> {
  await db.put('searchIndex', index.toSnapshot(), SNAPSHOT_KEY);
}

/**
 * Ids of the articles whose title or text has every word of the query, the last word as a
 * prefix (results as the reader types). Empty query: null (no filter). Builds the whole index
 * for one query: the library page keeps its index instead (loadSearchIndex).
 */
export async function searchArticles(db: LibraryDb, query: string): Promise<Set<string> | null> {
  return (await loadSearchIndex(db, await db.getAll('articles'))).index.search(query)?.ids() ?? null;
}

/** True for the browser's "no room" errors, whatever way it reports them. */
export function isQuotaError(e: unknown): boolean {
  const name = (e as { name?: unknown })?.name;
  return name === 'QuotaExceededError' || /quota/i.test(String((e as Error)?.message ?? ''));
}
