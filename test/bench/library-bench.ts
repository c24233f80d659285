/**
 * The library page with a big library, in Chromium with the built extension (npm run build
 * first). Every figure is printed beside a baseline measured in the same run:
 *
 * 1. First screen: the library page is opened with an empty library and reloaded RUNS times;
 *    the time is its mark `oqy:library-first-screen` (the first rows in the DOM and a frame
 *    passed), in ms since navigation start. Then N synthetic articles (10,000 by default) are
 *    written straight into its IndexedDB from the page, with raw IndexedDB in the schema of
 *    src/shared/library-db.ts (articles, bodies, terms, images): ~600-word Kazakh and Russian
 *    texts made of the sentences of the fixture articles (/work/shared/fixtures/qazaq24/*.json),
 *    the search words computed by the project's own searchIndexOf/termsOf, and a small image
 *    (random bytes, like a JPEG's) for a quarter of them. The page is reloaded RUNS times again:
 *    first screen with N articles against the empty library's. The marks
 *    `oqy:library-all-loaded` (every article in the list) and `oqy:search-index-ready` (the
 *    index ready; its detail gives the time, whether it was read from the stored snapshot or
 *    built from every article's terms, and the index's bytes) are reported beside: the warm-up
 *    visit builds it and stores it (`oqy:search-index-stored`), which is the baseline of the
 *    measured visits that read it back.
 * 2. Search: a query is put into the search box (one input event); the time is the mark
 *    `oqy:search-answered` (the results rendered and a frame passed) minus the time of that
 *    input event, RUNS times per query. Baseline: a plain scan, in the same page, of the same
 *    words (every article's terms read from IndexedDB, each tested for the query's words): the
 *    scan alone, in memory, and with the read.
 * 3. Memory of the index: the page's own count (typed arrays exactly, strings estimated), and
 *    the same index built in this Node process from the same words, measured as the V8 heap
 *    used after garbage collection with and without it.
 * 4. Export: the Export button on the N-article library, to the download: time, articles a
 *    second, how many times the status said "n of N" and the longest gap between two of those,
 *    the longest main-thread task (PerformanceObserver 'longtask').
 * 5. Import: export files of 1,000 and of N articles (written here in the format of
 *    docs/library-format.md from the same synthetic articles) imported into a fresh profile each:
 *    the same figures, against the raw IndexedDB write of step 1 (articles a second), in two
 *    ways: the whole raw write (records sent from Node and built in the page: the bench's own
 *    work), and its transactions alone (from opening to completion, every record made).
 *    The load average is printed: the machine is shared.
 *
 *   node --import tsx test/bench/library-bench.ts [--articles 10000] [--runs 5] [--small 1000] [--no-big]
 *   node --import tsx test/bench/library-bench.ts --first-screen [--articles 10000] [--runs 5] [--browser chromium|firefox|both] [--new-tab]
 *     (the library page's first screen, empty and with the articles, against a minimal static
 *     page of the extension; the first script's rows and the full page's; in both browsers;
 *     each visit a reload of one tab, or with --new-tab a tab of its own)
 */
