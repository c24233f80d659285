/**
 * Export and import of the offline library: one JSON file with every article, its text and its
 * images (base64). The format is documented in docs/library-format.md.
 *
 * Import reads the whole file first and judges it article by article: a file that is not an
 * Oqy export, is damaged, or comes from a newer Oqy is refused whole, with a reason for each;
 * within a sound file, an article past the limits (article-limits.ts, the same a save keeps
 * to) or with a bad field is refused alone, with why, and the rest come in. The write is one
 * transaction, which returns what it replaced, so an import can be undone.
 */
import { ARTICLE_LIMITS, EARLIEST_SAVE, isImageType, isWebAddress, saneDate, saneViews, textMeasures } from './article-limits.ts';
import { exportReading, parseReadingFields, upgradeLibraryFile, type ExportedHighlight, type ExportedReading } from './reading-transfer.ts';
import { readReading } from './reading-db.ts';
import {
  imageKey,
  isQuotaError,
  replaceFullArticles,
  restoreArticles,
  searchIndexOf,
  type FullArticle,
  type ImageRef,
  type LibraryDb,
  type SavedArticle,
  type StoredImage,
} from './library-db.ts';

export const LIBRARY_FORMAT = 'oqy-library';
export const LIBRARY_FORMAT_VERSION = 2;
/** Versions import reads (version 1 through upgradeLibraryFile). */
const READABLE_VERSIONS: readonly unknown[] = [1, 2];

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

/** Why an article of a sound file was left out. */
export type RefusalReason =
  /** A field missing, of the wrong type, or not what the format says. */
  | 'fields'
  /** An address that is not http(s), or an id that is not the article's address. */
  | 'address'
  /** Past a limit: a text too long, too many images, an image too large. */
  | 'size'
  /** Image data that is not the base64 the format has. */
  | 'image'
  /** The same article earlier in the file. */
  | 'duplicate';

export interface RefusedArticle {
  /** Its place in the file's list, from 0. */
  index: number;
  /** Its id and title where the file gives them as text (cut short), for telling the reader which. */
  id: string | null;
  title: string | null;
  reason: RefusalReason;
  /** The field and the fault, for logs and tests. */
  detail: string;
}

/** Why a whole file was refused: not an Oqy export at all, an export that is damaged, or one from a newer Oqy. */
export type FileRefusal = 'foreign' | 'damaged' | 'newer';

export type ParseResult =
  | {
      ok: true;
      entries: FullArticle[];
      refused: RefusedArticle[];
      /** Images whose type was not an image's: taken in as missing. */
      imagesDropped: number;
      exportedAt: string;
    }
  | { ok: false; reason: FileRefusal; detail: string };

export type ImportResult =
  | {
      ok: true;
      count: number;
      /** What the import wrote over (earlier saves of the same articles), for undo. */
      replaced: FullArticle[];
    }
  | { ok: false; reason: 'quota' | 'failed'; error: string };

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

