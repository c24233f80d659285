/**
 * Hostile article HTML in Chromium: each hostile Qazaq24 page (test/hostile/pages.ts: every
 * payload of test/hostile/payloads.ts, on eight pages) shown in Oqy's three places, in real
 * Chromium with the built extension:
 *
 *   1. the popup (article state), then "Save for offline" in it;
 *   2. the in-page reader, opened with the popup's button;
 *   3. the saved article, from the library (src/reader/index.html?saved=<id>).
 *
 * In each: no beacon request (the beacon host resolves to the fixture server, which records
 * every request), no flag set in the page's world (window.__oqyPwned, document.title,
 * localStorage.oqyPwned, posted messages), and in the rendered article no handler attribute, no
 * javascript:/data: address, no script/iframe/object/embed/form/base/meta/style/link (and the
 * like), links opening in a new tab with rel noopener noreferrer; the benign text around every
 * payload still shown. The mouse passes over every block of the body (hover payloads).
 *
 * The page itself is the site, not Oqy: its own copy of the payloads would run. So the page is
 * loaded with script execution off (CDP Emulation.setScriptExecutionDisabled): its scripts and
 * handlers do not run, while its resources load (those beacon requests are the site's own and
 * are counted apart, before Oqy does anything; each payload's beacon answers 204, so a refresh
 * does not move the page). Scripts are then turned back on, so that anything Oqy's overlay put
 * into the page would run; the extension's content script, which Chromium does not inject into a
 * page loaded without scripts, is injected then with chrome.scripting.executeScript (the same
 * file the manifest names). At the end, a control: each page opened with its scripts on shows
 * that the payloads do fire when nothing sanitizes them.
 *
 * Needs `npm run build` first. Writes test-output/chromium/hostile-report.json.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { startFixtureServer, type FixtureServer } from '../harness/fixture-server.ts';
import { READER_PATH, launchChromiumWithExtension, tabIdFor, waitForToolbarTitle, type ChromiumWithExtension } from '../harness/chromium.ts';
import { overlayIn, overlayRun, overlayWaitFor } from '../harness/chromium-overlay.ts';
import { hostilePages, type HostilePage } from '../hostile/pages.ts';
import { BEACON_HOST, beaconUrl } from '../hostile/payloads.ts';
import { beaconRequestsSince, hitsSince, routeBeacon, routeHostilePages } from '../hostile/beacon.ts';
import {
  BLUR_ACTIVE,
  HANDLER_PROBE_RAN,
  MESSAGE_RECORDER,
  OVERLAY_POSITION,
  OVERLAY_ROOT,
  PLANT_HANDLER_PROBE,
  READ_FLAGS,
  REMOVE_HANDLER_PROBE,
  domProblemsExpression,
  flagProblems,
  missingText,
  storedBodyProblemsExpression,
  type Flags,
} from '../hostile/checks.ts';
import enMessages from '../../public/_locales/en/messages.json';

const OUT = resolve(import.meta.dirname, '../../test-output/chromium');
const POPUP = { width: 460, height: 640 };
const PAGE = { width: 1100, height: 800 };
/** How long the page gets, scripts off, for its own one-shot events and loads. */
const SITE_SETTLE_MS = 1200;
/** How long each of Oqy's views gets after it is shown, for anything delayed to happen. */
const SETTLE_MS = 800;
const TITLE_READY = enMessages.actionTitleReady.message;

/** The extension APIs used in the service worker (these functions run there). */
declare const chrome: {
  runtime: { getManifest(): { content_scripts?: Array<{ js?: string[] }> } };
  scripting: { executeScript(details: { target: { tabId: number }; files: string[] }): Promise<unknown> };
};

const pages = hostilePages();
const squash = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, ' ').trim();

let server: FixtureServer;
let browser: ChromiumWithExtension;
const timings: string[] = [];

interface PageState {
  tab: Page;
  tabId: number;
  /** The page's own title, as it parsed it. */
  pageTitle: string;
  popup?: Page;
}
const states = new Map<string, PageState>();

interface Report {
  siteHitsScriptsOff: Record<string, string[]>;
  surfaces: Record<string, { hits: string[]; requests: string[]; problems: string[]; flags: string[]; missing: string[]; hovered: number }>;
  control: Record<string, { fired: string[]; auto: number; silent: string[] }>;
  timings: string[];
}
const report: Report = { siteHitsScriptsOff: {}, surfaces: {}, control: {}, timings };

async function timed<T>(label: string, work: () => Promise<T>): Promise<T> {
  const started = Date.now();
  try {
    return await work();
  } finally {
    timings.push(`${label}: ${Date.now() - started} ms`);
  }
}

