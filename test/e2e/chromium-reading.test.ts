/**
 * Reading in Chromium, as a person does: save two Kazakh articles, read one halfway in the
 * library's reader, close it, open it again and find the same paragraph on screen (also at
 * another text size); the library shows the progress and can put unread articles first; the
 * news page's own reader offers to continue there. Highlight three passages of the other
 * article (one with a note), switch to Latin letters and back, reload: the three are there;
 * edit and remove one with the keyboard; find them in the library's Highlights view and export
 * them as Markdown. Export the library and import it into a fresh profile: positions and
 * highlights come back. Export the two articles as one EPUB and read it back. On a news page,
 * highlight an article not yet saved in the reader over the page (its closed root is read and
 * pressed through chromium-overlay.ts): events a script makes do nothing; Esc in the note
 * editor closes the editor only, a second Esc the reader.
 *
 * Needs `npm run build` first. Screenshots go to test-output/chromium/reading-*.png; with
 * OQY_README_SHOTS=1 the two README pictures are written to docs/images/ too.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { loadFixtures, startFixtureServer, type Fixture, type FixtureServer } from '../harness/fixture-server.ts';
import { launchChromiumWithExtension, tabIdFor, waitForToolbarTitle, type ChromiumWithExtension } from '../harness/chromium.ts';
import { dumpLibrary, openLibraryPage, rowIds, rowOf, savedReaderUrl, waitForRows } from '../harness/chromium-library.ts';
import { en, fetchFromFixtureServer, libraryFileProblems } from '../harness/library-check.ts';
import { DUMP_READING, readEpub, selectPhrase, shownHighlights, type DumpedReading } from '../harness/reading-check.ts';
import { HOST_ID, overlayEvaluate, overlayIn, overlayRun, overlayWaitFor, type OverlayLocator } from '../harness/chromium-overlay.ts';

const OUT = resolve(import.meta.dirname, '../../test-output/chromium');
const README_IMAGES = resolve(import.meta.dirname, '../../docs/images');

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
const WRITER = 'article-writer-kk';
const WRITER_PASSAGE = 'алғашқы ертегілер кітабын шығарды';
const idOf = (name: string) => fixture(name).gold.url;
const squash = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, ' ').trim();

/** The three passages highlighted in the eagle article, and the note of the third. */
const PASSAGES = ['ақиық ең сирек кездесетін әрі ең бағалы түр', '«Салбурын» атты саятшылар фестивалі', 'бүркіттің табиғи ортадағы саны азайып'];
const NOTE = 'Қорғау керек: Қызыл кітап';
const KAZAKH_LETTERS = /[әғқңөұүһі]/;

/**
 * The in-page reader sits in a closed shadow root, out of the page's reach: the tests read it
 * and press its controls through the DevTools protocol, in a world of the test's own
 * (chromium-overlay.ts). Clicks are real mouse clicks.
 */
const inPage = (page: Page, selector: string): OverlayLocator => overlayIn(page).locator(selector);
/** Runs an expression of reading-check.ts, written over `root`, on the in-page reader's root. */
const inPageRun = <T>(page: Page, expression: string): Promise<T> => overlayRun<T>(page, expression, { asExpression: true });

/** The reader over the news page, as the page's own script sees it: its host, the root it is given, the class on <html>. */
async function pageSeesReader(page: Page): Promise<{ host: boolean; root: string; reading: boolean }> {
  return page.evaluate((id) => {
    const host = document.getElementById(id);
    return { host: !!host, root: host ? String(host.shadowRoot) : 'no host', reading: document.documentElement.classList.contains('oqy-reading') };
  }, HOST_ID);
}

let server: FixtureServer;
let browser: ChromiumWithExtension;
let workDir: string;
let servedImage: Buffer;
/** The paragraph (its index among the body's blocks, and its text) the first reading stopped at. */
let stoppedAt: { block: number; text: string };
let exportedPath = '';

async function dumpReading(page: Page): Promise<DumpedReading> {
  return (await page.evaluate(DUMP_READING)) as DumpedReading;
}

