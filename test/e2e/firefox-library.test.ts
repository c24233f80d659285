/**
 * Oqy's offline library in Firefox ESR (WebDriver BiDi), used the way a reader uses it: save
 * three Qazaq24 articles from the popup with real mouse clicks (one with two images), save one
 * again, go offline (the fixture server, which is Firefox's proxy, is stopped), find them in
 * the library by typed words (a Latin look-alike letter too), read one with its images from
 * storage, restart Firefox on the same profile (the add-on installed again as a temporary
 * add-on with the same id and the same pinned UUID) and find the library still there, export it
 * to the download folder, import the file into a new profile (BiDi input.setFiles), refuse files
 * that are not a library, delete an article and bring it back with Undo.
 *
 * The tests share one profile and run in order. Needs `npm run build` first. Screenshots go to
 * test-output/firefox/library*.png and saved-reader-offline.png.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadFixtures, startFixtureServer, type Fixture, type FixtureServer } from '../harness/fixture-server.ts';
import { DIST_FIREFOX, launchFirefoxWithExtension, type FirefoxSession, type LaunchOptions } from '../harness/firefox.ts';
import {
  DUMP_LIBRARY,
  FOREIGN_JSON,
  LIBRARY_PATH,
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
import { LIBRARY_FORMAT_VERSION } from '../../src/shared/library-transfer.ts';

const OUT = resolve(import.meta.dirname, '../../test-output/firefox');
const POPUP = { width: 440, height: 600 };
const PAGE = { width: 1100, height: 760 };

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
const idOf = (name: string) => fixture(name).gold.url;
const NEWEST_FIRST = () => [idOf(EAGLE), idOf(DOLLAR), idOf(UNITY)];
const squash = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, ' ').trim();
const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));
const js = (v: unknown) => JSON.stringify(v);

let server: FixtureServer;
let serverOpen = false;
let ff: FirefoxSession;
let workDir: string;
/** The profile that survives the restart, and the add-on UUID pinned in it. */
let profileDir: string;
let downloadDir: string;
const uuid = randomUUID();
const timings: string[] = [];
let servedImage: Buffer;
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

function launchOptions(): LaunchOptions {
  return {
    proxyPort: server.port,
    profileDir,
    uuid,
    prefs: {
      // Downloads go to a known folder without a dialog.
      'browser.download.dir': downloadDir,
      'browser.download.folderList': 2,
      'browser.download.useDownloadDir': true,
      'browser.download.always_ask_before_handling_new_types': false,
      'browser.download.alwaysOpenPanel': false,
    },
  };
}

/** Opens the library page in a new tab and waits until it has read the library. */
async function openLibrary(session: FirefoxSession = ff): Promise<string> {
  const context = await session.openExtensionPage(LIBRARY_PATH);
  await session.setViewport(context, PAGE.width, PAGE.height);
  await waitForLibraryReady(context, session);
  return context;
}

/** The list has been read: the search box is enabled (or the page says the library could not open). */
function waitForLibraryReady(context: string, session: FirefoxSession = ff): Promise<unknown> {
  return session.waitFor(
    context,
    `(() => { const q = document.querySelector('input[type=search][name=q]'); return (q && !q.disabled) || document.querySelector('[role=status]')?.dataset.tone === 'error'; })()`,
    20_000,
  );
}

/** Top-level tabs showing the extension page at `path`. */
async function tabsShowing(path: string): Promise<Array<{ context: string; url: string }>> {
  const { contexts } = await ff.send<{ contexts: Array<{ context: string; url: string }> }>('browsingContext.getTree', { maxDepth: 0 });
  return contexts.filter((c) => c.url.startsWith(`${ff.extensionBase}${path}`));
}

async function waitForValue<T>(get: () => Promise<T | undefined>, timeoutMs: number, what: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await get();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`${what} did not appear in ${timeoutMs} ms`);
    await sleep(100);
  }
}

