/**
 * Oqy's full reader, used the way a reader uses it, in each browser: open a Qazaq24 article,
 * press "Open the full reader" in the popup, read the article over the page, change the theme,
 * the text size and the line width, walk the toolbar with the keyboard, leave with Esc, come
 * back after a reload and find the same settings; change the language and the theme in the
 * options; print; on another site, the popup's offer and the reader tab; and the home page,
 * which is no article.
 *
 * The fixture pages are served at their real addresses (qazaq24.com, news.example.test and
 * elsewhere.example.org resolve to a local server). Clicks and keys are real input events.
 * Screenshots go to test-output/<browser>/.
 *
 * The tests of a browser share one profile and run in order: the settings one test chooses are
 * what the next finds.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { READER_FONTS_SETTLED } from '../harness/reader-fonts.ts';
import { fixtureLookup, startFixtureServer, type FixtureServer } from '../harness/fixture-server.ts';
import { BROWSERS, OPTIONS_PATH, POPUP_PATH, READER_PATH, launchDriver, pollUntil, type Driver, type Tab } from '../harness/driver.ts';
import type { FirefoxDriver } from '../harness/driver-firefox.ts';
import {
  accessibleNamesInReader,
  emulateColorScheme,
  emulatePrint,
  openTabWithId,
  printedPages,
  renderedFontsInReader,
  type RenderedFont,
  tabAddresses,
  tabShowing,
} from '../harness/reader-steps.ts';
import { THEMES, type ThemeName } from '../../src/reader/themes.ts';
import { DEFAULT_SETTINGS, LIMITS } from '../../src/shared/settings-schema.ts';
import enMessages from '../../public/_locales/en/messages.json';
import kkMessages from '../../public/_locales/kk/messages.json';
import MANIFEST from '../../manifest.json';
import { otherSitePage } from '../harness/other-site-page.ts';

type Catalog = Record<string, { message: string }>;
const en = (key: keyof typeof enMessages) => (enMessages as Catalog)[key]!.message;
const kk = (key: keyof typeof kkMessages) => (kkMessages as Catalog)[key]!.message;

const TITLE_READY = en('actionTitleReady');

/** The site's icon-font ligature words; a reader must never see them as text, alone or glued to a label. */
const GLYPH_WORD = /(?<![A-Za-z])(?:see|embed|archive|top|news|close|up|menu)(?![A-Za-z])/gi;

/** The popup's size as the browsers show it (its body is 440 px wide, a popup at most 600 px high). */
const POPUP_SIZE = { width: 440, height: 600 };
/** A desktop window for the article tab. */
const PAGE_SIZE = { width: 1280, height: 800 };

interface ArticleGold {
  url: string;
  title: string;
  lang: string;
  source: { name: string; url: string };
  text: string[];
  mustNotContain: string[];
}

interface StoredSettings {
  version: number;
  reader: { theme: string; font: string; fontSize: number; lineWidth: number; lineHeight: number };
  uiLanguage: string;
}

const ARTICLES = ['article-unity-kk', 'article-dollar-ru', 'article-eagle-kk', 'article-writer-kk'];
/** The article the settings, keyboard and print tests read. */
const MAIN = 'article-unity-kk';
const OTHER_HOST = 'news.example.test';
const OTHER_URL = `http://${OTHER_HOST}/2026/02/steppe-libraries.html`;
/** A page on a third site, where the tab goes while the popup is open. */
const ELSEWHERE_HOST = 'elsewhere.example.org';
const ELSEWHERE_URL = `http://${ELSEWHERE_HOST}/`;

/** A plain news article on another site: what the generic reader is for. */
const OTHER_TITLE = 'Steppe libraries open their archives to readers online';
const OTHER_CHROME = 'Subscribe to our newsletter for the latest stories';
const OTHER_PARAGRAPHS = [
  'Regional libraries across the steppe have begun to scan their newspaper archives, starting with the local papers printed in the 1920s and 1930s, and to put them online for anyone to read free of charge.',
  'The work is slow: many of the pages are brittle, and the scanners can take only a few hundred of them a day. Librarians say that the oldest volumes are read more now than in the decades before they were scanned.',
  'Teachers in the villages use the archive in their history lessons, and families search it for the names of their grandparents, who appear in reports of harvests, school openings and local elections.',
  'The libraries plan to add the Russian-language papers of the same years next spring, and to transcribe the handwritten notes that readers left in the margins of the bound volumes over many years.',
  'Readers who find an error in the scanned text can report it from the page itself, and volunteers check each report against the paper original before the correction is published in the archive.',
];
const OTHER_PAGE = otherSitePage({ site: 'Example News', title: OTHER_TITLE, byline: 'By A. Writer, 2 February 2026', sections: ['World', 'Culture'], paragraphs: OTHER_PARAGRAPHS, chrome: OTHER_CHROME, chromeHeading: 'Newsletter' });

const fixture = fixtureLookup();

const goldOf = (name: string) => fixture(name).gold as unknown as ArticleGold;
const collapse = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, ' ').trim();

/** "#1b1c1f" → "rgb(27, 28, 31)", as getComputedStyle gives colours. */
function cssRgb(hex: string): string {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) throw new Error(`not #rrggbb: ${hex}`);
  return `rgb(${[m[1], m[2], m[3]].map((h) => parseInt(h!, 16)).join(', ')})`;
}

/** The page's own state around the reader, as the page's scripts see it, and the reader root's mode. */
async function pageState(tab: Tab) {
  const seen = await tab.evaluate(() => ({
    hosts: document.querySelectorAll('#oqy-reader-host').length,
    hostParent: document.getElementById('oqy-reader-host')?.parentElement?.tagName ?? null,
    pageGetsRoot: !!document.getElementById('oqy-reader-host')?.shadowRoot,
    reading: document.documentElement.classList.contains('oqy-reading'),
    inert: document.body.inert,
    scrollY: window.scrollY,
    overflowY: getComputedStyle(document.documentElement).overflowY,
    // The page's own text is drawn (not skipped under the reader)...
    textDrawn: document.querySelector('body p')?.checkVisibility() ?? null,
    // ...and, drawn or not, a page script asking for its size gets one.
    textHeight: document.querySelector('body p')?.getBoundingClientRect().height ?? 0,
  }));
  return { ...seen, shadowMode: await tab.reader.evaluate((root) => root?.mode ?? null) };
}

