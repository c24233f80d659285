/**
 * Firefox end to end: auto reader mode, used the way a person uses it. It is switched on with a
 * real click on the popup's checkbox, a site is added in the options by typing it and clicking
 * "Add site", the reader is left with a real click on "Show the original page" or the Escape
 * key, and the toolbar's Back and Forward are BiDi history traversals. Whether anything of the
 * page shows before the reader covers it is measured in the page itself, at every animation
 * frame, by a BiDi preload script that runs in each new document before the page's own scripts.
 *
 * The profile grants optional host permissions without a prompt
 * (`extensions.webextOptionalPermissionPrompts = false`), so "Add site" is granted at once.
 *
 * Needs `npm run build` first. Screenshots go to test-output/firefox/auto-*.png.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadFixtures, startFixtureServer, type Fixture, type FixtureServer } from '../harness/fixture-server.ts';
import { DIST_FIREFOX, launchFirefoxWithExtension, type FirefoxSession } from '../harness/firefox.ts';
import { FIGHTING_PAGES, HOSTILE, TEXT_STRIP_PX, hostilePage, median, preloadScript, readerPaintProbe, serveImagesLate, type ReaderPaint } from '../harness/auto-probes.ts';

const OUT = resolve(import.meta.dirname, '../../test-output/firefox');
const POPUP = { width: 440, height: 600 };
const PAGE = { width: 1280, height: 800 };
/** Longer than two of the auto script's once-a-second checks of the address. */
const PAST_ADDRESS_CHECKS_MS = 2_600;
/** How long article pages stall before their content (after the ticker) in the stall tests. */
const STALLS_MS = [1_500, 5_000];
/** The stall while the person leaves for the original page. */
const LEAVE_STALL_MS = 4_000;
/** The stall of the pages with hostile stylesheets: the ticker is parsed and could show meanwhile. */
const HOSTILE_STALL_MS = 700;
/** How late article images come in the paint test (a slow image server). */
const IMAGE_DELAY_MS = 3_000;
const QAZAQ24_MATCHES = ['*://qazaq24.com/*', '*://*.qazaq24.com/*'];

