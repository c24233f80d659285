/**
 * The library page with a big library, in Chromium with the built extension (npm run build
 * first):
 *
 * 1. The library page is opened (it creates the database), then N synthetic articles (10,000 by
 *    default) are written straight into its IndexedDB from the page, with raw IndexedDB in the
 *    schema of src/shared/library-db.ts: ~600-word Kazakh and Russian texts made of the sentences
 *    of the fixture articles (/work/shared/fixtures/qazaq24/*.json), the search words computed
 *    by the project's own indexWords, and a small image (random bytes, like a JPEG's) for a
 *    quarter of them.
 * 2. First screen: the page is reloaded RUNS times; the time is its mark
 *    `oqy:library-first-screen` (the first rows in the DOM and a frame passed), in ms since
 *    navigation start. The mark `oqy:library-all-loaded` (every article in the list) is
 *    reported beside it.
 * 3. Search: a query is put into the search box (one input event); the time is the mark
 *    `oqy:search-answered` minus the time of that input event, RUNS times per query. It
 *    includes the page's 80 ms debounce.
 * 4. Storage: navigator.storage.estimate() usage before and after seeding, divided by N,
 *    against the average contentHtml of the articles (and against all they hold: HTML, text,
 *    image).
 *
 *   node --import tsx test/bench/library-bench.ts [--articles 10000] [--runs 5]
 */
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { launchChromiumWithExtension } from '../harness/chromium.ts';
import { FIXTURES_DIR, startFixtureServer } from '../harness/fixture-server.ts';
import { indexWords } from '../../src/core/search-fold.ts';
import { imageKey, LIBRARY_DB, type SavedArticle } from '../../src/shared/library-db.ts';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const ARTICLES = arg('articles', 10_000);
const RUNS = arg('runs', 5);
const WORDS_PER_ARTICLE = 600;
const IMAGE_EVERY = 4;
const IMAGE_BYTES = 24_000;
const BATCH = 250;
const LIBRARY_PATH = 'src/library/index.html';
const FIRST = 'oqy:library-first-screen';
const ALL = 'oqy:library-all-loaded';
const ANSWERED = 'oqy:search-answered';

// ---------------------------------------------------------------------------------------------
// Synthetic articles from the fixture sentences

interface Gold {
  isArticle: boolean;
  lang: string;
  title: string;
  text: string[];
  source: { name: string; url: string | null } | null;
}

function sentencePools(): Record<'kk' | 'ru', string[]> {
  const pools: Record<'kk' | 'ru', string[]> = { kk: [], ru: [] };
  for (const file of readdirSync(FIXTURES_DIR).filter((f) => f.endsWith('.json'))) {
    const gold = JSON.parse(readFileSync(resolve(FIXTURES_DIR, file), 'utf8')) as Gold;
    if (!gold.isArticle || (gold.lang !== 'kk' && gold.lang !== 'ru')) continue;
    for (const block of gold.text) pools[gold.lang].push(...block.split(/(?<=[.!?…])\s+/).filter((s) => s.split(/\s+/).length >= 3));
  }
  return pools;
}

