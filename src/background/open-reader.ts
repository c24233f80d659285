/**
 * The reader asked for from outside a page (keyboard shortcut, context menu): on Qazaq24 the
 * content script opens its in-page reader; on any other page, or where the content script is
 * not running yet, the page is copied into the reader tab.
 */
import browser, { type Tabs } from 'webextension-polyfill';
import { askTab, type ReaderAction } from '../shared/messages.ts';
import { copyOfPage, openReaderTab } from '../shared/reader-tab.ts';
import { siteDetectorFor } from '../core/profiles/detectors.ts';

function onSupportedSite(tab: Tabs.Tab): boolean {
  try {
    return !!tab.url && !!siteDetectorFor(new URL(tab.url));
  } catch {
    return false;
  }
}

export async function readerFor(tab: Tabs.Tab | undefined, action: ReaderAction): Promise<void> {
  if (!tab?.id) return;
  if (onSupportedSite(tab)) {
    try {
      await askTab(tab.id, { type: 'oqy/reader', action });
      return;
    } catch {
      /* No content script in this tab yet: read a copy instead. */
    }
  }
  try {
    await openReaderTab({ kind: 'page', page: await copyOfPage(tab.id) }, tab);
  } catch {
    /* A page the browser keeps from extensions (its own pages, the stores). */
  }
}