async function saveFromPopup(name: string): Promise<void> {
  const f = fixture(name);
  const page = await browser.context.newPage();
  const response = await page.goto(f.servedUrl);
  expect(response?.status()).toBe(200);
  await waitForToolbarTitle(browser.worker, f.servedUrl, [en('actionTitleReady')]);
  const tabId = await tabIdFor(browser.worker, f.servedUrl);
  const popup = await browser.context.newPage();
  try {
    await popup.goto(browser.popupUrl({ tab: tabId }));
    await popup.locator('main.popup[data-state="article"]').waitFor({ timeout: 30_000 });
    await popup.locator('[data-action="save"]').click();
    await popup.locator('.save-status[data-save-state="done"]').waitFor({ timeout: 30_000 });
  } finally {
    await popup.close();
    await page.close();
  }
}

/** Opens a saved article in the reader tab at this viewport and waits for its body and reading layer. */
async function openSaved(name: string, viewport = { width: 900, height: 600 }): Promise<Page> {
  const page = await browser.context.newPage();
  await page.setViewportSize(viewport);
  await page.goto(savedReaderUrl(browser, idOf(name)));
  await page.locator('[data-testid="body"] p').first().waitFor({ timeout: 15_000 });
  return page;
}

/** The block elements of the body, as the reading position counts them (innermost blocks with text). */
const BLOCK_TOPS = `(() => {
  const body = document.querySelector('[data-testid="body"]');
  const blocks = Array.from(body.querySelectorAll('p, h2, h3, h4, li, blockquote, figcaption')).filter((el) => el.textContent.trim() && !el.querySelector('p, li'));
  const line = document.querySelector('.oqy-toolbar').getBoundingClientRect().bottom;
  return { line, innerHeight, blocks: blocks.map((el) => ({ top: el.getBoundingClientRect().top, bottom: el.getBoundingClientRect().bottom, text: el.textContent.trim() })) };
})()`;

interface BlockTops {
  line: number;
  innerHeight: number;
  blocks: Array<{ top: number; bottom: number; text: string }>;
}

/** The first block whose bottom is below the reading line: what a reader sees at the top. */
function topBlock(tops: BlockTops): number {
  return tops.blocks.findIndex((b) => b.bottom > tops.line + 1);
}

