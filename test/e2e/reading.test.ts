/**
 * Reading, in each browser, as a person does: save three articles, read one halfway in the
 * library's reader, close it, open it again and find the same paragraph on screen (also at a
 * larger text size); the library shows the progress and can put unread articles first; the news
 * page's own reader offers to continue there. Highlight three passages of another article (one
 * with a note), switch to Latin letters and back, reload: the three are there; edit and remove
 * one with the keyboard; find them in the library's Highlights view and export them as Markdown.
 * Export the library and import it into a fresh profile: positions and highlights come back.
 * Export two articles as one EPUB and read it back. On a news page, highlight an article not yet
 * saved in the reader over the page (its closed root is reached as only a test can, through the
 * driver): events a script makes do nothing; Esc in the note editor closes the editor only, a
 * second Esc the reader.
 *
 * Needs `npm run build` first. Screenshots go to test-output/<browser>/reading-*.png; with
 * OQY_README_SHOTS=1 the README pictures are written to docs/images/ from Chromium's.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startFixtureServer, type FixtureServer } from '../harness/fixture-server.ts';
import { BROWSERS, launchDriver, pollUntil, READER_PATH, type BrowserName, type Driver, type Tab } from '../harness/driver.ts';
import { DUMP_LIBRARY, en, fetchFromFixtureServer, libraryFileProblems, type LibraryDump } from '../harness/library-check.ts';
import { DUMP_READING, readEpub, selectPhrase, shownHighlights, type DumpedReading } from '../harness/reading-check.ts';
import {
  article,
  blockTops,
  blockTopsIn,
  clickInRow,
  openLibrary,
  openReaderOverPage,
  openSaved,
  overReader,
  pageSeesReader,
  retype,
  rowIds,
  rowText,
  saveFromPopup,
  topBlock,
  waitForLibrary,
  waitForRows,
} from '../harness/reading-steps.ts';
import { DEFAULT_SETTINGS } from '../../src/shared/settings-schema.ts';

const README_IMAGES = resolve(import.meta.dirname, '../../docs/images');

const EAGLE = 'article-eagle-kk';
const UNITY = 'article-unity-kk';
const DOLLAR = 'article-dollar-ru';
const WRITER = 'article-writer-kk';
const WRITER_PASSAGE = 'алғашқы ертегілер кітабын шығарды';
const idOf = (name: string) => article(name).id;
const squash = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, ' ').trim();

/** The three passages highlighted in the eagle article, and the note of the third. */
const PASSAGES = ['ақиық ең сирек кездесетін әрі ең бағалы түр', '«Салбурын» атты саятшылар фестивалі', 'бүркіттің табиғи ортадағы саны азайып'];
const LATIN_PASSAGES = ['aqiyq eñ sirek kezdesetın ärı eñ bağaly tür', '«Salburyn» atty saiatşylar festivalı', 'bürkıttıñ tabiği ortadağy sany azaiyp'];
const NOTE = 'Қорғау керек: Қызыл кітап';
const KAZAKH_LETTERS = /[әғқңөұүһі]/;

type Shown = Array<{ color: string; text: string }>;
const dumpReading = (tab: Tab) => tab.evaluateSource<DumpedReading>(DUMP_READING);
const shownInPage = (tab: Tab) => tab.evaluateSource<Shown>(shownHighlights());
const shownOverPage = (tab: Tab) => overReader<Shown>(tab, shownHighlights('root'));
const storedReading = async (tab: Tab, name: string) => (await dumpReading(tab)).reading.find((r) => r.id === idOf(name));

/** The reader's stored settings (null before any was stored). */
const storedReaderSettings = (browser: Driver) =>
  browser.inExtension(async (api) => ((await api.storage.sync.get('settings')) as { settings?: { reader?: { fontSize?: number; script?: string } } }).settings?.reader ?? null);

/** The font size of the body's first paragraph, in CSS pixels. */
const paragraphFontSize = (tab: Tab) => tab.evaluate(() => parseFloat(getComputedStyle(document.querySelector('[data-testid="body"] p')!).fontSize));

