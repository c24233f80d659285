/**
 * Pages that change after they load, in Firefox with the built add-on (WebDriver BiDi):
 *
 * - an infinite scroll (test/harness/scroll-pages.ts): the popup reads the first article; the
 *   mouse wheel scrolls the page, which appends the next article and moves the address to it
 *   (history.pushState); the toolbar button is on offer for the new address, and the popup and a
 *   save from it are the second article, with nothing of the first; when the page's script then
 *   moves it to a listing (pushState again), the button goes off;
 * - a page built by script: the article arrives a few seconds after load, and the button turns
 *   to "read" when it does.
 *
 * Needs `npm run build` first.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { startFixtureServer, type FixtureServer } from '../harness/fixture-server.ts';
import { DIST_FIREFOX, launchFirefoxWithExtension, type FirefoxSession } from '../harness/firefox.ts';
import { infiniteScrollPage, scriptedPage, type ArticleGold } from '../harness/scroll-pages.ts';
import { DUMP_LIBRARY, type LibraryDump } from '../harness/library-check.ts';
import enMessages from '../../public/_locales/en/messages.json';

const en = (key: keyof typeof enMessages) => (enMessages as Record<string, { message: string }>)[key]!.message;
const READY = en('actionTitleReady');
const NOT_ARTICLE = en('actionTitleNotArticle');
const squash = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, ' ').trim();
const POPUP = { width: 440, height: 600 };

const scroll = infiniteScrollPage();
/** Where the page's script takes it at last, by pushState: a listing, no article. */
const LISTING_URL = 'http://qazaq24.com/news?page=2';
const scripted = scriptedPage(4000);

let server: FixtureServer;
let ff: FirefoxSession;

interface PopupView {
  state: string;
  title: string;
  body: string;
  pageLink: string | null;
  source: string | null;
}

const READ_POPUP = `({
  state: document.querySelector('main.popup')?.dataset.state ?? '',
  title: document.querySelector('[data-testid="title"]')?.textContent ?? '',
  body: document.querySelector('[data-testid="body"]')?.innerText ?? '',
  pageLink: document.querySelector('[data-testid="page-link"]')?.getAttribute('href') ?? null,
  source: document.querySelector('a[data-testid="source"]')?.getAttribute('href') ?? null,
})`;

/** The popup for the tab showing `pageUrl`, once it has decided what to show (left open). */
async function openPopup(pageUrl: string): Promise<{ popup: string; view: PopupView }> {
  const popup = await ff.openExtensionPage(`src/popup/index.html?url=${encodeURIComponent(pageUrl)}`);
  await ff.setViewport(popup, POPUP.width, POPUP.height);
  await ff.waitFor(popup, `(document.querySelector('main.popup')?.dataset.state ?? 'loading') !== 'loading'`, 30_000);
  return { popup, view: await ff.evaluate<PopupView>(popup, READ_POPUP) };
}

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

/** The toolbar button's title for the tab showing `url` (asked from an extension page), once it is one of `wanted`. */
async function toolbarTitle(url: string, wanted: string[]): Promise<string> {
  const page = await ff.openExtensionPage('src/options/index.html');
  try {
    return await ff.waitFor<string>(
      page,
      `browser.tabs.query({}).then(async (tabs) => {
        const tab = tabs.find((t) => t.url === ${JSON.stringify(url)});
        const title = tab ? await browser.action.getTitle({ tabId: tab.id }) : null;
        return ${JSON.stringify(wanted)}.includes(title) && title;
      })`,
      30_000,
    );
  } finally {
    await ff.closeTab(page);
  }
}

