/**
 * The steps of the reading end-to-end test (test/e2e/reading.test.ts), written once against the
 * driver (driver.ts) for every browser: save an article from the popup, open a saved article in
 * the reader or the library in a tab, read the list's rows, open the reader over a news page,
 * run an expression of reading-check.ts over the in-page reader's root, find where the reader
 * is in an article.
 */
import { LIBRARY_PATH, READER_PATH, pollUntil, type Driver, type Tab, type Viewport } from './driver.ts';
import { loadFixtures } from './fixture-server.ts';
import { en } from './library-check.ts';

/** One of the shared Qazaq24 article pages: where it is served, and what its gold answer says it reads as. */
export interface GoldArticle {
  servedUrl: string;
  /** The library's key for it: the canonical https address the extractor gives. */
  id: string;
  title: string;
  text: string[];
}

let articles: Map<string, GoldArticle> | undefined;

/** The shared fixture `name` (e.g. article-eagle-kk) as a GoldArticle. */
export function article(name: string): GoldArticle {
  articles ??= new Map(
    loadFixtures().map((f) => [f.name, { servedUrl: f.servedUrl, id: String(f.gold['url']), title: String(f.gold['title']), text: f.gold['text'] as string[] }]),
  );
  const found = articles.get(name);
  if (!found) throw new Error(`the fixture ${name} is missing`);
  return found;
}

/** The id of the in-page reader's host, a direct child of <html> (src/content). */
export const READER_HOST_ID = 'oqy-reader-host';

/** Replaces the text of the field matching `selector` by typing, as a person does: click, select all, delete, type. */
export async function retype(tab: Tab, selector: string, text: string): Promise<void> {
  await tab.click(selector);
  await tab.press('Control+a');
  await tab.press('Backspace');
  if (text) await tab.type(text);
  const value = await tab.evaluate((s: string) => (document.querySelector(s) as HTMLInputElement | null)?.value ?? null, selector);
  if (value !== text) throw new Error(`retype: ${selector} holds ${JSON.stringify(value)}, not ${JSON.stringify(text)}`);
}

/** Opens the article at `url`, lets the popup read it and saves it from there. */
export async function saveFromPopup(browser: Driver, url: string): Promise<void> {
  const page = await browser.openTab(url);
  try {
    await browser.waitForToolbarTitle(page, [en('actionTitleReady')], 30_000);
    const popup = await browser.openPopup(page);
    try {
      await popup.waitFor(() => document.querySelector<HTMLElement>('main.popup')?.dataset['state'] === 'article', undefined, {
        timeoutMs: 30_000,
        what: `the popup to show the article of ${url}`,
      });
      await popup.click('[data-action="save"]');
      await popup.waitFor(() => document.querySelector<HTMLElement>('.save-status')?.dataset['saveState'] === 'done', undefined, {
        timeoutMs: 30_000,
        what: `the popup to say ${url} is saved`,
      });
    } finally {
      await popup.close();
    }
  } finally {
    await page.close();
  }
}

/** Opens a saved article in the reader tab at this viewport and waits for its body. */
export async function openSaved(browser: Driver, id: string, viewport: Viewport = { width: 900, height: 600 }): Promise<Tab> {
  const tab = await browser.openExtensionPage(READER_PATH, { saved: id }, { viewport });
  await tab.waitForSelector('[data-testid="body"] p', { timeoutMs: 15_000, what: `the saved article ${id} in the reader` });
  return tab;
}

/** Opens the library in a tab and waits until it has read the library. */
export async function openLibrary(browser: Driver): Promise<Tab> {
  const tab = await browser.openExtensionPage(LIBRARY_PATH, {}, { viewport: { width: 1100, height: 760 } });
  await waitForLibrary(tab);
  return tab;
}

/** The library has read its list: the search box is enabled. */
export async function waitForLibrary(tab: Tab): Promise<void> {
  await tab.waitFor(() => document.querySelector<HTMLInputElement>('input[type=search][name=q]')?.disabled === false, undefined, {
    timeoutMs: 20_000,
    what: 'the library to read its list',
  });
}

/** The ids of the library's rows, top to bottom. */
export function rowIds(tab: Tab): Promise<string[]> {
  return tab.evaluate(() => Array.from(document.querySelectorAll<HTMLElement>('[data-article-id]'), (r) => r.dataset['articleId'] ?? ''));
}

