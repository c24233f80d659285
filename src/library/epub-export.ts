/**
 * Saved articles as one EPUB file (core/epub builds it): each article's body sanitized again
 * into this page's DOM, shown in Latin letters where the reader has chosen them for Kazakh, its
 * stored images and the PT Serif files (with the Kazakh letters) put inside the book.
 */
import browser from 'webextension-polyfill';
import { getFullArticle, type LibraryDb } from '../shared/library-db.ts';
import { sanitizeToFragment } from '../core/sanitize.ts';
import { applyLatinScript } from '../core/translit/dom-latin.ts';
import { toLatin2021 } from '../core/translit/kazakh-latin.ts';
import { prepareBody, serializeChildren } from '../core/epub/chapter.ts';
import { buildEpub, imageName, isCoreImageType, type EpubArticle, type EpubFont, type EpubImage } from '../core/epub/book.ts';
import { fileNameOf } from '../core/highlights/markdown.ts';
import { FONT_FILES } from '../reader/fonts.ts';
import { formatSiteTime } from '../shared/format.ts';
import { t, uiLanguage } from '../shared/i18n.ts';
import { localDate } from './save-file.ts';

async function serifFonts(): Promise<EpubFont[]> {
  const files = FONT_FILES.filter((f) => f.kind === 'serif');
  return Promise.all(
    files.map(async (f) => {
      const response = await fetch(browser.runtime.getURL(`fonts/${f.file}`));
      if (!response.ok) throw new Error(`fonts/${f.file}: ${response.status}`);
      return { file: f.file, bytes: new Uint8Array(await response.arrayBuffer()), family: 'PT Serif', weight: f.weight, style: f.style, unicodeRange: f.unicodeRange };
    }),
  );
}

async function chapter(db: LibraryDb, id: string, index: number, latinKazakh: boolean): Promise<EpubArticle | null> {
  const full = await getFullArticle(db, id);
  if (!full) return null;
  const { article, body, images } = full;
  const latin = latinKazakh && article.lang === 'kk';
  const stored = new Map(images.map((img) => [img.url, img]));
  const inBook: EpubImage[] = [];
  const paths = new Map<string, string>();
  for (const ref of article.images) {
    const image = stored.get(ref.url);
    if (ref.missing || !image || paths.has(ref.url) || !isCoreImageType(image.blob.type)) continue;
    paths.set(ref.url, `../images/${imageName(index, inBook.length, image.blob.type)}`);
    inBook.push({ url: ref.url, type: image.blob.type, bytes: new Uint8Array(await image.blob.arrayBuffer()) });
  }
  const container = document.createElement('div');
  container.append(sanitizeToFragment(body.contentHtml, window));
  if (latin) applyLatinScript(container);
  prepareBody(container, (url) => paths.get(url) ?? null);
  const serializer = new XMLSerializer();
  return {
    title: latin ? toLatin2021(article.title) : article.title,
    url: article.url,
    lang: latin ? 'kk-Latn' : article.lang,
    source: article.source,
    archived: article.archivedAt ? formatSiteTime(article.archivedAt, uiLanguage()) : null,
    bodyXhtml: serializeChildren(container, (n) => serializer.serializeToString(n)),
    images: inBook,
  };
}

/** The EPUB of these articles, in this order, and its file name. */
export async function exportEpub(db: LibraryDb, ids: readonly string[], latinKazakh: boolean, now = new Date()): Promise<{ blob: Blob; name: string; count: number }> {
  const articles: EpubArticle[] = [];
  for (const id of ids) {
    const a = await chapter(db, id, articles.length, latinKazakh);
    if (a) articles.push(a);
  }
  if (!articles.length) throw new Error('no article');
  const one = articles.length === 1 ? articles[0]! : null;
  const bytes = buildEpub({
    identifier: `urn:uuid:${crypto.randomUUID()}`,
    modified: now,
    uiLang: uiLanguage(),
    articles,
    fonts: await serifFonts(),
    labels: {
      bookTitle: one ? one.title : t('epubBookTitle', String(articles.length)),
      contents: t('epubContents'),
      source: t('highlightsSource'),
      original: t('epubOriginal'),
      archived: t('epubArchived'),
    },
  });
  const name = one ? fileNameOf(one.title, 'epub') : `oqy-${localDate(now)}.epub`;
  return { blob: new Blob([bytes as BlobPart], { type: 'application/epub+zip' }), name, count: articles.length };
}
