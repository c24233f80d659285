/**
 * How long the popup takes to show an article, against the floor: the same article as a static
 * page. In Chromium and in Firefox with the built extension (npm run build first), for each
 * fixture article:
 *
 * - popup: the popup page opened for the article's tab (as a page, at the popup's size). Two of
 *   its own marks, in ms since its navigation started, each put a frame after what it marks:
 *   `oqy:first-shown`, the first screen (the article's title and first paragraphs as text,
 *   drawn by the popup's first small script while the rest loads), and `oqy:article-shown`, the
 *   full view (the sanitized article with its pictures, links and buttons). Both cover loading
 *   the popup, asking the tab's content script for the article and drawing it.
 * - static gold page: the gold answer (title as <h1>, text blocks as <p>) served as a plain page
 *   from another host of the fixture server (no content script there); the same kind of mark,
 *   from an inline script after a requestAnimationFrame at the end of the body.
 *
 * - the same static page as an extension page: the gold page's markup put into a copy of the
 *   built extension (with its mark set by a script file, as an extension page allows no inline
 *   script) and opened as a page of the extension. What any extension page costs the browser
 *   before its first script runs is in it: the floor the popup itself stands on.
 *
 * Median of N runs each (popup and static runs interleaved), after one first open of each that
 * is reported on its own: it comes right after the toolbar button lit up, when the page may not
 * have been read ahead in its idle time yet. The later opens get the reading the page keeps until
 * it changes. The popup's own DOMContentLoaded (its first script run) and its mark
 * `oqy:article-read` (the full view's script has the article) show where the time goes.
 *
 *   node --import tsx test/bench/popup-bench.ts [--runs 15] [--browser chromium|firefox|both]
 */
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadFixtures, startFixtureServer, type Fixture } from '../harness/fixture-server.ts';
import { launchDriver, type BrowserName, type Driver, type Tab } from '../harness/driver.ts';

function argument(name: string, fallback: string): string {
  const at = process.argv.indexOf(name);
  return at > 0 && process.argv[at + 1] ? process.argv[at + 1]! : fallback;
}

const RUNS = Number(argument('--runs', '15'));
const WANTED = argument('--browser', 'both');
const FIRST = 'oqy:first-shown';
const FULL = 'oqy:article-shown';
const VIEWPORT = { width: 460, height: 640 };
const READY = 'Oqy: read this article';
const GOLD_HOST = 'gold.example';

interface Gold {
  title: string;
  lang: string;
  text: string[];
  isArticle: boolean;
}

function median(xs: number[]): number {
  const s = [...xs].filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (!s.length) return NaN;
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

const MARK_SCRIPT = `requestAnimationFrame(() => performance.mark(${JSON.stringify(FULL)}));`;

/**
 * The article as a plain page: nothing but its title and text, and the mark after a frame (an
 * inline script, or `markFile` where inline scripts are not allowed).
 */
function goldPage(gold: Gold, markFile?: string): string {
  const mark = markFile ? `<script src="${markFile}"></script>` : `<script>${MARK_SCRIPT}</script>`;
  return `<!doctype html>
<html lang="${gold.lang}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escapeHtml(gold.title)}</title></head>
<body>
<h1>${escapeHtml(gold.title)}</h1>
${gold.text.map((block) => `<p>${escapeHtml(block)}</p>`).join('\n')}
${mark}
</body>
</html>`;
}

const goldExtensionPage = (name: string) => `bench-gold/${name}.html`;

/** A copy of the built extension with the gold pages in it, as extension pages (the caller removes it). */
function extensionWithGoldPages(name: BrowserName, articles: Fixture[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'oqy-popup-bench-'));
  cpSync(resolve(import.meta.dirname, '../../dist', name === 'chromium' ? 'chrome' : 'firefox'), dir, { recursive: true });
  mkdirSync(join(dir, 'bench-gold'));
  writeFileSync(join(dir, 'bench-gold', 'mark.js'), MARK_SCRIPT);
  for (const fixture of articles) writeFileSync(join(dir, goldExtensionPage(fixture.name)), goldPage(fixture.gold as unknown as Gold, './mark.js'));
  return dir;
}

interface Marks {
  first: number;
  full: number;
  loaded: number;
  read: number;
  /** The first script ran; the tab's answer came to it. */
  script: number;
  answer: number;
}

/** Reads the marks off a page once `until` is there. */
async function marksOf(page: Tab, until: string): Promise<Marks> {
  await page.waitFor((name) => performance.getEntriesByName(name).length > 0, until, { timeoutMs: 30_000, what: `the mark ${until}` });
  return page.evaluate(
    // No named functions inside: tsx would wrap them in a helper the page does not have.
    ([first, full]) => {
      const [f, a, r, sc, an] = [first, full, 'oqy:article-read', 'oqy:first-script', 'oqy:tab-answer'].map((name) => performance.getEntriesByName(name)[0]?.startTime ?? NaN);
      const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
      return { first: f!, full: a!, loaded: nav?.domContentLoadedEventEnd ?? NaN, read: r!, script: sc!, answer: an! };
    },
    [FIRST, FULL] as const,
  );
}

async function popupOnce(browser: Driver, tab: Tab): Promise<Marks> {
  const popup = await browser.openPopup(tab, { viewport: VIEWPORT });
  try {
    return await marksOf(popup, FULL);
  } finally {
    await popup.close();
  }
}