import { cpSync, createWriteStream, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { Page } from 'playwright-core';
import { CHROME_DIST, launchChromiumWithExtension, type ChromiumWithExtension } from '../harness/chromium.ts';
import { FIXTURES_DIR, startFixtureServer } from '../harness/fixture-server.ts';
import { launchDriver, type BrowserName, type Tab } from '../harness/driver.ts';
import { DIST_FIREFOX } from '../harness/firefox.ts';
import { queryWords } from '../../src/core/search-fold.ts';
import { SearchIndex } from '../../src/core/search-index.ts';
import { imageKey, indexEntryOf, LIBRARY_DB, searchIndexOf, termsHashOf, termsOf, termWords, type SavedArticle, type SearchTerms } from '../../src/shared/library-db.ts';
import { bytesToBase64, LIBRARY_FORMAT, LIBRARY_FORMAT_VERSION } from '../../src/shared/library-transfer.ts';
import { FIRST_ROWS_KEY } from '../../src/library/first-rows.ts';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const ARTICLES = arg('articles', 10_000);
const RUNS = arg('runs', 5);
const SMALL_IMPORT = Math.min(ARTICLES, arg('small', 1000));
/** --no-big: only the smaller import (a quicker run). */
const SKIP_BIG_IMPORT = process.argv.includes('--no-big');
const WORDS_PER_ARTICLE = 600;
const IMAGE_EVERY = 4;
const IMAGE_BYTES = 24_000;
const BATCH = 250;
const LIBRARY_PATH = 'src/library/index.html';
const FIRST = 'oqy:library-first-screen';
const ALL = 'oqy:library-all-loaded';
const INDEX = 'oqy:search-index-ready';
const STORED = 'oqy:search-index-stored';
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

export function sentencePools(): Record<'kk' | 'ru', string[]> {
  const pools: Record<'kk' | 'ru', string[]> = { kk: [], ru: [] };
  for (const file of readdirSync(FIXTURES_DIR).filter((f) => f.endsWith('.json'))) {
    const gold = JSON.parse(readFileSync(resolve(FIXTURES_DIR, file), 'utf8')) as Gold;
    if (!gold.isArticle || (gold.lang !== 'kk' && gold.lang !== 'ru')) continue;
    for (const block of gold.text) pools[gold.lang].push(...block.split(/(?<=[.!?…])\s+/).filter((s) => s.split(/\s+/).length >= 3));
  }
  return pools;
}

/** A small deterministic generator, so every run makes the same library. */
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
  terms: SearchTerms;
  image: number;
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The texts as the page will build them (the same code, run on both sides). */
function texts(pool: readonly string[], paragraphs: readonly number[][]): { contentHtml: string; textContent: string } {
  const blocks = paragraphs.map((p) => p.map((i) => pool[i]!).join(' '));
  return { contentHtml: blocks.map((b) => `<p>${escapeHtml(b)}</p>`).join('\n'), textContent: blocks.join('\n') };
}

export function makeSeeds(pools: Record<'kk' | 'ru', string[]>): { seeds: Seed[]; avgHtmlChars: number; avgHtmlBytes: number; avgBytes: number } {
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
    const terms = termsOf(article, searchIndexOf({ title, textContent, lang }));
    article.termsHash = termsHashOf(terms);
    seeds.push({ article, lang, paragraphs, terms, image });
    htmlChars += contentHtml.length;
    htmlBytes += Buffer.byteLength(contentHtml);
    allBytes += article.bytes;
  }
  return { seeds, avgHtmlChars: htmlChars / ARTICLES, avgHtmlBytes: htmlBytes / ARTICLES, avgBytes: allBytes / ARTICLES };
}

/** The word in the most articles (the worst whole word for a search). */
function mostCommonWord(seeds: readonly Seed[]): { word: string; articles: number } {
  const df = new Map<string, number>();
  for (const s of seeds) for (const w of termWords(s.terms.words)) df.set(w, (df.get(w) ?? 0) + 1);
  let best = { word: '', articles: 0 };
  for (const [word, articles] of df) if (articles > best.articles || (articles === best.articles && word < best.word)) best = { word, articles };
  return best;
}

/** An export file of the first `count` seeds, in the format of docs/library-format.md, written to `path`. */
export async function writeExportFile(path: string, pools: Record<'kk' | 'ru', string[]>, seeds: readonly Seed[]): Promise<number> {
  const out = createWriteStream(path);
  const write = async (text: string) => {
    if (!out.write(text)) await once(out, 'drain');
  };
  const next = random(7);
  await write(`{"format":${JSON.stringify(LIBRARY_FORMAT)},"version":${LIBRARY_FORMAT_VERSION},"exportedAt":"2026-02-01T08:00:00.000Z","articles":[`);
  for (const [i, seed] of [...seeds].reverse().entries()) {
    const { contentHtml, textContent } = texts(pools[seed.lang], seed.paragraphs);
    const images = seed.article.images.map((ref) => {
      const bytes = new Uint8Array(seed.image);
      for (let k = 0; k < bytes.length; k++) bytes[k] = Math.floor(next() * 256);
      bytes.set([0xff, 0xd8, 0xff, 0xe0]);
      return { url: ref.url, missing: false, type: 'image/jpeg', data: bytesToBase64(bytes) };
    });
    const { images: _refs, termsHash: _hash, ...record } = seed.article;
    await write(`${i ? ',' : ''}\n${JSON.stringify({ ...record, contentHtml, textContent, images, reading: null, highlights: [] })}`);
  }
  await write('\n]}\n');
  out.end();
  await once(out, 'finish');
  return statSync(path).size;
}

