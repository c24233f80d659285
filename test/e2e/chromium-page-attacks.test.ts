/**
 * Pages that attack Oqy itself, in Chromium with the built extension (test/hostile/attacks.ts):
 *
 *   1. the page's own script drives the in-page reader a person opened: Save, settings, close;
 *   2. with auto mode on and no click, a page makes up three articles (title, og:url,
 *      pushState) and presses Save in each reader;
 *   3. a page on another host names a saved article's address as its own and is saved;
 *   4. article images on the reader's own machine and network, and a public image that
 *      redirects there: shown in the popup, fetched by the saver;
 *   5. a public name that resolves to loopback (Chromium's Local Network Access checks on);
 *   6. the page looks for Oqy: its font files at the extension's id, its id in the page.
 *
 * Each is something that happened with the extension as it was; each test says what must hold.
 * Needs `npm run build` first.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { startFixtureServer, type FixtureServer } from '../harness/fixture-server.ts';
import { CHROME_DIST, launchChromiumWithExtension, tabIdFor, waitForToolbarTitle, type ChromiumWithExtension } from '../harness/chromium.ts';
import { autoMatches } from '../harness/chromium-auto.ts';
import { overlayEvaluate, overlayIn, overlayWaitFor } from '../harness/chromium-overlay.ts';
import { DUMP_LIBRARY, type LibraryDump } from '../harness/library-check.ts';
import { READER_FONTS_SETTLED } from '../harness/reader-fonts.ts';
import {
  ATTACK_OPERATE,
  AUTO_FAKE_PATHS,
  AUTO_PAGE,
  OPERATE_PAGE,
  OTHER_HOST_PAGE,
  VICTIM,
  lanImages,
  lanPage,
  lanRequests,
  type AttackPage,
} from '../hostile/attacks.ts';
import enMessages from '../../public/_locales/en/messages.json';

/** The extension APIs used in the service worker and extension pages (these functions run there). */
declare const chrome: {
  storage: { sync: { get(key: string): Promise<Record<string, unknown>>; set(items: Record<string, unknown>): Promise<void> } };
  tabs: { sendMessage(tabId: number, message: unknown): Promise<unknown> };
  runtime: { sendMessage(message: unknown): Promise<unknown> };
};

const TITLE_READY = enMessages.actionTitleReady.message;
const PAGE_SIZE = { width: 1100, height: 800 };
const REBIND_HOST = 'intranet.example.test';
/** Another build to test instead of dist/chrome (e.g. an earlier version's, to see these tests fail). */
const OTHER_BUILD = process.env.OQY_ATTACKS_CHROME_DIST || undefined;

let server: FixtureServer;
let browser: ChromiumWithExtension;

function route(p: AttackPage): void {
  server.route(p.servedUrl, { type: 'text/html; charset=utf-8', body: p.html });
}

async function openArticle(url: string): Promise<{ page: Page; tabId: number }> {
  const page = await browser.context.newPage();
  await page.setViewportSize(PAGE_SIZE);
  await page.goto(url);
  await waitForToolbarTitle(browser.worker, url, [TITLE_READY], 20_000);
  return { page, tabId: await tabIdFor(browser.worker, url) };
}

/** Opens the reader over the tab as the keyboard shortcut does (the background's message to the tab). */
async function openReader(page: Page, tabId: number): Promise<void> {
  await browser.worker.evaluate((id) => chrome.tabs.sendMessage(id, { type: 'oqy/reader', action: 'open' }), tabId);
  await overlayWaitFor(page, (root) => !!root?.querySelector('.oqy-reader [data-testid="title"]'), undefined, 15_000, 'the reader over the page');
  await page.bringToFront();
  await page.waitForFunction(READER_FONTS_SETTLED, undefined, { timeout: 15_000 });
}

/** Evaluates in an extension page of its own (the options page), closed after. */
async function inExtensionPage<T>(work: (page: Page) => Promise<T>): Promise<T> {
  const page = await browser.context.newPage();
  try {
    await page.goto(browser.extensionUrl('src/options/index.html'));
    return await work(page);
  } finally {
    await page.close();
  }
}

const library = () => inExtensionPage((page) => page.evaluate(DUMP_LIBRARY) as Promise<LibraryDump>);
const storedSettings = () => browser.worker.evaluate(async () => (await chrome.storage.sync.get('settings')).settings as { reader: { fontSize: number; theme: string } } | undefined);

