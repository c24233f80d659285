/**
 * Runs on every Qazaq24 page. Decides article-or-not cheaply and tells the background (the
 * toolbar icon shows it); the extractor and the reader (reader-part.ts) are put into the page by
 * the background only when the article is asked for. One small file, without
 * webextension-polyfill: this is what every Qazaq24 page pays for.
 *
 * The page may change under it: its article may arrive after this script ran (a page built by
 * script: watched for a bounded while, see wait-for-article.ts), and an infinite scroll changes
 * the address as the reader scrolls into the next article. The status is told again whenever
 * it, or the address it is for, changes; extraction always reads the page as it is now.
 */
import { detectPage } from '../core/detect.ts';
import { isOqyMessage } from '../shared/message-kinds.ts';
import type { BackgroundRequest, ExtractOrCopyReply, ExtractReply, HugeCopyReply, ReaderReply, TabRequest } from '../shared/messages.ts';
import type { PageStatus } from '../core/types.ts';
import { ask, extensionApi } from './extension-api.ts';
import { loadReaderPart, type ReaderPart } from './reader-part-handoff.ts';
import { waitForArticle } from './wait-for-article.ts';
import { prepareAhead, smallEnoughToPrepare } from './prepare-ahead.ts';
import { READER_STATE_KEY, worldGlobal } from './world-global.ts';

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
  if (now.isArticle) {
    // Looked at again once the part is in: the page may have moved on, or grown, meanwhile.
    const stillSo = () => location.href.split('#')[0] === href && smallEnoughToPrepare(document);
    prepareAhead(href, () => {
      if (stillSo()) void loadReaderPart().then((p) => (p && stillSo() ? p.prepare() : undefined), () => undefined);
    });
  }
  ask({ type: 'oqy/page-status', status: now } satisfies BackgroundRequest).catch(() => {
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

const TAB_REQUESTS = new Set<string>(['oqy/get-status', 'oqy/extract', 'oqy/extract-or-copy', 'oqy/notice', 'oqy/reader', 'oqy/copy-if-huge'] satisfies TabRequest['type'][]);

const why = (e: unknown) => String((e as Error)?.message ?? e);

/** Whether a reader is open over the page (reader-host.ts keeps it on the world's global). */
const readerShown = () => !!worldGlobal<{ open: unknown }>(READER_STATE_KEY)?.open;

async function part(): Promise<ReaderPart> {
  const loaded = await loadReaderPart();
  if (!loaded) throw new Error('the reader could not be put into this page');
  return loaded;
}

async function answer(message: TabRequest): Promise<unknown> {
  // Asked after the address changed (the background watches the tab): the answer is also told.
  if (message.type === 'oqy/get-status') return tell();
  if (message.type === 'oqy/extract-or-copy') {
    // The popup's one question: the status comes with the answer (and is told, as above).
    const now = tell();
    if (!now.isArticle) return { ok: true, notArticle: now } satisfies ExtractOrCopyReply;
    // Too big to read on its own thread: the asker has a copy made (page-copy.ts, put into the
    // page only then, so every page does not pay for it) and reads it in its own thread.
    if (!smallEnoughToPrepare(document)) return { ok: true, huge: true } satisfies ExtractOrCopyReply;
  }
  if (message.type === 'oqy/copy-if-huge') return { huge: !smallEnoughToPrepare(document) } satisfies HugeCopyReply;
  if (message.type === 'oqy/extract' || message.type === 'oqy/extract-or-copy') return part().then((p) => p.extract(), (e): ExtractReply => ({ ok: false, error: why(e) }));
  if (message.type === 'oqy/notice') return part().then((p) => p.notice(message.text), () => undefined);
  // Reading it here would hold the page's scripts up for seconds: the asker opens the reader tab.
  // A reader open over the page already (opened before the page grew) is the page's to close.
  if (message.action !== 'close' && !readerShown() && !smallEnoughToPrepare(document)) return { ok: false, reason: 'huge' } satisfies ReaderReply;
  return part().then(
    (p) => p.act(message.action, status().isArticle),
    (e): ReaderReply => ({ ok: false, reason: 'failed', error: why(e) }),
  );
}

// Answered through sendResponse (kept open by returning true), which both browsers take.
extensionApi().runtime.onMessage.addListener((message, _sender, sendResponse) => {
  if (!isOqyMessage(message) || !TAB_REQUESTS.has(message.type)) return undefined;
  const reply = (value: unknown) => {
    try {
      sendResponse(value);
    } catch (e) {
      // Refused (too big to send, say): the asker still gets an answer.
      sendResponse({ ok: false, reason: 'failed', error: why(e) });
    }
  };
  answer(message as TabRequest).then(reply, (e) => reply({ ok: false, reason: 'failed', error: why(e) }));
  return true;
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
// Elements named "navigation" show through where the browser has no Navigation API (DOM clobbering).
const navigation = (window as unknown as { navigation?: EventTarget }).navigation;
if (typeof navigation?.addEventListener === 'function') navigation.addEventListener('currententrychange', onAddressChange);
window.addEventListener('popstate', onAddressChange);

tellAndWatch();
