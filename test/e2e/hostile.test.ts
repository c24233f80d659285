/**
 * Hostile article HTML, in each browser with the built extension: each hostile Qazaq24 page
 * (test/hostile/pages.ts: every payload of test/hostile/payloads.ts, on eight pages) shown in
 * Oqy's three places:
 *
 *   1. the popup (article state), then "Save for offline" in it (a real mouse click);
 *   2. the in-page reader, opened with the popup's button (a real mouse click);
 *   3. the saved article, from the library (src/reader/index.html?saved=<id>).
 *
 * In each: no beacon request (the beacon host resolves to the fixture server, which records
 * every request), no flag set in the page's world (window.__oqyPwned, document.title,
 * localStorage.oqyPwned, posted messages), and in the rendered article no handler attribute, no
 * javascript:/data: address, no script/iframe/object/embed/form/base/meta/style/link (and the
 * like), links opening in a new tab with rel noopener noreferrer; the benign text around every
 * payload still shown. The mouse passes over every block of the body (hover payloads): its
 * paragraphs, headings, list items, figures and the like (up to 120).
 *
 * The page itself is the site, not Oqy: its own copy of the payloads would run. So the page is
 * loaded with its scripts off (test/harness/hostile-steps.ts): its scripts and handlers do not
 * run, while its resources load (those beacon requests are the site's own and are counted
 * apart, before Oqy does anything; each payload's beacon answers 204, so a refresh does not move
 * the page). Scripts are then turned back on, so that anything Oqy's reader put into the page
 * would run. Where Oqy's content script does not answer in the page loaded without scripts, it
 * is injected then with scripting.executeScript (the same file the manifest names); the report
 * says which it was. At the end, a control: each page opened with its scripts on
 * shows that the payloads do fire when nothing sanitizes them.
 *
 * Needs `npm run build` first. Writes test-output/<browser>/hostile-report.json.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { startFixtureServer, type FixtureServer } from '../harness/fixture-server.ts';
import { BROWSERS, OPTIONS_PATH, READER_PATH, callSource, pollUntil, type Driver, type Tab } from '../harness/driver.ts';
import { blankTab, launchForHostile, loadNoWait, moveMouse, recordMessagesFromStart, setPageScripts, waitClosed, type HostileBrowser } from '../harness/hostile-steps.ts';
import { hostilePages, type HostilePage } from '../hostile/pages.ts';
import { BEACON_HOST, beaconUrl } from '../hostile/payloads.ts';
import { beaconRequestsSince, hitsSince, routeBeacon, routeHostilePages } from '../hostile/beacon.ts';
import {
  BLUR_ACTIVE,
  HANDLER_PROBE_RAN,
  MESSAGE_RECORDER,
  READ_FLAGS,
  domProblemsExpression,
  flagProblems,
  missingText,
  overlayPosition,
  plantHandlerProbe,
  removeHandlerProbe,
  storedBodyProblemsExpression,
  type Flags,
} from '../hostile/checks.ts';
import enMessages from '../../public/_locales/en/messages.json';

const POPUP = { width: 460, height: 640 };
const PAGE = { width: 1100, height: 800 };
/** How long the page gets, scripts off, for its own one-shot events and loads. */
const SITE_SETTLE_MS = 1200;
/**
 * How long each of Oqy's views gets after it is shown, for anything delayed to happen: what is
 * checked is that nothing does, so this is a window, not a wait for a condition.
 */
const SETTLE_MS = 800;
const TITLE_READY = enMessages.actionTitleReady.message;

const pages = hostilePages();
/** The blocks of an article body the mouse passes over (the body's children are one wrapper). */
const BLOCKS = ':is(p, h1, h2, h3, h4, h5, h6, li, blockquote, figure, pre, table, dl)';
const squash = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, ' ').trim();
const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

const POPUP_ARTICLE = `document.querySelector('main.popup article.article')`;
const POPUP_BODY = `document.querySelector('main.popup [data-testid="body"]')`;
const READER_ARTICLE = `document.querySelector('.oqy-reader .oqy-article')`;
const READER_BODY = `document.querySelector('.oqy-reader .oqy-body[data-testid="body"]')`;
// In the in-page reader, expressions are evaluated with its closed root as `root`.
const OVERLAY_ARTICLE = `root?.querySelector('.oqy-article')`;
const OVERLAY_BODY = `root?.querySelector('.oqy-body[data-testid="body"]')`;

