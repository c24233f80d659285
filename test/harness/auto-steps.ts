/**
 * The steps of the auto-mode test (test/e2e/auto.test.ts) that each browser takes its own way,
 * one function each, switching on the driver's name: a tab with a probe installed before the
 * page's own scripts, a navigation left to load on its own, a tab opened straight at an address
 * (no blank page before it in its history), Back with nothing before, a site's access granted
 * the way a person grants it, and the Chromium-only CDP screencast. Also the extension's view of
 * its registered scripts and permissions, asked where its API is in either browser.
 */
import { writeFileSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { CHROME_DIST } from './chromium.ts';
import { DIST_FIREFOX } from './firefox.ts';
import { AUTO_SCRIPT_ID, grantSiteAccess, initScript, openFreshTab as openFreshChromiumTab, startScreencast, type RegisteredScript } from './chromium-auto.ts';
import { preloadScript, type FrameProbeRecord } from './auto-probes.ts';
import { pollUntil, type BrowserName, type Driver, type Tab, type Viewport } from './driver.ts';
import type { ChromiumDriver, ChromiumTab } from './driver-chromium.ts';
import type { FirefoxDriver, FirefoxTab } from './driver-firefox.ts';

/** The size of a desktop window, for every page tab of the test. */
export const PAGE_VIEWPORT: Viewport = { width: 1280, height: 800 };

/** The built extension the browser runs (its files, e.g. to weigh a script). */
export function builtExtension(name: BrowserName): string {
  return name === 'chromium' ? CHROME_DIST : DIST_FIREFOX;
}

/** Every content script the extension has registered at run time, as the extension sees them. */
export function registeredScripts(browser: Driver): Promise<RegisteredScript[]> {
  return browser.inExtension((api) => api.scripting.getRegisteredContentScripts() as Promise<RegisteredScript[]>);
}

/** The match patterns of the auto-mode script, sorted, or null when it is not registered. */
export async function autoScriptMatches(browser: Driver): Promise<string[] | null> {
  const script = (await registeredScripts(browser)).find((s) => s.id === AUTO_SCRIPT_ID);
  return script ? [...(script.matches ?? [])].sort() : null;
}

/** Whether the extension holds the host permission for `origin` (a match pattern). */
export function hasHostPermission(browser: Driver, origin: string): Promise<boolean> {
  return browser.inExtension((api, o: string) => api.permissions.contains({ origins: [o] }) as Promise<boolean>, origin);
}

/**
 * A new blank tab, with `probe(arg)` (when given) run in the main world of every document it
 * loads from now on, before the page's own scripts: a Playwright init script in Chromium, a
 * BiDi preload script in Firefox. Go somewhere with `startGoto` or `tab.goto`.
 */
export async function openProbedTab<A>(browser: Driver, probe?: { fn: (arg: A) => void; arg: A }, viewport: Viewport = PAGE_VIEWPORT): Promise<Tab> {
  switch (browser.name) {
    case 'chromium': {
      const b = browser as ChromiumDriver;
      const page = await b.chromium.context.newPage();
      await page.setViewportSize(viewport);
      if (probe) await page.addInitScript({ content: initScript(probe.fn, probe.arg) });
      return b.wrap(page);
    }
    case 'firefox': {
      const b = browser as FirefoxDriver;
      const { context } = await b.session.send<{ context: string }>('browsingContext.create', { type: 'tab' });
      await b.session.setViewport(context, viewport.width, viewport.height);
      if (probe) await b.session.send('script.addPreloadScript', { functionDeclaration: preloadScript(probe.fn, probe.arg), contexts: [context] });
      return b.wrap(context);
    }
  }
}

/**
 * Goes to `url` in `tab` and returns as soon as the new document is there: the page may still
 * be loading (a stalled page, a frame to look at before it is done).
 */
export async function startGoto(tab: Tab, url: string): Promise<void> {
  switch (tab.browser.name) {
    case 'chromium':
      await (tab as ChromiumTab).page.goto(url, { waitUntil: 'commit' });
      return;
    case 'firefox': {
      const session = (tab.browser as FirefoxDriver).session;
      await session.send('browsingContext.navigate', { context: (tab as FirefoxTab).context, url, wait: 'none' });
      await tab.waitFor((href: string) => location.href === href, new URL(url).href, { timeoutMs: 20_000, what: `the tab to show ${url}` });
      return;
    }
  }
}

/**
 * A tab opened straight at `url`, as a link opened in a new tab is: its history holds that page
 * alone (Chromium's context.newPage() starts at about:blank, a history entry of its own, so the
 * tab is made by the extension's tabs.create there). Returns once the page has loaded.
 */
export async function openFreshTab(browser: Driver, url: string): Promise<Tab> {
  let tab: Tab;
  switch (browser.name) {
    case 'chromium': {
      const b = browser as ChromiumDriver;
      const { page } = await openFreshChromiumTab(b.chromium, url);
      await page.setViewportSize(PAGE_VIEWPORT);
      tab = b.wrap(page);
      break;
    }
    case 'firefox':
      tab = await browser.openTab(url, { viewport: PAGE_VIEWPORT });
      break;
  }
  await tab.waitFor((href: string) => location.href === href && document.readyState === 'complete', new URL(url).href, { timeoutMs: 20_000, what: `${url} to load` });
  return tab;
}

/**
 * Back in the tab's history, as the toolbar's Back does; false when there is nothing before
 * (Playwright's goBack answers null, BiDi refuses with "no such history entry").
 */
export async function historyBack(tab: Tab): Promise<boolean> {
  switch (tab.browser.name) {
    case 'chromium':
      return (await (tab as ChromiumTab).page.goBack()) !== null;
    case 'firefox':
      try {
        await (tab.browser as FirefoxDriver).session.send('browsingContext.traverseHistory', { context: (tab as FirefoxTab).context, delta: -1 });
        return true;
      } catch (e) {
        if (/no such history entry/i.test((e as Error).message)) return false;
        throw e;
      }
  }
}

/**
 * Lets the extension have a site when it asks (permissions.request, from "Add site"), as the
 * person would, without the browser's permission dialog, which is not a page a test can click.
 * Nothing is held until the extension asks. Chromium: the site is allowed in chrome://extensions
 * (chromium-auto.ts grantSiteAccess, which says why this way). Firefox: the prompt for optional
 * permissions is turned off (`extensions.webextOptionalPermissionPrompts`, read at each request),
 * set in the browser window's own scope; it is not per site, so the grant follows the ask.
 */
export async function allowSiteAccess(browser: Driver, pattern: string): Promise<void> {
  switch (browser.name) {
    case 'chromium':
      await grantSiteAccess((browser as ChromiumDriver).chromium, pattern);
      return;
    case 'firefox': {
      const session = (browser as FirefoxDriver).session;
      const { contexts } = await session.send<{ contexts: { context: string }[] }>('browsingContext.getTree', { maxDepth: 0, 'moz:scope': 'chrome' });
      const window = contexts[0]?.context;
      if (!window) throw new Error('no browser window to set the permission prompt pref in');
      await session.evaluate(window, `Services.prefs.setBoolPref('extensions.webextOptionalPermissionPrompts', false)`);
      return;
    }
  }
}

/** Waits until the frame probe (auto-probes.ts frameProbe) in `tab` is done; returns what it holds. */
export async function readFrameProbe(tab: Tab, timeoutMs: number): Promise<FrameProbeRecord> {
  await tab.waitFor(() => (window as unknown as { __oqyFramesDone?: boolean }).__oqyFramesDone === true, undefined, { timeoutMs, what: 'the frame probe to finish' });
  return tab.evaluate(() => {
    const w = window as unknown as { __oqyFrames: FrameProbeRecord['frames']; __oqyFramesDcl?: number; __oqyTickerArrived?: FrameProbeRecord['tickerArrived'] };
    return { frames: w.__oqyFrames, dcl: w.__oqyFramesDcl ?? null, tickerArrived: w.__oqyTickerArrived ?? null };
  });
}

/**
 * A hold for the fixture server's stall (Pause.until): settles once the frame probe in `tab` has
 * recorded `count` frames drawn while the page was still loading, each with the loading frame
 * over it (`frame`) or with the page's ticker parsed (`ticker`); or after `timeoutMs`, when the
 * test's own checks say what was missing. A busy machine draws few frames in a stall of fixed
 * length; a stall that lasts until the frames are drawn keeps those checks off the load.
 */
export function loadingFrames(tab: Tab, count: number, which: 'frame' | 'ticker', timeoutMs = 30_000): () => Promise<unknown> {
  return () =>
    pollUntil(
      () =>
        tab.evaluate(
          ([n, kind]) => {
            const frames = (window as unknown as { __oqyFrames?: FrameProbeRecord['frames'] }).__oqyFrames ?? [];
            return frames.filter((f) => f.readyState === 'loading' && (kind === 'ticker' ? f.tickerInDom : f.loading)).length >= n;
          },
          [count, which] as const,
        ),
      { timeoutMs, what: `${count} frames drawn while the page loads (${which})` },
    ).catch(() => undefined);
}

/** Polls `window.__oqyPaint` (auto-probes.ts readerPaintProbe) in `tab` until `done` holds for it. */
export function readPaintProbe<P>(tab: Tab, done: (paint: P) => boolean, what: string, timeoutMs = 30_000): Promise<P> {
  return pollUntil(
    async () => {
      const paint = await tab.evaluate(() => (window as unknown as { __oqyPaint?: unknown }).__oqyPaint ?? null);
      return paint && done(paint as P) ? (paint as P) : null;
    },
    { timeoutMs, what: `the paint probe on ${what}` },
  ) as Promise<P>;
}

/**
 * Records a CDP screencast of `tab` while `work` runs, and saves its first six frames (from the
 * start of `work`) as `<name>-N.jpg` in `dir`, with when each came in `<name>s.txt`. Chromium
 * only: Firefox has no screencast over BiDi. Returns how many frames were saved.
 */
export async function recordScreencast(tab: Tab, dir: string, name: string, work: () => Promise<void>): Promise<number> {
  if (tab.browser.name !== 'chromium') throw new Error('a screencast needs CDP: Chromium only');
  const page = (tab as ChromiumTab).page;
  const cast = await startScreencast((tab.browser as ChromiumDriver).chromium, page, { maxWidth: 1280, maxHeight: 720 });
  // The blank tab sends a frame before the work starts; only the frames after it count.
  await pollUntil(async () => cast.frames.length > 0, { timeoutMs: 5_000, what: 'the blank tab\'s first screencast frame' }).catch(() => undefined);
  const before = cast.frames.length;
  const sent = Date.now();
  try {
    await work();
    // Frames come after they are painted, and are acknowledged one at a time: wait for the first of the work's.
    await pollUntil(async () => cast.frames.length > before, { timeoutMs: 15_000, what: 'a screencast frame of the page' }).catch(() => undefined);
  } finally {
    await cast.stop();
  }
  const fresh = cast.frames.slice(before);
  const saved = fresh.slice(0, 6);
  for (let i = 1; i <= 6; i++) rmSync(resolve(dir, `${name}-${i}.jpg`), { force: true });
  saved.forEach((frame, i) => writeFileSync(resolve(dir, `${name}-${i + 1}.jpg`), frame.data));
  writeFileSync(
    resolve(dir, `${name}s.txt`),
    `${saved.map((frame, i) => `${name}-${i + 1}.jpg received ${frame.received - sent} ms after the navigation began`).join('\n')}\n${fresh.length} frames in all\n`,
  );
  return saved.length;
}
