/**
 * Reading in Firefox ESR (WebDriver BiDi), with real mouse clicks and wheel turns: save two
 * Kazakh articles, read one halfway in the library's reader, close it, open it again and find
 * the same paragraph at the top; the library shows how far it was read; the news page's own
 * reader offers to continue there. Highlight three passages of the other article (one with a
 * note), switch to Latin letters and back, reload: the three are there. Export the library and
 * import it into a fresh profile: positions and highlights come back. Export the two articles
 * as one EPUB and read it back. On a news page, highlight an article not yet saved in the
 * reader over the page (its closed root is read in the harness's sandbox); Esc in the note
 * editor closes the editor only, a second Esc the reader.
 *
 * Needs `npm run build` first. Screenshots go to test-output/firefox/reading-*.png.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadFixtures, startFixtureServer, type Fixture, type FixtureServer } from '../harness/fixture-server.ts';
import { DIST_FIREFOX, launchFirefoxWithExtension, type FirefoxSession, type LaunchOptions } from '../harness/firefox.ts';
import { DUMP_LIBRARY, LIBRARY_PATH, en, fetchFromFixtureServer, libraryFileProblems, type LibraryDump } from '../harness/library-check.ts';
import { DUMP_READING, readEpub, selectPhrase, shownHighlights, type DumpedReading } from '../harness/reading-check.ts';

const OUT = resolve(import.meta.dirname, '../../test-output/firefox');
const PAGE = { width: 900, height: 600 };

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
const WRITER = 'article-writer-kk';
const WRITER_PASSAGE = 'алғашқы ертегілер кітабын шығарды';
const idOf = (name: string) => fixture(name).gold.url;
const squash = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, ' ').trim();
const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));
const js = (v: unknown) => JSON.stringify(v);

const PASSAGES = ['ақиық ең сирек кездесетін әрі ең бағалы түр', '«Салбурын» атты саятшылар фестивалі', 'бүркіттің табиғи ортадағы саны азайып'];
const NOTE = 'Қорғау керек';

/**
 * The in-page reader sits in a closed shadow root, out of the page's reach: the tests read it
 * in a sandbox of their own, where the harness hands its root to `(root) => ...` source
 * (ff.overlayEvaluate, overlayWaitFor), and press its controls with real clicks (overlayClick).
 */
const inReader = (selector: string) => `(root) => root?.querySelector(${js(selector)})`;
const readerHas = (selector: string) => `(root) => !!root?.querySelector(${js(selector)})`;
/** An expression of reading-check.ts (written over `root`) as overlay source. */
const overReader = (expression: string) => `(root) => ${expression}`;

/** The reader over the news page, as the page's own script sees it: its host, the root it is given, the class on <html>. */
const PAGE_SEES_READER = `(() => {
  const host = document.getElementById('oqy-reader-host');
  return { host: !!host, root: host ? String(host.shadowRoot) : 'no host', reading: document.documentElement.classList.contains('oqy-reading') };
})()`;

let server: FixtureServer;
let ff: FirefoxSession;
let workDir: string;
let downloadDir: string;
let servedImage: Buffer;
let stoppedAt = '';
let exportedPath = '';

function launchOptions(profileDir?: string): LaunchOptions {
  return {
    proxyPort: server.port,
    ...(profileDir ? { profileDir } : {}),
    prefs: {
      'browser.download.dir': downloadDir,
      'browser.download.folderList': 2,
      'browser.download.useDownloadDir': true,
      'browser.download.always_ask_before_handling_new_types': false,
      'browser.download.alwaysOpenPanel': false,
    },
  };
}

/** A file that has arrived whole in the download folder (no .part beside it, size settled). */
async function downloaded(match: RegExp, timeoutMs = 30_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let lastSize = -1;
  for (;;) {
    const files = existsSync(downloadDir) ? readdirSync(downloadDir) : [];
    const name = files.find((f) => match.test(f));
    if (name && !files.some((f) => f.endsWith('.part'))) {
      const size = statSync(join(downloadDir, name)).size;
      if (size > 0 && size === lastSize) return join(downloadDir, name);
      lastSize = size;
    }
    if (Date.now() > deadline) throw new Error(`no file like ${match} arrived in ${downloadDir}; it holds ${JSON.stringify(files)}`);
    await sleep(200);
  }
}

