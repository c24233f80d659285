/**
 * Fetching one article image for the library, with the care a request made on a web page's
 * say-so needs: nothing on the reader's own machine or network is asked for, no redirect is
 * followed, and no more than the size limit is ever read.
 *
 * Redirects: fetch() with `redirect: 'manual'` answers an opaque response that hides where the
 * redirect leads (in Chromium and Firefox alike, extension or not), so the next hop cannot be
 * checked before it is requested. A redirected image is therefore left missing rather than
 * followed blind. In Chromium, `targetAddressSpace: 'public'` also has the browser refuse a
 * public name that resolves to a private address; Firefox ignores the option.
 */
import { isLocalAddress } from '../core/local-address.ts';
import { isImageType } from '../shared/article-limits.ts';

export interface ImageFetchOptions {
  /** The fetch to use (tests pass their own). */
  fetch?: typeof fetch;
  timeoutMs?: number;
  maxBytes?: number;
}

export const IMAGE_TIMEOUT_MS = 20_000;
/** Larger images are left as missing: a library of thousands must stay small. */
export const MAX_IMAGE_BYTES = 15 * 1024 * 1024;

/** The image's bytes, or null where it is local, redirected, not an image, too large, or fails. */
export async function fetchImage(url: string, options: ImageFetchOptions = {}): Promise<Blob | null> {
  const { fetch: get = globalThis.fetch.bind(globalThis), timeoutMs = IMAGE_TIMEOUT_MS, maxBytes = MAX_IMAGE_BYTES } = options;
  if (isLocalAddress(url)) return null;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    const init = {
      signal: controller.signal,
      credentials: 'omit',
      referrerPolicy: 'no-referrer',
      redirect: 'manual',
      targetAddressSpace: 'public',
    } as RequestInit;
    const response = await get(url, init);
    if (response.type === 'opaqueredirect' || response.redirected || !response.ok) return null;
    // The answer's own address, where the browser gives one, is checked too (a fetch that followed anyway).
    if (response.url && isLocalAddress(response.url)) return null;
    const type = (response.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
    if (!isImageType(type)) return null;
    const declared = Number(response.headers.get('content-length'));
    if (Number.isFinite(declared) && declared > maxBytes) return null;
    const bytes = await readAtMost(response, maxBytes);
    if (!bytes || bytes.size === 0) return null;
    return new Blob([bytes], { type });
  } catch {
    return null;
  } finally {
    clearTimeout(timer);
    // Whatever is still arriving (a body past the limit) is dropped.
    controller.abort();
  }
}

/** The body, read piece by piece; null as soon as it passes `max` bytes (the rest is never read). */
async function readAtMost(response: Response, max: number): Promise<Blob | null> {
  if (!response.body) {
    const blob = await response.blob();
    return blob.size > max ? null : blob;
  }
  const reader = response.body.getReader();
  const parts: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > max) return null;
      parts.push(value);
    }
  } finally {
    reader.cancel().catch(() => undefined);
  }
  return new Blob(parts as BlobPart[]);
}
