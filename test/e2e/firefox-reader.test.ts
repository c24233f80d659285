/**
 * Firefox end to end: the full reader on the Qazaq24 page itself, used the way a person uses it.
 * The popup's "Open the full reader" button is clicked with a real mouse click (WebDriver BiDi
 * `input.performActions`), the reader's toolbar likewise, Escape is a real key press and the page
 * is scrolled with the mouse wheel. What the reader shows is read from its (open) shadow root.
 *
 * Needs `npm run build` first. Screenshots go to test-output/firefox/reader-*.png.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadFixtures, startFixtureServer, type Fixture, type FixtureServer } from '../harness/fixture-server.ts';
import { DIST_FIREFOX, launchFirefoxWithExtension, type FirefoxSession } from '../harness/firefox.ts';
import { READER_FONTS_SETTLED } from '../harness/reader-fonts.ts';
import { THEMES, type ThemeName } from '../../src/reader/themes.ts';
import enMessages from '../../public/_locales/en/messages.json';
import MANIFEST from '../../manifest.json';

const en = (key: keyof typeof enMessages) => (enMessages as Record<string, { message: string }>)[key]!.message;

const OUT = resolve(import.meta.dirname, '../../test-output/firefox');
/** The popup's size as Firefox shows it (body is 440 px wide, at most 600 px high). */
const POPUP = { width: 440, height: 600 };
/** A desktop window for the article tab. */
const PAGE = { width: 1280, height: 800 };
/** Icon-font ligature words that leak into text when the icon font is not applied. */
const GLYPH_WORD = /(?<![\p{L}\p{N}])(?:see|embed|archive|top|news|close|up|menu)(?![a-z])/giu;

interface Gold {
  url: string;
  title: string;
  lang: string;
  source: { name: string; url: string };
  text: string[];
  mustNotContain: string[];
}

/** What the in-page reader shows, read from its shadow root, and the page around it. */
interface ReaderView {
  host: boolean;
  /** The mode of the reader's shadow root, as the harness finds it (null without a reader). */
  shadowMode: string | null;
  /** Whether the page's own scripts get the root from the host. */
  pageGetsRoot: boolean;
  hostParent: string | null;
  readingClass: boolean;
  bodyInert: boolean;
  scrollY: number;
  theme: string | null;
  font: string | null;
  pressed: Record<string, string | null>;
  fontPressed: Record<string, string | null>;
  values: Record<string, string | null>;
  visible: string;
  title: string | null;
  sourceHref: string | null;
  originalHref: string | null;
  pageLink: string | null;
  archived: string | null;
  views: string | null;
  readingTime: string | null;
  lang: string | null;
  body: string | null;
  background: string | null;
  color: string | null;
  articleFontSize: string | null;
  paragraphFontFamily: string | null;
  toolbar: boolean;
  closeButton: boolean;
  printButton: boolean;
}

