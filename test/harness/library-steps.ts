/**
 * The steps of the library end-to-end test (test/e2e/library.test.ts), written once against
 * the driver (driver.ts): the library page opened and read (its rows, its whole IndexedDB),
 * and the few things each browser does its own way, each in one function that switches on
 * `browser.name`: going offline, finding the tab a click opened, recording the requests that
 * leave the browser.
 */
import type { Page, Request } from 'playwright-core';
import type { ChromiumDriver } from './driver-chromium.ts';
import type { FirefoxDriver } from './driver-firefox.ts';
import { LIBRARY_PATH, pollUntil, type Driver, type Tab, type Viewport } from './driver.ts';
import { DUMP_LIBRARY, type LibraryDump } from './library-check.ts';

export const LIBRARY_VIEWPORT: Viewport = { width: 1100, height: 760 };

/**
 * Takes the network away, once the test has stopped the fixture server: Chromium's context goes
 * offline as well; Firefox sends every request to the fixture server (its proxy), so with the
 * server gone nothing can be fetched. Needed again after a restart (a new Chromium context).
 */
export async function goOffline(browser: Driver): Promise<void> {
  if (browser.name === 'chromium') await (browser as ChromiumDriver).chromium.context.setOffline(true);
}

/** The library page in a new tab, once it has read the library (or said it could not). */
export async function openLibrary(browser: Driver): Promise<Tab> {
  const tab = await browser.openExtensionPage(LIBRARY_PATH, {}, { viewport: LIBRARY_VIEWPORT });
  await waitForLibraryReady(tab);
  return tab;
}

/** The list has been read: the search box is enabled (or the page says it could not open the library). */
export async function waitForLibraryReady(tab: Tab): Promise<void> {
  await tab.waitFor(
    () => {
      const q = document.querySelector<HTMLInputElement>('input[type=search][name=q]');
      return (q && !q.disabled) || document.querySelector<HTMLElement>('[role=status]')?.dataset['tone'] === 'error';
    },
    undefined,
    { timeoutMs: 20_000, what: 'the library page to read the library' },
  );
}

/** A CSS selector for the row of an article (its id is its address). */
export const rowSelector = (id: string) => `[data-article-id="${id.replace(/["\\]/g, '\\$&')}"]`;

/** The ids of the rows the list shows, top to bottom. */
export function rowIds(tab: Tab): Promise<string[]> {
  return tab.evaluate(() => Array.from(document.querySelectorAll<HTMLElement>('[data-article-id]'), (r) => r.dataset['articleId'] ?? ''));
}

/** Waits (up to 10 s) until the list shows exactly these ids in this order; returns what it shows then. */
export async function waitForRows(tab: Tab, ids: readonly string[]): Promise<string[]> {
  const want = JSON.stringify(ids);
  await pollUntil(async () => JSON.stringify(await rowIds(tab)) === want, { timeoutMs: 10_000 }).catch(() => undefined);
  return rowIds(tab);
}

/** The whole library as stored in this profile (read in an extension page). */
export function dumpLibrary(tab: Tab): Promise<LibraryDump> {
  return tab.evaluateSource<LibraryDump>(DUMP_LIBRARY);
}

/** Waits until every image of the reader's body is shown from storage: two of them, blob: URLs, loaded, with a width. */
export async function waitForImagesFromStorage(tab: Tab): Promise<void> {
  await tab.waitFor(
    () => {
      const imgs = Array.from(document.querySelectorAll<HTMLImageElement>('[data-testid="body"] img'));
      return imgs.length === 2 && imgs.every((i) => i.complete && i.naturalWidth > 0 && (i.getAttribute('src') ?? '').startsWith('blob:'));
    },
    undefined,
    { timeoutMs: 15_000, what: "the saved article's two images shown from storage (blob: URLs)" },
  );
}

/** Runs `action` and returns the new tab it opened at an address starting with `urlPrefix`. */
export async function tabOpenedBy(browser: Driver, urlPrefix: string, action: () => Promise<void>, timeoutMs = 10_000): Promise<Tab> {
  const what = `a new tab at ${urlPrefix}`;
  if (browser.name === 'chromium') {
    const chromium = browser as ChromiumDriver;
    const before = new Set(chromium.chromium.context.pages());
    await action();
    const page = await pollUntil(async () => chromium.chromium.context.pages().find((p) => !before.has(p) && p.url().startsWith(urlPrefix)), { timeoutMs, what });
    return chromium.wrap(page as Page);
  }
  const firefox = browser as FirefoxDriver;
  const contexts = async () =>
    (await firefox.session.send<{ contexts: Array<{ context: string; url: string }> }>('browsingContext.getTree', { maxDepth: 0 })).contexts;
  const before = new Set((await contexts()).map((c) => c.context));
  await action();
  const found = await pollUntil(async () => (await contexts()).find((c) => !before.has(c.context) && c.url.startsWith(urlPrefix)), { timeoutMs, what });
  return firefox.wrap(found!.context);
}

