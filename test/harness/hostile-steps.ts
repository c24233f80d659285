/**
 * What the hostile-page tests (hostile.test.ts, page-attacks.test.ts) need of a browser beyond
 * the driver, each written once with the difference between the browsers inside:
 *
 * - a browser whose every https:// request is answered by the fixture server too (Firefox: an
 *   https proxy of its own for every host, so that an extension page's requests, which Firefox
 *   upgrades to https, still reach the fixture server and are seen; Chromium sends the hosts
 *   it is told of there anyway);
 * - a page loaded with its own scripts off, then turned on again;
 * - a new tab that goes to an address without waiting for its load event;
 * - real pointer moves (hover);
 * - messages posted to a page recorded from its first moment where the browser allows it.
 */
import type { CDPSession } from 'playwright-core';
import type { FixtureServer } from './fixture-server.ts';
import { launchDriver, pollUntil, type BrowserName, type Driver, type Tab, type Viewport } from './driver.ts';
import type { ChromiumDriver, ChromiumTab } from './driver-chromium.ts';
import type { FirefoxDriver, FirefoxTab } from './driver-firefox.ts';

export interface HostileBrowser {
  browser: Driver;
  /** Closes the browser. */
  close(): Promise<void>;
}

/**
 * Starts `name` with Oqy. `extraHosts` resolve to the fixture server in Chromium (Firefox sends
 * every http:// request there, and here its https:// requests for every host too: a beacon's or
 * a local address's https request would otherwise go unseen). `builds` names the variables that
 * point a browser at another build (`OQY_ATTACKS_FIREFOX_DIST=...`: to see a test fail against
 * the build before a defence); unset, dist/ is loaded.
 */
export async function launchForHostile(
  name: BrowserName,
  server: FixtureServer,
  extraHosts: string[],
  options: { localNetworkAccessChecks?: boolean; builds?: Partial<Record<BrowserName, string>> } = {},
): Promise<HostileBrowser> {
  const variable = options.builds?.[name];
  const extensionDir = variable ? process.env[variable] : undefined;
  const browser = await launchDriver(name, {
    server,
    extraHosts,
    httpsHosts: /.*/,
    ...(extensionDir ? { extensionDir } : {}),
    ...(options.localNetworkAccessChecks ? { localNetworkAccessChecks: true } : {}),
  });
  return { browser, close: () => browser.close() };
}

/** An address as the page wrote it: Firefox upgrades an extension page's http:// requests to https://. */
export const asWritten = (url: string): string => url.replace(/^https:/i, 'http:');

/** Records the messages posted to every page from its first moment, where the browser can (see recordMessages). */
export async function recordMessagesFromStart(browser: Driver, recorder: string): Promise<void> {
  // Firefox runs no BiDi preload script in moz-extension pages: there the recorder goes in once
  // the page has loaded (recordMessages), and a payload's other flags and the beacon cover the
  // moments before (its script posts and sets every flag in the same breath).
  if (browser.name === 'chromium') await (browser as ChromiumDriver).chromium.context.addInitScript({ content: recorder });
}

/** A new tab on about:blank, of `viewport` size. */
export async function blankTab(browser: Driver, viewport: Viewport): Promise<Tab> {
  if (browser.name === 'chromium') {
    const page = await (browser as ChromiumDriver).chromium.context.newPage();
    await page.setViewportSize(viewport);
    return (browser as ChromiumDriver).wrap(page);
  }
  const firefox = browser as FirefoxDriver;
  const { context } = await firefox.session.send<{ context: string }>('browsingContext.create', { type: 'tab' });
  await firefox.session.setViewport(context, viewport.width, viewport.height);
  return firefox.wrap(context);
}

/**
 * Sends the tab to `url` and returns once the new document is there, not waiting for its load
 * event (a payload's form submission, answered 204, would keep a load wait waiting; a page that
 * changes its own address would never show the one asked for).
 */
