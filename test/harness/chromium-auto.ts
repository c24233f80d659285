/**
 * What the auto-mode tests and the auto-mode benchmark need besides test/harness/chromium.ts:
 * the registered content scripts and the toolbar badge as the service worker sees them, a tab
 * opened fresh at an address, site access granted the way chrome://extensions grants it, a
 * per-frame probe of what the page shows while it loads (main-world init scripts), the reader's
 * paint times (auto-probes.ts) as the page's probe holds them, and CDP screencast frames.
 */
import type { CDPSession, Page, Worker } from 'playwright-core';
import type { ChromiumWithExtension } from './chromium.ts';
import type { ReaderPaint } from './auto-probes.ts';

/** The extension APIs used inside the service worker (these functions run there, not in Node). */
declare const chrome: {
  scripting: {
    getRegisteredContentScripts(filter?: { ids?: string[] }): Promise<RegisteredScript[]>;
  };
  permissions: { contains(p: { origins: string[] }): Promise<boolean> };
  action: { getBadgeText(details: { tabId: number }): Promise<string> };
  tabs: {
    create(props: { url: string; active?: boolean }): Promise<{ id?: number }>;
  };
  storage: { sync: { get(key: string): Promise<Record<string, unknown>>; set(items: Record<string, unknown>): Promise<void> } };
};

export interface RegisteredScript {
  id: string;
  js?: string[];
  matches?: string[];
  runAt?: string;
  allFrames?: boolean;
  world?: string;
}

export const AUTO_SCRIPT_ID = 'oqy-auto';

/** Every content script the extension has registered at run time (the service worker's view). */
export function registeredScripts(worker: Worker): Promise<RegisteredScript[]> {
  return worker.evaluate(() => chrome.scripting.getRegisteredContentScripts());
}

/** The match patterns of the auto-mode script, or null when it is not registered. */
export async function autoMatches(worker: Worker): Promise<string[] | null> {
  const script = (await registeredScripts(worker)).find((s) => s.id === AUTO_SCRIPT_ID);
  return script ? [...(script.matches ?? [])].sort() : null;
}

/**
 * A new tab opened straight at `url` (as a link opened in a new tab is), with no about:blank
 * entry before it in the tab's history, unlike context.newPage() + goto. Returns its page and id.
 */
export async function openFreshTab(browser: ChromiumWithExtension, url: string): Promise<{ page: Page; tabId: number }> {
  const opened = browser.context.waitForEvent('page', { timeout: 15_000 });
  const tabId = await browser.worker.evaluate(async (address: string) => (await chrome.tabs.create({ url: address, active: true })).id ?? -1, url);
  const page = await opened;
  await page.waitForLoadState('domcontentloaded');
  return { page, tabId };
}

/**
 * Grants the extension access to a site the way chrome://extensions does it: the extension's
 * details page, "Site access", adds the site through chrome.developerPrivate.addHostPermission.
 * The grant is the user's, made in the browser's own settings page; it is not yet active for
 * the extension (permissions.contains stays false) until the extension asks for it with
 * permissions.request, which Chrome then grants at once, without its permission dialog, since
 * the user already granted that site.
 *
 * Why this way: Chrome's permission dialog is a native window, not a page, so in a test there
 * is nothing to click it with (CDP's Browser.grantPermissions covers web permissions, not
 * extension hosts); forging the grant into the profile's Secure Preferences would depend on
 * Chrome's private MAC scheme and change with each version.
 */
export async function grantSiteAccess(browser: ChromiumWithExtension, host: string): Promise<void> {
  const page = await browser.context.newPage();
  try {
    await page.goto(`chrome://extensions/?id=${browser.extensionId}`);
    const error = await page.evaluate(
      async ({ id, site }) => {
        const api = (globalThis as unknown as { chrome?: { developerPrivate?: { addHostPermission(id: string, host: string): Promise<void> } } })
          .chrome?.developerPrivate;
        if (!api) return 'chrome.developerPrivate is not available on chrome://extensions';
        try {
          await api.addHostPermission(id, site);
          return null;
        } catch (e) {
          return String((e as Error)?.message ?? e);
        }
      },
      { id: browser.extensionId, site: host },
    );
    if (error) throw new Error(`chrome://extensions could not grant ${host}: ${error}`);
  } finally {
    await page.close();
  }
}

/**
 * The source of an init script that runs `probe(arg)` in the page's main world, for
 * page.addInitScript({ content }). With a stand-in for esbuild's `__name` helper: under tsx
 * (keepNames) a function's source calls it for the named functions inside, and the page has none.
 */
export function initScript<A>(probe: (arg: A) => void, arg: A): string {
  return `(() => { const __name = (f) => f; (${probe.toString()})(${JSON.stringify(arg)}); })();`;
}

/**
 * The probe's record (auto-probes.ts readerPaintProbe, installed with
 * page.addInitScript({ content: initScript(readerPaintProbe, { textStrip: TEXT_STRIP_PX }) }))
 * once `done` holds for it, e.g. the load event has passed and the reader's text is painted.
 */
export async function readReaderPaint(page: Page, done: (paint: ReaderPaint) => boolean, timeoutMs = 30_000, what = 'the page'): Promise<ReaderPaint> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const paint = await page.evaluate(() => (window as unknown as { __oqyPaint?: ReaderPaint }).__oqyPaint ?? null).catch(() => null);
    if (paint && done(paint)) return paint;
    if (Date.now() > deadline) throw new Error(`${what}: waited ${timeoutMs} ms for the probe; it holds ${JSON.stringify(paint)}`);
    await page.waitForTimeout(50);
  }
}

export interface ScreencastFrame {
  /** JPEG bytes. */
  data: Buffer;
  /** The compositor's timestamp for the frame, in seconds since the epoch. */
  timestamp: number | undefined;
  /** When Node received it (Date.now()). */
  received: number;
}

/** Starts a CDP screencast of `page`; every frame is acknowledged and kept, in order. */
export async function startScreencast(
  browser: ChromiumWithExtension,
  page: Page,
  options: { maxWidth?: number; maxHeight?: number; quality?: number } = {},
): Promise<{ frames: ScreencastFrame[]; stop(): Promise<void> }> {
  const cdp: CDPSession = await browser.context.newCDPSession(page);
  const frames: ScreencastFrame[] = [];
  cdp.on('Page.screencastFrame', (event) => {
    frames.push({ data: Buffer.from(event.data, 'base64'), timestamp: event.metadata.timestamp, received: Date.now() });
    void cdp.send('Page.screencastFrameAck', { sessionId: event.sessionId }).catch(() => undefined);
  });
  await cdp.send('Page.enable');
  await cdp.send('Page.startScreencast', {
    format: 'jpeg',
    quality: options.quality ?? 70,
    maxWidth: options.maxWidth ?? 1280,
    maxHeight: options.maxHeight ?? 800,
    everyNthFrame: 1,
  });
  return {
    frames,
    async stop() {
      await cdp.send('Page.stopScreencast').catch(() => undefined);
      await cdp.detach().catch(() => undefined);
    },
  };
}
