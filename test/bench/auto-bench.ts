/**
 * How soon auto reader mode shows an article, against the same page with auto mode off, measured
 * in one run with the built extension (npm run build first): in Chromium, and in Firefox.
 *
 * Each article page's images are served late (--image-delay, 1500 ms by default), as a real
 * page's images come from slower servers than its HTML; the HTML comes at once (loopback). The
 * measures are taken in the page (test/harness/auto-probes.ts readerPaintProbe), in ms since the
 * navigation started:
 *
 * - auto off: DOMContentLoaded, first contentful paint, the load event; and Oqy's extraction
 *   time on the page, as the content script reports it when asked for the article (as the
 *   popup asks).
 * - auto on: the reader's frame drawn (the page's first frame, with the frame in it), the reader
 *   in (it took the frame over), and the reader's text painted: the end of the first frame
 *   drawn after that, with no face still loading; also the browser's largest-contentful-paint
 *   record of that text where it has one.
 *
 * Ratios, against the same page with auto mode off in the same run: text painted / load event,
 * and text painted / (DOMContentLoaded + extraction). Home pages get a second table: auto mode
 * leaves them alone by their address. Rounds alternate auto off and on, after one warm-up
 * round that is not counted; medians of N rounds. The sizes of the two auto-mode scripts are
 * printed too.
 *
 *   node --import tsx test/bench/auto-bench.ts [--runs 5] [--browser chromium|firefox|both] [--image-delay 1500]
 */
import { availableParallelism } from 'node:os';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { loadFixtures, startFixtureServer, type Fixture, type FixtureServer } from '../harness/fixture-server.ts';
import { CHROME_DIST, launchChromiumWithExtension, tabIdFor, type ChromiumWithExtension } from '../harness/chromium.ts';
import { autoMatches, initScript, readReaderPaint } from '../harness/chromium-auto.ts';
import { DIST_FIREFOX, launchFirefoxWithExtension, type FirefoxSession } from '../harness/firefox.ts';
import { TEXT_STRIP_PX, median, preloadScript, readerPaintProbe, serveImagesLate, type ReaderPaint } from '../harness/auto-probes.ts';

declare const chrome: {
  storage: { sync: { get(key: string): Promise<Record<string, unknown>>; set(items: Record<string, unknown>): Promise<void> } };
  tabs: { sendMessage(tabId: number, message: unknown): Promise<unknown> };
};

function argument(name: string, fallback: string): string {
  const at = process.argv.indexOf(name);
  return at > 0 ? (process.argv[at + 1] ?? fallback) : fallback;
}

const RUNS = Number(argument('--runs', '5'));
const BROWSERS = argument('--browser', 'both');
const IMAGE_DELAY_MS = Number(argument('--image-delay', '1500'));
const ARTICLES = ['article-dollar-ru', 'article-eagle-kk', 'article-unity-kk', 'article-writer-kk'];
const HOMES = ['home-kk', 'home-ru'];
const VIEWPORT = { width: 1280, height: 800 };

const f0 = (n: number | null) => (n === null || Number.isNaN(n) ? 'n/a' : n.toFixed(0));
const f2 = (n: number) => (Number.isNaN(n) ? 'n/a' : n.toFixed(2));
const med = (xs: (number | null)[]) => {
  const known = xs.filter((x): x is number => x !== null);
  return known.length ? median(known) : NaN;
};

/** What one browser does for the benchmark. */
interface Driver {
  name: string;
  setAuto(on: boolean): Promise<void>;
  /** Opens `url` in a fresh tab with the probe, waits until `done` holds; with `extraction`, also asks the page for the article. */
  visit(url: string, done: 'reader' | 'page', extraction: boolean): Promise<{ paint: ReaderPaint; extractionMs: number | null }>;
  close(): Promise<void>;
}

const DONE = {
  reader: (p: ReaderPaint) => p.textPaintAt !== null && p.load !== null,
  page: (p: ReaderPaint) => p.load !== null && p.firstFrameAt !== null,
};
const DONE_SOURCE = {
  reader: 'p.textPaintAt !== null && p.load !== null',
  page: 'p.load !== null && p.firstFrameAt !== null',
};

interface ExtractAnswer {
  ok: boolean;
  elapsedMs?: number;
}

