/**
 * Export and import of the offline library: one JSON file with every article, its text and its
 * images (base64). The format is documented in docs/library-format.md.
 *
 * Import reads the whole file first and judges it article by article: a file that is not an
 * Oqy export, is damaged, or comes from a newer Oqy is refused whole, with a reason for each;
 * within a sound file, an article past the limits (article-limits.ts, the same a save keeps
 * to) or with a bad field is refused alone, with why, and the rest come in. The articles are
 * written in batches, a transaction each, while the next batch is judged; each batch returns
 * what it replaced, so an import can be undone, and a batch that fails has the batches before
 * it taken back, with the saves they replaced put back, so that a failed import leaves the
 * library as it was. Where putting a save back fails too (the disk is full), that save is handed
 * back to the caller, to be kept as a file, rather than lost.
 */
import { ARTICLE_LIMITS, EARLIEST_SAVE, isImageType, isWebAddress, saneDate, saneViews, textMeasures } from './article-limits.ts';
import { exportReading, parseReadingFields, upgradeLibraryFile, type ExportedHighlight, type ExportedReading } from './reading-transfer.ts';
import { readReading } from './reading-db.ts';
import { FileSyntaxError, LibraryFileReader, TOO_LONG, type FileEvent, type ReaderLimits } from './library-file-reader.ts';
import {
  imageKey,
  isQuotaError,
  replaceFullArticles,
  restoreArticles,
  searchIndexOf,
  utf8Bytes,
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
  | {
      ok: false;
      reason: 'quota' | 'failed';
      error: string;
      /**
       * Articles of the batches written before the failure that are still in the library: 0
       * where they were taken back (the library is as it was), or where none had been written.
       */
      kept: number;
      /**
       * Earlier saves the import had replaced that could not be put back (their imported
       * versions stay in the library): held nowhere else, so the caller keeps them (as a file).
       */
      unrestored: FullArticle[];
    };

export interface ImportOptions {
  /**
   * Told after each batch: articles dealt with (written or refused), of how many (null while a
   * file is still being read), and the share of the file read (0 to 1).
   */
  progress?(done: number, total: number | null, share: number): void;
  /** Articles written in one transaction. */
  batchSize?: number;
  /** Told of each batch once it is written (the library page puts it in its search index). */
  written?(entries: readonly FullArticle[]): void;
  /** Writes one batch and returns what it replaced (replaceFullArticles; a stand-in in tests). */
  write?(db: LibraryDb, entries: readonly FullArticle[]): Promise<FullArticle[]>;
  /** Takes written articles back and puts back what they replaced (restoreArticles; a stand-in in tests). */
  restore?(db: LibraryDb, written: readonly string[], previous: readonly FullArticle[]): Promise<void>;
}

/** Articles an import writes in one transaction (the transactions of Chromium's IndexedDB cost the least by about 250). */
export const IMPORT_BATCH = 200;
/** Articles the `written` hook is told of at a time. */
const HOOK_SLICE = 10;

// ---------------------------------------------------------------------------------------------
// Base64 without Node's Buffer (runs in extension pages and in Node alike).

const ALPHABET = /^[A-Za-z0-9+/]*$/;
/** Characters of base64 decoded at a time (a multiple of 4): no string as long as a large image is made. */
const BASE64_CHUNK = 1 << 16;

export function bytesToBase64(bytes: Uint8Array): string {
  // Chunks of a multiple of 3 bytes encode to base64 that joins up without padding inside.
  const chunks: string[] = [];
  for (let i = 0; i < bytes.length; i += 0xc000) {
    const part = bytes.subarray(i, i + 0xc000);
    const codes: string[] = [];
    for (let k = 0; k < part.length; k += 0x3000) codes.push(String.fromCharCode(...part.subarray(k, k + 0x3000)));
    chunks.push(btoa(codes.join('')));
  }
  return chunks.join('');
}

/** The browser's own decoder (Chromium 140, Firefox 133 and later), many times quicker than atob and a copy. */
const fromBase64 = (Uint8Array as unknown as { fromBase64?: (text: string) => Uint8Array<ArrayBuffer> }).fromBase64;

/** The bytes of strict, padded base64; null for anything else (whitespace, URL alphabet, bad padding). */
export function base64ToBytes(text: string): Uint8Array<ArrayBuffer> | null {
  if (text.length % 4 !== 0) return null;
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  if (fromBase64) {
    // It passes over whitespace, which the format does not allow: the alphabet is checked first.
    // (Its default, like atob, lets the bits after the last byte be anything.)
    if (!ALPHABET.test(text.slice(0, text.length - padding))) return null;
    try {
      return fromBase64.call(Uint8Array, text);
    } catch {
      return null;
    }
  }
  const out = new Uint8Array((text.length / 4) * 3 - padding);
  try {
    for (let at = 0, written = 0; at < text.length; at += BASE64_CHUNK) {
      const chunk = text.slice(at, at + BASE64_CHUNK);
      const last = at + BASE64_CHUNK >= text.length;
      if (!ALPHABET.test(last ? chunk.slice(0, chunk.length - padding) : chunk)) return null;
      const binary = atob(chunk);
      for (let i = 0; i < binary.length; i++) out[written++] = binary.charCodeAt(i);
    }
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

/** How many articles are read in one transaction while exporting (and between reports of progress). */
const EXPORT_BATCH = 50;

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
      // The file has no search words: an import computes them again.
      return article && body ? ({ article, body: { ...body, words: [] }, images, ...kept } as FullArticle) : null;
    }),
  );
  await tx.done;
  return read.filter((e): e is FullArticle => e !== null);
}

