/**
 * Debian's Chromium with the built extension loaded, driven by playwright-core (which never
 * downloads a browser). qazaq24.com resolves to the local fixture server, so the content script's
 * real match patterns fire on the fixture pages; `extraHosts` (e.g. news.example.test) resolve
 * there too, for pages of "another site" that the content script does not match.
 */
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** The few extension APIs used inside the service worker (the functions run there, not in Node). */
declare const chrome: {
  tabs: { query(query: object): Promise<Array<{ id?: number; url?: string }>> };
  action: { getTitle(details: { tabId: number }): Promise<string> };
};

export const CHROMIUM = '/usr/bin/chromium';
export const CHROME_DIST = resolve(import.meta.dirname, '../../dist/chrome');
export const POPUP_PATH = 'src/popup/index.html';
export const OPTIONS_PATH = 'src/options/index.html';
export const READER_PATH = 'src/reader/index.html';

export interface ChromiumOptions {
  /** Port of the fixture server that answers for qazaq24.com. */
  serverPort: number;
  /** A profile directory to use (kept); by default a fresh temporary one (removed on close). */
  userDataDir?: string;
  /** Force headless or headed; by default headed only where there is a display. */
  headless?: boolean;
  /** The browser's interface language (what chrome.i18n picks messages by). Default en-US. */
  lang?: string;
  /**
   * More host names that resolve to the fixture server besides qazaq24.com and its subdomains
   * (e.g. 'news.example.test': another site, where the content script does not run).
   */
  extraHosts?: string[];
  /** The unpacked extension to load. Default: dist/chrome. */
  extensionDir?: string;
  /**
   * Chromium's Local Network Access checks, which Oqy opts into (the extension pages'
   * `treat-as-public-address`, the saver's `targetAddressSpace: 'public'`): they refuse requests
   * from a public context to a name that resolves to loopback or a private network. Here every
   * "public" site (qazaq24.com, news.example.test) resolves to the loopback fixture server, so
   * the checks would refuse the fixtures' own images; they are off unless a test turns them on
   * to see them refuse (then no site image loads from an extension page).
   */
  localNetworkAccessChecks?: boolean;
}

export interface ChromiumWithExtension {
  context: BrowserContext;
  /** The extension's service worker. */
  worker: Worker;
  extensionId: string;
  /** The popup page as an addressable URL, e.g. popupUrl({ tab: 12 }) or popupUrl({ url }). */
  popupUrl(params?: Record<string, string | number>): string;
  /** Any extension page as a URL, e.g. extensionUrl(OPTIONS_PATH) or extensionUrl(READER_PATH, { open: 'reader:x' }). */
  extensionUrl(path: string, params?: Record<string, string | number>): string;
  close(): Promise<void>;
}

export async function launchChromiumWithExtension(options: ChromiumOptions): Promise<ChromiumWithExtension> {
  const extensionDir = options.extensionDir ?? CHROME_DIST;
  if (!existsSync(join(extensionDir, 'manifest.json'))) {
    throw new Error(`${extensionDir}/manifest.json is missing: run npm run build first (and check nothing emptied dist/chrome after it)`);
  }
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install the Debian package chromium`);
  const ownDir = options.userDataDir === undefined;
  const userDataDir = options.userDataDir ?? (await mkdtemp(join(tmpdir(), 'oqy-chromium-')));
  const headless = options.headless ?? !process.env.DISPLAY;
  const lang = options.lang ?? 'en-US';
  const port = options.serverPort;
  const hostRules = ['qazaq24.com', '*.qazaq24.com', ...(options.extraHosts ?? [])].map((host) => {
    if (!/^[*a-z0-9.-]+$/i.test(host)) throw new Error(`not a host name: ${JSON.stringify(host)}`);
    return `MAP ${host} 127.0.0.1:${port}`;
  });

  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM,
      headless,
      // On Linux Chromium takes its interface language from the environment, not only --lang.
      env: { ...process.env, LANGUAGE: lang.replace('-', '_'), LANG: `${lang.replace('-', '_')}.UTF-8` },
      args: [
        `--disable-extensions-except=${extensionDir}`,
        `--load-extension=${extensionDir}`,
        `--host-resolver-rules=${hostRules.join(', ')}`,
        `--lang=${lang}`,
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        ...(options.localNetworkAccessChecks ? [] : ['--disable-features=LocalNetworkAccessChecks']),
      ],
    });
  } catch (e) {
    if (ownDir) await rm(userDataDir, { recursive: true, force: true });
    throw e;
  }

  let worker: Worker;
  try {
    worker = context.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://')) ??
      (await context.waitForEvent('serviceworker', {
        predicate: (w) => w.url().startsWith('chrome-extension://'),
        timeout: 15_000,
      }));
  } catch (e) {
    await context.close().catch(() => {});
    if (ownDir) await rm(userDataDir, { recursive: true, force: true });
    throw new Error(`the extension's service worker did not start (is ${extensionDir} loadable?): ${(e as Error).message}`);
  }
  const extensionId = new URL(worker.url()).host;
  const extensionUrl = (path: string, params: Record<string, string | number> = {}) => {
    const query = new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)])).toString();
    return `chrome-extension://${extensionId}/${path.replace(/^\//, '')}${query ? `?${query}` : ''}`;
  };

  return {
    context,
    worker,
    extensionId,
    popupUrl: (params = {}) => extensionUrl(POPUP_PATH, params),
    extensionUrl,
    async close() {
      await context.close().catch(() => {});
      if (ownDir) await rm(userDataDir, { recursive: true, force: true });
    },
  };
}

