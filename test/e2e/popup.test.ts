/**
 * Oqy used the way a reader uses it, in each browser: open a Qazaq24 page, see the toolbar
 * button say whether there is an article, open the popup for that tab and read the article
 * there, clean, with its source, date and views.
 *
 * The fixture pages are served at their real addresses (qazaq24.com is the local fixture
 * server); what the popup shows is read off the screen and compared with the gold answers next
 * to them. Screenshots go to test-output/<browser>/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolve } from 'node:path';
import { loadFixtures, startFixtureServer, type Fixture, type FixtureServer } from '../harness/fixture-server.ts';
import { BROWSERS, launchDriver, POPUP_PATH, type Driver, type Tab } from '../harness/driver.ts';
import enMessages from '../../public/_locales/en/messages.json';

type Catalog = Record<string, { message: string }>;
const en = (key: keyof typeof enMessages) => (enMessages as Catalog)[key]!.message;
const TITLE_READY = en('actionTitleReady');
const TITLE_NOT_ARTICLE = en('actionTitleNotArticle');

/** The popup's size as the browsers show it (its body is 440 px wide, at most 600 px high). */
const POPUP_SIZE = { width: 440, height: 600 };

/** The site's icon-font ligature words; a reader must never see them as text, alone or glued to a label. */
const GLYPH_WORD = /(?<![A-Za-z])(?:see|embed|archive|top|news|close|up|menu)(?![A-Za-z])/giu;

interface ArticleGold {
  title: string;
  source: { name: string; url: string };
  views: number;
  archivedAt: string;
  text: string[];
  images: string[];
  mustNotContain: string[];
}

/** What the popup shows, read from its rendered DOM. */
interface PopupView {
  state: string | null;
  visible: string;
  title: string | null;
  sourceHref: string | null;
  sourceText: string | null;
  archived: string | null;
  views: string | null;
  readingTime: string | null;
  pageLink: string | null;
  body: string | null;
  heading: string | null;
  images: { src: string; loaded: boolean }[];
}

/** Reads the popup's screen (runs in the popup). */
function readPopup(): PopupView {
  const q = (id: string) => document.querySelector<HTMLElement>(`[data-testid="${id}"]`);
  const text = (id: string) => q(id)?.innerText ?? null;
  return {
    state: document.querySelector<HTMLElement>('main.popup')?.dataset['state'] ?? null,
    visible: document.body.innerText,
    title: text('title'),
    sourceHref: q('source')?.getAttribute('href') ?? null,
    sourceText: text('source'),
    archived: text('archived'),
    views: text('views'),
    readingTime: text('reading-time'),
    pageLink: (q('page-link') as HTMLAnchorElement | null)?.href ?? null,
    body: text('body'),
    heading: document.querySelector<HTMLElement>('main.popup h1')?.innerText ?? null,
    images: Array.from(q('body')?.querySelectorAll('img') ?? [], (img) => ({ src: img.currentSrc || img.src, loaded: img.complete && img.naturalWidth > 0 })),
  };
}

const fixtures = new Map(loadFixtures().map((f) => [f.name, f]));

function fixture(name: string): Fixture & { gold: ArticleGold } {
  const f = fixtures.get(name);
  if (!f) throw new Error(`fixture ${name} is missing from the fixtures folder`);
  return f as Fixture & { gold: ArticleGold };
}

const squash = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, ' ').trim();

/** The site's wall-clock time of an ISO time with offset, as 24-hour and 12-hour clocks show it. */
function clockForms(iso: string): string[] {
  const [, hh, mm] = /T(\d{2}):(\d{2})/.exec(iso) ?? [];
  if (!hh || !mm) throw new Error(`no time in ${iso}`);
  const h = Number(hh) % 12 || 12;
  const half = Number(hh) < 12 ? 'AM' : 'PM';
  return [`${hh}:${mm}`, `${h}:${mm} ${half}`, `${String(h).padStart(2, '0')}:${mm} ${half}`];
}

