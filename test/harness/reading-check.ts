/**
 * Browser-independent helpers of the reading tests (positions, highlights, EPUB): an expression
 * that reads the reading state out of the library's IndexedDB in an extension page, one that
 * selects a phrase of the shown article as a person's drag would, and a reader of EPUB files
 * that checks what an e-reader needs, written from the EPUB 3 and OCF specifications, not from
 * Oqy's builder.
 */
import { unzipSync, strFromU8 } from 'fflate';
import { JSDOM } from 'jsdom';

export interface DumpedReading {
  reading: Array<{ id: string; block: number; fingerprint: string; percent: number; finished: boolean; updatedAt: number }>;
  highlights: Array<{ id: string; articleId: string; color: string; exact: string; prefix: string; suffix: string; block: number; note: string; createdAt: number; updatedAt: number }>;
}

/** Evaluated in an extension page: the reading and highlights stores (empty where the database or stores are missing). */
export const DUMP_READING = `(async () => {
  const names = (await indexedDB.databases()).map((d) => d.name);
  if (!names.includes('oqy-library')) return { reading: [], highlights: [] };
  const db = await new Promise((ok, fail) => {
    const r = indexedDB.open('oqy-library');
    r.onsuccess = () => ok(r.result);
    r.onerror = () => fail(r.error);
  });
  try {
    const all = (store) => db.objectStoreNames.contains(store) ? new Promise((ok, fail) => {
      const r = db.transaction(store).objectStore(store).getAll();
      r.onsuccess = () => ok(r.result);
      r.onerror = () => fail(r.error);
    }) : Promise.resolve([]);
    const [reading, highlights] = await Promise.all([all('reading'), all('highlights')]);
    highlights.sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));
    reading.sort((a, b) => (a.id < b.id ? -1 : 1));
    return { reading, highlights };
  } finally {
    db.close();
  }
})()`;

/**
 * An expression that selects the first occurrence of `phrase` in the article body under
 * `root` (an expression: `document`, or a name the in-page reader's closed root is bound to
 * where the test's world runs it, such as the `root` of the overlay helpers), as one Range;
 * true when found.
 */
export function selectPhrase(phrase: string, root = 'document'): string {
  return `(() => {
    const scope = ${root};
    const body = scope.querySelector('[data-testid="body"]');
    const phrase = ${JSON.stringify(phrase)};
    const walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const at = n.data.indexOf(phrase);
      if (at < 0) continue;
      const range = document.createRange();
      range.setStart(n, at);
      range.setEnd(n, at + phrase.length);
      const selection = (scope.getSelection ? scope.getSelection() : null) || document.getSelection();
      selection.removeAllRanges();
      selection.addRange(range);
      return true;
    }
    return false;
  })()`;
}

/**
 * The highlights drawn in the body under `root` (an expression, as for selectPhrase): one entry
 * per highlight id, its colour and the text of all its marks joined, in the order they appear.
 */
export function shownHighlights(root = 'document'): string {
  return `(() => {
    const out = [];
    const seen = new Map();
    for (const mark of ${root}.querySelectorAll('[data-testid="body"] mark[data-highlight-id]')) {
      const id = mark.getAttribute('data-highlight-id');
      if (!seen.has(id)) {
        seen.set(id, { id, color: mark.dataset.color, text: '' });
        out.push(seen.get(id));
      }
      seen.get(id).text += mark.textContent;
    }
    return out;
  })()`;
}

export interface EpubChapter {
  path: string;
  title: string;
  lang: string | null;
  text: string;
  /** Images the chapter shows: their paths in the zip and their bytes. */
  images: Array<{ path: string; bytes: Uint8Array }>;
}

export interface EpubReadBack {
  problems: string[];
  files: string[];
  languages: string[];
  /** The chapters in the order of the navigation document. */
  chapters: EpubChapter[];
  fonts: string[];
}

const posix = {
  join(dir: string, rel: string): string {
    const parts = `${dir}/${rel}`.split('/');
    const out: string[] = [];
    for (const p of parts) {
      if (!p || p === '.') continue;
      if (p === '..') out.pop();
      else out.push(p);
    }
    return out.join('/');
  },
  dir(path: string): string {
    return path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '';
  },
};

function parseXml(text: string, contentType: 'application/xml' | 'application/xhtml+xml'): Document | string {
  try {
    return new JSDOM(text, { contentType }).window.document;
  } catch (e) {
    return String((e as Error).message ?? e);
  }
}

/**
 * Reads an EPUB back as an e-reader would and lists what is wrong with it: the zip's first
 * entry is `mimetype`, stored, without extra field, holding `application/epub+zip`;
 * META-INF/container.xml names the package document; the package is well-formed and its
 * manifest lists every file of the book and only files that exist, with one `nav` item; every
 * XHTML file is well-formed XML; every image a chapter shows exists; the spine's items exist.
 */
