/** What the popup shows for a tab, as one of a few states, each with its own screen. */
import type { Tabs } from 'webextension-polyfill';
import type { Extraction } from '../core/types.ts';
import type { Replies, TabRequest } from '../shared/messages.ts';
import { siteDetectorFor } from '../core/profiles/detectors.ts';

export type PopupState =
  /** `long`: a page too big for its own thread, read here; that takes a while. `copied`: how much of its copy is here, 0 to 1. */
  | { kind: 'loading'; long?: boolean; copied?: number }
  | { kind: 'article'; article: Extraction; tabId: number }
  | { kind: 'not-article'; tabId: number }
  | { kind: 'other-site'; tab: Tabs.Tab }
  | { kind: 'no-access' }
  | { kind: 'not-ready'; tabId: number }
  | { kind: 'failed'; tabId: number; error: string };

/** The tab's answer: what to show, or the copy begun of a page too big to be read on its own thread. */
export type TabAnswer = Exclude<PopupState, { kind: 'loading' }> | { kind: 'copying'; tabId: number };

export type AskTab = <R extends TabRequest>(tabId: number, request: R) => Promise<Replies[R['type']]>;

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

const why = (e: unknown) => String((e as Error)?.message ?? e);

/**
 * The browsers' words when no content script listens in the tab (one opened before Oqy was
 * installed or updated): then the page must be reloaded, unlike any other failure.
 */
const NO_LISTENER = /receiving end does not exist/i;

/** Asks `tab`'s content script for its article (read ahead in the page's idle time, usually), in one message. */
export async function askForArticle(tab: Tabs.Tab | null, ask: AskTab): Promise<TabAnswer> {
  if (!tab || tab.id === undefined) return { kind: 'no-access' };
  const tabId = tab.id;
  const where = siteOf(tab.url);
  if (where === 'closed') return { kind: 'no-access' };
  if (where === 'web') return { kind: 'other-site', tab };
  let reply;
  try {
    reply = await ask(tabId, { type: 'oqy/extract-or-copy' });
  } catch (e) {
    return NO_LISTENER.test(why(e)) ? { kind: 'not-ready', tabId } : { kind: 'failed', tabId, error: why(e) };
  }
  if (!reply || typeof reply !== 'object') return { kind: 'failed', tabId, error: `no answer from the page (${String(reply)})` };
  if (!reply.ok) return { kind: 'failed', tabId, error: reply.error };
  if ('notArticle' in reply) return { kind: 'not-article', tabId };
  if ('huge' in reply) return { kind: 'copying', tabId };
  return articleState(reply.article, tabId);
}

function articleState(article: Extraction, tabId: number): Extract<PopupState, { kind: 'article' | 'not-article' }> {
  return article.isArticle ? { kind: 'article', article, tabId } : { kind: 'not-article', tabId };
}

/** Two frames: the state reported before is on screen before the work that follows holds this page up. */
const painted = () =>
  new Promise<void>((resolve) => {
    requestAnimationFrame(() => setTimeout(resolve, 0));
    // A hidden page draws no frames.
    setTimeout(resolve, 200);
  });

/**
 * What the popup shows for the tab's answer. A page too big to be read on its own thread began a
 * copy of itself, taken here part by part and read here (the page's scripts go on meanwhile):
 * `report` shows that it takes a while, and how much of the copy has come. Closing the popup
 * meanwhile stops the asking; the page drops its copy when nobody asks for it.
 */
export async function stateFor(answer: TabAnswer, report: (state: PopupState) => void = () => undefined): Promise<PopupState> {
  if (answer.kind !== 'copying') return answer;
  try {
    report({ kind: 'loading', long: true, copied: 0 });
    const [{ takeCopy }, { askCopy, startCopyByScript }, { extractFromHtml }] = await Promise.all([
      import('../content/page-copy-parts.ts'),
      import('../shared/reader-tab.ts'),
      import('../core/extract-html.ts'),
    ]);
    const ticket = await startCopyByScript(answer.tabId);
    const html = await takeCopy(askCopy(answer.tabId), ticket, (copied) => report({ kind: 'loading', long: true, copied }));
    await painted();
    return articleState(extractFromHtml(html, ticket.url, { window }), answer.tabId);
  } catch (e) {
    return { kind: 'failed', tabId: answer.tabId, error: why(e) };
  }
}
