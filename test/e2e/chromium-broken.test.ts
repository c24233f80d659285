/**
 * Huge and broken Qazaq24 pages in Chromium with Oqy loaded (test/harness/broken-cases.ts:
 * empty, whitespace, 10 MB, 100,000 elements, 5,000 deep, binary, invalid UTF-8, a frameset,
 * a feed, an SVG, only images). The page itself must keep working (its own script keeps
 * ticking, Oqy's detection and extraction leave its DOM as it was), the toolbar button must
 * take a state, and the popup for the tab must end in the right state within a bound, never
 * stay on "loading".
 *
 * The times measured (page load, toolbar state, popup, and the longest pause of the page's own
 * script while the popup read it: the extraction runs on the page's main thread) are printed,
 * not asserted: the bounds only catch a hang.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startFixtureServer, type FixtureServer } from '../harness/fixture-server.ts';
import { launchChromiumWithExtension, tabIdFor, waitForToolbarTitle, type ChromiumWithExtension } from '../harness/chromium.ts';
import {
  BROKEN_CASES,
  DEFINITE_STATES,
  FIRST_SENTENCE,
  LOAD_BOUND_MS,
  PAGE_STATE,
  POPUP_BOUND_MS,
  RESET_GAP,
  TOOLBAR_BOUND_MS,
  type PageState,
} from '../harness/broken-cases.ts';
import enMessages from '../../public/_locales/en/messages.json';

/** The extension API in the service worker, where the tab is asked. */
declare const chrome: { tabs: { sendMessage(tabId: number, message: unknown): Promise<unknown> } };

type Catalog = Record<string, { message: string }>;
const en = (key: keyof typeof enMessages) => (enMessages as Catalog)[key]!.message;

const TITLE_READY = en('actionTitleReady');
const TITLE_NOT_ARTICLE = en('actionTitleNotArticle');

let server: FixtureServer;
let browser: ChromiumWithExtension;
const report: string[] = [];

/** What a page shows of its own state: its ticks, whether it has a body, the size of its DOM. */
function pageState(page: Page): Promise<PageState> {
  return page.evaluate(PAGE_STATE);
}

/** The ticks gained in `ms` of wall time: a responsive page gains many. */
async function ticksIn(page: Page, ms: number): Promise<number> {
  const before = (await pageState(page)).ticks;
  await new Promise((r) => setTimeout(r, ms));
  return (await pageState(page)).ticks - before;
}

describe('huge and broken pages in Chromium', () => {
  beforeAll(async () => {
    server = await startFixtureServer();
    for (const c of BROKEN_CASES) server.route(c.url, { type: c.type, body: c.body() });
    browser = await launchChromiumWithExtension({ serverPort: server.port });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    // The measured times, for the record (not asserted).
    console.log(`chromium-broken timings:\n${report.join('\n')}`);
  });

  it.each(BROKEN_CASES)(
    '$name: the page keeps working, the button takes a state, the popup ends in a definite state',
    async ({ name, url, ticks, state: expected, readInPopup }) => {
      const page = await browser.context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      try {
        let t = Date.now();
        const response = await page.goto(url, { timeout: LOAD_BOUND_MS });
        expect(response?.status(), `${url} from the fixture server`).toBe(200);
        const loadMs = Date.now() - t;

        t = Date.now();
        const title = await waitForToolbarTitle(browser.worker, url, [TITLE_READY, TITLE_NOT_ARTICLE], TOOLBAR_BOUND_MS);
        const toolbarMs = Date.now() - t;
        const tabId = await tabIdFor(browser.worker, url);

        const before = await pageState(page);
        if (ticks) {
          expect(before.hasBody, 'the page has its body').toBe(true);
          expect(await ticksIn(page, 500), 'the page script keeps ticking after the content script ran').toBeGreaterThan(5);
          // The longest freeze of the page from here on is what the extraction costs it.
          await page.evaluate(RESET_GAP);
        }
        const popup = await browser.context.newPage();
        let state = '';
        let text = '';
        let popupMs = 0;
        try {
          t = Date.now();
          await popup.goto(browser.popupUrl({ tab: tabId }));
          await popup.locator('main.popup:not([data-state="loading"])').waitFor({ timeout: POPUP_BOUND_MS });
          popupMs = Date.now() - t;
          state = (await popup.locator('main.popup').getAttribute('data-state')) ?? '';
          text = (await popup.locator('main.popup').innerText()).trim();
        } finally {
          await popup.close();
        }

        expect(DEFINITE_STATES, `popup state; it said: ${text.slice(0, 300)}`).toContain(state);
        if (state === 'failed') expect(text.length, 'a failure says what happened').toBeGreaterThan(0);
        if (expected) expect(state, `popup state; it said: ${text.slice(0, 300)}`).toBe(expected);
        if (state === 'article') {
          expect(text).toContain(FIRST_SENTENCE);
          // Told apart in the worker: the copy of a huge page stays there.
          const kind = await browser.worker.evaluate(
            (id) =>
              chrome.tabs
                .sendMessage(id, { type: 'oqy/extract-or-copy' })
                .then((reply: unknown) => (reply && typeof reply === 'object' && 'copy' in reply ? 'copy' : (reply as { ok?: boolean })?.ok ? 'article' : 'failed')),
            tabId,
          );
          expect(kind, 'how the page answers the popup').toBe(readInPopup ? 'copy' : 'article');
        }
        // The extension's work leaves the page as it was and running.
        const after = await pageState(page);
        const freezeMs = after.gap;
        expect(after.hasBody).toBe(before.hasBody);
        expect(after.elements, 'extraction leaves the page DOM as it was').toBe(before.elements);
        expect(after.textLength).toBe(before.textLength);
        if (ticks) expect(await ticksIn(page, 500), 'the page script keeps ticking after the extraction').toBeGreaterThan(5);
        expect(errors, 'no error on the page').toEqual([]);

        report.push(
          `  ${name}: load ${loadMs} ms; toolbar "${title}" after ${toolbarMs} ms; popup "${state}" after ${popupMs} ms ` +
            (ticks ? `(the page's script paused at most ${freezeMs} ms meanwhile); ` : '') +
            `${before.elements} elements, ${before.textLength} characters of text${state === 'failed' ? `; popup said: ${text.replace(/\s+/g, ' ').slice(0, 200)}` : ''}`,
        );
      } finally {
        await page.close();
      }
    },
    LOAD_BOUND_MS + TOOLBAR_BOUND_MS + POPUP_BOUND_MS + 30_000,
  );
});
