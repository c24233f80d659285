/**
 * Huge and broken Qazaq24 pages with Oqy loaded, in each browser (test/harness/broken-cases.ts:
 * empty, whitespace, 10 MB, 100,000 elements, 5,000 deep, binary, invalid UTF-8, a frameset,
 * a feed, an SVG, only images). The page itself must keep working (its own script keeps
 * ticking, Oqy's detection and extraction leave its DOM as it was), the toolbar button must
 * take a state, and the popup for the tab must end in the right state within a bound, never
 * stay on "loading".
 *
 * The times measured (page load, toolbar state, popup, and the longest pause of the page's own
 * script while the popup read it) are printed, not asserted: the bounds only catch a hang.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixtureServer, type FixtureServer } from '../harness/fixture-server.ts';
import { BROWSERS, READER_PATH, launchDriver, pollUntil, type Driver, type Tab } from '../harness/driver.ts';
import { tabShowing } from '../harness/reader-steps.ts';
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

type Catalog = Record<string, { message: string }>;
const en = (key: keyof typeof enMessages) => (enMessages as Catalog)[key]!.message;
const TOOLBAR_STATES = [en('actionTitleReady'), en('actionTitleNotArticle')];

/** What a page shows of its own state: its ticks, whether it has a body, the size of its DOM. */
const pageState = (tab: Tab) => tab.evaluateSource<PageState>(PAGE_STATE);

/** The ticks gained in `ms` of wall time: a responsive page gains many. */
/**
 * Whether the page's ticker (every 20 ms) goes on: six more ticks, waited for with the page in
 * front (a background tab's timers run once a second) and a bound that only a page that stopped
 * working reaches, however busy the machine. The ticks counted.
 */
async function keepsTicking(tab: Tab): Promise<number> {
  await tab.bringToFront();
  const before = (await pageState(tab)).ticks;
  return pollUntil(
    async () => {
      const more = (await pageState(tab)).ticks - before;
      return more > 5 ? more : 0;
    },
    { timeoutMs: 60_000, what: "the page's own script to go on ticking" },
  );
}