// ---------------------------------------------------------------------------------------------
// In the page

async function usage(page: Page): Promise<number> {
  return page.evaluate(async () => (await navigator.storage.estimate()).usage ?? 0);
}

/**
 * Writes one batch with raw IndexedDB, one transaction, in the library's schema. Gives the ms
 * the transaction alone took in the page (from its opening to its completion, every record
 * already made): the IndexedDB write without the bench's own work of sending and building.
 */
export async function seedBatch(page: Page | Tab, name: string, pools: Record<'kk' | 'ru', string[]>, batch: Seed[]): Promise<number> {
  return (page as Tab).evaluate(
    async ({ name, pools, batch }) => {
      // (No named inner functions here: tsx would wrap them in a helper the page does not have.)
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open(name);
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      try {
        const records = batch.map((seed) => {
          const pool = pools[seed.lang];
          const blocks = seed.paragraphs.map((p) => p.map((i) => pool[i]!).join(' '));
          const contentHtml = blocks.map((b) => `<p>${b.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')}</p>`).join('\n');
          const textContent = blocks.join('\n');
          let image: { key: string | null; articleId: string; url: string; blob: Blob } | null = null;
          if (seed.image) {
            const bytes = new Uint8Array(seed.image);
            for (let i = 0; i < bytes.length; i += 65536) crypto.getRandomValues(bytes.subarray(i, i + 65536));
            bytes.set([0xff, 0xd8, 0xff, 0xe0]);
            const ref = seed.article.images[0]!;
            image = { key: ref.key, articleId: seed.article.id, url: ref.url, blob: new Blob([bytes], { type: 'image/jpeg' }) };
          }
          return { seed, body: { id: seed.article.id, contentHtml, textContent }, image };
        });
        const started = performance.now();
        const tx = db.transaction(['articles', 'bodies', 'images', 'terms'], 'readwrite');
        for (const { seed, body, image } of records) {
          tx.objectStore('articles').put(seed.article);
          tx.objectStore('bodies').put(body);
          tx.objectStore('terms').put(seed.terms);
          if (image) tx.objectStore('images').put(image);
        }
        await new Promise<void>((resolve, reject) => {
          tx.oncomplete = () => resolve();
          tx.onerror = () => reject(tx.error);
          tx.onabort = () => reject(tx.error);
        });
        return performance.now() - started;
      } finally {
        db.close();
      }
    },
    { name, pools, batch },
  );
}

export async function waitMark(page: Page, name: string, timeout = 120_000): Promise<number> {
  await page.waitForFunction((mark) => performance.getEntriesByName(mark).length > 0, name, { timeout, polling: 100 });
  return page.evaluate((mark) => performance.getEntriesByName(mark)[0]!.startTime, name);
}

interface IndexDetail {
  ms: number;
  source: 'snapshot' | 'terms';
  changed: number;
  articles: number;
  typed: number;
  strings: number;
  words: number;
}

async function indexDetail(page: Page): Promise<IndexDetail> {
  await waitMark(page, INDEX);
  return page.evaluate((mark) => (performance.getEntriesByName(mark)[0] as PerformanceMark).detail as IndexDetail, INDEX);
}

/**
 * The baseline of a search: the same words scanned plainly, in the page (every article's terms
 * read from IndexedDB, then each tested: every word of the query whole, the last as a prefix).
 */
async function plainScan(page: Page, name: string, words: readonly string[]): Promise<{ readMs: number; scanMs: number; found: number }> {
  return page.evaluate(
    async ({ name, words }) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open(name);
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      try {
        const started = performance.now();
        const all = await new Promise<{ words: string }[]>((resolve, reject) => {
          const request = db.transaction('terms').objectStore('terms').getAll();
          request.onsuccess = () => resolve(request.result);
          request.onerror = () => reject(request.error);
        });
        const read = performance.now();
        const whole = words.slice(0, -1);
        const prefix = words[words.length - 1]!;
        let found = 0;
        for (const record of all) {
          const list = record.words.split(' ');
          if (whole.every((w) => list.includes(w)) && list.some((w) => w.startsWith(prefix))) found++;
        }
        return { readMs: read - started, scanMs: performance.now() - read, found };
      } finally {
        db.close();
      }
    },
    { name, words },
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

/** Starts recording, in the page, every text of the status line and every long task, with their times. */
async function watchStatus(page: Page): Promise<void> {
  await page.evaluate(() => {
    const log: { at: number; text: string }[] = [];
    const tasks: number[] = [];
    (window as unknown as { benchLog: unknown }).benchLog = { log, tasks, start: 0 };
    const status = document.querySelector('[role=status]')!;
    new MutationObserver(() => log.push({ at: performance.now(), text: (status.textContent ?? '').trim() })).observe(status, { subtree: true, childList: true, characterData: true });
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) tasks.push(entry.duration);
    }).observe({ type: 'longtask' });
  });
}

