/**
 * What reading a huge page costs the page itself: the longest pause of the page's own script
 * (a ticker every 20 ms, test/harness/broken-cases.ts) while Oqy's popup reads the article, and
 * the longest task on the page's thread meanwhile (the Long Tasks API: tasks of 50 ms and more,
 * the content script's slices and messages among them), against the baseline of plain
 * Readability reading the same page in the page (a reader mode that parses where the page
 * runs), in the same run. The ticker's pause also counts the time the machine gives the page's
 * process nothing, so the load average is printed with it. Chromium with the built extension
 * (npm run build first); the huge pages of the end-to-end tests; median of N runs, each on a
 * fresh load.
 *
 *   node --import tsx test/bench/huge-bench.ts [--runs 3]
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism, loadavg } from 'node:os';
import type { Page } from 'playwright-core';
import { startFixtureServer } from '../harness/fixture-server.ts';
import { launchChromiumWithExtension, tabIdFor, waitForToolbarTitle } from '../harness/chromium.ts';
import { BROKEN_CASES, PAGE_STATE, POPUP_BOUND_MS, RESET_GAP, type PageState } from '../harness/broken-cases.ts';

const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 3;
const READY = 'Oqy: read this article';
const READABILITY = readFileSync(createRequire(import.meta.url).resolve('@mozilla/readability/Readability.js'), 'utf8');

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

const gap = async (page: Page) => ((await page.evaluate(PAGE_STATE)) as PageState).gap;

/** Starts keeping the page's long tasks (50 ms and more), from now. */
const WATCH_LONG_TASKS =
  "window.__oqyLong = 0; new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__oqyLong = Math.max(window.__oqyLong, e.duration); }).observe({ type: 'longtask' })";
/** The longest task since WATCH_LONG_TASKS, in ms; 0 where none reached 50 ms. */
const longestTask = async (page: Page) => Math.round((await page.evaluate('window.__oqyLong')) as number);

const loads = () => loadavg().map((l) => l.toFixed(1)).join(', ');

async function main(): Promise<void> {
  const cases = BROKEN_CASES.filter((c) => c.readInPopup);
  const server = await startFixtureServer();
  for (const c of cases) server.route(c.url, { type: c.type, body: c.body() });
  const browser = await launchChromiumWithExtension({ serverPort: server.port });
  const rows: string[] = [];
  try {
    for (const c of cases) {
      const oqy: number[] = [];
      const oqyTask: number[] = [];
      const popupMs: number[] = [];
      const plain: number[] = [];
      const plainMs: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        // Oqy: the popup asks the page for the article.
        let page = await browser.context.newPage();
        await page.goto(c.url, { timeout: 120_000 });
        await waitForToolbarTitle(browser.worker, c.url, [READY], 60_000);
        const tabId = await tabIdFor(browser.worker, c.url);
        await page.evaluate(WATCH_LONG_TASKS);
        await page.evaluate(RESET_GAP);
        const popup = await browser.context.newPage();
        const started = Date.now();
        await popup.goto(browser.popupUrl({ tab: tabId }));
        await popup.locator('main.popup[data-state="article"]').waitFor({ timeout: POPUP_BOUND_MS });
        popupMs.push(Date.now() - started);
        await popup.close();
        oqy.push(await gap(page));
        oqyTask.push(await longestTask(page));
        await page.close();

        // The baseline: plain Readability over a copy of the same DOM, in the page.
        page = await browser.context.newPage();
        await page.goto(c.url, { timeout: 120_000 });
        await page.addScriptTag({ content: READABILITY });
        await page.evaluate(RESET_GAP);
        const took = await page.evaluate(
          () =>
            new Promise<number>((resolve) =>
              setTimeout(() => {
                const t = performance.now();
                const Readability = (window as unknown as { Readability: new (doc: Document) => { parse(): unknown } }).Readability;
                new Readability(document.cloneNode(true) as Document).parse();
                resolve(performance.now() - t);
              }, 50),
            ),
        );
        plainMs.push(took);
        // The next tick after Readability is done closes the gap it made.
        const ticks = ((await page.evaluate(PAGE_STATE)) as PageState).ticks;
        await page.waitForFunction((n) => (window as unknown as { __oqyTicks: number }).__oqyTicks > n + 1, ticks);
        plain.push(await gap(page));
        await page.close();
      }
      const o = median(oqy);
      const p = median(plain);
      const task = median(oqyTask);
      rows.push(
        `| ${c.name} | ${o.toFixed(0)} | ${task ? task.toFixed(0) : '< 50'} | ${median(popupMs).toFixed(0)} | ${p.toFixed(0)} | ${median(plainMs).toFixed(0)} | ${(o / p).toFixed(2)} |`,
      );
      console.error(`${c.name}: done (load average ${loads()})`);
    }
    const version = browser.context.browser()?.version() ?? '?';
    console.log(`Longest pause of the page's own script while its article is read, median of ${RUNS} runs (Chromium ${version}, ${availableParallelism()} cores; load average at the end ${loads()})\n`);
    console.log(
      "| page | Oqy popup: page paused (ms) | Oqy popup: longest task on the page's thread (ms) | popup to article (ms) | plain Readability in the page: page paused (ms) | Readability took (ms) | ratio of pauses |",
    );
    console.log('|---|---|---|---|---|---|---|');
    for (const row of rows) console.log(row);
  } finally {
    await browser.close();
    await server.close();
  }
}

await main();
