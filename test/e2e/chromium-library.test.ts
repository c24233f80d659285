/**
 * Oqy's offline library in Chromium, used the way a reader uses it: save three Qazaq24 articles
 * from the popup (one with two images), save one again, go offline, find them in the library by
 * a word (typed as people type it, with a Latin look-alike letter too), read one with its
 * images from storage and no network, restart the browser on the same profile and find the
 * library still there, export it to a file, import that file into a new profile, refuse files
 * that are not a library, delete an article and bring it back with Undo.
 *
 * The tests share one profile and run in order. Needs `npm run build` first. Screenshots go to
 * test-output/chromium/library*.png and saved-reader-offline.png.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { loadFixtures, startFixtureServer, type Fixture, type FixtureServer } from '../harness/fixture-server.ts';
import { OPTIONS_PATH, launchChromiumWithExtension, tabIdFor, waitForToolbarTitle, type ChromiumWithExtension } from '../harness/chromium.ts';
import { dumpLibrary, openLibraryPage, recordNetwork, rowIds, rowOf, savedReaderUrl, waitForLibraryReady, waitForRows } from '../harness/chromium-library.ts';
import {
  FOREIGN_JSON,
  LIBRARY_PATH,
  MARK_SEARCH_ANSWERED,
  en,
  NOT_JSON,
  exportedImageBytes,
  fetchFromFixtureServer,
  expectedExportName,
  libraryFileProblems,
  type LibraryDump,
  oneNewArticleFile,
} from '../harness/library-check.ts';
import { LIBRARY_FORMAT_VERSION } from '../../src/shared/library-transfer.ts';

const OUT = resolve(import.meta.dirname, '../../test-output/chromium');

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
const squash = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, ' ').trim();
const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

let server: FixtureServer;
let serverOpen = false;
let browser: ChromiumWithExtension;
/** The profile that survives a restart; removed at the end. */
let profileDir: string;
let workDir: string;
const tabs = new Map<string, Page>();
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

async function openArticleTab(name: string): Promise<number> {
  const f = fixture(name);
  let page = tabs.get(name);
  if (!page || page.isClosed()) {
    page = await browser.context.newPage();
    const response = await page.goto(f.servedUrl);
    expect(response?.status(), `${f.servedUrl} from the fixture server`).toBe(200);
    tabs.set(name, page);
  }
  await waitForToolbarTitle(browser.worker, f.servedUrl, [en('actionTitleReady')]);
  return tabIdFor(browser.worker, f.servedUrl);
}

/**
 * What a reader does: the popup for the article's tab, a click on "Save for offline", and the
 * status it ends in. Returns the status text and the server requests made from the click on.
 */
async function saveFromPopup(name: string): Promise<{ state: string; text: string; requestsAfterClick: string[] }> {
  const tabId = await openArticleTab(name);
  const popup = await browser.context.newPage();
  try {
    await popup.setViewportSize({ width: 460, height: 640 });
    await popup.goto(browser.popupUrl({ tab: tabId }));
    await popup.locator('main.popup:not([data-state="loading"])').waitFor({ timeout: 30_000 });
    expect(await popup.locator('main.popup').getAttribute('data-state'), squash(await popup.locator('body').innerText())).toBe('article');
    // The popup shows the article's images itself: let those loads finish before the click, so
    // that the requests after it are the save's own.
    await popup.waitForFunction(() => Array.from(document.images).every((img) => img.complete || img.loading === 'lazy'), undefined, { timeout: 10_000 });
    await popup.waitForTimeout(200);
    const button = popup.locator('[data-action="save"]');
    expect(squash(await button.innerText())).toBe(en('saveForOffline'));
    const before = server.requests.length;
    await button.click();
    const status = popup.locator('.save-status');
    await popup.locator('.save-status[data-save-state="done"], .save-status[data-save-state="failed"]').waitFor({ timeout: 30_000 });
    return {
      state: (await status.getAttribute('data-save-state')) ?? '',
      text: squash(await status.innerText()),
      requestsAfterClick: server.requests.slice(before),
    };
  } finally {
    await popup.close();
  }
}

