/**
 * The end-to-end driver for Debian's Chromium (driver.ts), over playwright-core and the
 * launcher in chromium.ts. The extension's API is reached in its service worker.
 */
import type { Page } from 'playwright-core';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchChromiumWithExtension, pressToolbarButton, type ChromiumWithExtension } from './chromium.ts';
import { overlayEvaluate } from './chromium-overlay.ts';
import { readerOverlay, selectOptionInPage, tabIdByUrl, textInPage, toolbarTitles, waitForSelectorInPage, waitInPage } from './driver-common.ts';
import { pollUntil, POPUP_PATH, type Driver, type DriverOptions, type Tab, type Viewport } from './driver.ts';


export interface ChromiumTab extends Tab {
  /** The playwright page, for what only Chromium has (CDP, screencasts, init scripts). */
  readonly page: Page;
}

export interface ChromiumDriver extends Driver {
  readonly name: 'chromium';
  /** The launched browser, for what only Chromium has. */
  readonly chromium: ChromiumWithExtension;
  openTab(url: string, options?: { viewport?: Viewport; loadTimeoutMs?: number }): Promise<ChromiumTab>;
  openExtensionPage(path: string, params?: Record<string, string | number>, options?: { viewport?: Viewport }): Promise<ChromiumTab>;
  openPopup(target: Tab, options?: { viewport?: Viewport }): Promise<ChromiumTab>;
  /** A tab for a page the test opened itself (page.goto, window.open...). */
  wrap(page: Page): ChromiumTab;
}

/**
 * A click whose own effect closes its page (a "Close" button in a tab of its own), where the
 * caller says so: the page can go while Playwright still waits for the click's answer, and
 * Playwright then reports the page closed. The click was made; the caller checks that the page
 * closed. Any other failure, or a page closed before the click was being made, is an error.
 */
async function closingMayEndClick(page: Page, click: Promise<void>): Promise<void> {
  try {
    await click;
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    if (page.isClosed() && /has been closed/.test(message) && /performing click action/.test(message)) return;
    throw e;
  }
}

