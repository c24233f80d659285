/**
 * The reader, or a save, asked for from outside a page (keyboard shortcut, context menu): on
 * Qazaq24 the content script does it in the page; on any other page, or where the content
 * script is not running yet, the page is copied into the reader tab.
 */
import type { Tabs } from 'webextension-polyfill';
import { askTab, type ReaderAction } from '../shared/messages.ts';
import { copyOfPage, openReaderTab } from '../shared/reader-tab.ts';
import { siteDetectorFor } from '../core/profiles/detectors.ts';
import { t } from '../shared/i18n.ts';
import { saveForOffline } from './save-article.ts';
import { saveMessageFor } from '../shared/save-message.ts';

function onSupportedSite(tab: Tabs.Tab): boolean {
  try {
    return !!tab.url && !!siteDetectorFor(new URL(tab.url));
  } catch {
    return false;
  }
}

async function inReaderTab(tab: Tabs.Tab, save: boolean): Promise<void> {
  try {
    await openReaderTab({ kind: 'page', page: await copyOfPage(tab.id!) }, tab, { save });
  } catch {
    /* A page the browser keeps from extensions (its own pages, the stores). */
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
  await inReaderTab(tab, false);
}

export async function saveFor(tab: Tabs.Tab | undefined): Promise<void> {
  if (!tab?.id) return;
  const tabId = tab.id;
  if (onSupportedSite(tab)) {
    let reply;
    try {
      reply = await askTab(tabId, { type: 'oqy/extract' });
    } catch {
      return inReaderTab(tab, true);
    }
    const text = !reply.ok
      ? t('saveFailed', reply.error)
      : !reply.article.isArticle
        ? t('readerNotArticle')
        : saveMessageFor(await saveForOffline(reply.article, () => undefined, tab.url ?? null));
    await askTab(tabId, { type: 'oqy/notice', text }).catch(() => undefined);
    return;
  }
  await inReaderTab(tab, true);
}