/** Every gold check that holds for any article popup. */
function expectCleanArticle(view: PopupView, f: Fixture & { gold: ArticleGold }) {
  const gold = f.gold;
  expect(view.state, `popup state; it shows:\n${view.visible.slice(0, 300)}`).toBe('article');
  expect(squash(view.title)).toBe(gold.title);

  expect(view.sourceHref).toBe(gold.source.url);
  expect(view.sourceText).toContain(gold.source.name);
  expect(view.views).toContain(String(gold.views));
  expect(squash(view.readingTime)).toMatch(/\d/);

  const archived = squash(view.archived);
  expect(archived).not.toBe('');
  expect(archived).toContain(gold.archivedAt.slice(0, 4));
  // The site's own clock time (Kazakhstan, +05:00), in 24-hour form or the interface's 12-hour form.
  const clocks = clockForms(gold.archivedAt);
  expect(clocks.some((c) => archived.includes(c)), `archived "${archived}" shows the site's time ${clocks.join(' or ')}`).toBe(true);
  const pageLink = new URL(view.pageLink ?? '');
  expect(pageLink.hostname + pageLink.pathname).toBe(new URL(f.url).hostname + new URL(f.url).pathname);

  // The article itself: first and last paragraphs there, nothing of the site's chrome.
  const body = squash(view.body);
  expect(body).toContain(squash(gold.text[0]));
  expect(body).toContain(squash(gold.text.at(-1)));
  const visible = squash(view.visible);
  expect(gold.mustNotContain.filter((s) => visible.includes(squash(s))), 'site chrome in the popup').toEqual([]);
  const glyphs = [...visible.matchAll(GLYPH_WORD)].map((m) => visible.slice(Math.max(0, m.index - 20), m.index + 30));
  expect(glyphs, 'icon-font glyph words in the popup').toEqual([]);
}

