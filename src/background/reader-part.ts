/**
 * The reader's part (the extractor and the reader, some 290 KB), put into a page only when a
 * script there asks for it: the Qazaq24 content script when the article is wanted, auto mode's
 * script on a page that is or looks like an article. Injected into the asking frame of the
 * asking tab as soon as it asks (injectImmediately), while the page may still be loading, so
 * that auto mode has it parsed and ready by the time the page's HTML is all there.
 */
import browser from 'webextension-polyfill';
import readerPartScript from '../content/reader-part.ts?script&iife';

/** Whether the script is now in the frame's content-script world. */
export async function injectReaderPart(tabId: number, frameId: number): Promise<boolean> {
  try {
    await browser.scripting.executeScript({ target: { tabId, frameIds: [frameId] }, files: [readerPartScript], injectImmediately: true });
    return true;
  } catch {
    // No access to the tab's page (auto mode was turned off for the site meanwhile), or the page is gone.
    return false;
  }
}