export async function launchChromiumDriver(options: DriverOptions): Promise<ChromiumDriver> {
  // A restart needs a kept profile; without one, a temporary one lives as long as the driver.
  const ownProfile = options.profileDir === undefined;
  const profileDir = options.profileDir ?? (await mkdtemp(join(tmpdir(), 'oqy-chromium-')));
  const launch = () =>
    launchChromiumWithExtension({
      serverPort: options.server.port,
      userDataDir: profileDir,
      ...(options.headless === undefined ? {} : { headless: options.headless }),
      ...(options.lang ? { lang: options.lang } : {}),
      ...(options.extraHosts ? { extraHosts: options.extraHosts } : {}),
      ...(options.localNetworkAccessChecks ? { localNetworkAccessChecks: true } : {}),
      ...(options.extensionDir ? { extensionDir: options.extensionDir } : {}),
    });
  let browser: ChromiumWithExtension;
  try {
    browser = await launch();
  } catch (e) {
    if (ownProfile) await rm(profileDir, { recursive: true, force: true });
    throw e;
  }

  const tabs = new WeakMap<Page, ChromiumTab>();

  const wrap = (page: Page): ChromiumTab => {
    const known = tabs.get(page);
    if (known) return known;
    const evaluate: Tab['evaluate'] = (fn, arg) => page.evaluate(fn as (a: unknown) => never, arg as unknown);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const tab: ChromiumTab = {
      browser: driver,
      page,
      url: async () => page.url(),
      id: async () => tabIdByUrl(inExtension, page.url()),
      evaluate,
      evaluateSource: (expression) => page.evaluate(expression),
      waitFor: waitInPage(evaluate),
      text: textInPage(evaluate),
      waitForSelector: waitForSelectorInPage(evaluate),
      click: (selector, { closesPage = false } = {}) => {
        const click = page.locator(selector).first().click();
        return closesPage ? closingMayEndClick(page, click) : click;
      },
      async clickRole(role, name) {
        // Playwright's own role locator: it waits for the element to be ready and clicks as a person does.
        await page.getByRole(role as Parameters<Page['getByRole']>[0], { name, exact: true }).first().click();
      },
      selectOption: selectOptionInPage(evaluate),
      setInputFiles: (selector, path) => page.locator(selector).setInputFiles(path),
      async download(trigger, { match, timeoutMs = 30_000 } = {}) {
        if (!options.downloadDir) throw new Error('download: launch the driver with a downloadDir');
        const waiting = page.waitForEvent('download', { timeout: timeoutMs });
        await trigger();
        const file = await waiting;
        const name = file.suggestedFilename();
        if (match && !match.test(name)) throw new Error(`download: ${name} is not like ${match}`);
        const path = join(options.downloadDir, name);
        await file.saveAs(path);
        return { path, name };
      },
      press: (key) => page.keyboard.press(key),
      type: (text) => page.keyboard.type(text),
      async wheel(deltaY) {
        const size = page.viewportSize() ?? (await page.evaluate(() => ({ width: innerWidth, height: innerHeight })));
        await page.mouse.move(size.width / 2, size.height / 2);
        await page.mouse.wheel(0, deltaY);
      },
      async screenshot(file, shot = {}) {
        await page.screenshot({ path: file, fullPage: shot.fullPage ?? false });
      },
      setViewport: (viewport) => page.setViewportSize(viewport),
      bringToFront: () => page.bringToFront(),
      async goto(url) {
        await page.goto(url);
      },
      async reload() {
        await page.reload();
      },
      async back(expectUrl) {
        await page.goBack();
        if (expectUrl) await pollUntil(async () => page.url() === expectUrl, { what: `the tab to show ${expectUrl} again` });
      },
      async forward(expectUrl) {
        await page.goForward();
        if (expectUrl) await pollUntil(async () => page.url() === expectUrl, { what: `the tab to show ${expectUrl} again` });
      },
      errors: () => errors,
      isOpen: async () => !page.isClosed(),
      close: () => page.close(),
      reader: readerOverlay(
        (fn, arg) => overlayEvaluate(page, fn as never, arg as never),
        (x, y) => page.mouse.click(x, y),
      ),
    };
    tabs.set(page, tab);
    return tab;
  };

  const newPage = async (url: string, viewport?: Viewport, loadTimeoutMs?: number): Promise<ChromiumTab> => {
    const page = await browser.context.newPage();
    wrap(page);
    try {
      if (viewport) await page.setViewportSize(viewport);
      const response = await page.goto(url, loadTimeoutMs ? { timeout: loadTimeoutMs } : {});
      if (response && !response.ok()) throw new Error(`${url} answered ${response.status()}`);
    } catch (e) {
      await page.close().catch(() => undefined);
      throw e;
    }
    return wrap(page);
  };

  // The extension's live service worker: after the extension is reloaded (an update), a new one.
  const worker = () =>
    browser.context.serviceWorkers().findLast((w) => w.url().startsWith(`chrome-extension://${browser.extensionId}/`)) ?? browser.worker;
  // Playwright sends a function as its source for the worker to run; this one calls `fn` with the worker's API.
  const inExtension: Driver['inExtension'] = (fn, arg) =>
    worker().evaluate(new Function('arg', `return (${fn.toString()})(chrome, arg);`) as (a: unknown) => never, arg as unknown);

  const driver: ChromiumDriver = {
    name: 'chromium',
    get chromium() {
      return browser;
    },
    get extensionBase() {
      return `chrome-extension://${browser.extensionId}/`;
    },
    extensionUrl: (path, params) => browser.extensionUrl(path, params),
    openTab: (url, opts = {}) => newPage(url, opts.viewport, opts.loadTimeoutMs),
    openExtensionPage: (path, params, opts = {}) => newPage(browser.extensionUrl(path, params), opts.viewport),
    async openPopup(target, opts = {}) {
      return newPage(browser.extensionUrl(POPUP_PATH, { tab: await target.id() }), opts.viewport);
    },
    inExtension,
    ...toolbarTitles(inExtension),
    pressToolbarButton: async (target, opts) => {
      const page = (target as ChromiumTab).page;
      if (!page) throw new Error('pressToolbarButton: not a Chromium tab');
      await pressToolbarButton(browser, page, opts);
    },
    wrap,
    async restart() {
      if (ownProfile) throw new Error('restart needs a profileDir that outlives the browser');
      await browser.close();
      browser = await launch();
    },
    async close() {
      await browser.close();
      if (ownProfile) await rm(profileDir, { recursive: true, force: true });
    },
  };
  return driver;
}
