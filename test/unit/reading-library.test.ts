/**
 * The reading state in the library (src/shared/reading-db.ts) and in the library file
 * (src/shared/reading-transfer.ts) on fake-indexeddb: the upgrade of a version 2 database,
 * positions and highlights deleted, undone, exported and imported with their article, version 1
 * files still read (and their stray fields ignored), hostile records refused.
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Extraction } from '../../src/core/types.ts';
import { deleteArticle, getFullArticle, listArticles, loadSearchIndex, openLibrary, putFullArticles, saveArticle, type LibraryDb } from '../../src/shared/library-db.ts';
import { exportLibrary, importLibrary, parseLibraryFile, undoImport } from '../../src/shared/library-transfer.ts';
import {
  checkHighlight,
  checkPosition,
  deleteHighlight,
  getReadingState,
  listHighlights,
  putHighlight,
  putPosition,
  readingByArticle,
  type Highlight,
} from '../../src/shared/reading-db.ts';

function extraction(n: number): Extraction {
  const text = [`Қыран бүркіт туралы ${n}-мақала. Құсбегілер бүркітті жасына қарай бөледі.`, 'Саятшылық өнері ұрпақтан-ұрпаққа беріліп келеді.'];
  return {
    isArticle: true,
    site: 'qazaq24',
    url: `https://qazaq24.com/news/article-${n}`,
    lang: 'kk',
    title: `Қыран бүркіт түрлері ${n}`,
    source: { name: 'Kazinform', url: 'https://www.inform.kz' },
    views: 100 + n,
    archivedAt: '2026-01-30T10:54:00+05:00',
    publishedAt: null,
    excerpt: text[0]!,
    images: [],
    contentHtml: text.map((p) => `<p>${p}</p>`).join(''),
    textContent: text.join('\n'),
    wordCount: 14,
    readingMinutes: 1,
  };
}

function highlight(n: number, articleId: string, over: Partial<Highlight> = {}): Highlight {
  return {
    id: `h-${n}`,
    articleId,
    color: (['yellow', 'green', 'blue', 'pink'] as const)[n % 4]!,
    exact: 'Саятшылық өнері',
    prefix: 'жасына қарай бөледі.\n',
    suffix: ' ұрпақтан-ұрпаққа',
    block: 1,
    note: n % 2 ? `Жазба ${n}` : '',
    createdAt: 1_770_000_000_000 + n,
    updatedAt: 1_770_000_000_000 + n,
    ...over,
  };
}

const POSITION = { block: 1, fingerprint: 'саятшылық өнері ұрпақтан ұрпаққа берілі', percent: 40, finished: false };

let db: LibraryDb;

beforeEach(async () => {
  (globalThis as { indexedDB: unknown }).indexedDB = new IDBFactory();
  db = await openLibrary('reading');
});

afterEach(() => db?.close());

async function library(count = 2): Promise<string[]> {
  const ids: string[] = [];
  for (let n = 1; n <= count; n++) ids.push((await saveArticle(db, extraction(n), new Map(), 1_760_000_000_000 + n)).id);
  return ids;
}

describe('the reading stores', () => {
  it('keep a position and highlights for a saved article only; the finished mark stays', async () => {
    const [a] = await library(1);
    expect(await putPosition(db, 'https://qazaq24.com/news/not-saved', POSITION)).toBe(false);
    expect(await putHighlight(db, highlight(1, 'https://qazaq24.com/news/not-saved'))).toBe(false);
    expect(await db.count('reading')).toBe(0);
    expect(await db.count('highlights')).toBe(0);

    expect(await putPosition(db, a!, { ...POSITION, percent: 100, finished: true }, 5)).toBe(true);
    expect(await putPosition(db, a!, POSITION, 6)).toBe(true);
    expect((await readingByArticle(db)).get(a!)).toEqual({ id: a, ...POSITION, finished: true, updatedAt: 6 });
    for (const n of [2, 1]) expect(await putHighlight(db, highlight(n, a!))).toBe(true);
    expect((await getReadingState(db, a!))!.highlights.map((h) => h.id)).toEqual(['h-1', 'h-2']);
    expect(await getReadingState(db, 'https://qazaq24.com/news/not-saved')).toBeNull();
    await deleteHighlight(db, 'h-1');
    expect((await listHighlights(db)).map((h) => h.id)).toEqual(['h-2']);
  });

  it('go with the article: deleted with it, back with its undo, kept when it is saved again', async () => {
    const [a, b] = await library(2);
    await putPosition(db, a!, POSITION);
    await putHighlight(db, highlight(1, a!));
    await putHighlight(db, highlight(2, b!));
    const kept = (await getFullArticle(db, a!))!;
    expect(kept.reading).toMatchObject(POSITION);
    expect(kept.highlights!.map((h) => h.id)).toEqual(['h-1']);

    await deleteArticle(db, a!);
    expect(await db.count('reading')).toBe(0);
    expect((await listHighlights(db)).map((h) => h.id)).toEqual(['h-2']);

    await putFullArticles(db, [kept]);
    expect(await getFullArticle(db, a!)).toEqual(kept);

    await saveArticle(db, extraction(1), new Map());
    expect((await getFullArticle(db, a!))!.highlights).toEqual(kept.highlights);
    expect((await getFullArticle(db, a!))!.reading).toEqual(kept.reading);
  });
});

describe('the library file, version 2', () => {
  it('exports positions and highlights and imports them back into a fresh library', async () => {
    const [a, b] = await library(2);
    await putPosition(db, a!, POSITION, 7);
    await putHighlight(db, highlight(1, a!));
    await putHighlight(db, highlight(2, a!, { exact: 'Құсбегілер бүркітті', note: 'Бірінші жол\nекінші жол' }));
    const text = await (await exportLibrary(db)).text();
    const file = JSON.parse(text);
    expect(file.version).toBe(2);
    const first = file.articles.find((x: { id: string }) => x.id === a);
    expect(first.reading).toEqual({ ...POSITION, updatedAt: 7 });
    expect(first.highlights.map((h: { id: string }) => h.id)).toEqual(['h-1', 'h-2']);
    expect(file.articles.find((x: { id: string }) => x.id === b).reading).toBeNull();
    expect(file.articles.find((x: { id: string }) => x.id === b).highlights).toEqual([]);

    const parsed = parseLibraryFile(text);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const target = await openLibrary('target');
    try {
      expect(await importLibrary(target, parsed.entries)).toEqual({ ok: true, count: 2, replaced: [] });
      for (const id of [a!, b!]) expect(await getFullArticle(target, id)).toEqual(await getFullArticle(db, id));
    } finally {
      target.close();
    }
  });

  it("never moves one article's highlight to another: a put under its id is refused, an import under its id gets a new one, and undo leaves it", async () => {
    const [victim, other] = await library(2);
    await putHighlight(db, highlight(1, victim!, { note: 'PRIVATE NOTE' }));
    // The same id, another article: refused, the first article's note as it was.
    expect(await putHighlight(db, highlight(1, other!, { note: 'taken over' }))).toBe(false);
    expect((await getReadingState(db, victim!))!.highlights.map((h) => h.note)).toEqual(['PRIVATE NOTE']);
    expect((await getReadingState(db, other!))!.highlights).toEqual([]);
    // A file whose article names the same id.
    const file = JSON.parse(await (await exportLibrary(db)).text());
    const entry = file.articles.find((x: { id: string }) => x.id === other);
    entry.highlights = [{ ...file.articles.find((x: { id: string }) => x.id === victim).highlights[0], note: 'from the file' }];
    file.articles = [entry];
    const parsed = parseLibraryFile(JSON.stringify(file));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const result = await importLibrary(db, parsed.entries);
    expect(result.ok).toBe(true);
    const [mine, theirs] = [(await getReadingState(db, victim!))!.highlights, (await getReadingState(db, other!))!.highlights];
    expect(mine.map((h) => [h.id, h.note])).toEqual([['h-1', 'PRIVATE NOTE']]);
    expect(theirs.map((h) => h.note)).toEqual(['from the file']);
    expect(theirs[0]!.id).not.toBe('h-1');
    if (result.ok) await undoImport(db, parsed.entries, result.replaced);
    expect((await getReadingState(db, victim!))!.highlights.map((h) => [h.id, h.note])).toEqual([['h-1', 'PRIVATE NOTE']]);
  });

  it('reads a version 1 file: its articles come in and the library keeps its own positions and highlights for them', async () => {
    const [a] = await library(1);
    await putPosition(db, a!, POSITION, 9);
    await putHighlight(db, highlight(1, a!));
    const v2 = JSON.parse(await (await exportLibrary(db)).text());
    // A version 1 file as Oqy wrote it: no reading fields. And one that carries fields of that
    // name from elsewhere: version 1 readers ignored unknown fields, so they are no highlights.
    const v1 = { ...v2, version: 1, articles: v2.articles.map(({ reading: _r, highlights: _h, ...rest }: Record<string, unknown>) => rest) };
    const stray = { ...v1, articles: v1.articles.map((x: Record<string, unknown>) => ({ ...x, highlights: 'not ours', reading: { any: 1 } })) };
    for (const file of [v1, stray]) {
      const parsed = parseLibraryFile(JSON.stringify(file));
      expect(parsed.ok, JSON.stringify(parsed).slice(0, 200)).toBe(true);
      if (!parsed.ok) return;
      expect(parsed.entries[0]!.reading).toBeUndefined();
      expect(parsed.entries[0]!.highlights).toBeUndefined();
      const outcome = await importLibrary(db, parsed.entries);
      expect(outcome).toMatchObject({ ok: true, count: 1 });
      // The article was in the library: the import replaced it, and could give it back.
      expect(outcome.ok && outcome.replaced.map((r) => [r.article.id, r.highlights?.map((h) => h.id)])).toEqual([[a, ['h-1']]]);
      const after = (await getFullArticle(db, a!))!;
      expect(after.reading).toEqual({ id: a, ...POSITION, updatedAt: 9 });
      expect(after.highlights!.map((h) => h.id)).toEqual(['h-1']);
    }
  });

  it('refuses an article of a version 2 file whose reading fields are not of the format, with the place of the fault', async () => {
    const [a] = await library(1);
    await putHighlight(db, highlight(1, a!));
    const file = JSON.parse(await (await exportLibrary(db)).text());
    const cases: Array<[(x: Record<string, any>) => void, RegExp]> = [
      [(x) => (x.highlights = {}), /highlights: not a list/],
      [(x) => (x.highlights[0].color = 'red'), /highlights\[0\]: bad color/],
      [(x) => (x.highlights[0].exact = '   '), /highlights\[0\]: bad exact/],
      [(x) => (x.highlights[0].note = 'ы'.repeat(10_001)), /highlights\[0\]: bad note/],
      [(x) => x.highlights.push({ ...x.highlights[0] }), /highlights\[1\]\.id: the same id twice/],
      [(x) => (x.reading = { block: -1, fingerprint: '', percent: 0, finished: false, updatedAt: 1 }), /reading: not a reading position/],
      [(x) => (x.reading = { block: 1, fingerprint: '', percent: 101, finished: false, updatedAt: 1 }), /reading: not a reading position/],
      [(x) => (x.reading = { block: 1, fingerprint: '', percent: 10, finished: false, updatedAt: 'now' }), /reading\.updatedAt: not a time/],
    ];
    for (const [change, detail] of cases) {
      const copy = structuredClone(file);
      change(copy.articles[0]);
      const parsed = parseLibraryFile(JSON.stringify(copy));
      if (!parsed.ok) throw new Error(`the whole file was refused: ${parsed.detail}`);
      expect(parsed.entries).toEqual([]);
      expect(parsed.refused).toHaveLength(1);
      expect(parsed.refused[0]!.detail).toMatch(detail);
    }
    // A version this Oqy does not know is refused, not guessed at.
    expect(parseLibraryFile(JSON.stringify({ ...file, version: 3 }))).toMatchObject({ ok: false, reason: 'newer' });
  });
});

describe('records from outside', () => {
  it('are checked field by field', () => {
    expect(checkPosition(POSITION)).toEqual(POSITION);
    expect(checkPosition({ ...POSITION, block: 1.5 })).toBeNull();
    expect(checkPosition({ ...POSITION, fingerprint: 'x'.repeat(201) })).toBeNull();
    expect(checkPosition(null)).toBeNull();
    const good = highlight(1, 'a');
    expect(checkHighlight(good, 'other')).toEqual({ ...good, articleId: 'other' });
    expect(checkHighlight({ ...good, id: '' }, 'a')).toBe('id');
    expect(checkHighlight({ ...good, exact: 'x'.repeat(5001) }, 'a')).toBe('exact');
    expect(checkHighlight({ ...good, prefix: 7 }, 'a')).toBe('prefix');
    expect(checkHighlight({ ...good, createdAt: Number.NaN }, 'a')).toBe('time');
    expect(checkHighlight([], 'a')).toBe('not an object');
    // Only the known fields are kept: nothing else reaches the database.
    expect(Object.keys(checkHighlight({ ...good, onclick: 'alert(1)' }, 'a') as object)).not.toContain('onclick');
  });
});

describe('upgrading a version 2 database', () => {
  it('adds the two stores and keeps every article as it was', async () => {
    (globalThis as { indexedDB: unknown }).indexedDB = new IDBFactory();
    // Version 2 as it was: three stores.
    await new Promise<void>((done, fail) => {
      const request = indexedDB.open('v2', 2);
      request.onupgradeneeded = () => {
        const raw = request.result;
        raw.createObjectStore('articles', { keyPath: 'id' }).createIndex('savedAt', 'savedAt');
        raw.createObjectStore('bodies', { keyPath: 'id' }).createIndex('words', 'words', { multiEntry: true });
        raw.createObjectStore('images', { keyPath: 'key' }).createIndex('articleId', 'articleId');
        const tx = request.transaction!;
        tx.objectStore('articles').put({ id: 'https://qazaq24.com/news/a', url: 'https://qazaq24.com/news/a', title: 'Қыран', savedAt: 1, images: [], bytes: 10 });
        tx.objectStore('bodies').put({ id: 'https://qazaq24.com/news/a', contentHtml: '<p>Қыран</p>', textContent: 'Қыран', words: ['қыран'] });
      };
      request.onsuccess = () => {
        request.result.close();
        done();
      };
      request.onerror = () => fail(request.error);
    });
    const upgraded = await openLibrary('v2');
    try {
      expect(upgraded.version).toBe(4);
      expect([...upgraded.objectStoreNames].sort()).toEqual(['articles', 'bodies', 'highlights', 'images', 'reading', 'searchIndex', 'terms']);
      expect(await upgraded.getAll('articles')).toEqual([{ id: 'https://qazaq24.com/news/a', url: 'https://qazaq24.com/news/a', title: 'Қыран', savedAt: 1, images: [], bytes: 10 }]);
      expect((await upgraded.get('bodies', 'https://qazaq24.com/news/a'))!.textContent).toBe('Қыран');
      expect(await putPosition(upgraded, 'https://qazaq24.com/news/a', POSITION)).toBe(true);
      expect((await getFullArticle(upgraded, 'https://qazaq24.com/news/a'))!.reading).toMatchObject(POSITION);
    } finally {
      upgraded.close();
    }
  });
});

describe('upgrading a version 3 database', () => {
  const A = 'https://qazaq24.com/news/a';
  const B = 'https://qazaq24.com/news/b';
  const articleRecord = (id: string, title: string, savedAt: number, images: unknown[] = []) => ({
    id,
    url: id,
    site: 'qazaq24',
    lang: 'kk',
    title,
    source: null,
    views: null,
    archivedAt: null,
    publishedAt: null,
    excerpt: title,
    wordCount: 3,
    readingMinutes: 1,
    savedAt,
    images,
    bytes: 100,
  });
  const articles = [
    articleRecord(A, 'Қыран бүркіт', 1, [{ url: 'https://qazaq24.com/a.jpg', key: `${A}#0`, missing: false, bytes: 3 }]),
    articleRecord(B, 'Доллар бағамы', 2),
  ];
  const bodies = [
    { id: A, contentHtml: '<p>Қыран бүркіт саятшылық</p>', textContent: 'Қыран бүркіт саятшылық', words: ['қыран', 'бүркіт', 'саятшылық'] },
    { id: B, contentHtml: '<p>Доллар бағамы өсті</p>', textContent: 'Доллар бағамы өсті', words: ['доллар', 'бағамы', 'өсті'] },
  ];
  const readingA = { id: A, ...POSITION, updatedAt: 5 };
  const readingB = { id: B, block: 0, fingerprint: 'доллар бағамы өсті', percent: 100, finished: true, updatedAt: 6 };
  const highlights = [highlight(1, A), highlight(2, A, { note: 'Қыран туралы' }), highlight(3, B, { exact: 'Доллар', prefix: '', suffix: ' бағамы', block: 0 })];

  it('keeps every article, its text, its image, its reading position and its highlights, before and after the index is built', async () => {
    (globalThis as { indexedDB: unknown }).indexedDB = new IDBFactory();
    // Version 3 as it was: the words indexed in bodies, and the two reading stores.
    await new Promise<void>((done, fail) => {
      const request = indexedDB.open('v3', 3);
      request.onupgradeneeded = () => {
        const raw = request.result;
        raw.createObjectStore('articles', { keyPath: 'id' }).createIndex('savedAt', 'savedAt');
        raw.createObjectStore('bodies', { keyPath: 'id' }).createIndex('words', 'words', { multiEntry: true });
        raw.createObjectStore('images', { keyPath: 'key' }).createIndex('articleId', 'articleId');
        raw.createObjectStore('reading', { keyPath: 'id' });
        raw.createObjectStore('highlights', { keyPath: 'id' }).createIndex('articleId', 'articleId');
        const tx = request.transaction!;
        for (const a of articles) tx.objectStore('articles').put(a);
        for (const b of bodies) tx.objectStore('bodies').put(b);
        tx.objectStore('images').put({ key: `${A}#0`, articleId: A, url: 'https://qazaq24.com/a.jpg', blob: new Blob([new Uint8Array([1, 2, 3])], { type: 'image/jpeg' }) });
        tx.objectStore('reading').put(readingA);
        tx.objectStore('reading').put(readingB);
        for (const h of highlights) tx.objectStore('highlights').put(h);
      };
      request.onsuccess = () => {
        request.result.close();
        done();
      };
      request.onerror = () => fail(request.error);
    });
    const upgraded = await openLibrary('v3');
    try {
      expect(upgraded.version).toBe(4);
      const kept = async () => {
        const a = (await getFullArticle(upgraded, A))!;
        const b = (await getFullArticle(upgraded, B))!;
        expect(a.body.contentHtml).toBe(bodies[0]!.contentHtml);
        expect(a.body.textContent).toBe(bodies[0]!.textContent);
        expect(b.body.textContent).toBe(bodies[1]!.textContent);
        expect(a.images.map((i) => [i.key, i.url, i.blob.size])).toEqual([[`${A}#0`, 'https://qazaq24.com/a.jpg', 3]]);
        expect(a.reading).toEqual(readingA);
        expect(b.reading).toEqual(readingB);
        expect(a.highlights!.sort((x, y) => x.id.localeCompare(y.id))).toEqual([highlights[0], highlights[1]]);
        expect(b.highlights).toEqual([highlights[2]]);
        expect(await listHighlights(upgraded)).toHaveLength(3);
        expect((await readingByArticle(upgraded)).size).toBe(2);
      };
      expect(await upgraded.getAll('articles')).toEqual([articles[0], articles[1]]);
      await kept();

      // The library page's first visit writes the terms the words left for.
      const loaded = await loadSearchIndex(upgraded, await listArticles(upgraded));
      expect(loaded.index.search('саятшылық')!.ids()).toEqual(new Set([A]));
      expect(loaded.index.search('доллар')!.ids()).toEqual(new Set([B]));
      expect(loaded.index.search('қыран')!.titleMatches(A)).toBe(1);
      const records = await upgraded.getAll('articles');
      // Each record gains only the hash of its terms.
      expect(records.map(({ termsHash, ...rest }) => [typeof termsHash, rest])).toEqual([
        ['number', articles[0]],
        ['number', articles[1]],
      ]);
      await kept();
    } finally {
      upgraded.close();
    }
  });
});
