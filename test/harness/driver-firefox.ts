/**
 * The end-to-end driver for Firefox ESR (driver.ts), over the WebDriver BiDi client in
 * firefox.ts. Every http:// request goes to the fixture server (the profile's proxy); https://
 * for qazaq24.com is ended on loopback. The extension's API is reached in an extension page
 * kept open in a background tab: BiDi does not reach Firefox's background page.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { launchFirefoxWithExtension, type FirefoxSession } from './firefox.ts';
import { readerOverlay, selectOptionInPage, tabIdByUrl, textInPage, toolbarTitles, waitForSelectorInPage, waitInPage } from './driver-common.ts';
import { callSource, findByRole, pollUntil, POPUP_PATH, roleName, type Driver, type DriverOptions, type Tab, type Viewport } from './driver.ts';

/** The page the extension's API is reached in: it asks nothing of the tabs around it. */
const CONSOLE_PATH = 'src/options/index.html';

export interface FirefoxTab extends Tab {
  /** The BiDi browsing context, for what only Firefox has. */
  readonly context: string;
}

export interface FirefoxDriver extends Driver {
  readonly name: 'firefox';
  /** The BiDi session, for what only Firefox has. */
  readonly session: FirefoxSession;
  /** The add-on's moz-extension:// UUID (kept over a restart). */
  readonly uuid: string;
  openTab(url: string, options?: { viewport?: Viewport; loadTimeoutMs?: number }): Promise<FirefoxTab>;
  openExtensionPage(path: string, params?: Record<string, string | number>, options?: { viewport?: Viewport }): Promise<FirefoxTab>;
  openPopup(target: Tab, options?: { viewport?: Viewport }): Promise<FirefoxTab>;
  /** A tab for a browsing context the test found itself (a tab the extension opened...). */
  wrap(context: string): FirefoxTab;
}

/** WebDriver key values of the modifiers a chord may hold. */
const MODIFIERS: Record<string, string> = { Shift: '\uE008', Control: '\uE009', Alt: '\uE00A', Meta: '\uE03D' };

