/**
 * Export and import of the library (src/shared/library-transfer.ts) on fake-indexeddb: a round
 * trip gives the same library, and every kind of bad file is refused with nothing changed.
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Extraction } from '../../src/core/types.ts';
import { getFullArticle, listArticles, openLibrary, saveArticle, searchArticles, type LibraryDb } from '../../src/shared/library-db.ts';
import {
  base64ToBytes,
  bytesToBase64,
  exportFileName,
  exportLibrary,
  importLibrary,
  parseLibraryFile,
  type LibraryFile,
} from '../../src/shared/library-transfer.ts';

function imageBytes(size: number, seed = 1): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(size);
  for (let i = 0; i < size; i++) out[i] = (i * 31 + seed * 17 + (i >> 8)) & 0xff;
  return out;
}

const blobBytes = async (blob: Blob) => [...new Uint8Array(await blob.arrayBuffer())];

/** Everything in the three stores, image blobs read out. */
async function snapshot(db: LibraryDb): Promise<unknown> {
  const images = await db.getAll('images');
  return {
    articles: await db.getAll('articles'),
    bodies: await db.getAll('bodies'),
    images: await Promise.all(images.map(async (i) => ({ ...i, blob: { type: i.blob.type, bytes: await blobBytes(i.blob) } }))),
  };
}

function extraction(n: number, over: Partial<Extraction> = {}): Extraction {
  const kk = n % 2 === 0;
  const text = kk
    ? [`Қыран бүркіт туралы ${n}-мақала. Құсбегілер бүркітті жасына қарай бөледі.`, 'Саятшылық өнері ұрпақтан-ұрпаққа беріліп келеді.']
    : [`Курс доллара, статья ${n}. На фоне напряжённости цена нефти превысила 70 долларов.`, 'Объём торгов составил около 1,1 млрд долларов.'];
  return {
    isArticle: true,
    site: 'qazaq24',
    url: `https://qazaq24.com/${kk ? '' : 'ru/'}news/article-${n}`,
    lang: kk ? 'kk' : 'ru',
    title: kk ? `Қыран бүркіт түрлері ${n}` : `Курс доллара ${n}`,
    source: n % 3 === 0 ? null : { name: kk ? 'Kazinform' : 'Kapital.kz', url: n % 3 === 1 ? 'https://www.inform.kz' : null },
    views: n % 4 === 0 ? null : 100 + n,
    archivedAt: n % 5 === 0 ? null : '2026-01-30T10:54:00+05:00',
    publishedAt: n % 2 ? '2026-01-30T09:00:00+05:00' : null,
    excerpt: text[0]!,
    images: [],
    contentHtml: text.map((p) => `<p>${p}</p>`).join('') + '<p>&lt;тег&gt; “тырнақша” \\ "quotes"</p>',
    textContent: text.join('\n'),
    wordCount: 20 + n,
    readingMinutes: 1,
    ...over,
  };
}

let db: LibraryDb;

beforeEach(async () => {
  (globalThis as { indexedDB: unknown }).indexedDB = new IDBFactory();
  db = await openLibrary('source');
});

afterEach(() => db?.close());

/** A library of a few articles: with images, with a missing image, with none. */
async function fillLibrary(target: LibraryDb): Promise<void> {
  for (let n = 1; n <= 6; n++) {
    const images = n % 2 ? [`https://qazaq24.com/storage/images/${n}-a.jpg`, `https://qazaq24.com/storage/images/${n}-b.png`] : [];
    const fetched = new Map<string, Blob | null>(images.map((url, i) => [url, n === 3 && i === 1 ? null : new Blob([imageBytes(300 * n + i, n + i)], { type: i ? 'image/png' : 'image/jpeg' })]));
    await saveArticle(target, extraction(n, { images }), fetched, 1_760_000_000_000 + n * 60_000);
  }
  // An image of every byte value, and an empty one (a version 1 migration can leave those).
  await saveArticle(
    target,
    extraction(7, { images: ['https://qazaq24.com/storage/images/all.bin', 'https://qazaq24.com/storage/images/empty.gif'] }),
    new Map([
      ['https://qazaq24.com/storage/images/all.bin', new Blob([Uint8Array.from({ length: 256 }, (_, i) => i)], { type: 'image/webp' })],
      ['https://qazaq24.com/storage/images/empty.gif', new Blob([], { type: '' })],
    ]),
    1_760_000_999_000,
  );
}

async function exportedText(source: LibraryDb): Promise<string> {
  return (await exportLibrary(source, undefined, new Date('2026-02-01T08:00:00Z'))).text();
}

