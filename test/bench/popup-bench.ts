/**
 * How long the popup takes to show an article, against the floor: the same article as a static
 * page. In Chromium with the built extension (npm run build first), for each fixture article:
 *
 * - popup: the popup page opened for the article's tab; the time is the popup's own mark
 *   `oqy:article-shown` (put once the article body is in the DOM and a frame has passed), in ms
 *   since the popup's navigation started. It covers loading the popup, asking the tab's content
 *   script for the article (the extraction runs there) and rendering it.
 * - static gold page: the gold answer (title as <h1>, text blocks as <p>) served as a plain page
 *   from the fixture server; the same kind of mark, from an inline script after a
 *   requestAnimationFrame at the end of the body, and its first-contentful-paint.
 *
 * Median of N runs each (popup and static runs interleaved), after one first open of each that
 * is reported on its own: it comes right after the toolbar button lit up, when the page may not
 * have been read ahead in its idle time yet. The later opens get the reading the page keeps until
 * it changes. The popup's own DOMContentLoaded (its scripts loaded and run) and its mark
 * `oqy:article-read` (the article's reply in hand) show where the time goes.
 *
 *   node --import tsx test/bench/popup-bench.ts [--runs 15]
 */
import { availableParallelism } from 'node:os';
import type { Page } from 'playwright-core';
import { loadFixtures, startFixtureServer, type Fixture } from '../harness/fixture-server.ts';
import { launchChromiumWithExtension, tabIdFor, waitForToolbarTitle } from '../harness/chromium.ts';

const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 15;
const MARK = 'oqy:article-shown';
const VIEWPORT = { width: 460, height: 640 };
const READY = 'Oqy: read this article';

interface Gold {
  title: string;
  lang: string;
  text: string[];
  isArticle: boolean;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The article as a plain page: nothing but its title and text, and the mark after a frame. */
function goldPage(gold: Gold): string {
  return `<!doctype html>
<html lang="${gold.lang}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escapeHtml(gold.title)}</title></head>
<body>
<h1>${escapeHtml(gold.title)}</h1>
${gold.text.map((block) => `<p>${escapeHtml(block)}</p>`).join('\n')}
<script>requestAnimationFrame(() => performance.mark(${JSON.stringify(MARK)}));</script>
</body>
</html>`;
}

/** Opens `url` in a fresh page at the popup's size and reads the mark (and FCP) off it. */
async function measure(newPage: () => Promise<Page>, url: string, withPaint: boolean): Promise<{ shown: number; fcp: number | null; loaded: number; read: number }> {
  const page = await newPage();
  try {
    await page.setViewportSize(VIEWPORT);
    await page.goto(url);
    await page.waitForFunction((name) => performance.getEntriesByName(name).length > 0, MARK, { timeout: 30_000, polling: 'raf' });
    if (withPaint) {
      await page.waitForFunction(() => performance.getEntriesByName('first-contentful-paint').length > 0, undefined, { timeout: 10_000 });
    }
    return await page.evaluate((name) => {
      const fcp = performance.getEntriesByName('first-contentful-paint')[0];
      const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
      return {
        shown: performance.getEntriesByName(name)[0]!.startTime,
        fcp: fcp ? fcp.startTime : null,
        loaded: nav?.domContentLoadedEventEnd ?? NaN,
        read: performance.getEntriesByName('oqy:article-read')[0]?.startTime ?? NaN,
      };
    }, MARK);
  } finally {
    await page.close();
  }
}

const f = (n: number) => n.toFixed(1);

async function main(): Promise<void> {
  const server = await startFixtureServer();
  const browser = await launchChromiumWithExtension({ serverPort: server.port });
  const newPage = () => browser.context.newPage();
  const articles = loadFixtures().filter((fx: Fixture) => (fx.gold as unknown as Gold).isArticle);
  const rows: Array<{ name: string; popup: number; floor: number; fcp: number; firstPopup: number; loaded: number; read: number }> = [];
  try {
    const version = browser.context.browser()?.version() ?? '?';
    for (const fixture of articles) {
      const gold = fixture.gold as unknown as Gold;
      const tab = await browser.context.newPage();
      await tab.goto(fixture.servedUrl);
      await waitForToolbarTitle(browser.worker, fixture.servedUrl, [READY]);
      const tabId = await tabIdFor(browser.worker, fixture.servedUrl);
      const goldUrl = `http://127.0.0.1:${server.port}/gold/${fixture.name}.html`;
      server.route(goldUrl, { type: 'text/html; charset=utf-8', body: goldPage(gold) });

      const popupUrl = browser.popupUrl({ tab: tabId });
      const firstPopup = (await measure(newPage, popupUrl, false)).shown;
      await measure(newPage, goldUrl, true);
      const popup: number[] = [];
      const floor: number[] = [];
      const fcp: number[] = [];
      const loaded: number[] = [];
      const read: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const opened = await measure(newPage, popupUrl, false);
        popup.push(opened.shown);
        loaded.push(opened.loaded);
        read.push(opened.read);
        const plain = await measure(newPage, goldUrl, true);
        floor.push(plain.shown);
        if (plain.fcp !== null) fcp.push(plain.fcp);
      }
      rows.push({ name: fixture.name, popup: median(popup), floor: median(floor), fcp: median(fcp), firstPopup, loaded: median(loaded), read: median(read) });
      await tab.close();
    }

    console.log(`Popup to article shown vs a static page of the gold article, median of ${RUNS} runs each`);
    console.log(`(Chromium ${version}, ${process.env.DISPLAY ? 'headed' : 'headless'}, ${availableParallelism()} cores, popup-sized ${VIEWPORT.width}×${VIEWPORT.height} page; ms since each page's navigation start)\n`);
    console.log('| page | popup to article shown (ms) | static gold page painted (ms) | ratio |');
    console.log('|---|---|---|---|');
    for (const r of rows) console.log(`| ${r.name} | ${f(r.popup)} | ${f(r.floor)} | ${(r.popup / r.floor).toFixed(2)} |`);
    const ratios = rows.map((r) => r.popup / r.floor);
    console.log(`| median over pages | ${f(median(rows.map((r) => r.popup)))} | ${f(median(rows.map((r) => r.floor)))} | ${median(ratios).toFixed(2)} |`);
    console.log('\n"Painted" is the static page\'s own mark after a requestAnimationFrame, the same kind of mark as the popup\'s.');
    console.log(`Static page first-contentful-paint, median per page: ${rows.map((r) => `${r.name} ${f(r.fcp)}`).join(', ')}.`);
    console.log(`Popup's own DOMContentLoaded / article reply in hand, median per page: ${rows.map((r) => `${r.name} ${f(r.loaded)} / ${f(r.read)}`).join(', ')} ms.`);
    console.log(`First popup open per tab, right after the toolbar button lit up: ${rows.map((r) => `${r.name} ${f(r.firstPopup)}`).join(', ')} ms.`);
  } finally {
    await browser.close();
    await server.close();
  }
}

await main();
