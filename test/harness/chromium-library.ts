/**
 * What the Chromium library tests need besides test/harness/chromium.ts: the library page and a
 * saved article's reader page opened in a tab, the library read out of IndexedDB, the rows the
 * list shows, and the network requests a page makes (to prove it makes none).
 */
import type { Page, Request } from 'playwright-core';
import { READER_PATH, type ChromiumWithExtension } from './chromium.ts';
import { DUMP_LIBRARY, LIBRARY_PATH, type LibraryDump } from './library-check.ts';

/** Opens the library page in a new tab and waits until it has read the library (or failed). */
export async function openLibraryPage(browser: ChromiumWithExtension, viewport = { width: 1100, height: 760 }): Promise<Page> {
  const page = await browser.context.newPage();
  await page.setViewportSize(viewport);
  await page.goto(browser.extensionUrl(LIBRARY_PATH));
  await waitForLibraryReady(page);
  return page;
}

/** The list has been read: the search box is enabled (or the page says it could not open the library). */
export async function waitForLibraryReady(page: Page): Promise<void> {
  await page.waitForFunction(
    () => {
      const q = document.querySelector<HTMLInputElement>('input[type=search][name=q]');
      const status = document.querySelector('[role=status]');
      return (q && !q.disabled) || status?.getAttribute('data-tone') === 'error';
    },
    undefined,
    { timeout: 20_000 },
  );
}

/** The ids of the rows the list shows, top to bottom. */
export function rowIds(page: Page): Promise<string[]> {
  return page.$$eval('[data-article-id]', (rows) => rows.map((r) => (r as HTMLElement).dataset.articleId ?? ''));
}

/** Waits until the list shows exactly these ids, in this order; returns what it shows. */
export async function waitForRows(page: Page, ids: readonly string[], timeoutMs = 10_000): Promise<string[]> {
  await page
    .waitForFunction(
      (want: readonly string[]) => {
        const got = Array.from(document.querySelectorAll<HTMLElement>('[data-article-id]'), (r) => r.dataset.articleId ?? '');
        return got.length === want.length && got.every((id, i) => id === want[i]);
      },
      ids,
      { timeout: timeoutMs },
    )
    .catch(() => undefined);
  return rowIds(page);
}

/** The row of an article, as a locator. */
export function rowOf(page: Page, id: string) {
  return page.locator(`[data-article-id="${id.replace(/["\\]/g, '\\$&')}"]`);
}

/** The whole library as stored in this profile (read in an extension page). */
export function dumpLibrary(page: Page): Promise<LibraryDump> {
  return page.evaluate(DUMP_LIBRARY) as Promise<LibraryDump>;
}

/** The reader page of a saved article (what the library's Read link opens). */
export function savedReaderUrl(browser: ChromiumWithExtension, id: string): string {
  return browser.extensionUrl(READER_PATH, { saved: id });
}

/**
 * Records every request the browser context makes from now on that leaves the browser (not
 * chrome-extension:, blob: or data:), with whether it failed. `stop()` ends the recording.
 */
export function recordNetwork(browser: ChromiumWithExtension): { requests: string[]; stop(): void } {
  const requests: string[] = [];
  const onRequest = (request: Request) => {
    const url = request.url();
    if (!/^(?:chrome-extension|blob|data):/.test(url)) requests.push(url);
  };
  browser.context.on('request', onRequest);
  return { requests, stop: () => browser.context.off('request', onRequest) };
}