const ROW_IDS = `Array.from(document.querySelectorAll('[data-article-id]'), (r) => r.dataset.articleId)`;
const rowSelector = (id: string) => `[data-article-id="${id.replace(/["\\]/g, '\\$&')}"]`;
const inRow = (id: string, selector: string) => `document.querySelector(${js(`${rowSelector(id)} ${selector}`)})`;

/** Waits until the list shows exactly these ids in this order; returns what it shows. */
async function waitForRows(context: string, ids: readonly string[], session: FirefoxSession = ff): Promise<string[]> {
  await session.waitFor(context, `(() => { const got = ${ROW_IDS}; return JSON.stringify(got) === ${js(JSON.stringify(ids))}; })()`, 10_000).catch(() => undefined);
  return session.evaluate<string[]>(context, ROW_IDS);
}

const text = (context: string, selector: string, session: FirefoxSession = ff) =>
  session.evaluate<string>(context, `document.querySelector(${js(selector)})?.innerText ?? null`).then(squash);

const dump = (context: string, session: FirefoxSession = ff) => session.evaluate<LibraryDump>(context, DUMP_LIBRARY);

/** Waits until the content script of the tab showing `pageUrl` answers (it loads a moment after the load event). */
async function contentScriptReady(pageUrl: string): Promise<void> {
  const page = await ff.openExtensionPage('src/options/index.html');
  try {
    await ff.waitFor(
      page,
      `browser.tabs.query({}).then((tabs) => {
        const tab = tabs.find((t) => t.url === ${js(pageUrl)});
        return tab ? browser.tabs.sendMessage(tab.id, { type: 'oqy/get-status' }).then(() => true, () => false) : false;
      })`,
      15_000,
    );
  } finally {
    await ff.closeTab(page);
  }
}

const openTabs = new Map<string, string>();

/** The popup for the article's tab, a real click on "Save for offline", and the status it ends in. */
async function saveFromPopup(name: string): Promise<{ state: string; text: string; requestsAfterClick: string[] }> {
  const f = fixture(name);
  if (!openTabs.has(name)) {
    const tab = await ff.openTab(f.servedUrl);
    await ff.setViewport(tab, PAGE.width, PAGE.height);
    openTabs.set(name, tab);
    await contentScriptReady(f.servedUrl);
  }
  const popup = await ff.openExtensionPage(`src/popup/index.html?url=${encodeURIComponent(f.servedUrl)}`);
  try {
    await ff.setViewport(popup, POPUP.width, POPUP.height);
    const state = await ff.waitFor<string>(popup, `(() => { const s = document.querySelector('main.popup')?.dataset.state ?? 'loading'; return s !== 'loading' && s; })()`, 20_000);
    expect(state, await text(popup, 'body')).toBe('article');
    // The popup shows the article's images itself: let those loads end before the click.
    await ff.waitFor(popup, `Array.from(document.images).every((img) => img.complete || img.loading === 'lazy')`, 10_000);
    await sleep(200);
    const button = `document.querySelector('[data-action="save"]')`;
    expect(squash(await ff.evaluate<string>(popup, `${button}.innerText`))).toBe(en('saveForOffline'));
    const before = server.requests.length;
    await ff.click(popup, button);
    const final = await ff.waitFor<string>(
      popup,
      `(() => { const s = document.querySelector('.save-status')?.dataset.saveState; return (s === 'done' || s === 'failed') && s; })()`,
      30_000,
    );
    return { state: final, text: await text(popup, '.save-status'), requestsAfterClick: server.requests.slice(before) };
  } finally {
    await ff.closeTab(popup);
  }
}

/** Holds Control and presses `key` (select all: 'a'). */
async function withControl(context: string, key: string): Promise<void> {
  await ff.send('input.performActions', {
    context,
    actions: [
      {
        type: 'key',
        id: 'keyboard',
        actions: [
          { type: 'keyDown', value: '\uE009' },
          { type: 'keyDown', value: key },
          { type: 'keyUp', value: key },
          { type: 'keyUp', value: '\uE009' },
        ],
      },
    ],
  });
  await ff.send('input.releaseActions', { context });
}

