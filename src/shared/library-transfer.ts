/**
 * Export and import of the offline library: one JSON file with every article, its text and its
 * images (base64). The format is documented in docs/library-format.md.
 *
 * Import is all or nothing: the whole file is parsed and checked before anything is written,
 * and the write is one transaction (putFullArticles), so a bad file or a full disk leaves the
 * library as it was.
 */
import { exportReading, parseReadingFields, upgradeLibraryFile, type ExportedHighlight, type ExportedReading } from './reading-transfer.ts';
import { readReading } from './reading-db.ts';
import { imageKey, isQuotaError, putFullArticles, searchIndexOf, type FullArticle, type ImageRef, type LibraryDb, type SavedArticle, type StoredImage } from './library-db.ts';

export const LIBRARY_FORMAT = 'oqy-library';
export const LIBRARY_FORMAT_VERSION = 2;
/** Versions import reads (version 1 through upgradeLibraryFile). */
const READABLE_VERSIONS: readonly unknown[] = [1, 2];

/** Limits an import holds every article to; a file past them is refused whole. */
export const IMPORT_LIMITS = {
  /** Characters of an id or a URL. */
  url: 8192,
  /** Characters of the title, the site name, the source name, the excerpt, a date string. */
  short: 10_000,
  /** Characters of contentHtml and of textContent. */
  text: 20_000_000,
  /** Images per article. */
  images: 1000,
  /** Bytes of one image, decoded (the saver leaves larger images as missing: 15 MB). */
  imageBytes: 15 * 1024 * 1024,
  /** Characters of an image's MIME type. */
  type: 255,
} as const;

/** One article as the file holds it. */
export interface ExportedArticle {
  id: string;
  url: string;
  site: string;
  lang: string | null;
  title: string;
  source: { name: string; url: string | null } | null;
  views: number | null;
  archivedAt: string | null;
  publishedAt: string | null;
  excerpt: string | null;
  wordCount: number;
  readingMinutes: number;
  savedAt: number;
  /** Bytes the article took in the library (informative: recomputed on import). */
  bytes: number;
  contentHtml: string;
  textContent: string;
  images: ExportedImage[];
  /** Version 2: where the reader stopped (null: never opened); absent: keep the library's. */
  reading?: ExportedReading | null;
  /** Version 2: the passages marked; absent: keep the library's. */
  highlights?: ExportedHighlight[];
}

export interface ExportedImage {
  url: string;
  missing: boolean;
  /** MIME type of the stored image ("" where unknown or missing). */
  type: string;
  /** The image's bytes in base64 (RFC 4648 §4, padded), or null where it is missing. */
  data: string | null;
}

export interface LibraryFile {
  format: typeof LIBRARY_FORMAT;
  version: typeof LIBRARY_FORMAT_VERSION;
  exportedAt: string;
  articles: ExportedArticle[];
}

export type ParseResult =
  | { ok: true; entries: FullArticle[]; exportedAt: string }
  | { ok: false; reason: 'not-json' | 'foreign' | 'version' | 'invalid'; detail: string };

export type ImportResult = { ok: true; count: number } | { ok: false; reason: 'quota' | 'failed'; error: string };

// ---------------------------------------------------------------------------------------------
// Base64 without Node's Buffer (runs in extension pages and in Node alike).

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

export function bytesToBase64(bytes: Uint8Array): string {
  const chunks: string[] = [];
  for (let i = 0; i < bytes.length; i += 0x8000) chunks.push(String.fromCharCode(...bytes.subarray(i, i + 0x8000)));
  return btoa(chunks.join(''));
}

/** The bytes of strict, padded base64; null for anything else (whitespace, URL alphabet, bad padding). */
export function base64ToBytes(text: string): Uint8Array<ArrayBuffer> | null {
  if (text.length % 4 !== 0 || !BASE64.test(text)) return null;
  try {
    const binary = atob(text);
    const out = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
    return out;
  } catch {
    return null;
  }
}

