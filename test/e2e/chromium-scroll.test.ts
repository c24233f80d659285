/**
 * Pages that change after they load, in Chromium with the built extension:
 *
 * - an infinite scroll (test/harness/scroll-pages.ts): the popup reads the first article; the
 *   reader scrolls with the mouse wheel, the page appends the next article and moves the address
 *   to it (history.pushState); the toolbar button is on offer again for the new address, and the
 *   popup and a save from it are the second article, with nothing of the first; when the page's
 *   script then moves it to a listing (pushState again), the button goes off;
 * - a page built by script: the article arrives a moment after load, and the button turns to
 *   "read" when it does.
 *
 * Needs `npm run build` first.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startFixtureServer, type FixtureServer } from '../harness/fixture-server.ts';
import { launchChromiumWithExtension, tabIdFor, waitForToolbarTitle, type ChromiumWithExtension } from '../harness/chromium.ts';
import { infiniteScrollPage, scriptedPage, type ArticleGold } from '../harness/scroll-pages.ts';
import { dumpLibrary } from '../harness/chromium-library.ts';
import enMessages from '../../public/_locales/en/messages.json';

const en = (key: keyof typeof enMessages) => (enMessages as Record<string, { message: string }>)[key]!.message;
const READY = en('actionTitleReady');
const NOT_ARTICLE = en('actionTitleNotArticle');
const squash = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, ' ').trim();

const scroll = infiniteScrollPage();
/** Where the page's script takes it at last, by pushState: a listing, no article. */
const LISTING_URL = 'http://qazaq24.com/news?page=2';
const scripted = scriptedPage(4000);

let server: FixtureServer;
let browser: ChromiumWithExtension;

interface PopupView {
  state: string;
  title: string;
  body: string;
  pageLink: string | null;
  source: string | null;
}

/** The popup for a tab, once it has decided what to show. */
async function openPopup(tabId: number): Promise<{ popup: Page; view: PopupView }> {
  const popup = await browser.context.newPage();
  await popup.setViewportSize({ width: 460, height: 640 });
  await popup.goto(browser.popupUrl({ tab: tabId }));
  await popup.locator('main.popup:not([data-state="loading"])').waitFor({ timeout: 30_000 });
  const view = await popup.evaluate(() => ({
    state: document.querySelector('main.popup')?.getAttribute('data-state') ?? '',
    title: document.querySelector('[data-testid="title"]')?.textContent ?? '',
    body: (document.querySelector('[data-testid="body"]') as HTMLElement | null)?.innerText ?? '',
    pageLink: document.querySelector('[data-testid="page-link"]')?.getAttribute('href') ?? null,
    source: document.querySelector('a[data-testid="source"]')?.getAttribute('href') ?? null,
  }));
  return { popup, view };
}

/** The popup shows this article and nothing of the other. */
function expectArticle(view: PopupView, gold: ArticleGold, other: ArticleGold): void {
  expect(view.state, `popup state; it shows:\n${view.body.slice(0, 300)}`).toBe('article');
  expect(squash(view.title)).toBe(gold.title);
  const body = squash(view.body);
  for (const paragraph of gold.text) expect(body, 'a paragraph of the article').toContain(squash(paragraph));
  expect(body).not.toContain(other.title);
  for (const paragraph of other.text) expect(body, 'a paragraph of the other article').not.toContain(squash(paragraph));
  expect(view.source).toBe(gold.source.url);
  expect(new URL(view.pageLink ?? 'about:blank').pathname).toBe(new URL(gold.url).pathname);
}

