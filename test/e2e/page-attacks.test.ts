/**
 * Pages that attack Oqy itself, in each browser with the built extension (test/hostile/attacks.ts):
 *
 *   1. the page's own script drives the in-page reader a person opened: Save, settings, close;
 *   2. with auto mode on and no click, a page makes up three articles (title, og:url,
 *      pushState) and presses Save in each reader;
 *   3. a page on another host names a saved article's address as its own and is saved;
 *   4. article images on the reader's own machine and network, and a public image that
 *      redirects there: shown in the popup, fetched by the saver (every request of both
 *      browsers, https included, reaches the fixture server: test/harness/hostile-steps.ts);
 *   5. a public name that resolves to loopback (Chromium's Local Network Access checks on);
 *   6. the page looks for Oqy: its font files at the extension's address, the address in the page.
 *
 * Each is something that happened with the extension as it was; each test says what must hold.
 * Needs `npm run build` first.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startFixtureServer, type FixtureServer } from '../harness/fixture-server.ts';
import { BROWSERS, OPTIONS_PATH, pollUntil, type Driver, type Tab } from '../harness/driver.ts';
import { DUMP_LIBRARY, type LibraryDump } from '../harness/library-check.ts';
import { READER_FONTS_SETTLED } from '../harness/reader-fonts.ts';
import { asWritten, blankTab, goNoWait, launchForHostile, type HostileBrowser } from '../harness/hostile-steps.ts';
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
import enMessages from '../../public/_locales/en/messages.json';

const TITLE_READY = enMessages.actionTitleReady.message;
const PAGE_SIZE = { width: 1100, height: 800 };
const REBIND_HOST = 'intranet.example.test';
/** The variables that point each browser at another build, to see a test fail against the build before its defence. */
const ATTACK_BUILDS = { chromium: 'OQY_ATTACKS_CHROME_DIST', firefox: 'OQY_ATTACKS_FIREFOX_DIST' } as const;
const VICTIM_TITLE = 'Бейбітшілік пен бірліктің берік тірегі';
/** An image at a public-looking name that resolves to loopback (the fixture server). */
const REBIND_IMAGE = `http://${REBIND_HOST}/storage/oqy-lan/rebind.png`;
const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

interface ReaderSettings {
  reader: { fontSize: number; theme: string };
}