/** A small deterministic generator, so every run seeds the same library. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** What the page needs to build one article: sentence numbers per paragraph, and the rest. */
interface Seed {
  article: SavedArticle;
  lang: 'kk' | 'ru';
  paragraphs: number[][];
  words: string[];
  image: number;
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The texts as the page will build them (the same code, run on both sides). */
function texts(pool: readonly string[], paragraphs: readonly number[][]): { contentHtml: string; textContent: string } {
  const blocks = paragraphs.map((p) => p.map((i) => pool[i]!).join(' '));
  return { contentHtml: blocks.map((b) => `<p>${escapeHtml(b)}</p>`).join('\n'), textContent: blocks.join('\n') };
}

function makeSeeds(pools: Record<'kk' | 'ru', string[]>): { seeds: Seed[]; avgHtmlChars: number; avgHtmlBytes: number; avgBytes: number } {
  const next = random(24);
  const seeds: Seed[] = [];
  let htmlChars = 0;
  let htmlBytes = 0;
  let allBytes = 0;
  const start = Date.UTC(2025, 0, 1);
  for (let n = 0; n < ARTICLES; n++) {
    const lang = n % 3 === 2 ? 'ru' : 'kk';
    const pool = pools[lang];
    const paragraphs: number[][] = [];
    let words = 0;
    while (words < WORDS_PER_ARTICLE) {
      const paragraph: number[] = [];
      for (let k = 0; k < 3 + Math.floor(next() * 3) && words < WORDS_PER_ARTICLE; k++) {
        const i = Math.floor(next() * pool.length);
        paragraph.push(i);
        words += pool[i]!.split(/\s+/).length;
      }
      paragraphs.push(paragraph);
    }
    const { contentHtml, textContent } = texts(pool, paragraphs);
    const first = pool[paragraphs[0]![0]!]!.split(/\s+/);
    const title = `${first.slice(0, 4 + Math.floor(next() * 6)).join(' ').replace(/[.,:;!?…]+$/, '')} №${n + 1}`;
    const id = `https://qazaq24.com/${lang === 'ru' ? 'ru/' : ''}news/bench-${n + 1}`;
    const image = n % IMAGE_EVERY === 0 ? IMAGE_BYTES : 0;
    const imageUrl = `https://qazaq24.com/storage/images/bench/${n + 1}.jpg`;
    const textBytes = Buffer.byteLength(contentHtml) + Buffer.byteLength(textContent);
    const article: SavedArticle = {
      id,
      url: id,
      site: 'qazaq24',
      lang,
      title,
      source: { name: lang === 'ru' ? 'Kapital.kz' : 'Kazinform', url: null },
      views: 100 + (n % 400),
      archivedAt: new Date(start + n * 3_600_000).toISOString(),
      publishedAt: null,
      excerpt: pool[paragraphs[0]![0]!]!,
      wordCount: words,
      readingMinutes: Math.max(1, Math.round(words / 180)),
      savedAt: start + n * 3_600_000,
      images: image ? [{ url: imageUrl, key: imageKey(id, 0), missing: false, bytes: image }] : [],
      bytes: textBytes + image,
    };
    seeds.push({ article, lang, paragraphs, words: indexWords(`${title}\n${textContent}`), image });
    htmlChars += contentHtml.length;
    htmlBytes += Buffer.byteLength(contentHtml);
    allBytes += article.bytes;
  }
  return { seeds, avgHtmlChars: htmlChars / ARTICLES, avgHtmlBytes: htmlBytes / ARTICLES, avgBytes: allBytes / ARTICLES };
}

// ---------------------------------------------------------------------------------------------
// In the page

async function usage(page: Page): Promise<number> {
  return page.evaluate(async () => (await navigator.storage.estimate()).usage ?? 0);
}

/** Writes one batch with raw IndexedDB, one transaction, in the library's schema. */
async function seedBatch(page: Page, name: string, pools: Record<'kk' | 'ru', string[]>, batch: Seed[]): Promise<void> {
  await page.evaluate(
    async ({ name, pools, batch }) => {
      // (No named inner functions here: tsx would wrap them in a helper the page does not have.)
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open(name);
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      try {
        const tx = db.transaction(['articles', 'bodies', 'images'], 'readwrite');
        for (const seed of batch) {
          const pool = pools[seed.lang];
          const blocks = seed.paragraphs.map((p) => p.map((i) => pool[i]!).join(' '));
          const contentHtml = blocks.map((b) => `<p>${b.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')}</p>`).join('\n');
          const textContent = blocks.join('\n');
          tx.objectStore('articles').put(seed.article);
          tx.objectStore('bodies').put({ id: seed.article.id, contentHtml, textContent, words: seed.words });
          if (seed.image) {
            const bytes = new Uint8Array(seed.image);
            for (let i = 0; i < bytes.length; i += 65536) crypto.getRandomValues(bytes.subarray(i, i + 65536));
            bytes.set([0xff, 0xd8, 0xff, 0xe0]);
            const ref = seed.article.images[0]!;
            tx.objectStore('images').put({ key: ref.key, articleId: seed.article.id, url: ref.url, blob: new Blob([bytes], { type: 'image/jpeg' }) });
          }
        }
        await new Promise<void>((resolve, reject) => {
          tx.oncomplete = () => resolve();
          tx.onerror = () => reject(tx.error);
          tx.onabort = () => reject(tx.error);
        });
      } finally {
        db.close();
      }
    },
    { name, pools, batch },
  );
}

async function waitMark(page: Page, name: string, timeout = 60_000): Promise<number> {
  await page.waitForFunction((mark) => performance.getEntriesByName(mark).length > 0, name, { timeout, polling: 'raf' });
  return page.evaluate((mark) => performance.getEntriesByName(mark)[0]!.startTime, name);
}

/**
 * For comparison: the index read searchArticles makes for one word (as a prefix, like the last
 * word of a query), alone, in raw IndexedDB: ms and how many keys it returns.
 */
async function indexRead(page: Page, name: string, word: string): Promise<{ ms: number; keys: number }> {
  return page.evaluate(
    async ({ name, word }) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open(name);
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      try {
        const start = performance.now();
        const index = db.transaction('bodies').objectStore('bodies').index('words');
        const keys = await new Promise<IDBValidKey[]>((resolve, reject) => {
          const request = index.getAllKeys(IDBKeyRange.bound(word, `${word}\uffff`));
          request.onsuccess = () => resolve(request.result);
          request.onerror = () => reject(request.error);
        });
        return { ms: performance.now() - start, keys: keys.length };
      } finally {
        db.close();
      }
    },
    { name, word },
  );
}

