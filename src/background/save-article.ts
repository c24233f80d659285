/**
 * Saving an article for offline reading: its images fetched here (with the extension's host
 * access, so the site's CORS rules do not stand in the way), then everything written in one
 * transaction. An image that cannot be fetched is saved as missing, to retry later.
 */
import type { Extraction } from '../core/types.ts';
import { fillMissingImages, isQuotaError, openLibrary, saveArticle, type FetchedImages, type LibraryDb } from '../shared/library-db.ts';
import type { SaveReply } from '../shared/messages.ts';
import { t } from '../shared/i18n.ts';

const IMAGE_TIMEOUT_MS = 20_000;
/** Larger images are left as missing: a library of thousands must stay small. */
const MAX_IMAGE_BYTES = 15 * 1024 * 1024;
const PARALLEL = 3;

let db: Promise<LibraryDb> | null = null;
function library(): Promise<LibraryDb> {
  db ??= openLibrary().catch((e) => {
    db = null;
    throw e;
  });
  return db;
}

async function fetchImage(url: string): Promise<Blob | null> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), IMAGE_TIMEOUT_MS);
  try {
    const response = await fetch(url, { signal: controller.signal, credentials: 'omit', referrerPolicy: 'no-referrer' });
    if (!response.ok) return null;
    const blob = await response.blob();
    if (!blob.type.startsWith('image/') || blob.size === 0 || blob.size > MAX_IMAGE_BYTES) return null;
    return blob;
  } catch {
    return null;
  } finally {
    clearTimeout(timer);
  }
}

/** Fetches urls a few at a time, telling progress after each. */
export async function fetchImages(urls: readonly string[], progress: (done: number, total: number) => void): Promise<FetchedImages> {
  const out = new Map<string, Blob | null>();
  let next = 0;
  let done = 0;
  progress(0, urls.length);
  const worker = async () => {
    while (next < urls.length) {
      const url = urls[next++]!;
      out.set(url, await fetchImage(url));
      progress(++done, urls.length);
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL, urls.length) }, worker));
  return out;
}

function failure(e: unknown): SaveReply {
  return { ok: false, reason: isQuotaError(e) ? 'quota' : 'failed', error: String((e as Error)?.message ?? e) };
}

export async function saveForOffline(article: Extraction, progress: (done: number, total: number) => void): Promise<SaveReply> {
  if (!article.isArticle) return { ok: false, reason: 'failed', error: t('readerNotArticle') };
  try {
    const images = await fetchImages(article.images, progress);
    const database = await library();
    const replaced = (await database.get('articles', article.url)) !== undefined;
    const saved = await saveArticle(database, article, images);
    return { ok: true, id: saved.id, images: saved.images.length, missing: saved.images.filter((i) => i.missing).length, replaced };
  } catch (e) {
    return failure(e);
  }
}

export async function retryMissingImages(id: string, progress: (done: number, total: number) => void): Promise<SaveReply> {
  try {
    const database = await library();
    const article = await database.get('articles', id);
    if (!article) return { ok: false, reason: 'failed', error: t('readerMissing') };
    const missing = article.images.filter((i) => i.missing).map((i) => i.url);
    const images = await fetchImages(missing, progress);
    const updated = (await fillMissingImages(database, id, images)) ?? article;
    return { ok: true, id, images: updated.images.length, missing: updated.images.filter((i) => i.missing).length, replaced: true };
  } catch (e) {
    return failure(e);
  }
}
