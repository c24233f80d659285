/**
 * Pages that attack Oqy itself, in Firefox ESR with the built add-on (test/hostile/attacks.ts),
 * as chromium-page-attacks.test.ts does in Chromium:
 *
 *   1. the page's own script drives the in-page reader a person opened: Save, settings, close;
 *   2. with auto mode on and no click, a page makes up three articles (title, og:url,
 *      pushState) and presses Save in each reader;
 *   3. a page on another host names a saved article's address as its own and is saved;
 *   4. article images on the reader's own machine and network, and a public image that
 *      redirects there: shown in the popup, fetched by the saver (every request of Firefox goes
 *      through the fixture server, whatever its host, so every one is seen);
 *   5. the page looks for Oqy: its font files at the add-on's address, the address in the page.
 *
 * Firefox has no Local Network Access checks to opt into: a public name that resolves to a
 * private address is not covered here (see the README). Needs `npm run build` first.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixtureServer, type FixtureServer } from '../harness/fixture-server.ts';
import { launchFirefoxWithExtension, type FirefoxSession } from '../harness/firefox.ts';
import { DUMP_LIBRARY, type LibraryDump } from '../harness/library-check.ts';
import { READER_FONTS_SETTLED } from '../harness/reader-fonts.ts';
import {
  ATTACK_OPERATE,
  AUTO_FAKE_PATHS,
  AUTO_PAGE,
  OPERATE_PAGE,
  OTHER_HOST_PAGE,
  VICTIM,
  lanImages,
  lanPage,
  lanRequests,
  type AttackPage,
} from '../hostile/attacks.ts';

const PAGE_SIZE = { width: 1100, height: 800 };
const js = (v: unknown) => JSON.stringify(v);
const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));
const READER_SHOWN = `(root) => !!root?.querySelector('.oqy-reader [data-testid="title"]')`;

let server: FixtureServer;
let ff: FirefoxSession;

function route(p: AttackPage): void {
  server.route(p.servedUrl, { type: 'text/html; charset=utf-8', body: p.html });
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

/** `fn(tab)` in an extension page, for the tab showing `url`: `fn` is source taking the tab. */
const forTab = <T>(url: string, fn: string) =>
  inExtensionPage<T>(`browser.tabs.query({}).then((tabs) => { const tab = tabs.find((t) => t.url === ${js(url)}); if (!tab) throw new Error('no tab shows ${url}'); return (${fn})(tab); })`);

const library = () => inExtensionPage<LibraryDump>(DUMP_LIBRARY);
const storedSettings = () => inExtensionPage<{ settings?: { reader: { fontSize: number; theme: string } } }>(`browser.storage.sync.get('settings')`).then((r) => r.settings);

async function openArticle(url: string): Promise<string> {
  const tab = await ff.openTab(url);
  await ff.setViewport(tab, PAGE_SIZE.width, PAGE_SIZE.height);
  // The content script has answered: it says the page is an article.
  const deadline = Date.now() + 20_000;
  while (!(await forTab<boolean>(url, `(tab) => browser.tabs.sendMessage(tab.id, { type: 'oqy/get-status' }).then((s) => !!s && s.isArticle === true, () => false)`))) {
    if (Date.now() > deadline) throw new Error(`Oqy's content script does not answer on ${url}`);
    await sleep(200);
  }
  return tab;
}

/** Opens the reader over the tab as the keyboard shortcut does (a message to the tab). */
async function openReader(tab: string, url: string): Promise<void> {
  await forTab(url, `(tab) => browser.tabs.sendMessage(tab.id, { type: 'oqy/reader', action: 'open' })`);
  await ff.activate(tab);
  await ff.overlayWaitFor(tab, READER_SHOWN, 15_000);
  await ff.waitFor(tab, READER_FONTS_SETTLED, 15_000);
}

