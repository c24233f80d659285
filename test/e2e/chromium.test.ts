/**
 * Oqy in Chromium, used the way a reader uses it: open a Qazaq24 page, see the toolbar button say
 * whether there is an article, open the popup and read the article there, clean.
 *
 * The fixture pages are served at their real addresses (qazaq24.com resolves to a local server);
 * what the popup shows is compared with the gold answers next to them. Screenshots go to
 * test-output/chromium/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { loadFixtures, startFixtureServer, type Fixture, type FixtureServer } from '../harness/fixture-server.ts';
import { launchChromiumWithExtension, tabIdFor, waitForToolbarTitle, type ChromiumWithExtension } from '../harness/chromium.ts';

const OUT = resolve(import.meta.dirname, '../../test-output/chromium');

/** The English toolbar tooltips (public/_locales/en/messages.json); the browser runs in en-US. */
const TITLE_READY = 'Oqy: read this article';
const TITLE_NOT_ARTICLE = 'Oqy: this Qazaq24 page is not an article';
const TITLE_IDLE = 'Oqy: no article on this page';
const ALL_TITLES = [TITLE_READY, TITLE_NOT_ARTICLE, TITLE_IDLE];

/** The site's icon-font ligature words; a reader must never see them as text, alone or glued to a label. */
const GLYPH_WORD = /(?<![A-Za-z])(?:see|embed|archive|top|news|close|up|menu)(?![A-Za-z])/i;

interface ArticleGold {
  title: string;
  source: { name: string; url: string };
  views: number;
  archivedAt: string;
  text: string[];
  images: string[];
  mustNotContain: string[];
}

const fixtures = new Map(loadFixtures().map((f) => [f.name, f]));

function fixture(name: string): Fixture {
  const f = fixtures.get(name);
  if (!f) throw new Error(`fixture ${name} is missing from the fixtures folder`);
  return f;
}

const collapse = (s: string) => s.replace(/\s+/g, ' ').trim();

/** The site's wall-clock time of an ISO time with offset, as 24-hour and 12-hour clocks show it. */
function clockForms(iso: string): string[] {
  const [, hh, mm] = /T(\d{2}):(\d{2})/.exec(iso) ?? [];
  if (!hh || !mm) throw new Error(`no time in ${iso}`);
  const h = Number(hh) % 12 || 12;
  const half = Number(hh) < 12 ? 'AM' : 'PM';
  return [`${hh}:${mm}`, `${h}:${mm} ${half}`, `${String(h).padStart(2, '0')}:${mm} ${half}`];
}

let server: FixtureServer;
let browser: ChromiumWithExtension;
/** Pages the test opened, by fixture name: each stays open in its tab while the popup reads it. */
const tabs = new Map<string, Page>();

/** Opens a fixture page in a new tab and waits until the toolbar button has taken its state. */
async function openPage(name: string): Promise<{ page: Page; tabId: number; title: string }> {
  const f = fixture(name);
  let page = tabs.get(name);
  if (!page) {
    page = await browser.context.newPage();
    const response = await page.goto(f.servedUrl);
    expect(response?.status(), `${f.servedUrl} from the fixture server`).toBe(200);
    tabs.set(name, page);
  }
  // The button turns idle while a page loads and takes its real state when the content script reports.
  const title = await waitForToolbarTitle(browser.worker, f.servedUrl, [TITLE_READY, TITLE_NOT_ARTICLE]).catch(async (e) => {
    throw new Error(`${(e as Error).message} (known titles: ${ALL_TITLES.join(' | ')})`);
  });
  return { page, tabId: await tabIdFor(browser.worker, f.servedUrl), title };
}

/**
 * Opens the popup page for a tab (named by id, or by its address as `?url=`), at a popup's size,
 * and waits until it has left its loading state.
 */
async function openPopup(target: { tab: number } | { url: string }): Promise<{ popup: Page; state: string; text: string }> {
  const popup = await browser.context.newPage();
  await popup.setViewportSize({ width: 460, height: 640 });
  await popup.goto(browser.popupUrl(target));
  await popup.locator('main.popup:not([data-state="loading"])').waitFor({ timeout: 30_000 });
  const state = (await popup.locator('main.popup').getAttribute('data-state')) ?? '';
  const text = await popup.locator('body').innerText();
  return { popup, state, text };
}

