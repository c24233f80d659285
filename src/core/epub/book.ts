/**
 * One EPUB 3 file from saved articles: a cover page listing the titles, a chapter per article
 * (title, source and a link to the original, the archived time, the text and its images), a
 * navigation document, and the fonts that carry the Kazakh letters, so that an e-reader without
 * them still shows ә ғ қ ң ө ұ ү һ і. The container is a zip whose first entry is `mimetype`,
 * stored uncompressed, as the OCF specification asks.
 */
import { strToU8, zipSync, type Zippable } from 'fflate';
import { escapeXml } from './xml.ts';

export interface EpubImage {
  /** The image's original address, as the body's <img src> has it. */
  url: string;
  bytes: Uint8Array;
  type: string;
}

export interface EpubArticle {
  title: string;
  url: string;
  /** The language of the chapter (`kk`, `kk-Latn`, `ru`…); null where unknown. */
  lang: string | null;
  source: { name: string; url: string | null } | null;
  /** The archived time as the reader should read it (already formatted), or null. */
  archived: string | null;
  /** The body as XHTML (prepareBody + serializeChildren), its images at images/NAME (see imageName). */
  bodyXhtml: string;
  images: readonly EpubImage[];
}

export interface EpubFont {
  /** The file name inside fonts/. */
  file: string;
  bytes: Uint8Array;
  family: string;
  weight: number;
  style: 'normal' | 'italic';
  unicodeRange: string;
}

export interface EpubLabels {
  /** The book's title on the cover and in the metadata. */
  bookTitle: string;
  contents: string;
  source: string;
  original: string;
  archived: string;
}

export interface EpubInput {
  /** A unique id for the book (`urn:uuid:…`). */
  identifier: string;
  modified: Date;
  /** The interface language: the cover's and the navigation's. */
  uiLang: string;
  articles: readonly EpubArticle[];
  fonts: readonly EpubFont[];
  labels: EpubLabels;
}

const EXTENSIONS: Readonly<Record<string, string>> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/gif': 'gif',
  'image/webp': 'webp',
  'image/svg+xml': 'svg',
  'image/avif': 'avif',
};

/** An image's file name in the book: by chapter and position, its extension by type. */
export function imageName(chapter: number, index: number, type: string): string {
  return `a${String(chapter + 1).padStart(3, '0')}-${String(index + 1).padStart(2, '0')}.${EXTENSIONS[type] ?? 'img'}`;
}

export function chapterName(chapter: number): string {
  return `chapter-${String(chapter + 1).padStart(3, '0')}.xhtml`;
}

/** The types an EPUB 3 reading system must show (core media types); others are left out. */
export function isCoreImageType(type: string): boolean {
  return ['image/jpeg', 'image/png', 'image/gif', 'image/webp', 'image/svg+xml'].includes(type);
}

function page(lang: string, title: string, body: string, css: string): string {
  const l = escapeXml(lang);
  return `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" xml:lang="${l}" lang="${l}">
<head>
<meta charset="UTF-8"/>
<title>${escapeXml(title)}</title>
<link rel="stylesheet" type="text/css" href="${css}"/>
</head>
<body>
${body}
</body>
</html>
`;
}

function styleSheet(fonts: readonly EpubFont[]): string {
  const faces = fonts.map(
    (f) => `@font-face { font-family: "${f.family}"; font-weight: ${f.weight}; font-style: ${f.style}; src: url("fonts/${f.file}") format("woff2"); unicode-range: ${f.unicodeRange}; }`,
  );
  const family = fonts[0] ? `"${fonts[0].family}", ` : '';
  return `${faces.join('\n')}
body { font-family: ${family}serif; line-height: 1.5; }
h1 { font-size: 1.5em; line-height: 1.25; margin: 0 0 0.5em; }
.meta { font-size: 0.85em; margin: 0.2em 0; }
img { max-width: 100%; height: auto; }
figure { margin: 1em 0; }
figcaption { font-size: 0.85em; }
blockquote { margin: 1em 1.5em; }
ol.titles li { margin: 0.3em 0; }
`;
}

function chapterPage(article: EpubArticle, labels: EpubLabels): string {
  const lang = article.lang ?? 'und';
  const meta: string[] = [];
  if (article.source) {
    const name = escapeXml(article.source.name);
    meta.push(`<p class="meta">${escapeXml(labels.source)}: ${article.source.url ? `<a href="${escapeXml(article.source.url)}">${name}</a>` : name}</p>`);
  }
  if (article.archived) meta.push(`<p class="meta">${escapeXml(labels.archived)}: ${escapeXml(article.archived)}</p>`);
  meta.push(`<p class="meta"><a href="${escapeXml(article.url)}">${escapeXml(labels.original)}</a></p>`);
  const body = `<section epub:type="chapter">
<h1>${escapeXml(article.title)}</h1>
${meta.join('\n')}
<div class="body">${article.bodyXhtml}</div>
</section>`;
  return page(lang, article.title, body, '../style.css');
}