describe.each(BROWSERS)('reading in %s: positions, highlights, export, EPUB', (browserName: BrowserName) => {
  const OUT = resolve(import.meta.dirname, `../../test-output/${browserName}`);
  const shot = (tab: Tab, name: string) => tab.screenshot(resolve(OUT, `reading-${name}.png`));
  /** Chromium's pictures are the README's. */
  const readmeShot = (name: string, image: string) => {
    if (process.env.OQY_README_SHOTS && browserName === 'chromium') copyFileSync(resolve(OUT, `reading-${name}.png`), resolve(README_IMAGES, image));
  };

  let server: FixtureServer;
  let browser: Driver;
  /**
   * One step of the text size, as a person who watches the number: the reader shows `to` and
   * has stored it before the next click. (Quicker clicks can lose a step: the reader page
   * takes each stored change as its settings, and a change event of an earlier click that
   * arrives after a later click takes the number back.)
   */
  const stepTextSize = async (tab: Tab, direction: 'more' | 'less', to: number) => {
    await tab.click(`[data-step="size-${direction}"]`);
    await pollUntil(async () => (await tab.text('output[data-value="size"]')) === String(to) && (await storedReaderSettings(browser))?.fontSize === to, {
      timeoutMs: 5_000,
      what: `the reader to show and store the text size ${to}`,
    });
  };
  let workDir: string;
  let downloads: string;
  let servedImage: Buffer;
  /** The block (its index among the body's blocks, and its text) the first reading stopped at. */
  let stoppedAt: { block: number; text: string };

  beforeAll(async () => {
    mkdirSync(OUT, { recursive: true });
    workDir = mkdtempSync(join(tmpdir(), `oqy-reading-${browserName}-`));
    downloads = join(workDir, 'downloads');
    mkdirSync(downloads);
    server = await startFixtureServer();
    servedImage = await fetchFromFixtureServer(server.port, '/storage/images/2026/01/burkit-1.jpg');
    browser = await launchDriver(browserName, { server, downloadDir: downloads });
    for (const name of [DOLLAR, UNITY, EAGLE]) await saveFromPopup(browser, article(name).servedUrl);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (workDir) rmSync(workDir, { recursive: true, force: true });
  });

  it('reads halfway, closes, reopens: the same paragraph is at the top; also at a larger text size', async () => {
    const page = await openSaved(browser, idOf(UNITY));
    const before = await blockTopsIn(page);
    expect(before.blocks.length, 'paragraphs of the unity article').toBeGreaterThan(10);
    expect(topBlock(before)).toBe(0);
    // Scroll as a person does, with the wheel, until the middle paragraph reaches the top.
    const middle = Math.floor(before.blocks.length / 2);
    for (let i = 0; i < 60; i++) {
      if (topBlock(await blockTopsIn(page)) >= middle) break;
      const y = await page.evaluate(() => scrollY);
      await page.wheel(300);
      // Until the wheel has moved the page (or the page is at its end).
      await page
        .waitFor((y0) => Math.abs(scrollY - y0) > 1 || scrollY + innerHeight >= document.documentElement.scrollHeight - 1, y, { timeoutMs: 5_000 })
        .catch(() => undefined);
    }
    const read = await blockTopsIn(page);
    const block = topBlock(read);
    expect(block).toBeGreaterThanOrEqual(middle);
    stoppedAt = { block, text: read.blocks[block]!.text };
    // The position is kept once scrolling rests.
    await pollUntil(async () => (await storedReading(page, UNITY))?.block === block, { timeoutMs: 10_000, what: `the reading position (block ${block}) to be stored` });
    const stored = (await storedReading(page, UNITY))!;
    expect(stored.finished).toBe(false);
    expect(stored.percent).toBeGreaterThan(20);
    expect(stored.percent).toBeLessThan(90);
    await page.close();

    const again = await openSaved(browser, idOf(UNITY));
    await again.waitFor(() => scrollY > 0, undefined, { timeoutMs: 10_000, what: 'the reader to go back to where the reading stopped' });
    const reopened = await blockTopsIn(again);
    expect(reopened.blocks[topBlock(reopened)]!.text).toBe(stoppedAt.text);
    // Just under the toolbar, not somewhere below.
    expect(reopened.blocks[topBlock(reopened)]!.top - reopened.line).toBeLessThan(40);
    await shot(again, 'reopened');

    // A larger text size moves every line; the same paragraph still opens at the top.
    const size = (await storedReaderSettings(browser))?.fontSize ?? DEFAULT_SETTINGS.reader.fontSize;
    const smallFont = await paragraphFontSize(again);
    for (let i = 1; i <= 4; i++) await stepTextSize(again, 'more', size + i);
    await again.close();
    const larger = await openSaved(browser, idOf(UNITY));
    await larger.waitFor(() => scrollY > 0, undefined, { timeoutMs: 10_000, what: 'the reader at the larger size to go back to where the reading stopped' });
    expect(await paragraphFontSize(larger), 'the text is larger').toBeGreaterThan(smallFont);
    const grown = await blockTopsIn(larger);
    expect(grown.blocks[topBlock(grown)]!.text).toBe(stoppedAt.text);
    for (let i = 3; i >= 0; i--) await stepTextSize(larger, 'less', size + i);
    await larger.close();
  });

  it('the library shows unread, percent read and finished, and can list unread first', async () => {
    const page = await openLibrary(browser);
    try {
      const newest = [idOf(EAGLE), idOf(UNITY), idOf(DOLLAR)];
      expect(await waitForRows(page, newest)).toEqual(newest);
      const percent = (await storedReading(page, UNITY))!.percent;
      const wanted = en('libraryPercentRead', String(Math.round(percent)));
      await pollUntil(async () => (await rowText(page, idOf(UNITY), '.progress')) === wanted, { what: `the unity row to say "${wanted}"` });
      expect(await rowText(page, idOf(EAGLE), '.progress')).toBe(en('libraryUnread'));

      // Read the eagle to its end: it is finished, and goes last with unread first.
      const eagle = await openSaved(browser, idOf(EAGLE), { width: 900, height: 600 });
      await eagle.press('End');
      await eagle.wheel(4000);
      await pollUntil(async () => (await storedReading(eagle, EAGLE))?.finished === true, { timeoutMs: 10_000, what: 'the eagle article to be stored as finished' });
      await eagle.close();
      await page.reload();
      await waitForLibrary(page);
      await waitForRows(page, newest);
      await pollUntil(async () => (await rowText(page, idOf(EAGLE), '.progress')) === en('libraryFinished'), { what: 'the eagle row to say finished' });
      await page.selectOption('select[name="order"]', 'unread');
      // Unread (the dollar), part read (the unity), finished (the eagle).
      expect(await rowText(page, idOf(DOLLAR), '.progress')).toBe(en('libraryUnread'));
      expect(await waitForRows(page, [idOf(DOLLAR), idOf(UNITY), idOf(EAGLE)])).toEqual([idOf(DOLLAR), idOf(UNITY), idOf(EAGLE)]);
      await shot(page, 'library-progress');
      readmeShot('library-progress', 'library-progress.png');
      await page.selectOption('select[name="order"]', 'newest');
      expect(await waitForRows(page, newest)).toEqual(newest);
    } finally {
      await page.close();
    }
  });

  it('the news page reader offers to continue where the reader stopped, and goes there', async () => {
    const library = await openLibrary(browser);
    const percent = (await storedReading(library, UNITY))!.percent;
    await library.close();
    const page = await openReaderOverPage(browser, article(UNITY).servedUrl, { width: 900, height: 600 });
    try {
      await page.reader.waitFor((root) => !!root?.querySelector('[data-testid="resume"]'), undefined, { timeoutMs: 15_000, what: 'the offer to continue' });
      expect(squash(await page.reader.text('[data-testid="resume"]'))).toContain(en('readingResumeText', String(Math.round(percent))));
      await shot(page, 'resume-offer');
      await page.reader.click('[data-action="resume"]');
      await pollUntil(
        async () => {
          const tops = await page.reader.evaluate(blockTops);
          return !!tops && tops.blocks[topBlock(tops)]?.text === stoppedAt.text;
        },
        { timeoutMs: 10_000, what: 'the paragraph the reading stopped at to come to the top of the reader over the page' },
      );
      expect(await page.reader.evaluate((root) => !!root?.querySelector('[data-testid="resume"]'))).toBe(false);
    } finally {
      await page.close();
    }
  });

  it('highlights three passages of a Kazakh article; they stay through Latin letters and back and a reload', async () => {
    const page = await openSaved(browser, idOf(EAGLE), { width: 1000, height: 800 });
    try {
      await page.evaluate(() => scrollTo(0, 0));
      for (const [i, passage] of PASSAGES.entries()) {
        expect(await page.evaluateSource(selectPhrase(passage)), passage).toBe(true);
        await page.waitForSelector('[data-testid="highlight-bar"]', { timeoutMs: 5_000, what: 'the highlight bar over the selection' });
        if (i === 0) await shot(page, 'highlight-bar');
        if (i < 2) {
          await page.click(`[data-testid="highlight-bar"] [data-highlight-color="${i === 0 ? 'yellow' : 'green'}"]`);
        } else {
          await page.click('[data-testid="highlight-bar"] [data-action="highlight-note"]');
          await page.waitFor(() => document.activeElement?.getAttribute('name') === 'note', undefined, { timeoutMs: 5_000, what: 'the note field to take the focus' });
          // In the reader's own tab no page sees the keys: no word of it.
          expect(await page.evaluate(() => !!document.querySelector('[data-testid="note-seen-by-page"]'))).toBe(false);
          await page.type(NOTE);
          await page.click('[data-testid="highlight-editor"] [data-highlight-color="pink"]');
          await page.click('[data-testid="highlight-editor"] [data-action="highlight-save"]');
        }
        await pollUntil(async () => (await shownInPage(page)).length === i + 1, { timeoutMs: 5_000, what: `highlight ${i + 1} to be drawn` });
      }
      const shown = await shownInPage(page);
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
      await page.click('[data-script-choice="latin"]');
      await page.waitFor(() => !!document.querySelector('[data-testid="body"]')?.textContent?.includes('Salburyn'), undefined, { timeoutMs: 5_000, what: 'the article in Latin letters' });
      expect((await shownInPage(page)).map((h) => h.text)).toEqual(LATIN_PASSAGES);
      await shot(page, 'highlights-latin');
      await page.click('[data-script-choice="cyrillic"]');
      await page.waitFor(() => !!document.querySelector('[data-testid="body"]')?.textContent?.includes('Салбурын'), undefined, { timeoutMs: 5_000, what: 'the article in Cyrillic letters again' });
      expect((await shownInPage(page)).map((h) => h.text)).toEqual(PASSAGES);
      // The choice is stored before the reload (a reload at once would find the Latin one still stored).
      await pollUntil(async () => (await storedReaderSettings(browser))?.script === 'cyrillic', { timeoutMs: 5_000, what: 'the Cyrillic letters to be stored' });

      await page.reload();
      await pollUntil(async () => (await shownInPage(page)).length === 3, { timeoutMs: 10_000, what: 'the three highlights after the reload' });
      expect((await shownInPage(page)).map((h) => [h.color, h.text])).toEqual(shown.map((h) => [h.color, h.text]));
      await page.evaluate(() => document.querySelector('[data-testid="body"] mark')!.scrollIntoView({ block: 'center' }));
      await shot(page, 'highlights');
    } finally {
      await page.close();
    }
  });

  it('a highlight is edited and removed with the keyboard alone', async () => {
    const page = await openSaved(browser, idOf(EAGLE), { width: 1000, height: 800 });
    try {
      await page.waitForSelector('[data-testid="body"] mark', { timeoutMs: 10_000, what: 'the highlights of the eagle article' });
      // A fourth highlight, to remove.
      expect(await page.evaluateSource(selectPhrase('Тұғырға отырғызу'))).toBe(true);
      await page.click('[data-testid="highlight-bar"] [data-highlight-color="yellow"]');
      await pollUntil(async () => (await shownInPage(page)).length === 4, { what: 'the fourth highlight to be drawn' });

      // Enter on the first highlight's mark opens its editor.
      const first = '[data-testid="body"] mark[tabindex="0"]';
      expect(await page.evaluate((s: string) => document.querySelector(s)?.getAttribute('aria-label'), first)).toBe(en('highlightMark', PASSAGES[0]!));
      await page.evaluate((s: string) => (document.querySelector(s) as HTMLElement).focus(), first);
      await page.press('Enter');
      await page.waitForSelector('[data-testid="highlight-editor"]', { timeoutMs: 5_000, what: 'the highlight editor' });
      // The editor takes the focus once it is drawn.
      await page.waitFor(() => document.activeElement?.getAttribute('name') === 'note', undefined, { timeoutMs: 5_000, what: 'the focus in the note field' });
      await page.type('Ең сирек түрі');
      await page.evaluate((s: string) => {
        document.querySelector(s)!.scrollIntoView({ block: 'nearest' });
        scrollBy(0, -120);
      }, first);
      await shot(page, 'highlight-editor');
      readmeShot('highlight-editor', 'reader-highlights.png');
      await page.press('Shift+Tab'); // back through the colour buttons: pink, then blue
      await page.press('Shift+Tab');
      expect(await page.evaluate(() => document.activeElement?.getAttribute('data-highlight-color'))).toBe('blue');
      await page.press('Enter');
      expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-pressed'))).toBe('true');
      for (let i = 0; i < 3; i++) await page.press('Tab'); // pink, the note, Save
      expect(await page.evaluate(() => document.activeElement?.getAttribute('data-action'))).toBe('highlight-save');
      await page.press('Enter');
      await page.waitFor(() => !document.querySelector('[data-testid="highlight-editor"]'), undefined, { timeoutMs: 5_000, what: 'Save to close the editor' });
      await pollUntil(async () => (await dumpReading(page)).highlights.find((h) => h.exact === PASSAGES[0])?.note === 'Ең сирек түрі', { what: 'the new note to be stored' });
      expect((await dumpReading(page)).highlights.find((h) => h.exact === PASSAGES[0])?.color).toBe('blue');
      expect((await shownInPage(page))[0]!.color).toBe('blue');
      // Focus went back to the mark.
      await page.waitFor(() => document.activeElement?.tagName === 'MARK', undefined, { timeoutMs: 5_000, what: 'the focus back on the mark' });

      // Delete on the fourth highlight's mark removes it.
      await page.evaluate(() => (document.querySelector('[data-testid="body"] mark[data-color="yellow"][tabindex="0"]') as HTMLElement).focus());
      await page.press('Delete');
      await pollUntil(async () => (await shownInPage(page)).length === 3, { what: 'Delete to remove the fourth highlight' });
      expect(squash(await page.text('[data-testid="reading-status"]'))).toBe(en('highlightRemoved'));
      expect((await dumpReading(page)).highlights.map((h) => h.exact)).toEqual(PASSAGES);
    } finally {
      await page.close();
    }
  });

  it('the Highlights view lists them with their article, finds them by folded words, exports Markdown', async () => {
    const page = await openLibrary(browser);
    const ITEMS = '[data-highlights-article] li[data-highlight-id]';
    const items = () =>
      page.evaluate(
        (s: string) =>
          Array.from(document.querySelectorAll(s), (li) => ({
            quote: ((li.querySelector('blockquote') as HTMLElement | null)?.innerText ?? '').replace(/\s+/g, ' ').trim(),
            note: ((li.querySelector('.note') as HTMLElement | null)?.innerText ?? '').replace(/\s+/g, ' ').trim(),
          })),
        ITEMS,
      );
    const search = async (words: string, count: number) => {
      await retype(page, 'input[name="hq"]', words);
      await pollUntil(async () => (await items()).length === count, { what: `${count} highlights found for "${words}"` });
    };
    try {
      await page.click('[data-view="highlights"]');
      await pollUntil(async () => (await items()).length === 3, { timeoutMs: 10_000, what: 'the Highlights view to list three' });
      expect(squash(await page.text('[data-highlights-article] h2'))).toBe(article(EAGLE).title);
      expect((await items()).map((i) => i.quote)).toEqual(PASSAGES);
      expect((await items())[2]!.note).toBe(NOTE);
      await shot(page, 'highlights-view');
      readmeShot('highlights-view', 'highlights.png');

      // Upper case, a Latin look-alike С (U+0043) and ё-free folding: the festival passage.
      await search('CАЛБУРЫН', 1);
      expect((await items())[0]!.quote).toBe(PASSAGES[1]);
      // In Latin letters, plain (no marks): the Kazakh article is found in either script.
      await search('tabigi', 1);
      expect((await items())[0]!.quote).toBe(PASSAGES[2]);
      // A word of the note.
      await search('кітап', 1);
      await search('жирафтар', 0);
      expect(squash(await page.text('.highlights .empty'))).toBe(en('highlightsNoResults'));
      await search('', 3);

      const file = await page.download(() => page.click('[data-action="highlights-markdown"]'), { match: /^oqy-highlights-.*\.md$/, timeoutMs: 15_000 });
      expect(file.name).toMatch(/^oqy-highlights-\d{4}-\d\d-\d\d\.md$/);
      const markdown = readFileSync(file.path, 'utf8');
      expect(markdown.split('\n')[0]).toBe(`# ${en('highlightsHeading')}`);
      expect(markdown).toContain(`## [${article(EAGLE).title}](${idOf(EAGLE)})`);
      for (const passage of PASSAGES) expect(markdown).toContain(`> ${passage}`);
      expect(markdown).toContain(`**${en('highlightNote')}:** ${NOTE}`);
    } finally {
      await page.close();
    }
  });

  it('exports the library and imports it into a fresh profile: articles, positions and highlights back', async () => {
    const page = await openLibrary(browser);
    let exported: string;
    const before = await dumpReading(page);
    const library = await page.evaluateSource<LibraryDump>(DUMP_LIBRARY);
    try {
      exported = (await page.download(() => page.click('[data-action="export"]'), { match: /^oqy-library-.*\.json$/, timeoutMs: 20_000 })).path;
    } finally {
      await page.close();
    }
    const file = JSON.parse(readFileSync(exported, 'utf8'));
    expect(libraryFileProblems(file)).toEqual([]);
    expect(file.version).toBe(2);
    expect(before.reading).toHaveLength(2);
    expect(before.highlights).toHaveLength(3);

    const other = await launchDriver(browserName, { server, downloadDir: downloads });
    try {
      const fresh = await openLibrary(other);
      await fresh.setInputFiles('input[name=import]', exported);
      const imported = en('libraryImported', '3');
      await pollUntil(async () => squash(await fresh.text('[role=status]')) === imported, { timeoutMs: 20_000, what: `the library to say "${imported}"` });
      expect(await fresh.evaluateSource<LibraryDump>(DUMP_LIBRARY)).toEqual(library);
      expect(await dumpReading(fresh)).toEqual(before);
      // And the imported articles open where they were left, with their highlights.
      const unity = await openSaved(other, idOf(UNITY), { width: 900, height: 600 });
      await unity.waitFor(() => scrollY > 0, undefined, { timeoutMs: 10_000, what: 'the imported article to open where the reading stopped' });
      const tops = await blockTopsIn(unity);
      expect(tops.blocks[topBlock(tops)]!.text).toBe(stoppedAt.text);
      await unity.goto(other.extensionUrl(READER_PATH, { saved: idOf(EAGLE) }));
      await unity.waitForSelector('[data-testid="body"] mark', { timeoutMs: 10_000, what: 'the imported highlights' });
      expect((await shownInPage(unity)).map((h) => h.text)).toEqual(PASSAGES);
    } finally {
      await other.close();
    }
  });

  it('exports the two articles as one EPUB: two chapters with their images and the Kazakh letters', async () => {
    const page = await openLibrary(browser);
    try {
      await clickInRow(page, idOf(EAGLE), 'input[name="select"]');
      await clickInRow(page, idOf(UNITY), 'input[name="select"]');
      expect(squash(await page.text('[data-action="epub"]'))).toBe(en('libraryEpubSelected', '2'));
      const file = await page.download(() => page.click('[data-action="epub"]'), { match: /\.epub$/, timeoutMs: 30_000 });
      expect(file.name).toMatch(/^oqy-\d{4}-\d\d-\d\d\.epub$/);
      const done = en('libraryEpubDone', file.name);
      await pollUntil(async () => squash(await page.text('[role=status]')) === done, { what: `the library to say "${done}"` });

      const book = readEpub(new Uint8Array(readFileSync(file.path)));
      expect(book.problems).toEqual([]);
      expect(book.languages).toEqual(['kk']);
      expect(book.chapters.map((c) => c.title)).toEqual([article(EAGLE).title, article(UNITY).title]);
      const [eagle, unity] = book.chapters;
      expect(eagle!.images).toHaveLength(2);
      for (const image of eagle!.images) expect(Buffer.from(image.bytes).equals(servedImage)).toBe(true);
      for (const chapter of book.chapters) {
        expect(chapter.lang).toBe('kk');
        expect(chapter.text).toMatch(KAZAKH_LETTERS);
      }
      for (const paragraph of article(EAGLE).text) expect(squash(eagle!.text)).toContain(squash(paragraph));
      expect(squash(unity!.text)).toContain(squash(article(UNITY).text[0]));
      expect(squash(eagle!.text)).toContain(en('epubOriginal'));
      expect(book.fonts.length).toBeGreaterThanOrEqual(4);
      expect(book.fonts.some((f) => f.includes('cyrillic-ext'))).toBe(true);
      expect(await rowIds(page)).toEqual([idOf(EAGLE), idOf(UNITY), idOf(DOLLAR)]);
    } finally {
      await page.close();
    }
  });

  it('on the news page, the first highlight of an article not yet saved saves it, then keeps the highlight; Esc in its note editor closes only the editor', async () => {
    const page = await openReaderOverPage(browser, article(WRITER).servedUrl, { width: 900, height: 700 });
    try {
      await page.reader.waitFor((root) => !!root?.querySelector('[data-testid="body"] p'), undefined, { timeoutMs: 15_000, what: 'the reader over the page' });
      // Not saved: no offer to continue.
      expect(await page.reader.evaluate((root) => !!root?.querySelector('[data-testid="resume"]'))).toBe(false);
      // The page's own script finds the reader's host but gets no root: it cannot reach the bar or the marks.
      expect(await pageSeesReader(page)).toEqual({ host: true, root: 'null', reading: true });
      expect(await page.reader.evaluate((root) => root?.mode ?? null)).toBe('closed');
      expect(await overReader(page, selectPhrase(WRITER_PASSAGE, 'root'))).toBe(true);
      await page.reader.waitFor((root) => !!root?.querySelector('[data-testid="highlight-bar"]'), undefined, { timeoutMs: 5_000, what: 'the highlight bar over the page' });
      // Were a script to hold the colour button (only the test's world can), its click, not the
      // person's (isTrusted false), would do nothing: the bar stays, and only the person's colour is kept.
      await page.reader.evaluate((root) => {
        root!.querySelector('[data-testid="highlight-bar"] [data-highlight-color="green"]')!.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
      });
      await page.reader.click('[data-testid="highlight-bar"] [data-highlight-color="blue"]');
      await pollUntil(async () => (await shownOverPage(page)).length === 1, { timeoutMs: 20_000, what: 'the highlight over the page to be drawn' });
      expect((await shownOverPage(page)).map((h) => [h.color, h.text])).toEqual([['blue', WRITER_PASSAGE]]);
      expect(squash(await page.reader.text('[data-testid="reading-status"]'))).toBe(en('highlightKept'));
      await shot(page, 'highlight-in-page');
      // A Delete a script sends at the mark does not remove it (it is still drawn, and stored, below); the person's Enter then opens its editor.
      await page.reader.evaluate((root) => {
        const mark = root!.querySelector<HTMLElement>('mark[tabindex="0"]')!;
        mark.dispatchEvent(new KeyboardEvent('keydown', { key: 'Delete', bubbles: true, composed: true }));
        mark.focus();
      });
      await page.press('Enter');
      const editorOpen = (root: ShadowRoot | null) => !!root?.querySelector('[data-testid="highlight-editor"]');
      await page.reader.waitFor(editorOpen, undefined, { timeoutMs: 5_000, what: 'Enter on the mark to open its editor' });
      expect((await shownOverPage(page)).length).toBe(1);
      // Over the news page, whose script sees the keys typed here, the note field says so.
      expect(squash(await page.reader.text('[data-testid="note-seen-by-page"]'))).toBe(en('highlightNoteSeenByPage'));
      await page.reader.click('[data-action="highlight-cancel"]');
      await page.reader.waitFor((root) => !!root?.querySelector('.oqy-reader') && !root.querySelector('[data-testid="highlight-editor"]'), undefined, {
        timeoutMs: 5_000,
        what: 'Cancel to close the note editor',
      });

      // Esc in the note editor closes the editor only; the reader stays, and the next Esc closes it.
      await page.reader.waitFor((root) => root?.activeElement?.localName === 'mark', undefined, { timeoutMs: 5_000, what: 'the focus to come back to the mark after Cancel' });
      await page.press('Enter');
      await page.reader.waitFor(editorOpen, undefined, { timeoutMs: 5_000, what: 'Enter on the mark to open its editor again' });
      await page.reader.waitFor((root) => root?.activeElement?.getAttribute('name') === 'note', undefined, { timeoutMs: 5_000, what: 'the note field to take the focus' });
      await page.press('Escape');
      await page.reader.waitFor((root) => !root?.querySelector('[data-testid="highlight-editor"]'), undefined, { timeoutMs: 5_000, what: 'Esc to close the note editor' });
      // The reader decides on an Esc in a task of its own after the key: once a task queued after it has run, that decision is made.
      await page.reader.evaluate(() => new Promise((done) => setTimeout(() => done(true), 0)));
      expect(await pageSeesReader(page), 'the reader after Esc in its note editor').toEqual({ host: true, root: 'null', reading: true });
      expect(await page.reader.evaluate((root) => ({ reader: !!root?.querySelector('.oqy-reader [data-testid="body"] p'), focus: root?.activeElement?.localName ?? null }))).toEqual({
        reader: true,
        focus: 'mark',
      });
      await page.press('Escape');
      await pollUntil(
        async () => {
          const seen = await pageSeesReader(page);
          return !seen.host && !seen.reading && seen.root === 'no host';
        },
        { timeoutMs: 5_000, what: 'the second Esc to close the reader' },
      );
      expect(await page.reader.evaluate((root) => root?.mode ?? null), 'a reader root after the second Esc').toBeNull();
    } finally {
      await page.close();
    }
    const library = await openLibrary(browser);
    try {
      const all = [idOf(WRITER), idOf(EAGLE), idOf(UNITY), idOf(DOLLAR)];
      expect(await waitForRows(library, all)).toEqual(all);
      const stored = (await dumpReading(library)).highlights.filter((h) => h.articleId === idOf(WRITER));
      expect(stored.map((h) => [h.exact, h.color])).toEqual([[WRITER_PASSAGE, 'blue']]);
    } finally {
      await library.close();
    }
  });
});
