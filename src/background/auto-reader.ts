/**
 * The second part of auto mode: the extractor and the reader (some 190 KB), put into a page only
 * when the auto-mode script there (a few KB, registered at document_start on the sites auto mode
 * is on for) asks for it, on a page that is or looks like an article. Injected into the asking
 * frame of the asking tab as soon as it asks (injectImmediately), while the page may still be
 * loading, so it is parsed and ready by the time the page's HTML is all there.
 */
import browser from 'webextension-polyfill';
import autoReaderScript from '../content/auto-reader.ts?script&iife';

/** Whether the script is now in the frame's content-script world (the auto-mode script shows the page as it is otherwise). */
export async function injectAutoReader(tabId: number, frameId: number): Promise<boolean> {
  try {
    await browser.scripting.executeScript({ target: { tabId, frameIds: [frameId] }, files: [autoReaderScript], injectImmediately: true });
    return true;
  } catch {
    // No access to the tab's page (auto mode was turned off for the site meanwhile), or the page is gone.
    return false;
  }
}