/** Images in the page (or, with `overlay`, in Oqy's reader over it) have loaded or failed (a payload's onerror/onload would have fired by now). */
async function imagesSettled(p: Page, overlay = false): Promise<void> {
  if (overlay) {
    await overlayWaitFor(p, (root) => !!root && Array.from(root.querySelectorAll('img')).every((img) => img.complete), undefined, 10_000).catch(() => undefined);
    return;
  }
  await p
    .waitForFunction(() => Array.from(document.querySelectorAll('img')).every((img) => img.complete), undefined, { timeout: 10_000 })
    .catch(() => undefined);
}

interface Blocks {
  count(): Promise<number>;
  nth(i: number): { scrollIntoViewIfNeeded(): Promise<void>; boundingBox(): Promise<{ x: number; y: number; width: number; height: number } | null> };
}

/** The mouse over every block of the body, as a reader's pointer passes over the article. */
async function sweep(p: Page, blocks: Blocks): Promise<number> {
  const n = Math.min(await blocks.count(), 120);
  let moved = 0;
  for (let i = 0; i < n; i++) {
    const block = blocks.nth(i);
    await block.scrollIntoViewIfNeeded().catch(() => undefined);
    const box = await block.boundingBox().catch(() => null);
    if (!box || box.width < 1 || box.height < 1) continue;
    await p.mouse.move(box.x + 3, box.y + 3);
    await p.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 3 });
    moved += 1;
  }
  return moved;
}

function record(surface: string, entry: Report['surfaces'][string]): void {
  report.surfaces[surface] = entry;
}

/**
 * Opens the hostile page in a new tab with its scripts off, lets it settle (the site's own
 * loads happen now), turns scripts back on and injects Oqy's content script.
 */
async function openHostilePage(page: HostilePage): Promise<PageState> {
  const tab = await browser.context.newPage();
  await tab.setViewportSize(PAGE);
  const cdp = await browser.context.newCDPSession(tab);
  await cdp.send('Emulation.setScriptExecutionDisabled', { value: true });
  const mark = server.requests.length;
  const response = await tab.goto(page.servedUrl);
  expect(response?.status(), `${page.servedUrl} from the fixture server`).toBe(200);
  await tab.waitForTimeout(SITE_SETTLE_MS);
  report.siteHitsScriptsOff[page.name] = hitsSince(server, mark);
  // A refresh or a form to the beacon got 204: the page is still where it was.
  expect(tab.url()).toBe(page.servedUrl);
  // The page's autofocus payload has the focus: its own onfocus would run if the tab were focused
  // again. That is the site, not Oqy: take the focus away while its scripts are off.
  await tab.evaluate(BLUR_ACTIVE);
  await cdp.send('Emulation.setScriptExecutionDisabled', { value: false });
  await cdp.detach();

  const tabId = await tabIdFor(browser.worker, page.servedUrl);
  await browser.worker.evaluate(async (id: number) => {
    const files = chrome.runtime.getManifest().content_scripts?.[0]?.js ?? [];
    await chrome.scripting.executeScript({ target: { tabId: id }, files });
  }, tabId);
  await waitForToolbarTitle(browser.worker, page.servedUrl, [TITLE_READY]);
  await tab.evaluate(MESSAGE_RECORDER);
  const flags = (await tab.evaluate(READ_FLAGS)) as Flags;
  expect(flags.pwned, 'the page ran none of its own payloads with scripts off').toBeNull();
  const state: PageState = { tab, tabId, pageTitle: flags.title };
  states.set(page.name, state);
  return state;
}

const POPUP_ARTICLE = `document.querySelector('main.popup article.article')`;
const POPUP_BODY = `document.querySelector('main.popup [data-testid="body"]')`;
const READER_ARTICLE = `document.querySelector('.oqy-reader .oqy-article')`;
const READER_BODY = `document.querySelector('.oqy-reader .oqy-body[data-testid="body"]')`;
const OVERLAY_ARTICLE = `${OVERLAY_ROOT}?.querySelector('.oqy-article')`;
const OVERLAY_BODY = `${OVERLAY_ROOT}?.querySelector('.oqy-body[data-testid="body"]')`;