describe('Firefox: pages that change after they load', () => {
  beforeAll(async () => {
    if (!existsSync(resolve(DIST_FIREFOX, 'manifest.json'))) {
      throw new Error(`${DIST_FIREFOX}/manifest.json is missing: run \`npm run build\` before the e2e tests`);
    }
    server = await startFixtureServer([]);
    server.route(scroll.servedUrl, { type: 'text/html; charset=utf-8', body: scroll.html });
    server.route(scripted.servedUrl, { type: 'text/html; charset=utf-8', body: scripted.html });
    ff = await launchFirefoxWithExtension({ proxyPort: server.port });
  });

  afterAll(async () => {
    await ff?.close();
    await server?.close();
  });

  it('follows an infinite scroll to the next article: the button, the popup and a save', async () => {
    const tab = await ff.openTab(scroll.servedUrl);
    await ff.setViewport(tab, 1280, 800);
    expect(await toolbarTitle(scroll.servedUrl, [READY])).toBe(READY);

    const before = await openPopup(scroll.servedUrl);
    expectArticle(before.view, scroll.first, scroll.second);
    await ff.closeTab(before.popup);

    // The reader scrolls to the end of the first article with the wheel: the page brings in the next one.
    await ff.activate(tab);
    const deadline = Date.now() + 60_000;
    while ((await ff.evaluate<string>(tab, 'location.href')) !== scroll.nextUrl) {
      if (Date.now() > deadline) throw new Error(`scrolling never reached the next article; y = ${await ff.evaluate(tab, 'scrollY')}`);
      const y = await ff.evaluate<number>(tab, 'scrollY');
      await ff.wheel(tab, 1500);
      // Until the wheel has moved the page, or the page has moved on to the next article.
      await ff
        .waitFor(tab, `scrollY !== ${y} || location.href === ${JSON.stringify(scroll.nextUrl)}`, 5_000)
        .catch(() => undefined);
    }
    expect(await ff.evaluate<string>(tab, 'document.title')).toBe(`${scroll.second.title} - Qazaq24.com`);
    expect(await toolbarTitle(scroll.nextUrl, [READY])).toBe(READY);

    const after = await openPopup(scroll.nextUrl);
    expectArticle(after.view, scroll.second, scroll.first);

    const button = `document.querySelector('[data-action="save"]')`;
    expect(squash(await ff.evaluate<string>(after.popup, `${button}.innerText`))).toBe(en('saveForOffline'));
    await ff.click(after.popup, button);
    const outcome = await ff.waitFor<string>(
      after.popup,
      `(() => { const s = document.querySelector('.save-status')?.dataset.saveState; return (s === 'done' || s === 'failed') && s; })()`,
      30_000,
    );
    expect(outcome, await ff.evaluate<string>(after.popup, `document.querySelector('.save-status')?.innerText ?? ''`)).toBe('done');

    const library = await ff.evaluate<LibraryDump>(after.popup, DUMP_LIBRARY);
    expect(library.articles.map((a) => a.title)).toEqual([scroll.second.title]);
    const saved = library.articles[0]!;
    expect(new URL(saved.url).pathname).toBe(new URL(scroll.second.url).pathname);
    const text = squash(saved.textContent);
    for (const paragraph of scroll.second.text) expect(text).toContain(squash(paragraph));
    for (const paragraph of scroll.first.text) expect(text).not.toContain(squash(paragraph));
    await ff.closeTab(after.popup);

    // The page moves on by script to a page with no article: the button goes off for it.
    await ff.evaluate(
      tab,
      `(() => {
        document.querySelector('main').replaceChildren(Object.assign(document.createElement('p'), { textContent: 'Жаңалықтар тізімі' }));
        history.pushState({}, '', '/news?page=2');
        document.title = 'Жаңалықтар - Qazaq24.com';
      })()`,
    );
    expect(await toolbarTitle(LISTING_URL, [NOT_ARTICLE])).toBe(NOT_ARTICLE);
    await ff.closeTab(tab);
  });

  it('waits for an article the page builds by script, and offers it when it arrives', async () => {
    const tab = await ff.openTab(scripted.servedUrl);
    // Loaded, and the article not there yet: the page puts it in a few seconds after its load.
    expect(await ff.evaluate<boolean>(tab, `document.querySelector('h1') === null`)).toBe(true);
    expect(
      await toolbarTitle(scripted.servedUrl, [NOT_ARTICLE, READY]),
      `the first state told, while the article is still to come (${scripted.delayMs} ms after load)`,
    ).toBe(NOT_ARTICLE);
    expect(await toolbarTitle(scripted.servedUrl, [READY])).toBe(READY);
    expect(await ff.evaluate<string | null>(tab, `document.querySelector('h1')?.textContent ?? null`)).toBe(scripted.gold.title);
    const { popup, view } = await openPopup(scripted.servedUrl);
    expect(view.state, view.body.slice(0, 300)).toBe('article');
    expect(squash(view.title)).toBe(scripted.gold.title);
    for (const paragraph of scripted.gold.text) expect(squash(view.body)).toContain(squash(paragraph.replace(/<[^>]+>/g, '')));
    await ff.closeTab(popup);
    await ff.closeTab(tab);
  });
});
