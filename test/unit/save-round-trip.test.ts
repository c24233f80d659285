/**
 * Hostile articles through the real saver (src/background/save-article.ts, with a stand-in
 * network), exported, and imported into a fresh database: every article comes back, none is
 * refused. Before the saver kept to the import's limits, one such article (a title of 20,000
 * characters, an image address of 9,000, 1,500 images) made the whole export unimportable.
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Extraction } from '../../src/core/types.ts';

vi.mock('webextension-polyfill', () => ({ default: { i18n: { getUILanguage: () => 'en-US' } } }));

const { saveForOffline } = await import('../../src/background/save-article.ts');
const { getFullArticle, listArticles, openLibrary, LIBRARY_DB } = await import('../../src/shared/library-db.ts');
const { exportLibrary, importLibrary, parseLibraryFile } = await import('../../src/shared/library-transfer.ts');

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const requested: string[] = [];

// One database for the file: the saver keeps its connection open between saves, as in the browser.
(globalThis as { indexedDB: unknown }).indexedDB = new IDBFactory();

beforeEach(() => {
  requested.length = 0;
  vi.stubGlobal('fetch', async (input: RequestInfo | URL) => {
    requested.push(String(input));
    return new Response(PNG, { headers: { 'content-type': 'image/png' } });
  });
});

afterEach(() => vi.unstubAllGlobals());

function article(n: number, over: Partial<Extraction> = {}): Extraction {
  const text = `Мақала ${n}. Бұл сөйлемдер мақаланың мәтіні.\nЕкінші абзац.`;
  return {
    isArticle: true,
    site: 'generic',
    url: `https://news.example.kz/2026/${n}`,
    lang: 'kk',
    title: `Мақала ${n}`,
    source: null,
    views: 10,
    archivedAt: null,
    publishedAt: null,
    excerpt: null,
    images: [],
    contentHtml: text.split('\n').map((p) => `<p>${p}</p>`).join(''),
    textContent: text,
    wordCount: 8,
    readingMinutes: 1,
    ...over,
  };
}

const HUGE_ADDRESS = `https://news.example.kz/img/${'a'.repeat(9000)}.png`;

/** What pages have handed the saver. */
const hostile: Extraction[] = [
  article(1, { title: 'Ұзын '.repeat(5000) }),
  article(2, { images: [HUGE_ADDRESS, 'https://news.example.kz/ok.png'] }),
  article(3, { images: Array.from({ length: 1500 }, (_, i) => `https://news.example.kz/gallery/${i}.png`) }),
  article(4, { views: 1e21, readingMinutes: 1e300, wordCount: -4, archivedAt: '+275760-09-13T00:00:00.000Z', publishedAt: 'ертең' }),
  article(5, { source: { name: 'Дереккөз '.repeat(3000), url: `https://source.example.kz/${'b'.repeat(9000)}` }, excerpt: 'ә'.repeat(30_000), lang: 'x'.repeat(100) }),
  article(6, { images: ['http://192.168.1.1/cam.png', 'http://localhost:8080/a.png', 'https://news.example.kz/6.png', 'https://news.example.kz/6.png'] }),
  ...Array.from({ length: 7 }, (_, i) => article(10 + i, { images: [`https://news.example.kz/${10 + i}.png`] })),
];

describe('saved, exported, imported', () => {
  it('brings every hostile article back into a fresh library', async () => {
    for (const a of hostile) {
      const reply = await saveForOffline(a, () => undefined);
      expect(reply.ok, `${a.url}: ${JSON.stringify(reply).slice(0, 200)}`).toBe(true);
    }
    const source = await openLibrary(LIBRARY_DB);
    expect(await source.count('articles')).toBe(13);
    // What the saver kept: within the limits.
    const one = await source.get('articles', hostile[0]!.url);
    expect(one!.title.length).toBe(10_000);
    const two = await source.get('articles', hostile[1]!.url);
    expect(two!.images.map((i) => i.url)).toEqual(['https://news.example.kz/ok.png']);
    const three = await source.get('articles', hostile[2]!.url);
    expect(three!.images).toHaveLength(200);
    const four = await source.get('articles', hostile[3]!.url);
    expect(four).toMatchObject({ views: null, wordCount: 8, readingMinutes: 1, archivedAt: null, publishedAt: null });
    const five = await source.get('articles', hostile[4]!.url);
    expect(five!.source).toEqual({ name: expect.any(String), url: null });
    expect(five!.source!.name.length).toBe(10_000);
    expect(five!.lang).toBeNull();
    const six = await source.get('articles', hostile[5]!.url);
    expect(six!.images.map((i) => i.url)).toEqual(['https://news.example.kz/6.png']);
    expect(requested.filter((u) => /192\.168|localhost/.test(u))).toEqual([]);

    const file = await (await exportLibrary(source)).text();
    const parsed = parseLibraryFile(file);
    if (!parsed.ok) throw new Error(`${parsed.reason}: ${parsed.detail}`);
    expect(parsed.refused).toEqual([]);
    expect(parsed.entries).toHaveLength(13);

    const fresh = await openLibrary('fresh');
    const result = await importLibrary(fresh, parsed.entries);
    expect(result).toMatchObject({ ok: true, count: 13 });
    expect((await listArticles(fresh)).map((a) => a.id)).toEqual((await listArticles(source)).map((a) => a.id));
    for (const a of hostile) {
      const [was, now] = await Promise.all([getFullArticle(source, a.url), getFullArticle(fresh, a.url)]);
      expect(now?.article, a.url).toEqual(was?.article);
      expect(now?.body, a.url).toEqual(was?.body);
      expect(now?.images.length, a.url).toBe(was?.images.length);
    }
    source.close();
    fresh.close();
  });

  it('refuses a save from a page under another host than the article\'s address', async () => {
    const reply = await saveForOffline(article(30, { url: 'https://victim.github.io/post' }), () => undefined, 'https://evil.github.io/post');
    expect(reply.ok).toBe(false);
    const same = await saveForOffline(article(31, { url: 'https://news.example.kz/2026/31' }), () => undefined, 'http://www.news.example.kz/2026/31?from=feed');
    expect(same.ok).toBe(true);
    const db = await openLibrary(LIBRARY_DB);
    expect(await db.get('articles', 'https://victim.github.io/post')).toBeUndefined();
    db.close();
  });
});