/** Runs `fn(root, arg)` in the view: the page (`root` null), or (`overlay`) the reader over it, with its closed root. */
function inScope<T, A>(tab: Tab, fn: (root: ShadowRoot | null, arg: A) => T, arg: A, overlay: boolean): Promise<T> {
  return overlay ? tab.reader.evaluate(fn, arg) : tab.evaluateSource<T>(callSource(fn, null, arg));
}

/** Evaluates `expression` (source) in the view; in the reader, its root is `root`. */
function inView<T>(tab: Tab, expression: string, overlay: boolean): Promise<T> {
  return inScope(tab, new Function('root', `return (${expression});`) as (root: ShadowRoot | null) => T, undefined, overlay);
}

/** Images in the view have loaded or failed (a payload's onerror/onload would have fired by now). */
async function imagesSettled(tab: Tab, overlay: boolean): Promise<void> {
  const scope = overlay ? 'root' : 'document';
  await pollUntil(() => inView<boolean>(tab, `!!${scope} && Array.from(${scope}.querySelectorAll('img')).every((img) => img.complete)`, overlay), {
    timeoutMs: 10_000,
  }).catch(() => undefined);
}

/** Scrolls block `i` of `blocks` into view if needed; its box in the viewport, or null. Sent as source. */
function blockBox(root: ShadowRoot | null, a: { blocks: string; i: number }): { x: number; y: number; width: number; height: number } | null {
  const scope: ParentNode = root ?? document;
  const el = scope.querySelectorAll(a.blocks)[a.i];
  if (!el) return null;
  let r = el.getBoundingClientRect();
  if (r.left + r.width / 2 < 0 || r.top + r.height / 2 < 0 || r.left + r.width / 2 >= innerWidth || r.top + r.height / 2 >= innerHeight) {
    el.scrollIntoView({ block: 'center', inline: 'center' });
    r = el.getBoundingClientRect();
  }
  if (r.width < 1 || r.height < 1) return null;
  return { x: r.left, y: r.top, width: r.width, height: r.height };
}

/** The mouse over every block of the body (real pointer moves), as a reader's pointer passes over the article. */
async function sweep(tab: Tab, blocks: string, overlay: boolean): Promise<number> {
  const n = Math.min(await inScope(tab, (root, selector) => (root ?? document).querySelectorAll(selector).length, blocks, overlay), 120);
  const viewport = await tab.evaluate(() => ({ width: innerWidth, height: innerHeight }));
  const inside = (x: number, y: number) => ({ x: Math.max(0, Math.min(viewport.width - 1, x)), y: Math.max(0, Math.min(viewport.height - 1, y)) });
  let moved = 0;
  for (let i = 0; i < n; i++) {
    const box = await inScope(tab, blockBox, { blocks, i }, overlay);
    if (!box) continue;
    await moveMouse(tab, [inside(box.x + 3, box.y + 3), inside(box.x + box.width / 2, box.y + box.height / 2)]);
    moved += 1;
  }
  return moved;
}

interface Report {
  siteHitsScriptsOff: Record<string, string[]>;
  contentScript: Record<string, 'ran with page scripts off' | 'injected'>;
  surfaces: Record<string, { hits: string[]; requests: string[]; problems: string[]; flags: string[]; missing: string[]; hovered: number }>;
  control: Record<string, { fired: string[]; auto: number; silent: string[] }>;
  timings: string[];
}

interface PageState {
  tab: Tab;
  /** The page's own title, as it parsed it. */
  pageTitle: string;
  popup?: Tab;
}

