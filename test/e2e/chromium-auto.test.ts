/**
 * Auto reader mode in Chromium, used the way a reader uses it: off at first; switched on from
 * the popup; then articles open straight in the reader and other pages stay as they are; "Show
 * the original page" holds until a reload; back and forward, and a site that changes page
 * with history.pushState; another site added by its pattern in the options and removed again;
 * no frame of the page shown before the reader; and a page too slow to read shown as it is,
 * with a "!" on the toolbar button saying why.
 *
 * The fixture pages are served at their real addresses (qazaq24.com and news.example.test
 * resolve to a local server). Screenshots and screencast frames go to test-output/chromium/.
 *
 * The tests share one browser profile and run in order: the settings one test makes are what
 * the next finds.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { loadFixtures, startFixtureServer, type Fixture, type FixtureServer } from '../harness/fixture-server.ts';
import {
  CHROME_DIST,
  OPTIONS_PATH,
  launchChromiumWithExtension,
  tabIdFor,
  toolbarTitle,
  waitForToolbarTitle,
  type ChromiumWithExtension,
} from '../harness/chromium.ts';
import {
  AUTO_SCRIPT_ID,
  autoMatches,
  frameProbe,
  grantSiteAccess,
  hasHostPermission,
  initScript,
  openFreshTab,
  readFrames,
  readFramesAndDcl,
  readReaderPaint,
  registeredScripts,
  startScreencast,
  tickerSeen,
  type FrameRecord,
} from '../harness/chromium-auto.ts';
import { overlayEvaluate, overlayIn, overlayWaitFor } from '../harness/chromium-overlay.ts';
import { FIGHTING_PAGES, HOSTILE, TEXT_STRIP_PX, hostilePage, median, readerPaintProbe, serveImagesLate, type ReaderPaint } from '../harness/auto-probes.ts';
import enMessages from '../../public/_locales/en/messages.json';

const OUT = resolve(import.meta.dirname, '../../test-output/chromium');

type Catalog = Record<string, { message: string }>;
const en = (key: keyof typeof enMessages) => (enMessages as Catalog)[key]!.message;

/** The extension APIs used inside the service worker (these functions run there, not in Node). */
declare const chrome: {
  storage: { sync: { get(key: string): Promise<Record<string, unknown>> } };
};

interface ArticleGold {
  title: string;
  text: string[];
  mustNotContain: string[];
}

interface StoredSettings {
  version: number;
  autoMode?: { qazaq24: boolean; sites: string[] };
}

const QAZAQ24_MATCHES = ['*://*.qazaq24.com/*', '*://qazaq24.com/*'];
const ARTICLES = ['article-unity-kk', 'article-eagle-kk', 'article-writer-kk', 'article-dollar-ru'];
const A = 'article-unity-kk';
const B = 'article-eagle-kk';

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
const OTHER_PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${OTHER_TITLE} | Steppe Weekly</title>
<meta property="og:site_name" content="Steppe Weekly">
<meta property="og:title" content="${OTHER_TITLE}">
</head>
<body>
<header><nav><a href="/">Home</a> <a href="/region">Region</a> <a href="/crafts">Crafts</a> <a href="/sport">Sport</a></nav></header>
<main>
<article>
<h1>${OTHER_TITLE}</h1>
<p class="byline">By D. Sadyqova, 3 March 2026</p>
${OTHER_PARAGRAPHS.map((p) => `<p>${p}</p>`).join('\n')}
</article>
</main>
<aside><p>${OTHER_CHROME}.</p><form><input type="email"><button>Sign up</button></form></aside>
<footer><p>\u00a9 Steppe Weekly</p></footer>
</body>
</html>`;

/** The home page's ticker headline that, clicked, opens article B (served at that address too). */
const LINKED_B_URL = 'http://qazaq24.com/news/n16';
/** How long article pages stall before their content (after the ticker) in the stall tests. */
const STALLS_MS = [1_500, 5_000];
/** The stall while the person leaves for the original page. */
const LEAVE_STALL_MS = 4_000;
/** The stall of the pages with hostile stylesheets: the ticker is parsed and could show meanwhile. */
const HOSTILE_STALL_MS = 700;
/** How late article images come in the paint test (a slow image server). */
const IMAGE_DELAY_MS = 3_000;

/** Article writer-kk served at an address of its own, stalling `pauseMs` before its <main>. */
const slowUrl = (pauseMs: number) => `http://qazaq24.com/news/slow-${pauseMs}-article-${1099000 + pauseMs}`;


const fixtures = new Map(loadFixtures().map((f) => [f.name, f]));

function fixture(name: string): Fixture {
  const f = fixtures.get(name);
  if (!f) throw new Error(`fixture ${name} is missing from the fixtures folder`);
  return f;
}

const goldOf = (name: string) => fixture(name).gold as unknown as ArticleGold;
const collapse = (s: string) => s.replace(/\s+/g, ' ').trim();
/** The first ticker headline (the first thing the site shows above an article), kk and ru. */
const TICKER_KK = goldOf(A).mustNotContain[0]!;
const TICKER_RU = goldOf('article-dollar-ru').mustNotContain[0]!;
/** Every headline of article A's ticker, top to bottom (the fixture's markup, known to the test only). */
const TICKER_ALL_KK = [...fixture(A).html.matchAll(/class="ticker__link"[^>]*>([^<]+)</g)].map((m) => collapse(m[1]!));

