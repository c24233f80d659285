/**
 * For Kazakh readers, in Chromium: the article in the 2021 Latin alphabet (chosen in the
 * in-page reader's toolbar, kept after a reload, undone; never offered on a Russian article;
 * Russian blocks, other languages, addresses and code left as written), read aloud (in the
 * reader tab, an extension page, with a test double for speech synthesis put in before the
 * page's scripts run), and the reading time in the popup, the reader and the library, computed
 * again here from the words shown.
 *
 * Read aloud is tested in the reader tab, not in the in-page reader: there the reader runs in the
 * content script's isolated world, which nothing the page or the test puts in the page's world
 * can reach. In the tab it runs in the page's own world; Playwright's page.addInitScript (CDP
 * Page.addScriptToEvaluateOnNewDocument) does reach chrome-extension:// pages, and the double
 * records that it was installed while the document was still loading.
 *
 * The tests share one profile and run in order. Needs `npm run build`. Screenshots go to
 * test-output/chromium/ (reader-latin.png at 1100×800 is the README's).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { OverlayLocator, overlayIn, withOverlayObject } from '../harness/chromium-overlay.ts';
import { READER_FONTS_SETTLED } from '../harness/reader-fonts.ts';
import { startFixtureServer, type FixtureServer } from '../harness/fixture-server.ts';
import { launchChromiumWithExtension, tabIdFor, waitForToolbarTitle, type ChromiumWithExtension } from '../harness/chromium.ts';
import { ENGLISH_VOICE, KAZAKH_VOICE, RUSSIAN_VOICE, SPEECH, speechDoubleScript, type SpeechLog, type SpeechState, type VoiceDouble } from '../harness/speech-double.ts';
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
  STEPPE_TITLE_LATIN,
  STEPPE_URL,
  UNITY,
  UNITY_TITLE_LATIN,
  WPM,
  countWords,
  en,
  fixture,
  minutesFor,
  squash,
  steppePage,
  unitySentences,
} from '../harness/kazakh-check.ts';
import { LATIN_2021_TABLE, toLatin2021 } from '../../src/core/translit/kazakh-latin.ts';
import { WORDS_PER_MINUTE } from '../../src/core/text/reading-time.ts';

const OUT = resolve(import.meta.dirname, '../../test-output/chromium');
const VIEW = { width: 1100, height: 800 };

/** The extension APIs used inside the service worker (these functions run there, not in Node). */
declare const chrome: {
  storage: {
    sync: { get(key: string): Promise<Record<string, unknown>> };
    session: { set(items: Record<string, unknown>): Promise<void> };
  };
};

interface StoredReader {
  script: string;
  speechRate: number;
  kazakhVoiceFallback: string;
}

let server: FixtureServer;
let browser: ChromiumWithExtension;
const tabs = new Map<string, Page>();

function storedReader(): Promise<StoredReader | undefined> {
  return browser.worker.evaluate(async () => ((await chrome.storage.sync.get('settings')).settings as { reader?: StoredReader } | undefined)?.reader);
}

/** A Qazaq24 fixture in a tab of its own (opened once), its toolbar button lit. */
async function openArticle(name: string): Promise<{ page: Page; tabId: number }> {
  const f = fixture(name);
  let page = tabs.get(name);
  if (!page || page.isClosed()) {
    page = await browser.context.newPage();
    await page.setViewportSize(VIEW);
    expect((await page.goto(f.servedUrl))?.status()).toBe(200);
    tabs.set(name, page);
  }
  await waitForToolbarTitle(browser.worker, f.servedUrl, [en('actionTitleReady')]);
  return { page, tabId: await tabIdFor(browser.worker, f.servedUrl) };
}

async function openPopup(tabId: number): Promise<Page> {
  const popup = await browser.context.newPage();
  await popup.setViewportSize({ width: 460, height: 640 });
  await popup.goto(browser.popupUrl({ tab: tabId }));
  await popup.locator('main.popup:not([data-state="loading"])').waitFor({ timeout: 30_000 });
  expect(await popup.locator('main.popup').getAttribute('data-state'), await popup.locator('body').innerText()).toBe('article');
  return popup;
}

