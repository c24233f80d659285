/** Loaded on demand: the parser, the cleaners and the sanitizer, run on the page as it is now. */
import { extract } from '../core/extract.ts';
import type { ExtractReply } from '../shared/messages.ts';

export function extractPage(): ExtractReply {
  const started = performance.now();
  try {
    const article = extract(document, location.href, { window });
    return { ok: true, article, elapsedMs: performance.now() - started };
  } catch (e) {
    return { ok: false, error: String((e as Error)?.message ?? e) };
  }
}