function decodedLength(base64: string): number {
  const padding = base64.endsWith('==') ? 2 : base64.endsWith('=') ? 1 : 0;
  return (base64.length / 4) * 3 - padding;
}

// ---------------------------------------------------------------------------------------------
// Export

/** How many articles are read in one transaction while exporting. */
const EXPORT_BATCH = 100;

async function readBatch(db: LibraryDb, ids: readonly string[]): Promise<FullArticle[]> {
  const tx = db.transaction(['articles', 'bodies', 'images', 'reading', 'highlights'], 'readonly');
  const read = await Promise.all(
    ids.map(async (id) => {
      const [article, body, images, kept] = await Promise.all([
        tx.objectStore('articles').get(id),
        tx.objectStore('bodies').get(id),
        tx.objectStore('images').index('articleId').getAll(id),
        readReading(tx, id),
      ]);
      return article && body ? ({ article, body, images, ...kept } as FullArticle) : null;
    }),
  );
  await tx.done;
  return read.filter((e): e is FullArticle => e !== null);
}

/** One stored article as the file writes it. */
export async function toExported({ article, body, images }: FullArticle): Promise<ExportedArticle> {
  const byKey = new Map(images.map((image) => [image.key, image]));
  const out: ExportedImage[] = [];
  for (const ref of article.images) {
    const stored = ref.key ? byKey.get(ref.key) : undefined;
    // A reference without its stored image is written as what it is: missing.
    if (ref.missing || !stored) out.push({ url: ref.url, missing: true, type: '', data: null });
    else out.push({ url: ref.url, missing: false, type: stored.blob.type, data: bytesToBase64(new Uint8Array(await stored.blob.arrayBuffer())) });
  }
  return {
    id: article.id,
    url: article.url,
    site: article.site,
    lang: article.lang,
    title: article.title,
    source: article.source ? { name: article.source.name, url: article.source.url } : null,
    views: article.views,
    archivedAt: article.archivedAt,
    publishedAt: article.publishedAt,
    excerpt: article.excerpt,
    wordCount: article.wordCount,
    readingMinutes: article.readingMinutes,
    savedAt: article.savedAt,
    bytes: article.bytes,
    contentHtml: body.contentHtml,
    textContent: body.textContent,
    images: out,
  };
}

/**
 * The whole library as one JSON file (a Blob, type application/json), newest article first.
 * `progress(done, total)` is called after each batch. The file is built batch by batch as Blob
 * parts, so the browser can keep a large export out of the page's memory.
 */
export async function exportLibrary(
  db: LibraryDb,
  progress?: (done: number, total: number) => void,
  now: Date = new Date(),
): Promise<Blob> {
  const ids = (await db.getAllKeysFromIndex('articles', 'savedAt')).reverse();
  const total = ids.length;
  const head = `{"format":${JSON.stringify(LIBRARY_FORMAT)},"version":${LIBRARY_FORMAT_VERSION},"exportedAt":${JSON.stringify(now.toISOString())},"articles":[`;
  const parts: BlobPart[] = [head];
  let done = 0;
  let first = true;
  progress?.(0, total);
  for (let i = 0; i < ids.length; i += EXPORT_BATCH) {
    const batch = await readBatch(db, ids.slice(i, i + EXPORT_BATCH));
    const strings: string[] = [];
    for (const entry of batch) {
      strings.push(`${first ? '' : ','}\n${JSON.stringify({ ...(await toExported(entry)), ...exportReading(entry) })}`);
      first = false;
    }
    parts.push(new Blob(strings));
    done = Math.min(total, i + EXPORT_BATCH);
    progress?.(done, total);
  }
  parts.push('\n]}\n');
  return new Blob(parts, { type: 'application/json' });
}

/** oqy-library-YYYY-MM-DD.json, in the local date. */
export function exportFileName(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `oqy-library-${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}.json`;
}