/** The requests that left the browser since `recordNetwork`, and the end of the recording. */
export interface NetworkRecord {
  readonly requests: string[];
  stop(): Promise<void>;
}

/** Addresses that do not leave the browser: the extension's own pages, blobs, data. */
const STAYS_IN = /^(?:chrome-extension|moz-extension|blob|data|about):/;

/**
 * Records every request the browser makes from now on that would leave it (Chromium: the
 * context's requests; Firefox: BiDi's network.beforeRequestSent), whether it then fails or not.
 */
export async function recordNetwork(browser: Driver): Promise<NetworkRecord> {
  const requests: string[] = [];
  const note = (url: string) => {
    if (!STAYS_IN.test(url)) requests.push(url);
  };
  if (browser.name === 'chromium') {
    const { context } = (browser as ChromiumDriver).chromium;
    const onRequest = (request: Request) => note(request.url());
    context.on('request', onRequest);
    return { requests, stop: async () => void context.off('request', onRequest) };
  }
  const { session } = browser as FirefoxDriver;
  let recording = true;
  session.onEvent((method, params) => {
    if (recording && method === 'network.beforeRequestSent') note((params as { request: { url: string } }).request.url);
  });
  await session.send('session.subscribe', { events: ['network.beforeRequestSent'] });
  return {
    requests,
    async stop() {
      recording = false;
      await session.send('session.unsubscribe', { events: ['network.beforeRequestSent'] }).catch(() => undefined);
    },
  };
}

/** How a hold on the library's stores is: asked for, held open, released, over. */
type HoldState = 'waiting' | 'held' | 'release' | 'over';

interface Holds {
  oqyHeld: Record<string, HoldState>;
  oqyHold(name: string, stores: string[], mode: IDBTransactionMode): Promise<boolean>;
}

/**
 * Puts into an extension page (`holder`) a way to hold transactions on the library's stores
 * open, to order what the library page does. A transaction waits for those created before it on
 * the same stores that write, and one that writes waits for those that read. Firefox runs one
 * writing transaction at a time, so what is held open only reads, and a writing one (a "gate",
 * which passes once the read before it is released) makes later readers wait.
 */
export async function installHolds(holder: Tab): Promise<void> {
  await holder.evaluate(() => {
    const page = window as unknown as Holds;
    const held: Record<string, HoldState> = (page.oqyHeld = {});
    page.oqyHold = (name, stores, mode) =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('oqy-library');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction(stores, mode);
          const store = tx.objectStore(stores[0]!);
          held[name] = 'waiting';
          tx.oncomplete = tx.onabort = () => {
            held[name] = 'over';
            db.close();
          };
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
  });
}

/** Asks for a hold `name` on `stores` (it may wait for others before it is held). */
export async function hold(holder: Tab, name: string, stores: string[], mode: IDBTransactionMode): Promise<void> {
  await holder.evaluate((a) => (window as unknown as Holds).oqyHold(a.name, a.stores, a.mode), { name, stores, mode });
}

/** Where the hold `name` is. */
export function holdState(holder: Tab, name: string): Promise<HoldState | null> {
  return holder.evaluate((n) => (window as unknown as Holds).oqyHeld[n] ?? null, name);
}

/** Waits until the hold `name` is held open. */
export async function waitHeld(holder: Tab, name: string): Promise<void> {
  await pollUntil(async () => (await holdState(holder, name)) === 'held', { timeoutMs: 10_000, what: `the hold ${name} to begin` });
}

/** Releases the hold `name`, or every hold (`null`). */
export async function release(holder: Tab, name: string | null): Promise<void> {
  await holder.evaluate((n) => {
    const held = (window as unknown as Partial<Holds>).oqyHeld ?? {};
    for (const key of n === null ? Object.keys(held) : [n]) held[key] = 'release';
    return true;
  }, name);
}
