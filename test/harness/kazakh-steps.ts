/**
 * The steps of the Kazakh-reader test (test/e2e/kazakh.test.ts) that reach each browser in its
 * own way: the speech double put into the reader tab, whether BiDi preload scripts reach
 * extension pages (Firefox only), and a click on a button that may be disabled. The fonts the
 * renderer drew with are read as the reader's test reads them (reader-steps.ts).
 */
import { readFileSync } from 'node:fs';
import type { ChromiumDriver, ChromiumTab } from './driver-chromium.ts';
import type { FirefoxDriver, FirefoxTab } from './driver-firefox.ts';
import { OPTIONS_PATH, READER_PATH, type Driver, type Tab, type Viewport } from './driver.ts';
import { RUSSIAN_VOICE, SPEECH, speechDoublePreload, speechDoubleScript, type SpeechLog, type VoiceDouble } from './speech-double.ts';

/** Whether the reader tab shows its article's title (the reader has rendered). */
const titleShown = () => !!document.querySelector('.oqy-reader h1[data-testid="title"]');

/**
 * The reader tab (an extension page) for a stored payload; with `voices`, the speech double is
 * in before the reader first asks for speech. Read aloud is tested here rather than in the
 * in-page reader: that one runs in the content script's isolated world, which nothing put into
 * the page's world can reach; the reader tab runs in the page's own world.
 *
 * - Chromium: page.addInitScript (CDP Page.addScriptToEvaluateOnNewDocument) reaches
 *   chrome-extension:// pages; the double records that it went in while the document was loading.
 * - Firefox: no BiDi preload script runs in a moz-extension:// document (the test "BiDi preload
 *   scripts do not reach extension pages" keeps an eye on it), so the double goes in by
 *   script.evaluate once the reader has loaded and before the read-aloud panel opens: the panel
 *   reads `speechSynthesis` when it opens and `SpeechSynthesisUtterance` when it speaks.
 */
export async function openReaderTab(browser: Driver, key: string, voices: readonly VoiceDouble[] | null, viewport: Viewport): Promise<Tab> {
  let tab: Tab;
  if (browser.name === 'chromium') {
    const page = await (browser as ChromiumDriver).chromium.context.newPage();
    tab = (browser as ChromiumDriver).wrap(page);
    await page.setViewportSize(viewport);
    if (voices) await page.addInitScript({ content: speechDoubleScript(voices) });
    await page.goto(browser.extensionUrl(READER_PATH, { open: key }));
  } else {
    tab = await browser.openExtensionPage(READER_PATH, { open: key }, { viewport });
  }
  await tab.waitFor(titleShown, undefined, { timeoutMs: 30_000, what: `the reader tab to show the article of ${key}` });
  if (!voices) return tab;
  if (browser.name === 'chromium') {
    const { installedAt } = await tab.evaluateSource<SpeechLog>(SPEECH.log);
    if (installedAt !== 'loading') throw new Error(`the speech double went in when the document was "${installedAt}", not before its scripts ran`);
  } else {
    if (await tab.evaluate(() => !!document.querySelector('.oqy-speech'))) throw new Error('the read-aloud panel was open before the speech double went in');
    await tab.evaluateSource(speechDoubleScript(voices));
  }
  return tab;
}

/**
 * Whether a WebDriver BiDi preload script (script.addPreloadScript, scoped to the tab) runs in
 * an extension page once it is reloaded. Firefox only: it is why the double goes in by evaluate there.
 */
export async function preloadReachesExtensionPage(browser: Driver): Promise<boolean> {
  if (browser.name !== 'firefox') throw new Error('preloadReachesExtensionPage: Firefox only');
  const session = (browser as FirefoxDriver).session;
  const tab = (await browser.openExtensionPage(OPTIONS_PATH)) as FirefoxTab;
  const { script } = await session.send<{ script: string }>('script.addPreloadScript', {
    functionDeclaration: speechDoublePreload([RUSSIAN_VOICE]),
    contexts: [tab.context],
  });
  try {
    await tab.reload();
    return await tab.evaluate(() => '__speech' in window);
  } finally {
    await session.send('script.removePreloadScript', { script });
    await tab.close();
  }
}

/**
 * A real click at the centre of `selector` even when it is a disabled control (to see that
 * nothing happens). Chromium's click waits for the element to be enabled, so it is forced;
 * Firefox's does not wait for that.
 */
export async function clickEvenIfDisabled(tab: Tab, selector: string): Promise<void> {
  if (tab.browser.name === 'chromium') await (tab as ChromiumTab).page.locator(selector).first().click({ force: true });
  else await tab.click(selector);
}

/** The width and height of a PNG file, from its header. */
export function pngSize(file: string): Viewport {
  const head = readFileSync(file).subarray(0, 24);
  if (head.toString('latin1', 1, 4) !== 'PNG') throw new Error(`${file} is not a PNG`);
  return { width: head.readUInt32BE(16), height: head.readUInt32BE(20) };
}
