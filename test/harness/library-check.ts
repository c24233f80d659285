/**
 * Browser-independent helpers of the library end-to-end tests (Chromium and Firefox): an
 * expression that reads the whole offline library out of IndexedDB in an extension page (to
 * compare two profiles, or a profile before and after an action), and a check of an exported
 * file against docs/library-format.md, written from the document, not from the code.
 */

import { readFileSync, writeFileSync } from 'node:fs';
import { get } from 'node:http';
import { join } from 'node:path';
import enMessages from '../../public/_locales/en/messages.json';

type Catalog = Record<string, { message: string; placeholders?: Record<string, { content: string }> }>;

/** An English message of the extension with its $PLACEHOLDERS$ filled in order, as browser.i18n fills them. */
export function en(key: keyof typeof enMessages, ...subs: string[]): string {
  const entry = (enMessages as Catalog)[key];
  if (!entry) throw new Error(`no message ${key}`);
  return entry.message.replace(/\$([A-Z_]+)\$/g, (_, name: string) => {
    const content = entry.placeholders?.[name.toLowerCase()]?.content ?? '';
    const n = Number(/^\$(\d)$/.exec(content)?.[1]);
    return n ? (subs[n - 1] ?? '') : content;
  });
}

/**
 * The performance mark the library page sets each time it has answered a search
 * (MARK_SEARCH_ANSWERED in src/library/Library.tsx, which cannot be imported in Node: it loads
 * webextension-polyfill).
 */
export const MARK_SEARCH_ANSWERED = 'oqy:search-answered';

/** One stored image as the dump gives it: its reference in the article and the stored blob. */
export interface DumpedImage {
  url: string;
  missing: boolean;
  /** What the article record says the image takes. */
  bytes: number;
  /** The stored blob's size and type, and a SHA-256 of its bytes (null where nothing is stored). */
  size: number | null;
  type: string | null;
  sha256: string | null;
}

export interface DumpedArticle {
  id: string;
  url: string;
  title: string;
  lang: string | null;
  savedAt: number;
  bytes: number;
  /** Every field of the article record but the image references, as stored. */
  record: Record<string, unknown>;
  contentHtml: string | null;
  textContent: string | null;
  words: string[] | null;
  images: DumpedImage[];
}

export interface LibraryDump {
  /** False where the database does not exist yet (nothing was ever saved in this profile). */
  exists: boolean;
  articles: DumpedArticle[];
  /** Records in the images store, whoever they belong to (an orphan shows up here). */
  imageRecords: number;
  bodyRecords: number;
}

/**
 * Evaluated in an extension page (its origin owns the database): the whole library, newest save
 * first. It never creates the database: opening a missing one without a version would create an
 * empty version 1 database that the extension would then try to migrate.
 */
