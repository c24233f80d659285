/**
 * An update keeps what the reader has, in each browser: the unpacked extension is loaded from a
 * copy, saves an article and changes settings, then a new version of the copy is installed as
 * the browser would install an update. The library (records and image bytes), the settings and
 * auto mode's registration must all be there afterwards.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFixtureServer, type FixtureServer } from '../harness/fixture-server.ts';
import { CHROME_DIST } from '../harness/chromium.ts';
import { DIST_FIREFOX } from '../harness/firefox.ts';
import { BROWSERS, launchDriver, OPTIONS_PATH, pollUntil, type BrowserName, type Driver, type Tab } from '../harness/driver.ts';
import type { ChromiumDriver } from '../harness/driver-chromium.ts';
import type { FirefoxDriver } from '../harness/driver-firefox.ts';
import { DUMP_LIBRARY, type LibraryDump } from '../harness/library-check.ts';
import kkMessages from '../../public/_locales/kk/messages.json';
import enMessages from '../../public/_locales/en/messages.json';
import ruMessages from '../../public/_locales/ru/messages.json';

const EAGLE = 'http://qazaq24.com/news/qyran-burkit-turleri-1051177';
/** The toolbar's title once the page's script has read an article, in whichever interface language. */
const TITLES_READY = [enMessages, kkMessages, ruMessages].map((m) => m.actionTitleReady.message);
const SETTINGS = {
  version: 2,
  reader: { theme: 'sepia', font: 'sans', fontSize: 23, lineWidth: 70, lineHeight: 1.8, script: 'latin', speechRate: 1.25, kazakhVoiceFallback: 'none' },
  uiLanguage: 'kk',
  autoMode: { qazaq24: true, sites: [] },
};

/** A copy of a build with another version in its manifest: what an update installs. */
function bumpedCopy(from: string, to: string, version: string): void {
  rmSync(to, { recursive: true, force: true });
  cpSync(from, to, { recursive: true });
  const file = join(to, 'manifest.json');
  const manifest = JSON.parse(readFileSync(file, 'utf8'));
  manifest.version = version;
  writeFileSync(file, JSON.stringify(manifest, null, 2));
}

/**
 * Where each browser's copy lives, and how it takes an update:
 * - Chromium reads an unpacked extension again from its folder when "Reload" is pressed on
 *   chrome://extensions, in developer mode (as a person loading an unpacked extension has it;
 *   outside it Chromium disables an unpacked extension it reloads): the copy is changed in place.
 * - Firefox installs the add-on again from a new folder at the new version (the same id).
 */
function copyFolder(workdir: string, name: BrowserName, version: string): string {
  return name === 'chromium' ? join(workdir, 'chrome') : join(workdir, `firefox-${version}`);
}

async function installUpdate(browser: Driver, folder: string): Promise<void> {
  if (browser.name === 'firefox') {
    await (browser as FirefoxDriver).session.send('webExtension.install', { extensionData: { type: 'path', path: folder } });
    return;
  }
  const chromium = (browser as ChromiumDriver).chromium;
  const page = await chromium.context.newPage();
  try {
    await page.goto(`chrome://extensions/?id=${chromium.extensionId}`);
    await page.evaluate(async (id) => {
      type Api = { updateProfileConfiguration(c: object): Promise<void>; reload(id: string, options: object): Promise<void> };
      const api = (globalThis as unknown as { chrome: { developerPrivate: Api } }).chrome.developerPrivate;
      await api.updateProfileConfiguration({ inDeveloperMode: true });
      await api.reload(id, { failQuietly: false, populateErrorForUnpacked: true });
    }, chromium.extensionId);
  } finally {
    await page.close();
  }
}

const registeredScripts = (browser: Driver) =>
  browser.inExtension(async (api: { scripting: { getRegisteredContentScripts(): Promise<Array<{ id: string }>> } }) =>
    (await api.scripting.getRegisteredContentScripts()).map((s) => s.id),
  );

let server: FixtureServer;
let workdir: string;

beforeAll(async () => {
  server = await startFixtureServer();
  workdir = mkdtempSync(join(tmpdir(), 'oqy-update-'));
});

afterAll(async () => {
  await server?.close();
  rmSync(workdir, { recursive: true, force: true });
});