class Invalid extends Error {
  constructor(
    readonly reason: RefusalReason,
    message: string,
  ) {
    super(message);
  }
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function fail(path: string, what: string, reason: RefusalReason = 'fields'): never {
  throw new Invalid(reason, `${path}: ${what}`);
}

function str(o: Json, key: string, path: string, max: number): string {
  const v = o[key];
  if (typeof v !== 'string') fail(`${path}.${key}`, 'not a string');
  if (v.length > max) fail(`${path}.${key}`, `longer than ${max} characters`, 'size');
  return v;
}

function strOrNull(o: Json, key: string, path: string, max: number): string | null {
  return o[key] === null ? null : str(o, key, path, max);
}

function webUrl(o: Json, key: string, path: string): string {
  const value = str(o, key, path, ARTICLE_LIMITS.url);
  if (!isWebAddress(value)) fail(`${path}.${key}`, 'not an http(s) URL', 'address');
  return value;
}

/** A date field: a string or null; one that does not parse to a plausible date is taken as unknown. */
function dateField(o: Json, key: string, path: string): string | null {
  return saneDate(strOrNull(o, key, path, ARTICLE_LIMITS.short));
}

function parseImage(raw: unknown, path: string, articleId: string, index: number): { ref: ImageRef; stored: StoredImage | null; dropped: boolean } {
  if (!isObject(raw)) fail(path, 'not an object');
  const url = webUrl(raw, 'url', path);
  if (typeof raw.missing !== 'boolean') fail(`${path}.missing`, 'not true or false');
  const type = str(raw, 'type', path, ARTICLE_LIMITS.type);
  const missing = { ref: { url, key: null, missing: true, bytes: 0 }, stored: null };
  if (raw.missing) {
    if (raw.data !== null) fail(`${path}.data`, 'a missing image with data', 'image');
    return { ...missing, dropped: false };
  }
  if (typeof raw.data !== 'string') fail(`${path}.data`, 'an image that is not missing without data', 'image');
  if (raw.data.length % 4 !== 0) fail(`${path}.data`, 'not base64', 'image');
  if (decodedLength(raw.data) > ARTICLE_LIMITS.imageBytes) fail(`${path}.data`, `larger than ${ARTICLE_LIMITS.imageBytes} bytes`, 'size');
  const bytes = base64ToBytes(raw.data);
  if (!bytes) fail(`${path}.data`, 'not base64', 'image');
  // Bytes that do not say they are an image (or say SVG) are not kept: the image comes in as missing.
  if (!isImageType(type) || bytes.length === 0) return { ...missing, dropped: true };
  const blob = new Blob([bytes], { type });
  const key = imageKey(articleId, index);
  return { ref: { url, key, missing: false, bytes: blob.size }, stored: { key, articleId, url, blob }, dropped: false };
}

function parseArticle(raw: unknown, path: string, now: number): { entry: FullArticle; dropped: number } {
  if (!isObject(raw)) fail(path, 'not an object');
  const url = webUrl(raw, 'url', path);
  const id = str(raw, 'id', path, ARTICLE_LIMITS.url);
  // The id is the library's key for the article's address: an id naming another address could replace that article.
  if (id !== url) fail(`${path}.id`, 'not the article\'s url', 'address');
  const site = str(raw, 'site', path, ARTICLE_LIMITS.short);
  const lang = strOrNull(raw, 'lang', path, ARTICLE_LIMITS.lang);
  const title = str(raw, 'title', path, ARTICLE_LIMITS.short);
  let source: SavedArticle['source'] = null;
  if (raw.source !== null) {
    if (!isObject(raw.source)) fail(`${path}.source`, 'not an object or null');
    source = {
      name: str(raw.source, 'name', `${path}.source`, ARTICLE_LIMITS.short),
      url: raw.source.url === null ? null : webUrl(raw.source, 'url', `${path}.source`),
    };
  }
  if (raw.views !== null && typeof raw.views !== 'number') fail(`${path}.views`, 'not a number or null');
  // A view count no page has had is taken as unknown rather than shown as a 22-digit number.
  const views = saneViews(raw.views);
  const archivedAt = dateField(raw, 'archivedAt', path);
  const publishedAt = dateField(raw, 'publishedAt', path);
  const excerpt = strOrNull(raw, 'excerpt', path, ARTICLE_LIMITS.short);
  const savedAt = raw.savedAt;
  if (typeof savedAt !== 'number' || !Number.isFinite(savedAt)) fail(`${path}.savedAt`, 'not a time');
  const contentHtml = str(raw, 'contentHtml', path, ARTICLE_LIMITS.text);
  const textContent = str(raw, 'textContent', path, ARTICLE_LIMITS.text);
  if (!Array.isArray(raw.images)) fail(`${path}.images`, 'not a list');
  if (raw.images.length > ARTICLE_LIMITS.images) fail(`${path}.images`, `more than ${ARTICLE_LIMITS.images}`, 'size');
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
    // Recomputed from the text: a file's own counts are not believed (a reading time of 1e300 minutes).
    ...textMeasures(textContent, lang),
    // A save time in the future would keep the article first in the list for ever.
    savedAt: Math.min(Math.max(savedAt, EARLIEST_SAVE), now),
    images: refs,
    bytes: textBytes + refs.reduce((n, r) => n + r.bytes, 0),
  };
  return {
    entry: {
      article,
      body: { id, contentHtml, textContent, words: searchIndexOf({ title, textContent, lang }) },
      images,
      ...parseReadingFields(raw, path, id, (at, what) => fail(at, what)),
    },
    dropped: parsed.filter((p) => p.dropped).length,
  };
}