/** What the reader shows, and the page around it, read in the harness's sandbox with the reader's closed root (overlayEvaluate). */
const READ_READER = `(root) => {
  const host = document.getElementById('oqy-reader-host');
  const $ = (sel) => root?.querySelector(sel) ?? null;
  const q = (id) => $('[data-testid="' + id + '"]');
  const reader = $('.oqy-reader');
  const pressed = (attr) => Object.fromEntries(
    Array.from(root?.querySelectorAll('[' + attr + ']') ?? [], (b) => [b.getAttribute(attr), b.getAttribute('aria-pressed')]),
  );
  const paragraph = $('.oqy-body p');
  return {
    host: !!host,
    shadowMode: root?.mode ?? null,
    pageGetsRoot: !!host?.shadowRoot,
    hostParent: host?.parentNode?.nodeName ?? null,
    readingClass: document.documentElement.classList.contains('oqy-reading'),
    bodyInert: document.body.inert === true,
    scrollY: window.scrollY,
    theme: reader?.getAttribute('data-theme') ?? null,
    font: reader?.getAttribute('data-font') ?? null,
    pressed: pressed('data-theme-choice'),
    fontPressed: pressed('data-font-choice'),
    values: Object.fromEntries(Array.from(root?.querySelectorAll('output[data-value]') ?? [], (o) => [o.getAttribute('data-value'), o.textContent.trim()])),
    visible: reader?.innerText ?? '',
    title: q('title')?.innerText ?? null,
    sourceHref: q('source')?.getAttribute('href') ?? null,
    originalHref: q('original-link')?.getAttribute('href') ?? null,
    pageLink: q('page-link')?.href ?? null,
    archived: q('archived')?.innerText ?? null,
    views: q('views')?.innerText ?? null,
    readingTime: q('reading-time')?.innerText ?? null,
    lang: $('article.oqy-article')?.getAttribute('lang') ?? null,
    body: $('.oqy-body[data-testid="body"]')?.innerText ?? null,
    background: reader ? getComputedStyle(reader).backgroundColor : null,
    color: reader ? getComputedStyle(reader).color : null,
    articleFontSize: $('article.oqy-article') ? getComputedStyle($('article.oqy-article')).fontSize : null,
    paragraphFontFamily: paragraph ? getComputedStyle(paragraph).fontFamily : null,
    toolbar: !!$('[role="toolbar"]'),
    closeButton: !!$('[role="toolbar"] .oqy-close'),
    printButton: !!$('[role="toolbar"] .oqy-print'),
  };
}`;

/** An element in the reader's shadow root, as `(root) => ...` source for overlayClick and overlayWaitFor. */
const inReader = (selector: string) => `(root) => root?.querySelector(${JSON.stringify(selector)})`;
/** A condition on the reader's element `selector`, as `(root) => ...` source. */
const readerHas = (selector: string, condition: string) => `(root) => { const el = root?.querySelector(${JSON.stringify(selector)}); return !!el && (${condition}); }`;
const READER_TITLE_SHOWN = `(root) => !!root?.querySelector('.oqy-reader [data-testid="title"]')`;

const squash = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, ' ').trim();

/** '#fbfaf7' → 'rgb(251, 250, 247)', as getComputedStyle gives colours. */
function rgb(hex: string): string {
  const h = hex.replace('#', '');
  const full = h.length === 3 ? [...h].map((c) => c + c).join('') : h;
  const [r, g, b] = [0, 2, 4].map((i) => parseInt(full.slice(i, i + 2), 16));
  return `rgb(${r}, ${g}, ${b})`;
}

let server: FixtureServer;
let ff: FirefoxSession;
const fixtures = new Map<string, Fixture>();
const timings: string[] = [];
/** The tab showing the unity article, and where its page was scrolled before the reader opened. */
let articleTab: string;
let scrolledTo = 0;

function fixture(name: string): Fixture & { gold: Gold } {
  const f = fixtures.get(name);
  if (!f) throw new Error(`no fixture ${name}`);
  return f as Fixture & { gold: Gold };
}

const unity = () => fixture('article-unity-kk');
const readReader = () => ff.overlayEvaluate<ReaderView>(articleTab, READ_READER);

/** Opens the popup for the tab showing `pageUrl` and waits until it has decided what to show. */
async function openPopupFor(pageUrl: string): Promise<{ context: string; state: string }> {
  const started = Date.now();
  const context = await ff.openExtensionPage(`src/popup/index.html?url=${encodeURIComponent(pageUrl)}`);
  await ff.setViewport(context, POPUP.width, POPUP.height);
  const state = await ff.waitFor<string>(
    context,
    `(() => { const s = document.querySelector('main.popup')?.dataset.state ?? 'loading'; return s !== 'loading' && s; })()`,
    20_000,
  );
  timings.push(`popup for ${new URL(pageUrl).pathname}: ${Date.now() - started} ms (${state})`);
  return { context, state };
}

