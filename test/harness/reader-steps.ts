/**
 * What the reader's end-to-end test needs of a browser beyond the driver (driver.ts), each
 * written once with the browser's own means behind one name: the colour scheme and the print
 * medium a page sees, printing to PDF, the names the accessibility engine gives the reader's
 * buttons, the fonts really drawn, and the tabs the extension opens by itself.
 *
 * Firefox's side uses the browser window's privileged scope (the harness starts Firefox with
 * --remote-allow-system-access), where a tab's BrowsingContext takes the same overrides the
 * developer tools use; Chromium's side uses playwright and the DevTools protocol.
 */
import { inflateSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { accessibleNames, withOverlayObject } from './chromium-overlay.ts';
import type { ChromiumDriver, ChromiumTab } from './driver-chromium.ts';
import type { FirefoxDriver, FirefoxTab } from './driver-firefox.ts';
import type { Driver, Tab } from './driver.ts';

const pageOf = (tab: Tab): Page => (tab as ChromiumTab).page;

/** Runs `body` (source using `bc`, the tab's top BrowsingContext) in Firefox's browser window. */
async function inFirefoxChrome<T>(tab: Tab, body: string): Promise<T> {
  const { session } = tab.browser as FirefoxDriver;
  const { contexts } = await session.send<{ contexts: Array<{ context: string }> }>('browsingContext.getTree', { maxDepth: 0, 'moz:scope': 'chrome' });
  const window = contexts[0]?.context;
  if (!window) throw new Error('no Firefox browser window to reach the tab from');
  return session.evaluate<T>(
    window,
    `(async () => {
      const { NavigableManager } = ChromeUtils.importESModule('chrome://remote/content/shared/NavigableManager.sys.mjs');
      const bc = NavigableManager.getBrowsingContextById(${JSON.stringify((tab as FirefoxTab).context)});
      if (!bc) throw new Error('no browsing context for the tab');
      ${body}
    })()`,
  );
}

/** What `prefers-color-scheme` the page sees: 'dark', 'light', or the system's again (null). */
export async function emulateColorScheme(tab: Tab, scheme: 'light' | 'dark' | null): Promise<void> {
  if (tab.browser.name === 'chromium') {
    await pageOf(tab).emulateMedia({ colorScheme: scheme });
    return;
  }
  await inFirefoxChrome(tab, `bc.prefersColorSchemeOverride = ${JSON.stringify(scheme ?? 'none')}; return true;`);
}

/** Whether the page is laid out as on paper (`@media print`) or on screen again. */
export async function emulatePrint(tab: Tab, print: boolean): Promise<void> {
  if (tab.browser.name === 'chromium') {
    await pageOf(tab).emulateMedia({ media: print ? 'print' : null });
    return;
  }
  await inFirefoxChrome(tab, `bc.mediumOverride = ${JSON.stringify(print ? 'print' : '')}; return true;`);
}

/**
 * The number of A4 pages the browser's own print to PDF makes of the tab, or null where the
 * browser cannot print without a dialog (Chromium with a display: page.pdf is headless only).
 */
export async function printedPages(tab: Tab): Promise<number | null> {
  let pdf: string;
  if (tab.browser.name === 'chromium') {
    if (process.env['DISPLAY']) return null;
    pdf = (await pageOf(tab).pdf({ format: 'A4' })).toString('latin1');
  } else {
    const { session } = tab.browser as FirefoxDriver;
    const { data } = await session.send<{ data: string }>('browsingContext.print', {
      context: (tab as FirefoxTab).context,
      page: { width: 21, height: 29.7 },
    });
    pdf = Buffer.from(data, 'base64').toString('latin1');
  }
  return (withStreamsInflated(pdf).match(/\/Type\s*\/Page(?!s)/g) ?? []).length;
}

/** A PDF's text with its compressed streams inflated: Firefox keeps the page objects in object streams. */
function withStreamsInflated(pdf: string): string {
  const parts = [pdf];
  for (const m of pdf.matchAll(/stream\r?\n([\s\S]*?)\r?\nendstream/g)) {
    try {
      parts.push(inflateSync(Buffer.from(m[1]!, 'latin1')).toString('latin1'));
    } catch {
      // Not a deflated stream (an image, a font): no objects in it.
    }
  }
  return parts.join('\n');
}

/** The reader's shadow root's sharedId, in Firefox (the host is a direct child of <html>). */
async function firefoxReaderRoot(tab: FirefoxTab): Promise<string> {
  const { session } = tab.browser as FirefoxDriver;
  const r = await session.send<{ type: string; result: { value?: { shadowRoot?: { sharedId?: string } | null } } }>('script.evaluate', {
    expression: `Array.from(document.documentElement.children).find((el) => el.id === 'oqy-reader-host') ?? null`,
    target: { context: tab.context, sandbox: 'oqy-test-names' },
    awaitPromise: false,
    resultOwnership: 'none',
    serializationOptions: { maxDomDepth: 0, includeShadowTree: 'all' },
  });
  const id = r.result.value?.shadowRoot?.sharedId;
  if (!id) throw new Error('no reader open in the tab');
  return id;
}

/**
 * For each element matching `selector` in the reader, in order: its name as the browser's
 * accessibility engine computes it. Chromium gives the names (its accessibility tree); Firefox
 * only answers whether an element has a given name (WebDriver BiDi's locateNodes by role and
 * name), so there an element whose name is not `expected[i]` reads `not "expected[i]"`.
 */
export async function accessibleNamesInReader(tab: Tab, selector: string, expected: readonly string[]): Promise<string[]> {
  if (tab.browser.name === 'chromium') return accessibleNames(pageOf(tab), selector);
  const ff = tab as FirefoxTab;
  const { session } = tab.browser as FirefoxDriver;
  const root = await firefoxReaderRoot(ff);
  const listed = await session.send<{ type: string; result: { value?: Array<{ sharedId?: string }> } }>('script.callFunction', {
    functionDeclaration: `(root, selector) => Array.from(root.querySelectorAll(selector))`,
    arguments: [{ sharedId: root }, { type: 'string', value: selector }],
    target: { context: ff.context, sandbox: 'oqy-test-names' },
    awaitPromise: false,
    resultOwnership: 'none',
    serializationOptions: { maxObjectDepth: 1, maxDomDepth: 0 },
  });
  const elements = (listed.result.value ?? []).map((node) => node.sharedId!);
  const names: string[] = [];
  for (const [i, sharedId] of elements.entries()) {
    const want = expected[i] ?? '';
    const { nodes } = await session.send<{ nodes: unknown[] }>('browsingContext.locateNodes', {
      context: ff.context,
      locator: { type: 'accessibility', value: { name: want } },
      startNodes: [{ sharedId }],
      maxNodeCount: 1,
    });
    names.push(nodes.length ? want : `not ${JSON.stringify(want)}`);
  }
  return names;
}

export interface RenderedFont {
  familyName: string;
  isCustomFont: boolean;
  glyphCount: number;
}

/**
 * The fonts the renderer really drew the first element matching `selector` in the reader with
 * (DevTools' "Rendered fonts"). Chromium only: Firefox exposes used faces to privileged code in
 * the tab's own process alone, out of reach of WebDriver BiDi.
 */
export async function renderedFontsInReader(tab: Tab, selector: string): Promise<RenderedFont[]> {
  if (tab.browser.name !== 'chromium') throw new Error('renderedFontsInReader: Chromium only');
  const find = new Function('root', `return root?.querySelector(${JSON.stringify(selector)}) ?? null;`) as (root: ShadowRoot | null) => Element | null;
  return withOverlayObject(pageOf(tab), find, async (cdp, objectId) => {
    if (!objectId) throw new Error(`no ${selector} in the reader`);
    await cdp.send('CSS.enable');
    const { nodeId } = (await cdp.send('DOM.requestNode', { objectId })) as { nodeId: number };
    const { fonts } = (await cdp.send('CSS.getPlatformFontsForNode', { nodeId })) as { fonts: RenderedFont[] };
    return fonts;
  });
}

/** The addresses of every tab open in the browser (the extension may open some by itself). */
export async function tabAddresses(browser: Driver): Promise<string[]> {
  if (browser.name === 'chromium') return (browser as ChromiumDriver).chromium.context.pages().map((p) => p.url());
  const { contexts } = await (browser as FirefoxDriver).session.send<{ contexts: Array<{ url: string }> }>('browsingContext.getTree', { maxDepth: 0 });
  return contexts.map((c) => c.url);
}

/** The tab whose address starts with `prefix` (one the extension opened), or null. */
export async function tabShowing(browser: Driver, prefix: string): Promise<Tab | null> {
  if (browser.name === 'chromium') {
    const chromium = browser as ChromiumDriver;
    const page = chromium.chromium.context.pages().find((p) => p.url().startsWith(prefix));
    return page ? chromium.wrap(page) : null;
  }
  const firefox = browser as FirefoxDriver;
  const { contexts } = await firefox.session.send<{ contexts: Array<{ context: string; url: string }> }>('browsingContext.getTree', { maxDepth: 0 });
  const found = contexts.find((c) => c.url.startsWith(prefix));
  return found ? firefox.wrap(found.context) : null;
}

/** The ids of the open tabs, from the extension. */
const tabIds = (browser: Driver) =>
  browser.inExtension(async (api: { tabs: { query(q: object): Promise<Array<{ id?: number }>> } }) => (await api.tabs.query({})).map((t) => t.id ?? -1));

/**
 * Opens `url` in a new tab and finds its tab id where the extension is not told the tab's
 * address (a site it has no access to): the one id that was not there before.
 */
export async function openTabWithId(browser: Driver, url: string): Promise<{ tab: Tab; tabId: number }> {
  const before = new Set(await tabIds(browser));
  const tab = await browser.openTab(url);
  const fresh = (await tabIds(browser)).filter((id) => !before.has(id));
  if (fresh.length !== 1) throw new Error(`expected one new tab for ${url}, found ${JSON.stringify(fresh)}`);
  return { tab, tabId: fresh[0]! };
}