/** Answers the library page has given to searches so far (it marks each with a performance mark). */
const answers = (context: string) => ff.evaluate<number>(context, `performance.getEntriesByName(${js(MARK_SEARCH_ANSWERED)}).length`);
let answersBefore = 0;

/** Types a query into the search box as a person does: click it, select what is there, type over it. */
async function search(context: string, query: string): Promise<void> {
  answersBefore = await answers(context);
  await ff.click(context, `document.querySelector('input[type=search][name=q]')`);
  await withControl(context, 'a');
  if (query) await ff.type(context, query);
  else await ff.press(context, '\uE003'); // Backspace
  expect(await ff.evaluate<string>(context, `document.querySelector('input[name=q]').value`)).toBe(query);
}

/**
 * The rows once the page has answered the typed query: at least one answer since the typing
 * began, the expected rows (or a timeout), and then no change for 300 ms, so that an answer to
 * a part of the word typed on the way cannot pass for the answer to the whole word.
 */
async function searchResult(context: string, expected: readonly string[]): Promise<string[]> {
  await ff.waitFor(context, `performance.getEntriesByName(${js(MARK_SEARCH_ANSWERED)}).length > ${answersBefore}`, 10_000);
  await waitForRows(context, expected);
  let last = await ff.evaluate<string[]>(context, ROW_IDS);
  for (;;) {
    await sleep(300);
    const now = await ff.evaluate<string[]>(context, ROW_IDS);
    if (JSON.stringify(now) === JSON.stringify(last)) return now;
    last = now;
  }
}

/** Every image of the reader body is shown from storage: a blob: URL, loaded, with a width. */
const IMAGES_FROM_STORAGE = `(() => {
  const imgs = Array.from(document.querySelectorAll('[data-testid="body"] img'));
  return imgs.length === 2 && imgs.every((i) => i.complete && i.naturalWidth > 0 && i.getAttribute('src').startsWith('blob:'));
})()`;

/** Gives the file the browser downloaded into `dir` once it is whole (no .part beside it, JSON that parses). */
async function downloadedFile(dir: string, name: string, timeoutMs = 20_000): Promise<string> {
  const path = join(dir, name);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const files = existsSync(dir) ? readdirSync(dir) : [];
    if (files.includes(name) && !files.some((f) => f.endsWith('.part'))) {
      try {
        JSON.parse(readFileSync(path, 'utf8'));
        return path;
      } catch {
        /* still being written */
      }
    }
    if (Date.now() > deadline) throw new Error(`${name} did not arrive in ${dir}; it holds ${JSON.stringify(files)}`);
    await sleep(100);
  }
}