async function staticOnce(browser: Driver, url: string): Promise<number> {
  const page = url.startsWith('http') ? await browser.openTab(url, { viewport: VIEWPORT }) : await browser.openExtensionPage(url, {}, { viewport: VIEWPORT });
  try {
    return (await marksOf(page, FULL)).full;
  } finally {
    await page.close();
  }
}

interface Row {
  name: string;
  first: number;
  full: number;
  floor: number;
  /** The same static page as an extension page. */
  extensionFloor: number;
  firstOpen: number;
  loaded: number;
  read: number;
  script: number;
  answer: number;
}

async function measureIn(name: BrowserName, articles: Fixture[]): Promise<Row[]> {
  const server = await startFixtureServer();
  const extensionDir = extensionWithGoldPages(name, articles);
  const browser = await launchDriver(name, { server, extraHosts: [GOLD_HOST], extensionDir }).catch((e) => {
    rmSync(extensionDir, { recursive: true, force: true });
    throw e;
  });
  const rows: Row[] = [];
  try {
    for (const fixture of articles) {
      const gold = fixture.gold as unknown as Gold;
      const goldUrl = `http://${GOLD_HOST}/${fixture.name}.html`;
      server.route(goldUrl, { type: 'text/html; charset=utf-8', body: goldPage(gold) });
      const tab = await browser.openTab(fixture.servedUrl);
      await browser.waitForToolbarTitle(tab, [READY]);
      const firstOpen = (await popupOnce(browser, tab)).full;
      await staticOnce(browser, goldUrl);
      await staticOnce(browser, goldExtensionPage(fixture.name));
      const runs: Marks[] = [];
      const floor: number[] = [];
      const extensionFloor: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        await tab.bringToFront();
        runs.push(await popupOnce(browser, tab));
        floor.push(await staticOnce(browser, goldUrl));
        extensionFloor.push(await staticOnce(browser, goldExtensionPage(fixture.name)));
      }
      rows.push({
        name: fixture.name,
        first: median(runs.map((r) => r.first)),
        full: median(runs.map((r) => r.full)),
        floor: median(floor),
        extensionFloor: median(extensionFloor),
        firstOpen,
        loaded: median(runs.map((r) => r.loaded)),
        read: median(runs.map((r) => r.read)),
        script: median(runs.map((r) => r.script)),
        answer: median(runs.map((r) => r.answer)),
      });
      await tab.close();
    }
    return rows;
  } finally {
    await browser.close();
    await server.close();
    rmSync(extensionDir, { recursive: true, force: true });
  }
}

const f = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : 'n/a');
const ratio = (a: number, b: number) => (Number.isFinite(a / b) ? (a / b).toFixed(2) : 'n/a');

function print(name: BrowserName, rows: Row[]): void {
  console.log(`\n${name}: popup to article vs a static page of the gold article, median of ${RUNS} runs each`);
  console.log(`(${availableParallelism()} cores, popup-sized ${VIEWPORT.width}×${VIEWPORT.height} page; ms since each page's navigation start)\n`);
  console.log('| page | popup: first screen (ms) | popup: full view (ms) | static gold page painted (ms) | first screen / static | full view / static | the static page as an extension page (ms) | first screen / it | full view / it |');
  console.log('|---|---|---|---|---|---|---|---|---|');
  for (const r of rows) {
    console.log(`| ${r.name} | ${f(r.first)} | ${f(r.full)} | ${f(r.floor)} | ${ratio(r.first, r.floor)} | ${ratio(r.full, r.floor)} | ${f(r.extensionFloor)} | ${ratio(r.first, r.extensionFloor)} | ${ratio(r.full, r.extensionFloor)} |`);
  }
  const m = (pick: (r: Row) => number) => median(rows.map(pick));
  const rm = (a: (r: Row) => number, b: (r: Row) => number) => m((r) => a(r) / b(r)).toFixed(2);
  console.log(
    `| median over pages | ${f(m((r) => r.first))} | ${f(m((r) => r.full))} | ${f(m((r) => r.floor))} | ${rm((r) => r.first, (r) => r.floor)} | ${rm((r) => r.full, (r) => r.floor)} | ${f(m((r) => r.extensionFloor))} | ${rm((r) => r.first, (r) => r.extensionFloor)} | ${rm((r) => r.full, (r) => r.extensionFloor)} |`,
  );
  console.log(`\nWhere the time goes, median per page: the first script ran / the tab's answer came / DOMContentLoaded / the full view's script has the article: ${rows.map((r) => `${r.name} ${f(r.script)} / ${f(r.answer)} / ${f(r.loaded)} / ${f(r.read)}`).join(', ')} ms.`);
  console.log(`First popup open per tab (full view), right after the toolbar button lit up: ${rows.map((r) => `${r.name} ${f(r.firstOpen)}`).join(', ')} ms.`);
}

const articles = loadFixtures().filter((fx: Fixture) => (fx.gold as unknown as Gold).isArticle);
const browsers: BrowserName[] = WANTED === 'both' ? ['chromium', 'firefox'] : [WANTED as BrowserName];
for (const name of browsers) {
  print(name, await measureIn(name, articles));
}