/** Probe records, measured by one test and checked by a later one. */
let autoFrames: FrameRecord[] | null = null;

let server: FixtureServer;
let browser: ChromiumWithExtension;

function storedSettings(): Promise<StoredSettings | undefined> {
  return browser.worker.evaluate(async () => (await chrome.storage.sync.get('settings')).settings as StoredSettings | undefined);
}

/**
 * What the page shows: the reader's host, the veil, <html>'s visibility, the reader's title
 * (inside the closed root, read through the harness), the address, the history.
 */
async function pageState(page: Page) {
  const seen = await page.evaluate(() => ({
    hosts: document.querySelectorAll('#oqy-reader-host').length,
    veil: !!document.getElementById('oqy-veil'),
    html: getComputedStyle(document.documentElement).visibility,
    inert: document.body?.inert ?? null,
    url: location.href,
    historyLength: history.length,
  }));
  const title = await overlayEvaluate(page, (root) => root?.querySelector('h1[data-testid="title"]')?.textContent?.replace(/\s+/g, ' ').trim() ?? null).catch(() => null);
  return { ...seen, title };
}

/** The reader is up over the page with this title, and the page under it is no longer veiled. */
async function expectReader(page: Page, title: string, timeout = 5_000): Promise<void> {
  await expect.poll(async () => (await pageState(page)).title, { timeout, message: `reader title on ${page.url()}` }).toBe(title);
  const state = await pageState(page);
  expect(state).toMatchObject({ hosts: 1, veil: false, html: 'visible', inert: true });
  expect(await overlayIn(page).locator('.oqy-reader').isVisible()).toBe(true);
}

/**
 * The page is shown as the site serves it, and stays so for `forMs` (the auto script, if it
 * runs, has decided): no reader, no veil, <html> visible, and `text` (a headline) on screen.
 */
async function expectOriginal(page: Page, text: string, forMs = 800): Promise<void> {
  const deadline = Date.now() + forMs;
  for (;;) {
    const state = await pageState(page);
    expect(state, `the page ${page.url()} as served`).toMatchObject({ hosts: 0, veil: false, html: 'visible' });
    if (Date.now() > deadline) break;
    await page.waitForTimeout(100);
  }
  expect(await page.getByText(text, { exact: true }).first().isVisible(), `"${text}" on screen`).toBe(true);
}

/** Waits until the auto script's registration has these match patterns (null: none registered). */
async function expectAutoMatches(want: string[] | null): Promise<void> {
  await expect.poll(() => autoMatches(browser.worker), { timeout: 10_000 }).toEqual(want === null ? null : [...want].sort());
}

/** Runs `work` with auto mode for Qazaq24 switched off in the options (as a person does it), and switches it on again. */
async function withAutoOff(work: () => Promise<void>): Promise<void> {
  const options = await openOptions();
  const auto = options.locator('input[name="autoQazaq24"]');
  expect(await auto.isChecked()).toBe(true);
  await auto.click();
  await expectAutoMatches(null);
  try {
    await work();
  } finally {
    await options.bringToFront();
    if (!(await auto.isChecked())) await auto.click();
    await expectAutoMatches(QAZAQ24_MATCHES);
    await options.close();
  }
}

async function openOptions(): Promise<Page> {
  const options = await browser.context.newPage();
  await options.goto(browser.extensionUrl(OPTIONS_PATH));
  await options.locator('input[name="autoQazaq24"]').waitFor({ timeout: 15_000 });
  return options;
}

/** Opens a page that records every animation frame from its first (frameProbe), and goes to `url`. */
async function probedVisit(url: string, headline: string, limitMs: number, screencastName?: string): Promise<{ page: Page; frames: FrameRecord[]; shots: number }> {
  const page = await browser.context.newPage();
  await page.addInitScript({ content: initScript(frameProbe, { headline, headlines: TICKER_ALL_KK, limitMs, afterReaderFrames: 5 }) });
  const cast = screencastName ? await startScreencast(browser, page, { maxWidth: 1280, maxHeight: 720 }) : null;
  await page.waitForTimeout(200);
  const before = cast?.frames.length ?? 0;
  const sent = Date.now();
  await page.goto(url);
  const frames = await readFrames(page, limitMs + 10_000);
  let shots = 0;
  if (cast) {
    await page.waitForTimeout(300);
    await cast.stop();
    // The frames from the navigation on (the blank tab sends one before it), with when each came.
    const fresh = cast.frames.slice(before);
    const saved = fresh.slice(0, 6);
    for (let i = 1; i <= 6; i++) rmSync(resolve(OUT, `${screencastName}-${i}.jpg`), { force: true });
    saved.forEach((frame, i) => writeFileSync(resolve(OUT, `${screencastName}-${i + 1}.jpg`), frame.data));
    writeFileSync(
      resolve(OUT, `${screencastName}s.txt`),
      `${saved.map((frame, i) => `${screencastName}-${i + 1}.jpg received ${frame.received - sent} ms after page.goto`).join('\n')}\n${fresh.length} frames in all\n`,
    );
    shots = saved.length;
  }
  return { page, frames, shots };
}

