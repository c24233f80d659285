/**
 * What the library keeps of an article, one set of limits for saving and for importing: an
 * article saved by this Oqy always passes its own import. A save fits the article to them
 * (clips, drops, recomputes); an import refuses an article past them (library-transfer.ts).
 */
import type { Extraction, SourceRef } from '../core/types.ts';
import { isLocalAddress } from '../core/local-address.ts';
import { countWords } from '../core/text/normalize.ts';
import { readingMinutes } from '../core/text/reading-time.ts';

export const ARTICLE_LIMITS = {
  /** Characters of an id or an address (the article's, its source's, an image's). */
  url: 8192,
  /** Characters of the title, the site name, the source name, the excerpt, a date string. */
  short: 10_000,
  /** Characters of a language tag (BCP 47 allows 35). */
  lang: 35,
  /** Characters of contentHtml and of textContent. */
  text: 20_000_000,
  /** Images per article in a file. */
  images: 1000,
  /** Bytes of one image. */
  imageBytes: 15 * 1024 * 1024,
  /** Characters of an image's MIME type. */
  type: 255,
  /** The largest view count believed: more than any page has had. */
  views: 1e12,
} as const;

/** Images one save fetches and keeps: a page of thousands of images is not saved whole. */
export const SAVE_MAX_IMAGES = 200;

/** The earliest time an article can have been saved (Oqy did not exist before). */
export const EARLIEST_SAVE = Date.UTC(2020, 0, 1);

/** Cut to at most `max` UTF-16 units without splitting a surrogate pair. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = /[\ud800-\udbff]/.test(text[max - 1] ?? '') ? max - 1 : max;
  return text.slice(0, cut);
}

/** An http(s) address the library may keep: parsed, not too long. */
export function isWebAddress(value: string): boolean {
  if (value.length > ARTICLE_LIMITS.url) return false;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/**
 * A MIME type an image is stored under. SVG is not kept: it is a document that can carry
 * script, and a stored copy opened on its own would run with the extension's address.
 */
export function isImageType(type: string): boolean {
  return type.length <= ARTICLE_LIMITS.type && /^image\/[a-z0-9][a-z0-9!#$&^_.+-]*$/i.test(type) && !/^image\/svg/i.test(type);
}

/** A view count as a number the list can show, or null. */
export function saneViews(views: unknown): number | null {
  return typeof views === 'number' && Number.isInteger(views) && views >= 0 && views <= ARTICLE_LIMITS.views ? views : null;
}

/** A date string that parses to a plausible time (years 1000–9999), else null. */
export function saneDate(value: unknown): string | null {
  if (typeof value !== 'string' || value.length > ARTICLE_LIMITS.short) return null;
  const time = Date.parse(value);
  if (Number.isNaN(time)) return null;
  const year = new Date(time).getUTCFullYear();
  return year >= 1000 && year <= 9999 ? value : null;
}

/** Word count and reading time, from the text itself. */
export function textMeasures(textContent: string, lang: string | null): { wordCount: number; readingMinutes: number } {
  const wordCount = countWords(textContent);
  return { wordCount, readingMinutes: readingMinutes(wordCount, lang) };
}

export type FitResult = { ok: true; article: Extraction } | { ok: false; reason: 'address' | 'too-large' };

/**
 * The article as the library keeps it: title and names clipped, the image list without
 * duplicates, local or over-long addresses and capped at SAVE_MAX_IMAGES, counts recomputed from
 * the text, implausible numbers and dates left out. Refused only where its address cannot be a
 * key or its text is past the limit.
 */
export function fitForLibrary(article: Extraction): FitResult {
  if (!isWebAddress(article.url)) return { ok: false, reason: 'address' };
  if (article.contentHtml.length > ARTICLE_LIMITS.text || article.textContent.length > ARTICLE_LIMITS.text) return { ok: false, reason: 'too-large' };
  const lang = article.lang && article.lang.length <= ARTICLE_LIMITS.lang ? article.lang : null;
  const images = [...new Set(article.images)].filter((url) => isWebAddress(url) && !isLocalAddress(url)).slice(0, SAVE_MAX_IMAGES);
  return {
    ok: true,
    article: {
      ...article,
      site: clip(article.site, ARTICLE_LIMITS.short),
      lang,
      title: article.title === null ? null : clip(article.title, ARTICLE_LIMITS.short),
      source: fitSource(article.source),
      views: saneViews(article.views),
      archivedAt: saneDate(article.archivedAt),
      publishedAt: saneDate(article.publishedAt),
      excerpt: article.excerpt === null ? null : clip(article.excerpt, ARTICLE_LIMITS.short),
      images,
      ...textMeasures(article.textContent, lang),
    },
  };
}

function fitSource(source: SourceRef | null): SourceRef | null {
  if (!source) return null;
  return { name: clip(source.name, ARTICLE_LIMITS.short), url: source.url && isWebAddress(source.url) ? source.url : null };
}
