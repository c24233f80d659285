/**
 * Firefox end to end: the built add-on (dist/firefox) in Firefox ESR, Qazaq24 pages served by the
 * fixture server (Firefox's HTTP proxy), the popup opened for a tab the way the toolbar button
 * would, and what it shows read off the screen and checked against the gold answers.
 *
 * Needs `npm run build` first. Screenshots go to test-output/firefox/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadFixtures, startFixtureServer, type Fixture, type FixtureServer } from '../harness/fixture-server.ts';
import { DIST_FIREFOX, launchFirefoxWithExtension, type FirefoxSession } from '../harness/firefox.ts';

const OUT = resolve(import.meta.dirname, '../../test-output/firefox');
/** The popup's size as Firefox shows it (body is 440 px wide, at most 600 px high). */
const POPUP = { width: 440, height: 600 };
/** Icon-font ligature words that leak into text when the icon font is not applied. */
const GLYPH_WORD = /(?<![\p{L}\p{N}])(?:see|embed|archive|top|news|close|up|menu)(?![a-z])/giu;

interface Gold {
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
  images: { src: string; loaded: boolean }[];
}

const READ_POPUP = `(() => {
  const q = (id) => document.querySelector('[data-testid="' + id + '"]');
  const text = (id) => q(id)?.innerText ?? null;
  return {
    state: document.querySelector('main.popup')?.dataset.state ?? null,
    visible: document.body.innerText,
    title: text('title'),
    sourceHref: q('source')?.getAttribute('href') ?? null,
    sourceText: text('source'),
    archived: text('archived'),
    views: text('views'),
    readingTime: text('reading-time'),
    pageLink: q('page-link')?.href ?? null,
    body: text('body'),
    images: Array.from(q('body')?.querySelectorAll('img') ?? [], (img) => ({
      src: img.src,
      loaded: img.complete && img.naturalWidth > 0,
    })),
  };
})()`;

const squash = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, ' ').trim();

/** The clock time of an ISO timestamp in its own offset, as 24-hour and 12-hour text: ['17:19', '5:19 PM', '05:19 PM']. */
function clockTimes(iso: string): string[] {
  const [, hh, mm] = /T(\d{2}):(\d{2})/.exec(iso) ?? [];
  const h12 = Number(hh) % 12 || 12;
  const half = Number(hh) < 12 ? 'AM' : 'PM';
  return [`${hh}:${mm}`, `${h12}:${mm} ${half}`, `${String(h12).padStart(2, '0')}:${mm} ${half}`];
}

let server: FixtureServer;
let ff: FirefoxSession;
const fixtures = new Map<string, Fixture>();
const tabs = new Map<string, string>();
const timings: string[] = [];

function fixture(name: string): Fixture & { gold: Gold } {
  const f = fixtures.get(name);
  if (!f) throw new Error(`no fixture ${name}`);
  return f as Fixture & { gold: Gold };
}

/** Opens the popup for the tab showing `pageUrl` and waits until it has decided what to show. */
async function openPopupFor(pageUrl: string): Promise<{ context: string; view: PopupView }> {
  const started = Date.now();
  const context = await ff.openExtensionPage(`src/popup/index.html?url=${encodeURIComponent(pageUrl)}`);
  await ff.setViewport(context, POPUP.width, POPUP.height);
  await ff.waitFor(context, `(document.querySelector('main.popup')?.dataset.state ?? 'loading') !== 'loading'`, 20_000);
  timings.push(`popup for ${pageUrl}: ${Date.now() - started} ms`);
  return { context, view: await ff.evaluate<PopupView>(context, READ_POPUP) };
}

/** Every gold check that holds for any article popup. */
function expectCleanArticle(view: PopupView, gold: Gold) {
  expect(view.state, `popup state; it shows:\n${view.visible}`).toBe('article');
  expect(squash(view.title)).toBe(gold.title);

  expect(view.sourceHref).toBe(gold.source.url);
  expect(view.sourceText).toContain(gold.source.name);

  expect(view.views).toContain(String(gold.views));
  expect(squash(view.readingTime)).toMatch(/\d/);

  const archived = squash(view.archived);
  expect(archived).not.toBe('');
  expect(archived).toContain(gold.archivedAt.slice(0, 4));
  // The site's own clock time (Kazakhstan, +05:00), in 24-hour form or the interface's 12-hour form.
  const clocks = clockTimes(gold.archivedAt);
  expect(clocks.some((c) => archived.includes(c)), `archived "${archived}" shows ${clocks[0]}`).toBe(true);

  const body = squash(view.body);
  expect(body).toContain(squash(gold.text[0]));
  expect(body).toContain(squash(gold.text.at(-1)));

  const visible = squash(view.visible);
  expect(gold.mustNotContain.filter((s) => visible.includes(squash(s)))).toEqual([]);
  const glyphs = [...visible.matchAll(GLYPH_WORD)].map((m) => visible.slice(Math.max(0, m.index - 20), m.index + 30));
  expect(glyphs, 'icon-font words in the popup').toEqual([]);
}