export interface Transfer {
  ms: number;
  /** Distinct "n of N" texts the status showed. */
  updates: number;
  /** The longest time between two of them (or from the start to the first). */
  longestGap: number;
  longestTask: number;
  finalText: string;
}

/** Waits for the status to say `done` (a pattern), then reads what the status log recorded since `start`. */
async function transferFigures(page: Page, done: RegExp, timeout: number): Promise<Transfer> {
  await page.waitForFunction((pattern) => new RegExp(pattern).test(document.querySelector('[role=status]')?.textContent ?? ''), done.source, { timeout, polling: 200 });
  return page.evaluate((pattern) => {
    const { log, tasks, start } = (window as unknown as { benchLog: { log: { at: number; text: string }[]; tasks: number[]; start: number } }).benchLog;
    const end = log.find((e) => new RegExp(pattern).test(e.text))!;
    const progress = log.filter((e) => e.at >= start && e.at <= end.at && / of /.test(e.text));
    const times = [start, ...progress.filter((e, i) => i === 0 || e.text !== progress[i - 1]!.text).map((e) => e.at), end.at];
    let longestGap = 0;
    for (let i = 1; i < times.length; i++) longestGap = Math.max(longestGap, times[i]! - times[i - 1]!);
    return { ms: end.at - start, updates: new Set(progress.map((e) => e.text)).size, longestGap, longestTask: Math.max(0, ...tasks), finalText: end.text };
  }, done.source);
}

async function markStart(page: Page): Promise<void> {
  await page.evaluate(() => ((window as unknown as { benchLog: { start: number } }).benchLog.start = performance.now()));
}