export const DUMP_LIBRARY = `(async () => {
  const names = (await indexedDB.databases()).map((d) => d.name);
  if (!names.includes('oqy-library')) return { exists: false, articles: [], imageRecords: 0, bodyRecords: 0 };
  const db = await new Promise((ok, fail) => {
    const r = indexedDB.open('oqy-library');
    r.onsuccess = () => ok(r.result);
    r.onerror = () => fail(r.error);
  });
  try {
    const all = (store) => new Promise((ok, fail) => {
      const r = db.transaction(store).objectStore(store).getAll();
      r.onsuccess = () => ok(r.result);
      r.onerror = () => fail(r.error);
    });
    // The words are in \`terms\` from version 4 of the database, in \`bodies\` before.
    const hasTerms = db.objectStoreNames.contains('terms');
    const [articles, bodies, images, terms] = await Promise.all([all('articles'), all('bodies'), all('images'), hasTerms ? all('terms') : []]);
    const termsById = new Map(terms.map((t) => [t.id, t.words ? t.words.split(' ') : []]));
    const hex = async (blob) => Array.from(new Uint8Array(await crypto.subtle.digest('SHA-256', await blob.arrayBuffer())), (b) => b.toString(16).padStart(2, '0')).join('');
    const byKey = new Map(images.map((i) => [i.key, i]));
    const byId = new Map(bodies.map((b) => [b.id, b]));
    const out = [];
    for (const a of articles) {
      const body = byId.get(a.id);
      const imgs = [];
      for (const ref of a.images) {
        const stored = ref.key ? byKey.get(ref.key) : undefined;
        imgs.push({
          url: ref.url, missing: ref.missing, bytes: ref.bytes,
          size: stored ? stored.blob.size : null, type: stored ? stored.blob.type : null, sha256: stored ? await hex(stored.blob) : null,
        });
      }
      const { images: _refs, ...record } = a;
      out.push({
        id: a.id, url: a.url, title: a.title, lang: a.lang, savedAt: a.savedAt, bytes: a.bytes, record,
        contentHtml: body ? body.contentHtml : null, textContent: body ? body.textContent : null, words: termsById.has(a.id) ? [...termsById.get(a.id)].sort() : body && body.words ? [...body.words].sort() : null,
        images: imgs,
      });
    }
    out.sort((x, y) => y.savedAt - x.savedAt);
    return { exists: true, articles: out, imageRecords: images.length, bodyRecords: bodies.length };
  } finally {
    db.close();
  }
})()`;

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function isHttpUrl(v: unknown): boolean {
  if (typeof v !== 'string') return false;
  try {
    const u = new URL(v);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}

const isDate = (v: unknown) => typeof v === 'string' && !Number.isNaN(Date.parse(v));
const isWhole = (v: unknown) => typeof v === 'number' && Number.isInteger(v) && v >= 0;
const isCount = (v: unknown) => typeof v === 'number' && Number.isFinite(v) && v >= 0;
/** Standard base64 with padding, no line breaks (RFC 4648 §4). */
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/**
 * What in `file` (parsed JSON) does not match docs/library-format.md: one line a fault, empty
 * when it matches.
 */
export function libraryFileProblems(file: unknown): string[] {
  const problems: string[] = [];
  const expect = (ok: boolean, what: string) => {
    if (!ok) problems.push(what);
  };
  if (!isObject(file)) return ['the file is not a JSON object'];
  expect(file.format === 'oqy-library', `format is ${JSON.stringify(file.format)}`);
  expect(file.version === 2, `version is ${JSON.stringify(file.version)}`);
  expect(isDate(file.exportedAt) && /^\d{4}-\d{2}-\d{2}T/.test(String(file.exportedAt)), `exportedAt is ${JSON.stringify(file.exportedAt)}`);
  if (!Array.isArray(file.articles)) return [...problems, 'articles is not an array'];
  const ids = new Set<string>();
  let lastSavedAt = Infinity;
  file.articles.forEach((a: unknown, i) => {
    const at = `articles[${i}]`;
    if (!isObject(a)) return problems.push(`${at} is not an object`);
    expect(typeof a.id === 'string' && a.id.length > 0, `${at}.id is not a non-empty string`);
    expect(!ids.has(String(a.id)), `${at}.id appears twice`);
    ids.add(String(a.id));
    expect(isHttpUrl(a.url), `${at}.url is not an http(s) URL`);
    expect(a.id === a.url, `${at}.id is not its url`);
    expect(typeof a.site === 'string', `${at}.site is not a string`);
    expect(a.lang === null || typeof a.lang === 'string', `${at}.lang is not a string or null`);
    expect(typeof a.title === 'string', `${at}.title is not a string`);
    expect(
      a.source === null || (isObject(a.source) && typeof a.source.name === 'string' && (a.source.url === null || isHttpUrl(a.source.url))),
      `${at}.source is not { name, url } or null`,
    );
    expect(a.views === null || isWhole(a.views), `${at}.views is not a whole number or null`);
    expect(a.archivedAt === null || isDate(a.archivedAt), `${at}.archivedAt is not a date or null`);
    expect(a.publishedAt === null || isDate(a.publishedAt), `${at}.publishedAt is not a date or null`);
    expect(a.excerpt === null || typeof a.excerpt === 'string', `${at}.excerpt is not a string or null`);
    expect(isWhole(a.wordCount), `${at}.wordCount is not a whole number`);
    expect(isCount(a.readingMinutes), `${at}.readingMinutes is not a number ≥ 0`);
    expect(typeof a.savedAt === 'number' && !Number.isNaN(new Date(a.savedAt).getTime()), `${at}.savedAt is not a time`);
    if (typeof a.savedAt === 'number') {
      expect(a.savedAt <= lastSavedAt, `${at} is not in newest-save-first order`);
      lastSavedAt = a.savedAt;
    }
    expect(isWhole(a.bytes), `${at}.bytes is not a whole number`);
    expect(typeof a.contentHtml === 'string', `${at}.contentHtml is not a string`);
    expect(typeof a.textContent === 'string', `${at}.textContent is not a string`);
    // Version 2: where the reader stopped, and the highlights (both optional).
    if ('reading' in a && a.reading !== null) {
      const r = a.reading as Json;
      expect(
        isObject(r) && isWhole(r.block) && typeof r.fingerprint === 'string' && isCount(r.percent) && (r.percent as number) <= 100 && typeof r.finished === 'boolean' && isCount(r.updatedAt),
        `${at}.reading is not { block, fingerprint, percent, finished, updatedAt }`,
      );
    }
    if ('highlights' in a) {
      if (!Array.isArray(a.highlights)) problems.push(`${at}.highlights is not an array`);
      else
        a.highlights.forEach((h: unknown, j) => {
          const ok =
            isObject(h) && typeof h.id === 'string' && h.id.length > 0 && ['yellow', 'green', 'blue', 'pink'].includes(String(h.color)) &&
            typeof h.exact === 'string' && h.exact.trim().length > 0 && typeof h.prefix === 'string' && typeof h.suffix === 'string' &&
            isWhole(h.block) && typeof h.note === 'string' && isCount(h.createdAt) && isCount(h.updatedAt);
          expect(ok, `${at}.highlights[${j}] is not a highlight of docs/library-format.md`);
          expect(!ok || (typeof a.textContent === 'string' && a.textContent.includes(String((h as Json).exact).split(/\s+/)[0]!)), `${at}.highlights[${j}].exact is not in the text`);
        });
    }
    if (!Array.isArray(a.images)) return problems.push(`${at}.images is not an array`);
    expect(a.images.length <= 1000, `${at}.images has more than 1000 entries`);
    a.images.forEach((img: unknown, j) => {
      const ip = `${at}.images[${j}]`;
      if (!isObject(img)) return problems.push(`${ip} is not an object`);
      expect(isHttpUrl(img.url), `${ip}.url is not an http(s) URL`);
      expect(typeof a.contentHtml === 'string' && a.contentHtml.includes(String(img.url)), `${ip}.url is not in contentHtml`);
      expect(typeof img.missing === 'boolean', `${ip}.missing is not a boolean`);
      expect(typeof img.type === 'string', `${ip}.type is not a string`);
      if (img.missing === true) {
        expect(img.data === null, `${ip} is missing but has data`);
        expect(img.type === '', `${ip} is missing but has a type`);
      } else {
        expect(typeof img.data === 'string' && BASE64.test(img.data) && img.data.length % 4 === 0, `${ip}.data is not strict padded base64`);
        expect(typeof img.type === 'string' && /^image\//.test(img.type) && !/^image\/svg/i.test(img.type), `${ip}.type is not an image type an import takes`);
      }
      return undefined;
    });
    return undefined;
  });
  return problems;
}

/** The exported file's image bytes, decoded from base64 (null where missing). */
export function exportedImageBytes(file: { articles: Array<{ id: string; images: Array<{ data: string | null }> }> }, id: string): Array<Buffer | null> {
  const article = file.articles.find((a) => a.id === id);
  if (!article) throw new Error(`${id} is not in the exported file`);
  return article.images.map((i) => (i.data === null ? null : Buffer.from(i.data, 'base64')));
}

/** The file's name as docs/library-format.md gives it: oqy-library-YYYY-MM-DD.json, the local date. */
export function expectedExportName(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `oqy-library-${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}.json`;
}

/** A foreign JSON file (valid JSON, not an Oqy library) and a file that is not JSON at all. */
export const FOREIGN_JSON = JSON.stringify(
  { name: 'my-bookmarks', version: 1, exportedAt: '2026-02-01T08:00:00.000Z', articles: [{ id: 'x', url: 'https://example.org/' }] },
  null,
  2,
);
export const NOT_JSON = 'Қыран бүркіт түрлері\nThis is a text note, not a library export.\n';

/** GET `path` from the fixture server as qazaq24.com, from Node (not through a browser). */
export function fetchFromFixtureServer(port: number, path: string): Promise<Buffer> {
  return new Promise((done, fail) => {
    get({ host: '127.0.0.1', port, path, headers: { host: 'qazaq24.com' } }, (res) => {
      const parts: Buffer[] = [];
      res.on('data', (d: Buffer) => parts.push(d));
      res.on('end', () => done(Buffer.concat(parts)));
      res.on('error', fail);
    }).on('error', fail);
  });
}

/**
 * An export file made from `exportedPath` that holds one article of its own, whose text has a
 * word no other article has ("ақбөкен"), written beside it; its path and the article's address.
 */
export function oneNewArticleFile(exportedPath: string, dir: string): { path: string; url: string } {
  const file = JSON.parse(readFileSync(exportedPath, 'utf8')) as { articles: Record<string, unknown>[] };
  const url = 'https://qazaq24.com/news/import-while-index-loads';
  const text = 'Ақбөкендер көктемде төлдейді.';
  file.articles = [{ ...file.articles[0], id: url, url, title: 'Дала жаңалығы', contentHtml: `<p>${text}</p>`, textContent: text, images: [] }];
  const path = join(dir, 'oqy-library-one-new.json');
  writeFileSync(path, JSON.stringify(file));
  return { path, url };
}
