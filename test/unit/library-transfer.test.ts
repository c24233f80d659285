/**
 * Export and import of the library (src/shared/library-transfer.ts) on fake-indexeddb: a round
 * trip gives the same library; a file that is not an export, is damaged or is newer is refused
 * whole with its own reason and nothing changed; within a sound file, a bad article is refused
 * alone, with why, and the others come in; an import can be undone.
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Extraction } from '../../src/core/types.ts';
import { textMeasures } from '../../src/shared/article-limits.ts';
import {
  getFullArticle,
  listArticles,
  loadSearchIndex,
  openLibrary,
  replaceFullArticles,
  restoreArticles,
  saveArticle,
  saveSearchIndex,
  searchArticles,
  type FullArticle,
  type LibraryDb,
} from '../../src/shared/library-db.ts';
import {
  base64ToBytes,
  bytesToBase64,
  exportFileName,
  exportArticles,
  exportLibrary,
  importLibrary,
  importLibraryFile,
  parseLibraryFile,
  undoImport,
  type LibraryFile,
} from '../../src/shared/library-transfer.ts';

/** The clock of these tests' imports: after every save time below. */
const NOW = Date.parse('2026-03-01T00:00:00Z');

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
    // As a save stores them: measured from the text (an import recomputes them so).
    ...textMeasures(text.join('\n'), kk ? 'kk' : 'ru'),
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
  // An image of every byte value.
  await saveArticle(
    target,
    extraction(7, { images: ['https://qazaq24.com/storage/images/all.bin'] }),
    new Map([['https://qazaq24.com/storage/images/all.bin', new Blob([Uint8Array.from({ length: 256 }, (_, i) => i)], { type: 'image/webp' })]]),
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

    const parsed = parseLibraryFile(text, NOW);
    if (!parsed.ok) throw new Error(parsed.detail);
    expect(parsed.exportedAt).toBe('2026-02-01T08:00:00.000Z');
    expect(parsed.refused).toEqual([]);
    const fresh = await openLibrary('fresh');
    expect(await importLibrary(fresh, parsed.entries)).toEqual({ ok: true, count: 7, replaced: [] });
    expect(await snapshot(fresh)).toEqual(await snapshot(db));
    // The imported library works like the first: newest first, searchable, exportable the same.
    expect((await listArticles(fresh)).map((a) => a.id)).toEqual((await listArticles(db)).map((a) => a.id));
    const found = await searchArticles(db, 'напряженности');
    expect(found?.size).toBeGreaterThan(0);
    expect(await searchArticles(fresh, 'напряженности')).toEqual(found);
    expect(await exportedText(fresh)).toBe(await exportedText(db));
    fresh.close();
  });

  it('replaces an article that is already there, keeps the others, and says what it replaced; undo puts it all back', async () => {
    await fillLibrary(db);
    const parsed = parseLibraryFile(await exportedText(db), NOW);
    if (!parsed.ok) throw new Error(parsed.detail);
    const target = await openLibrary('target');
    const one = extraction(1, { title: 'Бұрынғы нұсқа', images: ['https://qazaq24.com/storage/images/old.jpg'] });
    await saveArticle(target, one, new Map([[one.images[0]!, new Blob([imageBytes(10)], { type: 'image/jpeg' })]]), 1_770_000_000_000);
    const own = extraction(40);
    await saveArticle(target, own, new Map(), 1_770_000_060_000);
    const before = await snapshot(target);
    const earlier = await getFullArticle(target, one.url);

    const result = await importLibrary(target, parsed.entries);
    if (!result.ok) throw new Error(result.error);
    expect(result.count).toBe(7);
    expect(result.replaced.map((e) => e.article.id)).toEqual([one.url]);
    expect(result.replaced[0]!.article).toEqual(earlier!.article);
    expect(await Promise.all(result.replaced[0]!.images.map((i) => blobBytes(i.blob)))).toEqual(await Promise.all(earlier!.images.map((i) => blobBytes(i.blob))));
    const replaced = await getFullArticle(target, one.url);
    expect(replaced?.article).toEqual((await getFullArticle(db, one.url))?.article);
    expect(replaced?.images.map((i) => i.url)).toEqual(['https://qazaq24.com/storage/images/1-a.jpg', 'https://qazaq24.com/storage/images/1-b.png']);
    expect(await target.get('articles', own.url)).toBeDefined();
    expect(await target.count('articles')).toBe(8);

    await undoImport(target, parsed.entries, result.replaced);
    expect(await snapshot(target)).toEqual(before);
    target.close();
  });

  it('exports an empty library as a file that imports as nothing', async () => {
    const text = await exportedText(db);
    const parsed = parseLibraryFile(text, NOW);
    expect(parsed).toEqual({ ok: true, entries: [], refused: [], imagesDropped: 0, exportedAt: '2026-02-01T08:00:00.000Z' });
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

  type EditableFile = Record<string, unknown> & { articles: Record<string, unknown>[] };

  /** The file with one change made to a copy of the good export. */
  function changed(edit: (file: EditableFile) => void): string {
    const copy = structuredClone(good) as unknown as EditableFile;
    edit(copy);
    return JSON.stringify(copy);
  }

  const image = (file: { articles: Record<string, unknown>[] }, article: number, index: number) =>
    (file.articles[article]!.images as Record<string, unknown>[])[index]!;

  /** The whole file refused with `reason`, and the target library as it was. */
  async function refusedWhole(text: string, reason: string, detail?: RegExp): Promise<void> {
    const parsed = parseLibraryFile(text, NOW);
    expect(parsed.ok, text.slice(0, 80)).toBe(false);
    if (parsed.ok) return;
    expect(parsed.reason, text.slice(0, 80)).toBe(reason);
    if (detail) expect(parsed.detail).toMatch(detail);
    expect(await snapshot(target)).toEqual(before);
  }

  /** Article `index` refused with `reason`, every other article of the file taken. */
  function refusedAlone(text: string, index: number, reason: string, detail: RegExp, name = ''): void {
    const parsed = parseLibraryFile(text, NOW);
    if (!parsed.ok) throw new Error(`${name}: the whole file was refused: ${parsed.detail}`);
    expect(parsed.refused.map((r) => [r.index, r.reason]), name).toEqual([[index, reason]]);
    expect(parsed.refused[0]!.detail, name).toMatch(detail);
    expect(parsed.entries.map((e) => e.article.id), name).toEqual(good.articles.filter((_, i) => i !== index).map((a) => a.id));
  }

  it('a good file is taken whole (the control for the cases below)', async () => {
    const parsed = parseLibraryFile(JSON.stringify(good), NOW);
    expect(parsed.ok && parsed.refused).toEqual([]);
    expect(parsed.ok && parsed.entries.length).toBe(good.articles.length);
  });

  it('calls a file that is not an Oqy export foreign', async () => {
    await refusedWhole('', 'foreign');
    await refusedWhole('<!doctype html><title>oqy-library</title>', 'foreign');
    await refusedWhole('[]', 'foreign');
    await refusedWhole('null', 'foreign');
    await refusedWhole('"oqy-library"', 'foreign');
    await refusedWhole(JSON.stringify({ version: 1, articles: [] }), 'foreign');
    await refusedWhole(JSON.stringify({ format: 'pocket-export', version: 1, articles: [] }), 'foreign');
    await refusedWhole(changed((f) => (f.format = 'Oqy-Library')), 'foreign');
  });

  it('calls an export cut short, or with its frame broken, damaged', async () => {
    const text = JSON.stringify(good);
    await refusedWhole(text.slice(0, -10), 'damaged', /not JSON/);
    await refusedWhole(text.slice(0, Math.floor(text.length / 2)), 'damaged');
    await refusedWhole(changed((f) => (f.version = '1')), 'damaged');
    await refusedWhole(changed((f) => delete f.version), 'damaged');
    await refusedWhole(changed((f) => delete f.exportedAt), 'damaged', /exportedAt/);
    await refusedWhole(changed((f) => (f.exportedAt = 'yesterday')), 'damaged', /exportedAt: not a date/);
    await refusedWhole(changed((f) => (f.articles = {} as never)), 'damaged', /articles: not a list/);
  });

  it('calls an export of a later format version newer, and a version it never wrote damaged', async () => {
    await refusedWhole(changed((f) => (f.version = 3)), 'newer', /version 3/);
    await refusedWhole(changed((f) => (f.version = 17)), 'newer');
    await refusedWhole(changed((f) => delete f.version), 'damaged');
  });

  it('refuses an article with a bad field alone, saying which field, and takes the others', () => {
    const cases: [string, number, string, (f: EditableFile) => void, RegExp][] = [
      ['an article not an object', 2, 'fields', (f) => (f.articles[2] = 'x' as never), /articles\[2\]: not an object/],
      ['id a number', 0, 'fields', (f) => (f.articles[0]!.id = 12), /articles\[0\]\.id: not a string/],
      ['id empty', 0, 'address', (f) => (f.articles[0]!.id = ''), /id: not the article's url/],
      ['id another address than url', 1, 'address', (f) => (f.articles[1]!.id = 'https://victim.example.kz/news/1'), /id: not the article's url/],
      ['the same article twice', 1, 'duplicate', (f) => (f.articles[1] = structuredClone(f.articles[0]!)), /the same id twice/],
      ['url not http', 1, 'address', (f) => (f.articles[1]!.url = f.articles[1]!.id = 'javascript:alert(1)'), /url: not an http\(s\) URL/],
      ['url not a URL', 1, 'address', (f) => (f.articles[1]!.url = f.articles[1]!.id = 'qazaq24 news'), /url: not an http\(s\) URL/],
      ['title null', 3, 'fields', (f) => (f.articles[3]!.title = null), /title: not a string/],
      ['lang a number', 3, 'fields', (f) => (f.articles[3]!.lang = 7), /lang: not a string/],
      ['source a string', 0, 'fields', (f) => (f.articles[0]!.source = 'Kazinform'), /source: not an object/],
      ['source url javascript:', 0, 'address', (f) => (f.articles[0]!.source = { name: 'x', url: 'javascript:void(0)' }), /source\.url/],
      ['source without a name', 0, 'fields', (f) => (f.articles[0]!.source = { url: null }), /source\.name/],
      ['views a string', 0, 'fields', (f) => (f.articles[0]!.views = '104'), /views/],
      ['savedAt a date string', 0, 'fields', (f) => (f.articles[0]!.savedAt = '2026-01-30'), /savedAt/],
      ['savedAt not finite', 0, 'fields', (f) => (f.articles[0]!.savedAt = null), /savedAt: not a time/],
      ['archivedAt a number', 0, 'fields', (f) => (f.articles[0]!.archivedAt = 20260130), /archivedAt: not a string/],
      ['contentHtml missing', 4, 'fields', (f) => delete f.articles[4]!.contentHtml, /contentHtml/],
      ['textContent an array', 4, 'fields', (f) => (f.articles[4]!.textContent = ['a']), /textContent/],
      ['images not a list', 0, 'fields', (f) => (f.articles[0]!.images = null), /images: not a list/],
      ['an image without url', 0, 'fields', (f) => delete image(f, 0, 0).url, /images\[0\]\.url/],
      ['an image at javascript:', 0, 'address', (f) => (image(f, 0, 0).url = 'javascript:alert(1)'), /images\[0\]\.url/],
      ['missing not a boolean', 0, 'fields', (f) => (image(f, 0, 0).missing = 'no'), /missing/],
      ['a missing image with data', 4, 'image', (f) => (image(f, 4, 0).missing = true), /a missing image with data/],
      ['an image without data', 0, 'image', (f) => (image(f, 0, 0).data = null), /without data/],
      ['type not a string', 0, 'fields', (f) => (image(f, 0, 0).type = null), /type/],
    ];
    // Newest first: index 0 is article 7 (one image), index 4 article 3 (one image, one missing).
    expect((good.articles[0]!.images as unknown[]).length).toBeGreaterThan(0);
    expect((good.articles[4]!.images as unknown[]).length).toBeGreaterThan(1);
    for (const [name, index, reason, edit, detail] of cases) refusedAlone(changed(edit), index, reason, detail, name);
  });

  it('names a refused article by its id and title where the file gives them', () => {
    const parsed = parseLibraryFile(changed((f) => (f.articles[3]!.savedAt = 'кеше')), NOW);
    if (!parsed.ok) throw new Error(parsed.detail);
    expect(parsed.refused).toEqual([
      { index: 3, id: good.articles[3]!.id, title: good.articles[3]!.title, reason: 'fields', detail: '$.articles[3].savedAt: not a time' },
    ]);
  });

  it('refuses an article with corrupt image data alone', () => {
    const data = good.articles[4]!.images[0]!.data!;
    const withData = (f: EditableFile) => image(f, 4, 0);
    refusedAlone(changed((f) => (withData(f).data = `${data.slice(0, 10)}!${data.slice(11)}`)), 4, 'image', /data: not base64/);
    refusedAlone(changed((f) => (withData(f).data = data.slice(0, -1))), 4, 'image', /data: not base64/);
    refusedAlone(changed((f) => (withData(f).data = `${data.slice(0, 4)}\n${data.slice(4, -1)}`)), 4, 'image', /data: not base64/);
    refusedAlone(changed((f) => (withData(f).data = data.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, ''))), 4, 'image', /data: not base64/);
    refusedAlone(changed((f) => (withData(f).data = 12345)), 4, 'image', /data/);
  });

  it('refuses an article whose id has a line break, a control character or half a surrogate pair, and takes one as long as the limit; the stored search index still reads back', async () => {
    const address = good.articles[0]!.id;
    const longest = `https://qazaq24.com/news/${'ұ'.repeat(8192 - 'https://qazaq24.com/news/'.length)}`;
    const hostile = [`${address}\nhttps://qazaq24.com/news/other`, `${address}\r`, `${address}\t1`, `${address}\u0000`, `${address}\ud800`, `https://qazaq24.com/\udc00${address.slice(20)}`];
    const withIds = (ids: string[]) =>
      changed((f) => {
        f.articles = ids.map((id, i) => ({ ...f.articles[0]!, id, url: id, title: `Ұзын мекенжай ${i}`, images: [] }));
      });
    // The URL parser takes every one of these as an address (it drops the breaks): the id is what must be refused.
    for (const id of hostile) expect(new URL(id).protocol).toBe('https:');
    const parsed = parseLibraryFile(withIds([...hostile, longest, `${longest}a`]), NOW);
    if (!parsed.ok) throw new Error(parsed.detail);
    expect(parsed.refused.map((r) => [r.index, r.reason])).toEqual([...hostile.map((_, i) => [i, 'address']), [hostile.length + 1, 'size']]);
    expect(parsed.entries.map((e) => e.article.id)).toEqual([longest]);

    // Written, indexed and stored, the index is read back from its snapshot with the article in it.
    await importLibrary(target, parsed.entries);
    const articles = await target.getAll('articles');
    await saveSearchIndex(target, (await loadSearchIndex(target, articles)).index);
    const again = await loadSearchIndex(target, articles);
    expect(again.source).toBe('snapshot');
    expect(again.index.size).toBe(2);
    expect([...(again.index.search('мекенжай')?.ids() ?? [])]).toEqual([longest]);
  });

  it('refuses an article past the limits alone', () => {
    // 16 MB of image, more than the 15 MB a save ever keeps.
    refusedAlone(changed((f) => (image(f, 0, 0).data = 'AAAA'.repeat((16 * 1024 * 1024) / 3))), 0, 'size', /larger than/);
    refusedAlone(changed((f) => (f.articles[0]!.title = 'ә'.repeat(20_000))), 0, 'size', /title: longer than/);
    refusedAlone(changed((f) => (image(f, 0, 0).url = `https://qazaq24.com/${'a'.repeat(9000)}.jpg`)), 0, 'size', /url: longer than 8192/);
    refusedAlone(
      changed((f) => (f.articles[0]!.images = Array.from({ length: 1001 }, (_, i) => ({ url: `https://qazaq24.com/${i}.jpg`, missing: true, type: '', data: null })))),
      0,
      'size',
      /images: more than 1000/,
    );
  });

  it('takes an image whose type is not an image\'s (or is SVG) as missing, and counts it', () => {
    for (const type of ['text/html', 'application/octet-stream', 'image/svg+xml', '']) {
      const parsed = parseLibraryFile(changed((f) => (image(f, 0, 0).type = type)), NOW);
      if (!parsed.ok) throw new Error(parsed.detail);
      expect(parsed.refused, type).toEqual([]);
      expect(parsed.imagesDropped, type).toBe(1);
      const entry = parsed.entries.find((e) => e.article.id === good.articles[0]!.id)!;
      expect(entry.article.images[0], type).toMatchObject({ missing: true, key: null, bytes: 0 });
      expect(entry.images, type).toEqual([]);
    }
  });

  it('recomputes counts from the text and does not believe impossible numbers', () => {
    const parsed = parseLibraryFile(
      changed((f) => {
        Object.assign(f.articles[0]!, { views: 1e21, readingMinutes: 1e300, wordCount: -3, bytes: 1e30, savedAt: 8.64e15 });
        Object.assign(f.articles[1]!, { views: -1, savedAt: -5, archivedAt: '+275760-09-13T00:00:00.000Z', publishedAt: 'кеше' });
        Object.assign(f.articles[2]!, { views: 1.5 });
      }),
      NOW,
    );
    if (!parsed.ok) throw new Error(parsed.detail);
    expect(parsed.refused).toEqual([]);
    const [a, b, c] = parsed.entries.map((e) => e.article);
    const original = good.articles[0]!;
    expect(a).toMatchObject({ views: null, wordCount: original.wordCount, readingMinutes: original.readingMinutes, savedAt: NOW });
    expect(a!.bytes).toBeLessThan(1e6);
    expect(b).toMatchObject({ views: null, savedAt: Date.UTC(2020, 0, 1), archivedAt: null, publishedAt: null });
    expect(c!.views).toBeNull();
  });

  it('an import the browser refuses for room changes nothing and says quota', async () => {
    const parsed = parseLibraryFile(JSON.stringify(good), NOW);
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

describe('a failed import', () => {
  let target: LibraryDb;
  let file: string;
  /** The file's first three articles: the first two have earlier saves in the target, the third is new to it. */
  let ids: string[];
  let earlier: FullArticle[];

  const noRoom = () => new DOMException('no room left', 'QuotaExceededError');
  /** Writes the first batch, and fails the second for room. */
  const failSecondBatch = () => {
    let batches = 0;
    return (into: LibraryDb, entries: readonly FullArticle[]) => (++batches === 2 ? Promise.reject(noRoom()) : replaceFullArticles(into, entries));
  };
  const imageBytesOf = (entry: FullArticle | null) => Promise.all((entry?.images ?? []).map((i) => blobBytes(i.blob)));

  beforeEach(async () => {
    await fillLibrary(db);
    file = await exportedText(db);
    ids = (JSON.parse(file) as LibraryFile).articles.slice(0, 3).map((a) => a.id);
    target = await openLibrary('target');
    const [first, second] = [7, 6].map((n) => extraction(n, { title: `Бұрынғы нұсқа ${n}`, images: [`https://qazaq24.com/storage/images/old-${n}.jpg`] }));
    expect([first!.url, second!.url]).toEqual(ids.slice(0, 2));
    for (const [i, save] of [first!, second!].entries()) {
      await saveArticle(target, save, new Map([[save.images[0]!, new Blob([imageBytes(40 + i, i)], { type: 'image/jpeg' })]]), 1_770_000_000_000 + i);
    }
    earlier = await Promise.all(ids.slice(0, 2).map(async (id) => (await getFullArticle(target, id))!));
  });

  afterEach(() => target?.close());

  it('puts back the saves it replaced and takes out what it added: the library is as it was', async () => {
    const before = await snapshot(target);
    const result = await importLibraryFile(target, file, { batchSize: 3, now: NOW, write: failSecondBatch() });
    expect(result).toMatchObject({ ok: false, reason: 'quota', kept: 0, unrestored: [] });
    expect(await snapshot(target)).toEqual(before);
  });

  it('is taken back as well where the page\'s hook told of a written batch throws', async () => {
    const before = await snapshot(target);
    const result = await importLibraryFile(target, file, {
      batchSize: 3,
      now: NOW,
      written: () => {
        throw new Error('the index could not take it');
      },
    });
    expect(result).toMatchObject({ ok: false, reason: 'failed', error: 'the index could not take it', kept: 0, unrestored: [] });
    expect(await snapshot(target)).toEqual(before);
  });

  it('where a save does not fit back, puts back the others and hands that one back, to be saved as a file that imports it again', async () => {
    // Putting the first article's earlier save back fails (no room for it); everything else goes.
    const restore = (into: LibraryDb, written: readonly string[], previous: readonly FullArticle[]) =>
      previous.some((e) => e.article.id === ids[0]) ? Promise.reject(noRoom()) : restoreArticles(into, written, previous);
    const result = await importLibraryFile(target, file, { batchSize: 3, now: NOW, write: failSecondBatch(), restore });
    if (!('kept' in result) || result.ok) throw new Error('the import was to fail');
    expect(result.reason).toBe('quota');
    // The imported version of the first is still in the library; its earlier save is handed back whole.
    expect(result.kept).toBe(1);
    expect(result.unrestored.map((e) => e.article)).toEqual([earlier[0]!.article]);
    expect(await imageBytesOf(result.unrestored[0]!)).toEqual(await imageBytesOf(earlier[0]!));
    expect((await getFullArticle(target, ids[0]!))?.article.title).toBe((await getFullArticle(db, ids[0]!))?.article.title);
    // The second is its earlier save again, and the article the import added is gone.
    expect((await getFullArticle(target, ids[1]!))?.article).toEqual(earlier[1]!.article);
    expect(await imageBytesOf(await getFullArticle(target, ids[1]!))).toEqual(await imageBytesOf(earlier[1]!));
    expect(await target.get('articles', ids[2]!)).toBeUndefined();
    expect(await target.count('articles')).toBe(2);

    // The file of what was handed back puts the earlier save back once there is room.
    const saved = await (await exportArticles(result.unrestored)).text();
    expect(await importLibraryFile(target, saved, { now: NOW })).toMatchObject({ ok: true, count: 1, imported: [ids[0]], refused: [] });
    expect((await getFullArticle(target, ids[0]!))?.article).toEqual(earlier[0]!.article);
    expect(await imageBytesOf(await getFullArticle(target, ids[0]!))).toEqual(await imageBytesOf(earlier[0]!));
  });
});

describe('a file read a piece at a time', () => {
  let target: LibraryDb;
  let file: string;
  let before: unknown;
  let earlierIds: string[];

  beforeEach(async () => {
    await fillLibrary(db);
    file = await exportedText(db);
    target = await openLibrary('target');
    // Two earlier saves of articles of the file: an import replaces them, a refusal must put them back.
    for (const n of [7, 4]) await saveArticle(target, extraction(n, { title: `Бұрынғы нұсқа ${n}` }), new Map(), 1_770_000_000_000 + n);
    earlierIds = [extraction(7).url, extraction(4).url];
    before = await snapshot(target);
  });

  afterEach(() => target?.close());

  it('imports a File (Blob) as it imports the same text, telling progress as it reads', async () => {
    const progress: [number, number | null, number][] = [];
    // Read in pieces of 7 bytes (a Blob is read a part at a time): letters of two bytes are cut in two.
    const bytes = new TextEncoder().encode(file);
    const parts = Array.from({ length: Math.ceil(bytes.length / 7) }, (_, i) => bytes.slice(i * 7, i * 7 + 7));
    const result = await importLibraryFile(target, new Blob(parts), { now: NOW, batchSize: 2, progress: (...p) => progress.push(p) });
    const parsed = parseLibraryFile(file, NOW);
    if (!parsed.ok || !result.ok) throw new Error('the file was refused');
    expect(result.imported).toEqual(parsed.entries.map((e) => e.article.id));
    expect(result.replaced.map((e) => e.article.id).sort()).toEqual([...earlierIds].sort());
    expect(await target.count('articles')).toBe(7);
    for (const entry of parsed.entries) expect((await getFullArticle(target, entry.article.id))?.article).toEqual({ ...entry.article, termsHash: expect.any(Number) });
    expect(progress[0]).toEqual([0, null, 0]);
    expect(progress.at(-1)).toEqual([7, 7, 1]);
    const done = progress.map(([n]) => n);
    expect(done).toEqual([...done].sort((a, b) => a - b));
    expect(progress.length).toBeGreaterThanOrEqual(4);
  });

  it('refuses a file found cut short after batches were written, whole: what it wrote is taken back and the saves it replaced put back', async () => {
    let written = 0;
    for (const cut of [file.length - 5, Math.floor(file.length * 0.8)]) {
      const result = await importLibraryFile(target, new Blob([file.slice(0, cut)]), { now: NOW, batchSize: 1, written: () => written++ });
      expect(result, `cut at ${cut}`).toMatchObject({ ok: false, reason: 'damaged', detail: expect.stringMatching(/not JSON/) });
      expect(await snapshot(target), `cut at ${cut}`).toEqual(before);
    }
    // The articles before the cut had been written: it is the taking back that left the library as it was.
    expect(written).toBeGreaterThan(4);
  });

  it('refuses a file whose text is not JSON within one article, whole, and the library is as it was', async () => {
    const third = JSON.stringify((JSON.parse(file) as LibraryFile).articles[3]!.title);
    const broken = file.replace(`"title":${third}`, `"title" ${third}`);
    expect(broken).not.toBe(file);
    expect(await importLibraryFile(target, broken, { now: NOW, batchSize: 1 })).toMatchObject({ ok: false, reason: 'damaged', detail: expect.stringMatching(/\$\.articles\[3\]/) });
    expect(await snapshot(target)).toEqual(before);
  });

  it('takes a file whose fields come in another order, and refuses one from a newer Oqy however its fields are ordered', async () => {
    const { articles, ...frame } = JSON.parse(file) as LibraryFile;
    const reordered = JSON.stringify({ articles, ...frame });
    const result = await importLibraryFile(target, reordered, { now: NOW, batchSize: 2 });
    expect(result).toMatchObject({ ok: true, count: 7, refused: [] });
    expect(await importLibraryFile(target, JSON.stringify({ articles, ...frame, version: 3 }), { now: NOW })).toMatchObject({ ok: false, reason: 'newer' });
    expect(await importLibraryFile(target, JSON.stringify({ articles, version: 2 }), { now: NOW })).toMatchObject({ ok: false, reason: 'foreign' });
  });

  it('takes one of 10,000 copies of the same article and refuses the rest as duplicates, each by its place', async () => {
    const good = JSON.parse(file) as LibraryFile;
    const one = JSON.stringify(good.articles[1]);
    const copies = `{"format":"oqy-library","version":2,"exportedAt":"2026-02-01T08:00:00.000Z","articles":[${Array.from({ length: 10_000 }, () => one).join(',')}]}`;
    const result = await importLibraryFile(target, copies, { now: NOW });
    if (!result.ok || !('refused' in result)) throw new Error('the file was refused');
    expect(result.count).toBe(1);
    expect(result.imported).toEqual([good.articles[1]!.id]);
    expect(result.refused).toHaveLength(9_999);
    expect(result.refused.every((r, i) => r.reason === 'duplicate' && r.index === i + 1 && r.id === good.articles[1]!.id)).toBe(true);
  });

  it('refuses an article longer than the reader keeps alone, without holding it, and imports the others', async () => {
    const good = JSON.parse(file) as LibraryFile;
    const longest = Math.max(...good.articles.map((a) => JSON.stringify(a).length));
    const huge = { ...good.articles[2]!, textContent: 'ы'.repeat(longest * 2) };
    const text = JSON.stringify({ ...good, articles: good.articles.map((a, i) => (i === 2 ? huge : a)) });
    const result = await importLibraryFile(target, new Blob([text]), { now: NOW, limits: { maxArticle: longest + 10, maxDepth: 32, maxField: 10_000 } });
    if (!result.ok || !('refused' in result)) throw new Error('the file was refused');
    expect(result.refused).toEqual([{ index: 2, id: null, title: null, reason: 'size', detail: `$.articles[2]: longer than ${longest + 10} characters in the file` }]);
    expect(result.imported).toEqual(good.articles.filter((_, i) => i !== 2).map((a) => a.id));
  });

  it('refuses an article nested deeper than any article is, alone', () => {
    const good = JSON.parse(file) as LibraryFile;
    const deep = `{"id":"x","n":${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
    const text = JSON.stringify(good).replace('"articles":[', `"articles":[${deep},`);
    const parsed = parseLibraryFile(text, NOW);
    if (!parsed.ok) throw new Error(parsed.detail);
    expect(parsed.refused).toEqual([{ index: 0, id: null, title: null, reason: 'fields', detail: expect.stringMatching(/articles\[0\]: nested deeper than/) }]);
    expect(parsed.entries).toHaveLength(7);
  });
});