/** Everything checked in one of Oqy's views: DOM, text, title, flags, beacon. */
async function checkView(
  surface: string,
  page: HostilePage,
  view: Page,
  where: { article: string; body: string; blobImages: boolean; title: string | RegExp; mark: number; hovered: number; overlay?: boolean },
): Promise<void> {
  // The in-page reader's expressions use the closed root, which only the overlay helpers reach.
  const inView = <T>(expression: string): Promise<T> => (where.overlay ? overlayRun<T>(view, expression, { asExpression: true }) : (view.evaluate(expression) as Promise<T>));
  const problems = await inView<string[]>(domProblemsExpression(where.article, where.body, where.blobImages));
  const shown = await inView<string>(`(${where.body})?.innerText ?? ''`);
  const missing = missingText(shown, page.benign);
  const titleShown = squash(await inView<string | null>(`(${where.article})?.querySelector('[data-testid="title"]')?.textContent ?? null`));
  const flags = flagProblems((await view.evaluate(READ_FLAGS)) as Flags, where.title);
  const hits = hitsSince(server, where.mark);
  record(surface, { hits, requests: beaconRequestsSince(server, where.mark), problems, flags, missing, hovered: where.hovered });
  expect(hits, `${surface}: beacon requests ${beaconRequestsSince(server, where.mark).join(' ')}`).toEqual([]);
  expect(flags, `${surface}: flags`).toEqual([]);
  expect(problems, `${surface}: the rendered article`).toEqual([]);
  expect(missing, `${surface}: benign text missing`).toEqual([]);
  expect(titleShown, `${surface}: the title, as text`).toBe(squash(page.title));
  expect(where.hovered, `${surface}: the mouse went over the body`).toBeGreaterThan(0);
}

