/**
 * Huge and broken Qazaq24 pages in Firefox ESR with Oqy loaded (test/harness/broken-cases.ts:
 * empty, whitespace, 10 MB, 100,000 elements, 5,000 deep, binary, invalid UTF-8, a frameset,
 * a feed, an SVG, only images). As in Chromium (chromium-broken): the page keeps working (its
 * own script keeps ticking, its DOM is left as it was), the toolbar button takes a state, and
 * the popup for the tab ends in the right state within a bound.
 *
 * The times measured are printed, not asserted: the bounds only catch a hang.
 * Needs `npm run build` first.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { startFixtureServer, type FixtureServer } from '../harness/fixture-server.ts';
import { DIST_FIREFOX, launchFirefoxWithExtension, type FirefoxSession } from '../harness/firefox.ts';
import {
  BROKEN_CASES,
  DEFINITE_STATES,
  FIRST_SENTENCE,
  LOAD_BOUND_MS,
  PAGE_STATE,
  POPUP_BOUND_MS,
  RESET_GAP,
  TOOLBAR_BOUND_MS,
  ANSWER_KIND,
  type PageState,
} from '../harness/broken-cases.ts';
import enMessages from '../../public/_locales/en/messages.json';

type Catalog = Record<string, { message: string }>;
const en = (key: keyof typeof enMessages) => (enMessages as Catalog)[key]!.message;
const TOOLBAR_STATES = [en('actionTitleReady'), en('actionTitleNotArticle')];

let server: FixtureServer;
let ff: FirefoxSession;
const report: string[] = [];

const pageState = (tab: string) => ff.evaluate<PageState>(tab, PAGE_STATE);

/** The ticks gained in `ms` of wall time: a responsive page gains many. */
async function ticksIn(tab: string, ms: number): Promise<number> {
  const before = (await pageState(tab)).ticks;
  await new Promise((r) => setTimeout(r, ms));
  return (await pageState(tab)).ticks - before;
}

/** The toolbar button's title for the tab showing `url`, asked from an extension page. */
function toolbarTitle(extensionPage: string, url: string): Promise<string | null> {
  return ff.evaluate<string | null>(
    extensionPage,
    `browser.tabs.query({}).then((tabs) => {
      const tab = tabs.find((t) => t.url === ${JSON.stringify(url)});
      return tab ? browser.action.getTitle({ tabId: tab.id }) : null;
    })`,
  );
}

describe('huge and broken pages in Firefox', () => {
  beforeAll(async () => {
    if (!existsSync(resolve(DIST_FIREFOX, 'manifest.json'))) {
      throw new Error(`${DIST_FIREFOX}/manifest.json is missing: run \`npm run build\` before the e2e tests`);
    }
    server = await startFixtureServer();
    for (const c of BROKEN_CASES) server.route(c.url, { type: c.type, body: c.body() });
    ff = await launchFirefoxWithExtension({ proxyPort: server.port });
  });

  afterAll(async () => {
    await ff?.close();
    await server?.close();
    console.log(`firefox-broken timings (measured, not asserted):\n${report.join('\n')}`);
  });

  it.each(BROKEN_CASES)(
    '$name: the page keeps working, the button takes a state, the popup ends in a definite state',
    async ({ name, url, ticks, state: expected, readInPopup }) => {
      let t = Date.now();
      const tab = await ff.openTab(url);
      const loadMs = Date.now() - t;
      expect(await ff.evaluate(tab, 'location.href')).toBe(url);

      const before = await pageState(tab);
      if (ticks) {
        expect(before.hasBody, 'the page has its body').toBe(true);
        expect(await ticksIn(tab, 500), 'the page script keeps ticking after the content script ran').toBeGreaterThan(5);
        // The longest freeze of the page from here on is what the extraction costs it.
        await ff.evaluate(tab, RESET_GAP);
      }
      t = Date.now();
      const popup = await ff.openExtensionPage(`src/popup/index.html?url=${encodeURIComponent(url)}`);
      let state: string;
      let text: string;
      let title: string | null;
      let toolbarMs: number;
      try {
        await ff.waitFor(popup, `(document.querySelector('main.popup')?.dataset.state ?? 'loading') !== 'loading'`, POPUP_BOUND_MS);
        const popupMs = Date.now() - t;
        state = await ff.evaluate<string>(popup, `document.querySelector('main.popup').dataset.state`);
        text = (await ff.evaluate<string>(popup, `document.querySelector('main.popup').innerText`)).trim();
        t = Date.now();
        title = await ff.waitFor<string>(
          popup,
          `browser.tabs.query({}).then(async (tabs) => {
            const tab = tabs.find((t) => t.url === ${JSON.stringify(url)});
            const title = tab ? await browser.action.getTitle({ tabId: tab.id }) : null;
            return ${JSON.stringify(TOOLBAR_STATES)}.includes(title) ? title : null;
          })`,
          TOOLBAR_BOUND_MS,
        );
        toolbarMs = Date.now() - t;
        if (state === 'article') {
          const kind = await ff.evaluate<string>(
            popup,
            `browser.tabs.query({}).then((tabs) => browser.tabs.sendMessage(tabs.find((t) => t.url === ${JSON.stringify(url)}).id, { type: 'oqy/extract-or-copy' })).then(${ANSWER_KIND})`,
          );
          expect(kind, 'how the page answers the popup').toBe(readInPopup ? 'copy' : 'article');
        }
        report.push(`  ${name}: load ${loadMs} ms; popup "${state}" after ${popupMs} ms; toolbar "${title}" (${toolbarMs} ms more)`);
      } catch (e) {
        const seen = await toolbarTitle(popup, url).catch(() => 'unknown');
        throw new Error(`${(e as Error).message}; toolbar title: ${seen}`);
      } finally {
        await ff.closeTab(popup);
      }

      expect(DEFINITE_STATES, `popup state; it said: ${text.slice(0, 300)}`).toContain(state);
      if (state === 'failed') expect(text.length, 'a failure says what happened').toBeGreaterThan(0);
      if (expected) expect(state, `popup state; it said: ${text.slice(0, 300)}`).toBe(expected);
      if (state === 'article') expect(text).toContain(FIRST_SENTENCE);

      // The extension's work leaves the page as it was and running.
      const after = await pageState(tab);
      expect(after.hasBody).toBe(before.hasBody);
      expect(after.elements, 'extraction leaves the page DOM as it was').toBe(before.elements);
      expect(after.textLength).toBe(before.textLength);
      if (ticks) expect(await ticksIn(tab, 500), 'the page script keeps ticking after the extraction').toBeGreaterThan(5);
      report[report.length - 1] += `${ticks ? `; the page's script paused at most ${after.gap} ms` : ''}; ${before.elements} elements, ${before.textLength} characters`;
      await ff.closeTab(tab);
    },
    LOAD_BOUND_MS + TOOLBAR_BOUND_MS + POPUP_BOUND_MS + 30_000,
  );
});