describe.each(BROWSERS)('Oqy against hostile article HTML in %s', (browserName) => {
  const out = resolve(import.meta.dirname, `../../test-output/${browserName}`);
  let server: FixtureServer;
  let launched: HostileBrowser;
  let browser: Driver;
  const timings: string[] = [];
  const report: Report = { siteHitsScriptsOff: {}, contentScript: {}, surfaces: {}, control: {}, timings };
  const states = new Map<string, PageState>();

  /** `work`, its time noted under `label` (for the record, not asserted). */
  const timed = <T>(label: string, work: () => Promise<T>): Promise<T> => {
    const started = Date.now();
    return work().finally(() => timings.push(`${label}: ${Date.now() - started} ms`));
  };

  /** Whether Oqy's content script answers in the tab and takes the page for an article. */
  const contentScriptAnswers = async (tab: Tab) =>
    browser.inExtension(
      (api, id: number) =>
        api.tabs.sendMessage(id, { type: 'oqy/get-status' }).then(
          (s: { isArticle?: boolean } | undefined) => !!s && s.isArticle === true,
          () => false,
        ),
      await tab.id(),
    );

  /**
   * Opens the hostile page in a new tab with its scripts off, lets it settle (the site's own
   * loads happen now), turns scripts back on and sees that Oqy's content script is in.
   */
  async function openHostilePage(page: HostilePage): Promise<PageState> {
    const tab = await blankTab(browser, PAGE);
    await setPageScripts(tab, false);
    const mark = server.requests.length;
    await loadNoWait(tab, page.servedUrl);
    // The page's own address, read with the DOM's own methods (its markup clobbers document.querySelector).
    const ownAddress = await tab.evaluate(() => {
      const meta = Document.prototype.querySelector.call(document, 'meta[property="og:url"]');
      return meta ? Element.prototype.getAttribute.call(meta, 'content') : null;
    });
    expect(ownAddress, `${page.servedUrl} from the fixture server`).toBe(page.url);
    await sleep(SITE_SETTLE_MS);
    report.siteHitsScriptsOff[page.name] = hitsSince(server, mark);
    expect(await tab.url(), 'a refresh or a form to the beacon got 204: the page is where it was').toBe(page.servedUrl);
    // The page's autofocus payload has the focus: its own onfocus would run when the tab comes
    // back to the front. That is the site, not Oqy: take the focus away while its scripts are off.
    await tab.evaluateSource(BLUR_ACTIVE);
    await setPageScripts(tab, true);

    let injected = false;
    if (!(await contentScriptAnswers(tab))) {
      injected = true;
      await browser.inExtension(
        (api, id: number) => api.scripting.executeScript({ target: { tabId: id }, files: api.runtime.getManifest().content_scripts[0].js }).then(() => true),
        await tab.id(),
      );
      await pollUntil(() => contentScriptAnswers(tab), { timeoutMs: 10_000, what: `Oqy's content script to answer on ${page.servedUrl}` });
    }
    report.contentScript[page.name] = injected ? 'injected' : 'ran with page scripts off';
    await browser.waitForToolbarTitle(tab, [TITLE_READY]);
    await tab.evaluateSource(MESSAGE_RECORDER);
    const flags = await tab.evaluateSource<Flags>(READ_FLAGS);
    expect(flags.pwned, 'the page ran none of its own payloads with scripts off').toBeNull();
    const state: PageState = { tab, pageTitle: flags.title };
    states.set(page.name, state);
    return state;
  }

  /** Everything checked in one of Oqy's views: DOM, text, title, flags, beacon. */
  async function checkView(
    surface: string,
    page: HostilePage,
    view: Tab,
    where: { article: string; body: string; blobImages: boolean; title: string | RegExp; mark: number; hovered: number; overlay: boolean },
  ): Promise<void> {
    const problems = await inView<string[]>(view, domProblemsExpression(where.article, where.body, where.blobImages), where.overlay);
    const shown = await inView<string>(view, `(${where.body})?.innerText ?? ''`, where.overlay);
    const missing = missingText(shown, page.benign);
    const titleShown = squash(await inView<string | null>(view, `(${where.article})?.querySelector('[data-testid="title"]')?.textContent ?? null`, where.overlay));
    const flags = flagProblems(await view.evaluateSource<Flags>(READ_FLAGS), where.title);
    const hits = hitsSince(server, where.mark);
    report.surfaces[surface] = { hits, requests: beaconRequestsSince(server, where.mark), problems, flags, missing, hovered: where.hovered };
    expect(hits, `${surface}: beacon requests ${beaconRequestsSince(server, where.mark).join(' ')}`).toEqual([]);
    expect(flags, `${surface}: flags`).toEqual([]);
    expect(problems, `${surface}: the rendered article`).toEqual([]);
    expect(missing, `${surface}: benign text missing`).toEqual([]);
    expect(titleShown, `${surface}: the title, as text`).toBe(squash(page.title));
    expect(where.hovered, `${surface}: the mouse went over the body`).toBeGreaterThan(0);
  }

  beforeAll(async () => {
    mkdirSync(out, { recursive: true });
    server = await startFixtureServer();
    routeBeacon(server);
    routeHostilePages(server, pages);
    launched = await launchForHostile(browserName, server, [BEACON_HOST], { builds: { firefox: 'OQY_HOSTILE_FIREFOX_DIST' } });
    browser = launched.browser;
    // Every page that runs scripts records the messages posted to it from its first moment on,
    // where the browser allows (extension pages; the hostile pages get it when their scripts are
    // turned back on).
    await recordMessagesFromStart(browser, MESSAGE_RECORDER);
  });

  afterAll(async () => {
    await launched?.close();
    await server?.close();
    writeFileSync(resolve(out, 'hostile-report.json'), `${JSON.stringify(report, null, 2)}\n`);
    if (timings.length) console.log(`${browserName} hostile-HTML timings:\n  ${timings.join('\n  ')}`);
  });

  it('reaches the beacon from an extension page and from a page, so that a payload that ran would be seen', async () => {
    const extensionPage = await browser.openExtensionPage(OPTIONS_PATH);
    let mark = server.requests.length;
    await extensionPage.evaluate((url) => fetch(url).then(() => 'ok', (e: unknown) => String(e)), beaconUrl('control-extension-page'));
    expect(hitsSince(server, mark)).toEqual(['control-extension-page']);
    await extensionPage.close();

    const plain = await browser.openTab('http://qazaq24.com/');
    mark = server.requests.length;
    await plain.evaluate((url) => fetch(url, { mode: 'no-cors' }).then(() => 'ok', (e: unknown) => String(e)), beaconUrl('control-page-world'));
    expect(hitsSince(server, mark)).toEqual(['control-page-world']);
    await plain.close();
  });

  for (const page of pages) {
    describe(`${page.name} (${page.payloads.length} payloads)`, () => {
      it('popup: a clean article, nothing run or loaded; then saved for offline', async () => {
        const state = await timed(`${page.name}: page loaded, scripts off, content script in`, () => openHostilePage(page));
        const mark = server.requests.length;
        const popup = await timed(`${page.name}: popup shown`, async () => {
          const shown = await browser.openPopup(state.tab, { viewport: POPUP });
          await shown.evaluateSource(MESSAGE_RECORDER);
          await shown.waitFor(() => (document.querySelector<HTMLElement>('main.popup')?.dataset['state'] ?? 'loading') !== 'loading', undefined, {
            timeoutMs: 30_000,
            what: 'the popup to leave "loading"',
          });
          return shown;
        });
        state.popup = popup;
        expect(await popup.evaluate(() => document.querySelector<HTMLElement>('main.popup')?.dataset['state']), squash(await popup.text('body'))).toBe('article');
        await imagesSettled(popup, false);
        const hovered = await sweep(popup, `main.popup [data-testid="body"] ${BLOCKS}`, false);
        await sleep(SETTLE_MS);
        // Checked after the save, so that the saved-article test has its article whatever this finds.
        const popupFailure = await checkView(`${page.name}/popup`, page, popup, { article: POPUP_ARTICLE, body: POPUP_BODY, blobImages: false, title: 'Oqy', mark, hovered, overlay: false }).then(
          () => null,
          (e: unknown) => e,
        );

        // Save for offline: the background fetches the article's images (none of them the beacon).
        const saveMark = server.requests.length;
        const saved = await timed(`${page.name}: saved`, async () => {
          await popup.click('[data-action="save"]');
          return popup.waitFor(
            () => {
              const s = document.querySelector<HTMLElement>('.save-status')?.dataset['saveState'];
              return (s === 'done' || s === 'failed') && s;
            },
            undefined,
            { timeoutMs: 30_000, what: 'the save to end' },
          );
        });
        expect(saved, squash(await popup.text('.save-status'))).toBe('done');
        expect(hitsSince(server, saveMark), `saving: ${beaconRequestsSince(server, saveMark).join(' ')}`).toEqual([]);
        expect(flagProblems(await popup.evaluateSource<Flags>(READ_FLAGS), 'Oqy')).toEqual([]);
        if (popupFailure) throw popupFailure;
      });

      it('in-page reader: a clean article over the page, nothing run or loaded in the page', async () => {
        const state = states.get(page.name);
        const popup = state?.popup;
        if (!state || !popup) throw new Error('the popup test did not get as far as the save');
        const mark = server.requests.length;
        await timed(`${page.name}: popup button → reader`, async () => {
          await popup.click('[data-action="open-reader"]', { closesPage: true });
          // The popup closes itself once the tab has answered.
          await waitClosed(popup, 'the popup to close after "Open the full reader"').catch(async (e: unknown) => {
            const shown = await popup.text('body').catch(() => '?');
            await popup.close();
            throw new Error(`${(e as Error).message}; it shows:\n${shown}`);
          });
          await state.tab.bringToFront();
          await state.tab.reader.waitFor((root) => !!root?.querySelector('.oqy-reader [data-testid="title"]'), undefined, { timeoutMs: 15_000, what: 'the reader over the page' });
        });
        await imagesSettled(state.tab, true);
        const hovered = await sweep(state.tab, `.oqy-body[data-testid="body"] ${BLOCKS}`, true);
        await sleep(SETTLE_MS);
        await checkView(`${page.name}/in-page`, page, state.tab, { article: OVERLAY_ARTICLE, body: OVERLAY_BODY, blobImages: false, title: state.pageTitle, mark, hovered, overlay: true });
        expect(await state.tab.reader.evaluate(plantHandlerProbe), 'the probe went into the reader').toBe(true);
        expect(await state.tab.evaluateSource<boolean>(HANDLER_PROBE_RAN), "a handler in the reader would have run: the page's scripts are on").toBe(true);
        await state.tab.reader.evaluate(removeHandlerProbe);
        expect(await state.tab.reader.evaluate(overlayPosition), 'the reader is fixed over the page').toBe('fixed');
      });

      it('saved article from the library: a clean article, nothing run or loaded; stored clean', async () => {
        const state = states.get(page.name);
        const mark = server.requests.length;
        const reader = await timed(`${page.name}: saved article shown`, async () => {
          const shown = await browser.openExtensionPage(READER_PATH, { saved: page.url }, { viewport: PAGE });
          await shown.evaluateSource(MESSAGE_RECORDER);
          await shown.waitForSelector('.oqy-reader [data-testid="title"]', { timeoutMs: 20_000, what: 'the saved article' });
          return shown;
        });
        await imagesSettled(reader, false);
        const hovered = await sweep(reader, `.oqy-reader .oqy-body[data-testid="body"] ${BLOCKS}`, false);
        await sleep(SETTLE_MS);
        await checkView(`${page.name}/saved`, page, reader, { article: READER_ARTICLE, body: READER_BODY, blobImages: true, title: `${squash(page.title)} · Oqy`, mark, hovered, overlay: false });
        expect(await reader.evaluateSource<string[]>(storedBodyProblemsExpression(page.url)), 'the body as stored in the library').toEqual([]);
        await reader.close();
        await state?.tab.close();
      });
    });
  }

  it('control: with its scripts on, each page itself fires its payloads (the beacon sees what runs)', async () => {
    let fired = 0;
    let auto = 0;
    for (const page of pages) {
      const tab = await blankTab(browser, PAGE);
      const mark = server.requests.length;
      await loadNoWait(tab, page.servedUrl).catch(() => undefined);
      await imagesSettled(tab, false);
      // A window for the payloads that fire a moment after the load.
      await sleep(1_500);
      const ids = [...new Set(hitsSince(server, mark))].filter((id) => page.payloads.some((p) => p.id === id));
      const autoIds = page.payloads.filter((p) => p.fires === 'auto' && p.category !== 'markup-as-text').map((p) => p.id);
      report.control[page.name] = { fired: ids.sort(), auto: autoIds.length, silent: autoIds.filter((id) => !ids.includes(id)) };
      fired += ids.length;
      auto += autoIds.length;
      await tab.close();
    }
    console.log(`${browserName} control: ${fired} payloads fired in the pages themselves (${auto} fire on their own in some browser)`);
    // Most payloads that need no reader's action do fire when nothing sanitizes them.
    expect(fired).toBeGreaterThanOrEqual(Math.floor(auto / 2));
  });
});