// ---------------------------------------------------------------------------------------------
// Parse and validate

class Invalid extends Error {}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function fail(path: string, what: string): never {
  throw new Invalid(`${path}: ${what}`);
}

function str(o: Json, key: string, path: string, max: number): string {
  const v = o[key];
  if (typeof v !== 'string') fail(`${path}.${key}`, 'not a string');
  if (v.length > max) fail(`${path}.${key}`, `longer than ${max} characters`);
  return v;
}

function strOrNull(o: Json, key: string, path: string, max: number): string | null {
  return o[key] === null ? null : str(o, key, path, max);
}

function count(o: Json, key: string, path: string, integer: boolean): number {
  const v = o[key];
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) fail(`${path}.${key}`, 'not a number of 0 or more');
  if (integer && !Number.isInteger(v)) fail(`${path}.${key}`, 'not a whole number');
  return v;
}

function webUrl(value: string, path: string): string {
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    fail(path, 'not a URL');
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') fail(path, 'not an http(s) URL');
  return value;
}

function dateString(o: Json, key: string, path: string): string | null {
  const v = strOrNull(o, key, path, IMPORT_LIMITS.short);
  if (v !== null && Number.isNaN(Date.parse(v))) fail(`${path}.${key}`, 'not a date');
  return v;
}

function parseImage(raw: unknown, path: string, articleId: string, index: number): { ref: ImageRef; stored: StoredImage | null } {
  if (!isObject(raw)) fail(path, 'not an object');
  const url = webUrl(str(raw, 'url', path, IMPORT_LIMITS.url), `${path}.url`);
  if (typeof raw.missing !== 'boolean') fail(`${path}.missing`, 'not true or false');
  const type = str(raw, 'type', path, IMPORT_LIMITS.type);
  if (raw.missing) {
    if (raw.data !== null) fail(`${path}.data`, 'a missing image with data');
    return { ref: { url, key: null, missing: true, bytes: 0 }, stored: null };
  }
  if (typeof raw.data !== 'string') fail(`${path}.data`, 'an image that is not missing without data');
  if (raw.data.length % 4 !== 0 || decodedLength(raw.data) > IMPORT_LIMITS.imageBytes) {
    fail(`${path}.data`, raw.data.length % 4 ? 'not base64' : `larger than ${IMPORT_LIMITS.imageBytes} bytes`);
  }
  const bytes = base64ToBytes(raw.data);
  if (!bytes) fail(`${path}.data`, 'not base64');
  const blob = new Blob([bytes], { type });
  const key = imageKey(articleId, index);
  return { ref: { url, key, missing: false, bytes: blob.size }, stored: { key, articleId, url, blob } };
}

