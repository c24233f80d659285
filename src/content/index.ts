/**
 * Runs on every Qazaq24 page. Decides article-or-not cheaply and tells the background (the
 * toolbar icon shows it); the parser loads only when the reader is asked for.
 */
import browser from 'webextension-polyfill';
import { detectPage } from '../core/detect.ts';
import { isOqyMessage, tellBackground, type ExtractReply } from '../shared/messages.ts';
import type { PageStatus } from '../core/types.ts';

function status(): PageStatus {
  return detectPage(document, location.href);
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
  if (message.type === 'oqy/get-status') return Promise.resolve(status());
  if (message.type === 'oqy/extract') return extractHere();
  if (message.type === 'oqy/notice') return import('./reader-overlay.tsx').then((overlay) => overlay.showPageNotice(message.text));
  if (message.type === 'oqy/reader') {
    return import('./reader-overlay.tsx').then((overlay) => overlay.runReaderAction(message.action, status().isArticle, extractHere));
  }
  return undefined;
});

tellBackground({ type: 'oqy/page-status', status: status() }).catch(() => {
  /* The background may be starting; the popup asks again when opened. */
});
