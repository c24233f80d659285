/**
 * Runs on every Qazaq24 page. Decides article-or-not cheaply and tells the background (the
 * toolbar icon shows it); the parser loads only when the reader is asked for.
 *
 * The page may change under it: its article may arrive after this script ran (a page built by
 * script: watched for a bounded while, see wait-for-article.ts), and an infinite scroll changes
 * the address as the reader scrolls into the next article. The status is told again whenever
 * it, or the address it is for, changes; extraction always reads the page as it is now.
 */
import browser from 'webextension-polyfill';
import { detectPage } from '../core/detect.ts';
import { isOqyMessage, tellBackground, type ExtractReply } from '../shared/messages.ts';
import type { PageStatus } from '../core/types.ts';
import { waitForArticle } from './wait-for-article.ts';

function status(): PageStatus {
  return detectPage(document, location.href);
}

/** What the background was last told, and for which address. */
let told: { href: string; status: PageStatus } | null = null;

/** Tells the background the page's status where it or the address changed since last told. */
function tell(now: PageStatus = status()): PageStatus {
  const href = location.href.split('#')[0]!;
  if (told && told.href === href && told.status.isArticle === now.isArticle && told.status.lang === now.lang) return now;
  told = { href, status: now };
  tellBackground({ type: 'oqy/page-status', status: now }).catch(() => {
    /* The background may be starting; the popup asks again when opened. */
  });
  return now;
}

let stopWaiting: () => void = () => undefined;

/** Tells the status now, and again when an article that is not there yet arrives. */
function tellAndWatch(): void {
  stopWaiting();
  if (tell().isArticle) return;
  stopWaiting = waitForArticle(document, () => status().isArticle, () => void tell());
}

async function extractHere(): Promise<ExtractReply> {
  try {
    const { extractPage } = await import('./extract-page.ts');
    return extractPage();
  } catch (e) {
    return { ok: false, error: String((e as Error)?.message ?? e) };
  }
}

browser.runtime.onMessage.addListener((message: unknown) => {
  if (!isOqyMessage(message)) return undefined;
  // Asked after the address changed (the background watches the tab): the answer is also told.
  if (message.type === 'oqy/get-status') return Promise.resolve(tell());
  if (message.type === 'oqy/extract') return extractHere();
  if (message.type === 'oqy/notice') return import('./reader-overlay.tsx').then((overlay) => overlay.showPageNotice(message.text));
  if (message.type === 'oqy/reader') {
    return import('./reader-overlay.tsx').then((overlay) => overlay.runReaderAction(message.action, status().isArticle, extractHere));
  }
  return undefined;
});

/**
 * The address changed without a new page (history.pushState as the reader scrolls, back and
 * forward): where the browser has the Navigation API it says so; elsewhere popstate does for
 * back and forward, and the background's tab watch asks for the status after pushState.
 */
function onAddressChange(): void {
  const href = location.href.split('#')[0]!;
  if (told?.href !== href) tellAndWatch();
}
const navigation = (window as unknown as { navigation?: EventTarget }).navigation;
navigation?.addEventListener('currententrychange', onAddressChange);
window.addEventListener('popstate', onAddressChange);

tellAndWatch();