async function chromiumDriver(server: FixtureServer): Promise<Driver> {
  const browser: ChromiumWithExtension = await launchChromiumWithExtension({ serverPort: server.port });
  return {
    name: `Chromium ${browser.context.browser()?.version() ?? ''}`.trim(),
    async setAuto(on) {
      await browser.worker.evaluate(async (qazaq24: boolean) => {
        const stored = ((await chrome.storage.sync.get('settings')).settings ?? {}) as Record<string, unknown>;
        await chrome.storage.sync.set({ settings: { ...stored, version: 2, autoMode: { qazaq24, sites: [] } } });
      }, on);
      const deadline = Date.now() + 10_000;
      while (((await autoMatches(browser.worker)) !== null) !== on) {
        if (Date.now() > deadline) throw new Error(`auto mode did not turn ${on ? 'on' : 'off'}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    async visit(url, done, extraction) {
      const page = await browser.context.newPage();
      try {
        await page.setViewportSize(VIEWPORT);
        await page.addInitScript({ content: initScript(readerPaintProbe, { textStrip: TEXT_STRIP_PX }) });
        await page.goto(url, { waitUntil: 'commit' });
        const paint = await readReaderPaint(page, DONE[done], 60_000, url);
        let extractionMs: number | null = null;
        if (extraction) {
          const tabId = await tabIdFor(browser.worker, url);
          const deadline = Date.now() + 20_000;
          // The content script comes at document_idle: asked until it answers.
          while (extractionMs === null && Date.now() < deadline) {
            const answer = (await browser.worker
              .evaluate(({ id }) => chrome.tabs.sendMessage(id, { type: 'oqy/extract' }).catch(() => null), { id: tabId })
              .catch(() => null)) as ExtractAnswer | null;
            if (answer?.ok) extractionMs = answer.elapsedMs ?? null;
            else await page.waitForTimeout(100);
          }
        }
        return { paint, extractionMs };
      } finally {
        await page.close();
      }
    },
    close: () => browser.close(),
  };
}

async function firefoxDriver(server: FixtureServer): Promise<Driver> {
  const ff: FirefoxSession = await launchFirefoxWithExtension({ proxyPort: server.port });
  const options = await ff.openExtensionPage('src/options/index.html');
  return {
    name: 'Firefox ESR',
    async setAuto(on) {
      await ff.evaluate(
        options,
        `browser.storage.sync.get('settings').then(({ settings }) => browser.storage.sync.set({ settings: { ...(settings ?? {}), version: 2, autoMode: { qazaq24: ${on}, sites: [] } } }))`,
      );
      await ff.waitFor(options, `browser.scripting.getRegisteredContentScripts().then((r) => r.length === ${on ? 1 : 0})`, 10_000);
    },
    async visit(url, done, extraction) {
      const { context } = await ff.send<{ context: string }>('browsingContext.create', { type: 'tab' });
      try {
        await ff.setViewport(context, VIEWPORT.width, VIEWPORT.height);
        await ff.send('script.addPreloadScript', { functionDeclaration: preloadScript(readerPaintProbe, { textStrip: TEXT_STRIP_PX }), contexts: [context] });
        await ff.send('browsingContext.navigate', { context, url, wait: 'none' });
        const paint = await ff.waitFor<ReaderPaint>(context, `(() => { const p = window.__oqyPaint; return p && (${DONE_SOURCE[done]}) && p; })()`, 60_000);
        let extractionMs: number | null = null;
        if (extraction) {
          const answer = await ff.waitFor<ExtractAnswer>(
            options,
            `browser.tabs.query({}).then((tabs) => {
              const tab = tabs.find((t) => t.url === ${JSON.stringify(url)});
              return tab ? browser.tabs.sendMessage(tab.id, { type: 'oqy/extract' }).catch(() => null) : null;
            })`,
            20_000,
          );
          extractionMs = answer.ok ? (answer.elapsedMs ?? null) : null;
        }
        return { paint, extractionMs };
      } finally {
        await ff.closeTab(context);
      }
    },
    close: () => ff.close(),
  };
}

interface ArticleRound {
  off: ReaderPaint;
  extractionMs: number | null;
  on: ReaderPaint;
}

async function measure(driver: Driver, fixture: (name: string) => Fixture): Promise<string[]> {
  const articles = new Map<string, ArticleRound[]>();
  const homes = new Map<string, { off: ReaderPaint; on: ReaderPaint }[]>();
  for (let round = 0; round <= RUNS; round++) {
    const counted = round > 0;
    const off = new Map<string, { paint: ReaderPaint; extractionMs: number | null }>();
    await driver.setAuto(false);
    for (const name of [...ARTICLES, ...HOMES]) off.set(name, await driver.visit(fixture(name).servedUrl, 'page', ARTICLES.includes(name)));
    await driver.setAuto(true);
    for (const name of ARTICLES) {
      const on = await driver.visit(fixture(name).servedUrl, 'reader', false);
      if (counted) articles.set(name, [...(articles.get(name) ?? []), { off: off.get(name)!.paint, extractionMs: off.get(name)!.extractionMs, on: on.paint }]);
    }
    for (const name of HOMES) {
      const on = await driver.visit(fixture(name).servedUrl, 'page', false);
      if (counted) homes.set(name, [...(homes.get(name) ?? []), { off: off.get(name)!.paint, on: on.paint }]);
    }
    process.stderr.write(`${driver.name}: ${counted ? `round ${round}/${RUNS}` : 'warm-up round'} done\n`);
  }

  const lines = [
    `${driver.name} with the built extension, ${availableParallelism()} cores, images served ${IMAGE_DELAY_MS} ms late, median of ${RUNS} runs each (rounds alternate auto off and on, after one warm-up round).`,
    '',
    '| page | auto off: DOMContentLoaded | auto off: load event | extraction | auto on: frame drawn | auto on: reader in | auto on: text painted | text / load (auto off) | text / (DOMContentLoaded + extraction) | browser\'s LCP record of the text |',
    '|---|---|---|---|---|---|---|---|---|---|',
  ];
  const loadRatios: number[] = [];
  const dclRatios: number[] = [];
  for (const name of ARTICLES) {
    const rounds = articles.get(name)!;
    const dcl = med(rounds.map((r) => r.off.domContentLoaded));
    const load = med(rounds.map((r) => r.off.load));
    const extraction = med(rounds.map((r) => r.extractionMs));
    const text = med(rounds.map((r) => r.on.textPaintAt));
    const loadRatio = median(rounds.map((r) => r.on.textPaintAt! / r.off.load!));
    const dclRatio = median(rounds.map((r) => r.on.textPaintAt! / (r.off.domContentLoaded! + (r.extractionMs ?? NaN))));
    loadRatios.push(loadRatio);
    dclRatios.push(dclRatio);
    lines.push(
      `| ${name} | ${f0(dcl)} | ${f0(load)} | ${f0(extraction)} | ${f0(med(rounds.map((r) => r.on.firstFrameAt)))} | ${f0(med(rounds.map((r) => r.on.readyAt)))} | ${f0(text)} | ${f2(loadRatio)} | ${f2(dclRatio)} | ${f0(med(rounds.map((r) => r.on.lcpTextAt)))} |`,
    );
  }
  lines.push(`| median over pages | | | | | | | ${f2(median(loadRatios))} | ${f2(median(dclRatios))} | |`);
  lines.push(...breakdown(articles));
  lines.push(
    '',
    '| home page | auto off: first frame | auto on: first frame | auto off: first contentful paint | auto on: first contentful paint | auto off: load | auto on: load | frame or reader shown (auto on) |',
    '|---|---|---|---|---|---|---|---|',
  );
  for (const name of HOMES) {
    const rounds = homes.get(name)!;
    const covered = rounds.filter((r) => r.on.hostAt !== null).length;
    lines.push(
      `| ${name} | ${f0(med(rounds.map((r) => r.off.firstFrameAt)))} | ${f0(med(rounds.map((r) => r.on.firstFrameAt)))} | ${f0(med(rounds.map((r) => r.off.firstContentfulPaint)))} | ${f0(med(rounds.map((r) => r.on.firstContentfulPaint)))} | ${f0(med(rounds.map((r) => r.off.load)))} | ${f0(med(rounds.map((r) => r.on.load)))} | ${covered} of ${rounds.length} |`,
    );
  }
  return lines;
}

/** Oqy's steps with auto mode on, in the order they happen, as the build marks them (OQY_TIMING=1). */
const STEPS: [string, string][] = [
  ['auto-start', 'auto script runs'],
  ['settings-read', 'settings read'],
  ['part-asked', 'reader part asked'],
  ['dcl', 'DOMContentLoaded'],
  ['part-start', 'reader part starts'],
  ['part-ready', 'reader part evaluated'],
  ['part-in-hand', 'part and settings in hand'],
  ['extract-start', 'extraction start'],
  ['extract-end', 'extraction end'],
  ['render-end', 'reader rendered'],
  ['faces-text-in', 'text faces in'],
];

/** Where the time goes with auto mode on (medians, ms since the navigation started), when the build marks its steps. */
function breakdown(articles: Map<string, ArticleRound[]>): string[] {
  const all = [...articles.values()].flat();
  if (!all.some((r) => Object.keys(r.on.marks ?? {}).length)) return [];
  const steps = STEPS.filter(([key]) => all.some((r) => r.on.marks?.[key] !== undefined));
  const lines = [
    '',
    `Where the time goes with auto mode on (build with OQY_TIMING=1; medians, ms since the navigation started):`,
    '',
    `| page | ${steps.map(([, label]) => label).join(' | ')} | reader in | text painted |`,
    `|---|${steps.map(() => '---|').join('')}---|---|`,
  ];
  for (const [name, rounds] of articles) {
    const cells = steps.map(([key]) => f0(med(rounds.map((r) => r.on.marks?.[key] ?? null))));
    lines.push(`| ${name} | ${cells.join(' | ')} | ${f0(med(rounds.map((r) => r.on.readyAt)))} | ${f0(med(rounds.map((r) => r.on.textPaintAt)))} |`);
  }
  lines.push(
    '',
    'The same as steps (medians of each run\'s durations, ms):',
    '',
    `| page | ${PHASES.map(([label]) => label).join(' | ')} |`,
    `|---|${PHASES.map(() => '---|').join('')}`,
  );
  for (const [name, rounds] of articles) {
    const cells = PHASES.map(([, from, to]) => f0(med(rounds.map((r) => span(r.on, from, to)))));
    lines.push(`| ${name} | ${cells.join(' | ')} |`);
  }
  return lines;
}

/** A moment of the run with auto mode on: one of Oqy's marks, or one of the probe's own. */
function at(paint: ReaderPaint, step: string): number | null {
  if (step === 'nav') return 0;
  if (step === 'text') return paint.textPaintAt;
  return paint.marks?.[step] ?? null;
}

function span(paint: ReaderPaint, from: string | string[], to: string): number | null {
  const starts = (Array.isArray(from) ? from : [from]).map((s) => at(paint, s));
  const end = at(paint, to);
  if (end === null || starts.some((s) => s === null)) return null;
  return end - Math.max(...(starts as number[]));
}

/** Steps between the marks: a label, where it starts (the latest of several), where it ends. */
const PHASES: [string, string | string[], string][] = [
  ['navigation to auto script', 'nav', 'auto-start'],
  ['part asked to part running (background, injection, compiling)', 'part-asked', 'part-start'],
  ['part\'s own set-up', 'part-start', 'part-ready'],
  ['navigation to DOMContentLoaded (auto on)', 'nav', 'dcl'],
  ['DOMContentLoaded and part to extraction start', ['dcl', 'part-ready'], 'extract-start'],
  ['extraction', 'extract-start', 'extract-end'],
  ['render', 'extract-end', 'render-end'],
  ['rendered to text painted', 'render-end', 'text'],
];

/** The size of each auto-mode script in a build: bytes and gzip. */
function sizes(dist: string): string[] {
  return ['src/content/auto.js', 'src/content/reader-part.js'].map((file) => {
    const bytes = readFileSync(resolve(dist, file));
    return `- ${file}: ${(bytes.length / 1024).toFixed(1)} KB (${(gzipSync(bytes).length / 1024).toFixed(1)} KB gzip)`;
  });
}

async function main(): Promise<void> {
  const fixtures = new Map(loadFixtures().map((x) => [x.name, x] as const));
  const fixture = (name: string): Fixture => fixtures.get(name) ?? (() => { throw new Error(`no fixture ${name}`); })();
  const server = await startFixtureServer();
  serveImagesLate(server, ARTICLES.map(fixture), IMAGE_DELAY_MS);
  const out: string[] = [];
  try {
    const drivers: (() => Promise<Driver>)[] = [];
    if (BROWSERS !== 'firefox') drivers.push(() => chromiumDriver(server));
    if (BROWSERS !== 'chromium') drivers.push(() => firefoxDriver(server));
    for (const start of drivers) {
      const driver = await start();
      try {
        out.push(...(await measure(driver, fixture)), '');
        await driver.setAuto(false).catch(() => undefined);
      } finally {
        await driver.close();
      }
    }
  } finally {
    await server.close();
  }
  out.push('Auto-mode scripts, Chromium build:', ...sizes(CHROME_DIST), 'Firefox build:', ...sizes(DIST_FIREFOX));
  console.log(out.join('\n'));
}

await main();