/** One stored article as the file writes it. */
export async function toExported({ article, body, images }: FullArticle): Promise<ExportedArticle> {
  const byKey = new Map(images.map((image) => [image.key, image]));
  const out = await Promise.all(
    article.images.map(async (ref): Promise<ExportedImage> => {
      const stored = ref.key ? byKey.get(ref.key) : undefined;
      // A reference without its stored image is written as what it is: missing.
      if (ref.missing || !stored) return { url: ref.url, missing: true, type: '', data: null };
      return { url: ref.url, missing: false, type: stored.blob.type, data: bytesToBase64(new Uint8Array(await stored.blob.arrayBuffer())) };
    }),
  );
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
 * parts, so the browser can keep a large export out of the page's memory, and the page is
 * free between batches (to show the progress).
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
  let first = true;
  progress?.(0, total);
  // The next batch is read while this one is written out.
  let next = ids.length ? readBatch(db, ids.slice(0, EXPORT_BATCH)) : null;
  for (let i = 0; next; i += EXPORT_BATCH) {
    const batch = await next;
    next = i + EXPORT_BATCH < ids.length ? readBatch(db, ids.slice(i + EXPORT_BATCH, i + 2 * EXPORT_BATCH)) : null;
    const exported = await Promise.all(batch.map(toExported));
    const strings: string[] = [];
    exported.forEach((article, k) => {
      strings.push(`${first ? '' : ','}\n${JSON.stringify({ ...article, ...exportReading(batch[k]!) })}`);
      first = false;
    });
    parts.push(new Blob(strings));
    progress?.(Math.min(total, i + EXPORT_BATCH), total);
  }
  parts.push('\n]}\n');
  return new Blob(parts, { type: 'application/json' });
}

/**
 * Articles held in memory (the saves a failed import could not put back) as a library file,
 * in the format exportLibrary writes, so that importing it puts them back.
 */
