/**
 * Reading one page: the site profile decides whether it is an article and gives its body in a
 * working copy (the page is never changed); that body is tidied in one walk (a profile that cuts no body gets Readability's
 * choice instead); DOMPurify makes it safe, once. Pure over a Document: the extension runs it
 * on the live page, the extractor command on jsdom.
 */
import { Readability } from '@mozilla/readability';
import type { Extraction } from './types.ts';
import type { PageMetadata, SiteProfile } from './profiles/profile.ts';
import { siteProfileFor } from './profiles/registry.ts';
import { generic } from './profiles/generic.ts';
import { blockText } from './dom.ts';
import { allUnder, baseUrlOf, tagged } from './find.ts';
import { isWebPage } from './web-page.ts';
import { removeGlyphs } from './clean/glyphs.ts';
import { absolutizeLinks, resolveImages } from './clean/images.ts';
import { removeKnownHeadlines } from './clean/headline-lists.ts';
import { sanitizeToBody } from './sanitize.ts';
import { countWords } from './text/normalize.ts';
import { readingMinutes } from './text/reading-time.ts';
import { findTitle, titleElements } from './meta/title.ts';
import { detectLang } from './meta/lang.ts';
import { canonicalUrl } from './meta/canonical.ts';
import { unwrapDeepChains } from './clean/wrappers.ts';
import { readGeneric } from './generic/read.ts';
import { isEmbedCard } from './clean/embeds.ts';
import { tidyBody } from './clean/tidy.ts';

export interface ExtractEnvironment {
  /** The window whose DOM the sanitizer parses with (the page's, or jsdom's). */
  window: Window;
}

export function profileFor(url: URL): SiteProfile {
  return siteProfileFor(url) ?? generic;
}

export function extract(doc: Document, pageUrl: string, env: ExtractEnvironment): Extraction {
  const url = new URL(pageUrl);
  const profile = profileFor(url);
  if (!isWebPage(doc)) return notAnArticle(doc, url, profile);
  // Another site: always read when asked (the profile's check only colours the toolbar and gates auto mode).
  if (profile === generic) {
    const read = readGeneric(doc, url, env.window);
    return read.body ? describe(read.body, read.meta, profile.id) : { ...notAnArticle(doc, url, profile), ...metaFields(read.meta) };
  }
  if (!profile.isArticle(doc, url)) return notAnArticle(doc, url, profile);

  const prepared = profile.prepare(doc, url);
  const work = prepared.work;
  const workBase = baseUrlOf(work);
  const base = workBase && workBase !== 'about:blank' ? workBase : url.href;
  // A body the profile cut out is already cleaned: scoring it again with Readability would only
  // tidy its blocks, which tidyBody does in a fraction of the time.
  if (prepared.bodyIsCut && work.body) {
    const body = work.body;
    unwrapDeepChains(body);
    tidyBody(body);
    absolutizeLinks(body, base);
    return describe(sanitizeToBody(body.innerHTML, env.window), prepared.meta, profile.id);
  }
  const container = readabilityBody(env.window, work, prepared.meta.title);

  removeGlyphs(container, { textLevel: prepared.stripGlyphText });
  removeKnownHeadlines(container, prepared.headlines);
  removeRepeatedTitle(container, prepared.meta.title);
  resolveImages(container, base);
  absolutizeLinks(container, base);

  const safe = sanitizeToBody(container.innerHTML, env.window);
  return describe(safe, prepared.meta, profile.id);
}

/**
 * The title is shown above the body, so what in the body repeats it goes (Readability drops
 * such headings only when the title is in Latin letters).
 */
function removeRepeatedTitle(body: HTMLElement, title: string | null): void {
  if (title) for (const el of titleElements(body, title)) el.remove();
}

/** HTML parsed into an inert document of its own (nothing in it loads or runs). */
function parseBody(win: Window, html: string): HTMLElement {
  const { DOMParser } = win as Window & typeof globalThis;
  return new DOMParser().parseFromString(`<!doctype html><body>${html}`, 'text/html').body;
}

/** Readability's choice of the body, for a profile that leaves the choosing to it; the page as it is where Readability finds none. */
function readabilityBody(win: Window, work: Document, title: string | null): HTMLElement {
  const body = work.body;
  if (body) unwrapDeepChains(body);
  const whole = body?.innerHTML ?? '';
  let content = '';
  try {
    if (title && !work.title) work.title = title;
    content = new Readability(work, { charThreshold: 20, keepClasses: false, disableJSONLD: true }).parse()?.content ?? '';
  } catch {
    content = '';
  }
  return parseBody(win, content || whole);
}

/** The page's metadata as the Extraction names it (the fields every page has, article or not). */
function metaFields(meta: PageMetadata) {
  return {
    url: meta.url,
    lang: meta.lang,
    title: meta.title,
    source: meta.source,
    views: meta.views,
    archivedAt: meta.archivedAt,
    publishedAt: meta.publishedAt,
    byline: meta.byline ?? null,
    siteName: meta.siteName ?? null,
    leadImage: meta.leadImage ?? null,
  };
}

function describe(safe: HTMLElement, meta: PageMetadata, site: string): Extraction {
  const textContent = blockText(safe, isEmbedCard);
  const images = [...new Set(allUnder(safe, tagged('img')).map((img) => img.getAttribute('src') ?? '').filter(Boolean))];
  const wordCount = countWords(textContent);
  return {
    isArticle: true,
    site,
    ...metaFields(meta),
    excerpt: excerptOf(textContent),
    images,
    contentHtml: safe.innerHTML,
    textContent,
    wordCount,
    readingMinutes: readingMinutes(wordCount, meta.lang),
  };
}

const EXCERPT_LENGTH = 220;

function excerptOf(text: string): string | null {
  const first = text.split('\n').find((line) => line.length >= 40) ?? text.split('\n')[0];
  if (!first) return null;
  if (first.length <= EXCERPT_LENGTH) return first;
  const cut = first.slice(0, EXCERPT_LENGTH);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), EXCERPT_LENGTH / 2))}…`;
}

function notAnArticle(doc: Document, url: URL, profile: SiteProfile): Extraction {
  return {
    isArticle: false,
    site: profile.id,
    url: canonicalUrl(doc, url),
    lang: detectLang(doc, url, ''),
    title: findTitle(doc, profile.siteNames),
    source: null,
    views: null,
    archivedAt: null,
    publishedAt: null,
    byline: null,
    siteName: null,
    leadImage: null,
    excerpt: null,
    images: [],
    contentHtml: '',
    textContent: '',
    wordCount: 0,
    readingMinutes: 0,
  };
}