/** The reader inside the host's closed shadow root (read through the DevTools protocol, as only a test can). */
const readerIn = (page: Page): OverlayLocator => overlayIn(page).locator('.oqy-reader');

/** The popup's "Open the full reader", as a person presses it; the reader shows over the page. */
async function openReaderFromPopup(name: string): Promise<{ page: Page; reader: OverlayLocator }> {
  const { page, tabId } = await openArticle(name);
  if (await page.locator('#oqy-reader-host').count()) {
    await readerIn(page).locator('.oqy-close').click();
    await expect.poll(() => page.locator('#oqy-reader-host').count()).toBe(0);
  }
  const popup = await openPopup(tabId);
  const closed = popup.waitForEvent('close', { timeout: 15_000 });
  await popup.locator('[data-action="open-reader"]').click();
  await closed;
  const reader = readerIn(page);
  await reader.locator('h1[data-testid="title"]').waitFor({ timeout: 15_000 });
  await page.bringToFront();
  await page.waitForFunction(READER_FONTS_SETTLED, undefined, { timeout: 15_000 });
  return { page, reader };
}

/** The fonts the renderer really drew the text of the reader's first `selector` with (DevTools' "Rendered fonts"). */
async function renderedFonts(page: Page, selector: string): Promise<Array<{ familyName: string; isCustomFont: boolean; glyphCount: number }>> {
  return withOverlayObject(page, new Function('root', `return root?.querySelector(${JSON.stringify(selector)}) ?? null;`) as (root: ShadowRoot | null) => Element | null, async (cdp, objectId) => {
    if (!objectId) throw new Error(`${selector} found no node in the reader`);
    await cdp.send('CSS.enable');
    const { nodeId } = (await cdp.send('DOM.requestNode', { objectId })) as { nodeId: number };
    return ((await cdp.send('CSS.getPlatformFontsForNode', { nodeId })) as { fonts: Array<{ familyName: string; isCustomFont: boolean; glyphCount: number }> }).fonts;
  });
}

/** Every address a link in the reader points to, in order. */
const hrefs = (reader: Locator | OverlayLocator): Promise<(string | null)[]> =>
  reader instanceof OverlayLocator
    ? reader.locator('a[href]').evaluateAll((links) => links.map((a) => a.getAttribute('href')))
    : reader.locator('a[href]').evaluateAll((links) => links.map((a) => a.getAttribute('href')));

/** Stores a reader-tab payload from the extension's service worker; returns its key. */
async function storePayload(key: string, payload: unknown): Promise<string> {
  await browser.worker.evaluate(([k, p]) => chrome.storage.session.set({ [k as string]: p }), [key, payload] as const);
  return key;
}

/**
 * The reader tab for a stored payload, with the speech double installed before the page's own
 * scripts (page.addInitScript runs it in every new document of this page, extension pages too).
 */
async function openReaderTab(key: string, voices: readonly VoiceDouble[] | null): Promise<Page> {
  const tab = await browser.context.newPage();
  await tab.setViewportSize(VIEW);
  if (voices) await tab.addInitScript({ content: speechDoubleScript(voices) });
  await tab.goto(browser.extensionUrl(READER_PATH, { open: key }));
  await tab.locator('.oqy-reader h1[data-testid="title"]').waitFor({ timeout: 15_000 });
  if (voices) expect((await speechLog(tab)).installedAt, 'the double went in before the page had loaded').toBe('loading');
  return tab;
}

const speechLog = (tab: Page) => tab.evaluate(SPEECH.log) as Promise<SpeechLog>;
const speechState = (tab: Page) => tab.evaluate(SPEECH.state) as Promise<SpeechState>;
const highlighted = (tab: Page) => tab.evaluate(SPEECH.highlighted) as Promise<string | null>;
/** The sentence being read ends; the reader goes on to the next. */
const endUtterance = async (tab: Page) => expect(await tab.evaluate(SPEECH.end), 'an utterance was being spoken').toBe(true);
const lastUtterance = async (tab: Page) => (await speechLog(tab)).utterances.at(-1);