export async function exportArticles(entries: readonly FullArticle[], now: Date = new Date()): Promise<Blob> {
  const articles = await Promise.all(entries.map(async (entry) => ({ ...(await toExported(entry)), ...exportReading(entry) })));
  const file = { format: LIBRARY_FORMAT, version: LIBRARY_FORMAT_VERSION, exportedAt: now.toISOString(), articles };
  return new Blob([JSON.stringify(file)], { type: 'application/json' });
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
  // The URL parser drops line breaks and tabs, and writes half a surrogate pair as U+FFFD: an
  // id that has them is no address as the browser writes it. The library's stored search
  // index keeps its ids one a line, which an id with a line break would break.
  if (UNSAFE_ID.test(id)) fail(`${path}.id`, 'a control character or half a surrogate pair', 'address');
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
  const textBytes = utf8Bytes(contentHtml) + utf8Bytes(textContent);
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

/** A control character, or a surrogate without its other half. */
const UNSAFE_ID = /[\u0000-\u001f\u007f-\u009f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** The start of what this Oqy writes: a file that begins so and does not parse was cut short or edited. */
const EXPORT_START = /^\s*\{\s*"format"\s*:\s*"oqy-library"/;

/** Text of a field, for naming a refused article: a string, cut short; else null. */
const nameOf = (raw: unknown, key: string): string | null => {
  const v = isObject(raw) ? raw[key] : null;
  return typeof v === 'string' && v ? v.slice(0, 300) : null;
};

/**
 * What the file reader keeps apart from the articles, and its bounds. An article is at most
 * two texts of ARTICLE_LIMITS.text and its images: past 128 million characters of JSON (256 MB
 * in memory) it is refused for its size without being parsed, which also keeps the file within
 * what a browser can hold as one string. No field of the format nests deeper than 4.
 */
const FRAME_FIELDS: ReadonlySet<string> = new Set(['format', 'version', 'exportedAt', 'articles']);
export const READER_LIMITS: ReaderLimits = { maxArticle: 1 << 27, maxDepth: 32, maxField: 10_000 };

/** A whole file refused (see FileRefusal). */
class Refused extends Error {
  constructor(
    readonly reason: FileRefusal,
    readonly detail: string,
  ) {
    super(detail);
  }
}

/** One element of the file's list of articles, as the reader gave it. */
type Item = Extract<FileEvent, { kind: 'article' }>;

/**
 * The frame of a file (everything but the articles), judged as soon as enough of it is read:
 * in a file this Oqy wrote, before the first article. Articles read before (a file whose fields
 * come in another order) wait for it.
 */
class FileFrame {
  private readonly fields = new Map<string, unknown>();
  private list = false;
  private ended = false;
  private pending: Item[] = [];
  decided: { version: 1 | 2; exportedAt: string } | null = null;

  /** Takes the reader's events; gives the articles ready to be judged. Throws Refused. */
  take(events: readonly FileEvent[]): Item[] {
    const ready: Item[] = [];
    for (const event of events) {
      if (event.kind === 'field') {
        if (event.key === 'articles') throw new Refused('damaged', '$.articles: not a list');
        this.fields.set(event.key, event.json === TOO_LONG ? TOO_LONG : parseJson(event.json, `$.${event.key}`));
      } else if (event.kind === 'list') this.list = true;
      else if (event.kind === 'end') this.ended = true;
      else (this.decided ? ready : this.pending).push(event);
      if (!this.decided && this.decide()) {
        ready.push(...this.pending);
        this.pending = [];
      }
    }
    if (this.ended && !this.list && this.decided) throw new Refused('damaged', '$.articles: not a list');
    return ready;
  }

  /** Whether the file is known to start as an Oqy export (a fault found later makes it damaged, not foreign). */
  get ours(): boolean {
    return this.fields.get('format') === LIBRARY_FORMAT;
  }

  /** True once the frame is sound; throws Refused where it is not; false while not enough is read. */
  private decide(): boolean {
    const { fields, ended } = this;
    if (!fields.has('format')) {
      if (ended) throw new Refused('foreign', 'no "format": "oqy-library" marker');
      return false;
    }
    if (fields.get('format') !== LIBRARY_FORMAT) throw new Refused('foreign', 'no "format": "oqy-library" marker');
    if (!fields.has('version') && !ended) return false;
    const version = fields.get('version');
    if (typeof version === 'number' && Number.isInteger(version) && version > LIBRARY_FORMAT_VERSION) {
      throw new Refused('newer', `version ${version}, this Oqy reads ${READABLE_VERSIONS.join(' and ')}`);
    }
    if (!READABLE_VERSIONS.includes(version)) throw new Refused('damaged', `version ${typeof version === 'symbol' ? 'too long' : JSON.stringify(version)}`);
    if (!fields.has('exportedAt') && !ended) return false;
    const raw = fields.get('exportedAt');
    const exportedAt = typeof raw === 'string' ? saneDate(raw) : null;
    if (exportedAt === null) throw new Refused('damaged', '$.exportedAt: not a date');
    this.decided = { version: version as 1 | 2, exportedAt };
    return true;
  }
}

/** A value of the file's frame or one article, parsed; a fault in it is the file's. */
function parseJson(text: string, path: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new FileSyntaxError(`${path}: ${String((e as Error)?.message ?? e)}`, 0);
  }
}

/** A fault the reader found, as the file's refusal: damaged where it starts as an export, else foreign. */
function refusalOf(e: unknown, head: string, frame: FileFrame): Refused {
  if (e instanceof Refused) return e;
  if (!(e instanceof FileSyntaxError)) throw e;
  const reason = frame.ours || EXPORT_START.test(head) ? 'damaged' : 'foreign';
  return new Refused(reason, `not JSON: ${e.message}`);
}

/** Judges the articles of one file in their order (a duplicate is the later one). */
class Judge {
  private readonly seen = new Set<string>();
  readonly refused: RefusedArticle[] = [];
  imagesDropped = 0;

  constructor(
    private readonly now: number,
    private readonly version: 1 | 2,
    private readonly limits: ReaderLimits = READER_LIMITS,
  ) {}

  /** The article as the library stores it, or null (it is then in `refused`). Throws Refused where its text is not JSON. */
  take(item: Item): FullArticle | null {
    const { index } = item;
    const path = `$.articles[${index}]`;
    if (item.json === null) {
      const [reason, detail]: [RefusalReason, string] =
        item.fault === 'deep' ? ['fields', `nested deeper than ${this.limits.maxDepth}`] : ['size', `longer than ${this.limits.maxArticle} characters in the file`];
      this.refused.push({ index, id: null, title: null, reason, detail: `${path}: ${detail}` });
      return null;
    }
    let raw = parseJson(item.json, path);
    // Version 1 had no reading fields: any there are not Oqy's (upgradeLibraryFile).
    if (this.version === 1) raw = (upgradeLibraryFile({ version: 1, articles: [raw] }).articles as unknown[])[0];
    try {
      // The same article again is known by its id before anything of it is decoded (a file of 10,000 copies).
      if (isObject(raw) && typeof raw.id === 'string' && this.seen.has(raw.id)) fail(`${path}.id`, 'the same id twice', 'duplicate');
      const { entry, dropped } = parseArticle(raw, path, this.now);
      if (this.seen.has(entry.article.id)) fail(`${path}.id`, 'the same id twice', 'duplicate');
      this.seen.add(entry.article.id);
      this.imagesDropped += dropped;
      return entry;
    } catch (e) {
      if (!(e instanceof Invalid)) throw e;
      this.refused.push({ index, id: nameOf(raw, 'id'), title: nameOf(raw, 'title'), reason: e.reason, detail: e.message });
      return null;
    }
  }
}

/**
 * Reads a library file and checks all of it. Nothing is written. The file as a whole is
 * refused where it is not an Oqy export (`foreign`), is one but cannot be read (`damaged`: cut
 * short, edited, the list of articles gone) or is of a later format version (`newer`). Within a
 * sound file each article is checked alone: those with a fault are listed in `refused` with
 * the reason, the others are taken. `now` bounds save times (a clock for tests).
 */
export function parseLibraryFile(text: string, now: number = Date.now()): ParseResult {
  const reader = new LibraryFileReader(FRAME_FIELDS, READER_LIMITS);
  const frame = new FileFrame();
  const entries: FullArticle[] = [];
  let judge: Judge | null = null;
  try {
    const items = frame.take(reader.push(text));
    reader.end();
    items.push(...frame.take([]));
    judge = new Judge(now, frame.decided!.version);
    for (const item of items) {
      const entry = judge.take(item);
      if (entry) entries.push(entry);
    }
  } catch (e) {
    const { reason, detail } = refusalOf(e, text.slice(0, 200), frame);
    return { ok: false, reason, detail };
  }
  return { ok: true, entries, refused: judge.refused, imagesDropped: judge.imagesDropped, exportedAt: frame.decided!.exportedAt };
}

// ---------------------------------------------------------------------------------------------
// Import

/** Why a write failed, as ImportResult gives it, with what could not be taken back. */
function writeFailure(e: unknown, left: Leftover): ImportResult {
  return { ok: false, reason: isQuotaError(e) ? 'quota' : 'failed', error: String((e as Error)?.message ?? e) || String((e as Error)?.name), ...left };
}

/** What a failed import could not take back (see ImportResult). */
interface Leftover {
  kept: number;
  unrestored: FullArticle[];
}

/**
 * Takes back what the batches of a failed import wrote: all in one transaction where it can
 * (the library is then exactly as it was), else a piece at a time, so that a save that does
 * not fit back keeps only itself out. The articles the import added are taken out before any
 * save is put back: that frees the room the saves need.
 */
async function takeBack(db: LibraryDb, written: readonly string[], replaced: readonly FullArticle[], restore: Required<ImportOptions>['restore']): Promise<Leftover> {
  const left: Leftover = { kept: 0, unrestored: [] };
  if (!written.length) return left;
  try {
    await restore(db, written, replaced);
    return left;
  } catch {
    // One piece at a time, below.
  }
  const saves = new Map(replaced.map((entry) => [entry.article.id, entry]));
  const added = written.filter((id) => !saves.has(id));
  if (added.length)
    await restore(db, added, []).catch(async () => {
      for (const id of added) await restore(db, [id], []).catch(() => left.kept++);
    });
  for (const entry of saves.values()) {
    await restore(db, [entry.article.id], [entry]).catch(() => {
      left.kept++;
      left.unrestored.push(entry);
    });
  }
  return left;
}

/** One batch to write: its articles, how many articles of the whole it reaches to, and how much of the file. */
interface Batch {
  entries: FullArticle[];
  /** Articles dealt with before this batch. */
  from: number;
  upTo: number;
  /** Of all the articles: known once the whole file is read. */
  total: number | null;
  /** The share of the file read, 0 to 1. */
  share: number;
}

/**
 * Writes articles batch by batch, `next()` giving each batch (made while the one before is
 * being written), telling `progress` after each. A batch that fails has the batches written
 * before it taken back, and the saves they replaced put back (takeBack).
 */
async function writeBatches(
  db: LibraryDb,
  next: () => Promise<Batch | null>,
  options: ImportOptions,
): Promise<ImportResult & { written: string[] }> {
  const write = options.write ?? replaceFullArticles;
  const written: string[] = [];
  const replaced: FullArticle[] = [];
  let writing: Promise<unknown> = Promise.resolve();
  let failure: { error: unknown } | null = null;
  for (let batch = await next(); batch; batch = await next()) {
    await writing;
    if (failure) break;
    const { entries, from, upTo, total, share } = batch;
    // Told as the batch goes to be written (in the same task as its transaction is opened), and again once it is.
    options.progress?.(from, total, share);
    writing = (entries.length ? write(db, entries) : Promise.resolve([]))
      .then(async (previous) => {
        written.push(...entries.map((e) => e.article.id));
        replaced.push(...previous);
        // A caller's hook that throws fails the import like a write does: taken back, not left
        // half done. It is told a few articles at a time, the page let go between (the library
        // page puts each in its search index, a millisecond or two an article).
        if (options.written) {
          let slice = performance.now();
          for (let i = 0; i < entries.length; i += HOOK_SLICE) {
            options.written(entries.slice(i, i + HOOK_SLICE));
            if (performance.now() - slice > SLICE_MS) {
              await yieldToPage();
              slice = performance.now();
            }
          }
        }
        options.progress?.(upTo, total, share);
      })
      .catch((error: unknown) => {
        failure = { error };
      });
  }
  await writing;
  if (!failure) return { ok: true, count: written.length, replaced, written };
  const { error } = failure as { error: unknown };
  return { ...writeFailure(error, await takeBack(db, written, replaced, options.restore ?? restoreArticles)), written: [] };
}

/**
 * Writes parsed entries, `batchSize` to a transaction: an article whose id is already in the
 * library is replaced, with its old images, and what it replaced is returned (undoImport puts
 * it back). On a failure the batches already written are taken back: nothing is changed.
 */
export async function importLibrary(db: LibraryDb, entries: readonly FullArticle[], options: ImportOptions = {}): Promise<ImportResult> {
  const size = options.batchSize ?? IMPORT_BATCH;
  let at = 0;
  const next = async (): Promise<Batch | null> => {
    if (at >= entries.length) return null;
    const upTo = Math.min(entries.length, at + size);
    const batch = { entries: entries.slice(at, upTo), from: at, upTo, total: entries.length, share: upTo / entries.length };
    at = upTo;
    return batch;
  };
  options.progress?.(0, entries.length, 0);
  const { written: _ids, ...result } = await writeBatches(db, next, options);
  return result;
}

/** What importing a file came to. */
export type FileImportResult =
  | { ok: false; reason: FileRefusal; detail: string }
  | (ImportResult & {
      /** Ids of the articles written, for undo. */
      imported: string[];
      refused: RefusedArticle[];
      imagesDropped: number;
    });

/** Characters of a file given as text that are read at a time. */
const TEXT_PIECE = 1 << 18;
/** Time the page is held by the judging of articles before it is let go (to draw, to answer). */
const SLICE_MS = 25;
/** Characters of the articles' JSON in one batch, at most (articles with large images make large batches). */
const BATCH_CHARS = 24 << 20;
/** The first batches are small, so that the progress moves from the first articles on. */
const FIRST_BATCHES = [10, 50];

const yieldToPage = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** The text of a file, a piece at a time (a Blob is decoded as UTF-8, as Blob.text() does); `read` counts what was read of it (characters of a text, bytes of a Blob). */
async function* piecesOf(source: string | Blob, read: { n: number }): AsyncGenerator<string> {
  if (typeof source === 'string') {
    for (let at = 0; at < source.length; at += TEXT_PIECE) {
      read.n = Math.min(source.length, at + TEXT_PIECE);
      yield source.slice(at, at + TEXT_PIECE);
    }
    return;
  }
  const reader = source.stream().getReader();
  const decoder = new TextDecoder();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      read.n += value.byteLength;
      yield decoder.decode(value, { stream: true });
    }
  } finally {
    reader.releaseLock();
  }
  const rest = decoder.decode();
  if (rest) yield rest;
}