describe('Reading in Chromium: positions, highlights, export, EPUB', () => {
  beforeAll(async () => {
    mkdirSync(OUT, { recursive: true });
    workDir = mkdtempSync(join(tmpdir(), 'oqy-reading-e2e-'));
    server = await startFixtureServer();
    servedImage = await fetchFromFixtureServer(server.port, '/storage/images/2026/01/burkit-1.jpg');
    browser = await launchChromiumWithExtension({ serverPort: server.port, userDataDir: join(workDir, 'profile') });
    await saveFromPopup(DOLLAR);
    await saveFromPopup(UNITY);
    await saveFromPopup(EAGLE);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    rmSync(workDir, { recursive: true, force: true });
  });

  it('reads halfway, closes, reopens: the same paragraph is at the top; also at a larger text size', async () => {
    const page = await openSaved(UNITY);
    const before = (await page.evaluate(BLOCK_TOPS)) as BlockTops;
    expect(before.blocks.length, 'paragraphs of the unity article').toBeGreaterThan(10);
    expect(topBlock(before)).toBe(0);
    // Scroll as a person does, with the wheel, until the middle paragraph reaches the top.
    const middle = Math.floor(before.blocks.length / 2);
    for (let i = 0; i < 60; i++) {
      const now = (await page.evaluate(BLOCK_TOPS)) as BlockTops;
      if (topBlock(now) >= middle) break;
      await page.mouse.move(450, 400);
      await page.mouse.wheel(0, 300);
      await page.waitForFunction((y) => Math.abs(window.scrollY - y) > 1 || window.scrollY + innerHeight >= document.documentElement.scrollHeight - 1, await page.evaluate(() => window.scrollY), { timeout: 5_000 }).catch(() => undefined);
    }
    const read = (await page.evaluate(BLOCK_TOPS)) as BlockTops;
    const block = topBlock(read);
    expect(block).toBeGreaterThanOrEqual(middle);
    stoppedAt = { block, text: read.blocks[block]!.text };
    // The position is kept once scrolling rests.
    await expect
      .poll(async () => (await dumpReading(page)).reading.find((r) => r.id === idOf(UNITY))?.block, { timeout: 10_000, message: 'the reading position was never stored' })
      .toBe(block);
    const stored = (await dumpReading(page)).reading.find((r) => r.id === idOf(UNITY))!;
    expect(stored.finished).toBe(false);
    expect(stored.percent).toBeGreaterThan(20);
    expect(stored.percent).toBeLessThan(90);
    await page.close();

    const again = await openSaved(UNITY);
    await again.waitForFunction(`(${BLOCK_TOPS.replace(/;\s*$/, '')}).blocks.length > 0 && window.scrollY > 0`, undefined, { timeout: 10_000 });
    const reopened = (await again.evaluate(BLOCK_TOPS)) as BlockTops;
    expect(reopened.blocks[topBlock(reopened)]!.text).toBe(stoppedAt.text);
    // Just under the toolbar, not somewhere below.
    expect(reopened.blocks[topBlock(reopened)]!.top - reopened.line).toBeLessThan(40);
    await again.screenshot({ path: resolve(OUT, 'reading-reopened.png') });

    // A larger text size moves every line; the same paragraph still opens at the top.
    for (let i = 0; i < 4; i++) await again.locator('[data-step="size-more"]').click();
    await again.close();
    const larger = await openSaved(UNITY);
    await larger.waitForFunction(() => window.scrollY > 0, undefined, { timeout: 10_000 });
    const grown = (await larger.evaluate(BLOCK_TOPS)) as BlockTops;
    expect(grown.blocks[topBlock(grown)]!.text).toBe(stoppedAt.text);
    for (let i = 0; i < 4; i++) await larger.locator('[data-step="size-less"]').click();
    await larger.close();
  });

  it('the library shows unread, percent read and finished, and can list unread first', async () => {
    const page = await openLibraryPage(browser);
    try {
      const newest = [idOf(EAGLE), idOf(UNITY), idOf(DOLLAR)];
      expect(await waitForRows(page, newest)).toEqual(newest);
      const unity = rowOf(page, idOf(UNITY)).locator('.progress');
      const percent = (await dumpReading(page)).reading.find((r) => r.id === idOf(UNITY))!.percent;
      await expect.poll(async () => squash(await unity.innerText())).toBe(en('libraryPercentRead', String(Math.round(percent))));
      expect(squash(await rowOf(page, idOf(EAGLE)).locator('.progress').innerText())).toBe(en('libraryUnread'));

      // Read the eagle to its end: it is finished, and goes last with unread first.
      const eagle = await openSaved(EAGLE, { width: 900, height: 600 });
      await eagle.keyboard.press('End');
      await eagle.mouse.move(450, 400);
      await eagle.mouse.wheel(0, 4000);
      await expect.poll(async () => (await dumpReading(eagle)).reading.find((r) => r.id === idOf(EAGLE))?.finished, { timeout: 10_000 }).toBe(true);
      await eagle.close();
      await page.reload();
      await waitForRows(page, newest);
      await expect.poll(async () => squash(await rowOf(page, idOf(EAGLE)).locator('.progress').innerText())).toBe(en('libraryFinished'));
      await page.locator('select[name="order"]').selectOption('unread');
      // Unread (the dollar), part read (the unity), finished (the eagle).
      expect(squash(await rowOf(page, idOf(DOLLAR)).locator('.progress').innerText())).toBe(en('libraryUnread'));
      expect(await waitForRows(page, [idOf(DOLLAR), idOf(UNITY), idOf(EAGLE)])).toEqual([idOf(DOLLAR), idOf(UNITY), idOf(EAGLE)]);
      await page.screenshot({ path: resolve(OUT, 'reading-library-progress.png') });
      if (process.env.OQY_README_SHOTS) copyFileSync(resolve(OUT, 'reading-library-progress.png'), resolve(README_IMAGES, 'library-progress.png'));
      await page.locator('select[name="order"]').selectOption('newest');
      expect(await waitForRows(page, newest)).toEqual(newest);
    } finally {
      await page.close();
    }
  });

  it('the news page reader offers to continue where the reader stopped, and goes there', async () => {
    const f = fixture(UNITY);
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 900, height: 600 });
    try {
      await page.goto(f.servedUrl);
      await waitForToolbarTitle(browser.worker, f.servedUrl, [en('actionTitleReady')]);
      const tabId = await tabIdFor(browser.worker, f.servedUrl);
      await browser.worker.evaluate((id) => (globalThis as unknown as { chrome: { tabs: { sendMessage(id: number, m: unknown): Promise<unknown> } } }).chrome.tabs.sendMessage(id, { type: 'oqy/reader', action: 'open' }), tabId);
      await inPage(page, '[data-testid="resume"]').waitFor({ timeout: 15_000 });
      const offer = await inPage(page, '[data-testid="resume"]').innerText();
      const percent = (await openLibraryReading()).reading.find((r) => r.id === idOf(UNITY))!.percent;
      expect(squash(offer)).toContain(en('readingResumeText', String(Math.round(percent))));
      await page.screenshot({ path: resolve(OUT, 'reading-resume-offer.png') });
      await inPage(page, '[data-action="resume"]').click();
      await overlayWaitFor(
        page,
        (root, text) => {
          const line = root?.querySelector('.oqy-toolbar')?.getBoundingClientRect().bottom;
          if (!root || line === undefined) return false;
          const blocks = Array.from(root.querySelectorAll('[data-testid="body"] p')).filter((p) => p.textContent?.trim());
          const top = blocks.find((b) => b.getBoundingClientRect().bottom > line + 1);
          return !!top && top.textContent?.trim() === text;
        },
        stoppedAt.text,
        10_000,
        'the paragraph the reading stopped at never came to the top of the reader over the page',
      );
      expect(await inPage(page, '[data-testid="resume"]').count()).toBe(0);
    } finally {
      await page.close();
    }
  });

  async function openLibraryReading(): Promise<DumpedReading> {
    const page = await openLibraryPage(browser);
    try {
      return await dumpReading(page);
    } finally {
      await page.close();
    }
  }

  it('highlights three passages of a Kazakh article; they stay through Latin letters and back and a reload', async () => {
    const page = await openSaved(EAGLE, { width: 1000, height: 800 });
    try {
      await page.evaluate(() => window.scrollTo(0, 0));
      for (const [i, passage] of PASSAGES.entries()) {
        expect(await page.evaluate(selectPhrase(passage)), passage).toBe(true);
        const bar = page.locator('[data-testid="highlight-bar"]');
        await bar.waitFor({ timeout: 5_000 });
        if (i === 0) await page.screenshot({ path: resolve(OUT, 'reading-highlight-bar.png') });
        if (i < 2) {
          await bar.locator(`[data-highlight-color="${i === 0 ? 'yellow' : 'green'}"]`).click();
        } else {
          await bar.locator('[data-action="highlight-note"]').click();
          const editor = page.locator('[data-testid="highlight-editor"]');
          await editor.locator('[data-highlight-color="pink"]').click();
          await editor.locator('textarea[name="note"]').fill(NOTE);
          await editor.locator('[data-action="highlight-save"]').click();
        }
        await expect.poll(async () => ((await page.evaluate(shownHighlights())) as unknown[]).length, { timeout: 5_000 }).toBe(i + 1);
      }
      const shown = (await page.evaluate(shownHighlights())) as Array<{ color: string; text: string }>;
      expect(shown.map((h) => [h.color, h.text])).toEqual([
        ['yellow', PASSAGES[0]],
        ['green', PASSAGES[1]],
        ['pink', PASSAGES[2]],
      ]);
      const stored = (await dumpReading(page)).highlights;
      expect(stored.map((h) => [h.articleId, h.exact, h.color, h.note])).toEqual([
        [idOf(EAGLE), PASSAGES[0], 'yellow', ''],
        [idOf(EAGLE), PASSAGES[1], 'green', ''],
        [idOf(EAGLE), PASSAGES[2], 'pink', NOTE],
      ]);

      // Latin letters: the same three passages, shown in Latin.
      await page.locator('[data-script-choice="latin"]').click();
      await page.waitForFunction(() => document.querySelector('[data-testid="body"]')?.textContent?.includes('Salburyn'), undefined, { timeout: 5_000 });
      const latin = (await page.evaluate(shownHighlights())) as Array<{ color: string; text: string }>;
      expect(latin.map((h) => h.text)).toEqual(['aqiyq eñ sirek kezdesetın ärı eñ bağaly tür', '«Salburyn» atty saiatşylar festivalı', 'bürkıttıñ tabiği ortadağy sany azaiyp']);
      await page.screenshot({ path: resolve(OUT, 'reading-highlights-latin.png') });
      await page.locator('[data-script-choice="cyrillic"]').click();
      await page.waitForFunction(() => document.querySelector('[data-testid="body"]')?.textContent?.includes('Салбурын'), undefined, { timeout: 5_000 });
      expect(((await page.evaluate(shownHighlights())) as Array<{ text: string }>).map((h) => h.text)).toEqual(PASSAGES);
      // The choice is stored before the reload (a reload at once would find the Latin one still stored).
      await expect
        .poll(() => browser.worker.evaluate(async () => ((await (globalThis as unknown as { chrome: { storage: { sync: { get(k: string): Promise<Record<string, { reader?: { script?: string } }>> } } } }).chrome.storage.sync.get('settings')).settings?.reader?.script)), { timeout: 5_000 })
        .toBe('cyrillic');

      await page.reload();
      await page.locator('[data-testid="body"] mark').first().waitFor({ timeout: 10_000 });
      const reloaded = (await page.evaluate(shownHighlights())) as Array<{ color: string; text: string }>;
      expect(reloaded.map((h) => [h.color, h.text])).toEqual(shown.map((h) => [h.color, h.text]));
      await page.locator('[data-testid="body"] mark').first().scrollIntoViewIfNeeded();
      await page.screenshot({ path: resolve(OUT, 'reading-highlights.png') });
    } finally {
      await page.close();
    }
  });

  it('a highlight is edited and removed with the keyboard alone', async () => {
    const page = await openSaved(EAGLE, { width: 1000, height: 800 });
    try {
      await page.locator('[data-testid="body"] mark').first().waitFor({ timeout: 10_000 });
      // A fourth highlight, to remove.
      expect(await page.evaluate(selectPhrase('Тұғырға отырғызу'))).toBe(true);
      await page.locator('[data-testid="highlight-bar"] [data-highlight-color="yellow"]').click();
      await expect.poll(async () => ((await page.evaluate(shownHighlights())) as unknown[]).length).toBe(4);

      // Tab from the toolbar's last control reaches the first highlight; Enter opens its editor.
      const first = page.locator('[data-testid="body"] mark[tabindex="0"]').first();
      expect(await first.getAttribute('aria-label')).toBe(en('highlightMark', PASSAGES[0]!));
      await first.focus();
      await page.keyboard.press('Enter');
      const editor = page.locator('[data-testid="highlight-editor"]');
      await editor.waitFor({ timeout: 5_000 });
      expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('note');
      await page.keyboard.type('Ең сирек түрі');
      await first.scrollIntoViewIfNeeded();
      await page.evaluate(() => window.scrollBy(0, -120));
      await page.screenshot({ path: resolve(OUT, 'reading-highlight-editor.png') });
      if (process.env.OQY_README_SHOTS) copyFileSync(resolve(OUT, 'reading-highlight-editor.png'), resolve(README_IMAGES, 'reader-highlights.png'));
      await page.keyboard.press('Shift+Tab'); // back through the colour buttons: pink, then blue
      await page.keyboard.press('Shift+Tab');
      expect(await page.evaluate(() => document.activeElement?.getAttribute('data-highlight-color'))).toBe('blue');
      await page.keyboard.press('Enter');
      expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-pressed'))).toBe('true');
      for (let i = 0; i < 3; i++) await page.keyboard.press('Tab'); // pink, the note, Save
      expect(await page.evaluate(() => document.activeElement?.getAttribute('data-action'))).toBe('highlight-save');
      await page.keyboard.press('Enter');
      await editor.waitFor({ state: 'detached', timeout: 5_000 });
      await expect.poll(async () => (await dumpReading(page)).highlights.find((h) => h.exact === PASSAGES[0])?.note).toBe('Ең сирек түрі');
      expect((await dumpReading(page)).highlights.find((h) => h.exact === PASSAGES[0])?.color).toBe('blue');
      expect(((await page.evaluate(shownHighlights())) as Array<{ color: string }>)[0]!.color).toBe('blue');
      // Focus went back to the mark.
      expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('MARK');

      // Delete on the fourth highlight's mark removes it.
      const fourth = page.locator('[data-testid="body"] mark[data-color="yellow"][tabindex="0"]');
      await fourth.focus();
      await page.keyboard.press('Delete');
      await expect.poll(async () => ((await page.evaluate(shownHighlights())) as unknown[]).length).toBe(3);
      expect(squash(await page.locator('[data-testid="reading-status"]').innerText())).toBe(en('highlightRemoved'));
      expect((await dumpReading(page)).highlights.map((h) => h.exact)).toEqual(PASSAGES);
    } finally {
      await page.close();
    }
  });

  it('the Highlights view lists them with their article, finds them by folded words, exports Markdown', async () => {
    const page = await openLibraryPage(browser);
    try {
      await page.locator('[data-view="highlights"]').click();
      const items = page.locator('[data-highlights-article] li[data-highlight-id]');
      await expect.poll(() => items.count(), { timeout: 10_000 }).toBe(3);
      expect(squash(await page.locator('[data-highlights-article] h2').innerText())).toBe(fixture(EAGLE).gold.title);
      expect((await items.locator('blockquote').allInnerTexts()).map(squash)).toEqual(PASSAGES);
      expect(squash(await items.nth(2).locator('.note').innerText())).toBe(NOTE);
      await page.screenshot({ path: resolve(OUT, 'reading-highlights-view.png') });
      if (process.env.OQY_README_SHOTS) copyFileSync(resolve(OUT, 'reading-highlights-view.png'), resolve(README_IMAGES, 'highlights.png'));

      const search = page.locator('input[name="hq"]');
      // Upper case, a Latin look-alike С (U+0043) and ё-free folding: the festival passage.
      await search.fill('CАЛБУРЫН');
      await expect.poll(() => items.count()).toBe(1);
      expect(squash(await items.locator('blockquote').innerText())).toBe(PASSAGES[1]);
      // In Latin letters, plain (no marks): the Kazakh article is found in either script.
      await search.fill('tabigi');
      await expect.poll(() => items.count()).toBe(1);
      expect(squash(await items.locator('blockquote').innerText())).toBe(PASSAGES[2]);
      // A word of the note.
      await search.fill('кітап');
      await expect.poll(() => items.count()).toBe(1);
      await search.fill('жирафтар');
      await expect.poll(() => items.count()).toBe(0);
      expect(squash(await page.locator('.highlights .empty').innerText())).toBe(en('highlightsNoResults'));
      await search.fill('');
      await expect.poll(() => items.count()).toBe(3);

      const waiting = page.waitForEvent('download', { timeout: 15_000 });
      await page.locator('[data-action="highlights-markdown"]').click();
      const download = await waiting;
      const path = join(workDir, download.suggestedFilename());
      await download.saveAs(path);
      const markdown = readFileSync(path, 'utf8');
      expect(download.suggestedFilename()).toMatch(/^oqy-highlights-\d{4}-\d\d-\d\d\.md$/);
      expect(markdown.split('\n')[0]).toBe(`# ${en('highlightsHeading')}`);
      expect(markdown).toContain(`## [${fixture(EAGLE).gold.title}](${idOf(EAGLE)})`);
      for (const passage of PASSAGES) expect(markdown).toContain(`> ${passage}`);
      expect(markdown).toContain(`**${en('highlightNote')}:** ${NOTE}`);
    } finally {
      await page.close();
    }
  });

  it('exports the library and imports it into a fresh profile: articles, positions and highlights back', async () => {
    const page = await openLibraryPage(browser);
    const before = await dumpReading(page);
    const library = await dumpLibrary(page);
    try {
      const waiting = page.waitForEvent('download', { timeout: 20_000 });
      await page.locator('[data-action="export"]').click();
      const download = await waiting;
      exportedPath = join(workDir, download.suggestedFilename());
      await download.saveAs(exportedPath);
    } finally {
      await page.close();
    }
    const file = JSON.parse(readFileSync(exportedPath, 'utf8'));
    expect(libraryFileProblems(file)).toEqual([]);
    expect(file.version).toBe(2);

    const other = await launchChromiumWithExtension({ serverPort: server.port });
    try {
      const fresh = await openLibraryPage(other);
      await fresh.locator('input[name=import]').setInputFiles(exportedPath);
      await expect.poll(async () => squash(await fresh.locator('[role=status]').innerText()), { timeout: 20_000 }).toBe(en('libraryImported', '3'));
      expect(await dumpLibrary(fresh)).toEqual(library);
      expect(await dumpReading(fresh)).toEqual(before);
      expect(before.reading).toHaveLength(2);
      expect(before.highlights).toHaveLength(3);
      // And the imported articles open where they were left, with their highlights.
      await fresh.setViewportSize({ width: 900, height: 600 });
      await fresh.goto(savedReaderUrl(other, idOf(UNITY)));
      await fresh.waitForFunction(() => window.scrollY > 0, undefined, { timeout: 10_000 });
      const tops = (await fresh.evaluate(BLOCK_TOPS)) as BlockTops;
      expect(tops.blocks[topBlock(tops)]!.text).toBe(stoppedAt.text);
      await fresh.goto(savedReaderUrl(other, idOf(EAGLE)));
      await fresh.locator('[data-testid="body"] mark').first().waitFor({ timeout: 10_000 });
      expect(((await fresh.evaluate(shownHighlights())) as Array<{ text: string }>).map((h) => h.text)).toEqual(PASSAGES);
    } finally {
      await other.close();
    }
  });

  it('exports the two articles as one EPUB: two chapters with their images and the Kazakh letters', async () => {
    const page = await openLibraryPage(browser);
    try {
      await rowOf(page, idOf(EAGLE)).locator('input[name="select"]').check();
      await rowOf(page, idOf(UNITY)).locator('input[name="select"]').check();
      const button = page.locator('[data-action="epub"]');
      expect(squash(await button.innerText())).toBe(en('libraryEpubSelected', '2'));
      const waiting = page.waitForEvent('download', { timeout: 30_000 });
      await button.click();
      const download = await waiting;
      const path = join(workDir, download.suggestedFilename());
      await download.saveAs(path);
      expect(download.suggestedFilename()).toMatch(/^oqy-\d{4}-\d\d-\d\d\.epub$/);
      await expect.poll(async () => squash(await page.locator('[role=status]').innerText())).toBe(en('libraryEpubDone', download.suggestedFilename()));

      const book = readEpub(new Uint8Array(readFileSync(path)));
      expect(book.problems).toEqual([]);
      expect(book.languages).toEqual(['kk']);
      expect(book.chapters.map((c) => c.title)).toEqual([fixture(EAGLE).gold.title, fixture(UNITY).gold.title]);
      const [eagle, unity] = book.chapters;
      expect(eagle!.images).toHaveLength(2);
      for (const image of eagle!.images) expect(Buffer.from(image.bytes).equals(servedImage)).toBe(true);
      for (const chapter of book.chapters) {
        expect(chapter.lang).toBe('kk');
        expect(chapter.text).toMatch(KAZAKH_LETTERS);
      }
      for (const paragraph of fixture(EAGLE).gold.text) expect(squash(eagle!.text)).toContain(squash(paragraph));
      expect(squash(unity!.text)).toContain(squash(fixture(UNITY).gold.text[0]));
      expect(squash(eagle!.text)).toContain(en('epubOriginal'));
      expect(book.fonts.length).toBeGreaterThanOrEqual(4);
      expect(book.fonts.some((f) => f.includes('cyrillic-ext'))).toBe(true);
      expect(await rowIds(page)).toEqual([idOf(EAGLE), idOf(UNITY), idOf(DOLLAR)]);
    } finally {
      await page.close();
    }
  });

  it('on the news page, the first highlight of an article not yet saved saves it, then keeps the highlight; Esc in its note editor closes only the editor', async () => {
    const f = fixture(WRITER);
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 900, height: 700 });
    try {
      await page.goto(f.servedUrl);
      await waitForToolbarTitle(browser.worker, f.servedUrl, [en('actionTitleReady')]);
      const tabId = await tabIdFor(browser.worker, f.servedUrl);
      await browser.worker.evaluate((id) => (globalThis as unknown as { chrome: { tabs: { sendMessage(id: number, m: unknown): Promise<unknown> } } }).chrome.tabs.sendMessage(id, { type: 'oqy/reader', action: 'open' }), tabId);
      await inPage(page, '[data-testid="body"] p').waitFor({ timeout: 15_000 });
      // Not saved: no offer to continue.
      expect(await inPage(page, '[data-testid="resume"]').count()).toBe(0);
      // The page's own script finds the reader's host but gets no root: it cannot reach the bar or the marks.
      expect(await pageSeesReader(page)).toEqual({ host: true, root: 'null', reading: true });
      expect(await overlayEvaluate(page, (root) => root?.mode ?? null)).toBe('closed');
      expect(await inPageRun(page, selectPhrase(WRITER_PASSAGE, 'root'))).toBe(true);
      await inPage(page, '[data-testid="highlight-bar"]').waitFor({ timeout: 5_000 });
      // Were a script to hold the colour button (only the test's world can), its click, not the
      // person's (isTrusted false), would do nothing: the bar stays, and only the person's colour is kept.
      await inPage(page, '[data-testid="highlight-bar"] [data-highlight-color="green"]').evaluate((el) => {
        el.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
      });
      await inPage(page, '[data-testid="highlight-bar"] [data-highlight-color="blue"]').click();
      await expect
        .poll(async () => (await inPageRun<unknown[]>(page, shownHighlights('root'))).length, { timeout: 20_000, message: 'the highlight over the page was never drawn' })
        .toBe(1);
      expect((await inPageRun<Array<{ text: string; color: string }>>(page, shownHighlights('root'))).map((h) => [h.color, h.text])).toEqual([['blue', WRITER_PASSAGE]]);
      expect(squash(await inPage(page, '[data-testid="reading-status"]').innerText())).toBe(en('highlightKept'));
      await page.screenshot({ path: resolve(OUT, 'reading-highlight-in-page.png') });
      // A Delete a script sends at the mark does not remove it (it is still drawn, and stored, below); the person's Enter then opens its editor.
      await inPage(page, 'mark[tabindex="0"]').evaluate((el) => {
        el.dispatchEvent(new KeyboardEvent('keydown', { key: 'Delete', bubbles: true, composed: true }));
      });
      await inPage(page, 'mark[tabindex="0"]').evaluate((el) => el.focus());
      await page.keyboard.press('Enter');
      const editor = inPage(page, '[data-testid="highlight-editor"]');
      await editor.waitFor({ timeout: 5_000 });
      expect((await inPageRun<unknown[]>(page, shownHighlights('root'))).length).toBe(1);
      await inPage(page, '[data-action="highlight-cancel"]').click();
      await overlayWaitFor(page, (root) => !!root?.querySelector('.oqy-reader') && !root.querySelector('[data-testid="highlight-editor"]'), undefined, 5_000, 'Cancel did not close the note editor');

      // Esc in the note editor closes the editor only; the reader stays, and the next Esc closes it.
      await overlayWaitFor(page, (root) => root?.activeElement?.localName === 'mark', undefined, 5_000, 'the focus did not come back to the mark after Cancel');
      await page.keyboard.press('Enter');
      await editor.waitFor({ timeout: 5_000 });
      await overlayWaitFor(page, (root) => root?.activeElement?.getAttribute('name') === 'note', undefined, 5_000, 'the note field did not take the focus');
      await page.keyboard.press('Escape');
      await overlayWaitFor(page, (root) => !root?.querySelector('[data-testid="highlight-editor"]'), undefined, 5_000, 'Esc did not close the note editor');
      // The reader decides on an Esc in a task of its own after the key: once a task queued after it has run, that decision is made.
      await overlayEvaluate(page, () => new Promise((done) => setTimeout(done, 0)));
      expect(await pageSeesReader(page), 'the reader after Esc in its note editor').toEqual({ host: true, root: 'null', reading: true });
      expect(await overlayEvaluate(page, (root) => ({ reader: !!root?.querySelector('.oqy-reader [data-testid="body"] p'), focus: root?.activeElement?.localName ?? null }))).toEqual({ reader: true, focus: 'mark' });
      await page.keyboard.press('Escape');
      await expect.poll(() => pageSeesReader(page), { timeout: 5_000, message: 'the second Esc did not close the reader' }).toEqual({ host: false, root: 'no host', reading: false });
      expect(await overlayEvaluate(page, (root) => root?.mode ?? null), 'a reader root after the second Esc').toBeNull();
    } finally {
      await page.close();
    }
    const library = await openLibraryPage(browser);
    try {
      expect(await waitForRows(library, [idOf(WRITER), idOf(EAGLE), idOf(UNITY), idOf(DOLLAR)])).toEqual([idOf(WRITER), idOf(EAGLE), idOf(UNITY), idOf(DOLLAR)]);
      const stored = (await dumpReading(library)).highlights.filter((h) => h.articleId === idOf(WRITER));
      expect(stored.map((h) => [h.exact, h.color])).toEqual([[WRITER_PASSAGE, 'blue']]);
    } finally {
      await library.close();
    }
  });
});