export async function launchFirefoxDriver(options: DriverOptions): Promise<FirefoxDriver> {
  const ownProfile = options.profileDir === undefined;
  const profileDir = options.profileDir ?? mkdtempSync(join(tmpdir(), 'oqy-firefox-'));
  const uuid = randomUUID();
  const launch = () =>
    launchFirefoxWithExtension({
      proxyPort: options.server.port,
      profileDir,
      uuid,
      ...(options.extensionDir ? { extensionDir: options.extensionDir } : {}),
      ...(options.httpsHosts ? { httpsHosts: options.httpsHosts } : {}),
      ...(options.headless === undefined ? {} : { headless: options.headless }),
      prefs: {
        ...(options.lang ? { 'intl.locale.requested': options.lang, 'intl.accept_languages': options.lang } : {}),
        ...(options.downloadDir
          ? {
              'browser.download.dir': options.downloadDir,
              'browser.download.folderList': 2,
              'browser.download.useDownloadDir': true,
              'browser.download.always_ask_before_handling_new_types': false,
              'browser.download.alwaysOpenPanel': false,
            }
          : {}),
        ...options.firefoxPrefs,
      },
    });
  let session: FirefoxSession;
  try {
    session = await launch();
  } catch (e) {
    if (ownProfile) rmSync(profileDir, { recursive: true, force: true });
    throw e;
  }
  let consoleContext: string | null = null;
  // Uncaught errors of the pages' own scripts, by browsing context.
  const pageErrors = new Map<string, string[]>();
  const listen = async () => {
    session.onEvent((method, params) => {
      const entry = params as { type?: string; level?: string; text?: string; source?: { context?: string }; stackTrace?: { callFrames?: unknown[] } };
      if (method !== 'log.entryAdded' || entry.type !== 'javascript' || entry.level !== 'error' || !entry.source?.context) return;
      // The parser's own complaints (an undeclared or broken encoding) come without a script's stack.
      if (!entry.stackTrace?.callFrames?.length) return;
      const list = pageErrors.get(entry.source.context) ?? [];
      list.push(entry.text ?? '');
      pageErrors.set(entry.source.context, list);
    });
    await session.send('session.subscribe', { events: ['log.entryAdded'] });
  };
  await listen();
  const extensionUrl = (path: string, params: Record<string, string | number> = {}) => {
    const query = new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)])).toString();
    return `moz-extension://${uuid}/${path.replace(/^\//, '')}${query ? `?${query}` : ''}`;
  };

  const inExtension: Driver['inExtension'] = async (fn, arg) => {
    // The page goes when the add-on is installed again (an update): then it is opened anew.
    const alive = async (context: string) =>
      (await session.isOpen(context)) && (await session.evaluate<boolean>(context, `!!globalThis.browser?.runtime?.id`).catch(() => false));
    if (!consoleContext || !(await alive(consoleContext))) {
      consoleContext = await session.openExtensionPage(CONSOLE_PATH, { background: true });
    }
    return session.evaluate(consoleContext, `(${fn.toString()})(browser, ${arg === undefined ? 'undefined' : JSON.stringify(arg)})`);
  };

  const wrap = (context: string): FirefoxTab => {
    const evaluate: Tab['evaluate'] = (fn, arg) => session.evaluate(context, callSource(fn as never, arg));
    const clickAt = async (x: number, y: number) => {
      await session.send('input.performActions', {
        context,
        actions: [
          {
            type: 'pointer',
            id: 'mouse',
            parameters: { pointerType: 'mouse' },
            actions: [
              { type: 'pointerMove', x: Math.round(x), y: Math.round(y), origin: 'viewport' },
              { type: 'pointerDown', button: 0 },
              { type: 'pointerUp', button: 0 },
            ],
          },
        ],
      });
      await session.send('input.releaseActions', { context }).catch(() => undefined);
    };
    const tab: FirefoxTab = {
      browser: driver,
      context,
      url: () => session.evaluate<string>(context, 'location.href'),
      id: async () => tabIdByUrl(inExtension, await tab.url()),
      evaluate,
      evaluateSource: (expression) => session.evaluate(context, expression),
      waitFor: waitInPage(evaluate),
      text: textInPage(evaluate),
      waitForSelector: waitForSelectorInPage(evaluate),
      async click(selector, { closesPage = false } = {}) {
        await tab.waitForSelector(selector, { what: `${selector} to click` });
        try {
          await session.click(context, `document.querySelector(${JSON.stringify(selector)})`);
        } catch (e) {
          // A click meant to close its page may end with the page gone before its answer.
          if (!closesPage || (await session.isOpen(context))) throw e;
        }
      },
      async clickRole(role, name) {
        const expression = callSource(findByRole as never, role, roleName(name));
        await pollUntil(() => session.evaluate<boolean>(context, `!!${expression}`), { what: `a ${role} named ${String(name)}` });
        await session.click(context, expression);
      },
      async press(key) {
        const parts = key.split('+');
        const last = parts.pop()!;
        const mods = parts.map((m) => {
          const value = MODIFIERS[m];
          if (!value) throw new Error(`press: unknown modifier "${m}" in "${key}"`);
          return value;
        });
        if (!mods.length) return session.press(context, last);
        const { KEYS } = await import('./firefox.ts');
        const value = KEYS[last] ?? last;
        await session.send('input.performActions', {
          context,
          actions: [
            {
              type: 'key',
              id: 'keyboard',
              actions: [
                ...mods.map((m) => ({ type: 'keyDown', value: m })),
                { type: 'keyDown', value },
                { type: 'keyUp', value },
                ...mods.reverse().map((m) => ({ type: 'keyUp', value: m })),
              ],
            },
          ],
        });
        await session.send('input.releaseActions', { context }).catch(() => undefined);
      },
      selectOption: selectOptionInPage(evaluate),
      async setInputFiles(selector, path) {
        const element = await session.elementRef(context, `document.querySelector(${JSON.stringify(selector)})`);
        await session.send('input.setFiles', { context, element, files: [path] });
      },
      async download(trigger, { match, timeoutMs = 30_000 } = {}) {
        const dir = options.downloadDir;
        if (!dir) throw new Error('download: launch the driver with a downloadDir');
        // Firefox writes the file into the download folder (the profile's prefs): it is whole
        // once no .part file is beside it and its size has settled.
        const present = new Set(existsSync(dir) ? readdirSync(dir) : []);
        await trigger();
        let lastSize = -1;
        const path = await pollUntil(
          async () => {
            const files = existsSync(dir) ? readdirSync(dir) : [];
            const name = files.find((f) => !present.has(f) && !f.endsWith('.part') && (!match || match.test(f)));
            if (!name || files.some((f) => f.endsWith('.part'))) return '';
            const size = statSync(join(dir, name)).size;
            const settled = size > 0 && size === lastSize;
            lastSize = size;
            return settled ? join(dir, name) : '';
          },
          { timeoutMs, what: `a download${match ? ` like ${match}` : ''} to arrive whole in ${dir}` },
        );
        return { path, name: basename(path) };
      },
      type: (text) => session.type(context, text),
      wheel: (deltaY) => session.wheel(context, deltaY),
      screenshot: (file, shot = {}) => session.screenshot(context, file, { origin: shot.fullPage ? 'document' : 'viewport' }),
      setViewport: (viewport) => session.setViewport(context, viewport.width, viewport.height),
      bringToFront: () => session.activate(context),
      goto: (url) => session.navigate(context, url),
      reload: () => session.reload(context),
      back: (expectUrl) => session.traverseHistory(context, -1, expectUrl),
      forward: (expectUrl) => session.traverseHistory(context, 1, expectUrl),
      errors: () => pageErrors.get(context) ?? [],
      isOpen: () => session.isOpen(context),
      close: () => session.closeTab(context),
      reader: readerOverlay((fn, arg) => session.overlayEvaluate(context, fn.toString(), arg), clickAt),
    };
    return tab;
  };

  const withViewport = async (context: string, viewport?: Viewport): Promise<FirefoxTab> => {
    if (viewport) await session.setViewport(context, viewport.width, viewport.height);
    return wrap(context);
  };

  const driver: FirefoxDriver = {
    name: 'firefox',
    uuid,
    get session() {
      return session;
    },
    extensionBase: `moz-extension://${uuid}/`,
    extensionUrl,
    openTab: async (url, opts = {}) => withViewport(await session.openTab(url, opts.loadTimeoutMs), opts.viewport),
    async openExtensionPage(path, params, opts = {}) {
      const context = await session.openExtensionPage(extensionUrl(path, params).slice(`moz-extension://${uuid}/`.length));
      return withViewport(context, opts.viewport);
    },
    async openPopup(target, opts = {}) {
      return driver.openExtensionPage(POPUP_PATH, { tab: await target.id() }, opts);
    },
    inExtension,
    ...toolbarTitles(inExtension),
    // No protocol command presses an add-on's button: the browser window's own "trigger the
    // action" of it does, with the same effects as a click (activeTab on the selected tab, the
    // popup). It acts on the selected tab, so the tab is selected first.
    async pressToolbarButton(target, { closePopup = false } = {}) {
      const { contexts } = await session.send<{ contexts: Array<{ context: string }> }>('browsingContext.getTree', { maxDepth: 0, 'moz:scope': 'chrome' });
      const window = contexts[0]?.context;
      if (!window) throw new Error('no Firefox browser window to press the toolbar button in');
      const result = await session.evaluate<string>(
        window,
        `(async () => {
          const { NavigableManager } = ChromeUtils.importESModule('chrome://remote/content/shared/NavigableManager.sys.mjs');
          const { Management } = ChromeUtils.importESModule('resource://gre/modules/Extension.sys.mjs');
          const { ViewPopup } = ChromeUtils.importESModule('resource:///modules/ExtensionPopups.sys.mjs');
          const bc = NavigableManager.getBrowsingContextById(${JSON.stringify((target as FirefoxTab).context)});
          if (!bc) throw new Error('no browsing context for the tab');
          const extension = WebExtensionPolicy.getByID(${JSON.stringify(session.addonId)})?.extension;
          if (!extension) throw new Error('the add-on is not running');
          const tab = gBrowser.getTabForBrowser(bc.top.embedderElement);
          if (!tab) throw new Error('the tab is not in this browser window');
          gBrowser.selectedTab = tab;
          const action = Management.global.browserActionFor(extension);
          action.triggerAction(globalThis);
          if (!${closePopup}) return 'pressed';
          for (const deadline = Date.now() + 10000; Date.now() < deadline; ) {
            const popup = ViewPopup.for(extension, globalThis);
            if (popup && !action.pendingPopup) {
              popup.closePopup();
              return 'closed';
            }
            await new Promise((done) => setTimeout(done, 50));
          }
          return 'no popup';
        })()`,
      );
      if (closePopup && result !== 'closed') throw new Error('the toolbar button opened no popup');
    },
    wrap,
    async restart() {
      if (ownProfile) throw new Error('restart needs a profileDir that outlives the browser');
      await session.close();
      consoleContext = null;
      session = await launch();
      await listen();
    },
    async close() {
      await session.close();
      if (ownProfile) rmSync(profileDir, { recursive: true, force: true });
    },
  };
  return driver;
}