/** Puts `query` in the search box (one input event); ms from that event to the answered mark. */
async function searchOnce(page: Page, query: string): Promise<{ ms: number; count: string }> {
  await page.evaluate(() => {
    performance.clearMarks();
    const input = document.querySelector<HTMLInputElement>('input[name=q]')!;
    input.addEventListener('input', () => ((window as unknown as { inputAt: number }).inputAt = performance.now()), { capture: true, once: true });
  });
  await page.fill('input[name=q]', query);
  const answered = await waitMark(page, ANSWERED);
  const inputAt = await page.evaluate(() => (window as unknown as { inputAt: number }).inputAt);
  const count = (await page.locator('.count').textContent()) ?? '';
  // Back to the whole list for the next run.
  await page.evaluate(() => performance.clearMarks());
  await page.fill('input[name=q]', '');
  await waitMark(page, ANSWERED);
  return { ms: answered - inputAt, count };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

const f1 = (n: number) => n.toFixed(1);
const kb = (n: number) => `${(n / 1000).toFixed(1)} kB`;

async function main(): Promise<void> {
  const pools = sentencePools();
  const generated = Date.now();
  const { seeds, avgHtmlChars, avgHtmlBytes, avgBytes } = makeSeeds(pools);
  const generateMs = Date.now() - generated;

  const server = await startFixtureServer();
  const browser = await launchChromiumWithExtension({ serverPort: server.port });
  try {
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 1100, height: 800 });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(browser.extensionUrl(LIBRARY_PATH));
    await waitMark(page, FIRST);
    await page.waitForTimeout(500);
    const before = await usage(page);

    const seeding = Date.now();
    for (let i = 0; i < seeds.length; i += BATCH) await seedBatch(page, LIBRARY_DB, pools, seeds.slice(i, i + BATCH));
    const seedMs = Date.now() - seeding;

    // Chromium's estimate follows its files: give it a moment to settle.
    let after = await usage(page);
    for (let i = 0; i < 20; i++) {
      await page.waitForTimeout(500);
      const now = await usage(page);
      if (now === after) break;
      after = now;
    }

    // First screen, RUNS reloads (after one to warm the caches after seeding).
    const first: number[] = [];
    const all: number[] = [];
    for (let run = 0; run <= RUNS; run++) {
      await page.reload();
      const shown = await waitMark(page, FIRST);
      const loaded = await waitMark(page, ALL);
      if (run > 0) {
        first.push(shown);
        all.push(loaded);
      }
    }
    const rows = await page.locator('[data-article-id]').count();
    const countLine = await page.locator('.count').textContent();

    // Search, RUNS times per query.
    const queries = ['бүркіт', 'доллара', 'курс доллара', 'қаз', '7777'];
    const searches: { query: string; ms: number[]; count: string; index: number[]; keys: number }[] = [];
    for (const query of queries) {
      const ms: number[] = [];
      const index: number[] = [];
      let count = '';
      let keys = 0;
      const last = indexWords(query).at(-1)!;
      for (let run = 0; run < RUNS; run++) {
        const result = await searchOnce(page, query);
        ms.push(result.ms);
        count = result.count;
        const read = await indexRead(page, LIBRARY_DB, last);
        index.push(read.ms);
        keys = read.keys;
      }
      searches.push({ query, ms, count, index, keys });
    }

    const perArticle = (after - before) / ARTICLES;
    console.log(`Library page, ${ARTICLES.toLocaleString('en')} articles (~${WORDS_PER_ARTICLE} words each, 1 in ${IMAGE_EVERY} with a ${kb(IMAGE_BYTES)} image); Chromium ${await browser.context.browser()?.version()}; ${RUNS} runs, medians (min–max).`);
    console.log(`Seeding: generated in ${generateMs} ms, written in ${(seedMs / 1000).toFixed(1)} s (${BATCH} per transaction). Rows in the DOM with all loaded: ${rows} (${countLine}).`);
    console.log('');
    console.log('| measure | median | min | max |');
    console.log('|---|---|---|---|');
    const row = (name: string, xs: number[], unit = 'ms') => console.log(`| ${name} | ${f1(median(xs))} ${unit} | ${f1(Math.min(...xs))} | ${f1(Math.max(...xs))} |`);
    row('first screen (`oqy:library-first-screen`, from navigation start)', first);
    row(`whole list loaded (\`oqy:library-all-loaded\`, ${ARTICLES.toLocaleString('en')} rows)`, all);
    for (const s of searches) {
      row(`search "${s.query}" → ${s.count.trim()} (input → \`oqy:search-answered\`, incl. 80 ms debounce)`, s.ms);
      row(`  of which the index read of "${indexWords(s.query).at(-1)}" as a prefix (${s.keys.toLocaleString('en')} keys), raw IndexedDB alone`, s.index);
    }
    console.log('');
    console.log('| storage | value |');
    console.log('|---|---|');
    console.log(`| usage before seeding | ${kb(before)} |`);
    console.log(`| usage after seeding | ${kb(after)} |`);
    console.log(`| stored per article ((after − before) ÷ ${ARTICLES}) | ${kb(perArticle)} |`);
    console.log(`| average contentHtml | ${kb(avgHtmlBytes)} UTF-8 (${Math.round(avgHtmlChars).toLocaleString('en')} characters) |`);
    console.log(`| stored per article ÷ contentHtml | ${(perArticle / avgHtmlBytes).toFixed(2)} |`);
    console.log(`| average of the articles' own \`bytes\` (HTML + text + image) | ${kb(avgBytes)} |`);
    console.log(`| stored per article ÷ own bytes | ${(perArticle / avgBytes).toFixed(2)} |`);
    if (errors.length) console.log(`\nPage errors: ${errors.join('; ')}`);
  } finally {
    await browser.close();
    await server.close();
  }
}

void main().catch((e) => {
  console.error(e);
  process.exit(1);
});