const summary = (frames: FrameRecord[]) =>
  frames.map(
    (f) =>
      `${f.t.toFixed(0)}ms ${f.readyState} html:${f.htmlHidden ? 'hidden' : 'shown'} host:${f.host ? `${f.loading ? 'frame' : 'reader'},${f.hostCovers ? 'covers' : 'partial'}` : '-'}` +
      ` reader:${f.host ? (f.readerCovers ? 'paints-all' : 'paints-part') : '-'}` +
      ` first-ticker:${tickerSeen(f) ? 'SEEN' : f.tickerInDom ? 'in-dom' : '-'} ticker-headlines-seen:${f.headlinesSeen}/${TICKER_ALL_KK.length}`,
  );

describe('Oqy auto reader mode in Chromium', () => {
  beforeAll(async () => {
    mkdirSync(OUT, { recursive: true });
    server = await startFixtureServer();
    server.route(OTHER_URL, { type: 'text/html; charset=utf-8', body: OTHER_PAGE });
    server.route(LINKED_B_URL, { type: 'text/html; charset=utf-8', body: fixture(B).html });
    const slow = fixture('article-writer-kk').html;
    const cut = slow.indexOf('<main');
    if (cut < 0 || cut < slow.indexOf('class="ticker"')) throw new Error('article-writer-kk has no <main> after its ticker to stall before');
    for (const pauseMs of [...STALLS_MS, LEAVE_STALL_MS]) server.route(slowUrl(pauseMs), { type: 'text/html; charset=utf-8', body: slow, pauses: [{ at: cut, pauseMs }] });
    browser = await launchChromiumWithExtension({ serverPort: server.port, extraHosts: [OTHER_HOST] });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('is off at first: an article shows as the site serves it, and no script is registered', async () => {
    expect((await storedSettings())?.autoMode?.qazaq24 ?? false).toBe(false);
    expect(await registeredScripts(browser.worker)).toEqual([]);
    const page = await browser.context.newPage();
    await page.goto(fixture(A).servedUrl);
    await waitForToolbarTitle(browser.worker, fixture(A).servedUrl, [en('actionTitleReady')]);
    await expectOriginal(page, TICKER_KK);
    expect(await page.locator('h1').first().innerText()).toBe(goldOf(A).title);
    await page.close();
  });

  it('is switched on from the popup; then articles open in the reader, home pages stay as they are', async () => {
    const f = fixture(A);
    const page = await browser.context.newPage();
    await page.goto(f.servedUrl);
    await waitForToolbarTitle(browser.worker, f.servedUrl, [en('actionTitleReady')]);
    const tabId = await tabIdFor(browser.worker, f.servedUrl);

    const popup = await browser.context.newPage();
    await popup.setViewportSize({ width: 460, height: 640 });
    await popup.goto(browser.popupUrl({ tab: tabId }));
    await popup.locator('main.popup[data-state="article"]').waitFor({ timeout: 30_000 });
    const auto = popup.locator('input[data-action="auto-qazaq24"]');
    expect(collapse(await popup.locator('label', { has: auto }).innerText())).toBe(en('popupAutoQazaq24'));
    expect(await auto.isChecked()).toBe(false);
    await auto.click();
    expect(await auto.isChecked()).toBe(true);
    await expect.poll(async () => (await storedSettings())?.autoMode).toEqual({ qazaq24: true, sites: [] });
    await expectAutoMatches(QAZAQ24_MATCHES);
    const script = (await registeredScripts(browser.worker)).find((s) => s.id === AUTO_SCRIPT_ID)!;
    expect(script).toMatchObject({ runAt: 'document_start', allFrames: false, js: ['src/content/auto.js'] });
    // What runs at document_start on every page of the site is small; the extractor and the reader come later, to articles only.
    expect(statSync(resolve(CHROME_DIST, 'src/content/auto.js')).size, 'bytes of the script at document_start').toBeLessThanOrEqual(20 * 1024);
    await popup.close();

    // The article already open is left alone; a reload, and every article, opens in the reader.
    expect((await pageState(page)).hosts).toBe(0);
    await page.reload();
    await expectReader(page, goldOf(A).title);
    await page.close();
    for (const name of ARTICLES) {
      const gold = goldOf(name);
      const tab = await browser.context.newPage();
      await tab.goto(fixture(name).servedUrl);
      await expectReader(tab, gold.title);
      const reader = overlayIn(tab).locator('.oqy-reader');
      const shown = collapse(await reader.innerText());
      expect(shown).toContain(collapse(gold.text[0]!));
      for (const junk of gold.mustNotContain) expect(shown, `${name}: site chrome in the reader`).not.toContain(collapse(junk));
      expect(collapse(await reader.locator('.oqy-close').innerText())).toContain(en('readerShowOriginal'));
      if (name === A) await tab.screenshot({ path: resolve(OUT, 'auto-reader.png') });
      await tab.close();
    }

    for (const [name, ticker] of [['home-kk', TICKER_KK], ['home-ru', TICKER_RU]] as const) {
      const home = await browser.context.newPage();
      await home.goto(fixture(name).servedUrl);
      // Past the auto script's decision (at DOMContentLoaded) and its once-a-second address check.
      await expectOriginal(home, ticker, 1_500);
      if (name === 'home-kk') await home.screenshot({ path: resolve(OUT, 'auto-home.png') });
      await home.close();
    }
  });

  it('"Show the original page" and Esc leave the page as it is until it is reloaded', async () => {
    const { page } = await openFreshTab(browser, fixture(A).servedUrl);
    await expectReader(page, goldOf(A).title);
    const close = overlayIn(page).locator('.oqy-close');
    expect(collapse(await close.innerText())).toContain(en('readerShowOriginal'));
    await close.click();
    await expectOriginal(page, TICKER_KK);
    expect((await pageState(page)).inert).toBe(false);
    // It stays so: past the auto script's limit and its once-a-second check of the address.
    await expectOriginal(page, TICKER_KK, 2_600);
    // A popstate at the same address (a gallery or a dialog of the site's) does not bring it back.
    await page.evaluate(() => {
      history.pushState({ dialog: true }, '', location.href);
      history.back();
    });
    await expectOriginal(page, TICKER_KK, 2_600);
    await page.screenshot({ path: resolve(OUT, 'auto-original.png') });

    // A reload is a new page: the reader opens again.
    await page.reload();
    await expectReader(page, goldOf(A).title);
    // Esc closes it the same way, and it stays closed.
    await page.keyboard.press('Escape');
    await expectOriginal(page, TICKER_KK, 2_600);
    await page.close();
  });

  /* The page's own "up" link (href="#") does not make a new page: the reader's choice holds. */
  it('"Show the original page" holds when only the #fragment changes (the page\'s "up" link)', async () => {
    const { page } = await openFreshTab(browser, fixture(A).servedUrl);
    await expectReader(page, goldOf(A).title);
    await overlayIn(page).locator('.oqy-close').click();
    await expectOriginal(page, TICKER_KK);
    await page.locator('a.scroll-top').click();
    expect(page.url()).toBe(`${fixture(A).servedUrl}#`);
    try {
      await expectOriginal(page, TICKER_KK, 2_600);
    } finally {
      await page.close();
    }
  });

  it('goes back and forward as a reader expects: the reader on articles, the page elsewhere, no extra history', async () => {
    const a = fixture(A);
    const home = fixture('home-kk');
    const { page } = await openFreshTab(browser, a.servedUrl);
    await expectReader(page, goldOf(A).title);
    const step = async (want: { url: string; length: number; reader: string | null; ticker?: string }) => {
      expect(page.url()).toBe(want.url);
      if (want.reader) await expectReader(page, want.reader);
      else await expectOriginal(page, want.ticker ?? TICKER_KK, 1_200);
      const state = await pageState(page);
      expect({ url: state.url, historyLength: state.historyLength }).toEqual({ url: want.url, historyLength: want.length });
    };
    await step({ url: a.servedUrl, length: 1, reader: goldOf(A).title });
    // Typed into the address bar: the home page.
    await page.goto(home.servedUrl);
    await step({ url: home.servedUrl, length: 2, reader: null });
    // A headline clicked on the home page: article B.
    await Promise.all([page.waitForURL(LINKED_B_URL), page.getByRole('link', { name: goldOf(B).title, exact: true }).first().click()]);
    await step({ url: LINKED_B_URL, length: 3, reader: goldOf(B).title });

    await page.goBack();
    await step({ url: home.servedUrl, length: 3, reader: null });
    await page.goBack();
    await step({ url: a.servedUrl, length: 3, reader: goldOf(A).title });
    expect(await page.goBack(), 'nothing before the first page').toBeNull();
    expect(page.url()).toBe(a.servedUrl);
    await page.goForward();
    await step({ url: home.servedUrl, length: 3, reader: null });
    await page.goForward();
    await step({ url: LINKED_B_URL, length: 3, reader: goldOf(B).title });
    await page.close();
  });

  it('follows a site that changes page with history.pushState, and back with popstate', async () => {
    const a = fixture(A);
    const b = fixture(B);
    const { page } = await openFreshTab(browser, a.servedUrl);
    await expectReader(page, goldOf(A).title);
    const lengthBefore = (await pageState(page)).historyLength;
    // The site as a single-page app: it swaps its content and its title, and pushes the address.
    await page.evaluate(
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
        const w = window as unknown as { __spa: { go(url: string): void; back(): void; log: string[] } };
        const log: string[] = [];
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
      const log = await page.evaluate(() => (window as unknown as { __spa: { log: string[] } }).__spa.log);
      const at = (what: string) => Number(log.find((l) => l.startsWith(what))?.split(' ')[1] ?? NaN);
      return { log: log.map((l) => l.split(' ')[0]), closed: at('closed') - at('go'), opened: at('opened') - at('go') };
    };

    await page.evaluate((url) => (window as unknown as { __spa: { go(url: string): void } }).__spa.go(url), b.servedUrl);
    await expectReader(page, goldOf(B).title, 2_500);
    let timing = await elapsed();
    expect(timing.log, 'the reader closed, then opened again').toEqual(['go', 'closed', 'opened']);
    expect(timing.opened, 'ms from pushState to the new reader').toBeLessThan(2_000);
    expect(await pageState(page)).toMatchObject({ url: b.servedUrl, historyLength: lengthBefore + 1, hosts: 1 });

    await page.evaluate(() => (window as unknown as { __spa: { back(): void } }).__spa.back());
    await expectReader(page, goldOf(A).title, 2_500);
    timing = await elapsed();
    expect(timing.log).toEqual(['go', 'closed', 'opened']);
    expect(timing.opened, 'ms from history.back() to the reader').toBeLessThan(2_000);
    expect(await pageState(page)).toMatchObject({ url: a.servedUrl, historyLength: lengthBefore + 1, hosts: 1 });
    await page.close();
  });

  it('adds another site by its pattern in the options (bad patterns explained), reads it, and removes it', async () => {
    const options = await openOptions();
    const input = options.locator('form.add-site input[name="autoSite"]');
    const add = options.locator('form.add-site button[type="submit"]');
    const message = options.locator('#auto-site-message');
    for (const [typed, key] of [['*', 'autoSiteTooWide'], ['ftp://x', 'autoSiteScheme']] as const) {
      await input.fill(typed);
      await add.click();
      await expect.poll(() => message.innerText(), { message: `message for ${typed}` }).toBe(en(key));
    }
    await options.screenshot({ path: resolve(OUT, 'auto-options-bad-pattern.png'), fullPage: true });
    expect((await storedSettings())?.autoMode?.sites).toEqual([]);
    await expectAutoMatches(QAZAQ24_MATCHES);

    // Before: the site's page is the site's alone.
    const before = await browser.context.newPage();
    await before.goto(OTHER_URL);
    await expectOriginal(before, OTHER_TITLE, 1_500);
    await before.close();

    // The reader allows Oqy on the site in chrome://extensions (see grantSiteAccess for why this
    // way); Oqy holds nothing yet until it asks.
    await grantSiteAccess(browser, OTHER_PATTERN);
    expect(await hasHostPermission(browser.worker, OTHER_PATTERN)).toBe(false);

    await options.bringToFront();
    await input.fill(OTHER_HOST);
    await add.click();
    // Granted at once, with no dialog: the site is listed and the input cleared.
    const remove = options.locator(`[data-remove-site="${OTHER_PATTERN}"]`);
    await remove.waitFor({ timeout: 5_000 });
    expect(await message.innerText()).toBe('');
    expect(await input.inputValue()).toBe('');
    expect(await hasHostPermission(browser.worker, OTHER_PATTERN)).toBe(true);
    expect((await storedSettings())?.autoMode?.sites).toEqual([OTHER_PATTERN]);
    await expectAutoMatches([...QAZAQ24_MATCHES, OTHER_PATTERN]);
    await options.screenshot({ path: resolve(OUT, 'auto-options-site.png'), fullPage: true });

    const page = await browser.context.newPage();
    await page.goto(OTHER_URL);
    await expectReader(page, OTHER_TITLE);
    const reader = overlayIn(page).locator('.oqy-reader');
    const body = collapse(await reader.locator('.oqy-body').innerText());
    expect(body).toContain(OTHER_PARAGRAPHS[0]);
    expect(body).toContain(OTHER_PARAGRAPHS.at(-1));
    expect(body).not.toContain(OTHER_CHROME);
    expect(body).not.toContain('\u00a9 Steppe Weekly');
    await page.screenshot({ path: resolve(OUT, 'auto-other-site.png') });

    await options.bringToFront();
    await remove.click();
    await expect.poll(() => options.locator('[data-remove-site]').count()).toBe(0);
    // The focus does not fall to the page's start with the removed button: it is on the field.
    expect(await options.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('autoSite');
    await expectAutoMatches(QAZAQ24_MATCHES);
    await expect.poll(() => hasHostPermission(browser.worker, OTHER_PATTERN)).toBe(false);
    expect((await storedSettings())?.autoMode?.sites).toEqual([]);
    await page.reload();
    await expectOriginal(page, OTHER_TITLE, 1_500);
    await page.close();
    await options.close();
  });

  it('never shows the page before the reader: every frame is covered by the loading frame or the reader', async () => {
    await expectAutoMatches(QAZAQ24_MATCHES);
    const on = await probedVisit(fixture(A).servedUrl, TICKER_KK, 3_000, 'auto-frame');
    autoFrames = on.frames;
    writeFileSync(resolve(OUT, 'auto-probe.txt'), `${summary(on.frames).join('\n')}\n`);
    expect(on.frames.length).toBeGreaterThanOrEqual(3);
    // From the first frame drawn: the loading frame, then the reader, covering the page.
    for (const [i, f] of on.frames.entries()) {
      expect(f.host && f.hostCovers, `frame ${i}: ${summary([f])[0]}`).toBe(true);
      expect(tickerSeen(f), `frame ${i}: ${summary([f])[0]}`).toBe(false);
    }
    const last = on.frames.at(-1)!;
    expect(last).toMatchObject({ host: true, loading: false, hostCovers: true, readerCovers: true, htmlHidden: false, headlinesSeen: 0 });
    expect(await overlayEvaluate(on.page, (root) => !!root?.querySelector('.oqy-reader h1[data-testid="title"]')), 'the reader shows its title').toBe(true);
    expect(on.shots, 'screencast frames saved').toBeGreaterThanOrEqual(1);
    await on.page.close();

    // The probe can see a flash: with auto mode off (switched off in the options), the ticker is on screen.
    const options = await openOptions();
    const auto = options.locator('input[name="autoQazaq24"]');
    expect(await auto.isChecked()).toBe(true);
    await auto.click();
    await expectAutoMatches(null);
    try {
      const off = await probedVisit(fixture(A).servedUrl, TICKER_KK, 1_500, 'auto-off-frame');
      writeFileSync(resolve(OUT, 'auto-off-probe.txt'), `${summary(off.frames).join('\n')}\n`);
      expect(off.frames.some(tickerSeen), summary(off.frames).join('\n')).toBe(true);
      expect(off.frames.some((f) => f.headlinesSeen === TICKER_ALL_KK.length), 'every ticker headline on screen').toBe(true);
      expect(off.frames.every((f) => !f.host && !f.htmlHidden)).toBe(true);
      await off.page.close();
    } finally {
      await options.bringToFront();
      await auto.click();
      await expectAutoMatches(QAZAQ24_MATCHES);
      expect(await auto.isChecked()).toBe(true);
      await options.close();
    }
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
    const page = await browser.context.newPage();
    try {
      await page.setViewportSize({ width: 1280, height: 2000 });
      await page.goto(fixture('article-dollar-ru').servedUrl);
      await expectReader(page, goldOf('article-dollar-ru').title);
      await page.waitForTimeout(300);
      await page.screenshot({ path: resolve(OUT, 'auto-short-tall.png') });
      const box = await overlayEvaluate(page, (root) => {
        const reader = root!.querySelector('.oqy-reader')!.getBoundingClientRect();
        return { readerBottom: Math.round(reader.bottom), window: innerHeight };
      });
      expect(box.readerBottom, `the reader's bottom in a ${box.window} px window`).toBeGreaterThanOrEqual(box.window);
    } finally {
      await page.close();
    }
  });

  it('draws the reader\'s frame in the page\'s first frame, on every article and a stalled one (the times are printed, not asserted: the machine may be busy)', async () => {
    await expectAutoMatches(QAZAQ24_MATCHES);
    const pages = [...ARTICLES.map((name) => ({ name, url: fixture(name).servedUrl })), { name: 'stalled 1.5 s', url: slowUrl(STALLS_MS[0]!) }];
    const visit = async (url: string) => {
      const page = await browser.context.newPage();
      try {
        await page.addInitScript({ content: initScript(readerPaintProbe, { textStrip: TEXT_STRIP_PX }) });
        await page.goto(url, { waitUntil: 'commit' });
        return await readReaderPaint(page, (p) => p.firstFrameAt !== null && p.domContentLoaded !== null, 30_000, url);
      } finally {
        await page.close();
      }
    };
    // The same pages with auto mode off: when each draws its first frame by itself.
    const alone = new Map<string, ReaderPaint>();
    await withAutoOff(async () => {
      for (const p of pages) alone.set(p.name, await visit(p.url));
    });
    const rows: string[] = [];
    for (const p of pages) {
      const on = await visit(p.url);
      const off = alone.get(p.name)!;
      expect(off.hostAt, `${p.name}: no frame with auto mode off`).toBeNull();
      // The host was in the page before its first frame: that frame drew it.
      expect(on.hostInFirstFrame, `${p.name}: ${JSON.stringify(on)}`).toBe(true);
      rows.push(`${p.name}: frame drawn ${on.firstFrameAt} ms, DOMContentLoaded ${on.domContentLoaded} ms; auto off: first frame ${off.firstFrameAt} ms, first contentful paint ${off.firstContentfulPaint} ms`);
    }
    writeFileSync(resolve(OUT, 'auto-first-frame.txt'), `${rows.join('\n')}\n`);
  });

  it('shows the reader\'s frame at once while an article stalls for 1.5 s and for 5 s, says it is still loading, then opens the reader', async () => {
    await expectAutoMatches(QAZAQ24_MATCHES);
    const writer = fixture('article-writer-kk');
    const gold = goldOf('article-writer-kk');
    for (const pauseMs of STALLS_MS) {
      const url = slowUrl(pauseMs);
      const page = await browser.context.newPage();
      try {
        await page.addInitScript({ content: initScript(frameProbe, { headline: TICKER_KK, headlines: TICKER_ALL_KK, limitMs: pauseMs + 20_000, afterReaderFrames: 5 }) });
        const sent = Date.now();
        await page.goto(url, { waitUntil: 'commit' });
        // While the page is stalled: the frame, with the article's title from the page's head.
        const shown = await overlayWaitFor(page, (root) => root?.querySelector('.frame .what')?.textContent ?? null, undefined, 10_000, 'the frame with the title');
        expect(shown).toBe(gold.title);
        if (pauseMs >= 3_000) {
          // On a 5 s stall there is room to see the title came while the page was loading; on 1.5 s a busy machine may read it after.
          expect(await page.evaluate(() => document.readyState), 'the title came while the page was loading').toBe('loading');
          // Past a second of it, the frame says the page is still loading (there is time to see it on a 5 s stall).
          const status = await overlayWaitFor(page, (root, want) => root?.querySelector('.frame [role="status"]')?.textContent === want, en('autoStillLoading'), pauseMs, 'the frame saying "still loading"');
          expect(status).toBe(true);
          expect(await page.evaluate(() => document.readyState), '"still loading" while the page was loading').toBe('loading');
          await page.screenshot({ path: resolve(OUT, 'auto-frame-still-loading.png') });
        }
        const { frames, dcl } = await readFramesAndDcl(page, pauseMs + 30_000);
        const account = `${pauseMs} ms stall, DOMContentLoaded at ${dcl?.toFixed(0)} ms:\n${summary(frames).join('\n')}`;
        writeFileSync(resolve(OUT, `auto-stall-${pauseMs}-probe.txt`), `${account}\n`);
        expect(Date.now() - sent, 'the page really stalled').toBeGreaterThan(pauseMs);
        // From the first frame drawn: the frame or the reader over all of the page, never the page.
        expect(frames.length).toBeGreaterThan(2);
        for (const [i, f] of frames.entries()) {
          expect(f.host && f.readerCovers, `frame ${i}\n${account}`).toBe(true);
          expect(tickerSeen(f) || f.headlinesSeen > 0, `frame ${i}\n${account}`).toBe(false);
        }
        // The frame is in the page's first frame (the next test times that frame).
        expect(dcl, account).not.toBeNull();
        expect(frames[0]!.loading, account).toBe(true);
        // It stayed while the page was stalled, and the reader took over once the page was there.
        expect(frames.filter((f) => f.loading && f.readyState === 'loading').length, account).toBeGreaterThan(5);
        const reader = frames.find((f) => !f.loading);
        expect(reader, account).toBeDefined();
        // Oqy hears DOMContentLoaded before the probe does, so the order of the two times says nothing: the parse was over.
        expect(reader!.readyState, account).not.toBe('loading');
        await expectReader(page, gold.title);
        expect(collapse(await overlayIn(page).locator('.oqy-body').innerText())).toContain(collapse(gold.text[0]!));
      } finally {
        await page.close();
      }
    }
  });

  it('"Show the original page" works while the page is still loading, with a click and from the keyboard, and holds', async () => {
    await expectAutoMatches(QAZAQ24_MATCHES);
    const url = slowUrl(LEAVE_STALL_MS);
    for (const how of ['click', 'keyboard'] as const) {
      const page = await browser.context.newPage();
      try {
        await page.goto(url, { waitUntil: 'commit' });
        await overlayIn(page).locator('.frame .oqy-close').waitFor({ timeout: 10_000 });
        expect(collapse(await overlayIn(page).locator('.frame .oqy-close').innerText())).toContain(en('readerShowOriginal'));
        if (how === 'click') {
          await overlayIn(page).locator('.frame .oqy-close').click();
        } else {
          // It has the focus from the start: Enter presses it.
          expect(await overlayEvaluate(page, (root) => root?.activeElement?.classList.contains('oqy-close') ?? false), 'the button has the focus').toBe(true);
          await page.keyboard.press('Enter');
        }
        expect(await page.evaluate(() => document.readyState), `left while loading (${how})`).toBe('loading');
        await expect.poll(async () => (await pageState(page)).hosts, { timeout: 5_000, message: `the frame went (${how})` }).toBe(0);
        expect((await pageState(page)).inert, 'the page is not inert').toBe(false);
        // The page as it streams in, then all of it; the reader does not come when the HTML is there.
        await page.waitForLoadState('load', { timeout: LEAVE_STALL_MS + 20_000 });
        await expectOriginal(page, TICKER_KK, 1_500);
        expect(await page.locator('h1').first().innerText()).toBe(goldOf('article-writer-kk').title);
      } finally {
        await page.close();
      }
    }
  });

  it('no page rule can show the page through the frame or the reader: visibility, opacity, display, z-index, position, !important, inline', async () => {
    await expectAutoMatches(QAZAQ24_MATCHES);
    const a = fixture(A);
    const urls = HOSTILE.map((h, i) => {
      const url = `http://qazaq24.com/news/hostile-${i}-${1045900 + i}`;
      server.route(url, { type: 'text/html; charset=utf-8', body: hostilePage(a.html, h), pauses: [{ at: a.html.indexOf('<main'), pauseMs: HOSTILE_STALL_MS }] });
      return url;
    });
    const accounts: string[] = [];
    for (const [i, url] of urls.entries()) {
      const on = await probedVisit(url, TICKER_KK, HOSTILE_STALL_MS + 15_000);
      const account = `${HOSTILE[i]!.name}:\n${summary(on.frames).join('\n')}`;
      accounts.push(account);
      try {
        expect(on.frames.some((f) => f.readyState === 'loading' && f.tickerInDom), `the ticker was parsed while loading\n${account}`).toBe(true);
        for (const [n, f] of on.frames.entries()) {
          expect(f.host && f.hostCovers && f.readerCovers, `frame ${n}\n${account}`).toBe(true);
          expect(tickerSeen(f) || f.headlinesSeen > 0, `frame ${n}\n${account}`).toBe(false);
        }
        await expectReader(on.page, goldOf(A).title, 10_000);
      } finally {
        await on.page.close();
      }
    }
    writeFileSync(resolve(OUT, 'auto-hostile-probe.txt'), `${accounts.join('\n\n')}\n`);

    // The probe is not blind: with auto mode off, each of these pages shows its ticker.
    await withAutoOff(async () => {
      for (const [i, url] of urls.entries()) {
        const off = await probedVisit(url, TICKER_KK, HOSTILE_STALL_MS + 1_500);
        expect(off.frames.some((f) => tickerSeen(f) || f.headlinesSeen > 0), `${HOSTILE[i]!.name}, auto off:\n${summary(off.frames).join('\n')}`).toBe(true);
        await off.page.close();
      }
    });
  });

  /** Serves `body` at `url` and waits for the reader over it. */
  async function readerOnServed(url: string, body: string): Promise<void> {
    server.route(url, { type: 'text/html; charset=utf-8', body });
    const page = await browser.context.newPage();
    try {
      await page.goto(url, { waitUntil: 'domcontentloaded' });
      await expectReader(page, goldOf(A).title, 15_000);
    } finally {
      await page.close();
    }
  }

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
    const page = await browser.context.newPage();
    try {
      await page.goto(url, { waitUntil: 'load' });
      const state = () => page.evaluate(() => ({
        inert: document.body.inert,
        reading: document.documentElement.classList.contains('oqy-reading'),
        host: !!document.getElementById('oqy-reader-host'),
        overflow: getComputedStyle(document.documentElement).overflow,
      }));
      await expect.poll(state, { timeout: 15_000, message: 'the page is given back once the frame is gone' }).toEqual({ inert: false, reading: false, host: false, overflow: 'visible' });
      // And it stays so: no reader comes over it later.
      await page.waitForFunction(() => document.readyState === 'complete');
      await page.locator('a:visible').first().click({ trial: true, timeout: 5_000 });
      expect(await state()).toEqual({ inert: false, reading: false, host: false, overflow: 'visible' });
    } finally {
      await page.close();
    }
  });

  it('paints the reader\'s text no later than the page\'s own load event with auto mode off, images served late (median over the articles)', async () => {
    await expectAutoMatches(QAZAQ24_MATCHES);
    const visit = async (name: string, done: (p: ReaderPaint) => boolean) => {
      const page = await browser.context.newPage();
      try {
        await page.addInitScript({ content: initScript(readerPaintProbe, { textStrip: TEXT_STRIP_PX }) });
        await page.goto(fixture(name).servedUrl, { waitUntil: 'commit' });
        return await readReaderPaint(page, done, 30_000, name);
      } finally {
        await page.close();
      }
    };
    const imagesAtOnce = serveImagesLate(server, ARTICLES.map(fixture), IMAGE_DELAY_MS);
    const rows: string[] = [];
    try {
      const on = new Map<string, ReaderPaint>();
      for (const name of ARTICLES) on.set(name, await visit(name, (p) => p.textPaintAt !== null && p.load !== null));
      const off = new Map<string, ReaderPaint>();
      await withAutoOff(async () => {
        for (const name of ARTICLES) off.set(name, await visit(name, (p) => p.load !== null && p.firstContentfulPaint !== null));
      });
      const ratios = ARTICLES.map((name) => {
        const a = on.get(name)!;
        const o = off.get(name)!;
        expect(o.hostAt, `${name}: no reader with auto mode off`).toBeNull();
        rows.push(`${name}: auto on: frame drawn ${a.hostFramedAt} ms, DOMContentLoaded ${a.domContentLoaded} ms, reader in ${a.readyAt} ms, its text painted ${a.textPaintAt} ms (largest-contentful-paint entry ${a.lcpTextAt} ms); auto off: first contentful paint ${o.firstContentfulPaint} ms, DOMContentLoaded ${o.domContentLoaded} ms, load ${o.load} ms`);
        return a.textPaintAt! / o.load!;
      });
      writeFileSync(resolve(OUT, 'auto-text-paint.txt'), `${rows.join('\n')}\nratios ${ratios.map((r) => r.toFixed(2)).join(' ')}\n`);
      expect(median(ratios), rows.join('\n')).toBeLessThanOrEqual(1);
    } finally {
      imagesAtOnce();
    }
  });
});
