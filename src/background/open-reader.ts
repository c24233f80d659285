/**
 * The reader, or a save, asked for from outside a page (keyboard shortcut, context menu): on
 * Qazaq24 the content script does it in the page; on any other page, or where the content
 * script is not running yet, the page is copied into the reader tab. A Qazaq24 page too big to
 * read on its own thread without holding its scripts up for long is read in the reader tab too,
 * from a copy it makes in slices; the reader tab says why it opened.
 */
import type { Tabs } from 'webextension-polyfill';
import { askTab, type ReaderAction } from '../shared/messages.ts';
import { openReaderTab, startCopyByScript } from '../shared/reader-tab.ts';
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
  let ticket;
  try {
    ticket = await startCopyByScript(tab.id!);
  } catch {
    return; /* A page the browser keeps from extensions (its own pages, the stores). */
  }
  await openReaderTab({ kind: 'tab', tabId: tab.id!, ticket }, tab, { save });
}

/**
 * Whether the Qazaq24 page in `tab` is too big to read on its own thread; if so, the reader tab
 * opens to have it copied, read and saved. Throws where no content script answers. (The reader
 * itself is asked of the page, which says when it is too big: see readerFor.)
 */
async function saveHugeInReaderTab(tab: Tabs.Tab): Promise<boolean> {
  const reply = await askTab(tab.id!, { type: 'oqy/copy-if-huge' });
  if (!reply?.huge) return false;
  await openReaderTab({ kind: 'tab', tabId: tab.id!, long: true }, tab, { save: true });
  return true;
}

export async function readerFor(tab: Tabs.Tab | undefined, action: ReaderAction): Promise<void> {
  if (!tab?.id) return;
  if (onSupportedSite(tab)) {
    let reply;
    try {
      reply = await askTab(tab.id, { type: 'oqy/reader', action });
    } catch {
      /* No content script in this tab yet: read a copy instead. */
      return inReaderTab(tab, false);
    }
    if (reply?.ok === false && reply.reason === 'huge') await openReaderTab({ kind: 'tab', tabId: tab.id, long: true }, tab);
    return;
  }
  await inReaderTab(tab, false);
}

export async function saveFor(tab: Tabs.Tab | undefined): Promise<void> {
  if (!tab?.id) return;
  const tabId = tab.id;
  if (onSupportedSite(tab)) {
    let reply;
    try {
      if (await saveHugeInReaderTab(tab)) return;
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