/** Answers the library page has given to searches so far (it marks each with a performance mark). */
const answers = (page: Page) => page.evaluate((mark) => performance.getEntriesByName(mark).length, MARK_SEARCH_ANSWERED);
let answersBefore = 0;

/** Types a query into the search box as a person does (click it, select what is there, type over it). */
async function search(page: Page, text: string): Promise<void> {
  answersBefore = await answers(page);
  const box = page.locator('input[type=search][name=q]');
  await box.click();
  await page.keyboard.press('Control+A');
  if (text) await page.keyboard.type(text, { delay: 20 });
  else await page.keyboard.press('Backspace');
  expect(await box.inputValue()).toBe(text);
}

/**
 * The rows once the page has answered the typed query: at least one answer since the typing
 * began, the expected rows (or a timeout), and then no change for 300 ms, so that an answer to
 * a part of the word typed on the way cannot pass for the answer to the whole word.
 */
async function searchResult(page: Page, expected: readonly string[]): Promise<string[]> {
  await expect.poll(() => answers(page), { timeout: 10_000 }).toBeGreaterThan(answersBefore);
  await waitForRows(page, expected);
  let last = await rowIds(page);
  for (;;) {
    await page.waitForTimeout(300);
    const now = await rowIds(page);
    if (JSON.stringify(now) === JSON.stringify(last)) return now;
    last = now;
  }
}