export function readEpub(bytes: Uint8Array): EpubReadBack {
  const problems: string[] = [];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint32(0, true) !== 0x04034b50) problems.push('not a zip (no local file header at 0)');
  const method = view.getUint16(8, true);
  const nameLength = view.getUint16(26, true);
  const extraLength = view.getUint16(28, true);
  const firstName = strFromU8(bytes.subarray(30, 30 + nameLength));
  if (firstName !== 'mimetype') problems.push(`the first entry is ${firstName}, not mimetype`);
  if (method !== 0) problems.push(`mimetype is compressed (method ${method})`);
  if (extraLength !== 0) problems.push(`mimetype has an extra field of ${extraLength} bytes`);
  const firstData = strFromU8(bytes.subarray(30 + nameLength + extraLength, 30 + nameLength + extraLength + 20));
  if (firstData !== 'application/epub+zip') problems.push(`mimetype holds ${JSON.stringify(firstData)}`);

  let zip: Record<string, Uint8Array>;
  try {
    zip = unzipSync(bytes);
  } catch (e) {
    return { problems: [...problems, `cannot unzip: ${(e as Error).message}`], files: [], languages: [], chapters: [], fonts: [] };
  }
  const files = Object.keys(zip).filter((f) => !f.endsWith('/'));
  const text = (path: string) => (zip[path] ? strFromU8(zip[path]!) : null);
  const out: EpubReadBack = { problems, files, languages: [], chapters: [], fonts: [] };

  const container = text('META-INF/container.xml');
  if (!container) return { ...out, problems: [...problems, 'META-INF/container.xml is missing'] };
  const containerDoc = parseXml(container, 'application/xml');
  if (typeof containerDoc === 'string') return { ...out, problems: [...problems, `container.xml: ${containerDoc}`] };
  const opfPath = containerDoc.getElementsByTagName('rootfile')[0]?.getAttribute('full-path') ?? '';
  const opfText = text(opfPath);
  if (!opfText) return { ...out, problems: [...problems, `the package document ${opfPath} is missing`] };
  const opf = parseXml(opfText, 'application/xml');
  if (typeof opf === 'string') return { ...out, problems: [...problems, `${opfPath}: ${opf}`] };
  const base = posix.dir(opfPath);
  if (opf.documentElement.getAttribute('version') !== '3.0') problems.push('the package is not EPUB 3.0');
  const uid = opf.documentElement.getAttribute('unique-identifier');
  const idEl = Array.from(opf.getElementsByTagName('dc:identifier')).find((e) => e.getAttribute('id') === uid);
  if (!idEl?.textContent?.trim()) problems.push('no dc:identifier for unique-identifier');
  if (!opf.getElementsByTagName('dc:title')[0]?.textContent?.trim()) problems.push('no dc:title');
  out.languages = Array.from(opf.getElementsByTagName('dc:language'), (e) => e.textContent?.trim() ?? '');
  if (!out.languages.length) problems.push('no dc:language');
  if (!Array.from(opf.getElementsByTagName('meta')).some((m) => m.getAttribute('property') === 'dcterms:modified' && /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/.test(m.textContent ?? ''))) {
    problems.push('no dcterms:modified of the form CCYY-MM-DDThh:mm:ssZ');
  }
  const items = Array.from(opf.getElementsByTagName('item'), (e) => ({
    id: e.getAttribute('id') ?? '',
    path: posix.join(base, e.getAttribute('href') ?? ''),
    type: e.getAttribute('media-type') ?? '',
    properties: (e.getAttribute('properties') ?? '').split(/\s+/),
  }));
  const byId = new Map(items.map((i) => [i.id, i]));
  for (const item of items) if (!zip[item.path]) problems.push(`the manifest lists ${item.path}, which is not in the zip`);
  const listed = new Set(items.map((i) => i.path));
  for (const f of files) if (f !== 'mimetype' && !f.startsWith('META-INF/') && f !== opfPath && !listed.has(f)) problems.push(`${f} is in the zip but not in the manifest`);
  const navs = items.filter((i) => i.properties.includes('nav'));
  if (navs.length !== 1) problems.push(`${navs.length} nav items`);
  for (const ref of Array.from(opf.getElementsByTagName('itemref'))) if (!byId.has(ref.getAttribute('idref') ?? '')) problems.push(`the spine names ${ref.getAttribute('idref')}, not in the manifest`);
  out.fonts = items.filter((i) => i.type.startsWith('font/') || /\.(woff2?|otf|ttf)$/.test(i.path)).map((i) => i.path);

  const documents = new Map<string, Document>();
  for (const item of items.filter((i) => i.type === 'application/xhtml+xml')) {
    const source = text(item.path);
    if (source === null) continue;
    const doc = parseXml(source, 'application/xhtml+xml');
    if (typeof doc === 'string') problems.push(`${item.path} is not well-formed: ${doc}`);
    else documents.set(item.path, doc);
  }
  const nav = navs[0] && documents.get(navs[0].path);
  if (!nav) return out;
  const toc = Array.from(nav.getElementsByTagName('nav')).find((n) => n.getAttributeNS('http://www.idpf.org/2007/ops', 'type') === 'toc' || n.getAttribute('epub:type') === 'toc');
  if (!toc) problems.push('the navigation document has no toc nav');
  for (const a of Array.from(toc?.getElementsByTagName('a') ?? [])) {
    const path = posix.join(posix.dir(navs[0]!.path), (a.getAttribute('href') ?? '').split('#')[0]!);
    const doc = documents.get(path);
    if (!doc) {
      problems.push(`the toc links to ${path}, not a content document of the book`);
      continue;
    }
    const images = Array.from(doc.getElementsByTagName('img'), (img) => posix.join(posix.dir(path), img.getAttribute('src') ?? ''));
    for (const image of images) if (!zip[image]) problems.push(`${path} shows ${image}, not in the zip`);
    out.chapters.push({
      path,
      title: a.textContent?.trim() ?? '',
      lang: doc.documentElement.getAttribute('xml:lang') ?? doc.documentElement.getAttribute('lang'),
      text: doc.body?.textContent ?? '',
      images: images.filter((p) => zip[p]).map((p) => ({ path: p, bytes: zip[p]! })),
    });
  }
  return out;
}
