/**
 * Pages that change after they load, in each browser with the built extension:
 *
 * - an infinite scroll (test/harness/scroll-pages.ts): the popup reads the first article; the
 *   reader scrolls with the mouse wheel, the page appends the next article and moves the address
 *   to it (history.pushState); the toolbar button is on offer again for the new address, and the
 *   popup and a save from it are the second article, with nothing of the first; when the page's
 *   script then moves it to a listing (pushState again), the button goes off;
 * - a page built by script: the article arrives a few seconds after load, and the button turns
 *   to "read" when it does.
 *
 * Needs `npm run build` first.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixtureServer, type FixtureServer } from '../harness/fixture-server.ts';
import { BROWSERS, launchDriver, pollUntil, type BrowserName, type Driver, type Tab } from '../harness/driver.ts';
import { infiniteScrollPage, scriptedPage, type ArticleGold } from '../harness/scroll-pages.ts';
import { DUMP_LIBRARY, en, type LibraryDump } from '../harness/library-check.ts';

const READY = en('actionTitleReady');
const NOT_ARTICLE = en('actionTitleNotArticle');
const squash = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, ' ').trim();
const POPUP = { width: 460, height: 640 };

const scroll = infiniteScrollPage();
/** Where the page's script takes it at last, by pushState: a listing, no article. */
const LISTING_URL = 'http://qazaq24.com/news?page=2';
const scripted = scriptedPage();

interface PopupView {
  state: string;
  title: string;
  body: string;
  pageLink: string | null;
  source: string | null;
}

/** The popup for a tab, once it has decided what to show (left open). */
async function openPopup(browser: Driver, target: Tab): Promise<{ popup: Tab; view: PopupView }> {
  const popup = await browser.openPopup(target, { viewport: POPUP });
  await popup.waitFor(() => (document.querySelector<HTMLElement>('main.popup')?.dataset['state'] ?? 'loading') !== 'loading', undefined, {
    timeoutMs: 30_000,
    what: 'the popup to decide what to show',
  });
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

describe.each(BROWSERS)('pages that change after they load, in %s', (browserName: BrowserName) => {
  let server: FixtureServer;
  let browser: Driver;

  beforeAll(async () => {
    server = await startFixtureServer([]);
    server.route(scroll.servedUrl, { type: 'text/html; charset=utf-8', body: scroll.html });
    server.route(scripted.servedUrl, { type: 'text/html; charset=utf-8', body: scripted.html });
    browser = await launchDriver(browserName, { server });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('follows an infinite scroll to the next article: the button, the popup and a save', async () => {
    const page = await browser.openTab(scroll.servedUrl, { viewport: { width: 1280, height: 800 } });
    try {
      expect(await browser.waitForToolbarTitle(page, [READY], 30_000)).toBe(READY);
      const tabId = await page.id();

      const before = await openPopup(browser, page);
      expectArticle(before.view, scroll.first, scroll.second);
      await before.popup.close();

      // The reader scrolls to the end of the first article with the wheel: the page brings in the next one.
      await page.bringToFront();
      await pollUntil(
        async () => {
          if ((await page.url()) === scroll.nextUrl) return true;
          const y = await page.evaluate(() => scrollY);
          await page.wheel(1500);
          // Until the wheel has moved the page, or the page has moved on to the next article.
          await page.waitFor(({ y, next }) => scrollY !== y || location.href === next, { y, next: scroll.nextUrl }, { timeoutMs: 5_000 }).catch(() => undefined);
          return (await page.url()) === scroll.nextUrl;
        },
        { timeoutMs: 60_000, what: `scrolling to reach the next article (${scroll.nextUrl})` },
      );
      expect(await page.evaluate(() => document.title)).toBe(`${scroll.second.title} - Qazaq24.com`);

      // Chromium reports the pushState as a short load; in every browser the button must be on offer for the new address.
      expect(await browser.waitForToolbarTitle(page, [READY], 30_000)).toBe(READY);
      expect(await page.id(), 'the same tab, at its new address').toBe(tabId);

      const after = await openPopup(browser, page);
      try {
        expectArticle(after.view, scroll.second, scroll.first);

        expect(squash(await after.popup.text('[data-action="save"]'))).toBe(en('saveForOffline'));
        await after.popup.click('[data-action="save"]');
        const outcome = await after.popup.waitFor(
          () => {
            const s = document.querySelector<HTMLElement>('.save-status')?.dataset['saveState'];
            return (s === 'done' || s === 'failed') && s;
          },
          undefined,
          { timeoutMs: 30_000, what: 'the save to end' },
        );
        expect(outcome, (await after.popup.text('.save-status')) ?? '').toBe('done');

        const library = await after.popup.evaluateSource<LibraryDump>(DUMP_LIBRARY);
        expect(library.articles.map((a) => a.title)).toEqual([scroll.second.title]);
        const saved = library.articles[0]!;
        expect(new URL(saved.url).pathname).toBe(new URL(scroll.second.url).pathname);
        const text = squash(saved.textContent);
        for (const paragraph of scroll.second.text) expect(text).toContain(squash(paragraph));
        for (const paragraph of scroll.first.text) expect(text).not.toContain(squash(paragraph));
      } finally {
        await after.popup.close();
      }

      // The page moves on by script to a page with no article: the button goes off for it.
      await page.evaluate(() => {
        document.querySelector('main')!.replaceChildren(Object.assign(document.createElement('p'), { textContent: 'Жаңалықтар тізімі' }));
        history.pushState({}, '', '/news?page=2');
        document.title = 'Жаңалықтар - Qazaq24.com';
      });
      expect(await page.url()).toBe(LISTING_URL);
      expect(await browser.waitForToolbarTitle(page, [NOT_ARTICLE], 30_000)).toBe(NOT_ARTICLE);
    } finally {
      await page.close();
    }
  });

  it('waits for an article the page builds by script, and offers it when it arrives', async () => {
    const page = await browser.openTab(scripted.servedUrl);
    try {
      // Loaded, and the article not there yet: the page puts it in when its data arrives.
      expect(await page.evaluate(() => document.querySelector('h1') === null)).toBe(true);
      expect(
        await browser.waitForToolbarTitle(page, [NOT_ARTICLE, READY], 30_000),
        'the first state told, while the article is still to come',
      ).toBe(NOT_ARTICLE);
      await page.evaluate((name: string) => dispatchEvent(new Event(name)), scripted.insertEvent);
      expect(await browser.waitForToolbarTitle(page, [READY], 30_000)).toBe(READY);
      expect(await page.evaluate(() => document.querySelector('h1')?.textContent ?? null)).toBe(scripted.gold.title);
      const { popup, view } = await openPopup(browser, page);
      try {
        expect(view.state, view.body.slice(0, 300)).toBe('article');
        expect(squash(view.title)).toBe(scripted.gold.title);
        for (const paragraph of scripted.gold.text) expect(squash(view.body)).toContain(squash(paragraph.replace(/<[^>]+>/g, '')));
      } finally {
        await popup.close();
      }
    } finally {
      await page.close();
    }
  });
});
