/**
 * Hostile article HTML in Firefox ESR (WebDriver BiDi): the same pages and checks as
 * chromium-hostile.test.ts, in Oqy's three places:
 *
 *   1. the popup (article state), then "Save for offline" in it (a real mouse click);
 *   2. the in-page reader, opened with the popup's button (a real mouse click);
 *   3. the saved article, from the library (src/reader/index.html?saved=<id>).
 *
 * Separating the site from Oqy: the page is loaded with its scripts off, through the tab's
 * BrowsingContext.allowJavascript (set from the browser window's chrome scope, which the harness
 * may reach: it starts Firefox with --remote-allow-system-access). The global pref
 * javascript.enabled=false is no use here: it turns scripts off in the extension's own pages too.
 * With allowJavascript off Firefox still runs the extension's content script (it runs in its own
 * sandbox); if it has not, the test injects it with scripting.executeScript. Scripts are turned
 * back on before Oqy shows anything, so that anything the overlay put into the page would run.
 * The site's own beacon requests (its resources, with scripts off) are counted apart, before
 * Oqy does anything.
 *
 * Firefox runs no BiDi preload script in moz-extension pages, so posted messages are recorded
 * there from the moment the page has loaded (a payload's script posts its message and sets
 * every other flag in the same breath, so the other flags and the beacon cover the moments
 * before).
 *
 * Needs `npm run build` first. Writes test-output/firefox/hostile-report.json.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { startFixtureServer, type FixtureServer } from '../harness/fixture-server.ts';
import { launchFirefoxWithExtension, type FirefoxSession } from '../harness/firefox.ts';
import { hostilePages, type HostilePage } from '../hostile/pages.ts';
import { beaconUrl } from '../hostile/payloads.ts';
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

const OUT = resolve(import.meta.dirname, '../../test-output/firefox');
const POPUP = { width: 440, height: 600 };
const PAGE = { width: 1100, height: 800 };
const SITE_SETTLE_MS = 1200;
const SETTLE_MS = 800;

const pages = hostilePages();
const squash = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, ' ').trim();
const js = (v: unknown) => JSON.stringify(v);
const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

let server: FixtureServer;
let ff: FirefoxSession;
const timings: string[] = [];

interface PageState {
  tab: string;
  pageTitle: string;
  popup?: string;
  contentScriptInjected: boolean;
}
const states = new Map<string, PageState>();

interface Report {
  siteHitsScriptsOff: Record<string, string[]>;
  contentScript: Record<string, 'ran with page scripts off' | 'injected'>;
  surfaces: Record<string, { hits: string[]; requests: string[]; problems: string[]; flags: string[]; missing: string[]; hovered: number }>;
  control: Record<string, { fired: string[]; auto: number; silent: string[] }>;
  timings: string[];
}
const report: Report = { siteHitsScriptsOff: {}, contentScript: {}, surfaces: {}, control: {}, timings };

async function timed<T>(label: string, work: () => Promise<T>): Promise<T> {
  const started = Date.now();
  try {
    return await work();
  } finally {
    timings.push(`${label}: ${Date.now() - started} ms`);
  }
}

async function chromeContext(): Promise<string> {
  const { contexts } = await ff.send<{ contexts: Array<{ context: string }> }>('browsingContext.getTree', { maxDepth: 0, 'moz:scope': 'chrome' });
  const chrome = contexts[0]?.context;
  if (!chrome) throw new Error('no browser window');
  return chrome;
}

/** Scripts on or off for the page in the selected tab (BrowsingContext.allowJavascript); returns its address and the value. */
async function setSelectedTabScripts(context: string, allow: boolean): Promise<string> {
  await ff.activate(context);
  return ff.evaluate<string>(
    await chromeContext(),
    `(() => { const b = gBrowser.selectedBrowser; b.browsingContext.allowJavascript = ${allow}; return b.currentURI.spec + ' ' + b.browsingContext.allowJavascript; })()`,
  );
}