/** A fresh profile imports `path`: from the file chosen to the status saying it is done. */
export async function importInto(server: { port: number }, path: string, expected: number): Promise<Transfer> {
  const fresh = await launchChromiumWithExtension({ serverPort: server.port });
  try {
    const page = await fresh.context.newPage();
    await page.setViewportSize({ width: 1100, height: 800 });
    await page.goto(fresh.extensionUrl(LIBRARY_PATH));
    await waitMark(page, FIRST);
    await watchStatus(page);
    // The import starts at the file input's change event.
    await page.evaluate(() =>
      document.querySelector('input[name=import]')!.addEventListener('change', () => ((window as unknown as { benchLog: { start: number } }).benchLog.start = performance.now()), { capture: true, once: true }),
    );
    await page.locator('input[name=import]').setInputFiles(path);
    const figures = await transferFigures(page, /Imported articles/, 600_000);
    if (!figures.finalText.includes(expected.toLocaleString('en'))) throw new Error(`import said: ${figures.finalText}`);
    return figures;
  } finally {
    await fresh.close();
  }
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

const f1 = (n: number) => n.toFixed(1);
const kb = (n: number) => `${(n / 1000).toFixed(1)} kB`;
const mb = (n: number) => `${(n / 1e6).toFixed(1)} MB`;
const count = (n: number) => n.toLocaleString('en');

/**
 * The index of the seeds built in this process: the V8 heap used after GC, with the memory of
 * ArrayBuffers (where large typed arrays live), with it less without it.
 */
function measuredIndexBytes(seeds: readonly Seed[]): { bytes: number; ms: number } {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  const used = () => {
    const m = process.memoryUsage();
    return m.heapUsed + m.arrayBuffers;
  };
  const entries = seeds.map((s) => indexEntryOf(s.terms));
  gc();
  const before = used();
  const started = performance.now();
  const index = SearchIndex.build(entries);
  const ms = performance.now() - started;
  gc();
  const bytes = used() - before;
  if (!index.size) throw new Error('empty index');
  return { bytes, ms };
}

async function storedMs(page: Page): Promise<number> {
  await waitMark(page, STORED);
  return page.evaluate((mark) => ((performance.getEntriesByName(mark)[0] as PerformanceMark).detail as { ms: number }).ms, STORED);
}

interface Screens {
  first: number[];
  all: number[];
  /** The index as each measured visit got it. */
  index: IndexDetail[];
  /** The warm-up visit's index (with a fresh library: built from every article's terms), and the time to store it. */
  warmIndex: IndexDetail | null;
  storedMs: number | null;
}

async function firstScreens(page: Page, runs: number, withIndex: boolean): Promise<Screens> {
  const out: Screens = { first: [], all: [], index: [], warmIndex: null, storedMs: null };
  // One reload more than measured: it warms the caches (and the page stores its index).
  for (let run = 0; run <= runs; run++) {
    await page.reload();
    const shown = await waitMark(page, FIRST);
    const loaded = await waitMark(page, ALL);
    const built = withIndex ? await indexDetail(page) : null;
    // The page stores its index a moment after it changed: the next visit reads that.
    const stored = built?.changed ? await storedMs(page) : null;
    if (run === 0) {
      out.warmIndex = built;
      out.storedMs = stored;
    } else {
      out.first.push(shown);
      out.all.push(loaded);
      if (built) out.index.push(built);
    }
  }
  return out;
}

async function main(): Promise<void> {
  const loadStart = loadavg()[0]!;
  const pools = sentencePools();
  const generated = Date.now();
  const { seeds, avgHtmlChars, avgHtmlBytes, avgBytes } = makeSeeds(pools);
  const generateMs = Date.now() - generated;
  const common = mostCommonWord(seeds);
  const nodeIndex = measuredIndexBytes(seeds);

  const workDir = mkdtempSync(join(tmpdir(), 'oqy-library-bench-'));
  const server = await startFixtureServer();
  let browser: ChromiumWithExtension | null = await launchChromiumWithExtension({ serverPort: server.port });
  try {
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 1100, height: 800 });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(browser.extensionUrl(LIBRARY_PATH));
    await waitMark(page, FIRST);
    const empty = await firstScreens(page, RUNS, false);
    await page.waitForTimeout(500);
    const before = await usage(page);

    const seeding = Date.now();
    let writeMs = 0;
    for (let i = 0; i < seeds.length; i += BATCH) writeMs += await seedBatch(page, LIBRARY_DB, pools, seeds.slice(i, i + BATCH));
    const seedMs = Date.now() - seeding;
    const loadDuringSeed = loadavg()[0]!;

    // Chromium's estimate follows its files: give it a moment to settle.
    let after = await usage(page);
    for (let i = 0; i < 20; i++) {
      await page.waitForTimeout(500);
      const now = await usage(page);
      if (now === after) break;
      after = now;
    }

    const full = await firstScreens(page, RUNS, true);
    const rows = await page.locator('[data-article-id]').count();
    const countLine = await page.locator('.count').textContent();

    // Search, RUNS times per query, each beside a plain scan of the same words.
    const queries = ['бүркіт', 'доллара', 'курс доллара', 'қа', 'по', common.word, 'burkit', '7777'];
    const searches: { query: string; ms: number[]; count: string; read: number[]; scan: number[]; found: number }[] = [];
    for (const query of queries) {
      const s = { query, ms: [] as number[], count: '', read: [] as number[], scan: [] as number[], found: 0 };
      for (let run = 0; run < RUNS; run++) {
        const result = await searchOnce(page, query);
        s.ms.push(result.ms);
        s.count = result.count;
        const plain = await plainScan(page, LIBRARY_DB, queryWords(query));
        s.read.push(plain.readMs);
        s.scan.push(plain.scanMs);
        s.found = plain.found;
      }
      searches.push(s);
    }

    // Export of the whole library.
    await watchStatus(page);
    await markStart(page);
    const downloading = page.waitForEvent('download', { timeout: 600_000 });
    await page.locator('[data-action=export]').click();
    const exported = await transferFigures(page, /Exported/, 600_000);
    const download = await downloading;
    const exportPath = join(workDir, 'export.json');
    await download.saveAs(exportPath);
    const exportBytes = statSync(exportPath).size;
    if (errors.length) console.log(`\nPage errors: ${errors.join('; ')}`);
    const version = await browser.context.browser()?.version();
    await browser.close();
    browser = null;

    // Imports into fresh profiles.
    let big: Transfer | null = null;
    let bigSize = 0;
    const smallPath = join(workDir, `import-${SMALL_IMPORT}.json`);
    const smallBytes = await writeExportFile(smallPath, pools, seeds.slice(seeds.length - SMALL_IMPORT));
    const small = await importInto(server, smallPath, SMALL_IMPORT);
    if (!SKIP_BIG_IMPORT) {
      const bigPath = join(workDir, `import-${ARTICLES}.json`);
      bigSize = await writeExportFile(bigPath, pools, seeds);
      big = await importInto(server, bigPath, ARTICLES);
    }
    const loadEnd = loadavg()[0]!;

    const perArticle = (after - before) / ARTICLES;
    const rawRate = ARTICLES / (seedMs / 1000);
    const txRate = ARTICLES / (writeMs / 1000);
    const indexes = full.index;
    const lastIndex = indexes[indexes.length - 1]!;
    console.log(`Library page, ${count(ARTICLES)} articles (~${WORDS_PER_ARTICLE} words each, 1 in ${IMAGE_EVERY} with a ${kb(IMAGE_BYTES)} image); Chromium ${version}; ${RUNS} runs, medians (min–max).`);
    console.log(`Generated in ${generateMs} ms; written raw in ${(seedMs / 1000).toFixed(1)} s (${BATCH} per transaction, ${count(Math.round(rawRate))} articles/s, with the records sent from Node and built in the page; the transactions alone: ${(writeMs / 1000).toFixed(1)} s, ${count(Math.round(txRate))} articles/s). Rows in the DOM with all loaded: ${rows} (${countLine}).`);
    console.log(`Load average (1 min): ${loadStart.toFixed(2)} at the start, ${loadDuringSeed.toFixed(2)} after the raw write, ${loadEnd.toFixed(2)} at the end; ${cpus().length} cores.`);
    console.log('');
    console.log('| measure | median | min | max | baseline (same run) | ratio |');
    console.log('|---|---|---|---|---|---|');
    const row = (name: string, xs: number[], base?: { label: string; xs: number[] }) =>
      console.log(`| ${name} | ${f1(median(xs))} ms | ${f1(Math.min(...xs))} | ${f1(Math.max(...xs))} | ${base ? `${base.label}: ${f1(median(base.xs))} ms` : ''} | ${base ? (median(xs) / median(base.xs)).toFixed(2) : ''} |`);
    row(`first screen, ${count(ARTICLES)} articles (from navigation start)`, full.first, { label: 'the same page, empty library', xs: empty.first });
    row(`whole list loaded (${count(ARTICLES)} rows)`, full.all, { label: 'empty library', xs: empty.all });
    const warm = full.warmIndex!;
    row(
      `search index ready (after the whole list; ${indexes.map((d) => d.source).join(', ')})`,
      indexes.map((d) => d.ms),
      { label: `built from every article's ${warm.source} (first visit)`, xs: [warm.ms] },
    );
    if (full.storedMs !== null) row('search index stored for the next visit (first visit)', [full.storedMs]);
    for (const s of searches) {
      row(`search "${s.query}" → ${s.count.trim()} (input → results rendered)`, s.ms, { label: `plain scan of the same words in memory (${count(s.found)} found)`, xs: s.scan });
      console.log(`| | | | | the same scan with reading the words from IndexedDB: ${f1(median(s.read) + median(s.scan))} ms | ${(median(s.ms) / (median(s.read) + median(s.scan))).toFixed(2)} |`);
    }
    console.log('');
    console.log(`The most common word is "${common.word}" (in ${count(common.articles)} articles).`);
    console.log('');
    console.log('| search index memory | value |');
    console.log('|---|---|');
    console.log(`| distinct words | ${count(lastIndex.words)} |`);
    console.log(`| page's own count: typed arrays (exact) | ${mb(lastIndex.typed)} |`);
    console.log(`| page's own count: words and ids as strings (estimate) | ${mb(lastIndex.strings)} |`);
    console.log(`| the same index built in Node (V8): heap used after GC, with less without | ${mb(nodeIndex.bytes)} (built in ${f1(nodeIndex.ms)} ms) |`);
    console.log('');
    console.log('| transfer | articles | file | time | articles/s | progress updates | longest gap between updates | longest task | ÷ raw write (sent and built) | ÷ raw transactions alone |');
    console.log('|---|---|---|---|---|---|---|---|---|---|');
    const transfer = (name: string, n: number, bytes: number, t: Transfer) => {
      const rate = n / (t.ms / 1000);
      console.log(`| ${name} | ${count(n)} | ${mb(bytes)} | ${(t.ms / 1000).toFixed(1)} s | ${count(Math.round(rate))} | ${t.updates} | ${f1(t.longestGap)} ms | ${f1(t.longestTask)} ms | ${(rate / rawRate).toFixed(2)} | ${(rate / txRate).toFixed(2)} |`);
    };
    transfer('export (click → file ready)', ARTICLES, exportBytes, exported);
    transfer('import into an empty library', SMALL_IMPORT, smallBytes, small);
    if (big) transfer('import into an empty library', ARTICLES, bigSize, big);
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
  } finally {
    await browser?.close();
    await server.close();
    rmSync(workDir, { recursive: true, force: true });
  }
}

