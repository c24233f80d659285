/**
 * The reader's part: the extractor and the reader (some 290 KB), injected by the background only
 * into a page that needs it: the Qazaq24 content script asks for it when the popup, the reader
 * tab or the shortcut wants the article, and auto mode's script when the page is, or looks like,
 * an article. It only makes itself known (reader-part-handoff.ts); the small scripts decide when
 * to call it.
 *
 * Self-contained (built as one IIFE): it is run by scripting.executeScript, and on sites other
 * than Qazaq24 the extension's chunks could not load.
 */
import './reader-part-start.ts';
import { extract } from '../core/extract.ts';
import { closeReader, isReaderOpen, openReader, runReaderAction, showPageNotice } from './reader-overlay.tsx';
import { provideReaderPart, type AutoOpenResult } from './reader-part-handoff.ts';
import type { ReaderHost } from './reader-host.ts';
import { migrateSettings } from '../shared/settings-schema.ts';
import type { ExtractReply } from '../shared/messages.ts';
import { mark } from './auto-timing.ts';

const why = (e: unknown) => String((e as Error)?.message ?? e);

function extractNow(): ExtractReply {
  const started = performance.now();
  try {
    const article = extract(document, location.href, { window });
    return { ok: true, article, elapsedMs: performance.now() - started };
  } catch (e) {
    return { ok: false, error: why(e) };
  }
}

/**
 * The last extraction, kept while the page stays exactly as it was: the popup, the reader tab
 * and the in-page reader then get it at once. Any change of the page's DOM (a node, a text, an
 * attribute) or of its address drops it, and the next ask reads the page again; the watch stops
 * at the first change, so a page that keeps changing pays for one notice only.
 */
let kept: { href: string; reply: ExtractReply } | null = null;
const watch = new MutationObserver(() => forget());

function forget(): void {
  kept = null;
  watch.disconnect();
}

function extractPage(): ExtractReply {
  const href = location.href;
  if (kept?.href === href) return kept.reply;
  forget();
  const reply = extractNow();
  if (reply.ok) {
    kept = { href, reply };
    watch.observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
  }
  return reply;
}

mark('part-ready');
provideReaderPart({
  extract: extractPage,
  prepare() {
    // Auto mode's reader is open on its own reading already; the page under it is not read again.
    if (!isReaderOpen()) extractPage();
  },
  act: (action, isArticle) => runReaderAction(action, isArticle, async () => extractPage()),
  notice: showPageNotice,
  async open(takeFrame, storedSettings): Promise<AutoOpenResult> {
    if (isReaderOpen()) return { kind: 'already-open' };
    mark('extract-start');
    const reply = extractPage();
    mark('extract-end');
    if (!reply.ok) return { kind: 'failed', detail: reply.error };
    const { article } = reply;
    if (!article.isArticle) return { kind: 'not-article' };
    let host: ReaderHost | undefined;
    try {
      host = takeFrame?.();
      await openReader(article, { auto: true, settings: migrateSettings(storedSettings), ...(host ? { frame: host } : {}) });
      mark('render-end');
      return { kind: 'opened' };
    } catch (e) {
      // Nothing half-drawn stays over the page.
      closeReader();
      host?.remove();
      return { kind: 'failed', detail: why(e) };
    }
  },
});