describe('Chromium: pages that change after they load', () => {
  beforeAll(async () => {
    server = await startFixtureServer([]);
    server.route(scroll.servedUrl, { type: 'text/html; charset=utf-8', body: scroll.html });
    server.route(scripted.servedUrl, { type: 'text/html; charset=utf-8', body: scripted.html });
    browser = await launchChromiumWithExtension({ serverPort: server.port });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('follows an infinite scroll to the next article: the button, the popup and a save', async () => {
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(scroll.servedUrl);
    expect(await waitForToolbarTitle(browser.worker, scroll.servedUrl, [READY], 30_000)).toBe(READY);
    const tabId = await tabIdFor(browser.worker, scroll.servedUrl);

    const before = await openPopup(tabId);
    expectArticle(before.view, scroll.first, scroll.second);
    await before.popup.close();

    // The reader scrolls to the end of the first article: the page brings in the next one.
    await page.bringToFront();
    await page.mouse.move(640, 400);
    const firstPath = new URL(scroll.servedUrl).pathname;
    const deadline = Date.now() + 60_000;
    while (page.url() !== scroll.nextUrl) {
      if (Date.now() > deadline) throw new Error(`scrolling never reached the next article; the page is at ${page.url()}, y = ${await page.evaluate(() => scrollY)}`);
      const y = await page.evaluate(() => scrollY);
      await page.mouse.wheel(0, 1500);
      // Until the wheel has moved the page (or the page has moved on to the next article).
      await page
        .waitForFunction(([prev, path]) => scrollY !== prev || location.pathname !== path, [y, firstPath] as const, { timeout: 5_000 })
        .catch(() => undefined);
    }
    await page.waitForURL(scroll.nextUrl, { timeout: 30_000 });
    expect(await page.evaluate(() => document.title)).toBe(`${scroll.second.title} - Qazaq24.com`);

    // Chromium reports the pushState as a short load; the button must be on offer again after it.
    expect(await waitForToolbarTitle(browser.worker, scroll.nextUrl, [READY], 30_000)).toBe(READY);
    expect(await tabIdFor(browser.worker, scroll.nextUrl)).toBe(tabId);

    const after = await openPopup(tabId);
    expectArticle(after.view, scroll.second, scroll.first);

    const save = after.popup.locator('[data-action="save"]');
    expect(squash(await save.innerText())).toBe(en('saveForOffline'));
    await save.click();
    await after.popup.locator('.save-status[data-save-state="done"], .save-status[data-save-state="failed"]').waitFor({ timeout: 30_000 });
    expect(await after.popup.locator('.save-status').getAttribute('data-save-state'), await after.popup.locator('.save-status').innerText()).toBe('done');

    const library = await dumpLibrary(after.popup);
    expect(library.articles.map((a) => a.title)).toEqual([scroll.second.title]);
    const saved = library.articles[0]!;
    expect(new URL(saved.url).pathname).toBe(new URL(scroll.second.url).pathname);
    const text = squash(saved.textContent);
    for (const paragraph of scroll.second.text) expect(text).toContain(squash(paragraph));
    for (const paragraph of scroll.first.text) expect(text).not.toContain(squash(paragraph));
    await after.popup.close();

    // The page moves on by script to a page with no article: the button goes off for it.
    await page.evaluate(() => {
      document.querySelector('main')!.replaceChildren(Object.assign(document.createElement('p'), { textContent: 'Жаңалықтар тізімі' }));
      history.pushState({}, '', '/news?page=2');
      document.title = 'Жаңалықтар - Qazaq24.com';
    });
    expect(await waitForToolbarTitle(browser.worker, LISTING_URL, [NOT_ARTICLE], 30_000)).toBe(NOT_ARTICLE);
    await page.close();
  });

  it('waits for an article the page builds by script, and offers it when it arrives', async () => {
    const page = await browser.context.newPage();
    await page.goto(scripted.servedUrl);
    // Loaded, and the article not there yet: the page puts it in a few seconds after its load.
    expect(await page.evaluate(() => document.querySelector('h1') === null)).toBe(true);
    expect(
      await waitForToolbarTitle(browser.worker, scripted.servedUrl, [NOT_ARTICLE, READY], 30_000),
      `the first state told, while the article is still to come (${scripted.delayMs} ms after load)`,
    ).toBe(NOT_ARTICLE);
    expect(await waitForToolbarTitle(browser.worker, scripted.servedUrl, [READY], 30_000)).toBe(READY);
    expect(await page.evaluate(() => document.querySelector('h1')?.textContent ?? null)).toBe(scripted.gold.title);
    const { popup, view } = await openPopup(await tabIdFor(browser.worker, scripted.servedUrl));
    expect(view.state, view.body.slice(0, 300)).toBe('article');
    expect(squash(view.title)).toBe(scripted.gold.title);
    for (const paragraph of scripted.gold.text) expect(squash(view.body)).toContain(squash(paragraph.replace(/<[^>]+>/g, '')));
    await popup.close();
    await page.close();
  });
});