/** --new-tab: each measured visit opens the page in a tab of its own (the default reloads one tab). */
const NEW_TAB_VISITS = process.argv.includes('--new-tab');
const VIEWPORT = { width: 1100, height: 800 };

/** The first script's mark (src/library/first-screen.ts): its rows drawn and a frame passed. */
const FIRST_DRAWN = 'oqy:library-first-drawn';

/** Waits until the page has loaded its whole list and kept the rows its list starts with. */
async function firstRowsKept(tab: Tab): Promise<void> {
  await tab.waitFor((mark) => performance.getEntriesByName(mark).length > 0, ALL, { timeoutMs: 120_000, what: 'the whole list' });
  await tab.waitFor(
    async (key) => {
      const shown = Array.from(document.querySelectorAll('[data-article-id]'), (row) => row.getAttribute('data-article-id')).slice(0, 5);
      const world = globalThis as unknown as { browser?: { storage: { local: { get(k: string): Promise<Record<string, unknown>> } } }; chrome: { storage: { local: { get(k: string): Promise<Record<string, unknown>> } } } };
      const kept = ((await (world.browser ?? world.chrome).storage.local.get(key))[key] as { id: string }[] | undefined)?.slice(0, 5).map((r) => r.id);
      return !!kept && kept.join('\n') === shown.join('\n');
    },
    FIRST_ROWS_KEY,
    { timeoutMs: 120_000, what: 'the first rows kept' },
  );
}