describe.each(BROWSERS)('an update keeps the library and the settings in %s', (browserName) => {
  let browser: Driver;
  const dist = browserName === 'chromium' ? CHROME_DIST : DIST_FIREFOX;

  afterAll(async () => {
    await browser?.close();
  });

  it('saves an article, changes the settings, is updated, and finds both again', async () => {
    const first = copyFolder(workdir, browserName, '0.1.0');
    bumpedCopy(dist, first, '0.1.0');
    browser = await launchDriver(browserName, { server, extensionDir: first });
    const tab = await browser.openTab(EAGLE);
    // As a person does: the button says the article is ready before it is pressed.
    await browser.waitForToolbarTitle(tab, TITLES_READY);
    const popup = await browser.openPopup(tab);
    await popup.click('[data-action=save]');
    await popup.waitForSelector('[data-save-state=done]', { timeoutMs: 20_000, what: 'the article to be saved' });
    await browser.inExtension((api: { storage: { sync: { set(items: object): Promise<void> } } }, settings) => api.storage.sync.set({ settings }), SETTINGS);
    expect(await pollUntil(async () => (await registeredScripts(browser)).join() === 'oqy-auto', { what: "auto mode's registration" })).toBe(true);

    const before = await (await browser.openExtensionPage(OPTIONS_PATH)).evaluateSource<LibraryDump>(DUMP_LIBRARY);
    expect(before.articles.map((a) => a.title)).toEqual(['Қыран бүркіт түрлері']);
    expect(before.articles[0]!.images.every((i) => !i.missing && i.sha256)).toBe(true);

    const second = copyFolder(workdir, browserName, '0.1.1');
    bumpedCopy(dist, second, '0.1.1');
    await installUpdate(browser, second);
    await pollUntil(
      () => browser.inExtension((api: { runtime: { getManifest(): { version: string } } }) => api.runtime.getManifest().version === '0.1.1'),
      { timeoutMs: 20_000, what: 'the extension at version 0.1.1 after the update' },
    );

    const page = await browser.openExtensionPage(OPTIONS_PATH);
    expect(await page.evaluate(() => (globalThis as unknown as { chrome: { runtime: { getManifest(): { version: string } } } }).chrome.runtime.getManifest().version)).toBe('0.1.1');
    expect(await page.evaluateSource<LibraryDump>(DUMP_LIBRARY)).toEqual(before);
    expect(
      await browser.inExtension(async (api: { storage: { sync: { get(key: string): Promise<Record<string, unknown>> } } }) => (await api.storage.sync.get('settings'))['settings']),
    ).toEqual(SETTINGS);
    expect(await pollUntil(async () => (await registeredScripts(browser)).join() === 'oqy-auto', { timeoutMs: 10_000, what: "auto mode's registration after the update" })).toBe(true);

    // The article's tab, open since before the update. Firefox puts the new content script into
    // open tabs and the popup shows the article; Chromium does not, and the popup says to reload
    // the page. Reloaded, the page is read.
    // Firefox puts the script in on its own time after the update: the popup is opened again until it has.
    let oldTab = await popupState(tab);
    if (browserName === 'firefox') {
      oldTab = (await pollUntil(async () => ((oldTab = await popupState(tab)).state === 'article' ? oldTab : null), {
        timeoutMs: 30_000,
        what: `the popup of a tab open before the update to show the article; it said: ${oldTab.text}`,
      }))!;
    }
    expect(oldTab.state, `the popup of a tab open before the update; it said: ${oldTab.text}`).toBe(browserName === 'chromium' ? 'not-ready' : 'article');
    if (oldTab.state === 'not-ready') expect(oldTab.text, 'in the interface language the settings chose').toContain(kkMessages.popupNotReadyTitle.message);
    await tab.reload();
    await browser.waitForToolbarTitle(tab, TITLES_READY);
    expect((await popupState(tab)).state).toBe('article');
  });

  /** The popup's state for `tab` once it has one, and its text. */
  async function popupState(tab: Tab): Promise<{ state: string; text: string }> {
    const popup = await browser.openPopup(tab);
    try {
      const state = await popup.waitFor(
        () => {
          const s = document.querySelector<HTMLElement>('main.popup')?.dataset['state'] ?? 'loading';
          return s === 'loading' ? null : s;
        },
        undefined,
        { timeoutMs: 30_000, what: 'the popup to leave "loading"' },
      );
      return { state: state ?? '', text: (await popup.text('main.popup')) ?? '' };
    } finally {
      await popup.close();
    }
  }
});