/** What a person does: the toolbar button's popup, then "Open the full reader" in it. */
async function openReaderFromPopup(label: string): Promise<ReaderView> {
  const started = Date.now();
  const { context: popup, state } = await openPopupFor(unity().servedUrl);
  expect(state, await ff.evaluate<string>(popup, 'document.body.innerText')).toBe('article');
  const button = `document.querySelector('[data-action="open-reader"]')`;
  expect(squash(await ff.evaluate<string>(popup, `${button}.innerText`))).toBe('Open the full reader');
  await ff.click(popup, button);
  // The popup closes itself once the tab has the reader open.
  const closed = await waitUntil(async () => !(await ff.isOpen(popup)), 10_000);
  if (!closed) {
    const shown = await ff.evaluate<string>(popup, 'document.body.innerText').catch(() => '?');
    await ff.closeTab(popup);
    throw new Error(`the popup did not close after "Open the full reader"; it shows:\n${shown}`);
  }
  await ff.activate(articleTab);
  await ff.overlayWaitFor(articleTab, READER_TITLE_SHOWN, 15_000);
  await ff.waitFor(articleTab, READER_FONTS_SETTLED, 15_000);
  timings.push(`${label}: popup click → reader shown: ${Date.now() - started} ms`);
  return readReader();
}

async function waitUntil(check: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return true;
    if (Date.now() > deadline) return false;
    await new Promise((done) => setTimeout(done, 100));
  }
}

/** Evaluates `expression` in an extension page (the options page, opened for it and closed after). */
async function inExtensionPage<T>(expression: string, wait = false): Promise<T> {
  const page = await ff.openExtensionPage('src/options/index.html');
  try {
    return wait ? await ff.waitFor<T>(page, expression, 15_000) : await ff.evaluate<T>(page, expression);
  } finally {
    await ff.closeTab(page);
  }
}

/** The settings as stored (storage.sync, key "settings"). */
async function storedSettings(): Promise<Record<string, unknown> | undefined> {
  const got = await inExtensionPage<Record<string, Record<string, unknown>>>(`browser.storage.sync.get('settings')`);
  return got['settings'];
}

/**
 * Waits until the content script in the tab showing `pageUrl` answers. Firefox injects it at
 * document_idle, a moment after the load event the harness waits for, and its module then loads
 * on its own; a popup opened inside that moment would rightly say "not ready".
 */
async function contentScriptReady(pageUrl: string): Promise<void> {
  await inExtensionPage(
    `browser.tabs.query({}).then((tabs) => {
      const tab = tabs.find((t) => t.url === ${JSON.stringify(pageUrl)});
      return tab ? browser.tabs.sendMessage(tab.id, { type: 'oqy/get-status' }).then(() => true, () => false) : false;
    })`,
    true,
  );
}