function parseArticle(raw: unknown, path: string): FullArticle {
  if (!isObject(raw)) fail(path, 'not an object');
  const id = str(raw, 'id', path, IMPORT_LIMITS.url);
  if (!id) fail(`${path}.id`, 'empty');
  const url = webUrl(str(raw, 'url', path, IMPORT_LIMITS.url), `${path}.url`);
  const site = str(raw, 'site', path, IMPORT_LIMITS.short);
  const lang = strOrNull(raw, 'lang', path, 35);
  const title = str(raw, 'title', path, IMPORT_LIMITS.short);
  let source: SavedArticle['source'] = null;
  if (raw.source !== null) {
    if (!isObject(raw.source)) fail(`${path}.source`, 'not an object or null');
    const sourceUrl = strOrNull(raw.source, 'url', `${path}.source`, IMPORT_LIMITS.url);
    source = {
      name: str(raw.source, 'name', `${path}.source`, IMPORT_LIMITS.short),
      url: sourceUrl === null ? null : webUrl(sourceUrl, `${path}.source.url`),
    };
  }
  const views = raw.views === null ? null : count(raw, 'views', path, true);
  const archivedAt = dateString(raw, 'archivedAt', path);
  const publishedAt = dateString(raw, 'publishedAt', path);
  const excerpt = strOrNull(raw, 'excerpt', path, IMPORT_LIMITS.short);
  const wordCount = count(raw, 'wordCount', path, true);
  const readingMinutes = count(raw, 'readingMinutes', path, false);
  const savedAt = count(raw, 'savedAt', path, false);
  if (Number.isNaN(new Date(savedAt).getTime())) fail(`${path}.savedAt`, 'not a time');
  if ('bytes' in raw) count(raw, 'bytes', path, true);
  const contentHtml = str(raw, 'contentHtml', path, IMPORT_LIMITS.text);
  const textContent = str(raw, 'textContent', path, IMPORT_LIMITS.text);
  if (!Array.isArray(raw.images)) fail(`${path}.images`, 'not a list');
  if (raw.images.length > IMPORT_LIMITS.images) fail(`${path}.images`, `more than ${IMPORT_LIMITS.images}`);
  const parsed = raw.images.map((image, i) => parseImage(image, `${path}.images[${i}]`, id, i));
  const refs = parsed.map((p) => p.ref);
  const images = parsed.flatMap((p) => (p.stored ? [p.stored] : []));
  const textBytes = new Blob([contentHtml, textContent]).size;
  const article: SavedArticle = {
    id,
    url,
    site,
    lang,
    title,
    source,
    views,
    archivedAt,
    publishedAt,
    excerpt,
    wordCount,
    readingMinutes,
    savedAt,
    images: refs,
    bytes: textBytes + refs.reduce((n, r) => n + r.bytes, 0),
  };
  return { article, body: { id, contentHtml, textContent, words: searchIndexOf({ title, textContent, lang }) }, images, ...parseReadingFields(raw, path, id, fail) };
}

/**
 * Reads a library file and checks all of it: the format marker, the version, every field's
 * type, every URL, every image's base64, the sizes. Nothing is written; a file with any fault
 * is refused whole, with the first fault found as `detail` (for logs, not for the reader).
 */
export function parseLibraryFile(text: string): ParseResult {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return { ok: false, reason: 'not-json', detail: String((e as Error)?.message ?? e) };
  }
  if (!isObject(data) || data.format !== LIBRARY_FORMAT) return { ok: false, reason: 'foreign', detail: 'no "format": "oqy-library" marker' };
  if (!READABLE_VERSIONS.includes(data.version)) return { ok: false, reason: 'version', detail: `version ${JSON.stringify(data.version)}, this Oqy reads ${READABLE_VERSIONS.join(' and ')}` };
  const current = upgradeLibraryFile(data);
  try {
    const exportedAt = dateString(data, 'exportedAt', '$');
    if (exportedAt === null) fail('$.exportedAt', 'missing');
    if (!Array.isArray(data.articles)) fail('$.articles', 'not a list');
    const entries = (current.articles as unknown[]).map((raw, i) => parseArticle(raw, `$.articles[${i}]`));
    const seen = new Set<string>();
    for (const [i, { article }] of entries.entries()) {
      if (seen.has(article.id)) fail(`$.articles[${i}].id`, 'the same id twice');
      seen.add(article.id);
    }
    return { ok: true, entries, exportedAt };
  } catch (e) {
    if (e instanceof Invalid) return { ok: false, reason: 'invalid', detail: e.message };
    throw e;
  }
}

// ---------------------------------------------------------------------------------------------
// Import

/**
 * Writes parsed entries in one transaction (putFullArticles): an article whose id is already in
 * the library is replaced, with its old images. On any failure nothing is changed.
 */
export async function importLibrary(db: LibraryDb, entries: readonly FullArticle[]): Promise<ImportResult> {
  try {
    await putFullArticles(db, entries);
    return { ok: true, count: entries.length };
  } catch (e) {
    return { ok: false, reason: isQuotaError(e) ? 'quota' : 'failed', error: String((e as Error)?.message ?? e) || String((e as Error)?.name) };
  }
}