/** Another site, added to auto mode by its pattern; served by the fixture server through the proxy. */
const OTHER_SITE = 'news.example.test';
const OTHER_PATTERN = `*://${OTHER_SITE}/*`;
const OTHER_ARTICLE_URL = `http://${OTHER_SITE}/2026/02/steppe-rivers`;
const OTHER_TITLE = 'Steppe rivers run high after a snowy winter';
const OTHER_PARAGRAPHS = [
  'The rivers of the central steppe rose faster than usual this spring, after a winter with more snow than any in the last twenty years. Hydrologists in Karaganda said the Nura reached its highest mark in early April, a week earlier than the long-term average.',
  'Farmers along the lower reaches moved their herds to higher pasture at the end of March. Most of the villages that flooded in earlier years had built earth banks since then, and local officials reported that the banks held everywhere they were tested this year.',
  'The regional water authority opened the sluices of two reservoirs ahead of the peak to make room for the meltwater. It said the reservoirs would be refilled slowly through May, so that irrigation for the summer would not be cut short by the early release.',
  'Scientists who study the steppe rivers warn that such years are likely to come more often. Warmer winters bring more snow in a few heavy falls, and a quick thaw then sends it into the rivers in a matter of days instead of weeks, they said.',
  'The authority plans to publish daily readings from its gauges on the lower Nura until the water falls back to its summer level, which it expects by the middle of June if the weather stays dry.',
];
const OTHER_ARTICLE_HTML = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${OTHER_TITLE} - News Example</title>
<meta property="og:site_name" content="News Example">
<meta property="og:type" content="article">
</head>
<body>
<header><a href="/">News Example</a> <nav><a href="/world">World</a> <a href="/science">Science</a></nav></header>
<main>
<article>
<h1>${OTHER_TITLE}</h1>
<p class="byline">By Aigerim Sadykova, 12 February 2026</p>
${OTHER_PARAGRAPHS.map((p) => `<p>${p}</p>`).join('\n')}
</article>
</main>
<footer><p>News Example, 2026</p></footer>
</body>
</html>
`;

/** What a person sees in a tab: the reader (or its loading frame) over the page, or the page itself. */
interface PageView {
  href: string;
  readyState: string;
  historyLength: number;
  host: boolean;
  title: string | null;
  closeLabel: string | null;
  /** The host holds auto mode's loading frame (it says aria-busy until the reader takes it over). */
  loading: boolean;
  htmlVisibility: string;
  readingClass: boolean;
  /** The first ticker headline is on screen, not hidden, with nothing over its centre. */
  tickerShown: boolean;
}

/** Read in the harness's sandbox with the reader's closed root (overlayEvaluate): `root` is null without a reader. */
const READ_VIEW = `(root) => {
  const host = document.getElementById('oqy-reader-host');
  const link = document.querySelector('.ticker a');
  let tickerShown = false;
  if (link) {
    const r = link.getBoundingClientRect();
    const top = r.width > 0 && r.bottom > 0 && r.top < innerHeight ? document.elementFromPoint(r.left + Math.min(r.width, 40) / 2, r.top + r.height / 2) : null;
    tickerShown = getComputedStyle(link).visibility === 'visible' && !!top && link.contains(top);
  }
  return {
    href: location.href,
    readyState: document.readyState,
    historyLength: history.length,
    host: !!host,
    title: root?.querySelector('.oqy-reader [data-testid="title"]')?.innerText.trim() ?? null,
    closeLabel: root?.querySelector('.oqy-close')?.innerText.replace(/\\s+/g, ' ').trim() ?? null,
    loading: host?.getAttribute('aria-busy') === 'true',
    htmlVisibility: getComputedStyle(document.documentElement).visibility,
    readingClass: document.documentElement.classList.contains('oqy-reading'),
    tickerShown,
  };
}`;

/**
 * The probe, as a BiDi preload script: in every new document of its tab, before the page's own
 * scripts, it records at each animation frame (just before the frame is painted) whether the
 * root is hidden, whether the reader's host is there (with the loading frame or the reader) and
 * drawn over the page, and whether the first ticker headline is on screen with nothing over it.
 * It also notes when the host first came, when DOMContentLoaded came, and what the document held
 * when the ticker first arrived in it: mutation observers are told at the end of every task, and
 * a frame can only be painted between tasks, so "the ticker is in, the host is not" at that
 * moment is the only way the ticker could be painted before the frame covered it.
 */
const PROBE = `() => {
  const probe = { frames: [], hostSeenAt: null, dcl: null, tickerArrived: null };
  Object.defineProperty(window, '__oqyProbe', { value: probe });
  document.addEventListener('DOMContentLoaded', () => { probe.dcl = Math.round(performance.now()); }, { once: true });
  new MutationObserver(() => {
    if (!probe.tickerArrived && document.querySelector('.ticker a')) {
      probe.tickerArrived = {
        t: Math.round(performance.now()),
        host: !!document.getElementById('oqy-reader-host'),
      };
    }
  }).observe(document, { childList: true, subtree: true });
  const sample = (t) => {
    const html = document.documentElement;
    const host = document.getElementById('oqy-reader-host');
    const link = document.querySelector('.ticker a');
    let ticker = false;
    let top = null;
    if (link) {
      const r = link.getBoundingClientRect();
      const onScreen = r.width > 0 && r.height > 0 && r.bottom > 0 && r.top < innerHeight && r.left < innerWidth;
      ticker = onScreen && getComputedStyle(link).visibility === 'visible';
      if (onScreen) {
        const el = document.elementFromPoint(r.left + Math.min(r.width, 40) / 2, r.top + r.height / 2);
        top = !el ? null : el === host ? 'reader' : link.contains(el) ? 'ticker' : el.localName;
      }
    }
    // The reader is in a closed shadow root this probe cannot see into; its host paints the
    // viewport in the theme's background, which is what keeps the page from showing through.
    let readerCovers = false;
    if (host) {
      const hr = host.getBoundingClientRect();
      const bg = getComputedStyle(host).backgroundColor;
      readerCovers = hr.left <= 0 && hr.top <= 0 && hr.right >= innerWidth - 20 && hr.bottom >= innerHeight
        && getComputedStyle(host).visibility === 'visible' && !/^(transparent|rgba\\(.*, 0\\))$/.test(bg);
    }
    if (host && probe.hostSeenAt === null) probe.hostSeenAt = Math.round(t);
    probe.frames.push({
      t: Math.round(t),
      readyState: document.readyState,
      hidden: !html || getComputedStyle(html).visibility === 'hidden',
      host: !!host,
      loading: host?.getAttribute('aria-busy') === 'true',
      readerCovers,
      ticker,
      top,
    });
    if (probe.frames.length < 5000) requestAnimationFrame(sample);
  };
  requestAnimationFrame(sample);
}`;

interface Frame {
  t: number;
  readyState: string;
  hidden: boolean;
  host: boolean;
  /** The host holds the loading frame, not yet the reader. */
  loading: boolean;
  readerCovers: boolean;
  ticker: boolean;
  top: string | null;
}

interface Probe {
  frames: Frame[];
  hostSeenAt: number | null;
  dcl: number | null;
  tickerArrived: { t: number; host: boolean } | null;
}

/** A frame in which the ticker headline would be painted for the reader to see. */
const tickerSeen = (f: Frame) => f.ticker && !f.hidden && !(f.readerCovers && f.top === 'reader');

let server: FixtureServer;
let ff: FirefoxSession;
const fixtures = new Map<string, Fixture>();
const timings: string[] = [];
/** Tabs opened by the tests, closed at the end of each. */
const opened: string[] = [];
/** The tab showing the unity article, opened in the first test while auto mode was off; kept to the end. */
let articleTab: string;

function fixture(name: string): Fixture & { gold: { title: string; url: string } } {
  const f = fixtures.get(name);
  if (!f) throw new Error(`no fixture ${name}`);
  return f as Fixture & { gold: { title: string; url: string } };
}

const delay = (ms: number) => new Promise((done) => setTimeout(done, ms));
const squash = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, ' ').trim();
const view = (context: string) => ff.overlayEvaluate<PageView>(context, READ_VIEW);

/** Evaluates `expression` in an extension page (the options page, opened for it and closed after). */
async function inExtensionPage<T>(expression: string, wait = false, timeoutMs = 10_000): Promise<T> {
  const page = await ff.openExtensionPage('src/options/index.html');
  try {
    return wait ? await ff.waitFor<T>(page, expression, timeoutMs) : await ff.evaluate<T>(page, expression);
  } finally {
    await ff.closeTab(page);
  }
}

interface Registered {
  id: string;
  matches: string[];
  runAt?: string;
  js?: string[];
}

const REGISTERED = `browser.scripting.getRegisteredContentScripts()`;

/** Waits until the auto script's registration has exactly `matches` (none: not registered). */
async function registrationBecomes(matches: string[], page?: string): Promise<Registered[]> {
  const want = JSON.stringify([...matches].sort());
  const expr = `${REGISTERED}.then((r) => {
    const got = JSON.stringify(r.flatMap((s) => s.matches ?? []).sort());
    return got === ${JSON.stringify(want)} && r;
  })`;
  try {
    return page ? await ff.waitFor<Registered[]>(page, expr, 10_000) : await inExtensionPage<Registered[]>(expr, true);
  } catch (e) {
    const now = page ? await ff.evaluate(page, REGISTERED) : await inExtensionPage(REGISTERED);
    throw new Error(`the registration did not become ${want}; it is ${JSON.stringify(now)}\n${(e as Error).message}`);
  }
}

async function storedAutoMode(): Promise<{ qazaq24: boolean; sites: string[] } | undefined> {
  const got = await inExtensionPage<{ settings?: { autoMode?: { qazaq24: boolean; sites: string[] } } }>(`browser.storage.sync.get('settings')`);
  return got.settings?.autoMode;
}

/** Waits until the content script in the tab showing `pageUrl` answers (it is injected at document_idle). */
async function contentScriptReady(pageUrl: string): Promise<void> {
  await inExtensionPage(
    `browser.tabs.query({}).then((tabs) => {
      const tab = tabs.find((t) => t.url === ${JSON.stringify(pageUrl)});
      return tab ? browser.tabs.sendMessage(tab.id, { type: 'oqy/get-status' }).then(() => true, () => false) : false;
    })`,
    true,
  );
}

/** Opens a tab at `url` (as typed in the address bar) at the desktop size; `keep` leaves it open after the test. */
async function openPage(url: string, keep = false): Promise<string> {
  const started = Date.now();
  const context = await ff.openTab(url);
  if (!keep) opened.push(context);
  await ff.setViewport(context, PAGE.width, PAGE.height);
  timings.push(`open ${new URL(url).pathname}: ${Date.now() - started} ms to load`);
  return context;
}

/** Waits for the reader to show in `context`, with a title; returns what the tab shows. `since`: when the navigation began. */
async function readerShown(context: string, label: string, since?: number): Promise<PageView> {
  await ff.overlayWaitFor(context, `(root) => !!root?.querySelector('.oqy-reader [data-testid="title"]')`, 10_000).catch(async (e: Error) => {
    throw new Error(`no reader on ${label}: ${JSON.stringify(await view(context).catch(() => null))}\n${e.message}`);
  });
  if (since !== undefined) timings.push(`${label}: reader shown ${Date.now() - since} ms after the navigation began`);
  return view(context);
}

/**
 * Waits until the page is shown as it is: loaded, and (after a moment for a late decision) no
 * reader or frame. Returns what the tab shows.
 */
async function originalShown(context: string, settleMs = 600): Promise<PageView> {
  await ff.waitFor(context, `document.readyState === 'complete' && !document.getElementById('oqy-reader-host')`, 5_000);
  await delay(settleMs);
  return view(context);
}

/**
 * Watches the tab for `ms` in the page itself (every 50 ms) and returns every moment the page
 * was not shown as it is: a reader host (the reader or its frame), or a hidden root.
 */
async function staysOriginal(context: string, ms: number): Promise<string[]> {
  return ff.evaluate<string[]>(
    context,
    `new Promise((done) => {
      const bad = [];
      const started = performance.now();
      const timer = setInterval(() => {
        const at = Math.round(performance.now() - started);
        if (document.getElementById('oqy-reader-host')) bad.push(at + ' ms: reader');
        if (getComputedStyle(document.documentElement).visibility !== 'visible') bad.push(at + ' ms: hidden');
        if (performance.now() - started >= ${ms}) {
          clearInterval(timer);
          done(bad);
        }
      }, 50);
    })`,
  );
}

/** Opens the popup (as a page) for the tab showing `pageUrl`; waits until it has decided what to show. */
async function openPopupFor(pageUrl: string): Promise<{ context: string; state: string }> {
  const context = await ff.openExtensionPage(`src/popup/index.html?url=${encodeURIComponent(pageUrl)}`);
  await ff.setViewport(context, POPUP.width, POPUP.height);
  const state = await ff.waitFor<string>(
    context,
    `(() => { const s = document.querySelector('main.popup')?.dataset.state ?? 'loading'; return s !== 'loading' && s; })()`,
    20_000,
  );
  return { context, state };
}

/** A new tab with the probe in every document it loads, then `url` loaded in it. */
async function openProbed(url: string): Promise<{ context: string; preload: string }> {
  const { context } = await ff.send<{ context: string }>('browsingContext.create', { type: 'tab' });
  opened.push(context);
  await ff.setViewport(context, PAGE.width, PAGE.height);
  const { script: preload } = await ff.send<{ script: string }>('script.addPreloadScript', { functionDeclaration: PROBE, contexts: [context] });
  await ff.navigate(context, url);
  return { context, preload };
}

/** As openProbed, but returns as soon as the navigation has started: the page may still be loading. */
async function startProbed(url: string): Promise<{ context: string; preload: string }> {
  const { context } = await ff.send<{ context: string }>('browsingContext.create', { type: 'tab' });
  opened.push(context);
  await ff.setViewport(context, PAGE.width, PAGE.height);
  const { script: preload } = await ff.send<{ script: string }>('script.addPreloadScript', { functionDeclaration: PROBE, contexts: [context] });
  await ff.send('browsingContext.navigate', { context, url, wait: 'none' });
  await ff.waitFor(context, `location.href === ${JSON.stringify(new URL(url).href)}`, 15_000);
  return { context, preload };
}

/**
 * Opens `url` in a new tab with the paint probe (auto-probes.ts) in its documents, waits until
 * `done` (an expression over the probe's record `p`) holds, and closes the tab.
 */
async function visitWithPaintProbe(url: string, done: string): Promise<ReaderPaint> {
  const { context } = await ff.send<{ context: string }>('browsingContext.create', { type: 'tab' });
  opened.push(context);
  await ff.setViewport(context, PAGE.width, PAGE.height);
  await ff.send('script.addPreloadScript', { functionDeclaration: preloadScript(readerPaintProbe, { textStrip: TEXT_STRIP_PX }), contexts: [context] });
  try {
    await ff.send('browsingContext.navigate', { context, url, wait: 'none' });
    return await ff.waitFor<ReaderPaint>(context, `(() => { const p = window.__oqyPaint; return p && (${done}) && p; })()`, 30_000);
  } finally {
    await closeOpened();
  }
}

/** Auto mode for Qazaq24 on or off with the options page's switch, as a person does it; waits for the registration. */
async function switchAutoQazaq24(on: boolean): Promise<void> {
  const options = await ff.openExtensionPage('src/options/index.html');
  try {
    const toggle = `document.querySelector('input[name=autoQazaq24]')`;
    await ff.waitFor(options, `${toggle}?.checked === ${!on}`, 10_000);
    await ff.click(options, toggle);
    await ff.waitFor(options, `${toggle}.checked === ${on}`, 5_000);
    await registrationBecomes(on ? QAZAQ24_MATCHES : [], options);
  } finally {
    await ff.closeTab(options);
  }
}

async function closeOpened(): Promise<void> {
  while (opened.length) await ff.closeTab(opened.pop()!);
}

/** A short account of a probe's frames: runs of identical frames, for failure messages and the log. */
function runs(frames: Frame[]): string {
  const out: string[] = [];
  let last = '';
  for (const f of frames) {
    const k = `${f.readyState} ${f.hidden ? 'hidden' : 'shown'}${f.host ? (f.loading ? '+frame' : '+reader') : ''}${f.readerCovers ? '(covers)' : ''} ticker:${f.ticker ? 'on' : 'off'} top:${f.top}`;
    if (k !== last) out.push(`${f.t} ms ${k}`);
    last = k;
  }
  return out.join('\n    ');
}

describe('Firefox: auto reader mode', () => {
  beforeAll(async () => {
    if (!existsSync(resolve(DIST_FIREFOX, 'manifest.json'))) {
      throw new Error(`${DIST_FIREFOX}/manifest.json is missing: run \`npm run build\` before the e2e tests`);
    }
    for (const f of loadFixtures()) fixtures.set(f.name, f);
    server = await startFixtureServer([...fixtures.values()]);
    server.route(OTHER_ARTICLE_URL, { type: 'text/html; charset=utf-8', body: OTHER_ARTICLE_HTML });
    const started = Date.now();
    ff = await launchFirefoxWithExtension({
      proxyPort: server.port,
      // "Grant it in the test profile": optional permissions are given without the prompt.
      prefs: { 'extensions.webextOptionalPermissionPrompts': false },
    });
    timings.push(`launch + install: ${Date.now() - started} ms`);
    expect(ff.addonId).toBe('oqy@oqy.kz');
  });

  afterAll(async () => {
    await ff?.close();
    await server?.close();
    if (timings.length) console.log(`[firefox auto e2e timings]\n  ${timings.join('\n  ')}`);
  });

  it('is off at first: an article shows as the site serves it', async () => {
    expect(await storedAutoMode().then((a) => a ?? { qazaq24: false, sites: [] })).toEqual({ qazaq24: false, sites: [] });
    expect(await inExtensionPage<Registered[]>(REGISTERED)).toEqual([]);

    const unity = fixture('article-unity-kk');
    articleTab = await openPage(unity.servedUrl, true);
    await contentScriptReady(unity.servedUrl);
    const page = await originalShown(articleTab, 1000);
    expect(page).toMatchObject({ host: false, loading: false, htmlVisibility: 'visible', readingClass: false, tickerShown: true });
    await ff.screenshot(articleTab, resolve(OUT, 'auto-off-article.png'));
  });

  it('turns on with the popup checkbox: an article opens straight in the reader, the home page stays as it is', async () => {
    const unity = fixture('article-unity-kk');
    const { context: popup, state } = await openPopupFor(unity.servedUrl);
    expect(state, await ff.evaluate<string>(popup, 'document.body.innerText')).toBe('article');
    const checkbox = `document.querySelector('[data-action="auto-qazaq24"]')`;
    await ff.waitFor(popup, `!!${checkbox}`, 5_000);
    expect(await ff.evaluate(popup, `${checkbox}.checked`)).toBe(false);
    expect(squash(await ff.evaluate<string>(popup, `${checkbox}.closest('label').innerText`))).toBe('Open Qazaq24 articles in the reader by themselves');
    const clicked = Date.now();
    await ff.click(popup, checkbox);
    await ff.waitFor(popup, `${checkbox}.checked === true`, 5_000);
    await ff.screenshot(popup, resolve(OUT, 'auto-popup-on.png'));

    const registered = await registrationBecomes(QAZAQ24_MATCHES, popup);
    timings.push(`popup checkbox click → script registered: ${Date.now() - clicked} ms`);
    expect(registered).toHaveLength(1);
    expect(registered[0]).toMatchObject({ id: 'oqy-auto', runAt: 'document_start', js: ['src/content/auto.js'] });
    // What runs at document_start on every page of the site is small; the extractor and the reader come later, to articles only.
    expect(statSync(resolve(DIST_FIREFOX, 'src/content/auto.js')).size, 'bytes of the script at document_start').toBeLessThanOrEqual(20 * 1024);
    await ff.closeTab(popup);
    expect(await storedAutoMode()).toEqual({ qazaq24: true, sites: [] });

    // The next article opened (typed in the address bar) comes up in the reader.
    const eagle = fixture('article-eagle-kk');
    const started = Date.now();
    const tab = await openPage(eagle.servedUrl);
    const shown = await readerShown(tab, 'eagle article (auto)', started);
    expect(squash(shown.title)).toBe(eagle.gold.title);
    expect(shown.closeLabel).toBe('← Show the original page');
    expect(shown).toMatchObject({ href: eagle.servedUrl, loading: false, readingClass: true, tickerShown: false, historyLength: 1 });
    await ff.screenshot(tab, resolve(OUT, 'auto-reader-eagle.png'));

    // The home page is known by its address: nothing covers it, not for a frame.
    const home = fixture('home-kk');
    const { context: homeTab } = await openProbed(home.servedUrl);
    const homeView = await originalShown(homeTab);
    expect(homeView).toMatchObject({ host: false, loading: false, htmlVisibility: 'visible', readingClass: false, tickerShown: true });
    const probe = await ff.evaluate<Probe>(homeTab, 'window.__oqyProbe');
    expect(probe.frames.length, 'the probe watched the home page').toBeGreaterThan(0);
    expect(probe.hostSeenAt).toBeNull();
    expect(probe.frames.filter((fr) => fr.host || fr.hidden)).toEqual([]);
    await ff.screenshot(homeTab, resolve(OUT, 'auto-home-original.png'));
    await closeOpened();
  });

  it('"Show the original page" leaves the reader for good on that page, until it is reloaded', async () => {
    const unity = fixture('article-unity-kk');
    // The tab opened before auto mode was on: reloading it brings the article up in the reader.
    await ff.activate(articleTab);
    let started = Date.now();
    await ff.reload(articleTab);
    let shown = await readerShown(articleTab, 'unity article reloaded (auto)', started);
    expect(squash(shown.title)).toBe(unity.gold.title);

    await ff.overlayClick(articleTab, `(root) => root?.querySelector('.oqy-close')`);
    await ff.waitFor(articleTab, `!document.getElementById('oqy-reader-host')`, 5_000);
    const page = await view(articleTab);
    expect(page).toMatchObject({ host: false, loading: false, htmlVisibility: 'visible', readingClass: false, tickerShown: true, href: unity.servedUrl });
    // It does not come back: not from the auto script's address watch (every second), nor late.
    expect(await staysOriginal(articleTab, PAST_ADDRESS_CHECKS_MS)).toEqual([]);
    await ff.screenshot(articleTab, resolve(OUT, 'auto-show-original.png'));

    // A reload is a new visit: the reader again.
    started = Date.now();
    await ff.reload(articleTab);
    shown = await readerShown(articleTab, 'unity article reloaded after "show original"', started);
    expect(squash(shown.title)).toBe(unity.gold.title);

    // Escape is "show the original" too.
    await ff.press(articleTab, 'Escape');
    await ff.waitFor(articleTab, `!document.getElementById('oqy-reader-host')`, 5_000);
    expect(await staysOriginal(articleTab, 1500)).toEqual([]);
    expect((await view(articleTab)).tickerShown).toBe(true);
  });

  it('follows Back and Forward: article A → home → article B', async () => {
    const a = fixture('article-writer-kk');
    const home = fixture('home-kk');
    const b = fixture('article-dollar-ru');
    const started = Date.now();
    const tab = await openPage(a.servedUrl);
    let shown = await readerShown(tab, 'A', started);
    expect(squash(shown.title)).toBe(a.gold.title);
    expect(shown.historyLength).toBe(1);

    await ff.navigate(tab, home.servedUrl);
    let page = await originalShown(tab);
    expect(page).toMatchObject({ href: home.servedUrl, host: false, tickerShown: true, historyLength: 2 });

    const toB = Date.now();
    await ff.navigate(tab, b.servedUrl);
    shown = await readerShown(tab, 'B', toB);
    expect(squash(shown.title)).toBe(b.gold.title);
    expect(shown).toMatchObject({ href: b.servedUrl, historyLength: 3 });

    const steps: { delta: number; url: string; reader: Fixture | null; label: string }[] = [
      { delta: -1, url: home.servedUrl, reader: null, label: 'back to home' },
      { delta: -1, url: a.servedUrl, reader: a, label: 'back to A' },
      { delta: 1, url: home.servedUrl, reader: null, label: 'forward to home' },
      { delta: 1, url: b.servedUrl, reader: b, label: 'forward to B' },
    ];
    for (const step of steps) {
      const t = Date.now();
      await ff.traverseHistory(tab, step.delta, step.url);
      if (step.reader) {
        shown = await readerShown(tab, step.label, t);
        expect(squash(shown.title), step.label).toBe((step.reader as Fixture & { gold: { title: string } }).gold.title);
        expect(shown.loading, step.label).toBe(false);
      } else {
        page = await originalShown(tab);
        expect(page, step.label).toMatchObject({ host: false, loading: false, htmlVisibility: 'visible', tickerShown: true });
      }
      const now = await view(tab);
      expect(now.href, step.label).toBe(step.url);
      // The reader adds no history entry: three pages visited, three entries.
      expect(now.historyLength, step.label).toBe(3);
    }
    const tree = await ff.send<{ contexts: { context: string; url: string }[] }>('browsingContext.getTree', { root: tab, maxDepth: 0 });
    expect(tree.contexts[0]?.url).toBe(b.servedUrl);
    await closeOpened();
  });

  it('works on another site added in the options by its pattern, and stops when it is removed', async () => {
    const options = await ff.openExtensionPage('src/options/index.html');
    opened.push(options);
    await ff.setViewport(options, PAGE.width, PAGE.height);
    const input = `document.querySelector('input[name=autoSite]')`;
    const submit = `document.querySelector('form.add-site button[type=submit]')`;
    const message = `document.getElementById('auto-site-message').innerText.trim()`;
    const removeButton = `document.querySelector('[data-remove-site=${JSON.stringify(OTHER_PATTERN)}]')`;
    await ff.waitFor(options, `!!${input}`, 10_000);
    expect(await ff.evaluate(options, `document.querySelector('input[name=autoQazaq24]').checked`)).toBe(true);
    expect(squash(await ff.evaluate<string>(options, `${submit}.innerText`))).toBe('Add site');

    // Typed as a person types a site; "Add site" asks the browser for access to it in the click.
    await ff.click(options, input);
    await ff.type(options, OTHER_SITE);
    expect(await ff.evaluate(options, `${input}.value`)).toBe(OTHER_SITE);
    const clicked = Date.now();
    await ff.click(options, submit);
    await ff.waitFor(options, `!!${removeButton}`, 10_000).catch(async (e: Error) => {
      throw new Error(`the site was not added; the page says: ${await ff.evaluate(options, message)}\n${e.message}`);
    });
    expect(await ff.evaluate(options, message)).toBe('');
    expect(await ff.evaluate(options, `${input}.value`)).toBe('');
    expect(await ff.evaluate(options, `browser.permissions.contains({ origins: [${JSON.stringify(OTHER_PATTERN)}] })`)).toBe(true);
    const registered = await registrationBecomes([...QAZAQ24_MATCHES, OTHER_PATTERN], options);
    timings.push(`"Add site" click → permission granted and script registered: ${Date.now() - clicked} ms`);
    expect(registered[0]).toMatchObject({ id: 'oqy-auto', runAt: 'document_start' });
    expect(await storedAutoMode()).toEqual({ qazaq24: true, sites: [OTHER_PATTERN] });
    await ff.screenshot(options, resolve(OUT, 'auto-options-site-added.png'));

    const started = Date.now();
    const tab = await openPage(OTHER_ARTICLE_URL);
    const shown = await readerShown(tab, 'other site article (auto)', started);
    expect(squash(shown.title)).toBe(OTHER_TITLE);
    const body = squash(await ff.overlayEvaluate<string>(tab, `(root) => root?.querySelector('[data-testid="body"]')?.innerText`));
    expect(body).toContain(OTHER_PARAGRAPHS[0]);
    expect(body).toContain(OTHER_PARAGRAPHS.at(-1));
    await ff.screenshot(tab, resolve(OUT, 'auto-reader-other-site.png'));

    // A pattern for every site is refused with a reason, and nothing is asked or saved.
    await ff.activate(options);
    await ff.click(options, input);
    await ff.type(options, '*');
    await ff.click(options, submit);
    await ff.waitFor(options, `${message} !== ''`, 5_000);
    expect(await ff.evaluate(options, message)).toBe('That covers too many sites. Name one site, such as example.kz or *.example.kz.');
    expect(await ff.evaluate(options, `${input}.getAttribute('aria-invalid')`)).toBe('true');
    expect(await ff.evaluate(options, `document.querySelectorAll('[data-remove-site]').length`)).toBe(1);
    expect(await ff.evaluate(options, `browser.permissions.contains({ origins: ['*://*/*'] })`)).toBe(false);
    await ff.screenshot(options, resolve(OUT, 'auto-options-bad-pattern.png'));

    // Removing the site gives the access back and takes it out of the registration.
    await ff.click(options, removeButton);
    await ff.waitFor(options, `!${removeButton}`, 5_000);
    await ff.waitFor(options, `browser.permissions.contains({ origins: [${JSON.stringify(OTHER_PATTERN)}] }).then((has) => !has)`, 5_000);
    await registrationBecomes(QAZAQ24_MATCHES, options);
    expect(await storedAutoMode()).toEqual({ qazaq24: true, sites: [] });

    await ff.activate(tab);
    await ff.reload(tab);
    expect(await staysOriginal(tab, 1500)).toEqual([]);
    expect(await ff.evaluate(tab, `document.querySelector('h1')?.innerText`)).toBe(OTHER_TITLE);
    await closeOpened();
  });

  it('draws the reader\'s frame in the page\'s first frame, on every article and a stalled one (the times are printed, not asserted: the machine may be busy)', async () => {
    const names = ['article-unity-kk', 'article-eagle-kk', 'article-writer-kk', 'article-dollar-ru'];
    const writer = fixture('article-writer-kk');
    const stalled = 'http://qazaq24.com/news/stalled-first-frame-1101500';
    server.route(stalled, { type: 'text/html; charset=utf-8', body: writer.html, pauses: [{ at: writer.html.indexOf('<main'), pauseMs: STALLS_MS[0]! }] });
    const pages = [...names.map((name) => ({ name, url: fixture(name).servedUrl })), { name: 'stalled 1.5 s', url: stalled }];
    const ready = 'p.firstFrameAt !== null && p.domContentLoaded !== null';
    // The same pages with auto mode off: when each draws its first frame by itself.
    const alone = new Map<string, ReaderPaint>();
    await switchAutoQazaq24(false);
    try {
      for (const p of pages) alone.set(p.name, await visitWithPaintProbe(p.url, ready));
    } finally {
      await switchAutoQazaq24(true);
    }
    const rows: string[] = [];
    for (const p of pages) {
      const on = await visitWithPaintProbe(p.url, ready);
      const off = alone.get(p.name)!;
      expect(off.hostAt, `${p.name}: no frame with auto mode off`).toBeNull();
      // The host was in the page before its first frame: that frame drew it.
      expect(on.hostInFirstFrame, `${p.name}: ${JSON.stringify(on)}`).toBe(true);
      rows.push(`${p.name}: frame drawn ${on.firstFrameAt} ms, DOMContentLoaded ${on.domContentLoaded} ms; auto off: first frame ${off.firstFrameAt} ms`);
    }
    timings.push(...rows);
  });

  it('shows the reader\'s frame at once while an article stalls for 1.5 s and for 5 s, says it is still loading, then opens the reader', async () => {
    const writer = fixture('article-writer-kk');
    const cut = writer.html.indexOf('<main');
    for (const pauseMs of STALLS_MS) {
      const url = `http://qazaq24.com/news/slow-${pauseMs}-article-${1099000 + pauseMs}`;
      server.route(url, { type: 'text/html; charset=utf-8', body: writer.html, pauses: [{ at: cut, pauseMs }] });

      const sent = Date.now();
      const { context } = await startProbed(url);
      // While the page is stalled: the frame, with the article's title from the page's head.
      const title = await ff.overlayWaitFor<string>(context, `(root) => root?.querySelector('.frame .what')?.textContent`, 10_000);
      expect(squash(title)).toBe(writer.gold.title);
      if (pauseMs >= 3_000) {
        // On a 5 s stall there is room to see the title came while the page was loading; on 1.5 s a busy machine may read it after.
        expect(await ff.evaluate(context, 'document.readyState'), 'the title came while the page was loading').toBe('loading');
        // Past a second of it, the frame says the page is still loading (there is time to see it on a 5 s stall).
        await ff.overlayWaitFor(context, `(root) => root?.querySelector('.frame [role="status"]')?.textContent === 'Still loading the page…'`, pauseMs);
        expect(await ff.evaluate(context, 'document.readyState'), '"still loading" while the page was loading').toBe('loading');
        await ff.screenshot(context, resolve(OUT, 'auto-frame-still-loading.png'));
      }
      const shown = await readerShown(context, `${pauseMs} ms stall`, sent);
      expect(squash(shown.title)).toBe(writer.gold.title);
      expect(Date.now() - sent, 'the page really stalled').toBeGreaterThan(pauseMs);
      await delay(200);
      const probe = await ff.evaluate<Probe>(context, 'window.__oqyProbe');
      const account = `${pauseMs} ms stall, DOMContentLoaded at ${probe.dcl} ms:\n    ${runs(probe.frames)}`;
      // From the first frame drawn: the frame or the reader over all of the page, never the page.
      expect(probe.frames.length, account).toBeGreaterThan(2);
      expect(probe.frames.filter((fr) => !fr.host || !fr.readerCovers || tickerSeen(fr)), account).toEqual([]);
      // The frame is in the page's first frame (the test before times that frame).
      expect(probe.frames[0]!.loading, account).toBe(true);
      // It stayed while the page was stalled, and the reader took over once the page was there.
      expect(probe.frames.filter((fr) => fr.loading && fr.readyState === 'loading').length, account).toBeGreaterThan(5);
      // Oqy hears DOMContentLoaded before the probe does, so the order of the two times says nothing: the parse was over.
      expect(probe.frames.find((fr) => !fr.loading)!.readyState, account).not.toBe('loading');
      timings.push(`${pauseMs} ms stall: frame on screen at ${probe.frames[0]!.t} ms, DOMContentLoaded ${probe.dcl} ms, reader at ${probe.frames.find((fr) => !fr.loading)!.t} ms`);
      await closeOpened();
    }
  });

  it('"Show the original page" works while the page is still loading, with a click and from the keyboard, and holds', async () => {
    const writer = fixture('article-writer-kk');
    const url = `http://qazaq24.com/news/leave-while-loading-${1099000 + LEAVE_STALL_MS}`;
    server.route(url, { type: 'text/html; charset=utf-8', body: writer.html, pauses: [{ at: writer.html.indexOf('<main'), pauseMs: LEAVE_STALL_MS }] });
    for (const how of ['click', 'keyboard'] as const) {
      const { context } = await startProbed(url);
      const label = await ff.overlayWaitFor<string>(context, `(root) => root?.querySelector('.frame .oqy-close')?.innerText`, 10_000);
      expect(squash(label)).toBe('← Show the original page');
      if (how === 'click') {
        await ff.overlayClick(context, `(root) => root?.querySelector('.frame .oqy-close')`);
      } else {
        // It has the focus from the start: Enter presses it.
        expect(await ff.overlayEvaluate(context, `(root) => root?.activeElement?.classList.contains('oqy-close') ?? false`), 'the button has the focus').toBe(true);
        await ff.press(context, 'Enter');
      }
      expect(await ff.evaluate(context, 'document.readyState'), `left while loading (${how})`).toBe('loading');
      await ff.waitFor(context, `!document.getElementById('oqy-reader-host')`, 5_000);
      expect(await ff.evaluate(context, 'document.body?.inert ?? false'), 'the page is not inert').toBe(false);
      // The page as it streams in, then all of it; the reader does not come when the HTML is there.
      await ff.waitFor(context, `document.readyState === 'complete'`, LEAVE_STALL_MS + 20_000);
      expect(await staysOriginal(context, 1_500)).toEqual([]);
      expect((await view(context)).tickerShown).toBe(true);
      await closeOpened();
    }
  });

  it('no page rule can show the page through the frame or the reader: visibility, opacity, display, z-index, position, !important, inline', async () => {
    const a = fixture('article-unity-kk');
    const urls = HOSTILE.map((h, i) => {
      const url = `http://qazaq24.com/news/hostile-${i}-${1045900 + i}`;
      server.route(url, { type: 'text/html; charset=utf-8', body: hostilePage(a.html, h), pauses: [{ at: a.html.indexOf('<main'), pauseMs: HOSTILE_STALL_MS }] });
      return url;
    });
    for (const [i, url] of urls.entries()) {
      const { context } = await startProbed(url);
      const shown = await readerShown(context, HOSTILE[i]!.name);
      expect(squash(shown.title)).toBe(a.gold.title);
      await delay(200);
      const probe = await ff.evaluate<Probe>(context, 'window.__oqyProbe');
      const account = `${HOSTILE[i]!.name}:\n    ${runs(probe.frames)}`;
      expect(probe.tickerArrived, `the ticker was parsed\n${account}`).not.toBeNull();
      expect(probe.tickerArrived!.host, `the frame was there before the ticker\n${account}`).toBe(true);
      expect(probe.frames.filter((fr) => !fr.host || !fr.readerCovers || tickerSeen(fr)), account).toEqual([]);
      await closeOpened();
    }

    // The probe is not blind: with auto mode off, each of these pages shows its ticker.
    await switchAutoQazaq24(false);
    try {
      for (const [i, url] of urls.entries()) {
        const { context } = await openProbed(url);
        await delay(300);
        const probe = await ff.evaluate<Probe>(context, 'window.__oqyProbe');
        expect(probe.frames.some(tickerSeen), `${HOSTILE[i]!.name}, auto off:\n    ${runs(probe.frames)}`).toBe(true);
        await closeOpened();
      }
    } finally {
      await switchAutoQazaq24(true);
    }
  });

  it('a page that stops DOMContentLoaded, names elements like Oqy\'s globals, or takes the frame out is still read, or given back usable', async () => {
    const a = fixture('article-unity-kk');
    const page = (url: string, html: string) => {
      server.route(url, { type: 'text/html; charset=utf-8', body: html });
      return url;
    };
    const stopped = page('http://qazaq24.com/news/loaded-event-stopped-1045991', FIGHTING_PAGES.stopsLoadedEvent(a.html));
    const clobbered = page('http://qazaq24.com/news/named-like-globals-1045992', FIGHTING_PAGES.namedLikeGlobals(a.html));
    for (const [label, url] of [['DOMContentLoaded stopped', stopped], ['elements named like the globals', clobbered]] as const) {
      const context = await openPage(url);
      expect(squash((await readerShown(context, label)).title), label).toBe(a.gold.title);
    }
    await closeOpened();

    const takenOut = page('http://qazaq24.com/news/frame-taken-out-1045990', FIGHTING_PAGES.takesFrameOut(a.html));
    const context = await openPage(takenOut);
    await ff.waitFor(context, `document.readyState === 'complete' && !document.body.inert && !document.documentElement.classList.contains('oqy-reading') && !document.getElementById('oqy-reader-host') && getComputedStyle(document.documentElement).overflow === 'visible'`, 15_000);
    expect(squash((await view(context)).title ?? ''), 'no reader over the page').toBe('');
    await closeOpened();
  });

  it('paints the reader\'s text no later than the page\'s own load event with auto mode off, images served late (median over the articles)', async () => {
    const names = ['article-unity-kk', 'article-eagle-kk', 'article-writer-kk', 'article-dollar-ru'];
    const imagesAtOnce = serveImagesLate(server, names.map(fixture), IMAGE_DELAY_MS);
    const visit = (name: string, done: string) => visitWithPaintProbe(fixture(name).servedUrl, done);
    const rows: string[] = [];
    try {
      const on = new Map<string, ReaderPaint>();
      for (const name of names) on.set(name, await visit(name, 'p.textPaintAt !== null && p.load !== null'));
      await switchAutoQazaq24(false);
      const off = new Map<string, ReaderPaint>();
      try {
        for (const name of names) off.set(name, await visit(name, 'p.load !== null && p.firstContentfulPaint !== null'));
      } finally {
        await switchAutoQazaq24(true);
      }
      const ratios = names.map((name) => {
        const a = on.get(name)!;
        const o = off.get(name)!;
        expect(o.hostAt, `${name}: no reader with auto mode off`).toBeNull();
        rows.push(`${name}: auto on: frame drawn ${a.hostFramedAt} ms, DOMContentLoaded ${a.domContentLoaded} ms, reader in ${a.readyAt} ms, its text painted ${a.textPaintAt} ms; auto off: first contentful paint ${o.firstContentfulPaint} ms, DOMContentLoaded ${o.domContentLoaded} ms, load ${o.load} ms`);
        return a.textPaintAt! / o.load!;
      });
      timings.push(...rows, `text painted / load event with auto off: ${ratios.map((r) => r.toFixed(2)).join(' ')}`);
      expect(median(ratios), rows.join('\n')).toBeLessThanOrEqual(1);
    } finally {
      imagesAtOnce();
    }
  });

  it('never shows the page before the reader covers it, even on a slow network', async () => {
    // Each article arrives in two parts: the page up to its ticker, then, after a pause, the rest.
    // On a slow line that first part is what a browser paints while it waits.
    const PAUSE_MS = 700;
    const names = ['article-unity-kk', 'article-eagle-kk', 'article-writer-kk', 'article-dollar-ru'];
    const slow = (f: Fixture) => {
      const at = f.html.indexOf('<main');
      expect(at, `${f.name} has a ticker before <main>`).toBeGreaterThan(f.html.indexOf('class="ticker"'));
      server.route(f.servedUrl, { type: 'text/html; charset=utf-8', body: f.html, pauses: [{ at, pauseMs: PAUSE_MS }] });
    };
    try {
      for (const name of names) slow(fixture(name));

      for (const name of names) {
        const f = fixture(name);
        const { context, preload } = await openProbed(f.servedUrl);
        const shown = await readerShown(context, `${name} (slow, probed)`);
        expect(squash(shown.title)).toBe(f.gold.title);
        await delay(200);
        const probe = await ff.evaluate<Probe>(context, 'window.__oqyProbe');
        const account = `${name}:\n    ${runs(probe.frames)}`;
        // The probe watched the page while it was loading (on a busy machine Firefox may draw
        // only one frame before the pause ends), and the frame covered it.
        expect(probe.frames.some((fr) => fr.loading && fr.readyState === 'loading'), account).toBe(true);
        // The frame was up before the ticker was even parsed.
        expect(probe.tickerArrived, account).toMatchObject({ host: true });
        // Not one frame with the ticker on screen, or without the frame or the reader over all of the page.
        expect(probe.frames.filter(tickerSeen), account).toEqual([]);
        expect(probe.frames.filter((fr) => !fr.host || !fr.readerCovers || fr.hidden), account).toEqual([]);
        const readerAt = probe.frames.find((fr) => !fr.loading)?.t;
        timings.push(`${name} (slow): frame from ${probe.hostSeenAt} ms, ${probe.frames.filter((fr) => fr.loading).length} frames, reader at ${readerAt} ms after navigation start`);
        if (name === names[0]) console.log(`[probe, auto on] ${account}`);
        await ff.send('script.removePreloadScript', { script: preload });
      }
      await closeOpened();

      // The probe is not blind: with auto mode off (the options' switch, clicked), it sees the ticker.
      const options = await ff.openExtensionPage('src/options/index.html');
      opened.push(options);
      const toggle = `document.querySelector('input[name=autoQazaq24]')`;
      await ff.waitFor(options, `${toggle}?.checked === true`, 10_000);
      await ff.click(options, toggle);
      await ff.waitFor(options, `${toggle}.checked === false`, 5_000);
      await registrationBecomes([], options);
      expect(await storedAutoMode()).toEqual({ qazaq24: false, sites: [] });

      const f = fixture('article-unity-kk');
      const { context, preload } = await openProbed(f.servedUrl);
      await delay(200);
      const probe = await ff.evaluate<Probe>(context, 'window.__oqyProbe');
      const account = `auto off:\n    ${runs(probe.frames)}`;
      console.log(`[probe, auto off] ${account}`);
      expect(probe.hostSeenAt, account).toBeNull();
      expect(probe.tickerArrived, account).toMatchObject({ host: false });
      const seen = probe.frames.filter(tickerSeen);
      expect(seen.length, account).toBeGreaterThan(0);
      // ... already while the rest of the page was still on its way.
      expect(seen.some((fr) => fr.readyState === 'loading'), account).toBe(true);
      await ff.send('script.removePreloadScript', { script: preload });
      await closeOpened();
    } finally {
      for (const name of names) {
        const f = fixture(name);
        server.route(f.servedUrl, { type: 'text/html; charset=utf-8', body: f.html });
      }
    }
  });
});
