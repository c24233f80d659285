/**
 * Oqy's offline library, used the way a reader uses it, in each browser: save three Qazaq24
 * articles from the popup with real clicks (one with two images), save one again, go offline,
 * find them in the library by typed words (with Latin look-alike letters too), read one with its
 * images from storage and no network, restart the browser on the same profile and find the
 * library still there, export it to a file, import that file into a new profile, refuse files
 * that are not a library, import an edited file article by article and take it back with Undo,
 * delete an article and bring it back with Undo (by click and by keyboard), and find an article
 * imported while the search index was still loading.
 *
 * The tests of a browser share one profile and run in order. Needs `npm run build` first.
 * Screenshots go to test-output/<browser>/library*.png and saved-reader-offline.png.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadFixtures, startFixtureServer, type Fixture, type FixtureServer } from '../harness/fixture-server.ts';
import { BROWSERS, launchDriver, LIBRARY_PATH, OPTIONS_PATH, READER_PATH, pollUntil, type Driver, type Tab } from '../harness/driver.ts';
import type { FirefoxDriver } from '../harness/driver-firefox.ts';
import {
  FOREIGN_JSON,
  MARK_SEARCH_ANSWERED,
  NOT_JSON,
  en,
  expectedExportName,
  exportedImageBytes,
  fetchFromFixtureServer,
  libraryFileProblems,
  type LibraryDump,
  oneNewArticleFile,
} from '../harness/library-check.ts';
import {
  dumpLibrary,
  goOffline,
  hold,
  holdState,
  installHolds,
  LIBRARY_VIEWPORT,
  openLibrary,
  recordNetwork,
  release,
  rowIds,
  rowSelector,
  tabOpenedBy,
  waitForImagesFromStorage,
  waitForLibraryReady,
  waitForRows,
  waitHeld,
} from '../harness/library-steps.ts';
import { LIBRARY_FORMAT_VERSION } from '../../src/shared/library-transfer.ts';
import { FIRST_ROWS_KEY } from '../../src/library/first-rows.ts';

const POPUP = { width: 460, height: 640 };

/** The ids of the library's kept first rows (src/library/first-rows.ts), read in an extension page; null where none are kept. */
async function keptRowIds(key: string): Promise<string[] | null> {
  const world = globalThis as unknown as { browser?: { storage: { local: { get(k: string): Promise<Record<string, unknown>> } } }; chrome: { storage: { local: { get(k: string): Promise<Record<string, unknown>> } } } };
  const rows = (await (world.browser ?? world.chrome).storage.local.get(key))[key] as { id: string }[] | undefined;
  return rows ? rows.map((r) => r.id) : null;
}

interface Gold {
  url: string;
  title: string;
  lang: string;
  text: string[];
  images: string[];
}

const fixtures = new Map(loadFixtures().map((f) => [f.name, f]));
function fixture(name: string): Fixture & { gold: Gold } {
  const f = fixtures.get(name);
  if (!f) throw new Error(`fixture ${name} is missing`);
  return f as Fixture & { gold: Gold };
}

const EAGLE = 'article-eagle-kk';
const UNITY = 'article-unity-kk';
const DOLLAR = 'article-dollar-ru';
/** The library's key for an article: the URL the extractor gives (the page's canonical https address). */
const idOf = (name: string) => fixture(name).gold.url;
const NEWEST_FIRST = () => [idOf(EAGLE), idOf(DOLLAR), idOf(UNITY)];
const squash = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, ' ').trim();
const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/** The visible text under `selector`, white space collapsed ('' when there is no such element). */
const textOf = async (tab: Tab, selector: string) => squash(await tab.text(selector));
/** The value of `attribute` on the first match of `selector`, or null. */
const attributeOf = (tab: Tab, selector: string, attribute: string) =>
  tab.evaluate((a) => document.querySelector(a.selector)?.getAttribute(a.attribute) ?? null, { selector, attribute });
/** Waits until the status line of the library page says `want`; the failure says what it said. */
const waitForStatus = (tab: Tab, want: string, what: string, selector = '[role=status]') =>
  pollUntil(async () => (await textOf(tab, selector)) === want, { timeoutMs: 20_000, what: `${what} (the status to say ${JSON.stringify(want)})` }).catch(async (e) => {
    throw new Error(`${(e as Error).message}; it says ${JSON.stringify(await textOf(tab, selector))}`);
  });
/** Whether the page has set the performance mark `mark`. */
const marked = (tab: Tab, mark: string) => tab.evaluate((m) => performance.getEntriesByName(m).length > 0, mark);