describe('Oqy offline library in Chromium', () => {
  beforeAll(async () => {
    mkdirSync(OUT, { recursive: true });
    workDir = mkdtempSync(join(tmpdir(), 'oqy-library-e2e-'));
    profileDir = join(workDir, 'profile');
    server = await startFixtureServer();
    serverOpen = true;
    servedImage = await fetchFromFixtureServer(server.port, '/storage/images/2026/01/burkit-1.jpg');
    expect(servedImage.subarray(1, 4).toString()).toBe('PNG');
    browser = await launchChromiumWithExtension({ serverPort: server.port, userDataDir: profileDir });
  });

  afterAll(async () => {
    await browser?.close();
    if (serverOpen) await server?.close();
    rmSync(workDir, { recursive: true, force: true });
    if (timings.length) {
      writeFileSync(resolve(OUT, 'library-timings.txt'), `${timings.join('\n')}\n`);
      console.log(`Chromium library timings:\n  ${timings.join('\n  ')}`);
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
    const library = await openLibraryPage(browser);
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
    for (const name of [UNITY, DOLLAR]) {
      const saved = await timed(`save ${name}`, () => saveFromPopup(name));
      expect(saved.state, saved.text).toBe('done');
      expect(saved.text).toBe(en('saveDone'));
    }
    const again = await timed('save eagle again', () => saveFromPopup(EAGLE));
    expect(again.state, again.text).toBe('done');
    expect(again.text).toBe(en('saveUpdated'));

    const library = await openLibraryPage(browser);
    savedLibrary = await dumpLibrary(library);
    await library.close();
    // Newest save first: the eagle (saved again last), the dollar, the unity.
    expect(savedLibrary.articles.map((a) => a.id)).toEqual([idOf(EAGLE), idOf(DOLLAR), idOf(UNITY)]);
    // The replaced copy left nothing behind: 2 image records (the eagle's), 3 bodies.
    expect(savedLibrary.imageRecords).toBe(2);
    expect(savedLibrary.bodyRecords).toBe(3);
  });

  it('offline, the library lists the 3 articles newest first and finds them by a word, look-alike letters and all', async () => {
    // Offline: the site's server is gone and the browser has no network.
    await server.close();
    serverOpen = false;
    await browser.context.setOffline(true);
    const requestsBefore = server.requests.length;

    // From the eagle's tab: its popup, and "Open the library" in the popup's footer.
    const page = await timed('popup "Open the library" → list shown (offline)', async () => {
      const tabId = await tabIdFor(browser.worker, fixture(EAGLE).servedUrl);
      const popup = await browser.context.newPage();
      await popup.goto(browser.popupUrl({ tab: tabId }));
      const link = popup.locator('[data-action="open-library"]');
      expect(squash(await link.innerText())).toBe(en('openLibrary'));
      const opened = browser.context.waitForEvent('page', { predicate: (p) => p.url().startsWith(browser.extensionUrl(LIBRARY_PATH)), timeout: 10_000 });
      await link.click();
      const library = await opened;
      await popup.close().catch(() => undefined);
      await library.setViewportSize({ width: 1100, height: 760 });
      await waitForLibraryReady(library);
      return library;
    });
    const newestFirst = [idOf(EAGLE), idOf(DOLLAR), idOf(UNITY)];
    expect(await waitForRows(page, newestFirst)).toEqual(newestFirst);
    const titles = await page.$$eval('[data-article-id] h2.title', (hs) => hs.map((h) => h.textContent?.trim()));
    expect(titles).toEqual([EAGLE, DOLLAR, UNITY].map((n) => fixture(n).gold.title));
    expect(squash(await page.locator('.count').innerText())).toBe(en('libraryCount', '3'));
    await page.screenshot({ path: resolve(OUT, 'library.png') });

    // A Kazakh word of the eagle's text: only the eagle.
    await timed('search "бүркіт" answered', async () => {
      await search(page, 'бүркіт');
      expect(await searchResult(page, [idOf(EAGLE)])).toEqual([idOf(EAGLE)]);
    });
    expect(squash(await page.locator('.count').innerText())).toBe(en('libraryFound', '1', '3'));
    await page.screenshot({ path: resolve(OUT, 'library-search.png') });

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
    expect(squash(await page.locator('main .empty').innerText())).toBe(en('libraryNoResults'));

    // A capital Latin look-alike at the start, "Cенат"-style: "Cаятшылық" with a Latin C (U+0043).
    await search(page, 'Cаятшылық');
    expect(await searchResult(page, [idOf(EAGLE)])).toEqual([idOf(EAGLE)]);

    // Cleared: all three again.
    await search(page, '');
    expect(await waitForRows(page, newestFirst)).toEqual(newestFirst);
    expect(server.requests.length).toBe(requestsBefore);
    await page.close();
  });

  it('reads the eagle offline from the library: title, text and both images from storage, no network', async () => {
    const eagle = fixture(EAGLE);
    const page = await openLibraryPage(browser);
    const network = recordNetwork(browser);
    try {
      const read = rowOf(page, idOf(EAGLE)).locator('[data-action="read"]');
      expect(squash(await read.innerText())).toBe(en('libraryOpen'));
      await timed('Read click → reader with images shown (offline)', async () => {
        await read.click();
        await page.waitForURL((u) => u.pathname.endsWith('/src/reader/index.html'), { timeout: 15_000 });
        await page.locator('h1[data-testid="title"]').waitFor({ timeout: 15_000 });
        await page.waitForFunction(() => {
          const imgs = Array.from(document.querySelectorAll<HTMLImageElement>('[data-testid="body"] img'));
          return imgs.length > 0 && imgs.every((i) => i.complete);
        }, undefined, { timeout: 15_000 });
      });
      expect(new URL(page.url()).searchParams.get('saved')).toBe(idOf(EAGLE));
      expect(squash(await page.locator('h1[data-testid="title"]').innerText())).toBe(eagle.gold.title);
      const body = squash(await page.locator('[data-testid="body"]').innerText());
      for (const paragraph of eagle.gold.text) expect(body).toContain(squash(paragraph));
      const images = await page.$$eval('[data-testid="body"] img', (imgs) =>
        (imgs as HTMLImageElement[]).map((i) => ({ src: i.getAttribute('src') ?? '', natural: i.naturalWidth, shown: i.getBoundingClientRect().width, alt: i.alt })),
      );
      expect(images).toHaveLength(2);
      for (const image of images) {
        expect(image.src.startsWith('blob:'), image.src).toBe(true);
        expect(image.natural, `naturalWidth of ${image.alt}`).toBeGreaterThan(0);
        expect(image.shown, `displayed width of ${image.alt}`).toBeGreaterThan(0);
      }
      await page.locator('[data-testid="body"] img').first().scrollIntoViewIfNeeded();
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({ path: resolve(OUT, 'saved-reader-offline.png'), fullPage: true });
      expect(network.requests, 'requests that left the browser while reading').toEqual([]);
    } finally {
      network.stop();
      await page.close();
    }
  });

  it('after a browser restart on the same profile, the library still has the 3 articles', async () => {
    await timed('browser restart (close + launch)', async () => {
      await browser.close();
      tabs.clear();
      browser = await launchChromiumWithExtension({ serverPort: server.port, userDataDir: profileDir });
    });
    await browser.context.setOffline(true);
    const page = await openLibraryPage(browser);
    const newestFirst = [idOf(EAGLE), idOf(DOLLAR), idOf(UNITY)];
    expect(await waitForRows(page, newestFirst)).toEqual(newestFirst);
    expect(await dumpLibrary(page)).toEqual(savedLibrary);
    await page.close();
  });

  it('exports the library to a file that matches docs/library-format.md', async () => {
    const page = await openLibraryPage(browser);
    try {
      const button = page.locator('[data-action="export"]');
      expect(squash(await button.innerText())).toBe(en('libraryExport'));
      const download = await timed('export click → download', async () => {
        const waiting = page.waitForEvent('download', { timeout: 20_000 });
        await button.click();
        return waiting;
      });
      const name = download.suggestedFilename();
      expect(name).toBe(expectedExportName());
      exportedPath = join(workDir, name);
      await download.saveAs(exportedPath);
      await expect.poll(async () => squash(await page.locator('[role=status]').innerText())).toBe(en('libraryExported', '3', name));

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

  it('imports the file into a new profile: the same ids, titles, text and image bytes', async () => {
    expect(exportedPath, 'the export test wrote a file').not.toBe('');
    const other = await launchChromiumWithExtension({ serverPort: server.port });
    try {
      await other.context.setOffline(true);
      const page = await openLibraryPage(other);
      expect(squash(await page.locator('main .empty').innerText())).toBe(en('libraryEmpty'));
      expect(await rowIds(page)).toEqual([]);
      await timed('import into a new profile (setInputFiles → rows shown)', async () => {
        await page.locator('input[name=import]').setInputFiles(exportedPath);
        await expect.poll(async () => squash(await page.locator('[role=status]').innerText()), { timeout: 20_000 }).toBe(en('libraryImported', '3'));
      });
      const newestFirst = [idOf(EAGLE), idOf(DOLLAR), idOf(UNITY)];
      expect(await waitForRows(page, newestFirst)).toEqual(newestFirst);

      const imported = await dumpLibrary(page);
      expect(imported.articles.map((a) => a.id)).toEqual(savedLibrary.articles.map((a) => a.id));
      expect(imported.articles.map((a) => a.title)).toEqual(savedLibrary.articles.map((a) => a.title));
      expect(imported.articles.map((a) => a.textContent)).toEqual(savedLibrary.articles.map((a) => a.textContent));
      expect(imported.articles.map((a) => a.images.map((i) => [i.size, i.sha256]))).toEqual(savedLibrary.articles.map((a) => a.images.map((i) => [i.size, i.sha256])));
      // And everything else the library keeps (records, HTML, search words).
      expect(imported).toEqual(savedLibrary);

      // The imported eagle reads offline with its images, like the saved one.
      await page.goto(savedReaderUrl(other, idOf(EAGLE)));
      await page.waitForFunction(() => {
        const imgs = Array.from(document.querySelectorAll<HTMLImageElement>('[data-testid="body"] img'));
        return imgs.length === 2 && imgs.every((i) => i.complete && i.naturalWidth > 0 && i.src.startsWith('blob:'));
      }, undefined, { timeout: 15_000 });

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
      const library = await openLibraryPage(other);
      for (const [file, reason, message] of [
        [foreign, 'foreign', 'libraryImportBadFile'],
        [notJson, 'foreign', 'libraryImportBadFile'],
        [damaged, 'damaged', 'libraryImportDamaged'],
        [newer, 'newer', 'libraryImportNewer'],
      ] as const) {
        await library.locator('input[name=import]').setInputFiles(file);
        const status = library.locator('[role=status]');
        await expect.poll(async () => status.getAttribute('data-tone'), { timeout: 10_000 }).toBe('error');
        expect(squash(await status.innerText())).toBe(en(message));
        expect(await status.getAttribute('data-detail')).toMatch(new RegExp(`^${reason}: `));
        expect(await rowIds(library)).toEqual(newestFirst);
        expect(await dumpLibrary(library)).toEqual(imported);
      }
      await library.screenshot({ path: resolve(OUT, 'library-import-refused.png') });
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

    const page = await openLibraryPage(browser);
    try {
      const before = await dumpLibrary(page);
      await page.locator('input[name=import]').setInputFiles(path);
      const status = page.locator('[role=status]');
      await expect.poll(async () => squash(await status.locator('span').first().innerText()), { timeout: 20_000 }).toBe(
        `${en('libraryImported', '3')} ${en('libraryImportReplaced', '3')}`,
      );
      expect(await status.getAttribute('data-tone')).toBe('error');
      const refused = status.locator('.refused li');
      expect(await refused.count()).toBe(1);
      expect(squash(await refused.innerText())).toBe(`Жалған мақала: ${en('libraryRefusedAddress')}`);
      expect(await refused.getAttribute('data-reason')).toBe('address');
      expect(squash(await status.locator('.refused p').innerText())).toBe(en('libraryImportRefused', '1'));
      const imported = await dumpLibrary(page);
      expect(imported.articles.find((a) => a.id === idOf(EAGLE))?.title).toBe('Қыран бүркіт түрлері (файлдағы нұсқа)');
      expect(imported.articles.map((a) => a.id).sort()).toEqual(before.articles.map((a) => a.id).sort());
      await page.screenshot({ path: resolve(OUT, 'library-import-partial.png') });

      await status.locator('[data-action="undo-import"]').click();
      await expect.poll(async () => squash(await status.innerText())).toBe(en('libraryImportUndone'));
      expect(await dumpLibrary(page)).toEqual(before);
      expect(await waitForRows(page, before.articles.map((a) => a.id))).toEqual(before.articles.map((a) => a.id));
    } finally {
      await page.close();
    }
  });

  it('deletes an article and brings it back with Undo', async () => {
    const page = await openLibraryPage(browser);
    try {
      const before = await dumpLibrary(page);
      const eagle = fixture(EAGLE);
      const remove = rowOf(page, idOf(EAGLE)).locator('[data-action="delete"]');
      expect(await remove.getAttribute('aria-label')).toBe(en('libraryDelete', eagle.gold.title));
      await remove.click();
      expect(await waitForRows(page, [idOf(DOLLAR), idOf(UNITY)])).toEqual([idOf(DOLLAR), idOf(UNITY)]);
      const status = page.locator('[role=status]');
      expect(squash(await status.locator('span').innerText())).toBe(en('libraryDeleted', eagle.gold.title));
      const undo = status.locator('[data-action="undo"]');
      expect(squash(await undo.innerText())).toBe(en('libraryUndo'));
      // Focus goes to Undo, so a keyboard user can take the delete back at once.
      expect(await undo.evaluate((el) => el === document.activeElement)).toBe(true);
      const deleted = await dumpLibrary(page);
      expect(deleted.articles.map((a) => a.id)).toEqual([idOf(DOLLAR), idOf(UNITY)]);
      expect(deleted.imageRecords).toBe(0);
      expect(squash(await page.locator('.count').innerText())).toBe(en('libraryCount', '2'));

      await undo.click();
      const newestFirst = [idOf(EAGLE), idOf(DOLLAR), idOf(UNITY)];
      expect(await waitForRows(page, newestFirst)).toEqual(newestFirst);
      await expect.poll(async () => squash(await status.innerText())).toBe('');
      expect(await dumpLibrary(page)).toEqual(before);
      expect(squash(await page.locator('.count').innerText())).toBe(en('libraryCount', '3'));

      // The restored article still reads with its images.
      await page.goto(savedReaderUrl(browser, idOf(EAGLE)));
      await page.waitForFunction(() => {
        const imgs = Array.from(document.querySelectorAll<HTMLImageElement>('[data-testid="body"] img'));
        return imgs.length === 2 && imgs.every((i) => i.complete && i.naturalWidth > 0 && i.src.startsWith('blob:'));
      }, undefined, { timeout: 15_000 });
    } finally {
      await page.close();
    }
  });

  it('finds an article imported while the search index was still loading, by a word only it has', async () => {
    expect(exportedPath, 'the export test wrote a file').not.toBe('');
    const { path, url } = oneNewArticleFile(exportedPath, workDir);
    // Another extension page holds transactions open, so that things happen in this order: the
    // index starts loading; the import writes its article while the index is still loading; the
    // index arrives; only then does the import end. A transaction waits for those created
    // before it on the same stores.
    const HOLDS = `(() => {
      const held = (window.oqyHeld = {});
      window.oqyRelease = (name) => (held[name] = 'release');
      window.oqyHold = (name, stores) =>
        new Promise((resolve, reject) => {
          const open = indexedDB.open('oqy-library');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const db = open.result;
            const tx = db.transaction(stores, 'readwrite');
            const store = tx.objectStore(stores[0]);
            held[name] = 'waiting';
            tx.oncomplete = tx.onabort = () => ((held[name] = 'over'), db.close());
            // A request at a time keeps the transaction open until it is released.
            const spin = () => {
              if (held[name] === 'release') return;
              store.get('oqy-test-hold').onsuccess = () => {
                if (held[name] === 'waiting') held[name] = 'held';
                spin();
              };
            };
            spin();
            resolve();
          };
        });
    })()`;
    const holder = await browser.context.newPage();
    let library: Page | null = null;
    const held = (name: string) => holder.evaluate(`oqyHeld[${JSON.stringify(name)}]`);
    const marked = (page: Page, mark: string) => page.evaluate((m) => performance.getEntriesByName(m).length > 0, mark);
    try {
      await holder.goto(browser.extensionUrl(OPTIONS_PATH));
      await holder.evaluate(HOLDS);
      await holder.evaluate(`oqyHold('index', ['searchIndex'])`);
      await expect.poll(() => held('index'), { timeout: 10_000, message: 'the hold on the stored index never began' }).toBe('held');
      library = await openLibraryPage(browser);
      const page = library;
      await expect.poll(() => marked(page, 'oqy:library-all-loaded'), { timeout: 20_000, message: 'the whole list never loaded' }).toBe(true);
      expect(await marked(page, 'oqy:search-index-ready'), 'the index is held from loading').toBe(false);

      await holder.evaluate(`oqyHold('bodies', ['bodies'])`);
      await expect.poll(() => held('bodies'), { timeout: 10_000, message: 'the hold on the bodies never began' }).toBe('held');
      const status = page.locator('[role=status]');
      const statusText = async () => squash(await status.innerText());
      await page.locator('input[name=import]').setInputFiles(path);
      // The import's write is asked for (it waits for the bodies): a hold on the list now comes
      // after it and before the import reads the list again at its end.
      await expect.poll(statusText, { timeout: 20_000, message: 'the import never began writing' }).toBe(en('libraryWorking', '0', '1'));
      await holder.evaluate(`oqyHold('list', ['articles'])`);
      await holder.evaluate(`oqyRelease('bodies')`);
      await expect.poll(statusText, { timeout: 20_000, message: 'the import never wrote its article' }).toBe(en('libraryWorking', '1', '1'));
      expect(await marked(page, 'oqy:search-index-ready'), 'the article was written while the index was loading').toBe(false);
      await holder.evaluate(`oqyRelease('index')`);
      await expect.poll(() => marked(page, 'oqy:search-index-ready'), { timeout: 20_000, message: 'the index never arrived' }).toBe(true);
      expect(await statusText(), 'the index arrived before the import ended').toBe(en('libraryWorking', '1', '1'));
      await holder.evaluate(`oqyRelease('list')`);
      await expect.poll(statusText, { timeout: 20_000, message: 'the import never ended' }).toBe(en('libraryImported', '1'));

      await search(page, 'ақбөкен');
      expect(await searchResult(page, [url])).toEqual([url]);
    } finally {
      await holder.evaluate(`for (const name in oqyHeld) oqyRelease(name)`).catch(() => undefined);
      await holder.close();
      await library?.close();
    }
  });
});