/** Evaluates in an extension page of its own (the options page), closed after. */
async function inExtensionPage<T>(expression: string): Promise<T> {
  const page = await ff.openExtensionPage('src/options/index.html');
  try {
    return await ff.evaluate<T>(page, expression);
  } finally {
    await ff.closeTab(page);
  }
}

const contentScriptAnswers = (url: string) =>
  inExtensionPage<boolean>(
    `browser.tabs.query({}).then((tabs) => { const tab = tabs.find((t) => t.url === ${js(url)}); return tab ? browser.tabs.sendMessage(tab.id, { type: 'oqy/get-status' }).then((s) => !!s && s.isArticle === true, () => false) : false; })`,
  );

/** Images have loaded or failed (with `overlay`, those in Oqy's reader over the page). */
async function imagesSettled(context: string, overlay = false): Promise<void> {
  const settled = `!!scope && Array.from(scope.querySelectorAll('img')).every((img) => img.complete)`;
  await (overlay
    ? ff.overlayWaitFor(context, `(scope) => ${settled}`, 10_000)
    : ff.waitFor(context, `(() => { const scope = document; return ${settled}; })()`, 10_000)
  ).catch(() => undefined);
}

/**
 * The mouse over every block of the body (real pointer moves), each block scrolled into view
 * first. `blocks` is an expression of the blocks, using `root` with `overlay` (the reader's root).
 */
async function sweep(context: string, blocks: string, overlay = false): Promise<number> {
  const run = <T>(expression: string) => (overlay ? ff.overlayEvaluate<T>(context, `(root) => ${expression}`) : ff.evaluate<T>(context, expression));
  const n = Math.min(await run<number>(`(${blocks})?.length ?? 0`), 120);
  let moved = 0;
  for (let i = 0; i < n; i++) {
    const at = await run<{ x: number; y: number } | null>(
      `(() => {
        const el = (${blocks})[${i}];
        if (!el) return null;
        el.scrollIntoView({ block: 'center' });
        const r = el.getBoundingClientRect();
        if (r.width < 1 || r.height < 1) return null;
        return { x: Math.max(0, Math.min(innerWidth - 1, Math.round(r.left + Math.min(r.width / 2, 40)))), y: Math.max(0, Math.min(innerHeight - 1, Math.round(r.top + r.height / 2))) };
      })()`,
    );
    if (!at) continue;
    await ff.send('input.performActions', {
      context,
      actions: [{ type: 'pointer', id: 'mouse', parameters: { pointerType: 'mouse' }, actions: [{ type: 'pointerMove', x: at.x, y: at.y, origin: 'viewport', duration: 0 }] }],
    });
    moved += 1;
  }
  await ff.send('input.releaseActions', { context }).catch(() => undefined);
  return moved;
}

async function openHostilePage(page: HostilePage): Promise<PageState> {
  const { context: tab } = await ff.send<{ context: string }>('browsingContext.create', { type: 'tab' });
  await ff.setViewport(tab, PAGE.width, PAGE.height);
  expect(await setSelectedTabScripts(tab, false)).toBe('about:blank false');
  const mark = server.requests.length;
  await ff.send('browsingContext.navigate', { context: tab, url: page.servedUrl, wait: 'none' });
  await ff.waitFor(tab, `document.readyState === 'complete' && location.href === ${js(page.servedUrl)}`, 20_000);
  await sleep(SITE_SETTLE_MS);
  report.siteHitsScriptsOff[page.name] = hitsSince(server, mark);
  expect(await ff.evaluate<string>(tab, 'location.href'), 'a refresh or a form to the beacon got 204: the page is where it was').toBe(page.servedUrl);
  // The page's autofocus payload has the focus: its own onfocus would run when the tab comes back
  // to the front after the popup. That is the site, not Oqy: take the focus away first.
  await ff.evaluate(tab, BLUR_ACTIVE);
  expect(await setSelectedTabScripts(tab, true)).toBe(`${page.servedUrl} true`);

  let injected = false;
  if (!(await contentScriptAnswers(page.servedUrl))) {
    injected = true;
    await inExtensionPage(
      `browser.tabs.query({}).then(async (tabs) => { const tab = tabs.find((t) => t.url === ${js(page.servedUrl)}); await browser.scripting.executeScript({ target: { tabId: tab.id }, files: browser.runtime.getManifest().content_scripts[0].js }); return true; })`,
    );
    const deadline = Date.now() + 10_000;
    while (!(await contentScriptAnswers(page.servedUrl))) {
      if (Date.now() > deadline) throw new Error(`Oqy's content script does not answer on ${page.servedUrl}`);
      await sleep(200);
    }
  }
  report.contentScript[page.name] = injected ? 'injected' : 'ran with page scripts off';
  await ff.evaluate(tab, MESSAGE_RECORDER);
  const flags = await ff.evaluate<Flags>(tab, READ_FLAGS);
  expect(flags.pwned, 'the page ran none of its own payloads with scripts off').toBeNull();
  const state: PageState = { tab, pageTitle: flags.title, contentScriptInjected: injected };
  states.set(page.name, state);
  return state;
}

