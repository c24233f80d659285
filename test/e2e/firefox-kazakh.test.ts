/**
 * For Kazakh readers, in Firefox ESR over WebDriver BiDi: the article in the 2021 Latin alphabet
 * (chosen in the in-page reader's toolbar with real clicks, kept after a reload, undone; never
 * offered on a Russian article), read aloud in the reader tab with a test double for speech
 * synthesis, and the reading time in the popup, the reader and the library.
 *
 * The speech double goes into the reader tab (an extension page: the in-page reader runs in the
 * content script's isolated world, out of reach). Firefox 153 ESR runs no BiDi preload script
 * (script.addPreloadScript) in moz-extension:// documents, global or scoped to the tab: checked,
 * they run in http:// pages only. So the double is put in with script.evaluate once the reader
 * has loaded and before the read-aloud panel opens; the panel reads `speechSynthesis` when it
 * opens and `SpeechSynthesisUtterance` when it speaks, so it sees only the double.
 *
 * The tests share one profile and run in order. Needs `npm run build`. Screenshots go to
 * test-output/firefox/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { startFixtureServer, type FixtureServer } from '../harness/fixture-server.ts';
import { DIST_FIREFOX, launchFirefoxWithExtension, type FirefoxSession } from '../harness/firefox.ts';
import { READER_FONTS_SETTLED } from '../harness/reader-fonts.ts';
import { ENGLISH_VOICE, KAZAKH_VOICE, RUSSIAN_VOICE, SPEECH, speechDoublePreload, speechDoubleScript, type SpeechLog, type SpeechState, type VoiceDouble } from '../harness/speech-double.ts';
import {
  CYRILLIC,
  DOLLAR,
  LIBRARY_PATH,
  READER_PATH,
  STEPPE_ADDRESS,
  STEPPE_CODE,
  STEPPE_MARKED_RU,
  STEPPE_RUSSIAN_QUOTE,
  STEPPE_TITLE,
  STEPPE_URL,
  UNITY,
  UNITY_TITLE_LATIN,
  countWords,
  en,
  fixture,
  minutesFor,
  squash,
  steppePage,
  unitySentences,
} from '../harness/kazakh-check.ts';
import { toLatin2021 } from '../../src/core/translit/kazakh-latin.ts';

const OUT = resolve(import.meta.dirname, '../../test-output/firefox');
const VIEW = { width: 1100, height: 800 };
const POPUP = { width: 440, height: 600 };

let server: FixtureServer;
let ff: FirefoxSession;
/** Browsing contexts of the article tabs, by fixture name. */
const tabs = new Map<string, string>();

const js = (value: unknown) => JSON.stringify(value);
/**
 * An element in the reader's closed shadow root, as an expression over `root`: run through the
 * harness's overlay helpers (overlayEvaluate, overlayWaitFor, overlayClick), which hand it over.
 */
const inReader = (selector: string) => `root?.querySelector(${js(selector)})`;
/** `(root) => expression` source for the overlay helpers. */
const overRoot = (expression: string) => `(root) => ${expression}`;
const $ = (selector: string) => `document.querySelector(${js(selector)})`;
const delay = (ms: number) => new Promise((done) => setTimeout(done, ms));

async function poll<T>(read: () => Promise<T>, want: (value: T) => boolean, what: string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T;
  for (;;) {
    last = await read();
    if (want(last)) return last;
    if (Date.now() > deadline) throw new Error(`${what}: still ${js(last)}`);
    await delay(50);
  }
}

/** Evaluates in an extension page (the options page, opened for it and closed after). */
async function inExtensionPage<T>(expression: string, wait = false): Promise<T> {
  const page = await ff.openExtensionPage('src/options/index.html');
  try {
    return wait ? await ff.waitFor<T>(page, expression, 15_000) : await ff.evaluate<T>(page, expression);
  } finally {
    await ff.closeTab(page);
  }
}

