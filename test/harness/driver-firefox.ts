/**
 * The end-to-end driver for Firefox ESR (driver.ts), over the WebDriver BiDi client in
 * firefox.ts. Every http:// request goes to the fixture server (the profile's proxy); https://
 * for qazaq24.com is ended on loopback. The extension's API is reached in an extension page
 * kept open in a background tab: BiDi does not reach Firefox's background page.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchFirefoxWithExtension, type FirefoxSession } from './firefox.ts';
import { readerOverlay, tabIdByUrl, textInPage, toolbarTitles, waitForSelectorInPage, waitInPage } from './driver-common.ts';
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
  openTab(url: string, options?: { viewport?: Viewport }): Promise<FirefoxTab>;
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
      async click(selector) {
        await tab.waitForSelector(selector, { what: `${selector} to click` });
        await session.click(context, `document.querySelector(${JSON.stringify(selector)})`);
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
    openTab: async (url, opts = {}) => withViewport(await session.openTab(url), opts.viewport),
    async openExtensionPage(path, params, opts = {}) {
      const context = await session.openExtensionPage(extensionUrl(path, params).slice(`moz-extension://${uuid}/`.length));
      return withViewport(context, opts.viewport);
    },
    async openPopup(target, opts = {}) {
      return driver.openExtensionPage(POPUP_PATH, { tab: await target.id() }, opts);
    },
    inExtension,
    ...toolbarTitles(inExtension),
    pressToolbarButton: undefined,
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
