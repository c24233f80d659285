/** What the popup shows for a tab, as one of a few states, each with its own screen. */
import type { Tabs } from 'webextension-polyfill';
import type { Extraction } from '../core/types.ts';
import { askTab } from '../shared/messages.ts';
import { siteDetectorFor } from '../core/profiles/detectors.ts';

export type PopupState =
  | { kind: 'loading' }
  | { kind: 'article'; article: Extraction; tabId: number }
  | { kind: 'not-article'; tabId: number }
  | { kind: 'other-site'; tab: Tabs.Tab }
  | { kind: 'no-access' }
  | { kind: 'not-ready'; tabId: number }
  | { kind: 'failed'; tabId: number; error: string };

function siteOf(url: string | undefined): 'supported' | 'web' | 'closed' {
  if (!url) return 'closed';
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'closed';
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return 'closed';
  if (/^(chrome\.google\.com|chromewebstore\.google\.com|addons\.mozilla\.org)$/.test(parsed.hostname)) return 'closed';
  return siteDetectorFor(parsed) ? 'supported' : 'web';
}

export async function loadState(tab: Tabs.Tab | null): Promise<PopupState> {
  if (!tab || tab.id === undefined) return { kind: 'no-access' };
  const tabId = tab.id;
  const where = siteOf(tab.url);
  if (where === 'closed') return { kind: 'no-access' };
  if (where === 'web') return { kind: 'other-site', tab };
  let status;
  try {
    status = await askTab(tabId, { type: 'oqy/get-status' });
  } catch {
    return { kind: 'not-ready', tabId };
  }
  if (!status.isArticle) return { kind: 'not-article', tabId };
  try {
    const reply = await askTab(tabId, { type: 'oqy/extract' });
    if (!reply.ok) return { kind: 'failed', tabId, error: reply.error };
    if (!reply.article.isArticle) return { kind: 'not-article', tabId };
    return { kind: 'article', article: reply.article, tabId };
  } catch (e) {
    return { kind: 'failed', tabId, error: String((e as Error)?.message ?? e) };
  }
}