/** The id of the tab showing exactly this URL, asked of the extension's service worker. */
export async function tabIdFor(worker: Worker, url: string): Promise<number> {
  const id = await worker.evaluate(async (address: string) => {
    const tabs = await chrome.tabs.query({});
    return tabs.find((tab) => tab.url === address)?.id ?? null;
  }, url);
  if (id === null) throw new Error(`no tab shows ${url}`);
  return id;
}

/** The ids of every open tab, asked of the extension's service worker. */
export function tabIds(worker: Worker): Promise<number[]> {
  return worker.evaluate(async () => (await chrome.tabs.query({})).flatMap((tab) => (tab.id === undefined ? [] : [tab.id])));
}

/**
 * Opens `url` in a new tab; returns the page and its tab id. Unlike tabIdFor, this works on
 * sites the extension has no host access to, whose tab URLs chrome.tabs does not reveal to it:
 * the new tab is the one whose id was not there before (open one tab at a time).
 */
export async function openTab(browser: ChromiumWithExtension, url: string): Promise<{ page: Page; tabId: number }> {
  const before = new Set(await tabIds(browser.worker));
  const page = await browser.context.newPage();
  const response = await page.goto(url);
  if (!response?.ok()) throw new Error(`${url} answered ${response?.status() ?? 'nothing'}`);
  const fresh = (await tabIds(browser.worker)).filter((id) => !before.has(id));
  if (fresh.length !== 1) throw new Error(`expected one new tab for ${url}, found ${JSON.stringify(fresh)}`);
  return { page, tabId: fresh[0]! };
}

/**
 * Presses the extension's toolbar button on the tab showing `page`, as a person clicks it (CDP
 * Extensions.triggerAction on the tab's target): Chrome grants the extension activeTab on that
 * tab and opens the popup bubble. Playwright does not drive that bubble; with `closePopup` it is
 * closed again, and the grant stays (until the tab navigates to another site).
 */
export async function pressToolbarButton(
  browser: ChromiumWithExtension,
  page: Page,
  options: { closePopup?: boolean } = {},
): Promise<void> {
  const chromiumBrowser = browser.context.browser();
  if (!chromiumBrowser) throw new Error('no browser object to open a browser-level CDP session on');
  const cdp = await chromiumBrowser.newBrowserCDPSession();
  try {
    const tabTargets = async () => (await cdp.send('Target.getTargets', { filter: [{ type: 'tab' }] })).targetInfos;
    const matching = (await tabTargets()).filter((t) => t.type === 'tab' && t.url === page.url());
    if (matching.length !== 1) throw new Error(`expected one tab showing ${page.url()}, found ${matching.length}`);
    await cdp.send('Extensions.triggerAction', { id: browser.extensionId, targetId: matching[0]!.targetId });
    if (!options.closePopup) return;
    const popupUrl = browser.popupUrl();
    const deadline = Date.now() + 10_000;
    for (;;) {
      const { targetInfos } = await cdp.send('Target.getTargets');
      const popup = targetInfos.find((t) => t.type === 'page' && t.url.startsWith(popupUrl) && !t.attached);
      if (popup) {
        await cdp.send('Target.closeTarget', { targetId: popup.targetId });
        return;
      }
      if (Date.now() > deadline) throw new Error('the toolbar button opened no popup');
      await new Promise((r) => setTimeout(r, 50));
    }
  } finally {
    await cdp.detach().catch(() => {});
  }
}

/** The toolbar button's tooltip for a tab, as the background last set it. */
export function toolbarTitle(worker: Worker, tabId: number): Promise<string> {
  return worker.evaluate((id: number) => chrome.action.getTitle({ tabId: id }), tabId);
}

/**
 * Waits until the toolbar tooltip for the tab showing `url` is one of `expected` (the content
 * script has spoken and the background has answered); returns it.
 */
export async function waitForToolbarTitle(
  worker: Worker,
  url: string,
  expected: string[],
  timeoutMs = 15_000,
): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let last = '(no tab)';
  for (;;) {
    try {
      last = await toolbarTitle(worker, await tabIdFor(worker, url));
      if (expected.includes(last)) return last;
    } catch (e) {
      last = `(${(e as Error).message})`;
    }
    if (Date.now() > deadline) throw new Error(`toolbar title for ${url} stayed ${JSON.stringify(last)}, wanted one of ${JSON.stringify(expected)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