/** A full-page picture of the popup: the body's 600 px scroll limit is lifted so the whole article shows. */
async function screenshotWhole(popup: Page, file: string): Promise<void> {
  await popup.evaluate(() => {
    document.body.style.maxHeight = 'none';
    document.body.style.overflow = 'visible';
  });
  await popup.screenshot({ path: resolve(OUT, file), fullPage: true });
}

/** Everything a reader checks in the popup for one article, against the gold answer. */
async function checkArticlePopup(name: string, options: { screenshot?: string; byUrl?: boolean } = {}): Promise<Page> {
  const f = fixture(name);
  const gold = f.gold as unknown as ArticleGold;
  const { tabId, title } = await openPage(name);
  expect(title, `toolbar title on ${name}`).toBe(TITLE_READY);

  const { popup, state, text } = await openPopup(options.byUrl ? { url: f.servedUrl } : { tab: tabId });
  expect(state, `popup state for ${name}; popup said: ${text.slice(0, 300)}`).toBe('article');

  // Title and meta line, as read off the screen.
  expect(collapse(await popup.getByTestId('title').innerText())).toBe(gold.title);
  const source = popup.getByTestId('source');
  expect(new URL((await source.getAttribute('href')) ?? '').href).toBe(new URL(gold.source.url).href);
  expect(await source.innerText()).toContain(gold.source.name);
  expect(await popup.getByTestId('views').innerText()).toContain(String(gold.views));
  const archived = collapse(await popup.getByTestId('archived').innerText());
  expect(archived).not.toBe('');
  expect(archived).toContain(gold.archivedAt.slice(0, 4));
  expect(
    clockForms(gold.archivedAt).some((form) => archived.includes(form)),
    `archived "${archived}" shows the site's time ${clockForms(gold.archivedAt).join(' or ')}`,
  ).toBe(true);
  expect(await popup.getByTestId('reading-time').innerText()).toMatch(/\d/);
  const pageLink = new URL((await popup.getByTestId('page-link').getAttribute('href')) ?? '');
  expect(pageLink.hostname + pageLink.pathname).toBe(new URL(f.url).hostname + new URL(f.url).pathname);

  // The article itself: first and last paragraphs there, nothing of the site's chrome.
  const body = collapse(await popup.getByTestId('body').innerText());
  expect(body).toContain(collapse(gold.text[0]!));
  expect(body).toContain(collapse(gold.text.at(-1)!));
  const visible = collapse(text);
  for (const junk of gold.mustNotContain) expect(visible, 'popup shows site chrome').not.toContain(collapse(junk));
  expect(visible.match(GLYPH_WORD)?.[0] ?? null, 'an icon-font glyph word in the popup text').toBeNull();

  if (options.screenshot) await screenshotWhole(popup, options.screenshot);
  return popup;
}