/** One visit's first screen: the rows on screen (whichever came first), and the full page's own. */
interface Visit {
  /** When the first script ran (null where it did not). */
  script: number | null;
  shown: number;
  page: number;
  /** The first script drew the rows. */
  drawn: boolean;
}

/**
 * --first-screen: the library page's first screen, with an empty library and with ARTICLES
 * articles, against a minimal static page of the same extension (a paragraph and a script that
 * marks the first frame, written into a copy of the built extension), RUNS reloads each after a
 * warm-up (or, with --new-tab, RUNS visits each in a tab of its own), in turns, in Chromium and
 * in Firefox (--browser chromium|firefox|both). The library's
 * first screen is the earlier of its first script's rows (`oqy:library-first-drawn`) and the
 * full page's (`oqy:library-first-screen`).
 */
async function firstScreenAgainstStatic(name: BrowserName): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'oqy-first-screen-'));
  const server = await startFixtureServer();
  cpSync(name === 'chromium' ? CHROME_DIST : DIST_FIREFOX, dir, { recursive: true });
  writeFileSync(join(dir, 'blank.html'), '<!doctype html>\n<html><head><meta charset="utf-8"><title>Oqy</title></head><body><p>Oqy</p><script src="blank.js"></script></body></html>\n');
  writeFileSync(join(dir, 'blank.js'), `requestAnimationFrame(() => performance.mark(${JSON.stringify(FIRST)}));\n`);
  const browser = await launchDriver(name, { server, extensionDir: dir });
  try {
    const tab = await browser.openExtensionPage('blank.html', {}, { viewport: VIEWPORT });
    const visit = async (on: Tab): Promise<Visit> => {
      const marks = await on.waitFor(
        (names) => {
          // (No named inner functions here: tsx would wrap them in a helper the page does not have.)
          const times = names.map((mark) => performance.getEntriesByName(mark)[0]?.startTime ?? null);
          return times[0] === null ? null : times;
        },
        [FIRST, FIRST_DRAWN, 'oqy:library-first-script'],
        { timeoutMs: 120_000, what: 'the first screen' },
      );
      const [full, drawn, script] = marks as [number, number | null, number | null];
      return { script, shown: drawn === null ? full : Math.min(drawn, full), page: full, drawn: drawn !== null };
    };
    const times = async (path: string): Promise<Visit[]> => {
      await tab.goto(browser.extensionUrl(path));
      const warm = await visit(tab);
      // The warm-up visit loads the whole list and keeps its first rows for the next visits'
      // first script (the articles were written straight into the database, past the page);
      // a build without the first script (to compare) keeps none.
      if (path === LIBRARY_PATH && warm.script !== null) await firstRowsKept(tab);
      const out: Visit[] = [];
      // The tab that made the warm-up visit leaves the page, so that only the measured tab holds it.
      if (NEW_TAB_VISITS) await tab.goto(browser.extensionUrl('blank.html'));
      for (let run = 0; run < RUNS; run++) {
        if (NEW_TAB_VISITS) {
          // As the library is opened from the popup or the menu: a tab of its own, the one before closed.
          const opened = await browser.openExtensionPage(path, {}, { viewport: VIEWPORT });
          try {
            out.push(await visit(opened));
          } finally {
            await opened.close();
          }
        } else {
          await tab.reload();
          out.push(await visit(tab));
        }
      }
      return out;
    };
    // Taken in turns, so that a change in the machine's load falls on both.
    const rounds = async (): Promise<{ library: Visit[]; blank: Visit[] }> => {
      const library: Visit[] = [];
      const blank: Visit[] = [];
      for (let round = 0; round < 2; round++) {
        library.push(...(await times(LIBRARY_PATH)));
        blank.push(...(await times('blank.html')));
      }
      return { library, blank };
    };
    const empty = await rounds();
    const loadEmpty = loadavg()[0]!;

    const pools = sentencePools();
    const { seeds } = makeSeeds(pools);
    await tab.goto(browser.extensionUrl(LIBRARY_PATH));
    await visit(tab);
    for (let i = 0; i < seeds.length; i += BATCH) await seedBatch(tab, LIBRARY_DB, pools, seeds.slice(i, i + BATCH));
    const full = await rounds();
    const loadFull = loadavg()[0]!;

    const line = (label: string, xs: number[], note = '') =>
      console.log(`| ${label} | ${f1(median(xs))} ms | ${f1(Math.min(...xs))} | ${f1(Math.max(...xs))} | ${note} |`);
    const drawnOf = (vs: Visit[]) => `first script drew the rows in ${vs.filter((v) => v.drawn).length} of ${vs.length}`;
    const how = NEW_TAB_VISITS ? 'visits, each in a new tab' : 'reloads';
    console.log(`\n${name}: first screen from navigation start, ${empty.library.length} ${how} each (load average ${loadEmpty.toFixed(2)} after the empty library, ${loadFull.toFixed(2)} after ${count(ARTICLES)} articles):`);
    console.log('| page | median | min | max | note |');
    console.log('|---|---|---|---|---|');
    line('a static page of the extension (a paragraph, one classic script), beside the empty library', empty.blank.map((v) => v.shown));
    line('library page, empty library', empty.library.map((v) => v.shown), drawnOf(empty.library));
    line('a static page of the extension, beside the full library', full.blank.map((v) => v.shown));
    line(`library page, ${count(ARTICLES)} articles: rows on screen`, full.library.map((v) => v.shown), drawnOf(full.library));
    line(`library page, ${count(ARTICLES)} articles: the full page's own rows`, full.library.map((v) => v.page));
    const known = (xs: (number | null)[]) => xs.filter((x): x is number => x !== null);
    line(`library page, ${count(ARTICLES)} articles: its first script ran`, known(full.library.map((v) => v.script)));
  } finally {
    await browser.close();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function firstScreensInBrowsers(): Promise<void> {
  const i = process.argv.indexOf('--browser');
  const which = i > 0 ? process.argv[i + 1] : 'both';
  for (const name of ['chromium', 'firefox'] as const) if (which === 'both' || which === name) await firstScreenAgainstStatic(name);
}

// Run as a script; imported (by a probe of one figure), it only lends its helpers.
if (process.argv[1]?.endsWith('library-bench.ts')) {
  void (process.argv.includes('--first-screen') ? firstScreensInBrowsers() : main()).catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
