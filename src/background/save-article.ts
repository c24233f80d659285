/**
 * Saving an article for offline reading: fitted to the library's limits (the same an import
 * holds a file to), its images fetched here (with the extension's host access, so the site's
 * CORS rules do not stand in the way; see fetch-image.ts for what is never fetched), then
 * everything written in one transaction. An image that cannot be fetched is saved as missing,
 * to retry later.
 */
import type { Extraction } from '../core/types.ts';
import { sameHost } from '../core/meta/canonical.ts';
import { fitForLibrary } from '../shared/article-limits.ts';
import { fillMissingImages, isQuotaError, openLibrary, saveArticle, type FetchedImages, type LibraryDb } from '../shared/library-db.ts';
import type { SaveReply } from '../shared/messages.ts';
import { t } from '../shared/i18n.ts';
import { noteSavedInFirstRows } from '../shared/first-rows-store.ts';
import { fetchImage } from './fetch-image.ts';

const PARALLEL = 3;

let db: Promise<LibraryDb> | null = null;
function library(): Promise<LibraryDb> {
  db ??= openLibrary().catch((e) => {
    db = null;
    throw e;
  });
  return db;
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

/**
 * Saves an article. `fromPage` is the address of the web page that asked (a content script),
 * or null for Oqy's own pages: a page may only save an article under its own host, so that no
 * page can write over another site's saved article.
 */
export async function saveForOffline(given: Extraction, progress: (done: number, total: number) => void, fromPage: string | null = null): Promise<SaveReply> {
  if (!given.isArticle) return { ok: false, reason: 'failed', error: t('readerNotArticle') };
  try {
    const fitted = fitForLibrary(given);
    if (!fitted.ok) return { ok: false, reason: 'failed', error: t(fitted.reason === 'address' ? 'saveRefusedAddress' : 'saveRefusedSize') };
    const article = fitted.article;
    if (fromPage !== null && !sameHost(new URL(article.url).hostname, new URL(fromPage).hostname)) {
      return { ok: false, reason: 'failed', error: t('saveRefusedAddress') };
    }
    const images = await fetchImages(article.images, progress);
    const database = await library();
    const replaced = (await database.get('articles', article.url)) !== undefined;
    const saved = await saveArticle(database, article, images);
    await noteSavedInFirstRows(saved);
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