/** Waits (a while) until the library shows exactly these rows in this order; returns the rows it shows. */
export async function waitForRows(tab: Tab, ids: readonly string[], timeoutMs = 10_000): Promise<string[]> {
  await pollUntil(async () => JSON.stringify(await rowIds(tab)) === JSON.stringify(ids), { timeoutMs }).catch(() => undefined);
  return rowIds(tab);
}

/** The text a row shows in `selector`, white space squashed ('' when it is missing). */
export function rowText(tab: Tab, id: string, selector: string): Promise<string> {
  return tab.evaluate(
    ({ id, selector }) => {
      const row = Array.from(document.querySelectorAll<HTMLElement>('[data-article-id]')).find((r) => r.dataset['articleId'] === id);
      const el = row?.querySelector<HTMLElement>(selector);
      return (el?.innerText ?? '').replace(/\s+/g, ' ').trim();
    },
    { id, selector },
  );
}

/** Clicks the element matching `selector` inside the row of `id`. */
export async function clickInRow(tab: Tab, id: string, selector: string): Promise<void> {
  await tab.click(`[data-article-id="${id.replace(/["\\]/g, '\\$&')}"] ${selector}`);
}

/**
 * Opens the article at `url` in a tab at this viewport and opens Oqy's reader over it (the
 * message the toolbar button sends), once the page is known to be an article.
 */
export async function openReaderOverPage(browser: Driver, url: string, viewport: Viewport): Promise<Tab> {
  const tab = await browser.openTab(url, { viewport });
  await browser.waitForToolbarTitle(tab, [en('actionTitleReady')], 30_000);
  await browser.inExtension((api, id: number) => api.tabs.sendMessage(id, { type: 'oqy/reader', action: 'open' }).then(() => true), await tab.id());
  await tab.bringToFront();
  return tab;
}

/** Runs an expression of reading-check.ts written over `root` (selectPhrase(…, 'root'), shownHighlights('root')) on the in-page reader's root. */
export function overReader<T>(tab: Tab, expression: string): Promise<T> {
  return tab.reader.evaluate(new Function('root', `return (${expression});`) as (root: ShadowRoot | null) => T);
}

/** The reader over the news page, as the page's own script sees it: its host, the root it is given, the class on <html>. */
export function pageSeesReader(tab: Tab): Promise<{ host: boolean; root: string; reading: boolean }> {
  return tab.evaluate((id: string) => {
    const host = document.getElementById(id);
    return { host: !!host, root: host ? String(host.shadowRoot) : 'no host', reading: document.documentElement.classList.contains('oqy-reading') };
  }, READER_HOST_ID);
}

export interface BlockTops {
  /** The bottom of the reader's toolbar: the reading line. */
  line: number;
  blocks: Array<{ top: number; bottom: number; text: string }>;
}

/**
 * Where the body's blocks are on screen, as the reading position counts them (innermost blocks
 * with text), under `root` (the in-page reader's root) or in the document (the reader tab).
 * Sent as source: `tab.evaluate(blockTops)` or `tab.reader.evaluate(blockTops)`.
 */
export function blockTops(root?: ShadowRoot | null): BlockTops | null {
  const scope: Document | ShadowRoot = root ?? document;
  const body = scope.querySelector('[data-testid="body"]');
  const toolbar = scope.querySelector('.oqy-toolbar');
  if (!body || !toolbar) return null;
  const blocks = Array.from(body.querySelectorAll('p, h2, h3, h4, li, blockquote, figcaption')).filter((el) => el.textContent?.trim() && !el.querySelector('p, li'));
  return {
    line: toolbar.getBoundingClientRect().bottom,
    blocks: blocks.map((el) => ({ top: el.getBoundingClientRect().top, bottom: el.getBoundingClientRect().bottom, text: el.textContent?.trim() ?? '' })),
  };
}

/** The first block whose bottom is below the reading line: what a reader sees at the top (-1 if none). */
export function topBlock(tops: BlockTops): number {
  return tops.blocks.findIndex((b) => b.bottom > tops.line + 1);
}

/** blockTops of the reader tab, which must show its article. */
export async function blockTopsIn(tab: Tab): Promise<BlockTops> {
  const tops = await tab.evaluate(blockTops);
  if (!tops) throw new Error(`no article body or toolbar in ${await tab.url()}`);
  return tops;
}