describe.each(BROWSERS)('Oqy offline library in %s', (browserName) => {
  const OUT = resolve(import.meta.dirname, '../../test-output', browserName);
  let server: FixtureServer;
  let serverOpen = false;
  let browser: Driver;
  let workDir: string;
  /** The profile that survives a restart; removed at the end. */
  let profileDir: string;
  /** Where Firefox saves downloads (Chromium hands them to the test). */
  let downloadDir: string;
  /** The article tabs the saves were made from, by fixture name. */
  const articleTabs = new Map<string, Tab>();
  const timings: string[] = [];
  /** Bytes of the image the fixture server sends for every /storage/*.jpg. */
  let servedImage: Buffer;
  /** The library as saved, before going offline; compared after the restart and after the import. */
  let savedLibrary: LibraryDump;
  let exportedPath = '';

  async function timed<T>(label: string, work: () => Promise<T>): Promise<T> {
    const started = Date.now();
    try {
      return await work();
    } finally {
      timings.push(`${label}: ${Date.now() - started} ms`);
    }
  }

  /** The article's tab (opened once), once Oqy's toolbar button says the article is ready. */
  async function articleTab(name: string): Promise<Tab> {
    const f = fixture(name);
    let tab = articleTabs.get(name);
    if (!tab || !(await tab.isOpen())) {
      tab = await browser.openTab(f.servedUrl, { viewport: LIBRARY_VIEWPORT });
      articleTabs.set(name, tab);
      const status = await tab.evaluate(() => (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined)?.responseStatus ?? null);
      expect(status, `${f.servedUrl} from the fixture server`).toBe(200);
    }
    await browser.waitForToolbarTitle(tab, [en('actionTitleReady')], 20_000);
    return tab;
  }

  /**
   * What a reader does: the popup for the article's tab, a click on "Save for offline", and the
   * status it ends in. Returns the status text and the server requests made from the click on.
   */
  async function saveFromPopup(name: string): Promise<{ state: string; text: string; requestsAfterClick: string[] }> {
    const popup = await browser.openPopup(await articleTab(name), { viewport: POPUP });
    try {
      const state = await popup.waitFor(
        () => {
          const s = document.querySelector<HTMLElement>('main.popup')?.dataset['state'] ?? 'loading';
          return s !== 'loading' && s;
        },
        undefined,
        { timeoutMs: 30_000, what: 'the popup to leave "loading"' },
      );
      expect(state, await textOf(popup, 'body')).toBe('article');
      // The popup shows the article's images itself: let it show the article and those loads
      // finish before the click, so that the requests after it are the save's own.
      await popup.waitFor(
        () => performance.getEntriesByName('oqy:article-shown').length > 0 && Array.from(document.images).every((img) => img.complete || img.loading === 'lazy'),
        undefined,
        { timeoutMs: 10_000, what: "the popup to show the article and load its images" },
      );
      expect(await textOf(popup, '[data-action="save"]')).toBe(en('saveForOffline'));
      const before = server.requests.length;
      await popup.click('[data-action="save"]');
      const final = await popup.waitFor(
        () => {
          const s = document.querySelector<HTMLElement>('.save-status')?.dataset['saveState'];
          return s === 'done' || s === 'failed' ? s : null;
        },
        undefined,
        { timeoutMs: 30_000, what: 'the save to end (done or failed)' },
      );
      return { state: final ?? '', text: await textOf(popup, '.save-status'), requestsAfterClick: server.requests.slice(before) };
    } finally {
      await popup.close();
    }
  }

  /** Answers the library page has given to searches so far (it marks each with a performance mark). */
  const answers = (tab: Tab) => tab.evaluate((mark) => performance.getEntriesByName(mark).length, MARK_SEARCH_ANSWERED);
  let answersBefore = 0;

  /** Types a query into the search box as a person does (click it, select what is there, type over it). */
  async function search(tab: Tab, query: string): Promise<void> {
    answersBefore = await answers(tab);
    await tab.click('input[type=search][name=q]');
    await tab.press('Control+a');
    if (query) await tab.type(query);
    else await tab.press('Backspace');
    expect(await tab.evaluate(() => document.querySelector<HTMLInputElement>('input[type=search][name=q]')?.value)).toBe(query);
  }

  /**
   * The rows once the page has answered the typed query: at least one answer since the typing
   * began, the expected rows (or a timeout), and then no change for 300 ms, so that an answer to
   * a part of the word typed on the way cannot pass for the answer to the whole word.
   */
  async function searchResult(tab: Tab, expected: readonly string[]): Promise<string[]> {
    await pollUntil(async () => (await answers(tab)) > answersBefore, { timeoutMs: 10_000, what: 'the library to answer the search' });
    await waitForRows(tab, expected);
    let last = await rowIds(tab);
    for (;;) {
      await new Promise((done) => setTimeout(done, 300));
      const now = await rowIds(tab);
      if (JSON.stringify(now) === JSON.stringify(last)) return now;
      last = now;
    }
  }

  /** Deletes the eagle from its row and checks what the page says and keeps meanwhile. */
  async function deleteEagle(page: Tab): Promise<void> {
    const title = fixture(EAGLE).gold.title;
    const remove = `${rowSelector(idOf(EAGLE))} [data-action="delete"]`;
    expect(await attributeOf(page, remove, 'aria-label')).toBe(en('libraryDelete', title));
    await page.click(remove);
    expect(await waitForRows(page, [idOf(DOLLAR), idOf(UNITY)])).toEqual([idOf(DOLLAR), idOf(UNITY)]);
    expect(await textOf(page, '[role=status] span')).toBe(en('libraryDeleted', title));
    expect(await textOf(page, '[role=status] [data-action="undo"]')).toBe(en('libraryUndo'));
    // Focus goes to Undo, so a keyboard user can take the delete back at once.
    await page.waitFor(() => document.activeElement?.matches('[role=status] [data-action="undo"]') ?? false, undefined, { timeoutMs: 5_000, what: 'the focus on Undo' });
    const deleted = await dumpLibrary(page);
    expect(deleted.articles.map((a) => a.id)).toEqual([idOf(DOLLAR), idOf(UNITY)]);
    expect(deleted.imageRecords).toBe(0);
    expect(await textOf(page, '.count')).toBe(en('libraryCount', '2'));
  }

  /** After an Undo: the three rows, an empty status, the library as `before`. */
  async function expectRestored(page: Tab, before: LibraryDump): Promise<void> {
    expect(await waitForRows(page, NEWEST_FIRST())).toEqual(NEWEST_FIRST());
    await waitForStatus(page, '', 'the Undo to end');
    expect(await dumpLibrary(page)).toEqual(before);
    expect(await textOf(page, '.count')).toBe(en('libraryCount', '3'));
  }

  beforeAll(async () => {
    mkdirSync(OUT, { recursive: true });
    workDir = mkdtempSync(join(tmpdir(), `oqy-library-e2e-${browserName}-`));
    profileDir = join(workDir, 'profile');
    downloadDir = join(workDir, 'downloads');
    mkdirSync(downloadDir, { recursive: true });
    server = await startFixtureServer();
    serverOpen = true;
    servedImage = await fetchFromFixtureServer(server.port, '/storage/images/2026/01/burkit-1.jpg');
    expect(servedImage.subarray(1, 4).toString()).toBe('PNG');
    browser = await timed('launch', () => launchDriver(browserName, { server, profileDir, downloadDir }));
  });

  afterAll(async () => {
    await browser?.close();
    if (serverOpen) await server?.close();
    rmSync(workDir, { recursive: true, force: true, maxRetries: 3 });
    if (timings.length) {
      writeFileSync(resolve(OUT, 'library-timings.txt'), `${timings.join('\n')}\n`);
      console.log(`${browserName} library timings:\n  ${timings.join('\n  ')}`);
    }
  });

  it('saves the eagle article from the popup; both its images are fetched and stored', async () => {
    const eagle = fixture(EAGLE);
    const saved = await timed('save eagle (popup click → done)', () => saveFromPopup(EAGLE));
    expect(saved.state, saved.text).toBe('done');
    expect(saved.text).toBe(en('saveDone'));
    // The server log shows both images fetched by the save, after the click.
    const paths = saved.requestsAfterClick.map((u) => new URL(u).pathname);
    for (const image of eagle.gold.images) expect(paths, `requests after the click: ${saved.requestsAfterClick.join(', ')}`).toContain(new URL(image).pathname);

    // What is stored: the article with its two images, as the server sent them.
    const library = await openLibrary(browser);
    const dump = await dumpLibrary(library);
    await library.close();
    expect(dump.articles.map((a) => a.id)).toEqual([idOf(EAGLE)]);
    const stored = dump.articles[0]!;
    expect(stored.title).toBe(eagle.gold.title);
    expect(stored.images.map((i) => new URL(i.url).pathname)).toEqual(eagle.gold.images.map((u) => new URL(u).pathname));
    for (const image of stored.images) {
      expect(image).toMatchObject({ missing: false, size: servedImage.length, bytes: servedImage.length, type: 'image/png', sha256: sha256(servedImage) });
    }
  });

  it('saves the unity and dollar articles; saving the eagle again replaces the earlier copy (3 articles, no duplicate)', async () => {
    // The library page keeps its newest rows for its first script: the eagle alone so far.
    const before = await openLibrary(browser);
    expect(await before.waitFor(keptRowIds, FIRST_ROWS_KEY, { timeoutMs: 20_000, what: 'the page to keep its first rows' })).toEqual([idOf(EAGLE)]);
    await before.close();
    const saveNew = async (name: string) => {
      const saved = await timed(`save ${name}`, () => saveFromPopup(name));
      expect(saved.state, saved.text).toBe('done');
      expect(saved.text).toBe(en('saveDone'));
    };
    // A save with no library page open brings the kept rows up to date (read from the options page).
    await saveNew(UNITY);
    const options = await browser.openExtensionPage(OPTIONS_PATH);
    expect(await options.evaluate(keptRowIds, FIRST_ROWS_KEY)).toEqual([idOf(UNITY), idOf(EAGLE)]);
    await options.close();

    // Saves while a library page is open: it lists each as it lands, the replaced eagle moved to the top.
    const watching = await openLibrary(browser);
    expect(await waitForRows(watching, [idOf(UNITY), idOf(EAGLE)])).toEqual([idOf(UNITY), idOf(EAGLE)]);
    await saveNew(DOLLAR);
    const again = await timed('save eagle again', () => saveFromPopup(EAGLE));
    expect(again.state, again.text).toBe('done');
    expect(again.text).toBe(en('saveUpdated'));
    expect(await waitForRows(watching, NEWEST_FIRST())).toEqual(NEWEST_FIRST());
    expect(await textOf(watching, '.count')).toBe(en('libraryCount', '3'));
    // And finds a word only the dollar article has, saved after the page read its list.
    await search(watching, 'доллара');
    expect(await searchResult(watching, [idOf(DOLLAR)])).toEqual([idOf(DOLLAR)]);
    await watching.close();
    const kept = await browser.openExtensionPage(OPTIONS_PATH);
    expect(await kept.evaluate(keptRowIds, FIRST_ROWS_KEY)).toEqual(NEWEST_FIRST());
    await kept.close();

    const library = await openLibrary(browser);
    savedLibrary = await dumpLibrary(library);
    await library.close();
    // Newest save first: the eagle (saved again last), the dollar, the unity.
    expect(savedLibrary.articles.map((a) => a.id)).toEqual(NEWEST_FIRST());
    // The replaced copy left nothing behind: 2 image records (the eagle's), 3 bodies.
    expect(savedLibrary.imageRecords).toBe(2);
    expect(savedLibrary.bodyRecords).toBe(3);
  });

  it('offline, the library lists the 3 articles newest first and finds them by a word, look-alike letters and all', async () => {
    // Offline: the site's server is gone and the browser has no network.
    await server.close();
    serverOpen = false;
    await goOffline(browser);
    const requestsBefore = server.requests.length;

    // From the eagle's tab: its popup, and "Open the library" in the popup's footer.
    const page = await timed('popup "Open the library" → list shown (offline)', async () => {
      const popup = await browser.openPopup(await articleTab(EAGLE), { viewport: POPUP });
      try {
        await popup.waitFor(() => document.querySelector<HTMLElement>('main.popup')?.dataset['state'] === 'article', undefined, {
          timeoutMs: 20_000,
          what: 'the popup to show the article offline',
        });
        expect(await textOf(popup, '[data-action="open-library"]')).toBe(en('openLibrary'));
        const library = await tabOpenedBy(browser, browser.extensionUrl(LIBRARY_PATH), () => popup.click('[data-action="open-library"]'));
        await library.bringToFront();
        await library.setViewport(LIBRARY_VIEWPORT);
        await waitForLibraryReady(library);
        return library;
      } finally {
        await popup.close().catch(() => undefined);
      }
    });
    for (const tab of articleTabs.values()) await tab.close();
    articleTabs.clear();
    expect(await waitForRows(page, NEWEST_FIRST())).toEqual(NEWEST_FIRST());
    const titles = await page.evaluate(() => Array.from(document.querySelectorAll('[data-article-id] h2.title'), (h) => h.textContent?.trim()));
    expect(titles).toEqual([EAGLE, DOLLAR, UNITY].map((n) => fixture(n).gold.title));
    expect(await textOf(page, '.count')).toBe(en('libraryCount', '3'));
    await page.screenshot(resolve(OUT, 'library.png'));

    // A Kazakh word of the eagle's text: only the eagle.
    await timed('search "бүркіт" answered', async () => {
      await search(page, 'бүркіт');
      expect(await searchResult(page, [idOf(EAGLE)])).toEqual([idOf(EAGLE)]);
    });
    expect(await textOf(page, '.count')).toBe(en('libraryFound', '1', '3'));
    await page.screenshot(resolve(OUT, 'library-search.png'));

    // A Russian word: the dollar article.
    await search(page, 'доллара');
    expect(await searchResult(page, [idOf(DOLLAR)])).toEqual([idOf(DOLLAR)]);

    // The eagle's word again, with a Latin p (U+0070) inside it, as people type on a mixed keyboard.
    const lookalike = 'бүpкіт';
    expect([...lookalike].filter((ch) => ch === 'p')).toHaveLength(1);
    await search(page, lookalike);
    expect(await searchResult(page, [idOf(EAGLE)])).toEqual([idOf(EAGLE)]);

    // A word no article has: nothing, and the page says so.
    await search(page, 'жирафтар');
    expect(await searchResult(page, [])).toEqual([]);
    expect(await textOf(page, 'main .empty')).toBe(en('libraryNoResults'));

    // A capital Latin look-alike at the start, "Cенат"-style: "Cаятшылық" with a Latin C (U+0043).
    await search(page, 'Cаятшылық');
    expect(await searchResult(page, [idOf(EAGLE)])).toEqual([idOf(EAGLE)]);

    // Cleared: all three again.
    await search(page, '');
    expect(await waitForRows(page, NEWEST_FIRST())).toEqual(NEWEST_FIRST());
    expect(server.requests.length).toBe(requestsBefore);
    await page.close();
  });

  it("the first script draws the kept rows as text before the page, and gives way to the page's own list", async () => {
    const page = await openLibrary(browser);
    try {
      // This visit: the first script drew the three rows, and its screen is gone; one list is left.
      expect(await waitForRows(page, NEWEST_FIRST())).toEqual(NEWEST_FIRST());
      // Drawn before the page's own rows were. (Each mark is set a frame after its rows: wait for both.)
      const readMarks = () => page.evaluate(() => ['oqy:library-first-drawn', 'oqy:library-first-screen'].map((m) => performance.getEntriesByName(m).map((e) => e.startTime)));
      await expect.poll(async () => (await readMarks()).every((m) => m.length > 0), { timeout: 15_000 }).toBe(true);
      const marks = await readMarks();
      expect(marks[0], 'the first script drew its rows once').toHaveLength(1);
      expect(marks[0]![0]!, 'the first script drew before the page').toBeLessThan(marks[1]![0]!);
      expect(await page.evaluate(() => ({ first: document.getElementById('first'), screens: document.querySelectorAll('.first-screen').length }))).toEqual({ first: null, screens: 0 });
      // The built script run again into a fresh root: the rows it draws are the page's, in its order, as text.
      const drawn = await page.evaluate(async () => {
        const root = document.createElement('div');
        root.id = 'first';
        document.body.prepend(root);
        const script = document.createElement('script');
        script.src = './first-screen.js';
        document.body.append(script);
        const started = Date.now();
        while (!root.querySelector('.row') && Date.now() - started < 15_000) await new Promise((r) => setTimeout(r, 50));
        const out = {
          titles: Array.from(root.querySelectorAll('.row .title'), (h) => h.textContent),
          langs: Array.from(root.querySelectorAll('.row .title'), (h) => h.getAttribute('lang')),
          controls: root.querySelectorAll('button, input, a, select, img, script').length,
          covers: getComputedStyle(root).position,
        };
        root.remove();
        script.remove();
        return out;
      });
      expect(drawn.titles).toEqual([EAGLE, DOLLAR, UNITY].map((n) => fixture(n).gold.title));
      expect(drawn.langs).toEqual([EAGLE, DOLLAR, UNITY].map((n) => fixture(n).gold.lang));
      expect(drawn.controls).toBe(0);
      expect(drawn.covers).toBe('absolute');
      // Nothing is left over the page's own controls: a real click reaches the search box, and typing goes in it.
      await search(page, 'бүркіт');
      expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('q');
      expect(await searchResult(page, [idOf(EAGLE)])).toEqual([idOf(EAGLE)]);
    } finally {
      await page.close();
    }
  });

  it('reads the eagle offline from the library: title, text and both images from storage, no network', async () => {
    const eagle = fixture(EAGLE);
    const page = await openLibrary(browser);
    const network = await recordNetwork(browser);
    try {
      const read = `${rowSelector(idOf(EAGLE))} [data-action="read"]`;
      expect(await textOf(page, read)).toBe(en('libraryOpen'));
      await timed('Read click → reader with images shown (offline)', async () => {
        await page.click(read);
        await page.waitFor(
          () => {
            const imgs = Array.from(document.querySelectorAll<HTMLImageElement>('[data-testid="body"] img'));
            return location.pathname.endsWith('/src/reader/index.html') && !!document.querySelector('h1[data-testid="title"]') && imgs.length > 0 && imgs.every((i) => i.complete);
          },
          undefined,
          { timeoutMs: 15_000, what: 'the reader to show the saved article with its images loaded' },
        );
      });
      expect(new URL(await page.url()).searchParams.get('saved')).toBe(idOf(EAGLE));
      expect(await textOf(page, 'h1[data-testid="title"]')).toBe(eagle.gold.title);
      const body = await textOf(page, '[data-testid="body"]');
      for (const paragraph of eagle.gold.text) expect(body).toContain(squash(paragraph));
      const images = await page.evaluate(() =>
        Array.from(document.querySelectorAll<HTMLImageElement>('[data-testid="body"] img'), (i) => ({
          src: i.getAttribute('src') ?? '',
          natural: i.naturalWidth,
          shown: i.getBoundingClientRect().width,
          alt: i.alt,
        })),
      );
      expect(images).toHaveLength(2);
      for (const image of images) {
        expect(image.src.startsWith('blob:'), image.src).toBe(true);
        expect(image.natural, `naturalWidth of ${image.alt}`).toBeGreaterThan(0);
        expect(image.shown, `displayed width of ${image.alt}`).toBeGreaterThan(0);
      }
      await page.evaluate(() => {
        document.querySelector('[data-testid="body"] img')?.scrollIntoView({ block: 'nearest' });
        window.scrollTo(0, 0);
      });
      await page.screenshot(resolve(OUT, 'saved-reader-offline.png'), { fullPage: true });
      // Nothing this page loaded came from the network, by its own account and by the browser's.
      const loaded = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name).filter((n) => /^(?:https?|wss?):/.test(n)));
      expect(loaded, 'what the reader page loaded from the network').toEqual([]);
      expect(network.requests, 'requests that left the browser while reading').toEqual([]);
      // The recording sees a request this page makes (so its silence above means none was made).
      const probe = 'http://qazaq24.com/oqy-network-probe';
      await page.evaluate((url) => fetch(url).then(() => true, () => false), probe);
      await pollUntil(async () => network.requests.includes(probe), { timeoutMs: 10_000, what: `the network recording to see ${probe}; it holds ${JSON.stringify(network.requests)}` });
    } finally {
      await network.stop();
      await page.close();
    }
  });

  it('after a browser restart on the same profile, the library still has the 3 articles', async () => {
    const base = browser.extensionBase;
    await timed('browser restart (close + launch)', async () => {
      await browser.restart();
    });
    await goOffline(browser);
    // The same origin, so the same storage.
    expect(browser.extensionBase).toBe(base);
    const page = await openLibrary(browser);
    expect(await waitForRows(page, NEWEST_FIRST())).toEqual(NEWEST_FIRST());
    expect(await dumpLibrary(page)).toEqual(savedLibrary);
    await page.close();
  });

  // Firefox only: an add-on id is Firefox's (browser_specific_settings.gecko.id, which keeps
  // storage over an update); Chromium names an extension by its key or folder, checked above.
  it.runIf(browserName === 'firefox')('Firefox installs the add-on again as oqy@oqy.kz, on the UUID its storage is under', () => {
    const { session, uuid } = browser as FirefoxDriver;
    expect(session.addonId).toBe('oqy@oqy.kz');
    expect(session.extensionBase).toBe(`moz-extension://${uuid}/`);
  });

  it('exports the library to a file that matches docs/library-format.md', async () => {
    const page = await openLibrary(browser);
    try {
      const button = '[data-action="export"]';
      expect(await textOf(page, button)).toBe(en('libraryExport'));
      const clicked = new Date();
      const download = await timed('export click → file downloaded', () => page.download(() => page.click(button), { match: /\.json$/, timeoutMs: 20_000 }));
      // Named by the day of the click (the day may turn while the file is written).
      expect([expectedExportName(clicked), expectedExportName()]).toContain(download.name);
      exportedPath = download.path;
      await waitForStatus(page, en('libraryExported', '3', download.name), 'the export to end');

      const file = JSON.parse(readFileSync(exportedPath, 'utf8'));
      expect(libraryFileProblems(file)).toEqual([]);
      expect(Date.now() - Date.parse(file.exportedAt)).toBeLessThan(120_000);
      expect(file.articles.map((a: { id: string }) => a.id)).toEqual(savedLibrary.articles.map((a) => a.id));
      for (const stored of savedLibrary.articles) {
        const a = file.articles.find((x: { id: string }) => x.id === stored.id);
        expect(a).toMatchObject({ url: stored.url, title: stored.title, lang: stored.lang, savedAt: stored.savedAt, textContent: stored.textContent, contentHtml: stored.contentHtml });
        const bytes = exportedImageBytes(file, stored.id);
        expect(bytes.map((b) => b && { size: b.length, sha256: sha256(b) })).toEqual(stored.images.map((i) => i.sha256 && { size: i.size, sha256: i.sha256 }));
      }
      expect(exportedImageBytes(file, idOf(EAGLE)).map((b) => b?.length)).toEqual([servedImage.length, servedImage.length]);
    } finally {
      await page.close();
    }
  });

  it('imports the file into a new profile: the same ids, titles, text and image bytes; refuses files that are not a library', async () => {
    expect(exportedPath, 'the export test wrote a file').not.toBe('');
    const other = await timed('launch a second browser (new profile)', () => launchDriver(browserName, { server }));
    try {
      await goOffline(other);
      const page = await openLibrary(other);
      expect(await textOf(page, 'main .empty')).toBe(en('libraryEmpty'));
      expect(await rowIds(page)).toEqual([]);
      await timed('import into a new profile (file chosen → rows shown)', async () => {
        await page.setInputFiles('input[name=import]', exportedPath);
        await waitForStatus(page, en('libraryImported', '3'), 'the import to end');
      });
      expect(await waitForRows(page, NEWEST_FIRST())).toEqual(NEWEST_FIRST());

      const imported = await dumpLibrary(page);
      expect(imported.articles.map((a) => a.id)).toEqual(savedLibrary.articles.map((a) => a.id));
      expect(imported.articles.map((a) => a.title)).toEqual(savedLibrary.articles.map((a) => a.title));
      expect(imported.articles.map((a) => a.textContent)).toEqual(savedLibrary.articles.map((a) => a.textContent));
      expect(imported.articles.map((a) => a.images.map((i) => [i.size, i.sha256]))).toEqual(savedLibrary.articles.map((a) => a.images.map((i) => [i.size, i.sha256])));
      // And everything else the library keeps (records, HTML, search words).
      expect(imported).toEqual(savedLibrary);

      // The imported eagle reads offline with its images, like the saved one.
      const reader = await other.openExtensionPage(READER_PATH, { saved: idOf(EAGLE) });
      await waitForImagesFromStorage(reader);
      await reader.close();

      // Files that are not a library: refused with a clear message, and nothing changes.
      const foreign = join(workDir, 'bookmarks.json');
      const notJson = join(workDir, 'notes.json');
      const damaged = join(workDir, 'oqy-library-cut-short.json');
      const newer = join(workDir, 'oqy-library-newer.json');
      writeFileSync(foreign, FOREIGN_JSON);
      writeFileSync(notJson, NOT_JSON);
      const exportedText = readFileSync(exportedPath, 'utf8');
      writeFileSync(damaged, exportedText.slice(0, Math.floor(exportedText.length / 2)));
      writeFileSync(newer, JSON.stringify({ ...JSON.parse(exportedText), version: LIBRARY_FORMAT_VERSION + 1 }));
      // Cut short after its first batch (10 articles: the 3 of the library and 7 new ones) was
      // written: found damaged then, and what it wrote taken back.
      const damagedLate = join(workDir, 'oqy-library-cut-short-late.json');
      const exportedFile = JSON.parse(exportedText) as { articles: Record<string, unknown>[] };
      const extras = Array.from({ length: 12 }, (_, i) => {
        const url = `${String(exportedFile.articles[0]!.url)}-extra-${i}`;
        return { ...exportedFile.articles[0]!, id: url, url, title: `Extra ${i}` };
      });
      const longer = JSON.stringify({ ...exportedFile, articles: [...exportedFile.articles, ...extras] });
      writeFileSync(damagedLate, longer.slice(0, longer.length - 200));
      for (const [file, reason, message] of [
        [foreign, 'foreign', 'libraryImportBadFile'],
        [notJson, 'foreign', 'libraryImportBadFile'],
        [damaged, 'damaged', 'libraryImportDamaged'],
        [newer, 'newer', 'libraryImportNewer'],
        [damagedLate, 'damaged', 'libraryImportDamaged'],
      ] as const) {
        // The refusal of the file before left the status in error: mark it, so that only the
        // answer to this file can clear the mark.
        await page.evaluate(() => document.querySelector<HTMLElement>('[role=status]')!.setAttribute('data-tone', 'none'));
        await page.setInputFiles('input[name=import]', file);
        await page.waitFor(() => document.querySelector('[role=status]')?.getAttribute('data-tone') === 'error', undefined, {
          timeoutMs: 10_000,
          what: `the import to refuse ${file}`,
        });
        expect(await textOf(page, '[role=status]')).toBe(en(message));
        expect(await attributeOf(page, '[role=status]', 'data-detail')).toMatch(new RegExp(`^${reason}: `));
        expect(await rowIds(page)).toEqual(NEWEST_FIRST());
        expect(await dumpLibrary(page)).toEqual(imported);
      }
      await page.screenshot(resolve(OUT, 'library-import-refused.png'));
    } finally {
      await other.close();
    }
  });

  it('imports a file article by article: a bad one named with why, the saves it replaced counted, and Undo takes it all back', async () => {
    expect(exportedPath, 'the export test wrote a file').not.toBe('');
    const file = JSON.parse(readFileSync(exportedPath, 'utf8')) as { articles: Record<string, unknown>[] };
    const eagleAt = file.articles.findIndex((a) => a.id === idOf(EAGLE));
    file.articles[eagleAt] = { ...file.articles[eagleAt], title: 'Қыран бүркіт түрлері (файлдағы нұсқа)' };
    // An article whose id names another site's address than its own: it could replace that one.
    file.articles.push({ ...file.articles[eagleAt], id: 'https://victim.example.kz/news/1', title: 'Жалған мақала' });
    const path = join(workDir, 'oqy-library-edited.json');
    writeFileSync(path, JSON.stringify(file));

    const page = await openLibrary(browser);
    try {
      const before = await dumpLibrary(page);
      await page.setInputFiles('input[name=import]', path);
      await waitForStatus(page, `${en('libraryImported', '3')} ${en('libraryImportReplaced', '3')}`, 'the import to end', '[role=status] span');
      expect(await attributeOf(page, '[role=status]', 'data-tone')).toBe('error');
      expect(await page.evaluate(() => document.querySelectorAll('[role=status] .refused li').length)).toBe(1);
      expect(await textOf(page, '[role=status] .refused li')).toBe(`Жалған мақала: ${en('libraryRefusedAddress')}`);
      expect(await attributeOf(page, '[role=status] .refused li', 'data-reason')).toBe('address');
      expect(await textOf(page, '[role=status] .refused p')).toBe(en('libraryImportRefused', '1'));
      const imported = await dumpLibrary(page);
      expect(imported.articles.find((a) => a.id === idOf(EAGLE))?.title).toBe('Қыран бүркіт түрлері (файлдағы нұсқа)');
      expect(imported.articles.map((a) => a.id).sort()).toEqual(before.articles.map((a) => a.id).sort());
      await page.screenshot(resolve(OUT, 'library-import-partial.png'));

      await page.click('[role=status] [data-action="undo-import"]');
      await waitForStatus(page, en('libraryImportUndone'), 'the Undo of the import to end');
      expect(await dumpLibrary(page)).toEqual(before);
      expect(await waitForRows(page, before.articles.map((a) => a.id))).toEqual(before.articles.map((a) => a.id));
    } finally {
      await page.close();
    }
  });

  it('deletes an article and brings it back with Undo, by a click and by the keyboard', async () => {
    const page = await openLibrary(browser);
    try {
      const before = await dumpLibrary(page);

      await deleteEagle(page);
      await page.click('[role=status] [data-action="undo"]');
      await expectRestored(page, before);

      // Again, and Undo with the keyboard, as the focus is on it: Enter.
      await deleteEagle(page);
      await page.press('Enter');
      await expectRestored(page, before);

      // The restored article still reads with its images: its Read link, clicked.
      await page.click(`${rowSelector(idOf(EAGLE))} [data-action="read"]`);
      await waitForImagesFromStorage(page);
    } finally {
      await page.close();
    }
  });

  it('finds an article imported while the search index was still loading, by a word only it has', async () => {
    expect(exportedPath, 'the export test wrote a file').not.toBe('');
    const { path, url } = oneNewArticleFile(exportedPath, workDir);
    // Another extension page holds transactions open (library-steps.ts), so that things happen
    // in this order: the index starts loading; the import writes its article while the index
    // is still loading; the index arrives; only then does the import end.
    const holder = await browser.openExtensionPage(OPTIONS_PATH);
    let page: Tab | null = null;
    try {
      await installHolds(holder);
      // The stored index: read (held), then a gate the library page's read of it waits behind.
      await hold(holder, 'index', ['searchIndex'], 'readonly');
      await waitHeld(holder, 'index');
      await hold(holder, 'index-gate', ['searchIndex'], 'readwrite');
      page = await openLibrary(browser);
      const library = page;
      await pollUntil(() => marked(library, 'oqy:library-all-loaded'), { timeoutMs: 20_000, what: 'the whole list to load' });
      expect(await marked(library, 'oqy:search-index-ready'), 'the index is held from loading').toBe(false);
      expect(await holdState(holder, 'index-gate'), 'the gate waits for the held read').toBe('waiting');

      // The bodies, read (held): the import's write waits for them.
      await hold(holder, 'bodies', ['bodies'], 'readonly');
      await waitHeld(holder, 'bodies');
      await library.setInputFiles('input[name=import]', path);
      await waitForStatus(library, en('libraryWorking', '0', '1'), 'the import to begin writing');
      // The list: a read and a gate, both after the import's write and before the import reads
      // the list again at its end.
      await hold(holder, 'list', ['articles'], 'readonly');
      await hold(holder, 'list-gate', ['articles'], 'readwrite');
      await release(holder, 'bodies');
      await waitForStatus(library, en('libraryWorking', '1', '1'), 'the import to write its article');
      await waitHeld(holder, 'list');
      expect(await marked(library, 'oqy:search-index-ready'), 'the article was written while the index was loading').toBe(false);
      await release(holder, 'index');
      await pollUntil(() => marked(library, 'oqy:search-index-ready'), { timeoutMs: 20_000, what: 'the index to arrive' });
      expect(await textOf(library, '[role=status]'), 'the index arrived before the import ended').toBe(en('libraryWorking', '1', '1'));
      await release(holder, 'list');
      await waitForStatus(library, en('libraryImported', '1'), 'the import to end');

      await search(library, 'ақбөкен');
      expect(await searchResult(library, [url])).toEqual([url]);
    } finally {
      await release(holder, null).catch(() => undefined);
      await holder.close();
      await page?.close();
    }
  });
});
