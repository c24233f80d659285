/**
 * Auto reader mode, used the way a reader uses it, in each browser: off at first; switched on
 * with a real click on the popup's checkbox; then articles open straight in the reader and home
 * pages stay as they are; "Show the original page" (a click, or Esc) holds until a reload, and
 * when only the #fragment changes; Back and Forward, and a site that changes page with
 * history.pushState; another site added by typing its name in the options, read, and removed
 * again, with bad patterns explained. Whether anything of the page shows before the reader
 * covers it is measured in the page itself, at every animation frame, by a probe that runs in
 * each new document before the page's own scripts (auto-probes.ts frameProbe): on fast pages,
 * stalled ones, a slow network, pages whose stylesheets aim at Oqy's host, and pages that fight
 * the frame. The reader's paint times are measured against the page's own with auto mode off.
 *
 * The fixture pages are served at their real addresses (qazaq24.com and news.example.test go to
 * a local server). Screenshots and the probes' accounts go to test-output/<browser>/auto-*.
 * The tests of a browser share one profile and run in order: the settings one test makes are
 * what the next finds. Where the browsers are driven differently, auto-steps.ts says how.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fixtureLookup, startFixtureServer, type FixtureServer } from '../harness/fixture-server.ts';
import { BROWSERS, OPTIONS_PATH, launchDriver, pollUntil, type Driver, type Tab } from '../harness/driver.ts';
import { AUTO_SCRIPT_ID } from '../harness/chromium-auto.ts';
import {
  FIGHTING_PAGES,
  HOSTILE,
  TEXT_STRIP_PX,
  frameProbe,
  hostilePage,
  median,
  readerPaintProbe,
  serveImagesLate,
  tickerSeen,
  type FrameProbeRecord,
  type FrameRecord,
  type ReaderPaint,
} from '../harness/auto-probes.ts';
import {
  allowSiteAccess,
  autoScriptMatches,
  builtExtension,
  hasHostPermission,
  historyBack,
  loadingFrames,
  openFreshTab,
  openProbedTab,
  readFrameProbe,
  readPaintProbe,
  recordScreencast,
  registeredScripts,
  startGoto,
  PAGE_VIEWPORT,
} from '../harness/auto-steps.ts';
import enMessages from '../../public/_locales/en/messages.json';
import { otherSitePage } from '../harness/other-site-page.ts';

type Catalog = Record<string, { message: string }>;
const en = (key: keyof typeof enMessages) => (enMessages as Catalog)[key]!.message;

interface ArticleGold {
  title: string;
  text: string[];
  mustNotContain: string[];
}

interface AutoMode {
  qazaq24: boolean;
  sites: string[];
}

const QAZAQ24_MATCHES = ['*://*.qazaq24.com/*', '*://qazaq24.com/*'];
const ARTICLES = ['article-unity-kk', 'article-eagle-kk', 'article-writer-kk', 'article-dollar-ru'];
const A = 'article-unity-kk';
const B = 'article-eagle-kk';
const POPUP_VIEWPORT = { width: 460, height: 640 };

/** Another site, added to auto mode by its pattern. */
const OTHER_HOST = 'news.example.test';
const OTHER_PATTERN = `*://${OTHER_HOST}/*`;
const OTHER_URL = `http://${OTHER_HOST}/2026/03/felt-makers-of-the-steppe.html`;
const OTHER_TITLE = 'Felt makers of the steppe keep an old craft alive';
const OTHER_CHROME = 'Sign up for the morning briefing';
const OTHER_PARAGRAPHS = [
  'In a workshop on the edge of the village, four women roll wet wool inside a reed mat for most of the morning, pressing it with their forearms until the fibres lock together into a sheet of felt as thick as a finger.',
  'The patterns are laid out first in dyed wool on the mat: rams\u2019 horns, running water and the eight-pointed star that their grandmothers used, each colour pulled from a basket by feel rather than by sight.',
  'A large carpet takes the workshop three weeks, and most are ordered for weddings. The makers say that the young couples who order them now ask for the old patterns more often than they did ten years ago.',
  'The regional museum has begun to record the names the makers give to each pattern, with the stories that come with them, so that the words are kept even where the carpets themselves wear out.',
  'Next summer the workshop will take four apprentices from the town\u2019s college, who will learn to sort, wash, dye and roll the wool before they are allowed to lay out a pattern of their own.',
];
const OTHER_PAGE = otherSitePage({ site: 'Steppe Weekly', title: OTHER_TITLE, byline: 'By D. Sadyqova, 3 March 2026', sections: ['Region', 'Crafts', 'Sport'], paragraphs: OTHER_PARAGRAPHS, chrome: OTHER_CHROME });

/** The home page's ticker headline that, clicked, opens article B (served at that address too). */
const LINKED_B_URL = 'http://qazaq24.com/news/n16';
/** Longer than two of the auto script's once-a-second checks of the address. */
const PAST_ADDRESS_CHECKS_MS = 2_600;
/** How long article pages stall before their content (after the ticker) in the stall tests. */
const STALLS_MS = [1_500, 5_000];
/** The stall while the person leaves for the original page. */
const LEAVE_STALL_MS = 4_000;
/** The stall of the pages with hostile stylesheets: the ticker is parsed and could show meanwhile. */
const HOSTILE_STALL_MS = 700;
/** The pause of the "slow network": each article comes in two parts, the ticker in the first. */
const SLOW_NETWORK_PAUSE_MS = 700;
/** How late article images come in the paint test (a slow image server). */
const IMAGE_DELAY_MS = 3_000;

/** Article writer-kk served at an address of its own, stalling `pauseMs` before its <main>. */
const slowUrl = (pauseMs: number) => `http://qazaq24.com/news/slow-${pauseMs}-article-${1099000 + pauseMs}`;
/**
 * A gate a served page's stall waits on: opened by the test once it has seen what it looks for
 * while the page loads (and in its `finally`); a minute at most, so a failed test holds no stall.
 */
function testGate(): { opened: Promise<void>; open(): void } {
  let open = () => {};
  const opened = new Promise<void>((done) => {
    open = done;
    setTimeout(done, 60_000).unref();
  });
  return { opened, open };
}

const fixture = fixtureLookup();

const goldOf = (name: string) => fixture(name).gold as unknown as ArticleGold;
const collapse = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, ' ').trim();
/** The first ticker headline (the first thing the site shows above an article), kk and ru. */
const TICKER_KK = goldOf(A).mustNotContain[0]!;
const TICKER_RU = goldOf('article-dollar-ru').mustNotContain[0]!;
/** Every headline of article A's ticker, top to bottom (the fixture's markup, known to the test only). */
const TICKER_ALL_KK = [...fixture(A).html.matchAll(/class="ticker__link"[^>]*>([^<]+)</g)].map((m) => collapse(m[1]!));
/** The label of "Show the original page", in the loading frame and in the reader. */
const SHOW_ORIGINAL = `\u2190 ${en('readerShowOriginal')}`;

/** A short account of probe frames, one line each, for failure messages and the record. */
const summary = (frames: FrameRecord[]) =>
  frames.map(
    (f) =>
      `${f.t.toFixed(0)}ms ${f.readyState} html:${f.htmlHidden ? 'hidden' : 'shown'} host:${f.host ? `${f.loading ? 'frame' : 'reader'},${f.hostCovers ? 'covers' : 'partial'}` : '-'}` +
      ` reader:${f.host ? (f.readerCovers ? 'paints-all' : 'paints-part') : '-'}` +
      ` first-ticker:${tickerSeen(f) ? 'SEEN' : f.tickerInDom ? 'in-dom' : '-'} ticker-headlines-seen:${f.headlinesSeen}/${TICKER_ALL_KK.length}`,
  );