async function storedReader(): Promise<Record<string, unknown> | undefined> {
  const got = await inExtensionPage<{ settings?: { reader?: Record<string, unknown> } }>(`browser.storage.sync.get('settings')`);
  return got.settings?.reader;
}

/** The content script in the tab showing `pageUrl` answers (it loads a moment after the load event). */
async function contentScriptReady(pageUrl: string): Promise<void> {
  await inExtensionPage(
    `browser.tabs.query({}).then((tabs) => {
      const tab = tabs.find((t) => t.url === ${js(pageUrl)});
      return tab ? browser.tabs.sendMessage(tab.id, { type: 'oqy/get-status' }).then(() => true, () => false) : false;
    })`,
    true,
  );
}

async function openArticle(name: string): Promise<string> {
  let tab = tabs.get(name);
  if (!tab || !(await ff.isOpen(tab))) {
    tab = await ff.openTab(fixture(name).servedUrl);
    await ff.setViewport(tab, VIEW.width, VIEW.height);
    tabs.set(name, tab);
  }
  await contentScriptReady(fixture(name).servedUrl);
  return tab;
}

/** The popup for an article's tab, once it knows what to show. */
async function openPopup(name: string): Promise<string> {
  const popup = await ff.openExtensionPage(`src/popup/index.html?url=${encodeURIComponent(fixture(name).servedUrl)}`);
  await ff.setViewport(popup, POPUP.width, POPUP.height);
  const state = await ff.waitFor<string>(popup, `(() => { const s = ${$('main.popup')}?.dataset.state ?? 'loading'; return s !== 'loading' && s; })()`, 20_000);
  expect(state, await ff.evaluate<string>(popup, 'document.body.innerText')).toBe('article');
  return popup;
}

/** What a person does: the popup, then "Open the full reader" in it; the reader shows over the page. */
async function openReaderFromPopup(name: string): Promise<string> {
  const tab = await openArticle(name);
  if (await ff.evaluate<boolean>(tab, `!!document.getElementById('oqy-reader-host')`)) {
    await ff.activate(tab);
    await ff.overlayClick(tab, overRoot(inReader('.oqy-close')));
    await ff.waitFor(tab, `!document.getElementById('oqy-reader-host')`);
  }
  const popup = await openPopup(name);
  await ff.click(popup, $('[data-action="open-reader"]'));
  await poll(() => ff.isOpen(popup), (open) => !open, 'the popup closes itself');
  await ff.activate(tab);
  await ff.overlayWaitFor(tab, overRoot(`!!${inReader('h1[data-testid="title"]')}`), 15_000);
  await ff.waitFor(tab, READER_FONTS_SETTLED, 15_000);
  return tab;
}

const title = (tab: string) => ff.overlayEvaluate<string>(tab, overRoot(`${inReader('h1[data-testid="title"]')}.innerText`)).then(squash);
const bodyText = (tab: string) => ff.overlayEvaluate<string>(tab, overRoot(`${inReader('.oqy-body')}.innerText`)).then(squash);
const pressed = (tab: string) =>
  ff.overlayEvaluate<Record<string, string | null>>(
    tab,
    overRoot(`Object.fromEntries(Array.from(root.querySelectorAll('[data-script-choice]'), (b) => [b.getAttribute('data-script-choice'), b.getAttribute('aria-pressed')]))`),
  );
const readerHrefs = (tab: string) => ff.overlayEvaluate<string[]>(tab, overRoot(`Array.from(root.querySelectorAll('.oqy-reader a[href]'), (a) => a.getAttribute('href'))`));

/** Stores a reader-tab payload from an extension page; returns its key. */
async function storePayload(key: string, payload: unknown): Promise<string> {
  await inExtensionPage(`browser.storage.session.set({ [${js(key)}]: ${js(payload)} }).then(() => true)`);
  return key;
}