describe('Oqy against hostile article HTML in Chromium', () => {
  beforeAll(async () => {
    mkdirSync(OUT, { recursive: true });
    server = await startFixtureServer();
    routeBeacon(server);
    routeHostilePages(server, pages);
    browser = await launchChromiumWithExtension({ serverPort: server.port, extraHosts: [BEACON_HOST] });
    // Every page that runs scripts records the messages posted to it from its first moment on
    // (extension pages; the hostile pages get it when their scripts are turned back on).
    await browser.context.addInitScript({ content: MESSAGE_RECORDER });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    writeFileSync(resolve(OUT, 'hostile-report.json'), `${JSON.stringify(report, null, 2)}\n`);
    if (timings.length) console.log(`Chromium hostile-HTML timings:\n  ${timings.join('\n  ')}`);
  });

  it('reaches the beacon from an extension page and from a page, so that a payload that ran would be seen', async () => {
    const page = await browser.context.newPage();
    await page.goto(browser.extensionUrl('src/options/index.html'));
    let mark = server.requests.length;
    await page.evaluate((url) => fetch(url).then(() => 'ok', (e) => String(e)), beaconUrl('control-extension-page'));
    expect(hitsSince(server, mark)).toEqual(['control-extension-page']);
    await page.close();

    const plain = await browser.context.newPage();
    await plain.goto('http://qazaq24.com/');
    mark = server.requests.length;
    await plain.evaluate((url) => fetch(url, { mode: 'no-cors' }).then(() => 'ok', (e) => String(e)), beaconUrl('control-page-world'));
    expect(hitsSince(server, mark)).toEqual(['control-page-world']);
    await plain.close();
  });

  for (const page of pages) {
    describe(`${page.name} (${page.payloads.length} payloads)`, () => {
      it('popup: a clean article, nothing run or loaded; then saved for offline', async () => {
        const state = await timed(`${page.name}: page loaded, scripts off, content script in`, () => openHostilePage(page));
        const mark = server.requests.length;
        const popup = await browser.context.newPage();
        state.popup = popup;
        await popup.setViewportSize(POPUP);
        await timed(`${page.name}: popup shown`, async () => {
          await popup.goto(browser.popupUrl({ tab: state.tabId }));
          await popup.locator('main.popup:not([data-state="loading"])').waitFor({ timeout: 30_000 });
        });
        expect(await popup.locator('main.popup').getAttribute('data-state'), squash(await popup.locator('body').innerText())).toBe('article');
        await imagesSettled(popup);
        const hovered = await sweep(popup, popup.locator('main.popup [data-testid="body"] > *'));
        await popup.waitForTimeout(SETTLE_MS);
        // Checked after the save, so that the saved-article test has its article whatever this finds.
        const popupFailure = await checkView(`${page.name}/popup`, page, popup, { article: POPUP_ARTICLE, body: POPUP_BODY, blobImages: false, title: 'Oqy', mark, hovered }).then(
          () => null,
          (e: unknown) => e,
        );

        // Save for offline: the background fetches the article's images (none of them the beacon).
        const saveMark = server.requests.length;
        await timed(`${page.name}: saved`, async () => {
          await popup.locator('[data-action="save"]').click();
          await popup.locator('.save-status[data-save-state="done"], .save-status[data-save-state="failed"]').waitFor({ timeout: 30_000 });
        });
        expect(await popup.locator('.save-status').getAttribute('data-save-state'), squash(await popup.locator('.save-status').innerText())).toBe('done');
        expect(hitsSince(server, saveMark), `saving: ${beaconRequestsSince(server, saveMark).join(' ')}`).toEqual([]);
        expect(flagProblems((await popup.evaluate(READ_FLAGS)) as Flags, 'Oqy')).toEqual([]);
        if (popupFailure) throw popupFailure;
      });

      it('in-page reader: a clean article over the page, nothing run or loaded in the page', async () => {
        const state = states.get(page.name);
        const popup = state?.popup;
        if (!state || !popup) throw new Error('the popup test did not get as far as the save');
        const mark = server.requests.length;
        const closed = popup.waitForEvent('close', { timeout: 15_000 });
        await timed(`${page.name}: popup button → reader`, async () => {
          await popup.locator('[data-action="open-reader"]').click();
          await closed;
          await overlayWaitFor(state.tab, (root) => !!root?.querySelector('.oqy-reader [data-testid="title"]'), undefined, 15_000, 'the reader over the page');
        });
        await state.tab.bringToFront();
        await imagesSettled(state.tab, true);
        const hovered = await sweep(state.tab, overlayIn(state.tab).locator('.oqy-reader .oqy-body[data-testid="body"] > *'));
        await state.tab.waitForTimeout(SETTLE_MS);
        await checkView(`${page.name}/in-page`, page, state.tab, { article: OVERLAY_ARTICLE, body: OVERLAY_BODY, blobImages: false, title: state.pageTitle, mark, hovered, overlay: true });
        expect(await overlayRun<boolean>(state.tab, PLANT_HANDLER_PROBE), 'the probe went into the reader').toBe(true);
        expect(await state.tab.evaluate(HANDLER_PROBE_RAN), 'a handler in the reader would have run: the page\'s scripts are on').toBe(true);
        await overlayRun(state.tab, REMOVE_HANDLER_PROBE);
        const position = await overlayRun<string | null>(state.tab, OVERLAY_POSITION);
        expect(position, 'the reader is fixed over the page').toBe('fixed');
      });

      it('saved article from the library: a clean article, nothing run or loaded; stored clean', async () => {
        const state = states.get(page.name);
        const mark = server.requests.length;
        const reader = await browser.context.newPage();
        await reader.setViewportSize(PAGE);
        await timed(`${page.name}: saved article shown`, async () => {
          await reader.goto(browser.extensionUrl(READER_PATH, { saved: page.url }));
          await reader.locator('.oqy-reader [data-testid="title"]').waitFor({ timeout: 20_000 });
        });
        await imagesSettled(reader);
        const hovered = await sweep(reader, reader.locator('.oqy-reader .oqy-body[data-testid="body"] > *'));
        await reader.waitForTimeout(SETTLE_MS);
        await checkView(`${page.name}/saved`, page, reader, { article: READER_ARTICLE, body: READER_BODY, blobImages: true, title: `${squash(page.title)} · Oqy`, mark, hovered });
        expect(await reader.evaluate(storedBodyProblemsExpression(page.url)), 'the body as stored in the library').toEqual([]);
        await reader.close();
        await state?.tab.close();
      });
    });
  }

  it('control: with its scripts on, each page itself fires its payloads (the beacon sees what runs)', async () => {
    let fired = 0;
    let auto = 0;
    for (const page of pages) {
      const tab = await browser.context.newPage();
      await tab.setViewportSize(PAGE);
      const mark = server.requests.length;
      // Not until "load": a payload's form submission (answered 204) can keep Playwright waiting for it.
      await tab.goto(page.servedUrl, { waitUntil: 'commit', timeout: 15_000 });
      await tab.waitForFunction(() => document.readyState === 'complete', undefined, { timeout: 10_000 }).catch(() => undefined);
      await imagesSettled(tab);
      await tab.waitForTimeout(1_500);
      const ids = [...new Set(hitsSince(server, mark))].filter((id) => page.payloads.some((p) => p.id === id));
      const autoIds = page.payloads.filter((p) => p.fires === 'auto' && p.category !== 'markup-as-text').map((p) => p.id);
      report.control[page.name] = { fired: ids.sort(), auto: autoIds.length, silent: autoIds.filter((id) => !ids.includes(id)) };
      fired += ids.length;
      auto += autoIds.length;
      await tab.close();
    }
    console.log(`Chromium control: ${fired} payloads fired in the pages themselves (${auto} fire on their own in some browser)`);
    // Most payloads that need no reader's action do fire in Chromium when nothing sanitizes them.
    expect(fired).toBeGreaterThanOrEqual(Math.floor(auto / 2));
  });
});