describe.each(BROWSERS)('huge and broken pages in %s', (browserName) => {
  let server: FixtureServer;
  let browser: Driver;
  const report: string[] = [];

  beforeAll(async () => {
    server = await startFixtureServer();
    for (const c of BROKEN_CASES) server.route(c.url, { type: c.type, body: c.body() });
    browser = await launchDriver(browserName, { server });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    // The measured times, for the record (not asserted).
    console.log(`${browserName} broken pages, timings (measured, not asserted):\n${report.join('\n')}`);
  });

  it.each(BROKEN_CASES)(
    '$name: the page keeps working, the button takes a state, the popup ends in a definite state',
    async ({ name, url, ticks, state: expected, readInPopup }) => {
      let t = Date.now();
      const tab = await browser.openTab(url, { loadTimeoutMs: LOAD_BOUND_MS });
      try {
        const loadMs = Date.now() - t;
        expect(await tab.url()).toBe(url);

        t = Date.now();
        const title = await browser.waitForToolbarTitle(tab, TOOLBAR_STATES, TOOLBAR_BOUND_MS);
        const toolbarMs = Date.now() - t;

        const before = await pageState(tab);
        if (ticks) {
          expect(before.hasBody, 'the page has its body').toBe(true);
          expect(await keepsTicking(tab), 'the page script keeps ticking after the content script ran').toBeGreaterThan(5);
          // The longest freeze of the page from here on is what the extraction costs it.
          await tab.evaluateSource(RESET_GAP);
        }
        t = Date.now();
        const popup = await browser.openPopup(tab);
        let state = '';
        let text = '';
        let popupMs = 0;
        try {
          state = (await popup.waitFor(
            () => {
              const s = document.querySelector<HTMLElement>('main.popup')?.dataset['state'] ?? 'loading';
              return s === 'loading' ? null : s;
            },
            undefined,
            { timeoutMs: POPUP_BOUND_MS, what: 'the popup to leave "loading"' },
          ))!;
          popupMs = Date.now() - t;
          text = ((await popup.text('main.popup')) ?? '').trim();
          if (state === 'article') {
            // Asked again from the extension: a huge page says so, and the popup had it copied
            // (by a script put into the page: the copier is no part of the content script).
            const answer = await browser.inExtension(async (api, id: number) => {
              const reply = (await api.tabs.sendMessage(id, { type: 'oqy/extract-or-copy' })) as Record<string, unknown> | null;
              return { kind: reply?.['huge'] === true ? 'huge' : reply?.['ok'] ? 'article' : 'failed' };
            }, await tab.id());
            expect(answer.kind, 'how the page answers the popup').toBe(readInPopup ? 'huge' : 'article');
          }
        } finally {
          await popup.close();
        }

        expect(DEFINITE_STATES, `popup state; it said: ${text.slice(0, 300)}`).toContain(state);
        if (state === 'failed') expect(text.length, 'a failure says what happened').toBeGreaterThan(0);
        if (expected) expect(state, `popup state; it said: ${text.slice(0, 300)}`).toBe(expected);
        // The article is shown, read from the page's copy where the page is huge.
        if (state === 'article') expect(text).toContain(FIRST_SENTENCE);

        // The extension's work leaves the page as it was and running.
        const after = await pageState(tab);
        expect(after.hasBody).toBe(before.hasBody);
        expect(after.elements, 'extraction leaves the page DOM as it was').toBe(before.elements);
        expect(after.textLength).toBe(before.textLength);
        if (ticks) expect(await keepsTicking(tab), 'the page script keeps ticking after the extraction').toBeGreaterThan(5);
        expect(tab.errors(), 'no error on the page').toEqual([]);

        report.push(
          `  ${name}: load ${loadMs} ms; toolbar "${title}" after ${toolbarMs} ms; popup "${state}" after ${popupMs} ms` +
            (ticks ? ` (the page's script paused at most ${after.gap} ms meanwhile)` : '') +
            `; ${before.elements} elements, ${before.textLength} characters of text`,
        );
      } finally {
        await tab.close();
      }
    },
    LOAD_BOUND_MS + TOOLBAR_BOUND_MS + POPUP_BOUND_MS + 30_000,
  );

  it(
    'a 10 MB article: the popup\'s "Open the full reader" opens the reader tab with the article the popup read, not a reader over the page',
    async () => {
      const huge = BROKEN_CASES.find((c) => c.name === 'a 10 MB article')!;
      const tab = await browser.openTab(huge.url, { loadTimeoutMs: LOAD_BOUND_MS });
      let readerTab: Tab | null = null;
      try {
        await browser.waitForToolbarTitle(tab, TOOLBAR_STATES, TOOLBAR_BOUND_MS);
        const popup = await browser.openPopup(tab);
        try {
          await popup.waitFor(() => document.querySelector<HTMLElement>('main.popup')?.dataset['state'] === 'article', undefined, {
            timeoutMs: POPUP_BOUND_MS,
            what: 'the popup to show the 10 MB article',
          });
          await tab.evaluateSource(RESET_GAP);
          await popup.click('[data-action="open-reader"]', { closesPage: true });
          readerTab = await pollUntil(() => tabShowing(browser, browser.extensionUrl(READER_PATH)), { timeoutMs: 30_000, what: 'the reader tab to open' });
        } finally {
          if (await popup.isOpen()) await popup.close();
        }
        // Found by pollUntil, which returns only what is there.
        const reader = readerTab!;
        await reader.waitForSelector('.oqy-reader h1[data-testid="title"]', { timeoutMs: POPUP_BOUND_MS, what: 'the article in the reader tab' });
        expect(await reader.text('.oqy-reader .oqy-body')).toContain(FIRST_SENTENCE);
        // The page was not asked to read itself on its own thread: no reader over it, and its script runs on.
        expect(await tab.evaluate(() => document.getElementById('oqy-reader-host') === null), 'no reader over the page').toBe(true);
        expect(await keepsTicking(tab), 'the page script keeps ticking').toBeGreaterThan(5);
        report.push(`  popup's "Open the full reader": the page's script paused at most ${(await pageState(tab)).gap} ms`);
        expect(tab.errors(), 'no error on the page').toEqual([]);
      } finally {
        await readerTab?.close();
        await tab.close();
      }
    },
    LOAD_BOUND_MS + TOOLBAR_BOUND_MS + 2 * POPUP_BOUND_MS + 60_000,
  );

  it(
    'a 10 MB article: the reader tab reads the copy the page makes in slices, taken in parts',
    async () => {
      const huge = BROKEN_CASES.find((c) => c.name === 'a 10 MB article')!;
      const tab = await browser.openTab(huge.url, { loadTimeoutMs: LOAD_BOUND_MS });
      try {
        await browser.waitForToolbarTitle(tab, TOOLBAR_STATES, TOOLBAR_BOUND_MS);
        await tab.evaluateSource(RESET_GAP);
        // What the background does for the shortcut or the menu on such a page (open-reader.ts):
        // the page says it is too big to read in itself, and the reader tab opens to have it
        // copied (by a script put into the page) and read.
        const key = 'reader:huge';
        const started = await browser.inExtension(
          async (api, a: { id: number; key: string }) => {
            // Asked to open its reader (the popup's button, the shortcut), the page does not read
            // itself: it says it is too big, and the asker opens the reader tab.
            const asked = (await api.tabs.sendMessage(a.id, { type: 'oqy/reader', action: 'open' })) as { ok: boolean; reason?: string };
            if (asked?.ok !== false || asked.reason !== 'huge') return `asked to open the reader: ${JSON.stringify(asked)}`;
            const reply = (await api.tabs.sendMessage(a.id, { type: 'oqy/copy-if-huge' })) as { huge: boolean };
            if (!reply?.huge) return JSON.stringify(reply);
            await api.storage.session.set({ [a.key]: { kind: 'tab', tabId: a.id, long: true } });
            return 'huge';
          },
          { id: await tab.id(), key },
        );
        expect(started, 'the page is too big to read in itself').toBe('huge');
        const reader = await browser.openExtensionPage('src/reader/index.html', { open: key });
        try {
          await reader.waitFor(() => !!document.querySelector('.oqy-reader h1[data-testid="title"]'), undefined, {
            timeoutMs: POPUP_BOUND_MS,
            what: 'the reader tab to read the 10 MB article from its copy (a busy machine reads it in tens of seconds)',
          });
          expect(await reader.evaluate(() => document.body.textContent ?? '')).toContain(FIRST_SENTENCE);
        } finally {
          await reader.close();
        }
        expect(await keepsTicking(tab), 'the page script keeps ticking').toBeGreaterThan(5);
        report.push(`  reader tab: the page's script paused at most ${(await pageState(tab)).gap} ms`);
        expect(tab.errors(), 'no error on the page').toEqual([]);
      } finally {
        await tab.close();
      }
    },
    LOAD_BOUND_MS + TOOLBAR_BOUND_MS + POPUP_BOUND_MS + 30_000,
  );
});