/**
 * Imports a library file, given as text or as the File itself: read a piece at a time (the
 * file is never held whole), checked as parseLibraryFile checks it, and written as
 * importLibrary writes, each batch read and judged while the one before is being written.
 * `progress` counts the articles dealt with (written or refused) and the share of the file
 * read; the total is known once the file is read to its end. A file found damaged partway
 * (cut short, not JSON further on) is refused whole: the batches written before are taken back.
 */
export async function importLibraryFile(
  db: LibraryDb,
  source: string | Blob,
  options: ImportOptions & { now?: number; /** The reader's bounds (READER_LIMITS; smaller in tests). */ limits?: ReaderLimits } = {},
): Promise<FileImportResult> {
  const size = typeof source === 'string' ? source.length : source.size;
  const limits = options.limits ?? READER_LIMITS;
  const reader = new LibraryFileReader(FRAME_FIELDS, limits);
  const frame = new FileFrame();
  const read = { n: 0 };
  const pieces = piecesOf(source, read);
  const now = options.now ?? Date.now();
  let judge: Judge | null = null;
  let head = '';
  let queue: Item[] = [];
  let at = 0;
  let finished = false;
  let dealt = 0;
  let batches = 0;
  let stop: { refused: Refused } | { error: unknown } | null = null;
  const imported: string[] = [];

  /** More articles to judge; false once the file is read to its end. */
  const readMore = async (): Promise<boolean> => {
    const piece = await pieces.next();
    if (piece.done) {
      reader.end();
      queue = frame.take([]);
      finished = true;
    } else {
      if (head.length < 200) head += piece.value.slice(0, 200);
      queue = frame.take(reader.push(piece.value));
    }
    at = 0;
    return !finished || queue.length > 0;
  };

  const next = async (): Promise<Batch | null> => {
    if (stop) return null;
    const target = options.batchSize ?? FIRST_BATCHES[batches] ?? IMPORT_BATCH;
    const entries: FullArticle[] = [];
    const from = dealt;
    let chars = 0;
    let slice = performance.now();
    try {
      while (entries.length < target && chars < BATCH_CHARS) {
        if (at >= queue.length) {
          if (finished || !(await readMore())) break;
          continue;
        }
        const item = queue[at]!;
        // The file's copy is not needed again: let it go as the import goes on.
        queue[at++] = undefined as never;
        judge ??= new Judge(now, frame.decided!.version, limits);
        const entry = judge.take(item);
        dealt++;
        chars += item.json?.length ?? 0;
        if (entry) entries.push(entry);
        if (performance.now() - slice > SLICE_MS) {
          await yieldToPage();
          slice = performance.now();
        }
      }
    } catch (e) {
      try {
        stop = { refused: refusalOf(e, head, frame) };
      } catch (error) {
        stop = { error };
      }
      return null;
    }
    if (dealt === from && finished) return null;
    batches++;
    entries.forEach((e) => imported.push(e.article.id));
    return { entries, from, upTo: dealt, total: finished && at >= queue.length ? dealt : null, share: size ? Math.min(1, read.n / size) : 1 };
  };

  options.progress?.(0, null, 0);
  const { written, ...result } = await writeBatches(db, next, options);
  // (Set by next(), which the compiler does not follow.)
  const judged = judge as Judge | null;
  const halt = stop as { refused: Refused } | { error: unknown } | null;
  const refused = judged?.refused ?? [];
  const imagesDropped = judged?.imagesDropped ?? 0;
  if (!result.ok) return { ...result, imported: [], refused, imagesDropped };
  if (!halt) return { ...result, imported, refused, imagesDropped };
  // The file was found damaged (or could not be read) partway: what was written of it is taken back.
  const left = await takeBack(db, written, result.replaced, options.restore ?? restoreArticles);
  if ('refused' in halt) {
    if (!left.kept && !left.unrestored.length) return { ok: false, reason: halt.refused.reason, detail: halt.refused.detail };
    return { ...writeFailure(new Error(`${halt.refused.reason}: ${halt.refused.detail}`), left), imported: [], refused, imagesDropped };
  }
  return { ...writeFailure(halt.error, left), imported: [], refused, imagesDropped };
}

/** Takes an import back: its articles removed, the saves it replaced restored, in one transaction. */
export async function undoImport(db: LibraryDb, imported: readonly (FullArticle | string)[], replaced: readonly FullArticle[]): Promise<void> {
  await restoreArticles(
    db,
    imported.map((e) => (typeof e === 'string' ? e : e.article.id)),
    replaced,
  );
}