/** The start of what this Oqy writes: a file that begins so and does not parse was cut short or edited. */
const EXPORT_START = /^\s*\{\s*"format"\s*:\s*"oqy-library"/;

/** Text of a field, for naming a refused article: a string, cut short; else null. */
const nameOf = (raw: unknown, key: string): string | null => {
  const v = isObject(raw) ? raw[key] : null;
  return typeof v === 'string' && v ? v.slice(0, 300) : null;
};

/**
 * Reads a library file and checks all of it. Nothing is written. The file as a whole is
 * refused where it is not an Oqy export (`foreign`), is one but cannot be read (`damaged`: cut
 * short, edited, the list of articles gone) or is of a later format version (`newer`). Within a
 * sound file each article is checked alone: those with a fault are listed in `refused` with
 * the reason, the others are taken. `now` bounds save times (a clock for tests).
 */
export function parseLibraryFile(text: string, now: number = Date.now()): ParseResult {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    const detail = String((e as Error)?.message ?? e);
    return EXPORT_START.test(text.slice(0, 200)) ? { ok: false, reason: 'damaged', detail: `not JSON: ${detail}` } : { ok: false, reason: 'foreign', detail: `not JSON: ${detail}` };
  }
  if (!isObject(data) || data.format !== LIBRARY_FORMAT) return { ok: false, reason: 'foreign', detail: 'no "format": "oqy-library" marker' };
  const version = data.version;
  if (typeof version === 'number' && Number.isInteger(version) && version > LIBRARY_FORMAT_VERSION) {
    return { ok: false, reason: 'newer', detail: `version ${version}, this Oqy reads ${READABLE_VERSIONS.join(' and ')}` };
  }
  if (!READABLE_VERSIONS.includes(version)) return { ok: false, reason: 'damaged', detail: `version ${JSON.stringify(version)}` };
  const current = upgradeLibraryFile(data);
  const exportedAt = typeof data.exportedAt === 'string' ? saneDate(data.exportedAt) : null;
  if (exportedAt === null) return { ok: false, reason: 'damaged', detail: '$.exportedAt: not a date' };
  if (!Array.isArray(data.articles)) return { ok: false, reason: 'damaged', detail: '$.articles: not a list' };

  const entries: FullArticle[] = [];
  const refused: RefusedArticle[] = [];
  const seen = new Set<string>();
  let imagesDropped = 0;
  (current.articles as unknown[]).forEach((raw: unknown, index) => {
    const path = `$.articles[${index}]`;
    const which = { index, id: nameOf(raw, 'id'), title: nameOf(raw, 'title') };
    try {
      const { entry, dropped } = parseArticle(raw, path, now);
      if (seen.has(entry.article.id)) fail(`${path}.id`, 'the same id twice', 'duplicate');
      seen.add(entry.article.id);
      entries.push(entry);
      imagesDropped += dropped;
    } catch (e) {
      if (!(e instanceof Invalid)) throw e;
      refused.push({ ...which, reason: e.reason, detail: e.message });
    }
  });
  return { ok: true, entries, refused, imagesDropped, exportedAt };
}

// ---------------------------------------------------------------------------------------------
// Import

/**
 * Writes parsed entries in one transaction: an article whose id is already in the library is
 * replaced, with its old images, and what it replaced is returned (undoImport puts it back).
 * On any failure nothing is changed.
 */
export async function importLibrary(db: LibraryDb, entries: readonly FullArticle[]): Promise<ImportResult> {
  try {
    const replaced = await replaceFullArticles(db, entries);
    return { ok: true, count: entries.length, replaced };
  } catch (e) {
    return { ok: false, reason: isQuotaError(e) ? 'quota' : 'failed', error: String((e as Error)?.message ?? e) || String((e as Error)?.name) };
  }
}

/** Takes an import back: its articles removed, the saves it replaced restored, in one transaction. */
export async function undoImport(db: LibraryDb, imported: readonly FullArticle[], replaced: readonly FullArticle[]): Promise<void> {
  await restoreArticles(db, imported.map((e) => e.article.id), replaced);
}