describe.each(BROWSERS)('the popup reads Qazaq24 articles in %s', (browserName) => {
  const OUT = resolve(import.meta.dirname, `../../test-output/${browserName}`);
  let server: FixtureServer;
  let browser: Driver;
  /** Pages the test opened, by fixture name: each stays open in its tab while the popup reads it. */
  const tabs = new Map<string, Tab>();
  const timings: string[] = [];

  /** Opens a fixture page in a tab (once) and waits until the toolbar button has taken its state. */
  async function openPage(name: string): Promise<{ tab: Tab; title: string }> {
    const f = fixture(name);
    let tab = tabs.get(name);
    if (!tab) {
      const t = Date.now();
      tab = await browser.openTab(f.servedUrl);
      timings.push(`tab ${name}: ${Date.now() - t} ms`);
      tabs.set(name, tab);
    }
    // The button turns idle while a page loads and takes its real state when the content script reports.
    return { tab, title: await browser.waitForToolbarTitle(tab, [TITLE_READY, TITLE_NOT_ARTICLE]) };
  }

  /**
   * Opens the popup for a page's tab (named by its id, or by its address as `?url=`), at a
   * popup's size, and waits until it has decided what to show.
   */
  async function openPopupFor(name: string, { byUrl = false } = {}): Promise<{ popup: Tab; view: PopupView }> {
    const { tab } = await openPage(name);
    const started = Date.now();
    const popup = byUrl
      ? await browser.openExtensionPage(POPUP_PATH, { url: fixture(name).servedUrl }, { viewport: POPUP_SIZE })
      : await browser.openPopup(tab, { viewport: POPUP_SIZE });
    await popup.waitFor(() => (document.querySelector<HTMLElement>('main.popup')?.dataset['state'] ?? 'loading') !== 'loading', undefined, {
      timeoutMs: 30_000,
      what: 'the popup to leave "loading"',
    });
    timings.push(`popup for ${name}: ${Date.now() - started} ms`);
    return { popup, view: await popup.evaluate(readPopup) };
  }

  /** A picture of the whole popup: the body's 600 px scroll limit is lifted so the whole article shows. */
  async function screenshotWhole(popup: Tab, file: string): Promise<void> {
    await popup.evaluate(() => {
      document.body.style.maxHeight = 'none';
      document.body.style.overflow = 'visible';
    });
    await popup.screenshot(resolve(OUT, file), { fullPage: true });
  }

  beforeAll(async () => {
    server = await startFixtureServer([...fixtures.values()]);
    const started = Date.now();
    browser = await launchDriver(browserName, { server });
    timings.push(`launch: ${Date.now() - started} ms`);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (timings.length) console.log(`[${browserName} popup timings]\n  ${timings.join('\n  ')}`);
  });

  it('lights the toolbar button on an article and says the home page is not one', async () => {
    const article = await openPage('article-unity-kk');
    expect(article.title).toBe(TITLE_READY);
    const home = await openPage('home-kk');
    expect(home.title).toBe(TITLE_NOT_ARTICLE);
    expect(await home.tab.id()).not.toBe(await article.tab.id());
    // The article tab kept its own state when another tab loaded.
    expect(await browser.toolbarTitle(article.tab)).toBe(TITLE_READY);
  });

  it('serves the page itself at its address, with the clutter the popup must leave out, and writes nothing of Oqy into it', async () => {
    const f = fixture('article-unity-kk');
    const { tab } = await openPage(f.name);
    expect(await tab.url()).toBe(f.servedUrl);
    expect(server.requests).toContain(f.servedUrl);
    const pageText = squash(await tab.text('body'));
    expect(pageText).toContain(f.gold.title);
    expect([...pageText.matchAll(GLYPH_WORD)].length, 'icon-font words on the page itself').toBeGreaterThan(0);
    expect(f.gold.mustNotContain.filter((s) => pageText.includes(squash(s))).length, 'other headlines on the page itself').toBeGreaterThan(0);
    // Nothing of the extension is written into the news site's document.
    const foreign = await tab.evaluate(() =>
      [...document.querySelectorAll('[src], [href]')]
        .map((el) => el.getAttribute('src') ?? el.getAttribute('href') ?? '')
        .filter((u) => /^(?:chrome|moz)-extension:/.test(u)),
    );
    expect(foreign).toEqual([]);
    expect(await tab.evaluate(() => document.title)).not.toBe('');
    await tab.bringToFront();
    await tab.screenshot(resolve(OUT, 'page-unity.png'));
  });

  it('shows the Kazakh unity article clean in the popup, with its source, date and views', async () => {
    const f = fixture('article-unity-kk');
    const { popup, view } = await openPopupFor(f.name);
    expectCleanArticle(view, f);
    await screenshotWhole(popup, 'popup-article.png');
    await popup.close();
  });

  it('shows the Russian dollar article clean in the popup (tab named by its address)', async () => {
    const f = fixture('article-dollar-ru');
    const { popup, view } = await openPopupFor(f.name, { byUrl: true });
    expectCleanArticle(view, f);
    await screenshotWhole(popup, 'popup-dollar.png');
    await popup.close();
  });

  it('shows the eagle article with both its pictures loaded from the site', async () => {
    const f = fixture('article-eagle-kk');
    const { popup, view } = await openPopupFor(f.name);
    expectCleanArticle(view, f);
    expect(f.gold.images).toHaveLength(2);
    expect(view.images.map((img) => new URL(img.src).hostname + new URL(img.src).pathname)).toEqual(
      f.gold.images.map((src) => new URL(src).hostname + new URL(src).pathname),
    );
    // A reader scrolls down to each picture (they may load lazily) and it arrives.
    for (let i = 0; i < view.images.length; i++) {
      await popup.waitFor(
        (index) => {
          const img = document.querySelectorAll<HTMLImageElement>('[data-testid="body"] img')[index]!;
          img.scrollIntoView({ block: 'center' });
          return img.complete && img.naturalWidth > 0;
        },
        i,
        { what: `picture ${i + 1} to load` },
      );
    }
    // Fetched from the site (Firefox upgrades an extension page's http:// images to https://).
    for (const src of f.gold.images) {
      const path = new URL(src).pathname;
      expect(server.requests.some((r) => new URL(r).hostname === 'qazaq24.com' && new URL(r).pathname === path), `${path} fetched from the site`).toBe(true);
    }
    await screenshotWhole(popup, 'popup-eagle.png');
    await popup.close();
  });

  it('shows the article as the page has it now, after the page changed its text since the last popup', async () => {
    const f = fixture('article-writer-kk');
    const { tab } = await openPage(f.name);
    const start = squash(f.gold.text[0]).slice(0, 40);
    const first = await openPopupFor(f.name);
    expect(first.view.state).toBe('article');
    expect(squash(first.view.body)).toContain(squash(f.gold.text[0]));
    await first.popup.close();

    // The page's own script rewrites the first paragraph: a new text node, then the same node's data.
    const changed = 'Бұл абзацты беттің өз скрипті жаңа ғана өзгертті, оқырман енді осы мәтінді көруі керек.';
    const replaced = await tab.evaluate(
      ({ from, text }) => {
        const p = Array.from(document.querySelectorAll('p')).find((el) => (el.textContent ?? '').replace(/\s+/g, ' ').includes(from));
        if (!p) return false;
        p.textContent = text;
        return true;
      },
      { from: start, text: changed },
    );
    expect(replaced, 'the first paragraph found in the page').toBe(true);
    const second = await openPopupFor(f.name);
    expect(squash(second.view.body)).toContain(changed);
    expect(squash(second.view.body)).not.toContain(start);
    await second.popup.close();

    const again = `${changed} Тағы бір рет.`;
    await tab.evaluate(
      ({ from, to }) => {
        const p = Array.from(document.querySelectorAll('p')).find((el) => el.textContent === from);
        (p!.firstChild as Text).data = to;
      },
      { from: changed, to: again },
    );
    const third = await openPopupFor(f.name);
    expect(squash(third.view.body)).toContain(again);
    await third.popup.close();
  });

  it('says in the popup that the home page is not an article', async () => {
    const { popup, view } = await openPopupFor('home-kk');
    expect(view.state, `popup state; it shows:\n${view.visible.slice(0, 300)}`).toBe('not-article');
    expect(squash(view.visible)).not.toBe('');
    expect(squash(view.heading), 'the popup says so in a heading').not.toBe('');
    expect(view.title, 'no article title').toBeNull();
    await popup.screenshot(resolve(OUT, 'popup-home.png'), { fullPage: true });
    await popup.close();
  });
});
