/** What the popup shows for a tab, as one of a few states, each with its own screen. */
import type { Tabs } from 'webextension-polyfill';
import type { Extraction } from '../core/types.ts';
import { askTab } from '../shared/messages.ts';
import { siteDetectorFor } from '../core/profiles/detectors.ts';

export type PopupState =
  /** `long`: a page too big for its own thread, read here; that takes a while. */
  | { kind: 'loading'; long?: boolean }
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

/** Two frames: the state reported before is on screen before the work that follows holds this page up. */
const painted = () =>
  new Promise<void>((resolve) => {
    requestAnimationFrame(() => setTimeout(resolve, 0));
    // A hidden page draws no frames.
    setTimeout(resolve, 200);
  });

/**
 * What the popup shows for `tab`. A page too big to be read on its own thread sends a copy of
 * itself, read here (the page's scripts go on meanwhile): `report` shows that it takes a while.
 */
export async function loadState(tab: Tabs.Tab | null, report: (state: PopupState) => void = () => undefined): Promise<PopupState> {
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
    const reply = await askTab(tabId, { type: 'oqy/extract-or-copy' });
    if (!reply.ok) return { kind: 'failed', tabId, error: reply.error };
    let article: Extraction;
    if ('copy' in reply) {
      report({ kind: 'loading', long: true });
      const [{ extractFromHtml }] = await Promise.all([import('../core/extract-html.ts'), painted()]);
      article = extractFromHtml(reply.copy.html, reply.copy.url, { window });
    } else article = reply.article;
    if (!article.isArticle) return { kind: 'not-article', tabId };
    return { kind: 'article', article, tabId };
  } catch (e) {
    return { kind: 'failed', tabId, error: String((e as Error)?.message ?? e) };
  }
}