/** Presses Save in the reader over `page` with a real click, and waits until the reader says how it went. */
async function saveFromReader(page: Page): Promise<string> {
  const reader = overlayIn(page).locator('.oqy-reader');
  await reader.locator('[data-action="save"]').click();
  await overlayWaitFor(page, (root) => /^(done|failed)$/.test(root?.querySelector('.oqy-save-status')?.getAttribute('data-save-state') ?? ''), undefined, 30_000, 'the save');
  return (await reader.locator('.oqy-save-status').getAttribute('data-save-state')) ?? '';
}

describe('a page against Oqy, in Chromium', () => {
  beforeAll(async () => {
    server = await startFixtureServer();
    for (const p of [OPERATE_PAGE, AUTO_PAGE, VICTIM(), OTHER_HOST_PAGE()]) route(p);
    browser = await launchChromiumWithExtension({ serverPort: server.port, extraHosts: ['router.lan', 'printer.local', REBIND_HOST], extensionDir: OTHER_BUILD });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('the page\'s script cannot reach or drive the reader a person opened', async () => {
    const { page, tabId } = await openArticle(OPERATE_PAGE.servedUrl);
    await openReader(page, tabId);
    const settingsBefore = await storedSettings();

    const report = (await page.evaluate(ATTACK_OPERATE)) as { host: boolean; root: string; pressed: string[]; hostAfter: boolean };
    expect(report.host, 'the page sees that a reader is there (its host is in the document)').toBe(true);
    expect(report.root, 'the page gets no shadow root').toBe('null');
    expect(report.pressed, 'buttons the page pressed in the reader').toEqual([]);
    expect(report.hostAfter, 'synthetic Escape and close requests closed the reader').toBe(true);
    expect(await overlayEvaluate(page, (root) => !!root?.querySelector('.oqy-reader [data-testid="title"]')), 'the reader is still open').toBe(true);

    // Even a script that held a node inside the reader: its events are not the person's.
    await overlayEvaluate(page, (root) => {
      const reader = root!.querySelector('.oqy-reader')!;
      (reader.querySelector('[data-action="save"]') as HTMLElement).click();
      (reader.querySelector('[data-step="size-more"]') as HTMLElement).click();
      reader.querySelector('.oqy-close')!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, composed: true }));
      (reader.querySelector('.oqy-close') as HTMLElement).click();
    });
    // Nothing is to happen: time for a save or a close those events would have started to show.
    await page.waitForTimeout(1_500);
    expect(await overlayEvaluate(page, (root) => !!root?.querySelector('.oqy-reader')), 'untrusted events inside closed the reader').toBe(true);
    expect(await overlayIn(page).locator('output[data-value="size"]').innerText(), 'the text size shown').toBe(String(settingsBefore?.reader.fontSize ?? 19));

    expect((await library()).articles.map((a) => a.id), 'articles in the library').toEqual([]);
    expect(await storedSettings(), 'the settings').toEqual(settingsBefore);

    // The control: a person's click on Save does save.
    expect(await saveFromReader(page)).toBe('done');
    expect((await library()).articles.map((a) => a.id)).toEqual([OPERATE_PAGE.url]);
    await page.close();
  });

  it('a page that takes the reader out of its document, or moves it into its body, gets its body and scrolling back at once, and the reader opens again', async () => {
    const { page, tabId } = await openArticle(OPERATE_PAGE.servedUrl);
    await openReader(page, tabId);
    expect(await page.evaluate(() => document.body.inert), 'the page under the reader is inert').toBe(true);
    await page.evaluate(() => document.getElementById('oqy-reader-host')?.remove());
    await page.waitForFunction(
      () => !document.body.inert && !document.documentElement.classList.contains('oqy-reading') && getComputedStyle(document.documentElement).overflow !== 'hidden',
      undefined,
      { timeout: 10_000 },
    ).catch(() => {
      throw new Error('the page stayed inert or unscrollable after it took the reader out');
    });
    await openReader(page, tabId);
    // Moved into the (inert) body, the reader could not be used: it closes as well.
    await page.evaluate(() => document.body.append(document.getElementById('oqy-reader-host')!));
    await page.waitForFunction(() => !document.body.inert && !document.documentElement.classList.contains('oqy-reading'), undefined, { timeout: 10_000 }).catch(() => {
      throw new Error('the page stayed inert after it moved the reader into its body');
    });
    await page.close();
  });

  it('auto mode saves nothing by itself: a page making up articles in a loop fills no library', async () => {
    const before = (await library()).articles.map((a) => a.id);
    await browser.worker.evaluate(async () => {
      const stored = ((await chrome.storage.sync.get('settings')).settings ?? { version: 2 }) as Record<string, unknown>;
      await chrome.storage.sync.set({ settings: { ...stored, autoMode: { qazaq24: true, sites: [] } } });
    });
    await expect.poll(() => autoMatches(browser.worker), { timeout: 10_000, message: 'auto mode registered for Qazaq24' }).not.toBeNull();
    const page = await browser.context.newPage();
    try {
      await page.setViewportSize(PAGE_SIZE);
      await page.goto(AUTO_PAGE.servedUrl);
      await page.waitForFunction(() => (window as unknown as { __attack?: { done: boolean } }).__attack?.done === true, undefined, {
        timeout: 60_000,
      });
      const report = (await page.evaluate(() => (window as unknown as { __attack: unknown }).__attack)) as { roots: string[]; pressed: number; cycles: number };
      expect(report.cycles, 'the page made up this many articles').toBe(AUTO_FAKE_PATHS.length);
      expect(report.roots, 'what the page found where the reader was, for the page and each made-up article').toEqual(['null', 'null', 'null', 'null']);
      expect(report.pressed).toBe(0);
      expect(page.url()).toBe(`http://qazaq24.com${AUTO_FAKE_PATHS.at(-1)}`);
      expect((await library()).articles.map((a) => a.id), 'the library').toEqual(before);
    } finally {
      await page.close();
      await browser.worker.evaluate(async () => {
        const stored = (await chrome.storage.sync.get('settings')).settings as Record<string, unknown>;
        await chrome.storage.sync.set({ settings: { ...stored, autoMode: { qazaq24: false, sites: [] } } });
      });
      await expect.poll(() => autoMatches(browser.worker), { timeout: 10_000 }).toBeNull();
    }
  });

  it('a page on another host cannot save itself over a saved article by naming its address', async () => {
    const victim = VICTIM();
    const attacker = OTHER_HOST_PAGE();
    const first = await openArticle(victim.servedUrl);
    await openReader(first.page, first.tabId);
    expect(await saveFromReader(first.page)).toBe('done');
    await first.page.close();
    const saved = (await library()).articles.find((a) => a.id === victim.url);
    expect(saved?.title).toBe('Бейбітшілік пен бірліктің берік тірегі');

    const second = await openArticle(attacker.servedUrl);
    await openReader(second.page, second.tabId);
    expect(await saveFromReader(second.page)).toBe('done');
    await second.page.close();
    const after = await library();
    const victimAfter = after.articles.find((a) => a.id === victim.url);
    expect(victimAfter?.title, 'the saved article under the victim\'s address').toBe('Бейбітшілік пен бірліктің берік тірегі');
    expect(victimAfter?.savedAt).toBe(saved?.savedAt);
    expect(after.articles.find((a) => a.title === 'Басқа сайттың мақаласы')?.id, 'the other host\'s page, saved under its own address').toBe(attacker.servedUrl);
  });

  it('no image at the reader\'s own machine or network is fetched by the saver or shown in the popup, and no redirect is followed', async () => {
    const images = lanImages(server.port);
    const lan = lanPage(images);
    route(lan);
    server.route(images.redirecting, { status: 302, type: 'text/plain', body: '', headers: { location: images.redirectTarget } });
    const { page, tabId } = await openArticle(lan.servedUrl);
    const reply = (await browser.worker.evaluate((id) => chrome.tabs.sendMessage(id, { type: 'oqy/extract' }), tabId)) as { ok: boolean; article: { images: string[] } };
    expect(reply.ok).toBe(true);
    expect(reply.article.images.filter((src) => src.includes('/oqy-lan/')), 'the article\'s images').toEqual([images.redirecting, images.ok]);

    // Saved as the popup saves (a message from an extension page), without showing the article.
    let mark = server.requests.length;
    const saved = (await inExtensionPage((p) => p.evaluate((article) => chrome.runtime.sendMessage({ type: 'oqy/save', article }), reply.article))) as {
      ok: boolean;
      missing: number;
    };
    expect(saved).toMatchObject({ ok: true, missing: 1 });
    expect(lanRequests(server.requests.slice(mark)), 'what the saver asked for').toEqual([images.redirecting, images.ok]);
    const stored = (await library()).articles.find((a) => a.id === lan.url);
    expect(stored?.images.filter((i) => i.url.includes('/oqy-lan/')).map((i) => [i.url, i.missing])).toEqual([
      [images.redirecting, true],
      [images.ok, false],
    ]);

    // The popup shows the article without the local images.
    mark = server.requests.length;
    const popup = await browser.context.newPage();
    try {
      await popup.goto(browser.popupUrl({ tab: tabId }));
      await popup.locator('main.popup[data-state="article"]').waitFor({ timeout: 30_000 });
      await popup.waitForFunction(() => Array.from(document.querySelectorAll('img')).every((img) => img.complete), undefined, { timeout: 15_000 });
      const shown = await popup.evaluate(() => Array.from(document.querySelectorAll('[data-testid="body"] img'), (img) => img.getAttribute('src') ?? ''));
      expect(shown.filter((src) => src.includes('/oqy-lan/'))).toEqual([images.redirecting, images.ok]);
      const asked = lanRequests(server.requests.slice(mark));
      expect(asked.filter((r) => images.local.includes(r)), 'local images the popup loaded').toEqual([]);
      expect(asked).toContain(images.ok);
    } finally {
      await popup.close();
      await page.close();
    }
  });

  it('with Local Network Access checks on, a public name that resolves to loopback is neither shown in the popup nor fetched', async () => {
    const rebind = `http://${REBIND_HOST}/storage/oqy-lan/rebind.png`;
    const images = { ...lanImages(server.port), local: [] };
    const p = lanPage(images, [rebind], '/news/oqy-attack-rebind-3000005');
    route(p);
    const asked = (since: number) => lanRequests(server.requests.slice(since)).filter((r) => r === rebind);

    // The control, checks off (as in the other tests): the popup loads it.
    const { page, tabId } = await openArticle(p.servedUrl);
    let mark = server.requests.length;
    const popup = await browser.context.newPage();
    await popup.goto(browser.popupUrl({ tab: tabId }));
    await popup.locator('main.popup[data-state="article"]').waitFor({ timeout: 30_000 });
    await expect.poll(() => asked(mark), { timeout: 10_000, message: 'the popup, checks off, loads the image' }).toEqual([rebind]);
    await popup.close();
    await page.close();

    const strict = await launchChromiumWithExtension({ serverPort: server.port, extraHosts: [REBIND_HOST], localNetworkAccessChecks: true, extensionDir: OTHER_BUILD });
    try {
      const tab = await strict.context.newPage();
      await tab.goto(p.servedUrl);
      await waitForToolbarTitle(strict.worker, p.servedUrl, [TITLE_READY], 20_000);
      const id = await tabIdFor(strict.worker, p.servedUrl);
      mark = server.requests.length;
      const shown = await strict.context.newPage();
      await shown.goto(strict.popupUrl({ tab: id }));
      await shown.locator('main.popup[data-state="article"]').waitFor({ timeout: 30_000 });
      await shown.waitForFunction(() => Array.from(document.querySelectorAll('img')).every((img) => img.complete), undefined, { timeout: 15_000 });
      await shown.locator('[data-action="save"]').click();
      await shown.locator('.save-status[data-save-state="done"], .save-status[data-save-state="failed"]').waitFor({ timeout: 30_000 });
      expect(await shown.locator('.save-status').getAttribute('data-save-state')).toBe('done');
      expect(asked(mark), 'requests for the image, checks on').toEqual([]);
    } finally {
      await strict.close();
    }
  });

  it('gives the page less to find Oqy by: no web-accessible file, no font file at its id, no id in the page', async () => {
    const manifest = JSON.parse(readFileSync(resolve(OTHER_BUILD ?? CHROME_DIST, 'manifest.json'), 'utf8')) as { web_accessible_resources?: unknown[] };
    expect(manifest.web_accessible_resources ?? []).toEqual([]);
    const { page, tabId } = await openArticle(OPERATE_PAGE.servedUrl);
    await openReader(page, tabId);
    const probes = await page.evaluate(
      async ({ id }) => {
        const tryFetch = (url: string) => fetch(url).then((r) => `status ${r.status}`, () => 'refused');
        return {
          font: await tryFetch(`chrome-extension://${id}/fonts/pt-serif-cyrillic-ext-400-normal.woff2`),
          markup: document.documentElement.outerHTML.includes(id) || document.documentElement.outerHTML.includes('chrome-extension:'),
          styles: Array.from(document.styleSheets).some((sheet) => {
            try {
              return Array.from(sheet.cssRules, (r) => r.cssText).join('\n').includes('chrome-extension:');
            } catch {
              return false;
            }
          }),
        };
      },
      { id: browser.extensionId },
    );
    expect(probes).toEqual({ font: 'refused', markup: false, styles: false });
    // The reader still has its own fonts, loaded without an address.
    await expect
      .poll(() => page.evaluate(async () => (await document.fonts.load('16px "Oqy Serif"', 'қ')).filter((f) => f.status === 'loaded').length), {
        timeout: 15_000,
        message: 'the bundled serif face, loaded from bytes',
      })
      .toBeGreaterThanOrEqual(1);
    await page.close();
  });
});
