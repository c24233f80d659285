/**
 * Auto mode's second part: the extractor and the reader, injected by the background into a page
 * the auto-mode script found to be, or to look like, an article (src/background/auto-reader.ts).
 * It only makes itself known; the auto-mode script decides when to read the page.
 *
 * Self-contained (built as one IIFE): on sites other than Qazaq24 the extension's chunks cannot load.
 */
import { extract } from '../core/extract.ts';
import { closeReader, isReaderOpen, openReader } from './reader-overlay.tsx';
import { provideReaderPart, type AutoOpenResult } from './auto-handoff.ts';
import type { ReaderHost } from './reader-host.ts';
import { migrateSettings } from '../shared/settings-schema.ts';

const why = (e: unknown) => String((e as Error)?.message ?? e);

provideReaderPart({
  async open(takeFrame, storedSettings): Promise<AutoOpenResult> {
    if (isReaderOpen()) return { kind: 'already-open' };
    let article;
    try {
      article = extract(document, location.href, { window });
    } catch (e) {
      return { kind: 'failed', detail: why(e) };
    }
    if (!article.isArticle) return { kind: 'not-article' };
    let host: ReaderHost | undefined;
    try {
      host = takeFrame?.();
      await openReader(article, { auto: true, settings: migrateSettings(storedSettings), ...(host ? { frame: host } : {}) });
      return { kind: 'opened' };
    } catch (e) {
      // Nothing half-drawn stays over the page.
      closeReader();
      host?.remove();
      return { kind: 'failed', detail: why(e) };
    }
  },
});