describe('Oqy in Chromium', () => {
  beforeAll(async () => {
    mkdirSync(OUT, { recursive: true });
    server = await startFixtureServer();
    browser = await launchChromiumWithExtension({ serverPort: server.port });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('lights the toolbar button on an article and says the home page is not one', async () => {
    const article = await openPage('article-unity-kk');
    expect(article.title).toBe(TITLE_READY);
    const home = await openPage('home-kk');
    expect(home.title).toBe(TITLE_NOT_ARTICLE);
    expect(home.tabId).not.toBe(article.tabId);
    // The article tab kept its own state when another tab loaded.
    expect(await waitForToolbarTitle(browser.worker, fixture('article-unity-kk').servedUrl, [TITLE_READY])).toBe(TITLE_READY);
  });

  it('shows the Kazakh unity article clean in the popup', async () => {
    const popup = await checkArticlePopup('article-unity-kk', { screenshot: 'popup-article.png' });
    await popup.close();
  });

  it('shows the Russian dollar article clean in the popup (tab named by its address)', async () => {
    const popup = await checkArticlePopup('article-dollar-ru', { screenshot: 'popup-dollar.png', byUrl: true });
    await popup.close();
  });

  it('shows the eagle article with both its pictures loaded', async () => {
    const gold = fixture('article-eagle-kk').gold as unknown as ArticleGold;
    const popup = await checkArticlePopup('article-eagle-kk');
    const images = popup.getByTestId('body').locator('img');
    await expect.poll(() => images.count()).toBe(gold.images.length);
    expect(gold.images).toHaveLength(2);
    for (let i = 0; i < gold.images.length; i++) {
      const img = images.nth(i);
      const src = new URL((await img.evaluate((el: HTMLImageElement) => el.currentSrc || el.src)) ?? '');
      const want = new URL(gold.images[i]!);
      expect(src.hostname + src.pathname).toBe(want.hostname + want.pathname);
      // A reader scrolls down to it; lazy images load then.
      await img.scrollIntoViewIfNeeded();
      await popup.waitForFunction((el) => (el as HTMLImageElement).complete, await img.elementHandle(), { timeout: 15_000 });
      expect(await img.evaluate((el: HTMLImageElement) => el.naturalWidth), `${want.pathname} loaded`).toBeGreaterThan(0);
      expect(server.requests.some((r) => new URL(r).pathname === want.pathname), `${want.pathname} fetched from the site`).toBe(true);
    }
    await screenshotWhole(popup, 'popup-eagle.png');
    await popup.close();
  });

  it('shows the article as the page has it now, after the page changed its text since the last popup', async () => {
    const gold = fixture('article-writer-kk').gold as unknown as ArticleGold;
    const { page, tabId } = await openPage('article-writer-kk');
    const first = await openPopup({ tab: tabId });
    expect(first.state).toBe('article');
    expect(collapse(await first.popup.getByTestId('body').innerText())).toContain(collapse(gold.text[0]!));
    await first.popup.close();

    // The page's own script rewrites the first paragraph: a new text node, then the same node's data.
    const changed = 'Бұл абзацты беттің өз скрипті жаңа ғана өзгертті, оқырман енді осы мәтінді көруі керек.';
    const replaced = await page.evaluate(
      ({ start, text }) => {
        const p = Array.from(document.querySelectorAll('p')).find((el) => (el.textContent ?? '').replace(/\s+/g, ' ').includes(start));
        if (!p) return false;
        p.textContent = text;
        return true;
      },
      { start: collapse(gold.text[0]!).slice(0, 40), text: changed },
    );
    expect(replaced, 'the first paragraph found in the page').toBe(true);
    const second = await openPopup({ tab: tabId });
    const body = collapse(await second.popup.getByTestId('body').innerText());
    expect(body).toContain(changed);
    expect(body).not.toContain(collapse(gold.text[0]!).slice(0, 40));
    await second.popup.close();

    const again = `${changed} Тағы бір рет.`;
    await page.evaluate(
      ({ from, to }) => {
        const p = Array.from(document.querySelectorAll('p')).find((el) => el.textContent === from);
        (p!.firstChild as Text).data = to;
      },
      { from: changed, to: again },
    );
    const third = await openPopup({ tab: tabId });
    expect(collapse(await third.popup.getByTestId('body').innerText())).toContain(again);
    await third.popup.close();
  });

  it('says in the popup that the home page is not an article', async () => {
    const { tabId } = await openPage('home-kk');
    const { popup, state, text } = await openPopup({ tab: tabId });
    expect(state, `popup said: ${text.slice(0, 300)}`).toBe('not-article');
    expect(collapse(text)).not.toBe('');
    expect(await popup.locator('main.popup h1').innerText()).not.toBe('');
    await popup.screenshot({ path: resolve(OUT, 'popup-home.png'), fullPage: true });
    await popup.close();
  });

  it('leaves the article page itself as the site made it', async () => {
    const { page } = await openPage('article-unity-kk');
    // Nothing of the extension is written into the news site's document.
    const foreign = await page.evaluate(() =>
      [...document.querySelectorAll('[src], [href]')]
        .map((el) => el.getAttribute('src') ?? el.getAttribute('href') ?? '')
        .filter((u) => u.startsWith('chrome-extension:')),
    );
    expect(foreign).toEqual([]);
    await expect.poll(() => page.title()).not.toBe('');
    await page.bringToFront();
    await page.screenshot({ path: resolve(OUT, 'page-unity.png') });
  });
});