describe('base64', () => {
  it('round-trips every byte value and refuses anything not strict base64', () => {
    const all = Uint8Array.from({ length: 256 * 3 + 1 }, (_, i) => i & 0xff);
    expect([...base64ToBytes(bytesToBase64(all))!]).toEqual([...all]);
    expect(base64ToBytes('')).toEqual(new Uint8Array(0));
    for (const bad of ['abc', 'ab=c', 'a b=', '====', 'YQ', 'YQ==YQ==', '-_-_', 'YWJj\n']) expect(base64ToBytes(bad), bad).toBeNull();
  });
});

describe('round trip', () => {
  it('export then import into a fresh library gives the same library: ids, fields, text, image bytes', async () => {
    await fillLibrary(db);
    const progress: [number, number][] = [];
    const blob = await exportLibrary(db, (done, total) => progress.push([done, total]), new Date('2026-02-01T08:00:00Z'));
    expect(blob.type).toBe('application/json');
    expect(progress[0]).toEqual([0, 7]);
    expect(progress.at(-1)).toEqual([7, 7]);

    const text = await blob.text();
    const file = JSON.parse(text) as LibraryFile;
    expect(file).toMatchObject({ format: 'oqy-library', version: 2, exportedAt: '2026-02-01T08:00:00.000Z' });
    expect(file.articles.map((a) => a.id)).toEqual((await listArticles(db)).map((a) => a.id));
    const third = file.articles.find((a) => a.id.endsWith('article-3'))!;
    expect(third.images.map((i) => [i.missing, i.data === null, i.type])).toEqual([[false, false, 'image/jpeg'], [true, true, '']]);

    const parsed = parseLibraryFile(text);
    if (!parsed.ok) throw new Error(parsed.detail);
    expect(parsed.exportedAt).toBe('2026-02-01T08:00:00.000Z');
    const fresh = await openLibrary('fresh');
    expect(await importLibrary(fresh, parsed.entries)).toEqual({ ok: true, count: 7 });
    expect(await snapshot(fresh)).toEqual(await snapshot(db));
    // The imported library works like the first: newest first, searchable, exportable the same.
    expect((await listArticles(fresh)).map((a) => a.id)).toEqual((await listArticles(db)).map((a) => a.id));
    const found = await searchArticles(db, 'напряженности');
    expect(found?.size).toBeGreaterThan(0);
    expect(await searchArticles(fresh, 'напряженности')).toEqual(found);
    expect(await exportedText(fresh)).toBe(await exportedText(db));
    fresh.close();
  });

  it('replaces an article that is already there, and keeps the others', async () => {
    await fillLibrary(db);
    const parsed = parseLibraryFile(await exportedText(db));
    if (!parsed.ok) throw new Error(parsed.detail);
    const target = await openLibrary('target');
    const one = extraction(1, { title: 'Бұрынғы нұсқа', images: ['https://qazaq24.com/storage/images/old.jpg'] });
    await saveArticle(target, one, new Map([[one.images[0]!, new Blob([imageBytes(10)], { type: 'image/jpeg' })]]), 5);
    const own = extraction(40);
    await saveArticle(target, own, new Map(), 6);

    expect(await importLibrary(target, parsed.entries)).toEqual({ ok: true, count: 7 });
    const replaced = await getFullArticle(target, one.url);
    expect(replaced?.article).toEqual((await getFullArticle(db, one.url))?.article);
    expect(replaced?.images.map((i) => i.url)).toEqual(['https://qazaq24.com/storage/images/1-a.jpg', 'https://qazaq24.com/storage/images/1-b.png']);
    expect(await target.get('articles', own.url)).toBeDefined();
    expect(await target.count('articles')).toBe(8);
    target.close();
  });

  it('exports an empty library as a file that imports as nothing', async () => {
    const text = await exportedText(db);
    const parsed = parseLibraryFile(text);
    expect(parsed).toEqual({ ok: true, entries: [], exportedAt: '2026-02-01T08:00:00.000Z' });
  });

  it('names the file by the local date', () => {
    expect(exportFileName(new Date(2026, 0, 5, 23, 59))).toBe('oqy-library-2026-01-05.json');
  });
});