async function openLibrary(session: FirefoxSession = ff): Promise<string> {
  const context = await session.openExtensionPage(LIBRARY_PATH);
  await session.setViewport(context, 1100, 760);
  await session.waitFor(context, `(() => { const q = document.querySelector('input[type=search][name=q]'); return q && !q.disabled; })()`, 20_000);
  return context;
}

async function openSaved(name: string, session: FirefoxSession = ff, viewport = PAGE): Promise<string> {
  const context = await session.openExtensionPage(`src/reader/index.html?saved=${encodeURIComponent(idOf(name))}`);
  await session.setViewport(context, viewport.width, viewport.height);
  await session.waitFor(context, `!!document.querySelector('[data-testid="body"] p')`, 15_000);
  return context;
}

const dumpReading = (context: string, session: FirefoxSession = ff) => session.evaluate<DumpedReading>(context, DUMP_READING);

/** The text of the first paragraph whose bottom is below the toolbar (under `root`). */
const topParagraph = (root = 'document') => `(() => {
  const scope = ${root};
  const line = scope.querySelector('.oqy-toolbar').getBoundingClientRect().bottom;
  const blocks = Array.from(scope.querySelectorAll('[data-testid="body"] p')).filter((p) => p.textContent.trim());
  const top = blocks.find((b) => b.getBoundingClientRect().bottom > line + 1);
  return top ? { text: top.textContent.trim(), below: top.getBoundingClientRect().top - line, index: blocks.indexOf(top), count: blocks.length } : null;
})()`;

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

async function saveFromPopup(name: string): Promise<void> {
  const f = fixture(name);
  const tab = await ff.openTab(f.servedUrl);
  await contentScriptReady(f.servedUrl);
  const popup = await ff.openExtensionPage(`src/popup/index.html?url=${encodeURIComponent(f.servedUrl)}`);
  try {
    await ff.waitFor(popup, `document.querySelector('main.popup')?.dataset.state === 'article'`, 20_000);
    await ff.click(popup, `document.querySelector('[data-action="save"]')`);
    await ff.waitFor(popup, `document.querySelector('.save-status')?.dataset.saveState === 'done'`, 30_000);
  } finally {
    await ff.closeTab(popup);
    await ff.closeTab(tab);
  }
}