/** The reader tab for a payload, with the speech double put in before the panel opens. */
async function openReaderTab(key: string, voices: readonly VoiceDouble[] | null): Promise<string> {
  const tab = await ff.openExtensionPage(`${READER_PATH}?open=${encodeURIComponent(key)}`);
  await ff.setViewport(tab, VIEW.width, VIEW.height);
  await ff.waitFor(tab, `!!${$('.oqy-reader h1[data-testid="title"]')}`, 15_000);
  if (voices) {
    expect(await ff.evaluate(tab, `!!${$('.oqy-speech')}`), 'the panel is not open yet').toBe(false);
    await ff.evaluate(tab, speechDoubleScript(voices));
  }
  return tab;
}

const speechLog = (tab: string) => ff.evaluate<SpeechLog>(tab, SPEECH.log);
const speechState = (tab: string) => ff.evaluate<SpeechState>(tab, SPEECH.state);
const highlighted = (tab: string) => ff.evaluate<string | null>(tab, SPEECH.highlighted);
const lastUtterance = async (tab: string) => (await speechLog(tab)).utterances.at(-1);
const endUtterance = async (tab: string) => expect(await ff.evaluate(tab, SPEECH.end), 'an utterance was being spoken').toBe(true);
const voiceLine = (tab: string) =>
  ff.evaluate<{ choice: string | null; text: string }>(tab, `(() => { const l = ${$('.oqy-speech-voice')}; return { choice: l.dataset.voiceChoice ?? null, text: l.innerText.replace(/\\s+/g, ' ').trim() }; })()`);
const buttonText = (tab: string, selector: string) => ff.evaluate<string>(tab, `${$(selector)}?.innerText ?? ''`).then(squash);
const disabled = (tab: string, selector: string) => ff.evaluate<boolean>(tab, `${$(selector)}.disabled`);

async function openPanel(tab: string): Promise<void> {
  await ff.click(tab, $('[data-action="read-aloud"]'));
  await ff.waitFor(tab, `!!${$('.oqy-speech')}`);
}

/** Chooses a speed the way the list does when a person picks one (a change event). */
async function chooseRate(tab: string, rate: string): Promise<void> {
  await ff.evaluate(tab, `(() => { const s = ${$('[data-speech="rate"]')}; s.focus(); s.value = ${js(rate)}; s.dispatchEvent(new Event('change', { bubbles: true })); return true; })()`);
}

/** The reading-time parts of a library row's meta line. */
async function libraryMeta(page: string, rowSelector: string): Promise<string[]> {
  const parts = await ff.waitFor<string[]>(
    page,
    `(() => { const row = document.querySelector(${js(rowSelector)}); return row && Array.from(row.querySelectorAll('.meta > span'), (s) => s.innerText); })()`,
    20_000,
  );
  return parts.map((p) => squash(p).replace(/^·\s*/, ''));
}

let readBeforeText: string[] | null = null;