describe('refusals', () => {
  let target: LibraryDb;
  let before: unknown;
  let good: LibraryFile;

  beforeEach(async () => {
    await fillLibrary(db);
    good = JSON.parse(await exportedText(db)) as LibraryFile;
    target = await openLibrary('target');
    const own = extraction(40, { images: ['https://qazaq24.com/storage/images/own.jpg'] });
    await saveArticle(target, own, new Map([[own.images[0]!, new Blob([imageBytes(50)], { type: 'image/jpeg' })]]), 9);
    before = await snapshot(target);
  });

  afterEach(() => target?.close());

  /** The file with one change made to a copy of the good export. */
  function changed(edit: (file: Record<string, unknown> & { articles: Record<string, unknown>[] }) => void): string {
    const copy = structuredClone(good) as unknown as Record<string, unknown> & { articles: Record<string, unknown>[] };
    edit(copy);
    return JSON.stringify(copy);
  }

  const image = (file: { articles: Record<string, unknown>[] }, article: number, index: number) =>
    (file.articles[article]!.images as Record<string, unknown>[])[index]!;

  /** Refused with `reason`, and the target library is as it was. */
  async function refused(text: string, reason: string, detail?: RegExp): Promise<void> {
    const parsed = parseLibraryFile(text);
    expect(parsed.ok, text.slice(0, 80)).toBe(false);
    if (parsed.ok) return;
    expect(parsed.reason).toBe(reason);
    if (detail) expect(parsed.detail).toMatch(detail);
    expect(await snapshot(target)).toEqual(before);
  }

  it('a good file is taken (the control for the cases below)', async () => {
    const parsed = parseLibraryFile(JSON.stringify(good));
    expect(parsed.ok).toBe(true);
  });

  it('refuses what is not JSON', async () => {
    await refused('', 'not-json');
    await refused('<!doctype html><title>oqy-library</title>', 'not-json');
    await refused(JSON.stringify(good).slice(0, -10), 'not-json');
  });

  it('refuses JSON of something else', async () => {
    await refused('[]', 'foreign');
    await refused('null', 'foreign');
    await refused('"oqy-library"', 'foreign');
    await refused(JSON.stringify({ version: 1, articles: [] }), 'foreign');
    await refused(JSON.stringify({ format: 'pocket-export', version: 1, articles: [] }), 'foreign');
    await refused(changed((f) => (f.format = 'Oqy-Library')), 'foreign');
  });

  it('refuses another version', async () => {
    await refused(changed((f) => (f.version = 3)), 'version');
    await refused(changed((f) => (f.version = '1')), 'version');
    await refused(changed((f) => delete f.version), 'version');
  });

  it('refuses a file with any bad field', async () => {
    const cases: [string, (f: Record<string, unknown> & { articles: Record<string, unknown>[] }) => void, RegExp][] = [
      ['exportedAt missing', (f) => delete f.exportedAt, /exportedAt/],
      ['exportedAt not a date', (f) => (f.exportedAt = 'yesterday'), /exportedAt: not a date/],
      ['articles not a list', (f) => (f.articles = {} as never), /articles: not a list/],
      ['an article not an object', (f) => (f.articles[2] = 'x' as never), /articles\[2\]: not an object/],
      ['id a number', (f) => (f.articles[0]!.id = 12), /articles\[0\]\.id: not a string/],
      ['id empty', (f) => (f.articles[0]!.id = ''), /id: empty/],
      ['the same id twice', (f) => (f.articles[1]!.id = f.articles[0]!.id), /the same id twice/],
      ['url not http', (f) => (f.articles[1]!.url = 'javascript:alert(1)'), /url: not an http\(s\) URL/],
      ['url not a URL', (f) => (f.articles[1]!.url = 'qazaq24 news'), /url: not a URL/],
      ['title null', (f) => (f.articles[3]!.title = null), /title: not a string/],
      ['lang a number', (f) => (f.articles[3]!.lang = 7), /lang: not a string/],
      ['source a string', (f) => (f.articles[0]!.source = 'Kazinform'), /source: not an object/],
      ['source url javascript:', (f) => (f.articles[0]!.source = { name: 'x', url: 'javascript:void(0)' }), /source\.url/],
      ['source without a name', (f) => (f.articles[0]!.source = { url: null }), /source\.name/],
      ['views negative', (f) => (f.articles[0]!.views = -1), /views/],
      ['views a string', (f) => (f.articles[0]!.views = '104'), /views/],
      ['views fractional', (f) => (f.articles[0]!.views = 1.5), /views: not a whole number/],
      ['wordCount missing', (f) => delete f.articles[0]!.wordCount, /wordCount/],
      ['savedAt a date string', (f) => (f.articles[0]!.savedAt = '2026-01-30'), /savedAt/],
      ['savedAt past the last date', (f) => (f.articles[0]!.savedAt = 9e15), /savedAt: not a time/],
      ['archivedAt not a date', (f) => (f.articles[0]!.archivedAt = 'кеше'), /archivedAt: not a date/],
      ['contentHtml missing', (f) => delete f.articles[4]!.contentHtml, /contentHtml/],
      ['textContent an array', (f) => (f.articles[4]!.textContent = ['a']), /textContent/],
      ['images not a list', (f) => (f.articles[0]!.images = null), /images: not a list/],
      ['an image without url', (f) => delete image(f, 0, 0).url, /images\[0\]\.url/],
      ['missing not a boolean', (f) => (image(f, 0, 0).missing = 'no'), /missing/],
      ['a missing image with data', (f) => (image(f, 4, 0).missing = true), /a missing image with data/],
      ['an image without data', (f) => (image(f, 0, 0).data = null), /without data/],
      ['type not a string', (f) => (image(f, 0, 0).type = null), /type/],
    ];
    // Newest first: index 0 is article 7 (two images), index 4 article 3 (one image, one missing).
    expect((good.articles[0]!.images as unknown[]).length).toBeGreaterThan(0);
    expect((good.articles[4]!.images as unknown[]).length).toBeGreaterThan(1);
    for (const [name, edit, detail] of cases) {
      const parsed = parseLibraryFile(changed(edit));
      expect(parsed.ok, name).toBe(false);
      if (!parsed.ok) {
        expect(parsed.reason, name).toBe('invalid');
        expect(parsed.detail, name).toMatch(detail);
      }
    }
    expect(await snapshot(target)).toEqual(before);
  });

  it('refuses corrupt image data', async () => {
    const withData = (f: { articles: Record<string, unknown>[] }) => image(f, 4, 0);
    const data = good.articles[4]!.images[0]!.data!;
    await refused(changed((f) => (withData(f).data = `${data.slice(0, 10)}!${data.slice(11)}`)), 'invalid', /data: not base64/);
    await refused(changed((f) => (withData(f).data = data.slice(0, -1))), 'invalid', /data: not base64/);
    await refused(changed((f) => (withData(f).data = `${data.slice(0, 4)}\n${data.slice(4, -1)}`)), 'invalid', /data: not base64/);
    await refused(changed((f) => (withData(f).data = data.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, ''))), 'invalid', /data: not base64/);
    await refused(changed((f) => (withData(f).data = 12345)), 'invalid', /data/);
  });

  it('refuses sizes past the limits', async () => {
    // 16 MB of image, more than the 15 MB a save ever keeps.
    await refused(changed((f) => (image(f, 0, 0).data = 'AAAA'.repeat((16 * 1024 * 1024) / 3))), 'invalid', /larger than/);
    await refused(changed((f) => (f.articles[0]!.title = 'ә'.repeat(20_000))), 'invalid', /title: longer than/);
    await refused(
      changed((f) => (f.articles[0]!.images = Array.from({ length: 1001 }, (_, i) => ({ url: `https://qazaq24.com/${i}.jpg`, missing: true, type: '', data: null })))),
      'invalid',
      /images: more than 1000/,
    );
  });

  it('a bad article late in the file keeps every earlier good one out too', async () => {
    const text = changed((f) => (f.articles[f.articles.length - 1]!.savedAt = -5));
    await refused(text, 'invalid', new RegExp(`articles\\[${good.articles.length - 1}\\]\\.savedAt`));
    for (const a of good.articles) expect(await target.get('articles', a.id)).toBeUndefined();
  });

  it('an import the browser refuses for room changes nothing and says quota', async () => {
    const parsed = parseLibraryFile(JSON.stringify(good));
    if (!parsed.ok) throw new Error(parsed.detail);
    // Chromium's way: the transaction aborts at its commit with QuotaExceededError.
    const proto = (globalThis.IDBTransaction as unknown as { prototype: { _start(): void; _abort(name: string): void } }).prototype;
    const original = proto._start;
    proto._start = function (this: { mode: string; _state: string; _requests: unknown[]; error: unknown; _abort(name: string): void }) {
      if (this.mode === 'readwrite' && this._state !== 'finished' && this._requests.length === 0 && !this.error) return this._abort('QuotaExceededError');
      original.call(this);
    };
    try {
      const result = await importLibrary(target, parsed.entries);
      expect(result).toMatchObject({ ok: false, reason: 'quota' });
    } finally {
      proto._start = original;
    }
    expect(await snapshot(target)).toEqual(before);
  });
});