describe('Oqy offline library in Firefox', () => {
  beforeAll(async () => {
    if (!existsSync(resolve(DIST_FIREFOX, 'manifest.json'))) throw new Error(`${DIST_FIREFOX}/manifest.json is missing: run \`npm run build\` first`);
    mkdirSync(OUT, { recursive: true });
    workDir = mkdtempSync(join(tmpdir(), 'oqy-ff-library-e2e-'));
    profileDir = join(workDir, 'profile');
    downloadDir = join(workDir, 'downloads');
    mkdirSync(downloadDir, { recursive: true });
    server = await startFixtureServer();
    serverOpen = true;
    servedImage = await fetchFromFixtureServer(server.port, '/storage/images/2026/01/burkit-1.jpg');
    expect(servedImage.subarray(1, 4).toString()).toBe('PNG');
    ff = await timed('launch + install', () => launchFirefoxWithExtension(launchOptions()));
    expect(ff.addonId).toBe('oqy@oqy.kz');
    expect(ff.uuid).toBe(uuid);
  });

  afterAll(async () => {
    await ff?.close();
    if (serverOpen) await server?.close();
    rmSync(workDir, { recursive: true, force: true, maxRetries: 3 });
    if (timings.length) {
      writeFileSync(resolve(OUT, 'library-timings.txt'), `${timings.join('\n')}\n`);
      console.log(`Firefox library timings:\n  ${timings.join('\n  ')}`);
    }
  });

  it('saves the eagle article from the popup; both its images are fetched and stored', async () => {
    const eagle = fixture(EAGLE);
    const saved = await timed('save eagle (popup click → done)', () => saveFromPopup(EAGLE));
    expect(saved.state, saved.text).toBe('done');
    expect(saved.text).toBe(en('saveDone'));
    const paths = saved.requestsAfterClick.map((u) => new URL(u).pathname);
    for (const image of eagle.gold.images) expect(paths, `requests after the click: ${saved.requestsAfterClick.join(', ')}`).toContain(new URL(image).pathname);

    const library = await openLibrary();
    const stored = await dump(library);
    await ff.closeTab(library);
    expect(stored.articles.map((a) => a.id)).toEqual([idOf(EAGLE)]);
    const article = stored.articles[0]!;
    expect(article.title).toBe(eagle.gold.title);
    expect(article.images.map((i) => new URL(i.url).pathname)).toEqual(eagle.gold.images.map((u) => new URL(u).pathname));
    for (const image of article.images) {
      expect(image).toMatchObject({ missing: false, size: servedImage.length, bytes: servedImage.length, type: 'image/png', sha256: sha256(servedImage) });
    }
  });

  it('saves the unity and dollar articles; saving the eagle again replaces the earlier copy (3 articles, no duplicate)', async () => {
    for (const name of [UNITY, DOLLAR]) {
      const saved = await timed(`save ${name}`, () => saveFromPopup(name));
      expect(saved.state, saved.text).toBe('done');
      expect(saved.text).toBe(en('saveDone'));
    }
    const again = await timed('save eagle again', () => saveFromPopup(EAGLE));
    expect(again.state, again.text).toBe('done');
    expect(again.text).toBe(en('saveUpdated'));

    const library = await openLibrary();
    savedLibrary = await dump(library);
    await ff.closeTab(library);
    expect(savedLibrary.articles.map((a) => a.id)).toEqual(NEWEST_FIRST());
    expect(savedLibrary.imageRecords).toBe(2);
    expect(savedLibrary.bodyRecords).toBe(3);
  });

  it('offline, the library lists the 3 articles newest first and finds them by a word, look-alike letters and all', async () => {
    // Offline: the fixture server is Firefox's proxy; with it gone nothing can be fetched.
    await server.close();
    serverOpen = false;
    const requestsBefore = server.requests.length;

    // From the eagle's tab: its popup, and "Open the library" in the popup's footer.
    const page = await timed('popup "Open the library" → list shown (offline)', async () => {
      const popup = await ff.openExtensionPage(`src/popup/index.html?url=${encodeURIComponent(fixture(EAGLE).servedUrl)}`);
      await ff.waitFor(popup, `document.querySelector('main.popup')?.dataset.state === 'article'`, 20_000);
      const link = `document.querySelector('[data-action="open-library"]')`;
      expect(squash(await ff.evaluate<string>(popup, `${link}.innerText`))).toBe(en('openLibrary'));
      const before = new Set((await tabsShowing(LIBRARY_PATH)).map((t) => t.context));
      await ff.click(popup, link);
      const context = await waitForValue(async () => (await tabsShowing(LIBRARY_PATH)).find((t) => !before.has(t.context))?.context, 10_000, 'a library tab');
      await ff.closeTab(popup);
      await ff.activate(context);
      await ff.setViewport(context, PAGE.width, PAGE.height);
      await waitForLibraryReady(context);
      return context;
    });
    for (const tab of openTabs.values()) await ff.closeTab(tab);
    openTabs.clear();
    expect(await waitForRows(page, NEWEST_FIRST())).toEqual(NEWEST_FIRST());
    const titles = await ff.evaluate<string[]>(page, `Array.from(document.querySelectorAll('[data-article-id] h2.title'), (h) => h.textContent.trim())`);
    expect(titles).toEqual([EAGLE, DOLLAR, UNITY].map((n) => fixture(n).gold.title));
    expect(await text(page, '.count')).toBe(en('libraryCount', '3'));
    await ff.screenshot(page, resolve(OUT, 'library.png'));

    await timed('search "бүркіт" answered', async () => {
      await search(page, 'бүркіт');
      expect(await searchResult(page, [idOf(EAGLE)])).toEqual([idOf(EAGLE)]);
    });
    expect(await text(page, '.count')).toBe(en('libraryFound', '1', '3'));
    await ff.screenshot(page, resolve(OUT, 'library-search.png'));

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
    expect(await text(page, 'main .empty')).toBe(en('libraryNoResults'));

    // A capital Latin look-alike at the start, "Cенат"-style: "Cаятшылық" with a Latin C (U+0043).
    await search(page, 'Cаятшылық');
    expect(await searchResult(page, [idOf(EAGLE)])).toEqual([idOf(EAGLE)]);

    await search(page, '');
    expect(await waitForRows(page, NEWEST_FIRST())).toEqual(NEWEST_FIRST());
    expect(server.requests.length).toBe(requestsBefore);
    await ff.closeTab(page);
  });

  it('reads the eagle offline from the library: title, text and both images from storage, no network', async () => {
    const eagle = fixture(EAGLE);
    const page = await openLibrary();
    const read = inRow(idOf(EAGLE), '[data-action="read"]');
    expect(squash(await ff.evaluate<string>(page, `${read}.innerText`))).toBe(en('libraryOpen'));
    await timed('Read click → reader with images shown (offline)', async () => {
      await ff.click(page, read);
      await ff.waitFor(page, `location.pathname.endsWith('/src/reader/index.html') && document.readyState === 'complete'`, 15_000);
      await ff.waitFor(page, IMAGES_FROM_STORAGE, 15_000);
    });
    expect(await ff.evaluate<string | null>(page, `new URLSearchParams(location.search).get('saved')`)).toBe(idOf(EAGLE));
    expect(await text(page, 'h1[data-testid="title"]')).toBe(eagle.gold.title);
    const body = await text(page, '[data-testid="body"]');
    for (const paragraph of eagle.gold.text) expect(body).toContain(squash(paragraph));
    const images = await ff.evaluate<Array<{ src: string; natural: number; shown: number }>>(
      page,
      `Array.from(document.querySelectorAll('[data-testid="body"] img'), (i) => ({ src: i.getAttribute('src'), natural: i.naturalWidth, shown: i.getBoundingClientRect().width }))`,
    );
    expect(images).toHaveLength(2);
    for (const image of images) {
      expect(image.src.startsWith('blob:'), image.src).toBe(true);
      expect(image.natural).toBeGreaterThan(0);
      expect(image.shown).toBeGreaterThan(0);
    }
    // Nothing this page loaded came from the network.
    const network = await ff.evaluate<string[]>(page, `performance.getEntriesByType('resource').map((e) => e.name).filter((n) => /^(?:https?|wss?):/.test(n))`);
    expect(network).toEqual([]);
    await ff.screenshot(page, resolve(OUT, 'saved-reader-offline.png'), { origin: 'document' });
    await ff.closeTab(page);
  });

  it('after a Firefox restart on the same profile (temporary add-on installed again, same id and UUID), the library still has the 3 articles', async () => {
    await timed('Firefox restart (close + launch + install)', async () => {
      await ff.close();
      ff = await launchFirefoxWithExtension(launchOptions());
    });
    expect(ff.addonId).toBe('oqy@oqy.kz');
    expect(ff.extensionBase).toBe(`moz-extension://${uuid}/`);
    const page = await openLibrary();
    expect(await waitForRows(page, NEWEST_FIRST())).toEqual(NEWEST_FIRST());
    expect(await dump(page)).toEqual(savedLibrary);
    await ff.closeTab(page);
  });

  it('exports the library to a file that matches docs/library-format.md', async () => {
    const page = await openLibrary();
    const name = expectedExportName();
    const button = `document.querySelector('[data-action="export"]')`;
    expect(squash(await ff.evaluate<string>(page, `${button}.innerText`))).toBe(en('libraryExport'));
    exportedPath = await timed('export click → file in the download folder', async () => {
      await ff.click(page, button);
      return downloadedFile(downloadDir, name);
    });
    await ff.waitFor(page, `document.querySelector('[role=status]').innerText.trim() === ${js(en('libraryExported', '3', name))}`, 10_000);

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
    await ff.closeTab(page);
  });

  it('imports the file into a new profile: the same ids, titles, text and image bytes; refuses files that are not a library', async () => {
    expect(exportedPath, 'the export test wrote a file').not.toBe('');
    const other = await launchFirefoxWithExtension({ proxyPort: server.port });
    try {
      const page = await openLibrary(other);
      expect(await text(page, 'main .empty', other)).toBe(en('libraryEmpty'));
      const setFile = async (context: string, path: string) => {
        const element = await other.elementRef(context, `document.querySelector('input[name=import]')`);
        await other.send('input.setFiles', { context, element, files: [path] });
      };
      await timed('import into a new profile (input.setFiles → rows shown)', async () => {
        await setFile(page, exportedPath);
        await other.waitFor(page, `document.querySelector('[role=status]').innerText.trim() === ${js(en('libraryImported', '3'))}`, 20_000);
      });
      expect(await waitForRows(page, NEWEST_FIRST(), other)).toEqual(NEWEST_FIRST());

      const imported = await dump(page, other);
      expect(imported.articles.map((a) => a.id)).toEqual(savedLibrary.articles.map((a) => a.id));
      expect(imported.articles.map((a) => a.title)).toEqual(savedLibrary.articles.map((a) => a.title));
      expect(imported.articles.map((a) => a.textContent)).toEqual(savedLibrary.articles.map((a) => a.textContent));
      expect(imported.articles.map((a) => a.images.map((i) => [i.size, i.sha256]))).toEqual(savedLibrary.articles.map((a) => a.images.map((i) => [i.size, i.sha256])));
      expect(imported).toEqual(savedLibrary);

      // The imported eagle reads offline with its images.
      const reader = await other.openExtensionPage(`src/reader/index.html?saved=${encodeURIComponent(idOf(EAGLE))}`);
      await other.waitFor(reader, IMAGES_FROM_STORAGE, 15_000);
      await other.closeTab(reader);

      const foreign = join(workDir, 'bookmarks.json');
      const notJson = join(workDir, 'notes.json');
      const damaged = join(workDir, 'oqy-library-cut-short.json');
      const newer = join(workDir, 'oqy-library-newer.json');
      writeFileSync(foreign, FOREIGN_JSON);
      writeFileSync(notJson, NOT_JSON);
      const exportedText = readFileSync(exportedPath, 'utf8');
      writeFileSync(damaged, exportedText.slice(0, Math.floor(exportedText.length / 2)));
      writeFileSync(newer, JSON.stringify({ ...JSON.parse(exportedText), version: LIBRARY_FORMAT_VERSION + 1 }));
      for (const [file, reason, message] of [
        [foreign, 'foreign', 'libraryImportBadFile'],
        [notJson, 'foreign', 'libraryImportBadFile'],
        [damaged, 'damaged', 'libraryImportDamaged'],
        [newer, 'newer', 'libraryImportNewer'],
      ] as const) {
        await other.evaluate(page, `document.querySelector('[role=status]').dataset.tone = 'none'`);
        await setFile(page, file);
        await other.waitFor(page, `document.querySelector('[role=status]').dataset.tone === 'error'`, 10_000);
        expect(await text(page, '[role=status]', other)).toBe(en(message));
        expect(await other.evaluate<string>(page, `document.querySelector('[role=status]').dataset.detail`)).toMatch(new RegExp(`^${reason}: `));
        expect(await other.evaluate<string[]>(page, ROW_IDS)).toEqual(NEWEST_FIRST());
        expect(await dump(page, other)).toEqual(imported);
      }
      await other.screenshot(page, resolve(OUT, 'library-import-refused.png'));
    } finally {
      await other.close();
    }
  });

  it('deletes an article and brings it back with Undo', async () => {
    const page = await openLibrary();
    const before = await dump(page);
    const eagle = fixture(EAGLE);
    const remove = inRow(idOf(EAGLE), '[data-action="delete"]');
    expect(await ff.evaluate<string>(page, `${remove}.getAttribute('aria-label')`)).toBe(en('libraryDelete', eagle.gold.title));
    await ff.click(page, remove);
    expect(await waitForRows(page, [idOf(DOLLAR), idOf(UNITY)])).toEqual([idOf(DOLLAR), idOf(UNITY)]);
    expect(await text(page, '[role=status] span')).toBe(en('libraryDeleted', eagle.gold.title));
    const undo = `document.querySelector('[role=status] [data-action="undo"]')`;
    expect(squash(await ff.evaluate<string>(page, `${undo}.innerText`))).toBe(en('libraryUndo'));
    expect(await ff.evaluate<boolean>(page, `${undo} === document.activeElement`)).toBe(true);
    const deleted = await dump(page);
    expect(deleted.articles.map((a) => a.id)).toEqual([idOf(DOLLAR), idOf(UNITY)]);
    expect(deleted.imageRecords).toBe(0);
    expect(await text(page, '.count')).toBe(en('libraryCount', '2'));

    // Undo with the keyboard, as the focus is on it: Enter.
    await ff.press(page, 'Enter');
    expect(await waitForRows(page, NEWEST_FIRST())).toEqual(NEWEST_FIRST());
    await ff.waitFor(page, `document.querySelector('[role=status]').innerText.trim() === ''`, 5_000);
    expect(await dump(page)).toEqual(before);
    expect(await text(page, '.count')).toBe(en('libraryCount', '3'));

    // The restored article still reads with its images: its Read link, clicked.
    await ff.click(page, inRow(idOf(EAGLE), '[data-action="read"]'));
    await ff.waitFor(page, IMAGES_FROM_STORAGE, 15_000);
    await ff.closeTab(page);
  });

  it('finds an article imported while the search index was still loading, by a word only it has', async () => {
    expect(exportedPath, 'the export test wrote a file').not.toBe('');
    const { path, url } = oneNewArticleFile(exportedPath, workDir);
    // Another extension page holds transactions open, so that things happen in this order: the
    // index starts loading; the import writes its article while the index is still loading; the
    // index arrives; only then does the import end. A transaction waits for those created
    // before it on the same stores that write, and one that writes waits for those that read.
    // Firefox runs one writing transaction at a time: those held open only read, and a writing
    // one ("gate") waits behind a held reader and passes once that is released.
    const HOLDS = `(() => {
      const held = (window.oqyHeld = {});
      window.oqyRelease = (name) => (held[name] = 'release');
      window.oqyHold = (name, stores, mode) =>
        new Promise((resolve, reject) => {
          const open = indexedDB.open('oqy-library');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const db = open.result;
            const tx = db.transaction(stores, mode);
            const store = tx.objectStore(stores[0]);
            held[name] = 'waiting';
            tx.oncomplete = tx.onabort = () => ((held[name] = 'over'), db.close());
            // A request at a time keeps a reading transaction open until it is released.
            const spin = () => {
              if (held[name] === 'release') return;
              store.get('oqy-test-hold').onsuccess = () => {
                if (held[name] === 'waiting') held[name] = 'held';
                if (mode === 'readonly') spin();
              };
            };
            spin();
            resolve(true);
          };
        });
      return true;
    })()`;
    const holder = await ff.openExtensionPage('src/options/index.html');
    let page: string | null = null;
    const hold = (name: string, stores: string[], mode: 'readonly' | 'readwrite') => ff.evaluate(holder, `oqyHold(${js(name)}, ${js(stores)}, ${js(mode)})`);
    const waitHeld = (name: string) => ff.waitFor(holder, `oqyHeld[${js(name)}] === 'held'`, 10_000).catch(() => Promise.reject(new Error(`the hold ${name} never began`)));
    const state = (name: string) => ff.evaluate<string>(holder, `oqyHeld[${js(name)}]`);
    const marked = (context: string, mark: string) => ff.evaluate<boolean>(context, `performance.getEntriesByName(${js(mark)}).length > 0`);
    const waitText = (context: string, want: string, what: string) =>
      ff
        .waitFor(context, `document.querySelector('[role=status]').innerText.replace(/\\s+/g, ' ').trim() === ${js(want)}`, 20_000)
        .catch(async () => Promise.reject(new Error(`${what}: the status says ${JSON.stringify(await text(context, '[role=status]'))}`)));
    try {
      await ff.evaluate(holder, HOLDS);
      // The stored index: read (held), then a gate the library page's read of it waits behind.
      await hold('index', ['searchIndex'], 'readonly');
      await waitHeld('index');
      await hold('index-gate', ['searchIndex'], 'readwrite');
      page = await openLibrary();
      const library = page;
      await ff.waitFor(library, `performance.getEntriesByName('oqy:library-all-loaded').length > 0`, 20_000);
      expect(await marked(library, 'oqy:search-index-ready'), 'the index is held from loading').toBe(false);
      expect(await state('index-gate'), 'the gate waits for the held read').toBe('waiting');

      // The bodies, read (held): the import's write waits for them.
      await hold('bodies', ['bodies'], 'readonly');
      await waitHeld('bodies');
      const element = await ff.elementRef(library, `document.querySelector('input[name=import]')`);
      await ff.send('input.setFiles', { context: library, element, files: [path] });
      await waitText(library, en('libraryWorking', '0', '1'), 'the import never began writing');
      // The list: a read and a gate, both after the import's write and before the import reads
      // the list again at its end.
      await hold('list', ['articles'], 'readonly');
      await hold('list-gate', ['articles'], 'readwrite');
      await ff.evaluate(holder, `oqyRelease('bodies')`);
      await waitText(library, en('libraryWorking', '1', '1'), 'the import never wrote its article');
      await waitHeld('list');
      expect(await marked(library, 'oqy:search-index-ready'), 'the article was written while the index was loading').toBe(false);
      await ff.evaluate(holder, `oqyRelease('index')`);
      await ff.waitFor(library, `performance.getEntriesByName('oqy:search-index-ready').length > 0`, 20_000);
      expect(await text(library, '[role=status]'), 'the index arrived before the import ended').toBe(en('libraryWorking', '1', '1'));
      await ff.evaluate(holder, `oqyRelease('list')`);
      await waitText(library, en('libraryImported', '1'), 'the import never ended');

      await search(library, 'ақбөкен');
      expect(await searchResult(library, [url])).toEqual([url]);
    } finally {
      await ff.evaluate(holder, `(() => { for (const name in oqyHeld) oqyRelease(name); return true; })()`).catch(() => undefined);
      await ff.closeTab(holder);
      if (page) await ff.closeTab(page);
    }
  });
});