describe('Firefox: Kazakh readers — Latin script, read aloud, reading time', () => {
  beforeAll(async () => {
    if (!existsSync(resolve(DIST_FIREFOX, 'manifest.json'))) throw new Error(`${DIST_FIREFOX}/manifest.json is missing: run \`npm run build\` first`);
    mkdirSync(OUT, { recursive: true });
    server = await startFixtureServer();
    ff = await launchFirefoxWithExtension({ proxyPort: server.port });
  });

  afterAll(async () => {
    await ff?.close();
    await server?.close();
  });

  it('shows the unity article in Latin letters from the toolbar, links untouched, in the bundled font', async () => {
    const gold = fixture(UNITY).gold;
    const tab = await openReaderFromPopup(UNITY);
    expect(await pressed(tab)).toEqual({ cyrillic: 'true', latin: 'false' });
    expect(await title(tab)).toBe(gold.title);
    const cyrillicBody = await bodyText(tab);
    const linksBefore = await readerHrefs(tab);

    await ff.overlayClick(tab, overRoot(inReader('[data-script-choice="latin"]')));
    await poll(() => title(tab), (t) => t === UNITY_TITLE_LATIN, 'the title in Latin letters');
    expect(await pressed(tab)).toEqual({ cyrillic: 'false', latin: 'true' });
    expect(await ff.overlayEvaluate(tab, overRoot(`${inReader('article.oqy-article')}.getAttribute('lang')`))).toBe('kk-Latn');
    const latinBody = await bodyText(tab);
    expect(latinBody.match(CYRILLIC)?.[0] ?? null, latinBody.slice(0, 200)).toBeNull();
    expect(latinBody).toBe(toLatin2021(cyrillicBody));
    expect(latinBody).toContain('Elımızde türlı etnos ökılderı tatu-tättı ömır sürıp keledı.');
    expect(await readerHrefs(tab)).toEqual(linksBefore);
    await poll(async () => (await storedReader())?.script, (s) => s === 'latin', 'script stored');

    // The faces go into the page from bytes once the reader has asked the background for them.
    await ff.waitFor(tab, `document.fonts.load('16px "Oqy Serif"', 'ğşūİ').then((fs) => fs.some((f) => /U\\+0*100-0*2BA\\b/i.test(f.unicodeRange)))`, 15_000);
    const fonts = await ff.evaluate<{ check: boolean; checkAll: boolean; faces: { status: string; range: string }[] }>(
      tab,
      `(async () => {
        await document.fonts.ready;
        const faces = await document.fonts.load('16px "Oqy Serif"', 'ÄäĞğIıİiÑñÖöŞşŪūÜü');
        return {
          faces: faces.map((f) => ({ status: f.status, range: f.unicodeRange })),
          check: document.fonts.check('16px "Oqy Serif"', 'ğşūİ'),
          checkAll: document.fonts.check('16px "Oqy Serif"', 'ÄäĞğIıİiÑñÖöŞşŪūÜü'),
        };
      })()`,
    );
    expect(fonts.check, js(fonts)).toBe(true);
    expect(fonts.checkAll).toBe(true);
    expect(fonts.faces.every((f) => f.status === 'loaded')).toBe(true);
    expect(fonts.faces.some((f) => /U\+0*100-0*2BA\b/i.test(f.range)), js(fonts.faces)).toBe(true);
    // Drawn in the bundled face: the title is as wide in "Oqy Serif" alone as in the reader's
    // font stack, and a different width in the fallback faces (no box, no other font).
    const widths = await ff.overlayEvaluate<{ reader: number; oqy: number; fallback: number }>(
      tab,
      `(root) => {
        const h1 = ${inReader('h1[data-testid="title"]')};
        const style = getComputedStyle(h1);
        const ctx = document.createElement('canvas').getContext('2d');
        const width = (family) => { ctx.font = style.fontWeight + ' ' + style.fontSize + ' ' + family; return ctx.measureText(h1.textContent).width; };
        return { reader: width(style.fontFamily), oqy: width('"Oqy Serif"'), fallback: width('"DejaVu Serif", serif') };
      }`,
    );
    expect(widths.reader, js(widths)).toBeCloseTo(widths.oqy, 1);
    expect(Math.abs(widths.fallback - widths.oqy), js(widths)).toBeGreaterThan(5);
    await ff.screenshot(tab, resolve(OUT, 'reader-latin.png'));
  });

  it('keeps Latin after the page is reloaded, and goes back to Cyrillic', async () => {
    const gold = fixture(UNITY).gold;
    const tab = await openArticle(UNITY);
    await ff.reload(tab);
    await openReaderFromPopup(UNITY);
    expect(await title(tab)).toBe(UNITY_TITLE_LATIN);
    expect(await pressed(tab)).toEqual({ cyrillic: 'false', latin: 'true' });
    expect((await bodyText(tab)).match(CYRILLIC)).toBeNull();

    await ff.overlayClick(tab, overRoot(inReader('[data-script-choice="cyrillic"]')));
    await poll(() => title(tab), (t) => t === gold.title, 'the title in Cyrillic again');
    const body = await bodyText(tab);
    expect(body).toContain(squash(gold.text[0]));
    expect(body.match(/[äğıñöşūüİ]/)?.[0] ?? null).toBeNull();
    expect(await ff.overlayEvaluate(tab, overRoot(`${inReader('article.oqy-article')}.getAttribute('lang')`))).toBe('kk');
    await poll(async () => (await storedReader())?.script, (s) => s === 'cyrillic', 'script stored');
  });

  it('offers no script choice on the Russian dollar article, and shows it as written with Latin chosen', async () => {
    const kazakh = await openReaderFromPopup(UNITY);
    await ff.overlayClick(kazakh, overRoot(inReader('[data-script-choice="latin"]')));
    await poll(async () => (await storedReader())?.script, (s) => s === 'latin', 'script stored');

    const gold = fixture(DOLLAR).gold;
    const tab = await openReaderFromPopup(DOLLAR);
    expect(await pressed(tab)).toEqual({});
    expect(await title(tab)).toBe(gold.title);
    expect(await bodyText(tab)).toContain(squash(gold.text[0]));
    expect(await ff.overlayEvaluate(tab, overRoot(`${inReader('article.oqy-article')}.getAttribute('lang')`))).toBe('ru');
    await ff.closeTab(tab);
    tabs.delete(DOLLAR);

    // In the reader tab, Latin leaves a Russian quote, a phrase marked lang="ru", an address and code as written.
    const key = await storePayload('reader:steppe-latin', { kind: 'page', page: { html: steppePage(), url: STEPPE_URL } });
    const steppe = await openReaderTab(key, null);
    const text = squash(await ff.evaluate<string>(steppe, `${$('.oqy-body')}.innerText`));
    for (const kept of [STEPPE_RUSSIAN_QUOTE, STEPPE_MARKED_RU, STEPPE_ADDRESS, STEPPE_CODE]) expect(text).toContain(kept);
    expect(text).toContain(`Jiynğa ${STEPPE_MARKED_RU} ökılderı de qatysty. Tolyğyraq: ${STEPPE_ADDRESS} sıltemesı arqyly oquğa bolady.`);
    const rest = [STEPPE_RUSSIAN_QUOTE, STEPPE_MARKED_RU, STEPPE_ADDRESS, STEPPE_CODE].reduce((t, keep) => t.split(keep).join(' '), text);
    expect(rest.match(/\S*[\u0400-\u04ff]\S*/)?.[0] ?? null).toBeNull();
    await ff.closeTab(steppe);

    const back = await openReaderFromPopup(UNITY);
    await ff.overlayClick(back, overRoot(inReader('[data-script-choice="cyrillic"]')));
    await poll(async () => (await storedReader())?.script, (s) => s === 'cyrillic', 'script stored');
  });

  it('checks that BiDi preload scripts do not reach extension pages here (why the double goes in by evaluate)', async () => {
    const tab = await ff.openExtensionPage('src/options/index.html');
    const { script } = await ff.send<{ script: string }>('script.addPreloadScript', { functionDeclaration: speechDoublePreload([RUSSIAN_VOICE]), contexts: [tab] });
    try {
      await ff.reload(tab);
      const reached = await ff.evaluate<boolean>(tab, `'__speech' in window`);
      // If this starts failing, Firefox runs preload scripts in extension pages: use them instead.
      expect(reached).toBe(false);
    } finally {
      await ff.send('script.removePreloadScript', { script });
      await ff.closeTab(tab);
    }
  });

  it('reads the Kazakh article aloud with a Russian voice, sentence by sentence, the sentence read marked', async () => {
    const gold = fixture(UNITY).gold;
    const f = fixture(UNITY);
    const key = await storePayload('reader:unity-speech', { kind: 'page', page: { html: f.html, url: f.url } });
    const tab = await openReaderTab(key, [RUSSIAN_VOICE]);
    expect(await ff.evaluate(tab, SPEECH.hasHighlights), 'the CSS Custom Highlight API').toBe(true);
    await openPanel(tab);
    expect(await voiceLine(tab)).toEqual({ choice: 'russian-for-kazakh', text: en('readAloudRussianForKazakh', RUSSIAN_VOICE.name) });
    expect(await ff.evaluate(tab, `${$('[data-speech="fallback"]')}.checked`)).toBe(true);
    expect(await buttonText(tab, '[data-speech="play"]')).toBe(en('readAloudPlay'));
    expect(await disabled(tab, '[data-speech="play"]')).toBe(false);
    expect(await disabled(tab, '[data-speech="stop"]')).toBe(true);

    await ff.click(tab, $('[data-speech="play"]'));
    await ff.waitFor(tab, `!!${$('[data-speech="pause"]')}`);
    const sentences = unitySentences();
    const before: string[] = [];
    for (let i = 0; i < 6 && (await lastUtterance(tab))?.text !== sentences[0]; i++) {
      before.push((await lastUtterance(tab))!.text);
      await endUtterance(tab);
    }
    readBeforeText = before;
    expect(before[0], 'the title is read first').toBe(gold.title);

    const first = (await speechLog(tab)).utterances.length - 1;
    for (const [i, sentence] of sentences.slice(0, 3).entries()) {
      if (i) await endUtterance(tab);
      await poll(async () => (await lastUtterance(tab))?.text, (t) => t === sentence, `utterance ${i}`);
      expect(await lastUtterance(tab)).toEqual({ text: sentence, lang: RUSSIAN_VOICE.lang, rate: 1, voice: RUSSIAN_VOICE.name });
      expect(squash(await highlighted(tab))).toBe(sentence);
    }
    expect((await speechLog(tab)).utterances.slice(first).map((u) => u.text)).toEqual(sentences.slice(0, 3));

    await ff.click(tab, $('[data-speech="pause"]'));
    await poll(() => buttonText(tab, '[data-speech="play"]'), (t) => t === en('readAloudResume'), 'the Resume button');
    expect((await speechLog(tab)).calls.at(-1)).toBe('pause');
    expect((await speechState(tab)).paused).toBe(true);
    expect(squash(await highlighted(tab))).toBe(sentences[2]);
    await ff.screenshot(tab, resolve(OUT, 'reader-read-aloud.png'));

    await ff.click(tab, $('[data-speech="play"]'));
    await ff.waitFor(tab, `!!${$('[data-speech="pause"]')}`);
    expect((await speechLog(tab)).calls.at(-1)).toBe('resume');
    expect(await speechState(tab)).toMatchObject({ paused: false, speaking: true, current: sentences[2] });

    const spoken = (await speechLog(tab)).utterances.length;
    await chooseRate(tab, '1.5');
    await poll(async () => (await speechLog(tab)).utterances.length, (n) => n === spoken + 1, 'the sentence spoken again');
    expect((await speechLog(tab)).calls.slice(-2)).toEqual(['cancel', 'speak']);
    expect(await lastUtterance(tab)).toEqual({ text: sentences[2], lang: RUSSIAN_VOICE.lang, rate: 1.5, voice: RUSSIAN_VOICE.name });
    expect(squash(await highlighted(tab))).toBe(sentences[2]);
    await delay(100);
    expect((await speechState(tab)).current).toBe(sentences[2]);
    await endUtterance(tab);
    await poll(async () => (await lastUtterance(tab))?.text, (t) => t === sentences[3], 'the next sentence');
    expect((await lastUtterance(tab))?.rate).toBe(1.5);
    expect(squash(await highlighted(tab))).toBe(sentences[3]);
    await poll(async () => (await storedReader())?.speechRate, (r) => r === 1.5, 'rate stored');

    await ff.click(tab, $('[data-speech="stop"]'));
    await poll(() => highlighted(tab), (h) => h === null, 'the mark cleared');
    expect((await speechLog(tab)).calls.at(-1)).toBe('cancel');
    expect(await speechState(tab)).toMatchObject({ speaking: false, pending: 0 });
    expect(await buttonText(tab, '[data-speech="play"]')).toBe(en('readAloudPlay'));
    expect(await disabled(tab, '[data-speech="stop"]')).toBe(true);

    await chooseRate(tab, '1');
    await poll(async () => (await storedReader())?.speechRate, (r) => r === 1, 'rate stored');
    await ff.closeTab(tab);
  });

  /* Only the title and the text are read, as in Chromium. */
  it('reads the title and then the text: not the meta line or the links', () => {
    expect(readBeforeText, 'recorded by the read-aloud test above').not.toBeNull();
    expect(readBeforeText).toEqual([fixture(UNITY).gold.title]);
  });

  it('says so and does not read when the Russian fallback is off; uses a Kazakh voice where there is one', async () => {
    const gold = fixture(UNITY).gold;
    const f = fixture(UNITY);
    const key = await storePayload('reader:unity-voices', { kind: 'page', page: { html: f.html, url: f.url } });
    const tab = await openReaderTab(key, [RUSSIAN_VOICE, ENGLISH_VOICE]);
    await openPanel(tab);
    expect((await voiceLine(tab)).choice).toBe('russian-for-kazakh');

    await ff.click(tab, $('[data-speech="fallback"]'));
    await poll(() => voiceLine(tab), (v) => v.choice === 'none', 'the declined statement');
    expect((await voiceLine(tab)).text).toBe(en('readAloudDeclined'));
    expect(await disabled(tab, '[data-speech="play"]')).toBe(true);
    await poll(async () => (await storedReader())?.kazakhVoiceFallback, (v) => v === 'none', 'fallback stored');
    expect((await speechLog(tab)).utterances).toEqual([]);

    // A Kazakh voice arrives (voiceschanged): it reads, the fallback is not offered.
    await ff.evaluate(tab, SPEECH.setVoices([RUSSIAN_VOICE, KAZAKH_VOICE, ENGLISH_VOICE]));
    await poll(() => voiceLine(tab), (v) => v.choice === 'native', 'the native statement');
    expect((await voiceLine(tab)).text).toBe(en('readAloudVoice', KAZAKH_VOICE.name));
    expect(await ff.evaluate(tab, `!!${$('[data-speech="fallback"]')}`)).toBe(false);
    await ff.click(tab, $('[data-speech="play"]'));
    await poll(async () => (await lastUtterance(tab))?.text, (t) => t === gold.title, 'the title read');
    expect(await lastUtterance(tab)).toEqual({ text: gold.title, lang: KAZAKH_VOICE.lang, rate: 1, voice: KAZAKH_VOICE.name });
    await ff.click(tab, $('[data-speech="stop"]'));

    // No voice at all, the fallback on again: the reason is given.
    await ff.evaluate(tab, SPEECH.setVoices([]));
    await poll(() => ff.evaluate(tab, `!!${$('[data-speech="fallback"]')}`), (v) => v === true, 'the fallback offered again');
    await ff.click(tab, $('[data-speech="fallback"]'));
    await poll(() => voiceLine(tab), (v) => v.text === en('readAloudNoKazakh'), 'the no-voice statement');
    expect(await disabled(tab, '[data-speech="play"]')).toBe(true);
    await poll(async () => (await storedReader())?.kazakhVoiceFallback, (v) => v === 'russian', 'fallback stored');
    await ff.closeTab(tab);
  });

  it('reads a Russian article with the Russian voice', async () => {
    const gold = fixture(DOLLAR).gold;
    const f = fixture(DOLLAR);
    const key = await storePayload('reader:dollar-speech', { kind: 'page', page: { html: f.html, url: f.url } });
    const tab = await openReaderTab(key, [ENGLISH_VOICE, KAZAKH_VOICE, RUSSIAN_VOICE]);
    await openPanel(tab);
    expect(await voiceLine(tab)).toEqual({ choice: 'native', text: en('readAloudVoice', RUSSIAN_VOICE.name) });
    await ff.click(tab, $('[data-speech="play"]'));
    await poll(async () => (await lastUtterance(tab))?.text, (t) => t === gold.title, 'the title read');
    const sentence = squash(gold.text[0]);
    for (let i = 0; i < 6 && (await lastUtterance(tab))?.text !== sentence; i++) await endUtterance(tab);
    expect(await lastUtterance(tab)).toEqual({ text: sentence, lang: RUSSIAN_VOICE.lang, rate: 1, voice: RUSSIAN_VOICE.name });
    expect(squash(await highlighted(tab))).toBe(sentence);
    await ff.click(tab, $('[data-speech="stop"]'));
    await ff.closeTab(tab);
  });

  it("shows the same reading time in the popup, the reader and the library: words ÷ the language's speed", async () => {
    for (const name of [UNITY, DOLLAR]) {
      const gold = fixture(name).gold;
      const tab = await openReaderFromPopup(name);
      const words = countWords(await ff.overlayEvaluate<string>(tab, overRoot(`${inReader('.oqy-body')}.textContent`)));
      const shown = en('popupReadingMinutes', String(minutesFor(words, gold.lang)));
      expect(squash(await ff.overlayEvaluate<string>(tab, overRoot(`${inReader('.meta [data-testid="reading-time"]')}.innerText`))), `${name}: ${words} words`).toBe(shown);
      await ff.overlayClick(tab, overRoot(inReader('.oqy-close')));

      const popup = await openPopup(name);
      expect(squash(await ff.evaluate<string>(popup, `${$('[data-testid="reading-time"]')}.innerText`)), `${name} in the popup`).toBe(shown);
      await ff.click(popup, $('[data-action="save"]'));
      await ff.waitFor(popup, `${$('.save-status')}?.dataset.saveState === 'done'`, 30_000);
      await ff.closeTab(popup);
      await ff.closeTab(tab);
      tabs.delete(name);

      const library = await ff.openExtensionPage(LIBRARY_PATH);
      expect(await libraryMeta(library, `[data-article-id="${gold.url}"]`), `${name} in the library`).toContain(shown);
      await ff.closeTab(library);
    }
  });

  it("gives a long Kazakh page Kazakh's minutes, not Russian's, in the reader tab and the library", async () => {
    const key = await storePayload('reader:steppe-time', { kind: 'page', page: { html: steppePage(), url: STEPPE_URL } });
    const tab = await openReaderTab(key, null);
    expect(squash(await ff.evaluate<string>(tab, `${$('h1[data-testid="title"]')}.innerText`))).toBe(STEPPE_TITLE);
    const words = countWords(await ff.evaluate<string>(tab, `${$('.oqy-body')}.textContent`));
    expect(words).toBeGreaterThanOrEqual(913);
    expect(words).toBeLessThan(1012);
    expect([minutesFor(words, 'kk'), minutesFor(words, 'ru')]).toEqual([6, 5]);
    const shown = en('popupReadingMinutes', '6');
    expect(squash(await ff.evaluate<string>(tab, `${$('.meta [data-testid="reading-time"]')}.innerText`))).toBe(shown);
    await ff.click(tab, $('[data-action="save"]'));
    await ff.waitFor(tab, `${$('.oqy-save-status')}?.dataset.saveState === 'done'`, 30_000);
    await ff.closeTab(tab);

    const library = await ff.openExtensionPage(LIBRARY_PATH);
    const id = await ff.waitFor<string>(
      library,
      `Array.from(document.querySelectorAll('[data-article-id]')).find((r) => r.querySelector('h2')?.textContent.includes(${js(STEPPE_TITLE)}))?.dataset.articleId`,
      20_000,
    );
    expect(await libraryMeta(library, `[data-article-id="${id}"]`)).toContain(shown);
    await ff.closeTab(library);
  });
});