function coverPage(input: EpubInput): string {
  const items = input.articles
    .map((a, i) => `<li><a href="text/${chapterName(i)}"${a.lang ? ` xml:lang="${escapeXml(a.lang)}" lang="${escapeXml(a.lang)}"` : ''}>${escapeXml(a.title)}</a></li>`)
    .join('\n');
  return page(input.uiLang, input.labels.bookTitle, `<section epub:type="titlepage">\n<h1>${escapeXml(input.labels.bookTitle)}</h1>\n<ol class="titles">\n${items}\n</ol>\n</section>`, 'style.css');
}

function navPage(input: EpubInput): string {
  const items = input.articles.map((a, i) => `<li><a href="text/${chapterName(i)}">${escapeXml(a.title)}</a></li>`).join('\n');
  return page(input.uiLang, input.labels.contents, `<nav epub:type="toc" id="toc">\n<h1>${escapeXml(input.labels.contents)}</h1>\n<ol>\n${items}\n</ol>\n</nav>`, 'style.css');
}

/** The book's languages: each article's primary language, first seen first (kk, ru…); the interface's when none. */
export function bookLanguages(input: Pick<EpubInput, 'articles' | 'uiLang'>): string[] {
  const langs = [...new Set(input.articles.map((a) => (a.lang ?? '').split('-')[0]!.toLowerCase()).filter(Boolean))];
  return langs.length ? langs : [input.uiLang];
}

function packageDocument(input: EpubInput, imageItems: { id: string; href: string; type: string }[]): string {
  const modified = input.modified.toISOString().replace(/\.\d{3}Z$/, 'Z');
  const languages = bookLanguages(input)
    .map((l) => `<dc:language>${escapeXml(l)}</dc:language>`)
    .join('\n    ');
  const manifest = [
    `<item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>`,
    `<item id="cover" href="cover.xhtml" media-type="application/xhtml+xml"/>`,
    `<item id="css" href="style.css" media-type="text/css"/>`,
    ...input.articles.map((_, i) => `<item id="c${i + 1}" href="text/${chapterName(i)}" media-type="application/xhtml+xml"/>`),
    ...imageItems.map((img) => `<item id="${img.id}" href="${img.href}" media-type="${escapeXml(img.type)}"/>`),
    ...input.fonts.map((f, i) => `<item id="font${i + 1}" href="fonts/${escapeXml(f.file)}" media-type="font/woff2"/>`),
  ];
  const spine = [`<itemref idref="cover"/>`, ...input.articles.map((_, i) => `<itemref idref="c${i + 1}"/>`)];
  return `<?xml version="1.0" encoding="UTF-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="book-id" xml:lang="${escapeXml(input.uiLang)}">
  <metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
    <dc:identifier id="book-id">${escapeXml(input.identifier)}</dc:identifier>
    <dc:title>${escapeXml(input.labels.bookTitle)}</dc:title>
    ${languages}
    <dc:creator>Oqy</dc:creator>
    <meta property="dcterms:modified">${modified}</meta>
  </metadata>
  <manifest>
    ${manifest.join('\n    ')}
  </manifest>
  <spine>
    ${spine.join('\n    ')}
  </spine>
</package>
`;
}

const CONTAINER = `<?xml version="1.0" encoding="UTF-8"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
  <rootfiles>
    <rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/>
  </rootfiles>
</container>
`;

/** The files of the book, path → bytes, in the order they go into the zip (mimetype first). */
export function epubFiles(input: EpubInput): Array<[string, Uint8Array]> {
  const files: Array<[string, Uint8Array]> = [
    ['mimetype', strToU8('application/epub+zip')],
    ['META-INF/container.xml', strToU8(CONTAINER)],
  ];
  const imageItems: { id: string; href: string; type: string }[] = [];
  input.articles.forEach((article, i) => {
    files.push([`OEBPS/text/${chapterName(i)}`, strToU8(chapterPage(article, input.labels))]);
    article.images.forEach((image, k) => {
      const name = imageName(i, k, image.type);
      imageItems.push({ id: `img-${i + 1}-${k + 1}`, href: `images/${name}`, type: image.type });
      files.push([`OEBPS/images/${name}`, image.bytes]);
    });
  });
  files.push(['OEBPS/cover.xhtml', strToU8(coverPage(input))]);
  files.push(['OEBPS/nav.xhtml', strToU8(navPage(input))]);
  files.push(['OEBPS/style.css', strToU8(styleSheet(input.fonts))]);
  for (const font of input.fonts) files.push([`OEBPS/fonts/${font.file}`, font.bytes]);
  files.push(['OEBPS/content.opf', strToU8(packageDocument(input, imageItems))]);
  return files;
}

/** The EPUB file's bytes. */
export function buildEpub(input: EpubInput): Uint8Array {
  const zippable: Zippable = {};
  // A fixed time: the same articles give the same bytes.
  const mtime = input.modified;
  for (const [path, bytes] of epubFiles(input)) {
    const stored = path === 'mimetype' || /\.(?:woff2|jpg|png|gif|webp|avif)$/.test(path);
    zippable[path] = [bytes, { level: stored ? 0 : 6, mtime }];
  }
  return zipSync(zippable);
}