const account = (label: string, probe: FrameProbeRecord) =>
  `${label}, DOMContentLoaded at ${probe.dcl?.toFixed(0)} ms, first ticker headline in the document at ${probe.tickerArrived ? `${probe.tickerArrived.t.toFixed(0)} ms (${probe.tickerArrived.host ? 'under the frame' : 'no frame'})` : '-'}:\n${summary(probe.frames).join('\n')}`;

describe.each(BROWSERS)('Oqy auto reader mode in %s', (browserName) => {
  const OUT = resolve(import.meta.dirname, `../../test-output/${browserName}`);
  let server: FixtureServer;
  let browser: Driver;
  /** The article opened while auto mode was off, kept open until it is on. */
  let openedBefore: Tab;
  /** Probe records, measured by one test and checked by a later one. */
  let autoFrames: FrameRecord[] | null = null;
  /** Times measured, printed at the end (not asserted: the machine may be busy). */
  const timings: string[] = [];

  const storedAutoMode = () =>
    browser.inExtension(async (api) => ((await api.storage.sync.get('settings')).settings as { autoMode?: AutoMode } | undefined)?.autoMode);

  /** Waits until the auto script's registration has these match patterns (null: none registered). */
  async function expectAutoMatches(want: string[] | null): Promise<void> {
    await expect.poll(() => autoScriptMatches(browser), { timeout: 15_000, message: 'the auto script\'s match patterns' }).toEqual(want === null ? null : [...want].sort());
  }

  /** What the tab shows: the reader's host, the veil, <html>, the page's state, and the reader's title and button. */
  async function view(tab: Tab) {
    const page = await tab.evaluate(() => ({
      hosts: document.querySelectorAll('#oqy-reader-host').length,
      veil: !!document.getElementById('oqy-veil'),
      html: getComputedStyle(document.documentElement).visibility,
      reading: document.documentElement.classList.contains('oqy-reading'),
      loading: document.getElementById('oqy-reader-host')?.getAttribute('aria-busy') === 'true',
      inert: document.body?.inert ?? null,
      // The page's own text: drawn, or skipped under the reader...
      textDrawn: document.querySelector('body p')?.checkVisibility() ?? null,
      // ...and, drawn or not, a page script asking for its size gets one.
      textHeight: document.querySelector('body p')?.getBoundingClientRect().height ?? 0,
      url: location.href,
      historyLength: history.length,
    }));
    const reader = await tab.reader
      .evaluate((root) => {
        const panel = root?.querySelector('.oqy-reader');
        const box = panel?.getBoundingClientRect();
        return {
          title: root?.querySelector('.oqy-reader h1[data-testid="title"]')?.textContent?.replace(/\s+/g, ' ').trim() ?? null,
          shown: !!panel && !!box && box.width > 0 && box.height > 0 && getComputedStyle(panel).visibility === 'visible',
          closeLabel: root?.querySelector('.oqy-reader .oqy-close')?.textContent?.replace(/\s+/g, ' ').trim() ?? null,
        };
      })
      .catch(() => ({ title: null, shown: false, closeLabel: null }));
    return { ...page, ...reader };
  }

  /**
   * What a stalled tab shows when the frame was not found, for the failure's message: the tab's
   * address and state, the host and its frame, what the frame probe counted, and the auto
   * script's registration.
   */
  async function stalledState(tab: Tab): Promise<string> {
    const said = (p: Promise<unknown>) => p.then((v) => JSON.stringify(v), (e: unknown) => `(could not read: ${(e as Error)?.message ?? e})`);
    const page = await said(
      tab.evaluate(() => {
        const host = document.getElementById('oqy-reader-host');
        const frames = (window as unknown as { __oqyFrames?: { loading: boolean; host: boolean }[] }).__oqyFrames;
        return {
          url: location.href,
          readyState: document.readyState,
          visibility: document.visibilityState,
          hosts: document.querySelectorAll('#oqy-reader-host').length,
          hostParent: host?.parentNode?.nodeName ?? null,
          busy: host?.getAttribute('aria-busy') ?? null,
          htmlClass: document.documentElement.className,
          bodyParsed: !!document.body,
          probeFrames: frames ? { all: frames.length, withHost: frames.filter((f) => f.host).length, loading: frames.filter((f) => f.loading).length } : 'no probe',
        };
      }),
    );
    const frame = await said(tab.reader.evaluate((root) => (root ? { frame: !!root.querySelector('.frame'), what: root.querySelector('.frame .what')?.textContent ?? null } : 'no shadow root found')));
    const registered = await said(autoScriptMatches(browser));
    return `page: ${page}\nframe: ${frame}\nauto script matches: ${registered}`;
  }

  /** The reader is up over the page with this title, and the page under it is no longer veiled. */
  /**
   * `pageUnseen`: the reader came over a page covered from its start (a load), whose body is then
   * not drawn under it; a reader that follows the site's own page change comes over a page
   * already drawn, which stays so.
   */
  async function expectReader(tab: Tab, title: string, { timeoutMs = 15_000, pageUnseen = true } = {}): Promise<void> {
    await expect.poll(async () => (await view(tab)).title, { timeout: timeoutMs, message: `reader title on ${await tab.url()}` }).toBe(title);
    const shown = await view(tab);
    expect(shown).toMatchObject({ hosts: 1, veil: false, html: 'visible', reading: true, loading: false, inert: true, shown: true, closeLabel: SHOW_ORIGINAL });
    // The page under the reader is not laid out or painted (that work would take the reader's thread)...
    expect(shown.textDrawn, 'the page drawn under the reader').toBe(!pageUnseen);
    // ...yet its scripts still get real sizes when they ask.
    expect(shown.textHeight, 'a page paragraph measured under the reader').toBeGreaterThan(0);
  }

  /** Whether `text` (exactly, in one element) is on screen: rendered, in the viewport, nothing over it. */
  const onScreen = (tab: Tab, text: string) =>
    tab.evaluate((wanted: string) => {
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        if ((n.nodeValue ?? '').replace(/\s+/g, ' ').trim() !== wanted) continue;
        const el = n.parentElement!;
        if (!el.checkVisibility({ opacityProperty: true, visibilityProperty: true })) continue;
        const range = document.createRange();
        range.selectNodeContents(n);
        const box = Array.from(range.getClientRects()).find((r) => r.width > 0 && r.height > 0 && r.bottom > 0 && r.top < innerHeight && r.left < innerWidth);
        if (!box) continue;
        const top = document.elementFromPoint(Math.max(box.left + Math.min(box.width, 40) / 2, 0), box.top + box.height / 2);
        if (top && (top === el || el.contains(top))) return true;
      }
      return false;
    }, text);

  /**
   * Watches the tab in the page itself (every 50 ms) for `ms`; returns every moment it was not
   * shown as the site serves it: a reader host (the reader or its frame), the veil, a hidden
   * root, the reading class.
   */
  const notOriginal = (tab: Tab, ms: number) =>
    tab.evaluate(
      (forMs: number) =>
        new Promise<string[]>((done) => {
          const bad: string[] = [];
          const started = performance.now();
          const look = () => {
            const at = `${Math.round(performance.now() - started)} ms`;
            if (document.getElementById('oqy-reader-host')) bad.push(`${at}: reader`);
            if (document.getElementById('oqy-veil')) bad.push(`${at}: veil`);
            if (getComputedStyle(document.documentElement).visibility !== 'visible') bad.push(`${at}: hidden`);
            if (document.documentElement.classList.contains('oqy-reading')) bad.push(`${at}: reading class`);
            if (performance.now() - started >= forMs) done(bad);
            else setTimeout(look, 50);
          };
          look();
        }),
      ms,
    );

  /**
   * The page is shown as the site serves it, and stays so for `forMs` (the auto script, if it
   * runs, has decided), with `text` (a headline) on screen and the page not inert.
   */
  async function expectOriginal(tab: Tab, text: string, forMs = 800): Promise<void> {
    await tab.waitFor(() => document.readyState === 'complete' && !document.getElementById('oqy-reader-host'), undefined, { timeoutMs: 20_000, what: 'the page loaded, no reader over it' });
    expect(await notOriginal(tab, forMs), `the page ${await tab.url()} as served`).toEqual([]);
    expect(await tab.evaluate(() => document.body.inert), 'the page is not inert').toBe(false);
    expect(await onScreen(tab, text), `"${text}" on screen`).toBe(true);
  }

  async function openOptions(): Promise<Tab> {
    const options = await browser.openExtensionPage(OPTIONS_PATH, undefined, { viewport: PAGE_VIEWPORT });
    await options.waitForSelector('input[name="autoQazaq24"]', { timeoutMs: 15_000, what: 'the options page' });
    return options;
  }

  const checked = (tab: Tab, selector: string) => tab.evaluate((s: string) => (document.querySelector(s) as HTMLInputElement).checked, selector);

  /** Runs `work` with auto mode for Qazaq24 switched off in the options (as a person does it), and switches it on again. */
  async function withAutoOff(work: () => Promise<void>): Promise<void> {
    const options = await openOptions();
    const auto = 'input[name="autoQazaq24"]';
    expect(await checked(options, auto)).toBe(true);
    await options.click(auto);
    await expectAutoMatches(null);
    expect(await storedAutoMode()).toEqual({ qazaq24: false, sites: [] });
    try {
      await work();
    } finally {
      await options.bringToFront();
      if (!(await checked(options, auto))) await options.click(auto);
      await expectAutoMatches(QAZAQ24_MATCHES);
      expect(await checked(options, auto)).toBe(true);
      await options.close();
    }
  }

  /**
   * A new tab with the frame probe from its first document on, sent to `url`; returns the tab
   * and what the probe recorded (it stops a few frames after the reader painted, or at `limitMs`).
   */
  /** `beforeGoto`: called with the probed tab before it goes to `url` (to hold the page's stall on its frames). */
  async function probedVisit(url: string, limitMs: number, headline = TICKER_KK, beforeGoto?: (tab: Tab) => void): Promise<{ tab: Tab; probe: FrameProbeRecord }> {
    const tab = await openProbedTab(browser, { fn: frameProbe, arg: { headline, headlines: TICKER_ALL_KK, limitMs, afterReaderFrames: 5 } });
    try {
      beforeGoto?.(tab);
      await startGoto(tab, url);
      return { tab, probe: await readFrameProbe(tab, limitMs + 30_000) };
    } catch (e) {
      await tab.close();
      throw e;
    }
  }

  /** Opens `url` in a new tab with the paint probe (auto-probes.ts readerPaintProbe), waits until `done` holds for it, and closes the tab. */
  async function paintOf(url: string, done: (p: ReaderPaint) => boolean): Promise<ReaderPaint> {
    const tab = await openProbedTab(browser, { fn: readerPaintProbe, arg: { textStrip: TEXT_STRIP_PX } });
    try {
      await startGoto(tab, url);
      return await readPaintProbe(tab, done, url);
    } finally {
      await tab.close();
    }
  }

  /** Serves `body` at `url` and waits for the reader over it. */
  async function readerOnServed(url: string, body: string): Promise<void> {
    server.route(url, { type: 'text/html; charset=utf-8', body });
    const tab = await browser.openTab(url, { viewport: PAGE_VIEWPORT });
    try {
      await expectReader(tab, goldOf(A).title);
    } finally {
      await tab.close();
    }
  }

  beforeAll(async () => {
    mkdirSync(OUT, { recursive: true });
    server = await startFixtureServer();
    server.route(OTHER_URL, { type: 'text/html; charset=utf-8', body: OTHER_PAGE });
    server.route(LINKED_B_URL, { type: 'text/html; charset=utf-8', body: fixture(B).html });
    const slow = fixture('article-writer-kk').html;
    const cut = slow.indexOf('<main');
    if (cut < 0 || cut < slow.indexOf('class="ticker"')) throw new Error('article-writer-kk has no <main> after its ticker to stall before');
    for (const pauseMs of STALLS_MS) server.route(slowUrl(pauseMs), { type: 'text/html; charset=utf-8', body: slow, pauses: [{ at: cut, pauseMs }] });
    browser = await launchDriver(browserName, { server, extraHosts: [OTHER_HOST] });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (timings.length) console.log(`${browserName} auto mode, times (measured, not asserted):\n  ${timings.join('\n  ')}`);
  });

  it('is off at first: an article shows as the site serves it, and no script is registered', async () => {
    expect((await storedAutoMode())?.qazaq24 ?? false).toBe(false);
    expect(await registeredScripts(browser)).toEqual([]);
    openedBefore = await browser.openTab(fixture(A).servedUrl, { viewport: PAGE_VIEWPORT });
    await browser.waitForToolbarTitle(openedBefore, [en('actionTitleReady')]);
    // The content script answers: it has looked at the page, and left it as it is.
    const id = await openedBefore.id();
    expect(await browser.inExtension((api, tabId: number) => api.tabs.sendMessage(tabId, { type: 'oqy/get-status' }).then(() => true, () => false), id)).toBe(true);
    await expectOriginal(openedBefore, TICKER_KK, 1_000);
    expect(await openedBefore.text('h1')).toBe(goldOf(A).title);
    await openedBefore.screenshot(resolve(OUT, 'auto-off-article.png'));
  });

  it('is switched on from the popup; then articles open in the reader, home pages stay as they are', async () => {
    const popup = await browser.openPopup(openedBefore, { viewport: POPUP_VIEWPORT });
    const auto = 'input[data-action="auto-qazaq24"]';
    try {
      await popup.waitForSelector('main.popup[data-state="article"]', { timeoutMs: 30_000, what: 'the popup to show the article' });
      // The switch comes with the popup's settings, after the article state.
      await popup.waitForSelector(auto, { timeoutMs: 10_000, what: 'the popup\'s auto mode switch' });
      expect(collapse(await popup.evaluate((s: string) => (document.querySelector(s)!.closest('label') as HTMLElement).innerText, auto))).toBe(en('popupAutoQazaq24'));
      expect(await checked(popup, auto)).toBe(false);
      const clicked = Date.now();
      await popup.click(auto);
      expect(await checked(popup, auto)).toBe(true);
      await popup.screenshot(resolve(OUT, 'auto-popup-on.png'));
      await expect.poll(storedAutoMode, { timeout: 15_000 }).toEqual({ qazaq24: true, sites: [] });
      await expectAutoMatches(QAZAQ24_MATCHES);
      timings.push(`popup checkbox click → script registered: ${Date.now() - clicked} ms`);
    } finally {
      await popup.close();
    }
    const scripts = await registeredScripts(browser);
    expect(scripts).toHaveLength(1);
    expect(scripts.find((s) => s.id === AUTO_SCRIPT_ID)).toMatchObject({ runAt: 'document_start', allFrames: false, js: ['src/content/auto.js'] });
    // What runs at document_start on every page of the site is small; the extractor and the reader come later, to articles only.
    expect(statSync(resolve(builtExtension(browserName), 'src/content/auto.js')).size, 'bytes of the script at document_start').toBeLessThanOrEqual(20 * 1024);

    // The article already open is left alone; a reload, and every article, opens in the reader.
    expect((await view(openedBefore)).hosts).toBe(0);
    await openedBefore.bringToFront();
    await openedBefore.reload();
    await expectReader(openedBefore, goldOf(A).title);
    await openedBefore.close();
    for (const name of ARTICLES) {
      const gold = goldOf(name);
      const started = Date.now();
      const tab = await openFreshTab(browser, fixture(name).servedUrl);
      try {
        await expectReader(tab, gold.title);
        timings.push(`${name}: reader up ${Date.now() - started} ms after the tab was asked for`);
        expect(await view(tab)).toMatchObject({ url: fixture(name).servedUrl, historyLength: 1 });
        const shown = collapse(await tab.reader.text('.oqy-reader'));
        expect(shown).toContain(collapse(gold.text[0]!));
        for (const junk of gold.mustNotContain) expect(shown, `${name}: site chrome in the reader`).not.toContain(collapse(junk));
        expect(await onScreen(tab, gold.mustNotContain[0]!), `${name}: the ticker under the reader`).toBe(false);
        if (name === A) await tab.screenshot(resolve(OUT, 'auto-reader.png'));
      } finally {
        await tab.close();
      }
    }

    // The home pages are known by their address: nothing covers them, not for a frame.
    for (const [name, ticker] of [['home-kk', TICKER_KK], ['home-ru', TICKER_RU]] as const) {
      const { tab, probe } = await probedVisit(fixture(name).servedUrl, 1_500, ticker);
      try {
        expect(probe.frames.length, `the probe watched ${name}`).toBeGreaterThan(0);
        expect(probe.frames.filter((f) => f.host || f.htmlHidden), account(name, probe)).toEqual([]);
        // Past the auto script's decision (at DOMContentLoaded) and its once-a-second address check.
        await expectOriginal(tab, ticker, 1_500);
        if (name === 'home-kk') await tab.screenshot(resolve(OUT, 'auto-home.png'));
      } finally {
        await tab.close();
      }
    }
  });

  /** Article A in a tab of its own, in the reader, left with a click on "Show the original page". */
  async function leftForTheOriginal(): Promise<Tab> {
    const tab = await openFreshTab(browser, fixture(A).servedUrl);
    try {
      await expectReader(tab, goldOf(A).title);
      await tab.reader.click('.oqy-reader .oqy-close');
      await expectOriginal(tab, TICKER_KK);
      return tab;
    } catch (e) {
      await tab.close();
      throw e;
    }
  }

  it('"Show the original page" and Esc leave the page as it is until it is reloaded', async () => {
    const tab = await leftForTheOriginal();
    try {
      expect((await view(tab)).url).toBe(fixture(A).servedUrl);
      // It stays so: past the auto script's limit and its once-a-second check of the address.
      expect(await notOriginal(tab, PAST_ADDRESS_CHECKS_MS)).toEqual([]);
      // A popstate at the same address (a gallery or a dialog of the site's) does not bring it back.
      await tab.evaluate(() => {
        history.pushState({ dialog: true }, '', location.href);
        history.back();
      });
      await expectOriginal(tab, TICKER_KK, PAST_ADDRESS_CHECKS_MS);
      await tab.screenshot(resolve(OUT, 'auto-original.png'));

      // A reload is a new page: the reader opens again.
      await tab.reload();
      await expectReader(tab, goldOf(A).title);
      // Esc closes it the same way, and it stays closed.
      await tab.press('Escape');
      await expectOriginal(tab, TICKER_KK, PAST_ADDRESS_CHECKS_MS);
    } finally {
      await tab.close();
    }
  });

  /* The page's own "up" link (href="#") does not make a new page: the reader's choice holds. */
  it('"Show the original page" holds when only the #fragment changes (the page\'s "up" link)', async () => {
    const tab = await leftForTheOriginal();
    try {
      await tab.click('a.scroll-top');
      await pollUntil(async () => (await tab.url()) === `${fixture(A).servedUrl}#`, { what: 'the address to gain its "#"' });
      await expectOriginal(tab, TICKER_KK, PAST_ADDRESS_CHECKS_MS);
    } finally {
      await tab.close();
    }
  });

  it('goes back and forward as a reader expects: the reader on articles, the page elsewhere, no extra history', async () => {
    const a = fixture(A);
    const home = fixture('home-kk');
    const tab = await openFreshTab(browser, a.servedUrl);
    try {
      const step = async (want: { url: string; length: number; reader: string | null }) => {
        expect(await tab.url()).toBe(want.url);
        if (want.reader) await expectReader(tab, want.reader);
        else await expectOriginal(tab, TICKER_KK, 1_200);
        const state = await view(tab);
        // The reader adds no history entry: one entry a page visited.
        expect({ url: state.url, historyLength: state.historyLength }).toEqual({ url: want.url, historyLength: want.length });
      };
      await step({ url: a.servedUrl, length: 1, reader: goldOf(A).title });
      // Typed into the address bar: the home page.
      await tab.goto(home.servedUrl);
      await step({ url: home.servedUrl, length: 2, reader: null });
      // A headline clicked on the home page: article B.
      await tab.clickRole('link', goldOf(B).title);
      await pollUntil(async () => (await tab.url()) === LINKED_B_URL, { what: 'the headline to open article B' });
      await step({ url: LINKED_B_URL, length: 3, reader: goldOf(B).title });

      await tab.back(home.servedUrl);
      await step({ url: home.servedUrl, length: 3, reader: null });
      await tab.back(a.servedUrl);
      await step({ url: a.servedUrl, length: 3, reader: goldOf(A).title });
      expect(await historyBack(tab), 'nothing before the first page').toBe(false);
      expect(await tab.url()).toBe(a.servedUrl);
      await tab.forward(home.servedUrl);
      await step({ url: home.servedUrl, length: 3, reader: null });
      await tab.forward(LINKED_B_URL);
      await step({ url: LINKED_B_URL, length: 3, reader: goldOf(B).title });
    } finally {
      await tab.close();
    }
  });

  it('follows a site that changes page with history.pushState, and back with popstate', async () => {
    const a = fixture(A);
    const b = fixture(B);
    const tab = await openFreshTab(browser, a.servedUrl);
    try {
      await expectReader(tab, goldOf(A).title);
      const lengthBefore = (await view(tab)).historyLength;
      // The site as a single-page app: it swaps its content and its title, and pushes the address.
      await tab.evaluate(
        async ({ first, second }) => {
          const pages = new Map<string, { title: string; body: string }>();
          for (const url of [first, second]) {
            const doc = new DOMParser().parseFromString(await (await fetch(url)).text(), 'text/html');
            pages.set(new URL(url).pathname, { title: doc.title, body: doc.body.innerHTML });
          }
          const show = (path: string) => {
            const p = pages.get(path)!;
            document.body.innerHTML = p.body;
            document.title = p.title;
          };
          const log: string[] = [];
          const w = window as unknown as { __spa: { go(url: string): void; back(): void; log: string[] } };
          w.__spa = {
            log,
            go(url: string) {
              log.length = 0;
              log.push(`go ${performance.now()}`);
              show(new URL(url).pathname);
              history.pushState({}, '', new URL(url).pathname);
            },
            // The browser's back button, as far as the page can tell: a popstate it answers.
            back() {
              log.length = 0;
              log.push(`go ${performance.now()}`);
              history.back();
            },
          };
          window.addEventListener('popstate', () => show(location.pathname));
          new MutationObserver((records) => {
            for (const r of records) {
              for (const n of r.removedNodes) if ((n as Element).id === 'oqy-reader-host') log.push(`closed ${performance.now()}`);
              for (const n of r.addedNodes) if ((n as Element).id === 'oqy-reader-host') log.push(`opened ${performance.now()}`);
            }
          }).observe(document.documentElement, { childList: true });
        },
        { first: a.servedUrl, second: b.servedUrl },
      );
      const elapsed = async () => {
        const log = await tab.evaluate(() => (window as unknown as { __spa: { log: string[] } }).__spa.log);
        const at = (what: string) => Number(log.find((l) => l.startsWith(what))?.split(' ')[1] ?? NaN);
        return { log: log.map((l) => l.split(' ')[0]), opened: at('opened') - at('go') };
      };

      await tab.evaluate((url: string) => (window as unknown as { __spa: { go(url: string): void } }).__spa.go(url), b.servedUrl);
      await expectReader(tab, goldOf(B).title, { pageUnseen: false });
      let timing = await elapsed();
      expect(timing.log, 'the reader closed, then opened again').toEqual(['go', 'closed', 'opened']);
      // It follows on its own, in moments (a bound a very busy machine stays well under, not a benchmark).
      expect(timing.opened, 'ms from pushState to the new reader').toBeLessThan(5_000);
      expect(await view(tab)).toMatchObject({ url: b.servedUrl, historyLength: lengthBefore + 1, hosts: 1 });

      await tab.evaluate(() => (window as unknown as { __spa: { back(): void } }).__spa.back());
      await expectReader(tab, goldOf(A).title, { pageUnseen: false });
      timing = await elapsed();
      expect(timing.log).toEqual(['go', 'closed', 'opened']);
      expect(timing.opened, 'ms from history.back() to the reader').toBeLessThan(5_000);
      expect(await view(tab)).toMatchObject({ url: a.servedUrl, historyLength: lengthBefore + 1, hosts: 1 });
    } finally {
      await tab.close();
    }
  });

  it('adds another site by its pattern in the options (bad patterns explained), reads it, and removes it', async () => {
    const options = await openOptions();
    const input = 'form.add-site input[name="autoSite"]';
    const add = 'form.add-site button[type="submit"]';
    const message = () => options.evaluate(() => (document.getElementById('auto-site-message') as HTMLElement).innerText.trim());
    const removeButtons = () => options.evaluate(() => document.querySelectorAll('[data-remove-site]').length);
    const inputValue = () => options.evaluate((s: string) => (document.querySelector(s) as HTMLInputElement).value, input);
    /** Types `text` into the empty field, as a person does, and presses "Add site". */
    const typeAndAdd = async (text: string) => {
      await options.click(input);
      await options.press('Control+a');
      await options.press('Backspace');
      await options.type(text);
      expect(await inputValue()).toBe(text);
      await options.click(add);
    };
    let tab: Tab | null = null;
    try {
      expect(await checked(options, 'input[name="autoQazaq24"]')).toBe(true);
      expect(collapse(await options.text(add))).toBe(en('optionsAutoAdd'));

      // Before: the site's page is the site's alone.
      const before = await browser.openTab(OTHER_URL, { viewport: PAGE_VIEWPORT });
      await expectOriginal(before, OTHER_TITLE, 1_500);
      await before.close();

      // The person allows Oqy on the site as the browser lets them (see allowSiteAccess); Oqy
      // holds nothing yet until it asks.
      await allowSiteAccess(browser, OTHER_PATTERN);
      expect(await hasHostPermission(browser, OTHER_PATTERN)).toBe(false);

      await options.bringToFront();
      const clicked = Date.now();
      await typeAndAdd(OTHER_HOST);
      // Granted at once, with no dialog: the site is listed and the input cleared.
      await options.waitForSelector(`[data-remove-site="${OTHER_PATTERN}"]`, { timeoutMs: 10_000, what: `the site to be listed; the page says: ${await message()}` });
      expect(await message()).toBe('');
      // The row is drawn before the settings are written; the field is cleared once they are.
      await options.waitFor((s: string) => (document.querySelector(s) as HTMLInputElement).value === '', input, { timeoutMs: 5_000, what: 'the site field to be cleared once the site is saved' });
      expect(await hasHostPermission(browser, OTHER_PATTERN)).toBe(true);
      await expect.poll(storedAutoMode, { timeout: 5_000, message: 'the site to be stored' }).toEqual({ qazaq24: true, sites: [OTHER_PATTERN] });
      await expectAutoMatches([...QAZAQ24_MATCHES, OTHER_PATTERN]);
      timings.push(`"Add site" click → permission granted and script registered: ${Date.now() - clicked} ms`);
      expect((await registeredScripts(browser)).find((s) => s.id === AUTO_SCRIPT_ID)).toMatchObject({ runAt: 'document_start' });
      await options.screenshot(resolve(OUT, 'auto-options-site.png'), { fullPage: true });

      tab = await browser.openTab(OTHER_URL, { viewport: PAGE_VIEWPORT });
      await expectReader(tab, OTHER_TITLE);
      const body = collapse(await tab.reader.text('.oqy-reader .oqy-body'));
      expect(body).toContain(OTHER_PARAGRAPHS[0]);
      expect(body).toContain(OTHER_PARAGRAPHS.at(-1));
      expect(body).not.toContain(OTHER_CHROME);
      expect(body).not.toContain('\u00a9 Steppe Weekly');
      await tab.screenshot(resolve(OUT, 'auto-other-site.png'));

      // Bad patterns are refused with a reason; nothing is asked or saved.
      await options.bringToFront();
      for (const [typed, key] of [['*', 'autoSiteTooWide'], ['ftp://x', 'autoSiteScheme']] as const) {
        await typeAndAdd(typed);
        await expect.poll(message, { timeout: 15_000, message: `message for ${typed}` }).toBe(en(key));
        expect(await options.evaluate((s: string) => document.querySelector(s)!.getAttribute('aria-invalid'), input), `${typed} marked invalid`).toBe('true');
        expect(await removeButtons(), `${typed}: still one site listed`).toBe(1);
      }
      await options.screenshot(resolve(OUT, 'auto-options-bad-pattern.png'), { fullPage: true });
      expect(await storedAutoMode()).toEqual({ qazaq24: true, sites: [OTHER_PATTERN] });
      expect(await hasHostPermission(browser, '*://*/*')).toBe(false);
      await expectAutoMatches([...QAZAQ24_MATCHES, OTHER_PATTERN]);

      // Removing the site gives the access back and takes it out of the registration.
      await options.click(`[data-remove-site="${OTHER_PATTERN}"]`);
      await expect.poll(removeButtons, { timeout: 15_000 }).toBe(0);
      // The focus does not fall to the page's start with the removed button: it is on the field.
      await options.waitFor(() => document.activeElement?.getAttribute('name') === 'autoSite', undefined, { timeoutMs: 5_000, what: 'the focus on the site field' });
      await expectAutoMatches(QAZAQ24_MATCHES);
      await expect.poll(() => hasHostPermission(browser, OTHER_PATTERN), { timeout: 15_000 }).toBe(false);
      expect(await storedAutoMode()).toEqual({ qazaq24: true, sites: [] });
      await tab.bringToFront();
      await tab.reload();
      await expectOriginal(tab, OTHER_TITLE, 1_500);
    } finally {
      await tab?.close();
      await options.close();
    }
  });

  it('never shows the page before the reader: every frame is covered by the loading frame or the reader', async () => {
    await expectAutoMatches(QAZAQ24_MATCHES);
    // The probe stops five frames after the reader came; the limit only bounds a reader that never comes.
    const on = await probedVisit(fixture(A).servedUrl, 30_000);
    try {
      autoFrames = on.probe.frames;
      writeFileSync(resolve(OUT, 'auto-probe.txt'), `${account('auto on', on.probe)}\n`);
      expect(on.probe.frames.length).toBeGreaterThanOrEqual(3);
      // From the first frame drawn: the loading frame, then the reader, covering the page.
      for (const [i, f] of on.probe.frames.entries()) {
        expect(f.host && f.hostCovers, `frame ${i}: ${summary([f])[0]}`).toBe(true);
        expect(tickerSeen(f), `frame ${i}: ${summary([f])[0]}`).toBe(false);
      }
      // The frame was up before the ticker was even parsed.
      expect(on.probe.tickerArrived, account('auto on', on.probe)).toMatchObject({ host: true });
      const last = on.probe.frames.at(-1)!;
      expect(last).toMatchObject({ host: true, loading: false, hostCovers: true, readerCovers: true, htmlHidden: false, headlinesSeen: 0 });
      expect(await on.tab.reader.evaluate((root) => !!root?.querySelector('.oqy-reader h1[data-testid="title"]')), 'the reader shows its title').toBe(true);
    } finally {
      await on.tab.close();
    }

    // The probe can see a flash: with auto mode off (switched off in the options), the ticker is on screen.
    await withAutoOff(async () => {
      const off = await probedVisit(fixture(A).servedUrl, 1_500);
      try {
        const told = account('auto off', off.probe);
        writeFileSync(resolve(OUT, 'auto-off-probe.txt'), `${told}\n`);
        expect(off.probe.frames.some(tickerSeen), told).toBe(true);
        expect(off.probe.frames.some((f) => f.headlinesSeen === TICKER_ALL_KK.length), `every ticker headline on screen\n${told}`).toBe(true);
        expect(off.probe.frames.every((f) => !f.host && !f.htmlHidden), told).toBe(true);
        expect(off.probe.tickerArrived, told).toMatchObject({ host: false });
      } finally {
        await off.tab.close();
      }
    });
  });

  // A screencast is a CDP recording (Page.startScreencast): Firefox has no such thing over BiDi;
  // what the frames show is measured in both browsers by the probe in the test above.
  it.runIf(browserName === 'chromium')('records a screencast of an article opening in the reader, and of it with auto mode off', async () => {
    const save = async (name: string) => {
      const tab = await openProbedTab(browser);
      try {
        return await recordScreencast(tab, OUT, name, async () => {
          await startGoto(tab, fixture(A).servedUrl);
          await tab.waitFor(() => document.readyState === 'complete', undefined, { timeoutMs: 20_000, what: 'the article to load' });
        });
      } finally {
        await tab.close();
      }
    };
    await expectAutoMatches(QAZAQ24_MATCHES);
    expect(await save('auto-frame'), 'screencast frames saved, auto mode on').toBeGreaterThanOrEqual(1);
    await withAutoOff(async () => {
      expect(await save('auto-off-frame'), 'screencast frames saved, auto mode off').toBeGreaterThanOrEqual(1);
    });
  });

  /*
   * The loading frame and the reader after it paint the whole viewport in the theme's colour,
   * from the first frame the page draws, so no part of the page shows under them.
   */
  it('the frame and the reader paint the whole viewport from the first frame, with no part of the page under them', () => {
    expect(autoFrames, 'recorded by the test above').not.toBeNull();
    const frames = autoFrames!;
    expect(frames.some((f) => f.host && !f.loading), 'the reader came up in the recording').toBe(true);
    for (const [i, f] of frames.entries()) {
      expect(f.readerCovers, `frame ${i}: ${summary([f])[0]}`).toBe(true);
      expect(f.headlinesSeen, `frame ${i}: ${summary([f])[0]}`).toBe(0);
    }
  });

  /* An article shorter than the window still covers it all. */
  it('a short article\'s reader still covers a tall window', async () => {
    const tab = await browser.openTab(fixture('article-dollar-ru').servedUrl, { viewport: { width: 1280, height: 2000 } });
    try {
      await expectReader(tab, goldOf('article-dollar-ru').title);
      await tab.reader.waitFor((root) => document.fonts.status === 'loaded' && !!root, undefined, { what: 'the reader\'s fonts' });
      await tab.screenshot(resolve(OUT, 'auto-short-tall.png'));
      const box = await tab.reader.evaluate((root) => {
        const reader = root!.querySelector('.oqy-reader')!.getBoundingClientRect();
        return { readerBottom: Math.round(reader.bottom), window: innerHeight };
      });
      expect(box.window, 'the window is as tall as asked').toBe(2000);
      expect(box.readerBottom, `the reader's bottom in a ${box.window} px window`).toBeGreaterThanOrEqual(box.window);
    } finally {
      await tab.close();
    }
  });

  it('draws the reader\'s frame in the page\'s first frame, on every article and a stalled one (the times are printed, not asserted: the machine may be busy)', async () => {
    await expectAutoMatches(QAZAQ24_MATCHES);
    const pages = [...ARTICLES.map((name) => ({ name, url: fixture(name).servedUrl })), { name: 'stalled 1.5 s', url: slowUrl(STALLS_MS[0]!) }];
    const drawn = (p: ReaderPaint) => p.firstFrameAt !== null && p.domContentLoaded !== null;
    // The same pages with auto mode off: when each draws its first frame by itself.
    const alone = new Map<string, ReaderPaint>();
    await withAutoOff(async () => {
      for (const p of pages) alone.set(p.name, await paintOf(p.url, drawn));
    });
    const rows: string[] = [];
    for (const p of pages) {
      const on = await paintOf(p.url, drawn);
      const off = alone.get(p.name)!;
      expect(off.hostAt, `${p.name}: no frame with auto mode off`).toBeNull();
      // The host was in the page before its first frame: that frame drew it.
      expect(on.hostInFirstFrame, `${p.name}: ${JSON.stringify(on)}`).toBe(true);
      rows.push(`${p.name}: frame drawn ${on.firstFrameAt} ms, DOMContentLoaded ${on.domContentLoaded} ms; auto off: first frame ${off.firstFrameAt} ms, first contentful paint ${off.firstContentfulPaint} ms`);
    }
    writeFileSync(resolve(OUT, 'auto-first-frame.txt'), `${rows.join('\n')}\n`);
    timings.push(...rows);
  });

  it('shows the reader\'s frame at once while an article stalls for 1.5 s and for 5 s, says it is still loading, then opens the reader', async () => {
    await expectAutoMatches(QAZAQ24_MATCHES);
    const gold = goldOf('article-writer-kk');
    const slow = fixture('article-writer-kk').html;
    for (const pauseMs of STALLS_MS) {
      const tab = await openProbedTab(browser, { fn: frameProbe, arg: { headline: TICKER_KK, headlines: TICKER_ALL_KK, limitMs: pauseMs + 50_000, afterReaderFrames: 5 } });
      // The stall lasts `pauseMs`, and until six frames were drawn with the loading frame, however
      // busy the machine; on the long stall also until the test has seen what it looks for during it.
      const url = `http://qazaq24.com/news/held-${pauseMs}-article-${1098000 + pauseMs}`;
      const seen = testGate();
      if (pauseMs < 3_000) seen.open();
      const frames = loadingFrames(tab, 6, 'frame');
      server.route(url, { type: 'text/html; charset=utf-8', body: slow, pauses: [{ at: slow.indexOf('<main'), pauseMs, until: () => Promise.all([frames(), seen.opened]) }] });
      try {
        const sent = Date.now();
        await startGoto(tab, url);
        // While the page is stalled: the frame, with the article's title from the page's head.
        const shown = await tab.reader
          .waitFor((root) => root?.querySelector('.frame .what')?.textContent ?? null, undefined, { timeoutMs: 30_000, what: 'the frame with the title' })
          .catch(async (e: unknown) => {
            throw new Error(`${(e as Error).message}\n${await stalledState(tab)}`);
          });
        expect(collapse(shown)).toBe(gold.title);
        if (pauseMs >= 3_000) {
          // On a 5 s stall there is room to see the title came while the page was loading; on 1.5 s a busy machine may read it after.
          expect(await tab.evaluate(() => document.readyState), 'the title came while the page was loading').toBe('loading');
          // Past a second of it, the frame says the page is still loading (there is time to see it on a 5 s stall).
          await tab.reader.waitFor((root, want: string) => root?.querySelector('.frame [role="status"]')?.textContent === want, en('autoStillLoading'), {
            timeoutMs: 30_000,
            what: 'the frame saying "still loading"',
          });
          expect(await tab.evaluate(() => document.readyState), '"still loading" while the page was loading').toBe('loading');
          await tab.screenshot(resolve(OUT, 'auto-frame-still-loading.png'));
          seen.open();
        }
        const probe = await readFrameProbe(tab, pauseMs + 60_000);
        const told = account(`${pauseMs} ms stall`, probe);
        writeFileSync(resolve(OUT, `auto-stall-${pauseMs}-probe.txt`), `${told}\n`);
        expect(Date.now() - sent, 'the page really stalled').toBeGreaterThan(pauseMs);
        // From the first frame drawn: the frame or the reader over all of the page, never the page.
        expect(probe.frames.length).toBeGreaterThan(2);
        for (const [i, f] of probe.frames.entries()) {
          expect(f.host && f.readerCovers, `frame ${i}\n${told}`).toBe(true);
          expect(tickerSeen(f) || f.headlinesSeen > 0, `frame ${i}\n${told}`).toBe(false);
        }
        // The frame is in the page's first frame (the test before times that frame).
        expect(probe.dcl, told).not.toBeNull();
        expect(probe.frames[0]!.loading, told).toBe(true);
        // It stayed while the page was stalled, and the reader took over once the page was there.
        expect(probe.frames.filter((f) => f.loading && f.readyState === 'loading').length, told).toBeGreaterThan(5);
        const reader = probe.frames.find((f) => !f.loading);
        expect(reader, told).toBeDefined();
        // Oqy hears DOMContentLoaded before the probe does, so the order of the two times says nothing: the parse was over.
        expect(reader!.readyState, told).not.toBe('loading');
        timings.push(`${pauseMs} ms stall: frame on screen at ${probe.frames[0]!.t.toFixed(0)} ms, DOMContentLoaded ${probe.dcl?.toFixed(0)} ms, reader at ${reader!.t.toFixed(0)} ms`);
        await expectReader(tab, gold.title);
        expect(collapse(await tab.reader.text('.oqy-reader .oqy-body'))).toContain(collapse(gold.text[0]!));
      } finally {
        seen.open();
        await tab.close();
      }
    }
  });

  it('"Show the original page" works while the page is still loading, with a click and from the keyboard, and holds', async () => {
    await expectAutoMatches(QAZAQ24_MATCHES);
    const slow = fixture('article-writer-kk').html;
    for (const how of ['click', 'keyboard'] as const) {
      const tab = await openProbedTab(browser);
      // The page stalls at least LEAVE_STALL_MS, and until the test has left the frame and looked.
      const left = testGate();
      const url = `http://qazaq24.com/news/left-${how}-article-${how === 'click' ? 1097001 : 1097002}`;
      server.route(url, { type: 'text/html; charset=utf-8', body: slow, pauses: [{ at: slow.indexOf('<main'), pauseMs: LEAVE_STALL_MS, until: () => left.opened }] });
      try {
        await startGoto(tab, url);
        const label = await tab.reader.waitFor((root) => (root?.querySelector('.frame .oqy-close') as HTMLElement | null)?.innerText ?? null, undefined, {
          timeoutMs: 30_000,
          what: 'the frame\'s "Show the original page"',
        });
        expect(collapse(label)).toBe(SHOW_ORIGINAL);
        if (how === 'click') {
          await tab.reader.click('.frame .oqy-close');
        } else {
          // It has the focus from the start: Enter presses it.
          await tab.reader.waitFor((root) => root?.activeElement?.classList.contains('oqy-close') ?? false, undefined, { timeoutMs: 5_000, what: 'the focus on "Show the original page"' });
          await tab.press('Enter');
        }
        expect(await tab.evaluate(() => document.readyState), `left while loading (${how})`).toBe('loading');
        await tab.waitFor(() => !document.getElementById('oqy-reader-host'), undefined, { timeoutMs: 15_000, what: `the frame to go (${how})` });
        expect((await view(tab)).inert, 'the page is not inert').toBe(false);
        left.open();
        // The page as it streams in, then all of it; the reader does not come when the HTML is there.
        await tab.waitFor(() => document.readyState === 'complete', undefined, { timeoutMs: LEAVE_STALL_MS + 20_000, what: 'the page to finish loading' });
        await expectOriginal(tab, TICKER_KK, 1_500);
        expect(await tab.text('h1')).toBe(goldOf('article-writer-kk').title);
      } finally {
        left.open();
        await tab.close();
      }
    }
  });

  it('no page rule can show the page through the frame or the reader: visibility, opacity, display, z-index, position, !important, inline', async () => {
    await expectAutoMatches(QAZAQ24_MATCHES);
    const a = fixture(A);
    const urls = HOSTILE.map((_, i) => `http://qazaq24.com/news/hostile-${i}-${1045900 + i}`);
    // Each page stalls before its <main> (after its ticker), until a frame was drawn with the ticker parsed.
    const stalled = (i: number) => (tab: Tab) => {
      const body = hostilePage(a.html, HOSTILE[i]!);
      server.route(urls[i]!, {
        type: 'text/html; charset=utf-8',
        body,
        pauses: [{ at: body.indexOf('<main'), pauseMs: HOSTILE_STALL_MS, until: loadingFrames(tab, 1, 'ticker', 10_000) }],
      });
    };
    const accounts: string[] = [];
    for (const [i, url] of urls.entries()) {
      const on = await probedVisit(url, HOSTILE_STALL_MS + 25_000, TICKER_KK, stalled(i));
      const told = account(HOSTILE[i]!.name, on.probe);
      accounts.push(told);
      try {
        expect(on.probe.frames.some((f) => f.readyState === 'loading' && f.tickerInDom), `the ticker was parsed while loading\n${told}`).toBe(true);
        expect(on.probe.tickerArrived, `the frame was there before the ticker\n${told}`).toMatchObject({ host: true });
        for (const [n, f] of on.probe.frames.entries()) {
          expect(f.host && f.hostCovers && f.readerCovers, `frame ${n}\n${told}`).toBe(true);
          expect(tickerSeen(f) || f.headlinesSeen > 0, `frame ${n}\n${told}`).toBe(false);
        }
        await expectReader(on.tab, goldOf(A).title);
      } finally {
        await on.tab.close();
      }
    }
    writeFileSync(resolve(OUT, 'auto-hostile-probe.txt'), `${accounts.join('\n\n')}\n`);

    // The probe is not blind: with auto mode off, each of these pages shows its ticker.
    await withAutoOff(async () => {
      for (const [i, url] of urls.entries()) {
        // The probe records for 2.2 s from the navigation's start: the ticker is drawn well inside that.
        const off = await probedVisit(url, HOSTILE_STALL_MS + 1_500, TICKER_KK, stalled(i));
        try {
          expect(off.probe.frames.some((f) => tickerSeen(f) || f.headlinesSeen > 0), account(`${HOSTILE[i]!.name}, auto off`, off.probe)).toBe(true);
        } finally {
          await off.tab.close();
        }
      }
    });
    // Twelve visits, each stalled until its frames are drawn: minutes on a busy machine.
  }, 300_000);

  it('a page that stops DOMContentLoaded from reaching other listeners still gets its reader, not an endless frame', async () => {
    await expectAutoMatches(QAZAQ24_MATCHES);
    await readerOnServed('http://qazaq24.com/news/loaded-event-stopped-1045991', FIGHTING_PAGES.stopsLoadedEvent(fixture(A).html));
  });

  it('a page whose elements are named like the extension\'s own globals (DOM clobbering) still gets its reader', async () => {
    await expectAutoMatches(QAZAQ24_MATCHES);
    await readerOnServed('http://qazaq24.com/news/named-like-globals-1045992', FIGHTING_PAGES.namedLikeGlobals(fixture(A).html));
  });

  it('a page that takes the frame out of the document while it loads is left usable: not inert, scrollable, no reader', async () => {
    await expectAutoMatches(QAZAQ24_MATCHES);
    const url = 'http://qazaq24.com/news/frame-taken-out-1045990';
    server.route(url, { type: 'text/html; charset=utf-8', body: FIGHTING_PAGES.takesFrameOut(fixture(A).html) });
    const tab = await browser.openTab(url, { viewport: PAGE_VIEWPORT });
    try {
      const state = () =>
        tab.evaluate(() => ({
          inert: document.body.inert,
          reading: document.documentElement.classList.contains('oqy-reading'),
          host: !!document.getElementById('oqy-reader-host'),
          overflow: getComputedStyle(document.documentElement).overflow,
        }));
      const usable = { inert: false, reading: false, host: false, overflow: 'visible' };
      await expect.poll(state, { timeout: 15_000, message: 'the page is given back once the frame is gone' }).toEqual(usable);
      // And it stays so: no reader comes over it later, and its first link on screen takes a click.
      await tab.waitFor(() => document.readyState === 'complete', undefined, { what: 'the page to finish loading' });
      const linkTakesClick = await tab.evaluate(() => {
        for (const link of Array.from(document.querySelectorAll('a[href]'))) {
          const r = link.getBoundingClientRect();
          if (r.width <= 0 || r.height <= 0 || r.bottom <= 0 || r.top >= innerHeight || r.left >= innerWidth) continue;
          const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
          return !!hit && (hit === link || link.contains(hit));
        }
        return false;
      });
      expect(linkTakesClick, 'a link on screen takes a click').toBe(true);
      expect(await state()).toEqual(usable);
      expect(await tab.reader.evaluate((root) => root === null), 'no reader over the page').toBe(true);
    } finally {
      await tab.close();
    }
  });

  it('paints the reader\'s text no later than the page\'s own load event with auto mode off, images served late (median over the articles)', async () => {
    await expectAutoMatches(QAZAQ24_MATCHES);
    const imagesAtOnce = serveImagesLate(server, ARTICLES.map(fixture), IMAGE_DELAY_MS);
    const rows: string[] = [];
    try {
      const on = new Map<string, ReaderPaint>();
      for (const name of ARTICLES) on.set(name, await paintOf(fixture(name).servedUrl, (p) => p.textPaintAt !== null && p.load !== null));
      const off = new Map<string, ReaderPaint>();
      await withAutoOff(async () => {
        for (const name of ARTICLES) off.set(name, await paintOf(fixture(name).servedUrl, (p) => p.load !== null && p.firstContentfulPaint !== null));
      });
      const ratios = ARTICLES.map((name) => {
        const a = on.get(name)!;
        const o = off.get(name)!;
        expect(o.hostAt, `${name}: no reader with auto mode off`).toBeNull();
        rows.push(`${name}: auto on: frame drawn ${a.hostFramedAt} ms, DOMContentLoaded ${a.domContentLoaded} ms, reader in ${a.readyAt} ms, its text painted ${a.textPaintAt} ms (largest-contentful-paint entry ${a.lcpTextAt} ms); auto off: first contentful paint ${o.firstContentfulPaint} ms, DOMContentLoaded ${o.domContentLoaded} ms, load ${o.load} ms`);
        return a.textPaintAt! / o.load!;
      });
      writeFileSync(resolve(OUT, 'auto-text-paint.txt'), `${rows.join('\n')}\nratios ${ratios.map((r) => r.toFixed(2)).join(' ')}\n`);
      timings.push(...rows, `text painted / load event with auto off: ${ratios.map((r) => r.toFixed(2)).join(' ')}`);
      expect(median(ratios), rows.join('\n')).toBeLessThanOrEqual(1);
    } finally {
      imagesAtOnce();
    }
  });

  it('never shows the page before the reader covers it, even on a slow network', async () => {
    // Each article arrives in two parts: the page up to its ticker, then, after a pause, the rest.
    // On a slow line that first part is what a browser paints while it waits.
    await expectAutoMatches(QAZAQ24_MATCHES);
    for (const name of ARTICLES) {
      const f = fixture(name);
      const at = f.html.indexOf('<main');
      expect(at, `${name} has a ticker before <main>`).toBeGreaterThan(f.html.indexOf('class="ticker"'));
      server.route(f.servedUrl, { type: 'text/html; charset=utf-8', body: f.html, pauses: [{ at, pauseMs: SLOW_NETWORK_PAUSE_MS }] });
    }
    try {
      for (const name of ARTICLES) {
        const ticker = goldOf(name).mustNotContain[0]!;
        const { tab, probe } = await probedVisit(fixture(name).servedUrl, SLOW_NETWORK_PAUSE_MS + 15_000, ticker);
        try {
          const told = account(`${name} (slow)`, probe);
          // The probe watched the page while it was loading (on a busy machine a browser may draw
          // only one frame before the pause ends), and the frame covered it.
          expect(probe.frames.some((f) => f.loading && f.readyState === 'loading'), told).toBe(true);
          // The frame was up before the ticker was even parsed.
          expect(probe.tickerArrived, told).toMatchObject({ host: true });
          // Not one frame with the ticker on screen, or without the frame or the reader over all of the page.
          expect(probe.frames.filter(tickerSeen), told).toEqual([]);
          expect(probe.frames.filter((f) => !f.host || !f.readerCovers || f.htmlHidden), told).toEqual([]);
          await expectReader(tab, goldOf(name).title);
          timings.push(`${name} (slow): ${probe.frames.filter((f) => f.loading).length} frames of the loading frame, reader at ${probe.frames.find((f) => !f.loading)?.t.toFixed(0)} ms`);
        } finally {
          await tab.close();
        }
      }

      // The probe is not blind: with auto mode off, it sees the ticker, already while the rest of the page is on its way.
      await withAutoOff(async () => {
        const { tab, probe } = await probedVisit(fixture(A).servedUrl, SLOW_NETWORK_PAUSE_MS + 1_500);
        try {
          const told = account('auto off (slow)', probe);
          expect(probe.frames.every((f) => !f.host), told).toBe(true);
          expect(probe.tickerArrived, told).toMatchObject({ host: false });
          expect(probe.frames.some((f) => tickerSeen(f) && f.readyState === 'loading'), told).toBe(true);
        } finally {
          await tab.close();
        }
      });
    } finally {
      for (const name of ARTICLES) server.route(fixture(name).servedUrl, { type: 'text/html; charset=utf-8', body: fixture(name).html });
    }
  });
});