/** What the reader shows, read in one go from its shadow root. */
function readerView(tab: Tab) {
  return tab.reader.evaluate((root) => {
    const $ = (sel: string) => root?.querySelector<HTMLElement>(sel) ?? null;
    const q = (id: string) => $(`[data-testid="${id}"]`);
    const reader = $('.oqy-reader');
    const article = $('article.oqy-article');
    const paragraph = $('.oqy-body p');
    const pressed = (attr: string) =>
      Object.fromEntries(Array.from(root?.querySelectorAll(`[${attr}]`) ?? [], (b) => [b.getAttribute(attr), b.getAttribute('aria-pressed')]));
    return {
      theme: reader?.getAttribute('data-theme') ?? null,
      font: reader?.getAttribute('data-font') ?? null,
      pressed: pressed('data-theme-choice'),
      values: Object.fromEntries(Array.from(root?.querySelectorAll('output[data-value]') ?? [], (o) => [o.getAttribute('data-value'), (o.textContent ?? '').trim()])),
      visible: reader?.innerText ?? '',
      title: q('title')?.innerText ?? null,
      body: $('.oqy-body[data-testid="body"]')?.innerText ?? null,
      sourceHref: $('.meta [data-testid="source"]')?.getAttribute('href') ?? null,
      sourceText: $('.meta [data-testid="source"]')?.innerText ?? null,
      archived: $('.meta [data-testid="archived"]')?.innerText ?? null,
      views: $('.meta [data-testid="views"]')?.innerText ?? null,
      readingTime: $('.meta [data-testid="reading-time"]')?.innerText ?? null,
      originalHref: q('original-link')?.getAttribute('href') ?? null,
      pageLink: (q('page-link') as HTMLAnchorElement | null)?.href ?? null,
      lang: article?.getAttribute('lang') ?? null,
      background: reader ? getComputedStyle(reader).backgroundColor : null,
      color: reader ? getComputedStyle(reader).color : null,
      articleFontSize: article ? getComputedStyle(article).fontSize : null,
      paragraphFontSize: paragraph ? getComputedStyle(paragraph).fontSize : null,
      paragraphFontFamily: paragraph ? getComputedStyle(paragraph).fontFamily : null,
      sizeVariable: reader?.style.getPropertyValue('--oqy-size') ?? null,
      closeLabel: $('.oqy-close')?.innerText ?? null,
      toolbar: !!$('[role="toolbar"]'),
      closeButton: !!$('[role="toolbar"] .oqy-close'),
      printButton: !!$('[role="toolbar"] .oqy-print'),
    };
  });
}

/** The computed `property` of the first element matching `selector` in the reader. */
const readerStyle = (tab: Tab, selector: string, property: string) =>
  tab.reader.evaluate((root, a: { selector: string; property: string }) => {
    const el = root?.querySelector(a.selector);
    if (!el) throw new Error(`no ${a.selector} in the reader`);
    return getComputedStyle(el).getPropertyValue(a.property);
  }, { selector, property });

async function expectReaderClosed(tab: Tab): Promise<void> {
  await tab.waitFor(() => !document.getElementById('oqy-reader-host'), undefined, { timeoutMs: 15_000, what: 'the reader to close' });
  const state = await pageState(tab);
  expect(state.reading, 'html.oqy-reading after closing').toBe(false);
  expect(state.inert, 'body.inert after closing').toBe(false);
  // The page can be scrolled again (the reader had locked it).
  expect(state.overflowY, 'the page scrolls again').not.toBe('hidden');
  expect(state.textDrawn, 'the page drawn again').toBe(true);
}