const POPUP_ARTICLE = `document.querySelector('main.popup article.article')`;
const POPUP_BODY = `document.querySelector('main.popup [data-testid="body"]')`;
const READER_ARTICLE = `document.querySelector('.oqy-reader .oqy-article')`;
const READER_BODY = `document.querySelector('.oqy-reader .oqy-body[data-testid="body"]')`;
const OVERLAY_ARTICLE = `${OVERLAY_ROOT}?.querySelector('.oqy-article')`;
const OVERLAY_BODY = `${OVERLAY_ROOT}?.querySelector('.oqy-body[data-testid="body"]')`;

async function checkView(
  surface: string,
  page: HostilePage,
  context: string,
  where: { article: string; body: string; blobImages: boolean; title: string | RegExp; mark: number; hovered: number; overlay?: boolean },
): Promise<void> {
  // The in-page reader's expressions use the closed root, which only the overlay helpers reach.
  const inView = <T>(expression: string) => (where.overlay ? ff.overlayEvaluate<T>(context, `(root) => ${expression}`) : ff.evaluate<T>(context, expression));
  const problems = await inView<string[]>(domProblemsExpression(where.article, where.body, where.blobImages));
  const shown = await inView<string>(`(${where.body})?.innerText ?? ''`);
  const missing = missingText(shown, page.benign);
  const titleShown = squash(await inView<string | null>(`(${where.article})?.querySelector('[data-testid="title"]')?.textContent ?? null`));
  const flags = flagProblems(await ff.evaluate<Flags>(context, READ_FLAGS), where.title);
  const hits = hitsSince(server, where.mark);
  report.surfaces[surface] = { hits, requests: beaconRequestsSince(server, where.mark), problems, flags, missing, hovered: where.hovered };
  expect(hits, `${surface}: beacon requests ${beaconRequestsSince(server, where.mark).join(' ')}`).toEqual([]);
  expect(flags, `${surface}: flags`).toEqual([]);
  expect(problems, `${surface}: the rendered article`).toEqual([]);
  expect(missing, `${surface}: benign text missing`).toEqual([]);
  expect(titleShown, `${surface}: the title, as text`).toBe(squash(page.title));
  expect(where.hovered, `${surface}: the mouse went over the body`).toBeGreaterThan(0);
}

async function waitUntil(check: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return true;
    if (Date.now() > deadline) return false;
    await sleep(100);
  }
}