describe('Firefox: the full reader on the Qazaq24 page', () => {
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
    const t = Date.now();
    articleTab = await ff.openTab(unity().servedUrl);
    await ff.setViewport(articleTab, PAGE.width, PAGE.height);
    await contentScriptReady(unity().servedUrl);
    timings.push(`article tab: ${Date.now() - t} ms`);
  });

  afterAll(async () => {
    await ff?.close();
    await server?.close();
    if (timings.length) console.log(`[firefox reader e2e timings]\n  ${timings.join('\n  ')}`);
  });

  it('opens from the popup over the article, clean, in its own fonts', async () => {
    const gold = unity().gold;
    // A reader is some way down the page when they reach for the button.
    await ff.activate(articleTab);
    await ff.wheel(articleTab, 700);
    scrolledTo = await ff.waitFor<number>(
      articleTab,
      `new Promise((done) => { const a = scrollY; setTimeout(() => done(a > 0 && a === scrollY && a), 150); })`,
      5_000,
    );
    expect(scrolledTo).toBeGreaterThan(0);
    timings.push(`page scrolled by the wheel to y = ${scrolledTo}`);

    const view = await openReaderFromPopup('first open');
    expect(view.shadowMode).toBe('closed');
    expect(view.pageGetsRoot).toBe(false);
    expect(view.hostParent).toBe('HTML');
    expect(view.readingClass).toBe(true);
    expect(view.bodyInert).toBe(true);
    expect(view.toolbar && view.closeButton && view.printButton).toBe(true);

    expect(squash(view.title)).toBe(gold.title);
    const body = squash(view.body);
    expect(body).toContain(squash(gold.text[0]));
    expect(body).toContain(squash(gold.text.at(-1)));
    expect(view.sourceHref).toBe(gold.source.url);
    expect(view.originalHref).toBe(gold.source.url);
    expect(new URL(view.pageLink!).pathname).toBe(new URL(gold.url).pathname);
    expect(view.lang).toBe(gold.lang);
    expect(squash(view.archived)).toMatch(/\d/);
    expect(squash(view.views)).toMatch(/\d/);
    expect(squash(view.readingTime)).toMatch(/\d/);

    const visible = squash(view.visible);
    expect(gold.mustNotContain.filter((s) => visible.includes(squash(s)))).toEqual([]);
    const glyphs = [...visible.matchAll(GLYPH_WORD)].map((m) => visible.slice(Math.max(0, m.index - 20), m.index + 30));
    expect(glyphs, 'icon-font words in the reader').toEqual([]);

    // The defaults: system theme (this profile prefers light), serif, 19 px, 65 ch, 1.6.
    expect(view.theme).toBe('system');
    expect(view.font).toBe('serif');
    expect(view.values).toEqual({ size: '19', width: '65', leading: '1.6' });
    expect(view.articleFontSize).toBe('19px');

    // The bundled face, added to the page's document from bytes, loads and is the body's font.
    const faces = await ff.waitFor<{ family: string; status: string }[]>(
      articleTab,
      `document.fonts.load('16px "Oqy Serif"', 'қ').then((fs) => fs.length > 0 && fs.map((f) => ({ family: f.family, status: f.status })))`,
      15_000,
    );
    expect(faces.length).toBeGreaterThanOrEqual(1);
    expect(faces.every((f) => f.status === 'loaded' && f.family.replace(/"/g, '') === 'Oqy Serif')).toBe(true);
    expect(view.paragraphFontFamily?.replace(/"/g, '')).toMatch(/^Oqy Serif\b/);
    expect(await ff.evaluate<boolean>(articleTab, `document.fonts.check('16px "Oqy Serif"', 'қ')`)).toBe(true);
  });

  it('switches themes from the toolbar', async () => {
    const themeButton = (name: string) => inReader(`[data-theme-choice="${name}"]`);
    const before = await readReader();
    expect(before.pressed).toEqual({ light: 'false', sepia: 'false', dark: 'false', system: 'true' });
    // "System" follows the OS; this profile prefers light.
    expect(before.background).toBe(rgb(THEMES.light.background));

    const order: { choice: ThemeName | 'system'; tokens: ThemeName; shot?: string }[] = [
      { choice: 'light', tokens: 'light', shot: 'reader-light.png' },
      { choice: 'sepia', tokens: 'sepia', shot: 'reader-sepia.png' },
      { choice: 'system', tokens: 'light' },
      { choice: 'dark', tokens: 'dark', shot: 'reader-dark.png' },
    ];
    for (const { choice, tokens, shot } of order) {
      await ff.overlayClick(articleTab, themeButton(choice));
      await ff.overlayWaitFor(articleTab, readerHas('.oqy-reader', `el.getAttribute('data-theme') === ${JSON.stringify(choice)}`), 5_000);
      const view = await readReader();
      expect(view.theme).toBe(choice);
      expect(Object.entries(view.pressed).filter(([, p]) => p === 'true').map(([name]) => name)).toEqual([choice]);
      expect(view.background, `${choice} background`).toBe(rgb(THEMES[tokens].background));
      expect(view.color, `${choice} text`).toBe(rgb(THEMES[tokens].text));
      if (shot) await ff.screenshot(articleTab, resolve(OUT, shot));
    }
  });

  it('makes the text larger with the size stepper', async () => {
    const before = await readReader();
    expect(before.values['size']).toBe('19');
    for (const expected of ['20', '21']) {
      await ff.overlayClick(articleTab, inReader('[data-step="size-more"]'));
      await ff.overlayWaitFor(articleTab, readerHas('output[data-value="size"]', `el.textContent.trim() === ${JSON.stringify(expected)}`), 5_000);
    }
    const view = await readReader();
    expect(view.values['size']).toBe('21');
    expect(view.articleFontSize).toBe('21px');
    // The other steppers stay where they were.
    expect(view.values['width']).toBe(before.values['width']);
    expect(view.values['leading']).toBe(before.values['leading']);
  });

  it('closes on Escape and leaves the page as it was', async () => {
    await ff.activate(articleTab);
    await ff.press(articleTab, 'Escape');
    await ff.waitFor(articleTab, `!document.getElementById('oqy-reader-host')`, 5_000);
    const view = await readReader();
    expect(view.host).toBe(false);
    expect(view.readingClass).toBe(false);
    expect(view.bodyInert).toBe(false);
    expect(view.scrollY).toBe(scrolledTo);
    // The page can be scrolled again (the reader had locked it).
    expect(await ff.evaluate<string>(articleTab, `getComputedStyle(document.documentElement).overflowY`)).not.toBe('hidden');
  });

  it('opens the reader with the shortcut\'s message, and closes it with the same message', async () => {
    // What the background sends the tab when the shortcut is pressed (background/commands.ts →
    // open-reader.ts: readerFor(tab, 'toggle')), sent here from an extension page.
    const toggle = () =>
      inExtensionPage(
        `browser.tabs.query({}).then((tabs) => browser.tabs.sendMessage(tabs.find((t) => t.url === ${JSON.stringify(unity().servedUrl)}).id, { type: 'oqy/reader', action: 'toggle' })).then(() => true)`,
      );
    expect(await ff.evaluate<boolean>(articleTab, `!!document.getElementById('oqy-reader-host')`)).toBe(false);
    await toggle();
    await ff.overlayWaitFor(articleTab, READER_TITLE_SHOWN, 15_000);
    expect(squash((await readReader()).title)).toBe(unity().gold.title);
    await toggle();
    await ff.waitFor(articleTab, `!document.getElementById('oqy-reader-host')`, 5_000);
    expect((await readReader()).readingClass).toBe(false);
  });

  it('keeps the last theme and size after the page is reloaded', async () => {
    const stored = await storedSettings();
    // What the reader showed is what was kept, the untouched settings at their defaults.
    expect(stored?.['reader']).toMatchObject({ theme: 'dark', font: 'serif', fontSize: 21, lineWidth: 65, lineHeight: 1.6 });

    await ff.reload(articleTab);
    expect(await ff.evaluate<string>(articleTab, 'location.href')).toBe(unity().servedUrl);
    await contentScriptReady(unity().servedUrl);
    const view = await openReaderFromPopup('after reload');
    expect(view.theme).toBe('dark');
    expect(view.pressed['dark']).toBe('true');
    expect(view.background).toBe(rgb(THEMES.dark.background));
    expect(view.values['size']).toBe('21');
    expect(view.articleFontSize).toBe('21px');
    expect(squash(view.title)).toBe(unity().gold.title);

    // The toolbar's own close button (a real click) leaves the page too.
    await ff.overlayClick(articleTab, inReader('.oqy-close'));
    await ff.waitFor(articleTab, `!document.getElementById('oqy-reader-host')`, 5_000);
    expect((await readReader()).readingClass).toBe(false);
  });

  it('gets its keyboard shortcuts from the browser, and the options page names the reader\'s', async () => {
    // A suggested key the browser keeps for itself would be left unassigned: every one in the
    // manifest must be taken.
    const assigned = await inExtensionPage<Array<{ name: string; shortcut: string }>>(`browser.commands.getAll()`);
    for (const [name, command] of Object.entries(MANIFEST.commands)) {
      expect(assigned.find((c) => c.name === name)?.shortcut, `the shortcut of ${name}`).toBe(command.suggested_key.default);
    }
    const options = await ff.openExtensionPage('src/options/index.html');
    try {
      const keys = MANIFEST.commands['toggle-reader'].suggested_key.default;
      const want = en('optionsShortcut').replace('$KEYS$', keys);
      await ff.waitFor(options, `document.querySelector('main')?.innerText.replace(/\\s+/g, ' ').includes(${JSON.stringify(want)})`, 10_000);
    } finally {
      await ff.closeTab(options);
    }
  });

  it('speaks Kazakh everywhere once Kazakh is chosen in the options', async () => {
    const started = Date.now();
    const options = await ff.openExtensionPage('src/options/index.html');
    const h1 = `document.querySelector('h1')?.innerText.trim()`;
    await ff.waitFor(options, `${h1} === 'Oqy settings'`, 10_000);
    // The options show the reader's current settings.
    expect(await ff.evaluate(options, `document.querySelector('input[name=theme]:checked')?.value`)).toBe('dark');
    expect(await ff.evaluate(options, `document.querySelector('input[name=fontSize]').value`)).toBe('21');

    const select = `document.querySelector('select[name=uiLanguage]')`;
    const chooseLanguage = async (value: string) => {
      // With the keyboard, as a person would: Tab to the list, then arrow to the language (a
      // closed <select> changes its value and fires "change" on each arrow key). A mouse click
      // would open Firefox's drop-down, which is drawn by the browser, outside the page.
      for (let i = 0; i < 60 && !(await ff.evaluate<boolean>(options, `document.activeElement === ${select}`)); i++) {
        await ff.press(options, 'Tab');
      }
      expect(await ff.evaluate<boolean>(options, `document.activeElement === ${select}`), 'Tab reaches the language list').toBe(true);
      const order = ['auto', 'kk', 'ru', 'en'];
      const from = order.indexOf(await ff.evaluate<string>(options, `${select}.value`));
      const to = order.indexOf(value);
      for (let i = from; i !== to; i += Math.sign(to - from)) await ff.press(options, to > from ? 'ArrowDown' : 'ArrowUp');
      await ff.waitFor(options, `${select}.value === ${JSON.stringify(value)}`, 5_000);
    };

    await chooseLanguage('kk');
    await ff.waitFor(options, `${h1} === 'Oqy баптаулары'`, 5_000);
    await ff.screenshot(options, resolve(OUT, 'options-kk.png'));
    await waitUntil(async () => (await storedSettings())?.['uiLanguage'] === 'kk', 5_000);
    expect((await storedSettings())?.['uiLanguage']).toBe('kk');

    const { context: popup, state } = await openPopupFor(unity().servedUrl);
    expect(state).toBe('article');
    expect(squash(await ff.evaluate<string>(popup, `document.querySelector('[data-action="open-reader"]').innerText`))).toBe('Толық оқу режимін ашу');
    expect(await ff.evaluate(popup, 'document.documentElement.lang')).toBe('kk');
    await ff.screenshot(popup, resolve(OUT, 'popup-kk.png'));
    await ff.closeTab(popup);

    // Back to following the browser (English here).
    await ff.activate(options);
    await chooseLanguage('auto');
    await ff.waitFor(options, `${h1} === 'Oqy settings'`, 5_000);
    expect(await waitUntil(async () => (await storedSettings())?.['uiLanguage'] === 'auto', 5_000)).toBe(true);
    await ff.closeTab(options);
    timings.push(`options language round trip: ${Date.now() - started} ms`);
  });

  it('still says the home page is not an article', async () => {
    const home = fixture('home-kk');
    const tab = await ff.openTab(home.servedUrl);
    await contentScriptReady(home.servedUrl);
    const { context, state } = await openPopupFor(home.servedUrl);
    expect(state, await ff.evaluate<string>(context, 'document.body.innerText')).toBe('not-article');
    expect(await ff.evaluate(context, `document.querySelector('[data-action="open-reader"]')`)).toBeNull();
    await ff.closeTab(context);
    await ff.closeTab(tab);
  });
});