describe.each(BROWSERS)('Oqy full reader in %s', (browserName) => {
  const OUT = resolve(import.meta.dirname, `../../test-output/${browserName}`);
  const shot = (name: string) => resolve(OUT, name);
  let server: FixtureServer;
  let browser: Driver;
  const tabs = new Map<string, Tab>();

  /** Measured by one test, checked by a later one. */
  let narrowWidth = 0;
  let printed: { position: string; height: number; content: number; linkColour: string; metaColour: string } | null = null;
  let genericBody: string | null = null;
  const drawnFonts = new Map<string, RenderedFont[]>();

  const storedSettings = () =>
    browser.inExtension(async (api: { storage: { sync: { get(key: string): Promise<Record<string, unknown>> } } }) => (await api.storage.sync.get('settings'))['settings']) as Promise<
      StoredSettings | undefined
    >;

  /**
   * Every settings change stored so far has reached the reader over `tab` (storage.onChanged
   * comes in order): a line height stored from outside is waited for on the reader's stepper, then
   * the line height as it was. A stored value's own echo has then been taken, and what it did to
   * the other steppers can be read.
   */
  const settingsEchoed = async (tab: Tab) => {
    type Sync = { storage: { sync: { get(key: string): Promise<Record<string, unknown>>; set(items: Record<string, unknown>): Promise<void> } } };
    const leading = async () => (await readerView(tab)).values['leading'];
    const shown = await leading();
    const { lineHeight } = (await storedSettings())!.reader;
    const store = (value: number) =>
      browser.inExtension(async (api: Sync, v: number) => {
        const settings = (await api.storage.sync.get('settings'))['settings'] as { reader: Record<string, unknown> };
        await api.storage.sync.set({ settings: { ...settings, reader: { ...settings.reader, lineHeight: v } } });
      }, value);
    await store(Math.round((lineHeight >= 2 ? lineHeight - 0.1 : lineHeight + 0.1) * 10) / 10);
    await pollUntil(async () => (await leading()) !== shown, { what: 'the reader to show a line height stored from outside' });
    await store(lineHeight);
    await pollUntil(async () => (await leading()) === shown, { what: 'the reader to show the line height put back' });
  };

  /** Opens a fixture page in a tab (once) and waits until the toolbar button says there is an article. */
  async function openArticle(name: string): Promise<Tab> {
    const f = fixture(name);
    let tab = tabs.get(name);
    if (!tab || !(await tab.isOpen())) {
      tab = await browser.openTab(f.servedUrl, { viewport: PAGE_SIZE });
      tabs.set(name, tab);
    }
    expect(await browser.waitForToolbarTitle(tab, [TITLE_READY], 30_000)).toBe(TITLE_READY);
    return tab;
  }

  /** The popup page for a tab, at a popup's size, once it has left its loading state. */
  async function openPopup(tabId: number): Promise<{ popup: Tab; state: string; text: string }> {
    const popup = await browser.openExtensionPage(POPUP_PATH, { tab: tabId }, { viewport: POPUP_SIZE });
    const state = await popup.waitFor(
      () => {
        const s = document.querySelector<HTMLElement>('main.popup')?.dataset['state'] ?? 'loading';
        return s === 'loading' ? null : s;
      },
      undefined,
      { timeoutMs: 30_000, what: 'the popup to leave "loading"' },
    );
    return { popup, state: state!, text: (await popup.text('body')) ?? '' };
  }

  /** Waits until `tab` is gone (the extension closed it). */
  const closedByItself = (tab: Tab, what: string) => pollUntil(async () => !(await tab.isOpen()), { timeoutMs: 15_000, what });

  /**
   * What a reader does: opens the popup on the article's tab and presses "Open the full reader".
   * The popup closes itself; the reader shows over the page, which is brought to the front.
   */
  async function openReaderFromPopup(tab: Tab, options: { label?: string; inPopup?: (popup: Tab) => Promise<void> } = {}): Promise<void> {
    const { popup, state, text } = await openPopup(await tab.id());
    expect(state, `popup state; popup said: ${text.slice(0, 300)}`).toBe('article');
    expect(collapse(await popup.text('[data-action="open-reader"]'))).toBe(options.label ?? en('popupOpenReader'));
    await options.inPopup?.(popup);
    await popup.click('[data-action="open-reader"]', { closesPage: true });
    await closedByItself(popup, 'the popup to close itself after "Open the full reader"');
    await tab.reader.waitFor((root) => !!root?.querySelector<HTMLElement>('.oqy-reader [data-testid="title"]')?.checkVisibility(), undefined, {
      timeoutMs: 15_000,
      what: 'the reader to show the title',
    });
    await tab.bringToFront();
    await pollUntil(() => tab.evaluateSource<boolean>(READER_FONTS_SETTLED), { timeoutMs: 15_000, what: "the reader's fonts to load" });
  }

  /** Clicks a stepper in the reader and waits for the value it shows to become `want`. */
  async function step(tab: Tab, button: string, output: string, want: string): Promise<void> {
    await tab.reader.click(`[data-step="${button}"]`);
    await tab.reader.waitFor((root, a: { output: string; want: string }) => root?.querySelector(`output[data-value="${a.output}"]`)?.textContent?.trim() === a.want, { output, want }, {
      what: `the ${output} shown to become ${want}`,
    });
  }

  /** Chooses a theme in the reader's toolbar and waits for the reader to take it. */
  async function chooseTheme(tab: Tab, theme: string): Promise<void> {
    await tab.reader.click(`[data-theme-choice="${theme}"]`);
    await tab.reader.waitFor((root, t: string) => root?.querySelector('.oqy-reader')?.getAttribute('data-theme') === t, theme, { what: `the ${theme} theme` });
  }

  /**
   * Chooses the interface language on the options page with the keyboard, as a person would:
   * Tab to the list, then arrow keys (a closed <select> takes the next option on each). A mouse
   * click would open the browser's own drop-down, drawn outside the page.
   */
  async function chooseLanguage(options: Tab, value: string): Promise<void> {
    const focused = () => options.evaluate(() => document.activeElement === document.querySelector('select[name="uiLanguage"]'));
    for (let i = 0; i < 60 && !(await focused()); i++) await options.press('Tab');
    expect(await focused(), 'Tab reaches the language list').toBe(true);
    const { values, now } = await options.evaluate(() => {
      const select = document.querySelector<HTMLSelectElement>('select[name="uiLanguage"]')!;
      return { values: Array.from(select.options, (o) => o.value), now: select.value };
    });
    const from = values.indexOf(now);
    const to = values.indexOf(value);
    expect(to, `the language list offers ${value}`).toBeGreaterThanOrEqual(0);
    for (let i = from; i !== to; i += Math.sign(to - from)) await options.press(to > from ? 'ArrowDown' : 'ArrowUp');
    await options.waitFor((v: string) => document.querySelector<HTMLSelectElement>('select[name="uiLanguage"]')?.value === v, value, { what: `the language list to show ${value}` });
  }

  /** The copy of the other site's page the popup would take with the activeTab grant, put where the reader tab reads it. */
  async function storeCopyOfOtherPage(keys: string[]): Promise<void> {
    const page = await browser.openTab(OTHER_URL);
    const copy = await page.evaluate(() => ({ html: document.documentElement.outerHTML, url: location.href }));
    await page.close();
    await browser.inExtension(
      (api: { storage: { session: { set(items: object): Promise<void> } } }, a: { keys: string[]; payload: unknown }) =>
        api.storage.session.set(Object.fromEntries(a.keys.map((k) => [k, a.payload]))),
      { keys, payload: { kind: 'page', page: copy } },
    );
  }

  /** The other site in a tab, its toolbar button pressed, and the popup for it, which then knows the site. */
  async function otherSitePopupAfterButton(): Promise<{ page: Tab; tabId: number; popup: Tab }> {
    const { tab: page, tabId } = await openTabWithId(browser, OTHER_URL);
    // The person's click on the toolbar button grants activeTab.
    await browser.pressToolbarButton(page, { closePopup: true });
    const { popup, state, text } = await openPopup(tabId);
    expect(state, `popup said: ${text.slice(0, 300)}`).toBe('other-site');
    return { page, tabId, popup };
  }

  beforeAll(async () => {
    mkdirSync(OUT, { recursive: true });
    server = await startFixtureServer();
    server.route(OTHER_URL, { type: 'text/html; charset=utf-8', body: OTHER_PAGE });
    server.route(ELSEWHERE_URL, { type: 'text/html; charset=utf-8', body: '<!doctype html><title>Elsewhere</title><h1>Elsewhere</h1><p>Nothing to read here.</p>' });
    browser = await launchDriver(browserName, { server, extraHosts: [OTHER_HOST, ELSEWHERE_HOST] });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  // Chromium gives an unpacked extension an id of its own (from its path); only Firefox installs it under the manifest's id.
  it.runIf(browserName === 'firefox')('installs the add-on under the id its manifest names', () => {
    expect((browser as FirefoxDriver).session.addonId).toBe('oqy@oqy.kz');
  });

  it.each(ARTICLES)('opens %s from the popup in the in-page reader, clean, in the bundled font', async (name) => {
    const gold = goldOf(name);
    const f = fixture(name);
    const tab = await openArticle(name);
    await openReaderFromPopup(tab);

    const state = await pageState(tab);
    expect(state).toMatchObject({ hosts: 1, hostParent: 'HTML', shadowMode: 'closed', pageGetsRoot: false, reading: true, inert: true });
    // A page the reader opens over stays drawn under it, as the person left it (only a page
    // covered from its start, auto mode's, is left undrawn): its scroll and media stay as they were.
    expect(state.textDrawn, 'the page drawn under the reader').toBe(true);
    expect(state.textHeight, 'a page paragraph measured under the reader').toBeGreaterThan(0);
    const view = await readerView(tab);
    expect(view.toolbar && view.closeButton && view.printButton, 'the toolbar with its close and print buttons').toBe(true);
    // The defaults: system theme, serif, 19 px, 65 ch, 1.6.
    expect(view.theme).toBe('system');
    expect(view.font).toBe('serif');
    expect(view.values).toEqual({ size: '19', width: '65', leading: '1.6' });
    expect(view.articleFontSize).toBe('19px');

    // What the reader shows, read off the screen.
    expect(collapse(view.title)).toBe(gold.title);
    const body = collapse(view.body);
    expect(body).toContain(collapse(gold.text[0]!));
    expect(body).toContain(collapse(gold.text.at(-1)!));
    const visible = collapse(view.visible);
    expect(gold.mustNotContain.filter((junk) => visible.includes(collapse(junk))), 'site chrome in the reader').toEqual([]);
    const glyphs = [...visible.matchAll(GLYPH_WORD)].map((m) => visible.slice(Math.max(0, m.index - 20), m.index + 30));
    expect(glyphs, 'icon-font glyph words in the reader text').toEqual([]);

    expect(view.sourceHref).toBe(gold.source.url);
    expect(view.sourceText).toContain(gold.source.name);
    expect(view.originalHref).toBe(gold.source.url);
    for (const [id, text] of Object.entries({ archived: view.archived, views: view.views, 'reading-time': view.readingTime })) {
      expect(collapse(text), `meta ${id}`).toMatch(/\d/);
    }
    const pageLink = new URL(view.pageLink ?? '');
    expect(pageLink.hostname + pageLink.pathname).toBe(new URL(f.url).hostname + new URL(f.url).pathname);
    expect(view.lang).toBe(gold.lang);

    // The bundled face: added to the page's document (from bytes), loaded for the Kazakh letters, and the body's font.
    const faces = (await tab.waitFor(
      async () => {
        const loaded = await document.fonts.load('16px "Oqy Serif"', 'қ');
        return loaded.length > 0 ? loaded.map((face) => ({ family: face.family.replace(/"/g, ''), status: face.status as string })) : null;
      },
      undefined,
      { timeoutMs: 15_000, what: 'FontFaces for "Oqy Serif" covering қ' },
    ))!;
    expect(faces).toEqual(faces.map(() => ({ family: 'Oqy Serif', status: 'loaded' })));
    expect(await tab.evaluate(() => document.fonts.check('16px "Oqy Serif"', 'қ'))).toBe(true);
    expect(view.paragraphFontFamily?.replace(/"/g, '')).toMatch(/^Oqy Serif\s*(,|$)/);
    if (browserName === 'chromium') drawnFonts.set(name, await renderedFontsInReader(tab, '.oqy-body p'));

    if (name === MAIN) await tab.screenshot(shot('reader-article.png'));

    // "Back to the page" leaves the page as it was.
    await tab.reader.click('.oqy-close');
    await expectReaderClosed(tab);
    if (name !== MAIN) {
      await tab.close();
      tabs.delete(name);
    }
  });

  // The fonts really drawn come from DevTools' CSS.getPlatformFontsForNode (measured above for each article); Firefox shows the used faces only to privileged code in the tab's process, which WebDriver BiDi does not reach.
  it.runIf(browserName === 'chromium')('draws the text of every article with the bundled PT Serif', () => {
    expect([...drawnFonts.keys()], 'measured by the article tests above').toEqual(ARTICLES);
    for (const [name, drawn] of drawnFonts) {
      expect(drawn.filter((font) => font.isCustomFont && /PT Serif/i.test(font.familyName) && font.glyphCount > 0), `${name}: ${JSON.stringify(drawn)}`).not.toEqual([]);
    }
  });

  it('switches themes from the toolbar, following the system for "system"', async () => {
    const tab = await openArticle(MAIN);
    await openReaderFromPopup(tab);
    const tokens = (theme: ThemeName) => ({ background: cssRgb(THEMES[theme].background), text: cssRgb(THEMES[theme].text) });
    const colours = async () => {
      const view = await readerView(tab);
      return { background: view.background, text: view.color };
    };
    const only = (theme: string) => Object.fromEntries(['light', 'sepia', 'dark', 'system'].map((t) => [t, String(t === theme)]));
    expect((await readerView(tab)).pressed).toEqual(only('system'));

    try {
      // "System" follows the colour scheme the page is told the system prefers.
      await emulateColorScheme(tab, 'dark');
      await pollUntil(async () => JSON.stringify(await colours()) === JSON.stringify(tokens('dark')), { what: 'the system theme to turn dark' });
      await tab.screenshot(shot('reader-system-dark.png'));
      await emulateColorScheme(tab, 'light');
      await pollUntil(async () => JSON.stringify(await colours()) === JSON.stringify(tokens('light')), { what: 'the system theme to turn light' });
    } finally {
      await emulateColorScheme(tab, null);
    }
    // With nothing emulated, both browsers' profiles prefer light.
    expect(await colours()).toEqual(tokens('light'));

    // Dark last, so the tests below see a choice that is not the default.
    for (const theme of ['light', 'sepia', 'dark'] as const) {
      await chooseTheme(tab, theme);
      expect((await readerView(tab)).pressed, `${theme} pressed alone`).toEqual(only(theme));
      expect(await colours(), `${theme} colours`).toEqual(tokens(theme));
      await tab.screenshot(shot(`reader-${theme}.png`));
    }
    await pollUntil(async () => (await storedSettings())?.reader.theme === 'dark', { what: 'the dark theme to be stored' });
  });

  it('makes the text larger and the lines narrower with the steppers', async () => {
    const tab = await openArticle(MAIN);
    const before = await readerView(tab);
    expect(before.values['size']).toBe('19');
    expect(before.articleFontSize).toBe('19px');

    // One click, one step.
    await step(tab, 'size-more', 'size', '20');
    await step(tab, 'size-more', 'size', '21');
    const larger = await readerView(tab);
    expect(larger.articleFontSize).toBe('21px');
    expect(larger.paragraphFontSize).toBe('21px');
    expect(larger.sizeVariable).toBe('21px');
    // The other steppers stay where they were.
    expect(larger.values['width']).toBe(before.values['width']);
    expect(larger.values['leading']).toBe(before.values['leading']);
    await pollUntil(async () => (await storedSettings())?.reader.fontSize === 21, { what: 'the size 21 to be stored' });

    // One notch narrower than the width shown (LIMITS.lineWidth.step); the last test starts from the default width.
    const wide = Number(larger.values['width']);
    await pollUntil(async () => (await storedSettings())?.reader.lineWidth === wide, { what: 'the width shown to be the width stored' });
    const wideColumn = parseFloat(await readerStyle(tab, 'article.oqy-article', 'max-width'));
    narrowWidth = wide - LIMITS.lineWidth.step;
    await step(tab, 'width-less', 'width', String(narrowWidth));
    await pollUntil(async () => (await storedSettings())?.reader.lineWidth === narrowWidth, { what: 'the narrower width to be stored' });
    // Settled: the stored value, echoed back to the page, did not move the stepper again.
    await settingsEchoed(tab);
    expect((await readerView(tab)).values['width']).toBe(String(narrowWidth));
    const narrowColumn = parseFloat(await readerStyle(tab, 'article.oqy-article', 'max-width'));
    expect(narrowColumn / wideColumn, `column ${wideColumn}px → ${narrowColumn}px`).toBeCloseTo(narrowWidth / wide, 3);
    const boxWidth = await tab.reader.evaluate((root) => root!.querySelector('article.oqy-article')!.getBoundingClientRect().width);
    expect(boxWidth).toBeLessThanOrEqual(narrowColumn + 0.5);
    expect(await storedSettings()).toMatchObject({ version: 2, reader: { fontSize: 21, lineWidth: narrowWidth, theme: 'dark', font: 'serif', lineHeight: 1.6 } });
  });

  it('can be used with the keyboard alone, and Esc returns to the page where it was', async () => {
    const tab = await openArticle(MAIN);
    // Close the reader from the previous test and scroll the page a little, as a reader would.
    if ((await pageState(tab)).hosts) {
      await tab.reader.click('.oqy-close');
      await expectReaderClosed(tab);
    }
    await tab.bringToFront();
    await tab.wheel(700);
    const scrolled = await tab.waitFor(
      () => new Promise<number | false>((done) => {
        const y = scrollY;
        setTimeout(() => done(y > 100 && y === scrollY && y), 150);
      }),
      undefined,
      { what: 'the page to scroll with the wheel and stop' },
    );

    await openReaderFromPopup(tab);
    const expected = [
      en('readerClose'),
      en('themeLight'),
      en('themeSepia'),
      en('themeDark'),
      en('themeSystem'),
      en('fontSerif'),
      en('fontSans'),
      // The article is Kazakh: the script choice is offered.
      en('scriptCyrillicName'),
      en('scriptLatinName'),
      en('readerSmaller'),
      en('readerLarger'),
      en('readerNarrower'),
      en('readerWider'),
      en('readerTighter'),
      en('readerLooser'),
      en('readerPrint'),
      en('saveForOffline'),
      en('readAloud'),
    ];
    // Every button has the name a screen reader announces (the browser's accessibility engine), in the order they stand.
    const named = await accessibleNamesInReader(tab, '.oqy-reader [role="toolbar"] button', expected);
    expect(named).toEqual(expected);
    const buttons = await tab.reader.evaluate((root) => root?.querySelectorAll('.oqy-reader [role="toolbar"] button').length ?? 0);
    expect(named).toHaveLength(buttons);

    const focused = () =>
      tab.reader.evaluate((root) => {
        const el = root?.activeElement as HTMLElement | null | undefined;
        if (!root || !el) return null;
        const all = [...root.querySelectorAll('[role="toolbar"] button')];
        const style = getComputedStyle(el);
        return { index: all.indexOf(el), focusVisible: el.matches(':focus-visible'), outlineStyle: style.outlineStyle, outlineWidth: parseFloat(style.outlineWidth) };
      });
    // The reader opens with the focus on "Back to the page"; Tab walks the toolbar in order.
    await pollUntil(async () => (await focused())?.index === 0, { what: 'the focus on "Back to the page"' });
    for (let i = 1; i < buttons; i++) {
      await tab.press('Tab');
      const now = await focused();
      expect(now?.index, `after ${i} Tab presses`).toBe(i);
      expect(now?.focusVisible, `button ${i} matches :focus-visible`).toBe(true);
      expect(now?.outlineStyle, `focus ring on button ${i}`).not.toBe('none');
      expect(now?.outlineWidth).toBeGreaterThan(0);
    }
    await tab.press('Shift+Tab');
    expect((await focused())?.index).toBe(buttons - 2);
    await tab.screenshot(shot('reader-focus.png'));

    await tab.press('Escape');
    await expectReaderClosed(tab);
    expect((await pageState(tab)).scrollY, 'the page scroll after the reader closed').toBe(scrolled);
  });

  it('keeps the theme, size and width after the page is reloaded', async () => {
    const tab = await openArticle(MAIN);
    const tabId = await tab.id();
    await tab.reload();
    expect(await tab.url()).toBe(fixture(MAIN).servedUrl);
    await openArticle(MAIN);
    expect(await tab.id()).toBe(tabId);
    expect((await pageState(tab)).hosts).toBe(0);
    await openReaderFromPopup(tab);
    const view = await readerView(tab);
    expect(view.theme).toBe('dark');
    expect(view.pressed['dark']).toBe('true');
    expect(view.values['size']).toBe('21');
    expect(view.values['width']).toBe(String(narrowWidth));
    expect(view.articleFontSize).toBe('21px');
    expect(view.background).toBe(cssRgb(THEMES.dark.background));
    expect(collapse(view.title)).toBe(goldOf(MAIN).title);

    // The toolbar's own close button leaves the page too.
    await tab.reader.click('.oqy-close');
    await expectReaderClosed(tab);
  });

  it("opens the reader with the shortcut's message, and closes it with the same message", async () => {
    // What the background sends the tab when the shortcut is pressed (background/commands.ts →
    // open-reader.ts: readerFor(tab, 'toggle')).
    const tab = await openArticle(MAIN);
    const tabId = await tab.id();
    const toggle = () =>
      browser.inExtension((api: { tabs: { sendMessage(id: number, message: unknown): Promise<unknown> } }, id: number) => api.tabs.sendMessage(id, { type: 'oqy/reader', action: 'toggle' }), tabId);
    expect((await pageState(tab)).hosts).toBe(0);
    await toggle();
    await tab.reader.waitFor((root) => !!root?.querySelector('.oqy-reader [data-testid="title"]'), undefined, { timeoutMs: 15_000, what: 'the reader to open on the message' });
    expect(collapse(await tab.reader.text('.oqy-reader [data-testid="title"]'))).toBe(goldOf(MAIN).title);
    await toggle();
    await expectReaderClosed(tab);
  });

  it("gets its keyboard shortcuts from the browser, and the options page names the reader's", async () => {
    // A suggested key the browser keeps for itself is silently left unassigned: the shortcut
    // would do nothing. Every one in the manifest must be taken.
    const assigned = await browser.inExtension((api: { commands: { getAll(): Promise<Array<{ name?: string; shortcut?: string }>> } }) => api.commands.getAll());
    for (const [name, command] of Object.entries(MANIFEST.commands)) {
      expect(assigned.find((c) => c.name === name)?.shortcut, `the shortcut of ${name}`).toBe(command.suggested_key.default);
    }
    const options = await browser.openExtensionPage(OPTIONS_PATH);
    try {
      const want = en('optionsShortcut').replace('$KEYS$', MANIFEST.commands['toggle-reader'].suggested_key.default);
      await options.waitFor((w: string) => (document.querySelector<HTMLElement>('main')?.innerText ?? '').replace(/\s+/g, ' ').includes(w), want, { what: 'the options page to name the shortcut' });
    } finally {
      await options.close();
    }
  });

  it('moves a slider on the options page with the keyboard: the preview follows, the setting is stored', async () => {
    const options = await browser.openExtensionPage(OPTIONS_PATH);
    try {
      await options.waitForSelector('input[name="fontSize"]');
      // The options show the reader's current settings.
      const before = (await storedSettings())!.reader.fontSize;
      expect(before).toBe(21);
      const shown = await options.evaluate(() => ({
        theme: document.querySelector<HTMLInputElement>('input[name="theme"]:checked')?.value ?? null,
        size: document.querySelector<HTMLInputElement>('input[name="fontSize"]')?.value ?? null,
      }));
      expect(shown).toEqual({ theme: 'dark', size: String(before) });
      await options.evaluate(() => document.querySelector<HTMLInputElement>('input[name="fontSize"]')!.focus());
      await options.press('ArrowRight');
      const after = before + LIMITS.fontSize.step;
      await pollUntil(async () => (await storedSettings())?.reader.fontSize === after, { what: `the size ${after} to be stored` });
      const preview = await options.evaluate(() => getComputedStyle(document.querySelector('.preview')!).getPropertyValue('--oqy-size').trim());
      expect(preview).toBe(`${after}px`);
      await options.press('ArrowLeft');
      await pollUntil(async () => (await storedSettings())?.reader.fontSize === before, { what: `the size ${before} to be stored again` });
    } finally {
      await options.close();
    }
  });

  it('takes the interface language and the theme from the options page', async () => {
    const tab = await openArticle(MAIN);
    if (!(await pageState(tab)).hosts) await openReaderFromPopup(tab);
    const options = await browser.openExtensionPage(OPTIONS_PATH);
    const heading = (want: string) => options.waitFor((w: string) => document.querySelector<HTMLElement>('h1')?.innerText.trim() === w, want, { what: `the options heading "${want}"` });
    await heading(en('optionsTitle'));
    try {
      await chooseLanguage(options, 'kk');
      await heading(kk('optionsTitle'));
      await options.screenshot(shot('options-kk.png'));
      await pollUntil(async () => (await storedSettings())?.uiLanguage === 'kk', { what: 'Kazakh to be stored' });

      // The reader still open on the article follows at once.
      await tab.reader.waitFor((root, w: string) => (root?.querySelector<HTMLElement>('.oqy-close')?.innerText ?? '').includes(w), kk('readerClose'), {
        what: 'the open reader to speak Kazakh',
      });
      await options.click('input[name="theme"][value="sepia"]');
      await tab.reader.waitFor((root) => root?.querySelector('.oqy-reader')?.getAttribute('data-theme') === 'sepia', undefined, { what: 'the open reader to turn sepia' });
      await pollUntil(async () => (await storedSettings())?.reader.theme === 'sepia', { what: 'sepia to be stored' });

      // Closed and opened again from the popup, now in Kazakh.
      await tab.bringToFront();
      await tab.press('Escape');
      await expectReaderClosed(tab);
      await openReaderFromPopup(tab, {
        label: kk('popupOpenReader'),
        inPopup: async (popup) => {
          expect(await popup.evaluate(() => document.documentElement.lang)).toBe('kk');
          await popup.screenshot(shot('popup-kk.png'));
        },
      });
      const view = await readerView(tab);
      expect(view.theme).toBe('sepia');
      expect(view.background).toBe(cssRgb(THEMES.sepia.background));
      expect(collapse(view.closeLabel)).toContain(kk('readerClose'));
      expect(await tab.reader.evaluate((root) => root?.querySelector('[data-step="size-more"]')?.getAttribute('aria-label') ?? null)).toBe(kk('readerLarger'));
    } finally {
      // Back to following the browser (English here).
      await options.bringToFront();
      await chooseLanguage(options, 'auto');
      await heading(en('optionsTitle'));
      await pollUntil(async () => (await storedSettings())?.uiLanguage === 'auto', { what: '"auto" to be stored' });
      await options.close();
    }
  });

  it('prints only the article: no toolbar, none of the page', async () => {
    const tab = await openArticle(MAIN);
    if (!(await pageState(tab)).hosts) await openReaderFromPopup(tab);
    const toolbarDisplay = () => readerStyle(tab, '[role="toolbar"]', 'display');
    expect(await toolbarDisplay()).not.toBe('none');
    // Read in the dark theme, then printed: paper is white whatever the screen was.
    await chooseTheme(tab, 'dark');
    try {
      await emulatePrint(tab, true);
      await pollUntil(async () => (await toolbarDisplay()) === 'none', { what: 'the toolbar to leave the printed page' });
      expect(await tab.evaluate(() => getComputedStyle(document.body).display), "the page's own body").toBe('none');
      const host = await tab.reader.evaluate((root) => {
        const el = root!.host;
        const box = el.getBoundingClientRect();
        const style = getComputedStyle(el);
        const shows = (sel: string) => !!root!.querySelector(sel)?.checkVisibility({ visibilityProperty: true, opacityProperty: true });
        return {
          display: style.display,
          visibility: style.visibility,
          position: style.position,
          width: box.width,
          height: box.height,
          content: root!.querySelector('.oqy-reader')!.scrollHeight,
          titleShows: shows('h1[data-testid="title"]'),
          paragraphShows: shows('.oqy-body p'),
        };
      });
      expect(host.display).not.toBe('none');
      expect(host.visibility).toBe('visible');
      expect(host.width).toBeGreaterThan(0);
      expect(host.height).toBeGreaterThan(0);
      expect(host.titleShows, 'the title on paper').toBe(true);
      expect(host.paragraphShows, 'the text on paper').toBe(true);
      // Black on white on paper, whatever the theme.
      const view = await readerView(tab);
      expect(view.background).toBe('rgb(255, 255, 255)');
      expect(view.color).toBe('rgb(0, 0, 0)');
      await tab.screenshot(shot('reader-print.png'));
      printed = {
        position: host.position,
        height: host.height,
        content: host.content,
        linkColour: await readerStyle(tab, '.meta [data-testid="source"]', 'color'),
        metaColour: await readerStyle(tab, '.meta', 'color'),
      };
    } finally {
      await emulatePrint(tab, false);
    }
    await pollUntil(async () => (await toolbarDisplay()) !== 'none', { what: 'the toolbar to come back on screen' });
  });

  /*
   * On paper the host must be static and as tall as the reader, or only its first screen
   * prints (an inline !important on the host once kept it fixed).
   */
  it('prints the whole article, not only its first screen', async () => {
    expect(printed, 'measured by the print test above').not.toBeNull();
    expect(printed!.position).toBe('static');
    expect(printed!.height).toBeGreaterThanOrEqual(printed!.content);
    // The browser's own print to PDF (Chromium's only without a display, as in CI).
    const pages = await printedPages(await openArticle(MAIN));
    if (pages !== null) expect(pages, 'printed A4 pages').toBeGreaterThan(1);
  });

  /*
   * Paper is white in every theme, so links and the meta line must print dark: the dark
   * theme's light-blue links would be 1.9:1 on white.
   */
  it('prints links and the meta line dark on white, whatever the theme', () => {
    expect(printed, 'measured by the print test above').not.toBeNull();
    expect({ link: printed!.linkColour, meta: printed!.metaColour }).toEqual({ link: 'rgb(0, 0, 0)', meta: 'rgb(51, 51, 51)' });
  });

  it('has no access to another site until asked: no content script, no address, and the popup says so', async () => {
    const { tab, tabId } = await openTabWithId(browser, OTHER_URL);
    try {
      // Oqy has no host access there: the tabs API does not even reveal the tab's address to it.
      const urls = await browser.inExtension(async (api: { tabs: { query(q: object): Promise<Array<{ url?: string }>> } }) => (await api.tabs.query({})).map((t) => t.url ?? null));
      expect(urls).not.toContain(OTHER_URL);
      // No content script either: the page is nobody's but the site's.
      expect(await tab.evaluate(() => document.querySelectorAll('#oqy-reader-host').length)).toBe(0);
      expect(await tab.text('h1')).toBe(OTHER_TITLE);

      // A popup opened as a page, with no click on the toolbar button, is told nothing of the tab.
      const blind = await openPopup(tabId);
      expect(blind.state, `popup said: ${blind.text.slice(0, 300)}`).toBe('no-access');
      await blind.popup.close();
    } finally {
      await tab.close();
    }
  });

  it('offers the reader tab on another site once its button is pressed, and opens the article there', async () => {
    const { page, tabId, popup } = await otherSitePopupAfterButton();
    expect(await popup.text('main.popup h1')).toBe(en('popupOtherSiteTitle'));
    expect(collapse(await popup.text('[data-action="open-generic"]'))).toBe(en('popupOpenGeneric'));
    await popup.screenshot(shot('popup-other-site.png'));
    await popup.click('[data-action="open-generic"]', { closesPage: true });
    const readerTab: Tab = (await pollUntil(() => tabShowing(browser, browser.extensionUrl(READER_PATH)), { timeoutMs: 15_000, what: 'the reader tab to open' }))!;
    await closedByItself(popup, 'the popup to close itself');

    const params = new URL(await readerTab.url()).searchParams;
    expect(params.get('open')).toMatch(/^reader:/);
    expect(params.get('from')).toBe(String(tabId));
    await readerTab.waitForSelector('.oqy-reader h1[data-testid="title"]', { timeoutMs: 15_000 });
    expect(collapse(await readerTab.text('.oqy-reader h1[data-testid="title"]'))).toBe(OTHER_TITLE);
    const body = collapse(await readerTab.text('.oqy-reader .oqy-body'));
    expect(body).toContain(OTHER_PARAGRAPHS[0]);
    expect(body).toContain(OTHER_PARAGRAPHS.at(-1));
    expect(await readerTab.evaluate(() => document.querySelector('.oqy-reader article.oqy-article')?.getAttribute('lang'))).toBe('en');
    await readerTab.waitFor((t: string) => document.title === t, `${OTHER_TITLE} · Oqy`, { what: "the reader tab's title" });

    // "Close the reader" closes the tab and goes back to the page it came from.
    await readerTab.click('.oqy-reader .oqy-close', { closesPage: true });
    await closedByItself(readerTab, 'the reader tab to close');
    expect(await browser.inExtension((api: { tabs: { get(id: number): Promise<{ active: boolean }> } }, id: number) => api.tabs.get(id).then((t) => t.active), tabId)).toBe(true);
    await page.close();
  });

  it("says clearly in the popup when it can no longer read the other site's page", async () => {
    const { page, popup } = await otherSitePopupAfterButton();
    // While the popup is open the tab goes on to another site, and the activeTab grant goes with it.
    await page.goto(ELSEWHERE_URL);
    const tabsBefore = await tabAddresses(browser);
    await popup.click('[data-action="open-generic"]');
    await popup.waitForSelector('[data-testid="generic-result"]', { timeoutMs: 15_000 });
    const message = collapse(await popup.text('[data-testid="generic-result"]'));
    expect(message).toContain(en('readerCouldNotOpen'));
    expect(message.length, 'the reason follows the message').toBeGreaterThan(en('readerCouldNotOpen').length + 5);
    expect(await popup.isOpen()).toBe(true);
    expect(await popup.evaluate(() => document.querySelector<HTMLElement>('main.popup')?.dataset['state'])).toBe('other-site');
    expect(await popup.evaluate(() => document.querySelectorAll('[data-action="open-generic"]').length), 'the offer is withdrawn').toBe(0);
    const tabsAfter = await tabAddresses(browser);
    expect(tabsAfter.some((url) => url.includes(READER_PATH)), 'no reader tab opened').toBe(false);
    expect(tabsAfter.length).toBe(tabsBefore.length);
    await popup.screenshot(shot('popup-other-site-failed.png'));
    await popup.close();
    await page.close();
  });

  it('shows a copied page in the reader tab, and says so when the copy is gone', async () => {
    await storeCopyOfOtherPage(['reader:test1', 'other:test1']);
    const tab = await browser.openExtensionPage(READER_PATH, { open: 'reader:test1' });
    await tab.waitForSelector('.oqy-reader h1[data-testid="title"]', { timeoutMs: 15_000 });
    const view = await tab.evaluate(() => {
      const reader = document.querySelector<HTMLElement>('.oqy-reader')!;
      const text = (sel: string) => reader.querySelector<HTMLElement>(sel)?.innerText ?? null;
      const pageLink = reader.querySelector('[data-testid="page-link"]');
      return {
        title: text('h1[data-testid="title"]'),
        body: text('.oqy-body'),
        lang: reader.querySelector('article.oqy-article')?.getAttribute('lang') ?? null,
        inApp: !!document.querySelector('#app .oqy-reader') && !document.getElementById('oqy-reader-host'),
        pageHref: pageLink?.getAttribute('href') ?? null,
        pageText: pageLink instanceof HTMLElement ? pageLink.innerText : null,
        close: text('.oqy-close'),
        theme: reader.getAttribute('data-theme'),
        size: text('output[data-value="size"]'),
      };
    });
    expect(collapse(view.title)).toBe(OTHER_TITLE);
    const body = collapse(view.body);
    expect(body).toContain(OTHER_PARAGRAPHS[0]);
    expect(body).toContain(OTHER_PARAGRAPHS.at(-1));
    genericBody = body;
    expect(view.lang).toBe('en');
    expect(view.inApp, 'the reader is the page itself, not an overlay').toBe(true);
    await tab.waitFor((t: string) => document.title === t, `${OTHER_TITLE} · Oqy`, { what: "the reader tab's title" });
    expect(view.pageHref).toBe(OTHER_URL);
    expect(collapse(view.pageText)).toBe(en('readerThePage'));
    expect(collapse(view.close)).toContain(en('readerCloseTab'));
    // The settings chosen on the news page hold here too.
    const settings = await storedSettings();
    expect(view.theme).toBe(settings?.reader.theme);
    expect(view.size).toBe(String(settings?.reader.fontSize));
    await tab.screenshot(shot('reader-tab.png'));

    // "Close the reader" closes the tab.
    await tab.click('.oqy-reader .oqy-close', { closesPage: true });
    await closedByItself(tab, 'the reader tab to close');

    for (const key of ['reader:missing', 'other:test1']) {
      const missing = await browser.openExtensionPage(READER_PATH, { open: key });
      await missing.waitForSelector('.oqy-status[data-state="missing"]', { timeoutMs: 15_000 });
      expect(collapse(await missing.text('.oqy-status[data-state="missing"]')), key).toBe(en('readerMissing'));
      expect(await missing.evaluate(() => document.querySelectorAll('h1[data-testid="title"]').length)).toBe(0);
      await missing.close();
    }
  });

  it('closes the reader tab with Esc after a click in the text', async () => {
    await storeCopyOfOtherPage(['reader:test2']);
    const tab = await browser.openExtensionPage(READER_PATH, { open: 'reader:test2' });
    await tab.waitForSelector('.oqy-reader .oqy-body p', { timeoutMs: 15_000 });
    // The reader puts the focus on its close button once drawn; then a click in the text takes it out of the reader's controls, to the page's body.
    await tab.waitFor(() => document.activeElement?.classList.contains('oqy-close') ?? false, undefined, { timeoutMs: 5_000, what: 'the reader tab to put the focus on its close button' });
    await tab.click('.oqy-reader .oqy-body p');
    expect(await tab.evaluate(() => document.activeElement === document.body)).toBe(true);
    // The key's release may find the tab already gone: that is the point.
    await tab.press('Escape').catch(() => undefined);
    await closedByItself(tab, 'Esc to close the reader tab');
  });

  /*
   * On another site the whole page goes to Readability, whose choice of the article must be
   * kept: the site's menu, newsletter box and footer stay out.
   */
  it("the reader tab leaves out the other site's menu, newsletter box and footer", () => {
    expect(genericBody, 'read by the reader tab test above').toBeTruthy();
    expect(genericBody).not.toContain(OTHER_CHROME);
    expect(genericBody).not.toMatch(/^Home World Culture/);
    expect(genericBody).not.toContain('© Example News');
  });

  it('keeps the default line width through other changes, and steps it one notch at a time', async () => {
    const tab = await openArticle(MAIN);
    await browser.inExtension((api: { storage: { sync: { remove(key: string): Promise<void> } } }) => api.storage.sync.remove('settings'));
    await tab.reload();
    await openArticle(MAIN);
    await openReaderFromPopup(tab);
    const shown = async (name: string) => (await readerView(tab)).values[name];
    /** The stepper once the stored value has come back to the page (storage.onChanged). */
    const settled = async (want: number) => {
      await pollUntil(async () => (await storedSettings())?.reader.lineWidth === want, { what: `the width ${want} to be stored` });
      await settingsEchoed(tab);
      return Number(await shown('width'));
    };
    const initial = DEFAULT_SETTINGS.reader.lineWidth;
    expect(await shown('width')).toBe(String(initial));
    // An unrelated change leaves the width as it was (an off-grid default once snapped 66 to 65 here).
    await step(tab, 'size-more', 'size', '20');
    await step(tab, 'size-more', 'size', '21');
    expect(await settled(initial), 'width after two "larger text" clicks').toBe(initial);
    // One click narrower is one notch, shown and stored alike.
    const less = initial - LIMITS.lineWidth.step;
    await tab.reader.click('[data-step="width-less"]');
    expect(await settled(less), 'width after one "narrower lines" click').toBe(less);
    expect((await storedSettings())?.reader).toMatchObject({ fontSize: 21, lineWidth: less });
  });

  it('still says the home page is not an article', async () => {
    const home = await browser.openTab(fixture('home-kk').servedUrl);
    try {
      await browser.waitForToolbarTitle(home, [en('actionTitleNotArticle')], 30_000);
      const { popup, state, text } = await openPopup(await home.id());
      expect(state, `popup said: ${text.slice(0, 300)}`).toBe('not-article');
      expect(await popup.evaluate(() => document.querySelectorAll('[data-action="open-reader"]').length)).toBe(0);
      await popup.close();
    } finally {
      await home.close();
    }
  });
});