export async function goNoWait(tab: Tab, url: string): Promise<void> {
  if (tab.browser.name === 'chromium') {
    await (tab as ChromiumTab).page.goto(url, { waitUntil: 'commit', timeout: 20_000 });
    return;
  }
  await (tab.browser as FirefoxDriver).session.send('browsingContext.navigate', { context: (tab as FirefoxTab).context, url, wait: 'none' });
}

/** Loads `url` in the tab without waiting for its load event, then waits until it is complete at that address. */
export async function loadNoWait(tab: Tab, url: string): Promise<void> {
  await goNoWait(tab, url);
  await tab.waitFor((u) => document.readyState === 'complete' && location.href === u, url, { timeoutMs: 20_000, what: `${url} to load` });
}

/** Chromium: the protocol sessions that hold a tab's scripts off. */
const scriptsOffSessions = new WeakMap<Tab, CDPSession>();

/**
 * Turns the page's own scripts off or on in the tab, its content as it is (Chromium: the
 * DevTools protocol's Emulation.setScriptExecutionDisabled; Firefox: the tab's
 * BrowsingContext.allowJavascript, set from the browser window's chrome scope, which the
 * harness may reach). Firefox's global pref javascript.enabled is no use: it turns scripts off
 * in the extension's own pages too.
 */
export async function setPageScripts(tab: Tab, allow: boolean): Promise<void> {
  if (tab.browser.name === 'chromium') {
    // The override lasts as long as the protocol session that set it: kept while scripts are off.
    const page = (tab as ChromiumTab).page;
    const cdp = scriptsOffSessions.get(tab) ?? (await page.context().newCDPSession(page));
    await cdp.send('Emulation.setScriptExecutionDisabled', { value: !allow });
    if (allow) {
      scriptsOffSessions.delete(tab);
      await cdp.detach();
    } else {
      scriptsOffSessions.set(tab, cdp);
    }
    return;
  }
  const session = (tab.browser as FirefoxDriver).session;
  const context = (tab as FirefoxTab).context;
  await session.activate(context);
  const { contexts } = await session.send<{ contexts: Array<{ context: string }> }>('browsingContext.getTree', { maxDepth: 0, 'moz:scope': 'chrome' });
  const chrome = contexts[0]?.context;
  if (!chrome) throw new Error('no browser window');
  const now = await session.evaluate<{ shows: string; allowed: boolean }>(
    chrome,
    `(() => { const b = gBrowser.selectedBrowser; b.browsingContext.allowJavascript = ${allow}; return { shows: b.currentURI.spec, allowed: b.browsingContext.allowJavascript }; })()`,
  );
  // The selected tab is the one activated above: it shows the tab's address.
  const shows = await tab.url();
  if (now.shows !== shows || now.allowed !== allow) throw new Error(`scripts ${allow ? 'on' : 'off'} in ${shows}: the selected tab shows ${now.shows}, scripts ${now.allowed ? 'on' : 'off'}`);
}

/** Real pointer moves through `points` (viewport coordinates), as a person's mouse passes over them. */
export async function moveMouse(tab: Tab, points: ReadonlyArray<{ x: number; y: number }>): Promise<void> {
  if (tab.browser.name === 'chromium') {
    const mouse = (tab as ChromiumTab).page.mouse;
    for (const [i, p] of points.entries()) await mouse.move(p.x, p.y, { steps: i === 0 ? 1 : 3 });
    return;
  }
  const session = (tab.browser as FirefoxDriver).session;
  const context = (tab as FirefoxTab).context;
  const moves = points.map((p, i) => ({ type: 'pointerMove', x: Math.round(p.x), y: Math.round(p.y), origin: 'viewport', duration: i === 0 ? 0 : 30 }));
  const mouse = { type: 'pointer', id: 'mouse', parameters: { pointerType: 'mouse' }, actions: moves };
  await session.send('input.performActions', { context, actions: [mouse] });
  await session.send('input.releaseActions', { context }).catch(() => undefined);
}

/** Waits until the tab (the popup, say) has closed itself. */
export async function waitClosed(tab: Tab, what: string, timeoutMs = 15_000): Promise<void> {
  await pollUntil(async () => !(await tab.isOpen()), { timeoutMs, what });
}
