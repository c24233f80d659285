/**
 * An update keeps what the reader has: the unpacked extension is loaded from a copy, saves an
 * article and changes settings, then the copy gets a new version and the browser reloads it as
 * it would an update. The library (records and image bytes), the settings and auto mode's
 * registration must all be there afterwards.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page, Worker } from 'playwright-core';
import { startFixtureServer, type FixtureServer } from '../harness/fixture-server.ts';
import { CHROME_DIST, launchChromiumWithExtension, tabIdFor, type ChromiumWithExtension } from '../harness/chromium.ts';
import { DIST_FIREFOX, launchFirefoxWithExtension, type FirefoxSession } from '../harness/firefox.ts';
import { DUMP_LIBRARY, type LibraryDump } from '../harness/library-check.ts';

/** The extension APIs used inside the service worker (these functions run there, not in Node). */
declare const chrome: {
  runtime: { getManifest(): { version: string } };
  storage: { sync: { get(key: string): Promise<Record<string, unknown>>; set(items: object): Promise<void> } };
  scripting: { getRegisteredContentScripts(): Promise<Array<{ id: string }>> };
};

const EAGLE = 'http://qazaq24.com/news/qyran-burkit-turleri-1051177';
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

describe('Chromium: an update keeps the library and the settings', () => {
  let browser: ChromiumWithExtension;
  const dir = () => join(workdir, 'chrome');

  afterAll(async () => {
    await browser?.close();
  });

  /**
   * The "Reload" button of chrome://extensions, in developer mode (as a person loading an unpacked
   * extension has it; outside it Chromium disables an unpacked extension it reloads): the
   * extension is read again from its folder, at its new version.
   */
  async function reloadFromExtensionsPage(): Promise<void> {
    const page = await browser.context.newPage();
    try {
      await page.goto(`chrome://extensions/?id=${browser.extensionId}`);
      await page.evaluate(async (id) => {
        type Api = { updateProfileConfiguration(c: object): Promise<void>; reload(id: string, options: object): Promise<void> };
        const api = (globalThis as unknown as { chrome: { developerPrivate: Api } }).chrome.developerPrivate;
        await api.updateProfileConfiguration({ inDeveloperMode: true });
        await api.reload(id, { failQuietly: false, populateErrorForUnpacked: true });
      }, browser.extensionId);
    } finally {
      await page.close();
    }
  }

  /** The service worker of the reloaded extension, once it reports the new version. */
  async function updatedWorker(version: string): Promise<Worker> {
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline) {
      for (const w of browser.context.serviceWorkers()) {
        const v = await Promise.race([
          w.evaluate(() => chrome.runtime.getManifest().version).catch(() => null),
          new Promise<null>((done) => setTimeout(() => done(null), 1000)),
        ]);
        if (v === version) return w;
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error(`no service worker at version ${version} after the reload`);
  }

  async function extensionPage(): Promise<Page> {
    const page = await browser.context.newPage();
    await page.goto(browser.extensionUrl('src/options/index.html'));
    return page;
  }

  it('saves an article, changes the settings, is updated, and finds both again', async () => {
    bumpedCopy(CHROME_DIST, dir(), '0.1.0');
    browser = await launchChromiumWithExtension({ serverPort: server.port, extensionDir: dir() });
    const page = await browser.context.newPage();
    await page.goto(EAGLE);
    const tabId = await tabIdFor(browser.worker, EAGLE);
    const popup = await browser.context.newPage();
    await popup.goto(browser.popupUrl({ tab: tabId }));
    await popup.locator('[data-action=save]').click();
    await popup.locator('[data-save-state=done]').waitFor({ timeout: 20_000 });
    await browser.worker.evaluate((settings) => chrome.storage.sync.set({ settings }), SETTINGS);
    await expect.poll(() => browser.worker.evaluate(async () => (await chrome.scripting.getRegisteredContentScripts()).map((s) => s.id))).toEqual(['oqy-auto']);

    const before = await (await extensionPage()).evaluate(DUMP_LIBRARY) as LibraryDump;
    expect(before.articles.map((a) => a.title)).toEqual(['Қыран бүркіт түрлері']);
    expect(before.articles[0]!.images.every((i) => !i.missing && i.sha256)).toBe(true);

    bumpedCopy(CHROME_DIST, dir(), '0.1.1');
    await reloadFromExtensionsPage();
    const worker = await updatedWorker('0.1.1');

    const after = await (await extensionPage()).evaluate(DUMP_LIBRARY) as LibraryDump;
    expect(after).toEqual(before);
    expect(await worker.evaluate(async () => (await chrome.storage.sync.get('settings')).settings)).toEqual(SETTINGS);
    await expect.poll(() => worker.evaluate(async () => (await chrome.scripting.getRegisteredContentScripts()).map((s) => s.id)), { timeout: 10_000 }).toEqual(['oqy-auto']);
  });
});

describe('Firefox: an update keeps the library and the settings', () => {
  let ff: FirefoxSession;

  afterAll(async () => {
    await ff?.close();
  });

  it('saves an article, changes the settings, is updated (installed again at a new version), and finds both again', async () => {
    bumpedCopy(DIST_FIREFOX, join(workdir, 'firefox-0.1.0'), '0.1.0');
    ff = await launchFirefoxWithExtension({ proxyPort: server.port, extensionDir: join(workdir, 'firefox-0.1.0') });
    await ff.openTab(EAGLE);
    const popup = await ff.openExtensionPage(`src/popup/index.html?url=${encodeURIComponent(EAGLE)}`);
    await ff.waitFor(popup, `!!document.querySelector('[data-action=save]')`);
    await ff.click(popup, `document.querySelector('[data-action=save]')`);
    await ff.waitFor(popup, `!!document.querySelector('[data-save-state=done]')`, 20_000);
    const options = await ff.openExtensionPage('src/options/index.html');
    await ff.evaluate(options, `browser.storage.sync.set({ settings: ${JSON.stringify(SETTINGS)} })`);
    const before = await ff.evaluate<LibraryDump>(options, DUMP_LIBRARY);
    expect(before.articles.map((a) => a.title)).toEqual(['Қыран бүркіт түрлері']);

    bumpedCopy(DIST_FIREFOX, join(workdir, 'firefox-0.1.1'), '0.1.1');
    await ff.send('webExtension.install', { extensionData: { type: 'path', path: join(workdir, 'firefox-0.1.1') } });
    const page = await ff.openExtensionPage('src/options/index.html');
    expect(await ff.evaluate(page, `browser.runtime.getManifest().version`)).toBe('0.1.1');
    expect(await ff.evaluate<LibraryDump>(page, DUMP_LIBRARY)).toEqual(before);
    expect(await ff.evaluate(page, `browser.storage.sync.get('settings').then((r) => r.settings)`)).toEqual(SETTINGS);
  });
});