/** Presses Save in the reader with a real click; waits until the reader says how it went. */
async function saveFromReader(tab: string): Promise<string> {
  await ff.overlayClick(tab, `(root) => root?.querySelector('[data-action="save"]')`);
  return ff.overlayWaitFor<string>(
    tab,
    `(root) => { const s = root?.querySelector('.oqy-save-status')?.getAttribute('data-save-state'); return (s === 'done' || s === 'failed') && s; }`,
    30_000,
  );
}

async function setAutoMode(on: boolean): Promise<void> {
  await inExtensionPage(
    `browser.storage.sync.get('settings').then(({ settings }) => browser.storage.sync.set({ settings: { ...(settings ?? { version: 2 }), autoMode: { qazaq24: ${on}, sites: [] } } })).then(() => true)`,
  );
  const deadline = Date.now() + 10_000;
  for (;;) {
    const ids = await inExtensionPage<string[]>(`browser.scripting.getRegisteredContentScripts().then((all) => all.map((s) => s.id))`);
    if (ids.includes('oqy-auto') === on) return;
    if (Date.now() > deadline) throw new Error(`auto mode did not ${on ? 'register' : 'unregister'} its script: ${js(ids)}`);
    await sleep(200);
  }
}

describe('a page against Oqy, in Firefox', () => {
  beforeAll(async () => {
    server = await startFixtureServer();
    for (const p of [OPERATE_PAGE, AUTO_PAGE, VICTIM(), OTHER_HOST_PAGE()]) route(p);
    ff = await launchFirefoxWithExtension({
      proxyPort: server.port,
      // Another build to test instead of dist/firefox (e.g. an earlier version's, to see these tests fail).
      extensionDir: process.env.OQY_ATTACKS_FIREFOX_DIST || undefined,
    });
  });

  afterAll(async () => {
    await ff?.close();
    await server?.close();
  });

  it('the page\'s script cannot reach or drive the reader a person opened', async () => {
    const tab = await openArticle(OPERATE_PAGE.servedUrl);
    await openReader(tab, OPERATE_PAGE.servedUrl);
    const settingsBefore = await storedSettings();

    const report = await ff.evaluate<{ host: boolean; root: string; pressed: string[]; hostAfter: boolean }>(tab, ATTACK_OPERATE);
    expect(report.host, 'the page sees that a reader is there (its host is in the document)').toBe(true);
    expect(report.root, 'the page gets no shadow root').toBe('null');
    expect(report.pressed, 'buttons the page pressed in the reader').toEqual([]);
    expect(report.hostAfter, 'synthetic Escape and close requests closed the reader').toBe(true);
    expect(await ff.overlayEvaluate(tab, READER_SHOWN), 'the reader is still open').toBe(true);

    // Even a script that held a node inside the reader: its events are not the person's.
    await ff.overlayEvaluate(
      tab,
      `(root) => {
        const reader = root.querySelector('.oqy-reader');
        reader.querySelector('[data-action="save"]').click();
        reader.querySelector('[data-step="size-more"]').click();
        reader.querySelector('.oqy-close').dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, composed: true }));
        reader.querySelector('.oqy-close').click();
        return true;
      }`,
    );
    // Nothing is to happen: time for a save or a close those events would have started to show.
    await sleep(1_500);
    expect(await ff.overlayEvaluate(tab, `(root) => !!root?.querySelector('.oqy-reader')`), 'untrusted events inside closed the reader').toBe(true);
    expect(await ff.overlayEvaluate(tab, `(root) => root.querySelector('output[data-value="size"]').textContent.trim()`), 'the text size shown').toBe(
      String(settingsBefore?.reader.fontSize ?? 19),
    );

    expect((await library()).articles.map((a) => a.id), 'articles in the library').toEqual([]);
    expect(await storedSettings(), 'the settings').toEqual(settingsBefore);

    // The control: a person's click on Save does save.
    expect(await saveFromReader(tab)).toBe('done');
    expect((await library()).articles.map((a) => a.id)).toEqual([OPERATE_PAGE.url]);
    await ff.closeTab(tab);
  });

  it('a page that takes the reader out of its document, or moves it into its body, gets its body and scrolling back at once, and the reader opens again', async () => {
    const tab = await openArticle(OPERATE_PAGE.servedUrl);
    await openReader(tab, OPERATE_PAGE.servedUrl);
    expect(await ff.evaluate<boolean>(tab, 'document.body.inert'), 'the page under the reader is inert').toBe(true);
    await ff.evaluate(tab, `document.getElementById('oqy-reader-host')?.remove()`);
    await ff
      .waitFor(tab, `!document.body.inert && !document.documentElement.classList.contains('oqy-reading') && getComputedStyle(document.documentElement).overflow !== 'hidden'`, 10_000)
      .catch(() => {
        throw new Error('the page stayed inert or unscrollable after it took the reader out');
      });
    await openReader(tab, OPERATE_PAGE.servedUrl);
    // Moved into the (inert) body, the reader could not be used: it closes as well.
    await ff.evaluate(tab, `document.body.append(document.getElementById('oqy-reader-host'))`);
    await ff.waitFor(tab, `!document.body.inert && !document.documentElement.classList.contains('oqy-reading')`, 10_000).catch(() => {
      throw new Error('the page stayed inert after it moved the reader into its body');
    });
    await ff.closeTab(tab);
  });

  it('auto mode saves nothing by itself: a page making up articles in a loop fills no library', async () => {
    const before = (await library()).articles.map((a) => a.id);
    await setAutoMode(true);
    let tab: string | null = null;
    try {
      // Not openTab: it waits for the page at its address, and this page changes its address.
      tab = (await ff.send<{ context: string }>('browsingContext.create', { type: 'tab' })).context;
      await ff.setViewport(tab, PAGE_SIZE.width, PAGE_SIZE.height);
      await ff.send('browsingContext.navigate', { context: tab, url: AUTO_PAGE.servedUrl, wait: 'none' });
      const report = await ff.waitFor<{ roots: string[]; pressed: number; cycles: number; done: boolean }>(
        tab,
        `window.__attack && window.__attack.done && window.__attack`,
        60_000,
      );
      expect(report.cycles, 'the page made up this many articles').toBe(AUTO_FAKE_PATHS.length);
      expect(report.roots, 'what the page found where the reader was, for the page and each made-up article').toEqual(['null', 'null', 'null', 'null']);
      expect(report.pressed).toBe(0);
      expect(await ff.evaluate<string>(tab, 'location.pathname')).toBe(AUTO_FAKE_PATHS.at(-1));
      expect((await library()).articles.map((a) => a.id), 'the library').toEqual(before);
    } finally {
      if (tab) await ff.closeTab(tab);
      await setAutoMode(false);
    }
  });

  it('a page on another host cannot save itself over a saved article by naming its address', async () => {
    const victim = VICTIM();
    const attacker = OTHER_HOST_PAGE();
    const first = await openArticle(victim.servedUrl);
    await openReader(first, victim.servedUrl);
    expect(await saveFromReader(first)).toBe('done');
    await ff.closeTab(first);
    const saved = (await library()).articles.find((a) => a.id === victim.url);
    expect(saved?.title).toBe('Бейбітшілік пен бірліктің берік тірегі');

    const second = await openArticle(attacker.servedUrl);
    await openReader(second, attacker.servedUrl);
    expect(await saveFromReader(second)).toBe('done');
    await ff.closeTab(second);
    const after = await library();
    const victimAfter = after.articles.find((a) => a.id === victim.url);
    expect(victimAfter?.title, 'the saved article under the victim\'s address').toBe('Бейбітшілік пен бірліктің берік тірегі');
    expect(victimAfter?.savedAt).toBe(saved?.savedAt);
    expect(after.articles.find((a) => a.title === 'Басқа сайттың мақаласы')?.id, 'the other host\'s page, saved under its own address').toBe(attacker.servedUrl);
  });

  it('no image at the reader\'s own machine or network is fetched by the saver or shown in the popup, and no redirect is followed', async () => {
    const images = lanImages(server.port);
    const lan = lanPage(images);
    route(lan);
    server.route(images.redirecting, { status: 302, type: 'text/plain', body: '', headers: { location: images.redirectTarget } });
    const tab = await openArticle(lan.servedUrl);
    const mark = server.requests.length;
    // Read and saved as the popup does (messages from an extension page), without showing the article.
    const result = await forTab<{ images: string[]; saved: { ok: boolean; missing: number } }>(
      lan.servedUrl,
      `async (tab) => {
        const reply = await browser.tabs.sendMessage(tab.id, { type: 'oqy/extract' });
        const saved = await browser.runtime.sendMessage({ type: 'oqy/save', article: reply.article });
        return { images: reply.article.images, saved };
      }`,
    );
    expect(result.images.filter((src) => src.includes('/oqy-lan/')), 'the article\'s images').toEqual([images.redirecting, images.ok]);
    expect(result.saved).toMatchObject({ ok: true, missing: 1 });
    // By path: Firefox upgrades an extension's http requests to https.
    const path = (u: string) => new URL(u).pathname;
    expect(lanRequests(server.requests.slice(mark)).map(path), 'what the saver asked for').toEqual([images.redirecting, images.ok].map(path));
    const stored = (await library()).articles.find((a) => a.id === lan.url);
    expect(stored?.images.filter((i) => i.url.includes('/oqy-lan/')).map((i) => [i.url, i.missing])).toEqual([
      [images.redirecting, true],
      [images.ok, false],
    ]);

    // The popup shows the article without the local images.
    const popupMark = server.requests.length;
    const popup = await ff.openExtensionPage(`src/popup/index.html?url=${encodeURIComponent(lan.servedUrl)}`);
    try {
      await ff.waitFor(popup, `document.querySelector('main.popup')?.dataset.state === 'article'`, 30_000);
      await ff.waitFor(popup, `Array.from(document.querySelectorAll('img')).every((img) => img.complete)`, 15_000);
      const shown = await ff.evaluate<string[]>(popup, `Array.from(document.querySelectorAll('[data-testid="body"] img'), (img) => img.getAttribute('src') ?? '')`);
      expect(shown.filter((src) => src.includes('/oqy-lan/'))).toEqual([images.redirecting, images.ok]);
      const asked = lanRequests(server.requests.slice(popupMark)).map(path);
      const localPaths = images.local.map(path);
      expect(asked.filter((p) => localPaths.includes(p)), 'local images the popup loaded').toEqual([]);
    } finally {
      await ff.closeTab(popup);
      await ff.closeTab(tab);
    }
  });

  it('gives the page less to find Oqy by: no font file at its address, no address in the page', async () => {
    const tab = await openArticle(OPERATE_PAGE.servedUrl);
    await openReader(tab, OPERATE_PAGE.servedUrl);
    const probes = await ff.evaluate<{ font: string; markup: boolean; styles: boolean }>(
      tab,
      `(async () => {
        const tryFetch = (url) => fetch(url).then((r) => 'status ' + r.status, () => 'refused');
        return {
          font: await tryFetch(${js(`${ff.extensionBase}fonts/pt-serif-cyrillic-ext-400-normal.woff2`)}),
          markup: document.documentElement.outerHTML.includes(${js(ff.uuid)}) || document.documentElement.outerHTML.includes('moz-extension:'),
          styles: Array.from(document.styleSheets).some((sheet) => { try { return Array.from(sheet.cssRules, (r) => r.cssText).join('\\n').includes('moz-extension:'); } catch (e) { return false; } }),
        };
      })()`,
    );
    expect(probes).toEqual({ font: 'refused', markup: false, styles: false });
    await ff.waitFor(tab, `document.fonts.load('16px "Oqy Serif"', 'қ').then((fs) => fs.some((f) => f.status === 'loaded'))`, 15_000);
    await ff.closeTab(tab);
  });
});
