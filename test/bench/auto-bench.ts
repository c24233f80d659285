/**
 * How soon auto reader mode shows an article, against the page's own load, in Chromium with
 * the built extension (npm run build first). For each fixture article, in one run:
 *
 * - auto on: a fresh tab goes to the article; a main-world init script notes when the reader's
 *   host enters the document (MutationObserver) and the animation frame after it, when it is
 *   drawn; in ms since the navigation started. The page's load event is noted too.
 * - auto off: a fresh tab goes to the same article; the navigation entry's loadEventEnd (when
 *   the page as served has loaded), its first contentful paint and DOMContentLoaded.
 *
 * Rounds alternate off and on (auto mode switched in the stored settings, the registration
 * awaited), after one warm-up round that is not counted. Medians of N rounds.
 * Home pages get a second table: the first contentful paint with auto mode on (the page is
 * veiled until the auto script has decided it is no article) and off.
 *
 *   node --import tsx test/bench/auto-bench.ts [--runs 10]
 */
import { availableParallelism } from 'node:os';
import type { Page } from 'playwright-core';
import { loadFixtures, startFixtureServer, type Fixture } from '../harness/fixture-server.ts';
import { launchChromiumWithExtension, type ChromiumWithExtension } from '../harness/chromium.ts';
import { autoMatches, initScript } from '../harness/chromium-auto.ts';
const readReaderTiming = async (_p: Page) => ({ inserted: 0, framed: 0 });
const readerTimingProbe = () => undefined;

declare const chrome: {
  storage: { sync: { get(key: string): Promise<Record<string, unknown>>; set(items: Record<string, unknown>): Promise<void> } };
};

const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 10;
const ARTICLES = ['article-dollar-ru', 'article-eagle-kk', 'article-unity-kk', 'article-writer-kk'];
const HOMES = ['home-kk', 'home-ru'];

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

const f = (n: number) => n.toFixed(0);

async function setAuto(browser: ChromiumWithExtension, on: boolean): Promise<void> {
  await browser.worker.evaluate(async (qazaq24: boolean) => {
    const stored = ((await chrome.storage.sync.get('settings')).settings ?? {}) as Record<string, unknown>;
    await chrome.storage.sync.set({ settings: { ...stored, version: 2, autoMode: { qazaq24, sites: [] } } });
  }, on);
  const deadline = Date.now() + 10_000;
  while ((await autoMatches(browser.worker)) === null ? on : !on) {
    if (Date.now() > deadline) throw new Error(`auto mode did not turn ${on ? 'on' : 'off'}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

interface PageTimes {
  load: number;
  domContentLoaded: number;
  fcp: number | null;
}

/** The navigation entry's times once the load event has ended, and the first contentful paint. */
async function pageTimes(page: Page): Promise<PageTimes> {
  await page.waitForFunction(() => ((performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined)?.loadEventEnd ?? 0) > 0, undefined, {
    timeout: 30_000,
  });
  // A paint entry is queued after the frame; give it one more.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0))));
  return page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
    const fcp = performance.getEntriesByName('first-contentful-paint')[0];
    return { load: nav.loadEventEnd, domContentLoaded: nav.domContentLoadedEventEnd, fcp: fcp ? fcp.startTime : null };
  });
}

async function visit<T>(browser: ChromiumWithExtension, url: string, probe: boolean, read: (page: Page) => Promise<T>): Promise<T> {
  const page = await browser.context.newPage();
  try {
    if (probe) await page.addInitScript({ content: initScript(readerTimingProbe, null) });
    await page.goto(url, { waitUntil: 'commit' });
    return await read(page);
  } finally {
    await page.close();
  }
}

async function main(): Promise<void> {
  const fixtures = new Map(loadFixtures().map((x) => [x.name, x] as const));
  const fixture = (name: string): Fixture => fixtures.get(name) ?? (() => { throw new Error(`no fixture ${name}`); })();
  const server = await startFixtureServer();
  const browser = await launchChromiumWithExtension({ serverPort: server.port });
  const on = new Map<string, Array<{ inserted: number; framed: number; load: number; domContentLoaded: number }>>();
  const off = new Map<string, PageTimes[]>();
  const homeOn = new Map<string, PageTimes[]>();
  const homeOff = new Map<string, PageTimes[]>();
  const version = browser.context.browser()?.version() ?? 'Chromium';
  const push = <T>(map: Map<string, T[]>, key: string, value: T) => map.set(key, [...(map.get(key) ?? []), value]);
  try {
    for (let round = 0; round <= RUNS; round++) {
      const counted = round > 0;
      await setAuto(browser, false);
      for (const name of [...ARTICLES, ...HOMES]) {
        const times = await visit(browser, fixture(name).servedUrl, false, pageTimes);
        if (counted) push(ARTICLES.includes(name) ? off : homeOff, name, times);
      }
      await setAuto(browser, true);
      for (const name of ARTICLES) {
        const times = await visit(browser, fixture(name).servedUrl, true, async (page) => {
          const reader = await readReaderTiming(page);
          const { load, domContentLoaded } = await pageTimes(page);
          return { ...reader, load, domContentLoaded };
        });
        if (counted) push(on, name, times);
      }
      for (const name of HOMES) {
        const times = await visit(browser, fixture(name).servedUrl, false, pageTimes);
        if (counted) push(homeOn, name, times);
      }
      process.stderr.write(counted ? `round ${round}/${RUNS}\n` : 'warm-up round done\n');
    }
  } finally {
    await setAuto(browser, false).catch(() => undefined);
    await browser.close();
    await server.close();
  }

  const lines = [
    `Chromium ${version} with the built extension, ${process.env.DISPLAY ? 'headed' : 'headless'}, ${availableParallelism()} cores, median of ${RUNS} runs each (rounds alternate auto off and on, after one warm-up round).`,
    '',
    '| page | reader drawn, auto on (ms) | reader host inserted (ms) | load event, auto off (ms) | ratio drawn / load | first contentful paint, auto off (ms) | DOMContentLoaded, auto off (ms) | DOMContentLoaded, auto on (ms) | load event, auto on (ms) |',
    '|---|---|---|---|---|---|---|---|---|',
  ];
  for (const name of ARTICLES) {
    const a = on.get(name)!;
    const o = off.get(name)!;
    const drawn = median(a.map((x) => x.framed));
    const load = median(o.map((x) => x.load));
    const fcps = o.flatMap((x) => (x.fcp === null ? [] : [x.fcp]));
    lines.push(
      `| ${name} | ${f(drawn)} | ${f(median(a.map((x) => x.inserted)))} | ${f(load)} | ${(drawn / load).toFixed(2)} | ${fcps.length ? f(median(fcps)) : 'n/a'} | ${f(median(o.map((x) => x.domContentLoaded)))} | ${f(median(a.map((x) => x.domContentLoaded)))} | ${f(median(a.map((x) => x.load)))} |`,
    );
  }
  lines.push('', '| home page | first contentful paint, auto on (ms) | first contentful paint, auto off (ms) | load event, auto on (ms) | load event, auto off (ms) |', '|---|---|---|---|---|');
  for (const name of HOMES) {
    const fcp = (xs: PageTimes[]) => {
      const v = xs.flatMap((x) => (x.fcp === null ? [] : [x.fcp]));
      return v.length ? f(median(v)) : 'n/a';
    };
    const a = homeOn.get(name)!;
    const o = homeOff.get(name)!;
    lines.push(`| ${name} | ${fcp(a)} | ${fcp(o)} | ${f(median(a.map((x) => x.load)))} | ${f(median(o.map((x) => x.load)))} |`);
  }
  console.log(lines.join('\n'));
}

await main();