describe('Firefox: the popup reads Qazaq24 articles', () => {
  beforeAll(async () => {
    if (!existsSync(resolve(DIST_FIREFOX, 'manifest.json'))) {
      throw new Error(`${DIST_FIREFOX}/manifest.json is missing: run \`npm run build\` before the e2e tests`);
    }
    for (const f of loadFixtures()) fixtures.set(f.name, f);
    server = await startFixtureServer([...fixtures.values()]);
    const started = Date.now();
    ff = await launchFirefoxWithExtension({ proxyPort: server.port });
    timings.push(`launch + install: ${Date.now() - started} ms`);
    expect(ff.addonId).toBe('oqy@oqy.kz');
    // A reader has the pages open before reaching for the toolbar button.
    for (const name of ['article-unity-kk', 'home-kk', 'article-dollar-ru', 'article-eagle-kk']) {
      const t = Date.now();
      tabs.set(name, await ff.openTab(fixture(name).servedUrl));
      timings.push(`tab ${name}: ${Date.now() - t} ms`);
    }
  });

  afterAll(async () => {
    await ff?.close();
    await server?.close();
    if (timings.length) console.log(`[firefox e2e timings]\n  ${timings.join('\n  ')}`);
  });

  it('the page itself is served through the proxy and shown', async () => {
    const f = fixture('article-unity-kk');
    const tab = tabs.get(f.name)!;
    expect(await ff.evaluate(tab, 'location.href')).toBe(f.servedUrl);
    expect(await ff.evaluate<string>(tab, 'document.body.innerText')).toContain(f.gold.title as string);
    expect(server.requests).toContain(f.servedUrl);
    // The page itself carries the clutter the popup must leave out: icon words and other headlines.
    const pageText = squash(await ff.evaluate<string>(tab, 'document.body.innerText'));
    expect([...pageText.matchAll(GLYPH_WORD)].length).toBeGreaterThan(0);
    expect((f.gold.mustNotContain as string[]).filter((s) => pageText.includes(squash(s))).length).toBeGreaterThan(0);
    await ff.screenshot(tab, resolve(OUT, 'page-unity.png'));
  });

  it('shows the Kazakh unity article clean, with its source, date and views', async () => {
    const f = fixture('article-unity-kk');
    const { context, view } = await openPopupFor(f.servedUrl);
    expectCleanArticle(view, f.gold);
    expect(new URL(view.pageLink!).pathname).toBe(new URL(f.url).pathname);
    await ff.screenshot(context, resolve(OUT, 'popup-article.png'));
  });

  it('shows the Russian dollar article clean', async () => {
    const f = fixture('article-dollar-ru');
    const { context, view } = await openPopupFor(f.servedUrl);
    expectCleanArticle(view, f.gold);
    await ff.screenshot(context, resolve(OUT, 'popup-dollar.png'));
  });

  it('shows the eagle article with both its pictures loaded', async () => {
    const f = fixture('article-eagle-kk');
    const { context, view } = await openPopupFor(f.servedUrl);
    expectCleanArticle(view, f.gold);
    expect(view.images.map((img) => new URL(img.src).pathname)).toEqual(f.gold.images.map((src) => new URL(src).pathname));
    expect(view.images.every((img) => new URL(img.src).hostname === 'qazaq24.com')).toBe(true);
    // Scroll to each picture as a reader would (they may load lazily) and wait for it to arrive.
    for (let i = 0; i < view.images.length; i++) {
      await ff.waitFor(
        context,
        `(() => {
          const img = document.querySelectorAll('[data-testid="body"] img')[${i}];
          img.scrollIntoView({ block: 'center' });
          return img.complete && img.naturalWidth > 0;
        })()`,
        15_000,
      );
    }
    // And they came from the site (the popup's http:// images arrive upgraded to https://).
    for (const src of f.gold.images) {
      const path = new URL(src).pathname;
      expect(server.requests.some((r) => new URL(r).hostname === 'qazaq24.com' && new URL(r).pathname === path), `request for ${path}`).toBe(true);
    }
    await ff.evaluate(context, `document.querySelector('[data-testid="body"] img').scrollIntoView({ block: 'center' })`);
    await ff.screenshot(context, resolve(OUT, 'popup-eagle.png'));
  });

  it('shows the article as the page has it now, after the page changed its text since the last popup', async () => {
    const f = fixture('article-unity-kk');
    const tab = tabs.get('article-unity-kk')!;
    const start = squash(f.gold.text[0]).slice(0, 40);
    const first = await openPopupFor(f.servedUrl);
    expect(squash(first.view.body)).toContain(squash(f.gold.text[0]));
    await ff.closeTab(first.context);

    // The page's own script rewrites the first paragraph: a new text node, then the same node's data.
    const changed = 'Бұл абзацты беттің өз скрипті жаңа ғана өзгертті, оқырман енді осы мәтінді көруі керек.';
    const replaced = await ff.evaluate<boolean>(
      tab,
      `(() => {
        const p = Array.from(document.querySelectorAll('p')).find((el) => (el.textContent ?? '').replace(/\\s+/g, ' ').includes(${JSON.stringify(start)}));
        if (!p) return false;
        p.textContent = ${JSON.stringify(changed)};
        return true;
      })()`,
    );
    expect(replaced, 'the first paragraph found in the page').toBe(true);
    const second = await openPopupFor(f.servedUrl);
    expect(squash(second.view.body)).toContain(changed);
    expect(squash(second.view.body)).not.toContain(start);
    await ff.closeTab(second.context);

    const again = `${changed} Тағы бір рет.`;
    await ff.evaluate(
      tab,
      `(() => {
        const p = Array.from(document.querySelectorAll('p')).find((el) => el.textContent === ${JSON.stringify(changed)});
        p.firstChild.data = ${JSON.stringify(again)};
      })()`,
    );
    const third = await openPopupFor(f.servedUrl);
    expect(squash(third.view.body)).toContain(again);
    await ff.closeTab(third.context);
  });

  it('says the home page is not an article', async () => {
    const f = fixture('home-kk');
    const { context, view } = await openPopupFor(f.servedUrl);
    expect(view.state, `popup state; it shows:\n${view.visible}`).toBe('not-article');
    expect(squash(view.visible)).not.toBe('');
    expect(view.title).toBeNull();
    await ff.screenshot(context, resolve(OUT, 'popup-home.png'));
  });
});
