/**
 * The offline library's IndexedDB layer (src/shared/library-db.ts) on fake-indexeddb: saving,
 * replacing, missing images, failures that must change nothing, deleting, search, and the
 * upgrade of a version 1 database.
 */
import 'fake-indexeddb/auto';
import { IDBDatabase as FakeIDBDatabase, IDBFactory, IDBTransaction as FakeIDBTransaction } from 'fake-indexeddb';
import { unwrap, wrap, type IDBPDatabase } from 'idb';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Extraction } from '../../src/core/types.ts';
import {
  countArticles,
  deleteArticle,
  fillMissingImages,
  getFullArticle,
  imageKey,
  listArticles,
  loadSearchIndex,
  openLibrary,
  putFullArticles,
  saveArticle,
  saveSearchIndex,
  searchArticles,
  LIBRARY_DB,
  type FullArticle,
  type LibraryDb,
  type SavedArticleV1,
} from '../../src/shared/library-db.ts';

// ---------------------------------------------------------------------------------------------
// Articles from the fixture gold files

const FIXTURES = resolve(import.meta.dirname, '../../../shared/fixtures/qazaq24');

interface Gold {
  url: string;
  lang: string;
  title: string;
  source: { name: string; url: string | null };
  views: number;
  archivedAt: string;
  text: string[];
  images: string[];
}