/** The read-aloud panel's voice line: which choice, and what it says. */
async function voiceLine(tab: Page): Promise<{ choice: string | null; text: string }> {
  const line = tab.locator('.oqy-speech-voice');
  return { choice: await line.getAttribute('data-voice-choice'), text: squash(await line.innerText()) };
}

async function openPanel(tab: Page): Promise<void> {
  await tab.locator('[data-action="read-aloud"]').click();
  await tab.locator('.oqy-speech').waitFor();
  expect(await tab.locator('[data-action="read-aloud"]').getAttribute('aria-expanded')).toBe('true');
}

/** Set by the read-aloud test: what was read before the first sentence of the article's text. */
let readBeforeText: string[] | null = null;

describe('Chromium: Kazakh readers — Latin script, read aloud, reading time', () => {
  beforeAll(async () => {
    mkdirSync(OUT, { recursive: true });
    server = await startFixtureServer();
    browser = await launchChromiumWithExtension({ serverPort: server.port, extraHosts: ['news.example.test'] });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows the unity article in Latin letters from the toolbar, links untouched, in the bundled font', async () => {
    const gold = fixture(UNITY).gold;
    const { page, reader } = await openReaderFromPopup(UNITY);
    const title = reader.locator('h1[data-testid="title"]');
    const body = reader.locator('.oqy-body[data-testid="body"]');
    const choice = (value: string) => reader.locator(`[data-script-choice="${value}"]`);

    // Cyrillic, as the article is written, is where it starts.
    expect(await reader.locator('[data-script-choice]').count()).toBe(2);
    expect(await choice('cyrillic').getAttribute('aria-pressed')).toBe('true');
    expect(await choice('latin').getAttribute('aria-label')).toBe(en('scriptLatinName'));
    expect(squash(await title.innerText())).toBe(gold.title);
    const cyrillicBody = squash(await body.innerText());
    const linksBefore = await hrefs(reader);

    await choice('latin').click();
    await expect.poll(async () => squash(await title.innerText())).toBe(UNITY_TITLE_LATIN);
    expect(squash(await title.innerText())).toBe(toLatin2021(gold.title));
    expect(await choice('latin').getAttribute('aria-pressed')).toBe('true');
    expect(await choice('cyrillic').getAttribute('aria-pressed')).toBe('false');
    expect(await reader.locator('article.oqy-article').getAttribute('lang')).toBe('kk-Latn');

    const latinBody = squash(await body.innerText());
    // No Cyrillic letter left in the text (the article has no Russian block).
    expect(latinBody.match(CYRILLIC)?.[0] ?? null, latinBody.slice(0, 200)).toBeNull();
    // Letter for letter what the table gives, word boundaries and punctuation kept.
    expect(latinBody).toBe(toLatin2021(cyrillicBody));
    expect(latinBody).toContain(squash(toLatin2021(gold.text[0]!)));
    expect(latinBody).toContain('Elımızde türlı etnos ökılderı tatu-tättı ömır sürıp keledı.');
    // Every letter of the table that has a Latin form appears somewhere (ä ğ ı ñ ö ş ū ü).
    for (const letter of ['ä', 'ğ', 'ı', 'ñ', 'ö', 'ş', 'ū', 'ü']) expect(latinBody, letter).toContain(letter);
    expect(await hrefs(reader), 'links point where they did').toEqual(linksBefore);
    await expect.poll(async () => (await storedReader())?.script).toBe('latin');

    // The Latin letters in the bundled face: loaded for them, and the one drawn. The faces go
    // into the page from bytes once the reader has asked the background for them.
    await expect
      .poll(() => page.evaluate(async () => (await document.fonts.load('16px "Oqy Serif"', 'ğşūİ')).some((f) => /U\+0*100-0*2BA\b/i.test(f.unicodeRange))), {
        timeout: 15_000,
        message: 'the latin-ext face of "Oqy Serif" in the page',
      })
      .toBe(true);
    const fonts = await page.evaluate(async () => {
      await document.fonts.ready;
      const faces = await document.fonts.load('16px "Oqy Serif"', 'ÄäĞğIıİiÑñÖöŞşŪūÜü');
      return {
        faces: faces.map((f) => ({ status: f.status, range: f.unicodeRange })),
        check: document.fonts.check('16px "Oqy Serif"', 'ğşūİ'),
        checkAll: document.fonts.check('16px "Oqy Serif"', 'ÄäĞğIıİiÑñÖöŞşŪūÜü'),
      };
    });
    expect(fonts.check, JSON.stringify(fonts)).toBe(true);
    expect(fonts.checkAll).toBe(true);
    expect(fonts.faces.every((f) => f.status === 'loaded')).toBe(true);
    // ğ ş ū İ live in the latin-ext file (U+0100-02BA): that file was loaded.
    expect(fonts.faces.some((f) => /U\+0*100-0*2BA\b/i.test(f.range)), JSON.stringify(fonts.faces)).toBe(true);
    for (const selector of ['h1[data-testid="title"]', '.oqy-body p']) {
      const drawn = await renderedFonts(page, selector);
      // Only PT Serif drew the text: no fallback face (no boxes, no look-alike from another font).
      expect(drawn.length, `${selector}: ${JSON.stringify(drawn)}`).toBeGreaterThan(0);
      expect(drawn.every((f) => f.isCustomFont && /PT Serif/i.test(f.familyName)), `${selector}: ${JSON.stringify(drawn)}`).toBe(true);
    }
    expect(page.viewportSize()).toEqual(VIEW);
    await page.screenshot({ path: resolve(OUT, 'reader-latin.png') });
  });

  it('keeps Latin after the page is reloaded, and goes back to Cyrillic', async () => {
    const gold = fixture(UNITY).gold;
    const { page } = await openArticle(UNITY);
    await page.reload();
    const { reader } = await openReaderFromPopup(UNITY);
    const title = reader.locator('h1[data-testid="title"]');
    expect(squash(await title.innerText())).toBe(UNITY_TITLE_LATIN);
    expect(await reader.locator('[data-script-choice="latin"]').getAttribute('aria-pressed')).toBe('true');
    expect(squash(await reader.locator('.oqy-body').innerText()).match(CYRILLIC)).toBeNull();

    await reader.locator('[data-script-choice="cyrillic"]').click();
    await expect.poll(async () => squash(await title.innerText())).toBe(gold.title);
    const body = squash(await reader.locator('.oqy-body').innerText());
    expect(body).toContain(squash(gold.text[0]));
    expect(body).toContain(squash(gold.text.at(-1)));
    expect(body.match(/[äğıñöşūüİ]/)?.[0] ?? null).toBeNull();
    expect(await reader.locator('article.oqy-article').getAttribute('lang')).toBe('kk');
    await expect.poll(async () => (await storedReader())?.script).toBe('cyrillic');
  });

  it('offers no script choice on the Russian dollar article, and shows it as written with Latin chosen', async () => {
    // Latin chosen on a Kazakh article first.
    const { reader: kazakh } = await openReaderFromPopup(UNITY);
    await kazakh.locator('[data-script-choice="latin"]').click();
    await expect.poll(async () => (await storedReader())?.script).toBe('latin');

    const gold = fixture(DOLLAR).gold;
    const { page, reader } = await openReaderFromPopup(DOLLAR);
    expect(await reader.locator('[data-script-choice]').count()).toBe(0);
    expect(await reader.locator(`[role="toolbar"] [role="group"][aria-label="${en('readerScript')}"]`).count()).toBe(0);
    expect(squash(await reader.locator('h1[data-testid="title"]').innerText())).toBe(gold.title);
    expect(squash(await reader.locator('.oqy-body').innerText())).toContain(squash(gold.text[0]));
    expect(await reader.locator('article.oqy-article').getAttribute('lang')).toBe('ru');
    await reader.locator('.oqy-close').click();
    await page.close();
    tabs.delete(DOLLAR);
  });

  it('in Latin, leaves a Russian quote, a phrase marked as Russian, an address and code as written (reader tab)', async () => {
    expect((await storedReader())?.script, 'Latin, as the test above left it').toBe('latin');
    const key = await storePayload('reader:steppe-latin', { kind: 'page', page: { html: steppePage(), url: STEPPE_URL } });
    const tab = await openReaderTab(key, null);
    const reader = tab.locator('.oqy-reader');
    expect(squash(await reader.locator('h1[data-testid="title"]').innerText())).toBe(STEPPE_TITLE_LATIN);
    const body = reader.locator('.oqy-body');
    const text = squash(await body.innerText());
    expect(text).toContain(STEPPE_RUSSIAN_QUOTE);
    expect(text).toContain(STEPPE_MARKED_RU);
    expect(text).toContain(STEPPE_ADDRESS);
    expect(await body.locator('code').innerText()).toBe(STEPPE_CODE);
    // Around them, the Kazakh is in Latin letters.
    expect(text).toContain(`Jiynğa ${STEPPE_MARKED_RU} ökılderı de qatysty. Tolyğyraq: ${STEPPE_ADDRESS} sıltemesı arqyly oquğa bolady.`);
    expect(text).toContain(`Bağdarlamaşylar mūrağatty ${STEPPE_CODE} funktsiiasymen öñdeidı.`);
    // Nothing else is left in Cyrillic.
    const rest = [STEPPE_RUSSIAN_QUOTE, STEPPE_MARKED_RU, STEPPE_ADDRESS, STEPPE_CODE].reduce((t, keep) => t.split(keep).join(' '), text);
    expect(rest.match(/\S*[\u0400-\u04ff]\S*/)?.[0] ?? null).toBeNull();
    await tab.screenshot({ path: resolve(OUT, 'reader-tab-latin-kept.png') });
    await tab.close();

    // Back to Cyrillic for the tests below.
    const { reader: inPage } = await openReaderFromPopup(UNITY);
    await inPage.locator('[data-script-choice="cyrillic"]').click();
    await expect.poll(async () => (await storedReader())?.script).toBe('cyrillic');
  });

  it('reads the Kazakh article aloud with a Russian voice, sentence by sentence, the sentence read marked', async () => {
    const gold = fixture(UNITY).gold;
    const f = fixture(UNITY);
    const key = await storePayload('reader:unity-speech', { kind: 'page', page: { html: f.html, url: f.url } });
    const tab = await openReaderTab(key, [RUSSIAN_VOICE]);
    expect(await tab.evaluate(SPEECH.hasHighlights), 'the CSS Custom Highlight API').toBe(true);
    await openPanel(tab);

    // Only a Russian voice, and the fallback on (the default): said plainly.
    expect(await voiceLine(tab)).toEqual({ choice: 'russian-for-kazakh', text: en('readAloudRussianForKazakh', RUSSIAN_VOICE.name) });
    expect(await tab.locator('[data-speech="fallback"]').isChecked()).toBe(true);
    const play = tab.locator('[data-speech="play"]');
    expect(await play.isEnabled()).toBe(true);
    expect(squash(await play.innerText())).toBe(en('readAloudPlay'));
    expect(await tab.locator('[data-speech="stop"]').isDisabled()).toBe(true);
    expect(await highlighted(tab)).toBeNull();

    await play.click();
    await tab.locator('[data-speech="pause"]').waitFor();
    const sentences = unitySentences();
    // What is read before the text's first sentence (the title, and more: see the known-bug test).
    const before: string[] = [];
    for (let i = 0; i < 6 && (await lastUtterance(tab))?.text !== sentences[0]; i++) {
      before.push((await lastUtterance(tab))!.text);
      await endUtterance(tab);
    }
    readBeforeText = before;
    expect(before[0], 'the title is read first').toBe(gold.title);

    // Then the text, a sentence at a time, in order; the mark on the sentence being read.
    const first = (await speechLog(tab)).utterances.length - 1;
    for (const [i, sentence] of sentences.slice(0, 3).entries()) {
      if (i) await endUtterance(tab);
      await expect.poll(async () => (await lastUtterance(tab))?.text).toBe(sentence);
      expect(await lastUtterance(tab)).toEqual({ text: sentence, lang: RUSSIAN_VOICE.lang, rate: 1, voice: RUSSIAN_VOICE.name });
      expect(squash(await highlighted(tab))).toBe(sentence);
    }
    expect((await speechLog(tab)).utterances.slice(first).map((u) => u.text)).toEqual(sentences.slice(0, 3));

    // Pause: the synthesizer is paused, the button offers to resume, the mark stays.
    await tab.locator('[data-speech="pause"]').click();
    await expect.poll(async () => squash(await play.innerText())).toBe(en('readAloudResume'));
    expect((await speechLog(tab)).calls.at(-1)).toBe('pause');
    expect((await speechState(tab)).paused).toBe(true);
    expect(squash(await highlighted(tab))).toBe(sentences[2]);
    expect(await tab.locator('[data-speech="stop"]').isEnabled()).toBe(true);
    await tab.screenshot({ path: resolve(OUT, 'reader-read-aloud.png') });

    // Resume: the same sentence goes on.
    await play.click();
    await tab.locator('[data-speech="pause"]').waitFor();
    expect((await speechLog(tab)).calls.at(-1)).toBe('resume');
    expect(await speechState(tab)).toMatchObject({ paused: false, speaking: true, current: sentences[2] });

    // A new speed: the sentence being read starts again at it.
    const spoken = (await speechLog(tab)).utterances.length;
    await tab.locator('[data-speech="rate"]').selectOption('1.5');
    await expect.poll(async () => (await speechLog(tab)).utterances.length).toBe(spoken + 1);
    expect((await speechLog(tab)).calls.slice(-2)).toEqual(['cancel', 'speak']);
    expect(await lastUtterance(tab)).toEqual({ text: sentences[2], lang: RUSSIAN_VOICE.lang, rate: 1.5, voice: RUSSIAN_VOICE.name });
    expect(squash(await highlighted(tab))).toBe(sentences[2]);
    await expect.poll(async () => (await storedReader())?.speechRate).toBe(1.5);
    // The interrupted utterance's error does not stop the reading or skip a sentence.
    await tab.waitForTimeout(100);
    expect((await speechState(tab)).current).toBe(sentences[2]);
    await endUtterance(tab);
    await expect.poll(async () => (await lastUtterance(tab))?.text).toBe(sentences[3]);
    expect((await lastUtterance(tab))?.rate).toBe(1.5);
    expect(squash(await highlighted(tab))).toBe(sentences[3]);

    // Stop: cancelled, the mark gone, back to the start.
    await tab.locator('[data-speech="stop"]').click();
    await expect.poll(() => highlighted(tab)).toBeNull();
    expect((await speechLog(tab)).calls.at(-1)).toBe('cancel');
    expect(await speechState(tab)).toMatchObject({ speaking: false, pending: 0 });
    expect(squash(await play.innerText())).toBe(en('readAloudPlay'));
    expect(await tab.locator('[data-speech="stop"]').isDisabled()).toBe(true);

    await tab.locator('[data-speech="rate"]').selectOption('1');
    await expect.poll(async () => (await storedReader())?.speechRate).toBe(1);
    await tab.close();
  });

  /* Only the title and the text are read: the meta line and the links are the interface, not the article. */
  it('reads the title and then the text: not the meta line or the links', () => {
    expect(readBeforeText, 'recorded by the read-aloud test above').not.toBeNull();
    expect(readBeforeText).toEqual([fixture(UNITY).gold.title]);
  });

  it('says so and does not read when the Russian fallback is off; says so when there is no voice at all', async () => {
    const f = fixture(UNITY);
    const key = await storePayload('reader:unity-fallback', { kind: 'page', page: { html: f.html, url: f.url } });
    const tab = await openReaderTab(key, [RUSSIAN_VOICE, ENGLISH_VOICE]);
    await openPanel(tab);
    expect((await voiceLine(tab)).choice).toBe('russian-for-kazakh');
    const fallback = tab.locator('[data-speech="fallback"]');
    expect(squash(await tab.locator('label', { has: fallback }).innerText())).toBe(en('readAloudFallbackRussian'));

    await fallback.uncheck();
    await expect.poll(async () => (await voiceLine(tab)).choice).toBe('none');
    expect((await voiceLine(tab)).text).toBe(en('readAloudDeclined'));
    expect(await tab.locator('[data-speech="play"]').isDisabled()).toBe(true);
    await expect.poll(async () => (await storedReader())?.kazakhVoiceFallback).toBe('none');
    await tab.locator('[data-speech="play"]').click({ force: true });
    expect((await speechLog(tab)).utterances).toEqual([]);

    // The voices go away (voiceschanged): still nothing read, and the reason given.
    await fallback.check();
    await expect.poll(async () => (await voiceLine(tab)).choice).toBe('russian-for-kazakh');
    await tab.evaluate(SPEECH.setVoices([]));
    await expect.poll(async () => (await voiceLine(tab)).text).toBe(en('readAloudNoKazakh'));
    expect((await voiceLine(tab)).choice).toBe('none');
    expect(await tab.locator('[data-speech="play"]').isDisabled()).toBe(true);
    await expect.poll(async () => (await storedReader())?.kazakhVoiceFallback).toBe('russian');
    await tab.close();
  });

  it('reads with a Kazakh voice where the system has one', async () => {
    const gold = fixture(UNITY).gold;
    const f = fixture(UNITY);
    const key = await storePayload('reader:unity-kk-voice', { kind: 'page', page: { html: f.html, url: f.url } });
    const tab = await openReaderTab(key, [RUSSIAN_VOICE, KAZAKH_VOICE, ENGLISH_VOICE]);
    await openPanel(tab);
    expect(await voiceLine(tab)).toEqual({ choice: 'native', text: en('readAloudVoice', KAZAKH_VOICE.name) });
    expect(await tab.locator('[data-speech="fallback"]').count(), 'no fallback to offer').toBe(0);
    await tab.locator('[data-speech="play"]').click();
    await expect.poll(async () => (await lastUtterance(tab))?.text).toBe(gold.title);
    expect(await lastUtterance(tab)).toEqual({ text: gold.title, lang: KAZAKH_VOICE.lang, rate: 1, voice: KAZAKH_VOICE.name });
    expect(squash(await highlighted(tab))).toBe(gold.title);
    await tab.locator('[data-speech="stop"]').click();
    await expect.poll(() => highlighted(tab)).toBeNull();
    await tab.close();
  });

  it('reads a Russian article with the Russian voice, once the system has loaded its voices', async () => {
    const gold = fixture(DOLLAR).gold;
    const f = fixture(DOLLAR);
    const key = await storePayload('reader:dollar-speech', { kind: 'page', page: { html: f.html, url: f.url } });
    // Voices come late on many systems: none at first, then voiceschanged.
    const tab = await openReaderTab(key, []);
    await openPanel(tab);
    expect(await voiceLine(tab)).toEqual({ choice: 'none', text: en('readAloudNoRussian') });
    expect(await tab.locator('[data-speech="fallback"]').count(), 'the fallback is for Kazakh only').toBe(0);
    await tab.evaluate(SPEECH.setVoices([ENGLISH_VOICE, KAZAKH_VOICE, RUSSIAN_VOICE]));
    await expect.poll(() => voiceLine(tab)).toEqual({ choice: 'native', text: en('readAloudVoice', RUSSIAN_VOICE.name) });
    await tab.locator('[data-speech="play"]').click();
    await expect.poll(async () => (await lastUtterance(tab))?.text).toBe(gold.title);
    expect(await lastUtterance(tab)).toMatchObject({ lang: RUSSIAN_VOICE.lang, voice: RUSSIAN_VOICE.name, rate: 1 });
    // Through to the text: its first sentence, in the Russian voice.
    const sentence = squash(gold.text[0]);
    for (let i = 0; i < 6 && (await lastUtterance(tab))?.text !== sentence; i++) await endUtterance(tab);
    expect(await lastUtterance(tab)).toEqual({ text: sentence, lang: RUSSIAN_VOICE.lang, rate: 1, voice: RUSSIAN_VOICE.name });
    expect(squash(await highlighted(tab))).toBe(sentence);
    await tab.locator('[data-speech="stop"]').click();
    await tab.close();
  });

  it('shows the same reading time in the popup, the reader and the library: words ÷ the language\'s speed', async () => {
    expect(WORDS_PER_MINUTE, 'the speeds in docs/reading-time.md').toEqual(WPM);
    for (const name of [UNITY, DOLLAR]) {
      const gold = fixture(name).gold;
      const { page, reader } = await openReaderFromPopup(name);
      const words = countWords(await reader.locator('.oqy-body').evaluate((el) => el.textContent ?? ''));
      const minutes = minutesFor(words, gold.lang);
      const shown = en('popupReadingMinutes', String(minutes));
      expect(squash(await reader.locator('.meta [data-testid="reading-time"]').innerText()), `${name}: ${words} words`).toBe(shown);
      await reader.locator('.oqy-close').click();

      const popup = await openPopup(await tabIdFor(browser.worker, fixture(name).servedUrl));
      expect(squash(await popup.locator('[data-testid="reading-time"]').innerText()), `${name} in the popup`).toBe(shown);
      await popup.locator('[data-action="save"]').click();
      await popup.locator('.save-status[data-save-state="done"]').waitFor({ timeout: 30_000 });
      await popup.close();
      await page.close();
      tabs.delete(name);

      const library = await browser.context.newPage();
      await library.goto(browser.extensionUrl(LIBRARY_PATH));
      const row = library.locator(`[data-article-id="${gold.url}"]`);
      await row.waitFor({ timeout: 20_000 });
      const parts = await row.locator('.meta > span').allInnerTexts();
      expect(parts.map((p) => squash(p).replace(/^·\s*/, '')), `${name} in the library`).toContain(shown);
      await library.close();
    }
  });

  it('gives a long Kazakh page Kazakh\'s minutes, not Russian\'s, in the reader tab and the library', async () => {
    const key = await storePayload('reader:steppe-time', { kind: 'page', page: { html: steppePage(), url: STEPPE_URL } });
    const tab = await openReaderTab(key, null);
    const reader = tab.locator('.oqy-reader');
    expect(squash(await reader.locator('h1[data-testid="title"]').innerText())).toBe(STEPPE_TITLE);
    expect(await reader.locator('article.oqy-article').getAttribute('lang')).toBe('kk');
    const words = countWords(await reader.locator('.oqy-body').evaluate((el) => el.textContent ?? ''));
    // Long enough that the speeds disagree: 6 minutes at 166 wpm, 5 at 184, 4 at 228.
    expect(words).toBeGreaterThanOrEqual(913);
    expect(words).toBeLessThan(1012);
    expect([minutesFor(words, 'kk'), minutesFor(words, 'ru'), minutesFor(words, 'en')]).toEqual([6, 5, 4]);
    const shown = en('popupReadingMinutes', '6');
    expect(squash(await reader.locator('.meta [data-testid="reading-time"]').innerText())).toBe(shown);

    await reader.locator('[data-action="save"]').click();
    await reader.locator('.oqy-save-status[data-save-state="done"]').waitFor({ timeout: 30_000 });
    await tab.close();
    const library = await browser.context.newPage();
    await library.goto(browser.extensionUrl(LIBRARY_PATH));
    const row = library.locator('[data-article-id]', { has: library.locator('h2', { hasText: STEPPE_TITLE }) });
    await row.waitFor({ timeout: 20_000 });
    const parts = (await row.locator('.meta > span').allInnerTexts()).map((p) => squash(p).replace(/^·\s*/, ''));
    expect(parts).toContain(shown);

    // Searching the library in Latin letters, with or without the marks, finds it too.
    const search = library.locator('input[type=search][name=q]');
    for (const query of ['kıtaphanalary', 'kitaphanalary', 'кітапханалары']) {
      await search.fill(query);
      await expect.poll(() => row.count(), { message: query }).toBe(1);
    }
    await search.fill('dollara');
    await expect.poll(() => row.count()).toBe(0);
    await library.close();
  });

  it('maps all 42 Cyrillic letters in both cases (the table docs/latin-script.md is generated from)', () => {
    const letters = 'АӘБВГҒДЕЁЖЗИЙКҚЛМНҢОӨПРСТУҰҮФХҺЦЧШЩЪЫІЬЭЮЯ';
    expect([...letters]).toHaveLength(42);
    const table = new Map(LATIN_2021_TABLE);
    for (const upper of letters) {
      expect(table.has(upper), upper).toBe(true);
      expect(table.has(upper.toLowerCase()), upper.toLowerCase()).toBe(true);
    }
    expect(table.size).toBe(84);
  });
});