describe.each(BROWSERS)('a page against Oqy, in %s', (browserName) => {
  let server: FixtureServer;
  let launched: HostileBrowser;
  let browser: Driver;

  const route = (p: AttackPage) => server.route(p.servedUrl, { type: 'text/html; charset=utf-8', body: p.html });

  /** An article with REBIND_IMAGE among its images, served. */
  function rebindPage(): AttackPage {
    const p = lanPage({ ...lanImages(server.port), local: [] }, [REBIND_IMAGE], '/news/oqy-attack-rebind-3000005');
    route(p);
    return p;
  }

  /** Tabs the tests opened: closed after each test, passed or failed, so none is left to the next at the same address. */
  const openedTabs: Tab[] = [];

  /** Opens `url` in `on` (default: the browser of this run) and waits until Oqy takes it for an article. */
  async function openArticle(url: string, on: Driver = browser): Promise<Tab> {
    const tab = await on.openTab(url, { viewport: PAGE_SIZE });
    openedTabs.push(tab);
    await on.waitForToolbarTitle(tab, [TITLE_READY], 20_000);
    return tab;
  }

  /** Opens the reader over the tab as the keyboard shortcut does (the background's message to the tab). */
  async function openReader(tab: Tab): Promise<void> {
    await browser.inExtension((api, id: number) => api.tabs.sendMessage(id, { type: 'oqy/reader', action: 'open' }), await tab.id());
    await tab.bringToFront();
    await tab.reader.waitFor((root) => !!root?.querySelector('.oqy-reader [data-testid="title"]'), undefined, { timeoutMs: 15_000, what: 'the reader over the page' });
    await pollUntil(() => tab.evaluateSource<boolean>(READER_FONTS_SETTLED), { timeoutMs: 15_000, what: "the reader's fonts" });
  }

  /** Runs `fn(page)` in an extension page of its own (the options page), closed after. */
  async function inExtensionPage<T>(fn: (page: Tab) => Promise<T>): Promise<T> {
    const page = await browser.openExtensionPage(OPTIONS_PATH);
    try {
      return await fn(page);
    } finally {
      await page.close();
    }
  }

  const library = () => inExtensionPage((page) => page.evaluateSource<LibraryDump>(DUMP_LIBRARY));
  const storedSettings = () => browser.inExtension(async (api) => (await api.storage.sync.get('settings')).settings as ReaderSettings | undefined);

  /** Presses Save in the reader over the tab with a real click, and waits until the reader says how it went. */
  async function saveFromReader(tab: Tab): Promise<string> {
    await tab.reader.click('[data-action="save"]');
    return tab.reader.waitFor(
      (root) => {
        const s = root?.querySelector('.oqy-save-status')?.getAttribute('data-save-state');
        return s === 'done' || s === 'failed' ? s : '';
      },
      undefined,
      { timeoutMs: 30_000, what: 'the save' },
    );
  }

  /** Turns auto mode for Qazaq24 on or off, and waits until its content script is (un)registered. */
  async function setAutoMode(on: boolean): Promise<void> {
    await browser.inExtension(async (api, value: boolean) => {
      const stored = ((await api.storage.sync.get('settings')).settings ?? { version: 2 }) as Record<string, unknown>;
      await api.storage.sync.set({ settings: { ...stored, autoMode: { qazaq24: value, sites: [] } } });
      return true;
    }, on);
    await pollUntil(
      async () => {
        const ids = await browser.inExtension(async (api) => ((await api.scripting.getRegisteredContentScripts()) as Array<{ id: string }>).map((s) => s.id));
        return ids.includes('oqy-auto') === on;
      },
      { timeoutMs: 10_000, what: `auto mode to ${on ? 'register' : 'unregister'} its content script` },
    );
  }

  /** The popup for the tab, in the article state, its images loaded or failed. */
  async function articlePopup(target: Tab, on: Driver = browser): Promise<Tab> {
    const popup = await on.openPopup(target);
    await popup.waitFor(() => document.querySelector<HTMLElement>('main.popup')?.dataset['state'] === 'article', undefined, { timeoutMs: 30_000, what: 'the popup to show the article' });
    await popup.waitFor(() => Array.from(document.querySelectorAll('img')).every((img) => img.complete), undefined, { timeoutMs: 15_000, what: "the popup's images" });
    return popup;
  }

  beforeAll(async () => {
    server = await startFixtureServer();
    for (const p of [OPERATE_PAGE, AUTO_PAGE, VICTIM(), OTHER_HOST_PAGE()]) route(p);
    launched = await launchForHostile(browserName, server, ['router.lan', 'printer.local', REBIND_HOST], { builds: ATTACK_BUILDS });
    browser = launched.browser;
  });

  afterEach(async () => {
    for (const tab of openedTabs.splice(0)) if (await tab.isOpen().catch(() => false)) await tab.close().catch(() => undefined);
  });

  afterAll(async () => {
    await launched?.close();
    await server?.close();
  });

  it("the page's script cannot reach or drive the reader a person opened", async () => {
    const tab = await openArticle(OPERATE_PAGE.servedUrl);
    await openReader(tab);
    const settingsBefore = await storedSettings();

    const report = await tab.evaluateSource<{ host: boolean; root: string; pressed: string[]; hostAfter: boolean }>(ATTACK_OPERATE);
    expect(report.host, 'the page sees that a reader is there (its host is in the document)').toBe(true);
    expect(report.root, 'the page gets no shadow root').toBe('null');
    expect(report.pressed, 'buttons the page pressed in the reader').toEqual([]);
    expect(report.hostAfter, 'synthetic Escape and close requests closed the reader').toBe(true);
    expect(await tab.reader.evaluate((root) => !!root?.querySelector('.oqy-reader [data-testid="title"]')), 'the reader is still open').toBe(true);

    // Even a script that held a node inside the reader: its events are not the person's.
    await tab.reader.evaluate((root) => {
      const reader = root!.querySelector('.oqy-reader')!;
      (reader.querySelector('[data-action="save"]') as HTMLElement).click();
      (reader.querySelector('[data-step="size-more"]') as HTMLElement).click();
      reader.querySelector('.oqy-close')!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, composed: true }));
      (reader.querySelector('.oqy-close') as HTMLElement).click();
      return true;
    });
    // Nothing is to happen: a window for a save or a close those events would have started to show.
    await sleep(1_500);
    expect(await tab.reader.evaluate((root) => !!root?.querySelector('.oqy-reader')), 'untrusted events inside closed the reader').toBe(true);
    expect((await tab.reader.text('output[data-value="size"]'))?.trim(), 'the text size shown').toBe(String(settingsBefore?.reader.fontSize ?? 19));

    expect((await library()).articles.map((a) => a.id), 'articles in the library').toEqual([]);
    expect(await storedSettings(), 'the settings').toEqual(settingsBefore);

    // The control: a person's click on Save does save.
    expect(await saveFromReader(tab)).toBe('done');
    expect((await library()).articles.map((a) => a.id)).toEqual([OPERATE_PAGE.url]);
    await tab.close();
  });

  it('a page that takes the reader out of its document, or moves it into its body, gets its body and scrolling back at once, and the reader opens again', async () => {
    const tab = await openArticle(OPERATE_PAGE.servedUrl);
    await openReader(tab);
    expect(await tab.evaluate(() => document.body.inert), 'the page under the reader is inert').toBe(true);
    await tab.evaluate(() => document.getElementById('oqy-reader-host')?.remove());
    await tab.waitFor(
      () => !document.body.inert && !document.documentElement.classList.contains('oqy-reading') && getComputedStyle(document.documentElement).overflow !== 'hidden',
      undefined,
      { timeoutMs: 10_000, what: 'the page to be neither inert nor unscrollable after it took the reader out' },
    );
    await openReader(tab);
    // Moved into the (inert) body, the reader could not be used: it closes as well.
    await tab.evaluate(() => document.body.append(document.getElementById('oqy-reader-host')!));
    await tab.waitFor(() => !document.body.inert && !document.documentElement.classList.contains('oqy-reading'), undefined, {
      timeoutMs: 10_000,
      what: 'the page not to be inert after it moved the reader into its body',
    });
    await tab.close();
  });

  it('auto mode saves nothing by itself: a page making up articles in a loop fills no library', async () => {
    const before = (await library()).articles.map((a) => a.id);
    await setAutoMode(true);
    // Not openTab: it waits for the page at its address, and this page changes its address.
    const tab = await blankTab(browser, PAGE_SIZE);
    try {
      await goNoWait(tab, AUTO_PAGE.servedUrl);
      const report = await tab.waitFor(
        () => {
          const attack = (window as unknown as { __attack?: { roots: string[]; pressed: number; cycles: number; done: boolean } }).__attack;
          return attack?.done ? attack : null;
        },
        undefined,
        { timeoutMs: 60_000, what: 'the page to have made up its articles' },
      );
      expect(report!.cycles, 'the page made up this many articles').toBe(AUTO_FAKE_PATHS.length);
      expect(report!.roots, 'what the page found where the reader was, for the page and each made-up article').toEqual(['null', 'null', 'null', 'null']);
      expect(report!.pressed).toBe(0);
      expect(await tab.url()).toBe(`http://qazaq24.com${AUTO_FAKE_PATHS.at(-1)}`);
      expect((await library()).articles.map((a) => a.id), 'the library').toEqual(before);
    } finally {
      await tab.close();
      await setAutoMode(false);
    }
  });

  it('a page on another host cannot save itself over a saved article by naming its address', async () => {
    const victim = VICTIM();
    const attacker = OTHER_HOST_PAGE();
    const first = await openArticle(victim.servedUrl);
    await openReader(first);
    expect(await saveFromReader(first)).toBe('done');
    await first.close();
    const saved = (await library()).articles.find((a) => a.id === victim.url);
    expect(saved?.title).toBe(VICTIM_TITLE);

    const second = await openArticle(attacker.servedUrl);
    await openReader(second);
    expect(await saveFromReader(second)).toBe('done');
    await second.close();
    const after = await library();
    const victimAfter = after.articles.find((a) => a.id === victim.url);
    expect(victimAfter?.title, "the saved article under the victim's address").toBe(VICTIM_TITLE);
    expect(victimAfter?.savedAt).toBe(saved?.savedAt);
    expect(after.articles.find((a) => a.title === 'Басқа сайттың мақаласы')?.id, "the other host's page, saved under its own address").toBe(attacker.servedUrl);
  });

  it("no image at the reader's own machine or network is fetched by the saver or shown in the popup, and no redirect is followed", async () => {
    const images = lanImages(server.port);
    const lan = lanPage(images);
    route(lan);
    server.route(images.redirecting, { status: 302, type: 'text/plain', body: '', headers: { location: images.redirectTarget } });
    const tab = await openArticle(lan.servedUrl);
    const reply = await browser.inExtension(
      (api, id: number) => api.tabs.sendMessage(id, { type: 'oqy/extract' }) as Promise<{ ok: boolean; article: { images: string[] } }>,
      await tab.id(),
    );
    expect(reply.ok).toBe(true);
    expect(reply.article.images.filter((src) => src.includes('/oqy-lan/')), "the article's images").toEqual([images.redirecting, images.ok]);

    // Saved as the popup saves (a message from an extension page), without showing the article.
    // Requests are compared as written: Firefox upgrades an extension's http requests to https.
    let mark = server.requests.length;
    const saved = await inExtensionPage((page) =>
      page.evaluate((article) => {
        type Api = { runtime: { sendMessage(m: unknown): Promise<{ ok: boolean; missing: number }> } };
        const g = globalThis as unknown as { browser?: Api; chrome: Api };
        return (g.browser ?? g.chrome).runtime.sendMessage({ type: 'oqy/save', article });
      }, reply.article),
    );
    expect(saved).toMatchObject({ ok: true, missing: 1 });
    // The saver fetches a page's images side by side, so they arrive in either order.
    expect(lanRequests(server.requests.slice(mark)).map(asWritten).sort(), 'what the saver asked for').toEqual([images.redirecting, images.ok].sort());
    const stored = (await library()).articles.find((a) => a.id === lan.url);
    expect(stored?.images.filter((i) => i.url.includes('/oqy-lan/')).map((i) => [i.url, i.missing])).toEqual([
      [images.redirecting, true],
      [images.ok, false],
    ]);

    // The popup shows the article without the local images.
    mark = server.requests.length;
    const popup = await articlePopup(tab);
    try {
      const shown = await popup.evaluate(() => Array.from(document.querySelectorAll('[data-testid="body"] img'), (img) => img.getAttribute('src') ?? ''));
      expect(shown.filter((src) => src.includes('/oqy-lan/'))).toEqual([images.redirecting, images.ok]);
      const asked = lanRequests(server.requests.slice(mark)).map(asWritten);
      expect(asked.filter((r) => images.local.includes(r)), 'local images the popup loaded').toEqual([]);
      expect(asked).toContain(images.ok);
    } finally {
      await popup.close();
      await tab.close();
    }
  });

  it('the control for Local Network Access: with the checks off, the popup loads an image from a public name that resolves to loopback', async () => {
    const p = rebindPage();
    const tab = await openArticle(p.servedUrl);
    const mark = server.requests.length;
    const popup = await browser.openPopup(tab);
    const asked = () => lanRequests(server.requests.slice(mark)).map(asWritten).filter((r) => r === REBIND_IMAGE);
    await pollUntil(async () => asked().length > 0, { timeoutMs: 30_000, what: 'the popup, checks off, to load the image' });
    expect(asked()).toEqual([REBIND_IMAGE]);
    await popup.close();
    await tab.close();
  });

  // Chromium only: the Local Network Access checks are Chromium's (Firefox has none to turn on),
  // and Firefox here sends every request to the fixture server as its proxy, so it never
  // resolves a name itself.
  it.runIf(browserName === 'chromium')('with Local Network Access checks on, a public name that resolves to loopback is neither shown in the popup nor fetched', async () => {
    const p = rebindPage();
    const strict = (await launchForHostile(browserName, server, [REBIND_HOST], { localNetworkAccessChecks: true, builds: ATTACK_BUILDS })).browser;
    try {
      const tab = await openArticle(p.servedUrl, strict);
      const mark = server.requests.length;
      const popup = await articlePopup(tab, strict);
      await popup.click('[data-action="save"]');
      const state = await popup.waitFor(
        () => {
          const s = document.querySelector('.save-status')?.getAttribute('data-save-state');
          return (s === 'done' || s === 'failed') && s;
        },
        undefined,
        { timeoutMs: 30_000, what: 'the save' },
      );
      expect(state).toBe('done');
      expect(lanRequests(server.requests.slice(mark)).filter((r) => r === REBIND_IMAGE), 'requests for the image, checks on').toEqual([]);
    } finally {
      await strict.close();
    }
  });

  it('gives the page less to find Oqy by: no web-accessible file, no font file at its address, no address in the page', async () => {
    const manifest = await browser.inExtension((api) => api.runtime.getManifest() as { web_accessible_resources?: unknown[] });
    expect(manifest.web_accessible_resources ?? []).toEqual([]);
    const tab = await openArticle(OPERATE_PAGE.servedUrl);
    await openReader(tab);
    const base = browser.extensionBase;
    const probes = await tab.evaluate(
      async (a) => {
        const tryFetch = (url: string) => fetch(url).then((r) => `status ${r.status}`, () => 'refused');
        const html = document.documentElement.outerHTML;
        return {
          font: await tryFetch(`${a.base}fonts/pt-serif-cyrillic-ext-400-normal.woff2`),
          markup: html.includes(a.host) || html.includes(a.scheme),
          styles: Array.from(document.styleSheets).some((sheet) => {
            try {
              return Array.from(sheet.cssRules, (r) => r.cssText).join('\n').includes(a.scheme);
            } catch {
              return false;
            }
          }),
        };
      },
      { base, host: new URL(base).host, scheme: new URL(base).protocol },
    );
    expect(probes).toEqual({ font: 'refused', markup: false, styles: false });
    // The reader still has its own fonts, loaded without an address.
    await pollUntil(async () => (await tab.evaluate(async () => (await document.fonts.load('16px "Oqy Serif"', 'қ')).filter((f) => f.status === 'loaded').length)) >= 1, {
      timeoutMs: 15_000,
      what: 'the bundled serif face, loaded from bytes',
    });
    await tab.close();
  });
});