const gold = (name: string) => JSON.parse(readFileSync(resolve(FIXTURES, `${name}.json`), 'utf8')) as Gold;
const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** An extraction as the extractor gives it, from a fixture's gold answer, with changes. */
function article(fixture: string, over: Partial<Extraction> & { paragraphs?: string[] } = {}): Extraction {
  const g = gold(fixture);
  const paragraphs = over.paragraphs ?? g.text;
  const images = over.images ?? g.images;
  const textContent = paragraphs.join('\n');
  const words = textContent.split(/\s+/).filter(Boolean).length;
  return {
    isArticle: true,
    site: 'qazaq24',
    url: g.url,
    lang: g.lang,
    title: g.title,
    source: g.source,
    views: g.views,
    archivedAt: g.archivedAt,
    publishedAt: null,
    excerpt: paragraphs[0] ?? null,
    wordCount: words,
    readingMinutes: Math.max(1, Math.round(words / 180)),
    ...over,
    images,
    contentHtml: [...paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`), ...images.map((src) => `<figure><img src="${src}" alt=""></figure>`)].join('\n'),
    textContent,
  };
}

/** Bytes that look like an image: a PNG signature, then a pattern from `seed`. */
function imageBytes(size: number, seed = 1): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(size);
  out.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a].slice(0, size));
  for (let i = 8; i < size; i++) out[i] = (i * 31 + seed * 17) & 0xff;
  return out;
}

const imageBlob = (size: number, seed = 1, type = 'image/png') => new Blob([imageBytes(size, seed)], { type });
const blobBytes = async (blob: Blob) => [...new Uint8Array(await blob.arrayBuffer())];

/** Everything in the three stores, image blobs read out: for comparing whole states. */
async function snapshot(db: LibraryDb): Promise<unknown> {
  const images = await db.getAll('images');
  return {
    articles: await db.getAll('articles'),
    bodies: await db.getAll('bodies'),
    images: await Promise.all(images.map(async (i) => ({ ...i, blob: { type: i.blob.type, bytes: await blobBytes(i.blob) } }))),
  };
}

async function readable(entry: FullArticle | null): Promise<unknown> {
  if (!entry) return null;
  const images = [...entry.images].sort((a, b) => a.key.localeCompare(b.key));
  return { ...entry, images: await Promise.all(images.map(async (i) => ({ ...i, blob: { type: i.blob.type, bytes: await blobBytes(i.blob) } }))) };
}

// ---------------------------------------------------------------------------------------------
// Out of room, as browsers report it. Both fakes reach into fake-indexeddb's internals: the
// steps at which a real browser fails.

interface RawStore {
  storeRecord(record: { key: unknown; value: unknown }, noOverwrite: boolean, rollbackLog?: unknown[]): unknown;
}

interface RawTransaction {
  mode: string;
  _state: string;
  _requests: unknown[];
  error: unknown;
  _abort(name: string | null): void;
  _start(): void;
}

function valueBytes(value: unknown): number {
  if (value instanceof Blob) return value.size;
  if (typeof value === 'string') return value.length * 2;
  if (typeof value === 'object' && value !== null) return Object.values(value).reduce((n: number, v) => n + valueBytes(v), 0);
  return 8;
}

/**
 * Firefox's way: the put request fails with QuotaExceededError; its error event is not
 * prevented, so the transaction aborts and every write in it is rolled back. Made by having
 * fake-indexeddb's record store (the step that carries out a put request) throw that error for
 * any record larger than `maxRecordBytes`. Returns the undo.
 */
function refuseRecordsOver(db: LibraryDb, maxRecordBytes: number): () => void {
  const raw = (db as unknown as { _rawDatabase: { rawObjectStores: Map<string, object> } })._rawDatabase;
  const proto = Object.getPrototypeOf(raw.rawObjectStores.get('images')!) as RawStore;
  const original = proto.storeRecord;
  proto.storeRecord = function (this: RawStore, record, noOverwrite, rollbackLog) {
    if (valueBytes(record.value) > maxRecordBytes) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    return original.call(this, record, noOverwrite, rollbackLog);
  };
  return () => {
    proto.storeRecord = original;
  };
}

/**
 * Chromium's way: every request succeeds, then the commit fails and the transaction aborts with
 * QuotaExceededError. Made by aborting, with that error, each read-write transaction that
 * reaches its commit (no request left). Returns the undo.
 */
function refuseCommits(): () => void {
  const proto = (FakeIDBTransaction as unknown as { prototype: RawTransaction }).prototype;
  const original = proto._start;
  proto._start = function (this: RawTransaction) {
    if (this.mode !== 'readonly' && this._state !== 'finished' && this._requests.length === 0 && !this.error) {
      this._abort('QuotaExceededError');
      return;
    }
    original.call(this);
  };
  return () => {
    proto._start = original;
  };
}

/**
 * Keeps how every transaction `db` opens from now on ends. A save that fails at a request
 * leaves its transaction's `done` promise rejected and unread (an unhandled rejection that
 * would end the run); the handler here reads it, and the test can look at the outcome.
 */
function watchTransactions(db: LibraryDb): { outcomes: Promise<string>[]; restore(): void } {
  const outcomes: Promise<string>[] = [];
  const native = (FakeIDBDatabase as unknown as { prototype: { transaction: (...args: unknown[]) => IDBTransaction } }).prototype.transaction;
  const raw: object = unwrap(db as unknown as IDBPDatabase);
  Object.defineProperty(raw, 'transaction', {
    configurable: true,
    value(this: object, ...args: unknown[]) {
      const tx = native.apply(this, args);
      outcomes.push(wrap(tx).done.then(() => 'complete', (e: unknown) => `aborted: ${(e as DOMException)?.name}`));
      return tx;
    },
  });
  return {
    outcomes,
    restore: () => void delete (raw as { transaction?: unknown }).transaction,
  };
}

// ---------------------------------------------------------------------------------------------

const EAGLE = 'article-eagle-kk';
const DOLLAR = 'article-dollar-ru';
const UNITY = 'article-unity-kk';
const WRITER = 'article-writer-kk';

let db: LibraryDb;
const undo: (() => void)[] = [];

beforeEach(async () => {
  // A database of its own for every test.
  (globalThis as { indexedDB: unknown }).indexedDB = new IDBFactory();
  db = await openLibrary();
});

afterEach(() => {
  for (const f of undo.splice(0)) f();
  db?.close();
});

function images(entries: [string, Blob | null][]): Map<string, Blob | null> {
  return new Map(entries);
}

describe('saving and reading', () => {
  it('saves an article with its images and lists and reads it back', async () => {
    const eagle = article(EAGLE);
    const [a, b] = eagle.images as [string, string];
    const saved = await saveArticle(db, eagle, images([[a, imageBlob(1200, 1)], [b, imageBlob(800, 2, 'image/jpeg')]]), 1_000);
    const dollar = await saveArticle(db, article(DOLLAR), images([]), 2_000);

    expect(saved.id).toBe(eagle.url);
    expect(saved.images).toEqual([
      { url: a, key: imageKey(eagle.url, 0), missing: false, bytes: 1200 },
      { url: b, key: imageKey(eagle.url, 1), missing: false, bytes: 800 },
    ]);
    const textBytes = new TextEncoder().encode(eagle.contentHtml + eagle.textContent).length;
    expect(saved.bytes).toBe(textBytes + 2000);

    expect((await listArticles(db)).map((x) => x.id)).toEqual([dollar.id, saved.id]);
    expect((await listArticles(db, 1)).map((x) => x.id)).toEqual([dollar.id]);
    expect(await countArticles(db)).toBe(2);

    const full = await getFullArticle(db, eagle.url);
    expect(full?.article).toEqual(saved);
    expect(full?.body.contentHtml).toBe(eagle.contentHtml);
    expect(full?.body.textContent).toBe(eagle.textContent);
    expect(full?.body.words).toContain('бүркіт');
    const stored = new Map(full!.images.map((i) => [i.url, i]));
    expect(await blobBytes(stored.get(a)!.blob)).toEqual([...imageBytes(1200, 1)]);
    expect(stored.get(b)!.blob.type).toBe('image/jpeg');
    expect(await blobBytes(stored.get(b)!.blob)).toEqual([...imageBytes(800, 2)]);
    expect(await getFullArticle(db, 'https://qazaq24.com/news/none')).toBeNull();
  });

  it('replaces an earlier save of the same URL: no duplicate, the old images gone', async () => {
    const first = article(EAGLE);
    await saveArticle(db, first, images(first.images.map((u, i) => [u, imageBlob(500 + i, i)])), 1_000);
    const second = article(EAGLE, { title: 'Қыран бүркіт түрлері (толықтырылған)', paragraphs: ['Жаңа мәтін: саятшылық туралы.'], images: ['https://qazaq24.com/storage/images/2026/01/burkit-3.jpg'] });
    await saveArticle(db, second, images([[second.images[0]!, imageBlob(300, 9)]]), 5_000);

    expect(await countArticles(db)).toBe(1);
    const all = await db.getAll('images');
    expect(all.map((i) => i.url)).toEqual(['https://qazaq24.com/storage/images/2026/01/burkit-3.jpg']);
    expect(await blobBytes(all[0]!.blob)).toEqual([...imageBytes(300, 9)]);
    const full = await getFullArticle(db, first.url);
    expect(full?.article.title).toBe('Қыран бүркіт түрлері (толықтырылған)');
    expect(full?.article.savedAt).toBe(5_000);
    expect(full?.body.textContent).toBe('Жаңа мәтін: саятшылық туралы.');
    // The old words are out of the index with the old text.
    expect(await searchArticles(db, 'құсбегілер')).toEqual(new Set());
    expect(await searchArticles(db, 'саятшылық')).toEqual(new Set([first.url]));
  });

  it('keeps an article whose image could not be fetched, with that image missing, and fills it later', async () => {
    const eagle = article(EAGLE);
    const [a, b] = eagle.images as [string, string];
    const saved = await saveArticle(db, eagle, images([[a, imageBlob(700, 1)], [b, null]]), 1_000);
    expect(saved.images[1]).toEqual({ url: b, key: null, missing: true, bytes: 0 });
    expect((await db.getAll('images')).map((i) => i.url)).toEqual([a]);

    // A retry that fails again changes nothing.
    expect(await fillMissingImages(db, eagle.url, images([[b, null]]))).toEqual(saved);

    const filled = await fillMissingImages(db, eagle.url, images([[b, imageBlob(900, 2)]]));
    expect(filled?.images[1]).toEqual({ url: b, key: imageKey(eagle.url, 1), missing: false, bytes: 900 });
    expect(filled?.bytes).toBe(saved.bytes + 900);
    const full = await getFullArticle(db, eagle.url);
    expect(full?.article).toEqual(filled);
    expect(full?.images).toHaveLength(2);
    expect(await blobBytes(full!.images.find((i) => i.url === b)!.blob)).toEqual([...imageBytes(900, 2)]);
    expect(await fillMissingImages(db, 'https://qazaq24.com/news/none', images([]))).toBeNull();
  });
});

describe('a failed write changes nothing', () => {
  async function savedTwice(): Promise<{ before: unknown; second: Extraction; big: Blob }> {
    const first = article(EAGLE);
    await saveArticle(db, first, images(first.images.map((u, i) => [u, imageBlob(400, i)])), 1_000);
    await saveArticle(db, article(DOLLAR), images([]), 2_000);
    const second = article(EAGLE, { paragraphs: ['Екінші нұсқа.'], images: [first.images[0]!, 'https://qazaq24.com/storage/images/2026/01/huge.jpg'] });
    return { before: await snapshot(db), second, big: imageBlob(3_000_000, 7) };
  }

  it('a put refused for quota (Firefox: the request fails) leaves the earlier save whole', async () => {
    const { before, second, big } = await savedTwice();
    const watch = watchTransactions(db);
    undo.push(watch.restore, refuseRecordsOver(db, 1_000_000));
    // The old images are deleted first in the same transaction; the big one is refused after.
    const attempt = saveArticle(db, second, images([[second.images[0]!, imageBlob(100, 3)], [second.images[1]!, big]]), 9_000);
    await expect(attempt).rejects.toMatchObject({ name: 'QuotaExceededError' });
    // (idb rejects `done` on the error event that precedes the abort, before the browser has
    // set transaction.error, hence its generic AbortError.)
    expect(await Promise.all(watch.outcomes)).toEqual(['aborted: AbortError']);
    expect(await snapshot(db)).toEqual(before);
  });

  it('a commit refused for quota (Chromium: the transaction aborts at the end) leaves the earlier save whole', async () => {
    const { before, second, big } = await savedTwice();
    const restore = refuseCommits();
    undo.push(restore);
    await expect(saveArticle(db, second, images([[second.images[1]!, big]]), 9_000)).rejects.toMatchObject({ name: 'QuotaExceededError' });
    await expect(putFullArticles(db, [])).rejects.toMatchObject({ name: 'QuotaExceededError' });
    await expect(deleteArticle(db, second.url)).rejects.toMatchObject({ name: 'QuotaExceededError' });
    restore();
    expect(await snapshot(db)).toEqual(before);
  });

  it('a refused putFullArticles (an import, an undo) writes none of its articles', async () => {
    const { before } = await savedTwice();
    const incoming: FullArticle[] = [];
    for (const [fixture, size] of [[WRITER, 10], [UNITY, 2_000_000]] as const) {
      const a = article(fixture, { images: ['https://qazaq24.com/storage/images/x.jpg'] });
      const other = await openScratch();
      await saveArticle(other, a, images([[a.images[0]!, imageBlob(size, 5)]]));
      incoming.push((await getFullArticle(other, a.url))!);
      other.close();
    }
    const watch = watchTransactions(db);
    undo.push(watch.restore, refuseRecordsOver(db, 1_000_000));
    await expect(putFullArticles(db, incoming)).rejects.toMatchObject({ name: 'QuotaExceededError' });
    // (idb rejects `done` on the error event that precedes the abort, before the browser has
    // set transaction.error, hence its generic AbortError.)
    expect(await Promise.all(watch.outcomes)).toEqual(['aborted: AbortError']);
    expect(await snapshot(db)).toEqual(before);
  });
});

let scratch = 0;
function openScratch(): Promise<LibraryDb> {
  return openLibrary(`scratch-${++scratch}`);
}

describe('deleting', () => {
  it('removes the article, its body and its images, and nothing of the others', async () => {
    const eagle = article(EAGLE);
    await saveArticle(db, eagle, images(eagle.images.map((u, i) => [u, imageBlob(300, i)])), 1_000);
    const other = article(WRITER, { images: ['https://qazaq24.com/storage/images/w.jpg'] });
    await saveArticle(db, other, images([[other.images[0]!, imageBlob(200, 4)]]), 2_000);
    const kept = await getFullArticle(db, eagle.url);

    await deleteArticle(db, eagle.url);
    expect(await db.get('articles', eagle.url)).toBeUndefined();
    expect(await db.get('bodies', eagle.url)).toBeUndefined();
    expect(await db.getAllFromIndex('images', 'articleId', eagle.url)).toEqual([]);
    expect(await searchArticles(db, 'бүркіт')).toEqual(new Set());
    expect((await listArticles(db)).map((a) => a.id)).toEqual([other.url]);
    expect(await db.count('images')).toBe(1);

    // What getFullArticle kept puts it back whole (the library's undo).
    await putFullArticles(db, [kept!]);
    expect(await readable(await getFullArticle(db, eagle.url))).toEqual(await readable(kept));
    expect(await searchArticles(db, 'бүркіт')).toEqual(new Set([eagle.url]));
  });
});

describe('search', () => {
  const SENATE = 'https://qazaq24.com/news/senatta-ulttyq-mudde-1051170';
  beforeEach(async () => {
    await saveArticle(db, article(EAGLE), images([]), 1_000);
    await saveArticle(db, article(DOLLAR), images([]), 2_000);
    await saveArticle(db, article(UNITY), images([]), 3_000);
    // The site's own spelling: a Latin C at the start of a Cyrillic word.
    await saveArticle(
      db,
      article(WRITER, {
        url: SENATE,
        title: 'Cенатта Ұлттық мүдде диалог алаңының отырысы өтті',
        paragraphs: ['Сенат депутаттары мен қоғам өкілдері ұлттық мүдде туралы пікір алмасты.'],
        images: [],
      }),
      images([]),
      4_000,
    );
  });
  const eagle = gold(EAGLE).url;
  const dollar = gold(DOLLAR).url;
  const unity = gold(UNITY).url;

  it('folds case', async () => {
    expect(await searchArticles(db, 'БҮРКІТ')).toEqual(new Set([eagle]));
    expect(await searchArticles(db, 'Курс Доллара')).toEqual(new Set([dollar]));
  });

  it('takes е for ё and ё for е', async () => {
    // The text says "напряжённости".
    expect(await searchArticles(db, 'напряженности')).toEqual(new Set([dollar]));
    expect(await searchArticles(db, 'напряжённости')).toEqual(new Set([dollar]));
    expect(await searchArticles(db, 'ПРЕДЫДУЩИМ ДНЕМ')).toEqual(new Set([dollar]));
  });

  it('finds a word typed with a Latin look-alike letter, and a word written with one', async () => {
    // "сeнат" with a Latin e finds the title "Cенатта" (Latin C) and the text "Сенат".
    expect(await searchArticles(db, 'с\u0065нат')).toEqual(new Set([SENATE]));
    expect(await searchArticles(db, 'сенатта')).toEqual(new Set([SENATE]));
    expect(await searchArticles(db, '\u0043енатта')).toEqual(new Set([SENATE]));
  });

  it('takes the last word as a prefix, the others whole', async () => {
    expect(await searchArticles(db, 'бүрк')).toEqual(new Set([eagle]));
    expect(await searchArticles(db, 'қыран бүрк')).toEqual(new Set([eagle]));
    expect(await searchArticles(db, 'бүркіт қыр')).toEqual(new Set([eagle]));
    // A prefix that is not the last word is not a word.
    expect(await searchArticles(db, 'бүрк қыран')).toEqual(new Set());
    expect(await searchArticles(db, 'қыр бүркіт')).toEqual(new Set());
  });

  it('intersects several words', async () => {
    const both = await searchArticles(db, 'ұлттық');
    expect(both).toEqual(new Set([unity, SENATE]));
    expect(await searchArticles(db, 'ұлттық мүдде диалог')).toEqual(new Set([SENATE]));
    expect(await searchArticles(db, 'бүркіт доллар')).toEqual(new Set());
  });

  it('leaves out one-letter words before the last rather than matching nothing', async () => {
    const inText = await searchArticles(db, 'тенге');
    expect(inText?.size).toBeGreaterThan(0);
    expect(await searchArticles(db, 'в тенге')).toEqual(inText);
    expect(await searchArticles(db, '5 тенге')).toEqual(inText);
  });

  it('reads a capital Latin H inside a Cyrillic word as Н', async () => {
    const cyrillic = await searchArticles(db, 'тенге');
    expect(cyrillic?.size).toBeGreaterThan(0);
    expect(await searchArticles(db, 'ТЕHГЕ')).toEqual(cyrillic);
  });

  it('gives null for an empty query and an empty set for no match', async () => {
    expect(await searchArticles(db, '  ')).toBeNull();
    expect(await searchArticles(db, 'жоқсөз')).toEqual(new Set());
  });
});

describe('upgrading a version 1 database', () => {
  const PNG = imageBytes(600, 3);
  const GIF = imageBytes(90, 8);
  const dataUrl = (type: string, bytes: Uint8Array) => `data:${type};base64,${btoa(String.fromCharCode(...bytes))}`;

  function v1Records(): SavedArticleV1[] {
    const eagle = article(EAGLE);
    const dollar = article(DOLLAR);
    const writer = article(WRITER);
    const [a, b] = eagle.images as [string, string];
    return [
      {
        url: eagle.url,
        title: eagle.title!,
        source: eagle.source,
        lang: eagle.lang,
        views: eagle.views,
        archivedAt: eagle.archivedAt,
        contentHtml: eagle.contentHtml,
        textContent: eagle.textContent,
        savedAt: 1_700_000_000_000,
        images: { [a]: dataUrl('image/png', PNG), [b]: null },
      },
      {
        url: dollar.url,
        title: dollar.title!,
        source: dollar.source,
        lang: dollar.lang,
        views: dollar.views,
        archivedAt: dollar.archivedAt,
        contentHtml: dollar.contentHtml,
        textContent: dollar.textContent,
        savedAt: 1_700_000_100_000,
        images: { 'https://kapital.kz/chart.gif': dataUrl('image/gif', GIF) },
      },
      {
        url: writer.url,
        title: writer.title!,
        source: null,
        lang: null,
        views: null,
        archivedAt: null,
        contentHtml: writer.contentHtml,
        textContent: writer.textContent,
        savedAt: 1_700_000_200_000,
        images: {},
      },
    ];
  }

  /** Version 1 as it was: one `articles` store keyed by url, images as data URLs in the record. */
  function createVersion1(records: SavedArticleV1[]): Promise<void> {
    return new Promise((done, failed) => {
      const request = indexedDB.open(LIBRARY_DB, 1);
      request.onupgradeneeded = () => {
        const store = request.result.createObjectStore('articles', { keyPath: 'url' });
        for (const record of records) store.put(record);
      };
      request.onsuccess = () => {
        request.result.close();
        done();
      };
      request.onerror = () => failed(request.error);
    });
  }

  it('moves every article, its text and its image bytes into the three stores', async () => {
    db.close();
    (globalThis as { indexedDB: unknown }).indexedDB = new IDBFactory();
    const records = v1Records();
    await createVersion1(records);
    db = await openLibrary();

    expect(db.version).toBe(4);
    expect([...db.objectStoreNames].sort()).toEqual(['articles', 'bodies', 'highlights', 'images', 'reading', 'searchIndex', 'terms']);
    expect(await countArticles(db)).toBe(3);
    expect((await listArticles(db)).map((a) => a.id)).toEqual(records.map((r) => r.url).reverse());

    for (const v1 of records) {
      const full = await getFullArticle(db, v1.url);
      expect(full, v1.url).not.toBeNull();
      const { article: a, body, images: stored } = full!;
      expect(a).toMatchObject({ id: v1.url, url: v1.url, title: v1.title, source: v1.source, lang: v1.lang, views: v1.views, archivedAt: v1.archivedAt, savedAt: v1.savedAt });
      expect(body.contentHtml).toBe(v1.contentHtml);
      expect(body.textContent).toBe(v1.textContent);
      expect(a.images.map((r) => [r.url, r.missing])).toEqual(Object.entries(v1.images).map(([url, data]) => [url, data === null]));
      for (const [url, data] of Object.entries(v1.images)) {
        const image = stored.find((i) => i.url === url);
        if (data === null) {
          expect(image).toBeUndefined();
          continue;
        }
        const expected = url.endsWith('.gif') ? GIF : PNG;
        expect(image?.blob.type).toBe(url.endsWith('.gif') ? 'image/gif' : 'image/png');
        expect(await blobBytes(image!.blob)).toEqual([...expected]);
      }
      const textBytes = new TextEncoder().encode(v1.contentHtml + v1.textContent).length;
      expect(a.bytes).toBe(textBytes + stored.reduce((n, i) => n + i.blob.size, 0));
    }
    // The text is searchable after the move.
    expect(await searchArticles(db, 'бүркіт')).toEqual(new Set([records[0]!.url]));
    expect(await searchArticles(db, 'тенге')).toEqual(new Set([records[1]!.url]));
    expect(await searchArticles(db, 'ертегілер')).toEqual(new Set([records[2]!.url]));
    // And the missing image can be fetched again like any other.
    const [, b] = records[0]!.images ? Object.keys(records[0]!.images) : [];
    const filled = await fillMissingImages(db, records[0]!.url, images([[b!, imageBlob(50, 1)]]));
    expect(filled?.images.every((i) => !i.missing)).toBe(true);
  });

  it('keeps every article when an image cannot be read back: that image becomes missing', async () => {
    db.close();
    (globalThis as { indexedDB: unknown }).indexedDB = new IDBFactory();
    const records = v1Records();
    const [a] = Object.keys(records[0]!.images);
    records[0]!.images[a!] = 'data:image/png;base64,@@not base64@@';
    records[1]!.images['https://kapital.kz/chart.gif'] = `data:image/gif;name=chart.gif;base64,${btoa(String.fromCharCode(...GIF))}`;
    await createVersion1(records);
    db = await openLibrary();
    expect(await countArticles(db)).toBe(3);
    const eagle = await getFullArticle(db, records[0]!.url);
    expect(eagle!.article.images).toHaveLength(Object.keys(records[0]!.images).length);
    expect(eagle!.article.images.length).toBeGreaterThan(0);
    expect(eagle!.article.images.every((i) => i.missing)).toBe(true);
    const dollar = await getFullArticle(db, records[1]!.url);
    expect(await blobBytes(dollar!.images[0]!.blob)).toEqual([...GIF]);
    expect(dollar!.article.wordCount).toBeGreaterThan(50);
    expect(dollar!.article.readingMinutes).toBeGreaterThanOrEqual(1);
  });

  it('fails to open with the reason when a record cannot be moved, and leaves version 1 as it was', async () => {
    db.close();
    (globalThis as { indexedDB: unknown }).indexedDB = new IDBFactory();
    const records = v1Records();
    // A damaged record: its text is not text.
    (records[1] as unknown as { textContent: unknown }).textContent = 42;
    await createVersion1(records);
    await expect(openLibrary()).rejects.toThrow(TypeError);
    // Still version 1, every record in it as written.
    const v1 = await new Promise<IDBDatabase>((done, failed) => {
      const request = indexedDB.open(LIBRARY_DB);
      request.onsuccess = () => done(request.result);
      request.onerror = () => failed(request.error);
    });
    expect(v1.version).toBe(1);
    const kept = await new Promise<SavedArticleV1[]>((done) => {
      const get = v1.transaction('articles').objectStore('articles').getAll();
      get.onsuccess = () => done(get.result as SavedArticleV1[]);
    });
    v1.close();
    expect(kept.map((r) => r.url).sort()).toEqual(records.map((r) => r.url).sort());
    expect(kept.find((r) => r.url === records[1]!.url)?.textContent).toBe(42);
    // Opened again once the record is mended, it upgrades.
    (globalThis as { indexedDB: unknown }).indexedDB = new IDBFactory();
    await createVersion1(v1Records());
    db = await openLibrary();
    expect(await countArticles(db)).toBe(3);
  });

  it('opens an empty version 1 database', async () => {
    db.close();
    (globalThis as { indexedDB: unknown }).indexedDB = new IDBFactory();
    await createVersion1([]);
    db = await openLibrary();
    expect(await countArticles(db)).toBe(0);
    await saveArticle(db, article(WRITER), images([]));
    expect(await countArticles(db)).toBe(1);
  });
});

describe('search in either script', () => {
  it('finds a Kazakh article by a word typed in Latin letters, with or without their marks', async () => {
    (globalThis as { indexedDB: unknown }).indexedDB = new IDBFactory();
    const db2 = await openLibrary();
    await saveArticle(db2, article(EAGLE), images([]));
    await saveArticle(db2, article(DOLLAR), images([]));
    const eagle = article(EAGLE).url;
    expect(await searchArticles(db2, 'бүркіт')).toEqual(new Set([eagle]));
    expect(await searchArticles(db2, 'bürkıt')).toEqual(new Set([eagle]));
    expect(await searchArticles(db2, 'Bürkit')).toEqual(new Set([eagle]));
    expect(await searchArticles(db2, 'burkit')).toEqual(new Set([eagle]));
    expect(await searchArticles(db2, 'QŪSBEGILER')).toEqual(new Set([eagle]));
    // Russian articles are not indexed in Latin letters.
    expect(await searchArticles(db2, 'dollara')).toEqual(new Set());
    db2.close();
  });
});

describe('saving again', () => {
  it('keeps an image stored earlier that this save could not fetch', async () => {
    (globalThis as { indexedDB: unknown }).indexedDB = new IDBFactory();
    const db2 = await openLibrary();
    const eagle = article(EAGLE);
    const [a, b] = eagle.images as [string, string];
    await saveArticle(db2, eagle, images([[a, imageBlob(300, 1)], [b, imageBlob(200, 2)]]));
    // Offline now: nothing could be fetched.
    const again = await saveArticle(db2, eagle, images([]));
    expect(again.images.map((i) => [i.missing, i.bytes])).toEqual([[false, 300], [false, 200]]);
    const full = await getFullArticle(db2, eagle.url);
    expect(full!.images.map((i) => i.blob.size).sort()).toEqual([200, 300]);
    db2.close();
  });
});

describe('the stored search index', () => {
  const eagle = () => gold(EAGLE).url;
  const dollar = () => gold(DOLLAR).url;
  const unity = () => gold(UNITY).url;

  it('is read back on the next visit with the articles saved, changed and deleted since brought up to date', async () => {
    await saveArticle(db, article(EAGLE), images([]), 1_000);
    await saveArticle(db, article(DOLLAR), images([]), 2_000);
    const first = await loadSearchIndex(db, await listArticles(db));
    expect(first.source).toBe('terms');
    await saveSearchIndex(db, first.index);

    // Since then: one new, one saved again with another title, one deleted.
    await saveArticle(db, article(UNITY), images([]), 3_000);
    await saveArticle(db, article(DOLLAR, { title: 'Қыран туралы жаңа тақырып' }), images([]), 4_000);
    await deleteArticle(db, eagle());

    const next = await loadSearchIndex(db, await listArticles(db));
    expect(next.source).toBe('snapshot');
    expect(next.changed).toBe(2);
    expect(next.index.size).toBe(2);
    expect(next.index.search('қыран')!.ids()).toEqual(new Set([dollar()]));
    expect(next.index.search('қыран')!.titleMatches(dollar())).toBe(1);
    expect(next.index.search('бүркіт')!.ids()).toEqual(new Set());
    expect(next.index.search('бірлік')!.ids()).toEqual(new Set([unity()]));
  });

  it('still searches articles saved before the terms store when the disk refuses to write their terms, and writes them on a later visit', async () => {
    await saveArticle(db, article(EAGLE), images([]), 1_000);
    await saveArticle(db, article(DOLLAR), images([]), 2_000);
    // As a library saved before version 4: no terms, no hash in the records.
    await db.clear('terms');
    for (const record of await db.getAll('articles')) {
      const { termsHash: _, ...old } = record;
      await db.put('articles', old);
    }
    const restore = refuseCommits();
    undo.push(restore);
    const full = await loadSearchIndex(db, await listArticles(db));
    expect(full.index.search('бүркіт')!.ids()).toEqual(new Set([eagle()]));
    expect(full.index.search('доллар')!.ids()).toEqual(new Set([dollar()]));
    expect(await db.count('terms')).toBe(0);
    restore();
    const later = await loadSearchIndex(db, await listArticles(db));
    expect(later.index.search('бүркіт')!.ids()).toEqual(new Set([eagle()]));
    expect(await db.count('terms')).toBe(2);
  });

  it('is built from every article when the stored one is not one it can read', async () => {
    await saveArticle(db, article(EAGLE), images([]), 1_000);
    await db.put('searchIndex', { format: 1, ids: 'x', stamps: 'not an array' } as never, 'index');
    const loaded = await loadSearchIndex(db, await listArticles(db));
    expect(loaded.source).toBe('terms');
    expect(loaded.index.search('бүркіт')!.ids()).toEqual(new Set([eagle()]));
  });
});