describe('Reading in Firefox: positions, highlights, export, EPUB', () => {
  beforeAll(async () => {
    if (!existsSync(resolve(DIST_FIREFOX, 'manifest.json'))) throw new Error(`${DIST_FIREFOX}/manifest.json is missing: run \`npm run build\` first`);
    mkdirSync(OUT, { recursive: true });
    workDir = mkdtempSync(join(tmpdir(), 'oqy-ff-reading-e2e-'));
    downloadDir = join(workDir, 'downloads');
    mkdirSync(downloadDir, { recursive: true });
    server = await startFixtureServer();
    servedImage = await fetchFromFixtureServer(server.port, '/storage/images/2026/01/burkit-1.jpg');
    ff = await launchFirefoxWithExtension(launchOptions(join(workDir, 'profile')));
    await saveFromPopup(UNITY);
    await saveFromPopup(EAGLE);
  });

  afterAll(async () => {
    await ff?.close();
    await server?.close();
    rmSync(workDir, { recursive: true, force: true });
  });

  it('reads halfway, closes, reopens: the same paragraph is at the top', async () => {
    const page = await openSaved(UNITY);
    const first = await ff.evaluate<{ index: number; count: number }>(page, topParagraph());
    expect(first.index).toBe(0);
    const middle = Math.floor(first.count / 2);
    for (let i = 0; i < 80; i++) {
      const now = await ff.evaluate<{ index: number }>(page, topParagraph());
      if (now.index >= middle) break;
      await ff.wheel(page, 150);
      await sleep(50);
    }
    const read = await ff.evaluate<{ index: number; text: string }>(page, topParagraph());
    expect(read.index).toBeGreaterThanOrEqual(middle);
    stoppedAt = read.text;
    await ff.waitFor(page, `(${DUMP_READING}).then((d) => d.reading.some((r) => r.id === ${js(idOf(UNITY))} && r.block === ${read.index}))`, 10_000);
    await ff.closeTab(page);

    const again = await openSaved(UNITY);
    await ff.waitFor(again, `window.scrollY > 0`, 10_000);
    const reopened = await ff.evaluate<{ text: string; below: number }>(again, topParagraph());
    expect(reopened.text).toBe(stoppedAt);
    expect(reopened.below).toBeLessThan(40);
    await ff.screenshot(again, resolve(OUT, 'reading-reopened.png'));
    await ff.closeTab(again);

    // The library shows how far it was read, and the other article as unread.
    const library = await openLibrary();
    const percent = (await dumpReading(library)).reading.find((r) => r.id === idOf(UNITY))!.percent;
    const progress = (id: string) => ff.evaluate<string>(library, `document.querySelector(${js(`[data-article-id="${id}"] .progress`)})?.innerText ?? ''`).then(squash);
    await ff.waitFor(library, `!!document.querySelector('[data-article-id] .progress')`, 10_000);
    expect(await progress(idOf(UNITY))).toBe(en('libraryPercentRead', String(Math.round(percent))));
    expect(await progress(idOf(EAGLE))).toBe(en('libraryUnread'));
    await ff.screenshot(library, resolve(OUT, 'reading-library-progress.png'));
    await ff.closeTab(library);
  });

  it('the news page reader offers to continue where the reader stopped, and goes there', async () => {
    const f = fixture(UNITY);
    const tab = await ff.openTab(f.servedUrl);
    await ff.setViewport(tab, PAGE.width, PAGE.height);
    await contentScriptReady(f.servedUrl);
    const helper = await ff.openExtensionPage('src/options/index.html');
    await ff.evaluate(
      helper,
      `browser.tabs.query({}).then((tabs) => browser.tabs.sendMessage(tabs.find((t) => t.url === ${js(f.servedUrl)}).id, { type: 'oqy/reader', action: 'open' })).then(() => true)`,
    );
    await ff.closeTab(helper);
    await ff.activate(tab);
    await ff.overlayWaitFor(tab, readerHas('[data-testid="resume"]'), 15_000);
    await ff.screenshot(tab, resolve(OUT, 'reading-resume-offer.png'));
    await ff.overlayClick(tab, inReader('[data-action="resume"]'));
    await ff.overlayWaitFor(tab, overReader(`(${topParagraph('root')})?.text === ${js(stoppedAt)}`), 10_000);
    expect(await ff.overlayEvaluate(tab, readerHas('[data-testid="resume"]'))).toBe(false);
    await ff.closeTab(tab);
  });

  it('highlights three passages of a Kazakh article; they stay through Latin letters and back and a reload', async () => {
    const page = await openSaved(EAGLE, ff, { width: 1000, height: 800 });
    for (const [i, passage] of PASSAGES.entries()) {
      expect(await ff.evaluate(page, selectPhrase(passage)), passage).toBe(true);
      await ff.waitFor(page, `!!document.querySelector('[data-testid="highlight-bar"]')`, 5_000);
      if (i < 2) {
        await ff.click(page, `document.querySelector('[data-testid="highlight-bar"] [data-highlight-color="${i === 0 ? 'yellow' : 'green'}"]')`);
      } else {
        await ff.click(page, `document.querySelector('[data-testid="highlight-bar"] [data-action="highlight-note"]')`);
        await ff.waitFor(page, `document.activeElement?.getAttribute('name') === 'note'`, 5_000);
        await ff.type(page, NOTE);
        await ff.click(page, `document.querySelector('[data-testid="highlight-editor"] [data-highlight-color="pink"]')`);
        await ff.click(page, `document.querySelector('[data-action="highlight-save"]')`);
      }
      await ff.waitFor(page, `(${shownHighlights()}).length === ${i + 1}`, 5_000);
    }
    const shown = await ff.evaluate<Array<{ color: string; text: string }>>(page, shownHighlights());
    expect(shown.map((h) => [h.color, h.text])).toEqual([
      ['yellow', PASSAGES[0]],
      ['green', PASSAGES[1]],
      ['pink', PASSAGES[2]],
    ]);
    expect((await dumpReading(page)).highlights.map((h) => [h.exact, h.note])).toEqual([
      [PASSAGES[0], ''],
      [PASSAGES[1], ''],
      [PASSAGES[2], NOTE],
    ]);

    await ff.click(page, `document.querySelector('[data-script-choice="latin"]')`);
    await ff.waitFor(page, `document.querySelector('[data-testid="body"]').textContent.includes('Salburyn')`, 5_000);
    expect((await ff.evaluate<Array<{ text: string }>>(page, shownHighlights())).map((h) => h.text)).toEqual([
      'aqiyq eñ sirek kezdesetın ärı eñ bağaly tür',
      '«Salburyn» atty saiatşylar festivalı',
      'bürkıttıñ tabiği ortadağy sany azaiyp',
    ]);
    await ff.click(page, `document.querySelector('[data-script-choice="cyrillic"]')`);
    await ff.waitFor(page, `document.querySelector('[data-testid="body"]').textContent.includes('Салбурын')`, 5_000);
    // The choice is stored before the reload (a reload at once would find the Latin one still stored).
    await ff.waitFor(page, `browser.storage.sync.get('settings').then((s) => s.settings?.reader?.script === 'cyrillic')`, 5_000);
    await ff.reload(page);
    await ff.waitFor(page, `(${shownHighlights()}).length === 3`, 10_000);
    expect((await ff.evaluate<Array<{ color: string; text: string }>>(page, shownHighlights())).map((h) => [h.color, h.text])).toEqual(shown.map((h) => [h.color, h.text]));
    await ff.evaluate(page, `document.querySelector('[data-testid="body"] mark').scrollIntoView({ block: 'center' })`);
    await ff.screenshot(page, resolve(OUT, 'reading-highlights.png'));
    await ff.closeTab(page);
  });

  it('exports the library and imports it into a fresh profile: articles, positions and highlights back', async () => {
    const page = await openLibrary();
    const library = await ff.evaluate<LibraryDump>(page, DUMP_LIBRARY);
    const reading = await dumpReading(page);
    expect(reading.reading.length).toBeGreaterThanOrEqual(1);
    expect(reading.highlights).toHaveLength(3);
    await ff.click(page, `document.querySelector('[data-action="export"]')`);
    exportedPath = await downloaded(/^oqy-library-.*\.json$/);
    await ff.closeTab(page);
    const file = JSON.parse(readFileSync(exportedPath, 'utf8'));
    expect(libraryFileProblems(file)).toEqual([]);

    const other = await launchFirefoxWithExtension(launchOptions());
    try {
      const fresh = await openLibrary(other);
      const element = await other.elementRef(fresh, `document.querySelector('input[name=import]')`);
      await other.send('input.setFiles', { context: fresh, element, files: [exportedPath] });
      await other.waitFor(fresh, `document.querySelector('[role=status]').innerText.trim() === ${js(en('libraryImported', '2'))}`, 20_000);
      expect(await other.evaluate<LibraryDump>(fresh, DUMP_LIBRARY)).toEqual(library);
      expect(await dumpReading(fresh, other)).toEqual(reading);
      const reader = await openSaved(EAGLE, other);
      await other.waitFor(reader, `(${shownHighlights()}).length === 3`, 10_000);
      expect((await other.evaluate<Array<{ text: string }>>(reader, shownHighlights())).map((h) => h.text)).toEqual(PASSAGES);
      const unity = await openSaved(UNITY, other);
      await other.waitFor(unity, `window.scrollY > 0`, 10_000);
      expect((await other.evaluate<{ text: string }>(unity, topParagraph())).text).toBe(stoppedAt);
    } finally {
      await other.close();
    }
  });

  it('exports the two articles as one EPUB: two chapters with their images and the Kazakh letters', async () => {
    const page = await openLibrary();
    for (const name of [EAGLE, UNITY]) await ff.click(page, `document.querySelector(${js(`[data-article-id="${idOf(name)}"] input[name="select"]`)})`);
    expect(squash(await ff.evaluate<string>(page, `document.querySelector('[data-action="epub"]').innerText`))).toBe(en('libraryEpubSelected', '2'));
    await ff.click(page, `document.querySelector('[data-action="epub"]')`);
    const path = await downloaded(/\.epub$/);
    await ff.closeTab(page);
    const book = readEpub(new Uint8Array(readFileSync(path)));
    expect(book.problems).toEqual([]);
    expect(book.chapters.map((c) => c.title)).toEqual([fixture(EAGLE).gold.title, fixture(UNITY).gold.title]);
    expect(book.chapters[0]!.images).toHaveLength(2);
    for (const image of book.chapters[0]!.images) expect(Buffer.from(image.bytes).equals(servedImage)).toBe(true);
    for (const chapter of book.chapters) expect(chapter.text).toMatch(/[әғқңөұүһі]/);
    expect(squash(book.chapters[0]!.text)).toContain(squash(fixture(EAGLE).gold.text[3]));
    expect(book.fonts.some((f) => f.includes('cyrillic-ext'))).toBe(true);
  });

  it('on the news page, the first highlight of an article not yet saved saves it, then keeps the highlight; Esc in its note editor closes only the editor', async () => {
    const f = fixture(WRITER);
    const tab = await ff.openTab(f.servedUrl);
    await ff.setViewport(tab, PAGE.width, PAGE.height);
    await contentScriptReady(f.servedUrl);
    const helper = await ff.openExtensionPage('src/options/index.html');
    await ff.evaluate(
      helper,
      `browser.tabs.query({}).then((tabs) => browser.tabs.sendMessage(tabs.find((t) => t.url === ${js(f.servedUrl)}).id, { type: 'oqy/reader', action: 'open' })).then(() => true)`,
    );
    await ff.closeTab(helper);
    await ff.activate(tab);
    await ff.overlayWaitFor(tab, readerHas('[data-testid="body"] p'), 15_000);
    // The page's own script finds the reader's host but gets no root: it cannot reach the bar or the marks.
    expect(await ff.evaluate(tab, PAGE_SEES_READER)).toEqual({ host: true, root: 'null', reading: true });
    expect(await ff.overlayEvaluate(tab, `(root) => root?.mode ?? null`)).toBe('closed');
    expect(await ff.overlayEvaluate(tab, overReader(selectPhrase(WRITER_PASSAGE, 'root')))).toBe(true);
    await ff.overlayWaitFor(tab, readerHas('[data-testid="highlight-bar"]'), 5_000);
    await ff.overlayClick(tab, inReader('[data-testid="highlight-bar"] [data-highlight-color="green"]'));
    await ff.overlayWaitFor(tab, overReader(`(${shownHighlights('root')}).length === 1`), 20_000);
    expect((await ff.overlayEvaluate<Array<{ color: string; text: string }>>(tab, overReader(shownHighlights('root')))).map((h) => [h.color, h.text])).toEqual([['green', WRITER_PASSAGE]]);

    // Esc in the note editor closes the editor only; the reader stays, and the next Esc closes it.
    await ff.overlayEvaluate(tab, `(root) => { root.querySelector('mark[tabindex="0"]').focus(); return true; }`);
    await ff.press(tab, 'Enter');
    await ff.overlayWaitFor(tab, readerHas('[data-testid="highlight-editor"]'), 5_000);
    await ff.overlayWaitFor(tab, `(root) => root?.activeElement?.getAttribute('name') === 'note'`, 5_000);
    await ff.press(tab, 'Escape');
    await ff.overlayWaitFor(tab, `(root) => !root?.querySelector('[data-testid="highlight-editor"]')`, 5_000);
    // The reader decides on an Esc in a task of its own after the key: once a task queued after it has run, that decision is made.
    await ff.overlayEvaluate(tab, `() => new Promise((done) => setTimeout(() => done(true), 0))`);
    expect(await ff.evaluate(tab, PAGE_SEES_READER), 'the reader after Esc in its note editor').toEqual({ host: true, root: 'null', reading: true });
    expect(await ff.overlayEvaluate(tab, `(root) => ({ reader: !!root?.querySelector('.oqy-reader [data-testid="body"] p'), focus: root?.activeElement?.localName ?? null })`)).toEqual({
      reader: true,
      focus: 'mark',
    });
    await ff.press(tab, 'Escape');
    await ff.waitFor(tab, `!document.getElementById('oqy-reader-host') && !document.documentElement.classList.contains('oqy-reading')`, 5_000);
    expect(await ff.overlayEvaluate(tab, `(root) => root?.mode ?? null`), 'a reader root after the second Esc').toBeNull();
    await ff.closeTab(tab);
    const library = await openLibrary();
    const stored = (await dumpReading(library)).highlights.filter((h) => h.articleId === idOf(WRITER));
    expect(stored.map((h) => [h.exact, h.color])).toEqual([[WRITER_PASSAGE, 'green']]);
    expect(await ff.evaluate(library, `!!document.querySelector(${js(`[data-article-id="${idOf(WRITER)}"]`)})`)).toBe(true);
    await ff.closeTab(library);
  });
});
