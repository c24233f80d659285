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

/** Whether the extension holds the host permission for `origin` (a match pattern). */
export function hasHostPermission(worker: Worker, origin: string): Promise<boolean> {
  return worker.evaluate((o: string) => chrome.permissions.contains({ origins: [o] }), origin);
}

/** The toolbar button's badge text for a tab. */
export function toolbarBadge(worker: Worker, tabId: number): Promise<string> {
  return worker.evaluate((id: number) => chrome.action.getBadgeText({ tabId: id }), tabId);
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

/** What the frame probe records at each animation frame. */
export interface FrameRecord {
  /** ms since the navigation started (performance.now() in the new document). */
  t: number;
  readyState: string;
  /** The computed visibility of <html> is hidden. */
  htmlHidden: boolean;
  host: boolean;
  /** The host holds auto mode's loading frame (it says aria-busy until the reader takes it over). */
  loading: boolean;
  /** The reader's host is displayed, visible, and covers the whole viewport. */
  hostCovers: boolean;
  /**
   * The reader paints the whole viewport: its host covers it with an opaque background (the
   * theme's). What is inside the host is in a closed shadow root, which the page's world (and
   * this probe) cannot see; the host's own paint is what keeps the page from showing through.
   */
  readerCovers: boolean;
  /** How many of the `headlines` can be seen (in the DOM, rendered, in view, nothing over them). */
  headlinesSeen: number;
  /** The ticker headline's text node is in the document. */
  tickerInDom: boolean;
  /** Its element passes checkVisibility (display, visibility, opacity, content-visibility) and no ancestor hides it. */
  tickerVisible: boolean;
  /** Its text has a box inside the viewport. */
  tickerInViewport: boolean;
  /** What is on top at the centre of its text is the headline itself (not the reader over it). */
  tickerOnTop: boolean;
}

/** The ticker can be seen in this frame: in the page, rendered, in view, and nothing over it. */
export const tickerSeen = (f: FrameRecord): boolean => f.tickerInDom && f.tickerVisible && f.tickerInViewport && f.tickerOnTop;

/**
 * A main-world init script (page.addInitScript) that, from the document's very first animation
 * frame, records at every frame what the page shows: whether <html> is hidden, whether the
 * reader's host is there (with the loading frame or the reader) and covers the viewport, whether
 * it paints all of it, whether the text node of `headline` (the first one in document order) is
 * in the DOM, rendered and on top, and how many of `headlines` are. It stops `afterReaderFrames`
 * frames after the reader (not the loading frame) first painted the viewport, or after
 * `limitMs`. Read it with readFramesAndDcl(), which gives the DOMContentLoaded time too.
 */
export function frameProbe(options: { headline: string; headlines: string[]; limitMs: number; afterReaderFrames: number }): void {
  if (window.top !== window) return;
  const w = window as unknown as { __oqyFrames?: unknown[]; __oqyFramesDone?: boolean };
  const frames: unknown[] = [];
  w.__oqyFrames = frames;
  w.__oqyFramesDone = false;
  document.addEventListener('DOMContentLoaded', () => ((w as { __oqyFramesDcl?: number }).__oqyFramesDcl = performance.now()), { once: true });
  let readerFrames = 0;
  /** The first text node in document order whose text is exactly `wanted`. */
  const findText = (wanted: string): Text | null => {
    const root = document.documentElement;
    if (!root) return null;
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if ((n.nodeValue ?? '').replace(/\s+/g, ' ').trim() === wanted) return n as Text;
    }
    return null;
  };
  const shownChain = (el: Element | null): boolean => {
    for (let e = el; e; e = e.parentElement) {
      const s = getComputedStyle(e);
      if (s.display === 'none' || s.visibility === 'hidden' || s.visibility === 'collapse' || Number(s.opacity) === 0) return false;
    }
    return true;
  };
  const tick = () => {
    const html = document.documentElement;
    const host = document.getElementById('oqy-reader-host');
    let hostCovers = false;
    if (host) {
      const r = host.getBoundingClientRect();
      const s = getComputedStyle(host);
      hostCovers =
        s.display !== 'none' && s.visibility === 'visible' && Number(s.opacity) > 0 &&
        r.left <= 0 && r.top <= 0 && r.right >= innerWidth && r.bottom >= innerHeight;
    }
    let hostOpaque = false;
    if (host) {
      const bg = getComputedStyle(host).backgroundColor;
      hostOpaque = (/^rgba\(/.test(bg) ? Number(bg.replace(/^rgba\(|\)$/g, '').split(',')[3]) : bg === 'transparent' ? 0 : 1) === 1;
    }
    const readerCovers = hostCovers && hostOpaque;
    /** Whether a text node is in the DOM, rendered, in view, and on top where it is drawn. */
    const look = (text: Text | null) => {
      const el = text?.parentElement ?? null;
      const seen = { inDom: !!text?.isConnected, visible: false, inViewport: false, onTop: false };
      if (!text || !el) return seen;
      seen.visible = el.checkVisibility({ opacityProperty: true, visibilityProperty: true, contentVisibilityAuto: true }) && shownChain(el);
      const range = document.createRange();
      range.selectNodeContents(text);
      const box = Array.from(range.getClientRects()).find((r) => r.width > 0 && r.height > 0 && r.bottom > 0 && r.right > 0 && r.top < innerHeight && r.left < innerWidth);
      if (box) {
        seen.inViewport = true;
        const x = Math.min(Math.max(box.left + box.width / 2, 0), innerWidth - 1);
        const y = Math.min(Math.max(box.top + box.height / 2, 0), innerHeight - 1);
        const top = document.elementFromPoint(x, y);
        // Hit testing over the reader finds its host: where the host does not paint, the page shows through.
        seen.onTop = !!top && (top === el || el.contains(top) || (top === host && !hostOpaque));
      }
      return seen;
    };
    const first = look(findText(options.headline));
    const headlinesSeen = options.headlines.map((h) => look(findText(h))).filter((x) => x.inDom && x.visible && x.inViewport && x.onTop).length;
    frames.push({
      t: performance.now(),
      readyState: document.readyState,
      htmlHidden: !!html && getComputedStyle(html).visibility === 'hidden',
      host: !!host,
      loading: host?.getAttribute('aria-busy') === 'true',
      hostCovers,
      readerCovers,
      headlinesSeen,
      tickerInDom: first.inDom,
      tickerVisible: first.visible,
      tickerInViewport: first.inViewport,
      tickerOnTop: first.onTop,
    });
    if (readerCovers && host?.getAttribute('aria-busy') !== 'true') readerFrames += 1;
    if (readerFrames >= options.afterReaderFrames || performance.now() > options.limitMs) {
      w.__oqyFramesDone = true;
      return;
    }
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}

/** Waits until the frame probe has finished in `page`, and returns its records and the DOMContentLoaded time (null: not yet). */
export async function readFrames(page: Page, timeoutMs = 15_000): Promise<FrameRecord[]> {
  return (await readFramesAndDcl(page, timeoutMs)).frames;
}

export async function readFramesAndDcl(page: Page, timeoutMs = 15_000): Promise<{ frames: FrameRecord[]; dcl: number | null }> {
  await page.waitForFunction(() => (window as unknown as { __oqyFramesDone?: boolean }).__oqyFramesDone === true, undefined, { timeout: timeoutMs });
  return page.evaluate(() => {
    const w = window as unknown as { __oqyFrames: FrameRecord[]; __oqyFramesDcl?: number };
    return { frames: w.__oqyFrames, dcl: w.__oqyFramesDcl ?? null };
  });
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