describe('Oqy against hostile article HTML in Firefox', () => {
  beforeAll(async () => {
    mkdirSync(OUT, { recursive: true });
    server = await startFixtureServer();
    routeBeacon(server);
    routeHostilePages(server, pages);
    // The beacon's https too: Firefox may upgrade an extension page's http requests.
    ff = await launchFirefoxWithExtension({
      proxyPort: server.port,
      httpsHosts: /^(?:(?:.+\.)?qazaq24\.com|beacon\.oqy\.test)$/i,
      // Another build to test, e.g. one with the sanitizer taken out, to see these tests fail.
      extensionDir: process.env.OQY_HOSTILE_FIREFOX_DIST || undefined,
    });
  });

  afterAll(async () => {
    await ff?.close();
    await server?.close();
    writeFileSync(resolve(OUT, 'hostile-report.json'), `${JSON.stringify(report, null, 2)}\n`);
    if (timings.length) console.log(`Firefox hostile-HTML timings:\n  ${timings.join('\n  ')}`);
  });

  it('reaches the beacon from an extension page and from a page, so that a payload that ran would be seen', async () => {
    let mark = server.requests.length;
    await inExtensionPage(`fetch(${js(beaconUrl('control-extension-page'))}).then(() => 'ok', (e) => String(e))`);
    expect(hitsSince(server, mark)).toEqual(['control-extension-page']);
    const tab = await ff.openTab('http://qazaq24.com/');
    mark = server.requests.length;
    await ff.evaluate(tab, `fetch(${js(beaconUrl('control-page-world'))}, { mode: 'no-cors' }).then(() => 'ok', (e) => String(e))`);
    expect(hitsSince(server, mark)).toEqual(['control-page-world']);
    await ff.closeTab(tab);
  });

  for (const page of pages) {
    describe(`${page.name} (${page.payloads.length} payloads)`, () => {
      it('popup: a clean article, nothing run or loaded; then saved for offline', async () => {
        const state = await timed(`${page.name}: page loaded, scripts off, content script ready`, () => openHostilePage(page));
        const mark = server.requests.length;
        const popup = await timed(`${page.name}: popup shown`, async () => {
          const context = await ff.openExtensionPage(`src/popup/index.html?url=${encodeURIComponent(page.servedUrl)}`);
          await ff.evaluate(context, MESSAGE_RECORDER);
          await ff.setViewport(context, POPUP.width, POPUP.height);
          await ff.waitFor(context, `(() => { const s = document.querySelector('main.popup')?.dataset.state ?? 'loading'; return s !== 'loading' && s; })()`, 20_000);
          return context;
        });
        state.popup = popup;
        expect(await ff.evaluate<string>(popup, `document.querySelector('main.popup').dataset.state`), await ff.evaluate<string>(popup, 'document.body.innerText')).toBe('article');
        await imagesSettled(popup);
        const hovered = await sweep(popup, `document.querySelectorAll('main.popup [data-testid="body"] > *')`);
        await sleep(SETTLE_MS);
        // Checked after the save, so that the saved-article test has its article whatever this finds.
        const popupFailure = await checkView(`${page.name}/popup`, page, popup, { article: POPUP_ARTICLE, body: POPUP_BODY, blobImages: false, title: 'Oqy', mark, hovered }).then(
          () => null,
          (e: unknown) => e,
        );

        const saveMark = server.requests.length;
        const saved = await timed(`${page.name}: saved`, async () => {
          await ff.click(popup, `document.querySelector('[data-action="save"]')`);
          return ff.waitFor<string>(popup, `(() => { const s = document.querySelector('.save-status')?.dataset.saveState; return (s === 'done' || s === 'failed') && s; })()`, 30_000);
        });
        expect(saved, await ff.evaluate<string>(popup, `document.querySelector('.save-status').innerText`)).toBe('done');
        expect(hitsSince(server, saveMark), `saving: ${beaconRequestsSince(server, saveMark).join(' ')}`).toEqual([]);
        expect(flagProblems(await ff.evaluate<Flags>(popup, READ_FLAGS), 'Oqy')).toEqual([]);
        if (popupFailure) throw popupFailure;
      });

      it('in-page reader: a clean article over the page, nothing run or loaded in the page', async () => {
        const state = states.get(page.name);
        const popup = state?.popup;
        if (!state || !popup) throw new Error('the popup test did not get as far as the save');
        const mark = server.requests.length;
        await timed(`${page.name}: popup button → reader`, async () => {
          await ff.click(popup, `document.querySelector('[data-action="open-reader"]')`);
          // The popup closes itself once the tab has answered.
          const closed = await waitUntil(async () => !(await ff.isOpen(popup)), 10_000);
          if (!closed) {
            const shown = await ff.evaluate<string>(popup, 'document.body.innerText').catch(() => '?');
            await ff.closeTab(popup);
            throw new Error(`the popup did not close after "Open the full reader"; it shows:\n${shown}`);
          }
          await ff.activate(state.tab);
          await ff.overlayWaitFor(state.tab, `(root) => !!root?.querySelector('.oqy-reader [data-testid="title"]')`, 15_000);
        });
        await imagesSettled(state.tab, true);
        const hovered = await sweep(state.tab, `${OVERLAY_ROOT}?.querySelectorAll('.oqy-body[data-testid="body"] > *')`, true);
        await sleep(SETTLE_MS);
        await checkView(`${page.name}/in-page`, page, state.tab, { article: OVERLAY_ARTICLE, body: OVERLAY_BODY, blobImages: false, title: state.pageTitle, mark, hovered, overlay: true });
        expect(await ff.overlayEvaluate<boolean>(state.tab, PLANT_HANDLER_PROBE), 'the probe went into the reader').toBe(true);
        expect(await ff.evaluate<boolean>(state.tab, HANDLER_PROBE_RAN), 'a handler in the reader would have run: the page\'s scripts are on').toBe(true);
        await ff.overlayEvaluate(state.tab, REMOVE_HANDLER_PROBE);
        const position = await ff.overlayEvaluate<string | null>(state.tab, OVERLAY_POSITION);
        expect(position, 'the reader is fixed over the page').toBe('fixed');
      });

      it('saved article from the library: a clean article, nothing run or loaded; stored clean', async () => {
        const state = states.get(page.name);
        const mark = server.requests.length;
        const reader = await timed(`${page.name}: saved article shown`, async () => {
          const context = await ff.openExtensionPage(`src/reader/index.html?saved=${encodeURIComponent(page.url)}`);
          await ff.evaluate(context, MESSAGE_RECORDER);
          await ff.setViewport(context, PAGE.width, PAGE.height);
          await ff.waitFor(context, `!!document.querySelector('.oqy-reader [data-testid="title"]')`, 20_000);
          return context;
        });
        await imagesSettled(reader);
        const hovered = await sweep(reader, `document.querySelectorAll('.oqy-reader .oqy-body[data-testid="body"] > *')`);
        await sleep(SETTLE_MS);
        await checkView(`${page.name}/saved`, page, reader, { article: READER_ARTICLE, body: READER_BODY, blobImages: true, title: `${squash(page.title)} · Oqy`, mark, hovered });
        expect(await ff.evaluate<string[]>(reader, storedBodyProblemsExpression(page.url)), 'the body as stored in the library').toEqual([]);
        await ff.closeTab(reader);
        if (state) await ff.closeTab(state.tab);
      });
    });
  }

  it('control: with its scripts on, each page itself fires its payloads (the beacon sees what runs)', async () => {
    let fired = 0;
    let auto = 0;
    for (const page of pages) {
      const mark = server.requests.length;
      const tab = await ff.openTab(page.servedUrl);
      await imagesSettled(tab);
      await sleep(1_500);
      const ids = [...new Set(hitsSince(server, mark))].filter((id) => page.payloads.some((p) => p.id === id));
      const autoIds = page.payloads.filter((p) => p.fires === 'auto' && p.category !== 'markup-as-text').map((p) => p.id);
      report.control[page.name] = { fired: ids.sort(), auto: autoIds.length, silent: autoIds.filter((id) => !ids.includes(id)) };
      fired += ids.length;
      auto += autoIds.length;
      await ff.closeTab(tab);
    }
    console.log(`Firefox control: ${fired} payloads fired in the pages themselves (${auto} fire on their own in some browser)`);
    expect(fired).toBeGreaterThanOrEqual(Math.floor(auto / 2));
  });
});
