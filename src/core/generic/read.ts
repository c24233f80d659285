/**
 * The reader on any other site: the page's metadata from its head, its body chosen by
 * Readability and cleaned of what surrounds articles everywhere. Always attempted: whether a
 * page looks like an article only decides the toolbar and auto mode, never whether a reader
 * who asked is served.
 */
import { Readability } from '@mozilla/readability';
import type { PageMetadata } from '../profiles/profile.ts';
import { workingCopy } from '../working-copy.ts';
import { unwrapDeepChains } from '../clean/wrappers.ts';
import { absolutizeLinks, resolveImages } from '../clean/images.ts';
import { sanitizeToBody } from '../sanitize.ts';
import { blockText } from '../dom.ts';
import { findTitle, titleElements } from '../meta/title.ts';
import { langFromLetters } from '../meta/lang.ts';
import { canonicalUrl } from '../meta/canonical.ts';
import { articleLd, type ArticleLd } from '../meta/jsonld.ts';
import { bylineFromDateline, bylineOf, descriptionOf, declaredLangOf, leadImageOf, publishedOf, siteNameOf } from '../meta/page-meta.ts';
import { langFromScript } from '../meta/script-lang.ts';
import { removeIconElements } from './icons.ts';
import { removeEntryForms } from './forms.ts';
import { isWorthShowing } from './worth-showing.ts';
import { cleanBody } from './clean.ts';
import { leadCandidates, restoreLead } from './lead.ts';
import { statedBodyInstead } from './ld-body.ts';
import { metaLineKind } from './meta-lines.ts';
import { parseWrittenDate } from '../meta/written-date.ts';

export interface GenericRead {
  meta: PageMetadata;
  /** The sanitized body, or null where the page holds nothing worth showing. */
  body: HTMLElement | null;
}

function readMeta(doc: Document, url: URL, ld: ArticleLd | null): PageMetadata {
  const siteName = siteNameOf(doc, ld);
  const base = doc.baseURI && doc.baseURI !== 'about:blank' ? doc.baseURI : url.href;
  return {
    title: findTitle(doc, siteName ? [siteName] : []) ?? ld?.headline ?? null,
    lang: declaredLangOf(doc, ld),
    url: canonicalUrl(doc, url),
    source: null,
    views: null,
    archivedAt: null,
    publishedAt: publishedOf(doc, ld),
    byline: bylineOf(doc, ld),
    siteName,
    leadImage: leadImageOf(doc, ld, base),
  };
}

interface ReadabilityRead {
  body: Element | null;
  /** The byline Readability took out of the body (it removes such lines), as written. */
  byline: string | null;
}

/** Readability's choice of the article, as an element of `work` (which it consumes). */
function readabilityBody(work: Document): ReadabilityRead {
  try {
    const parsed = new Readability<Element>(work, { keepClasses: true, serializer: (node) => node as Element }).parse();
    return { body: parsed?.content ?? null, byline: parsed?.byline?.trim() || null };
  } catch {
    return { body: null, byline: null };
  }
}

export function readGeneric(doc: Document, url: URL, win: Window): GenericRead {
  const ld = articleLd(doc);
  const meta = readMeta(doc, url, ld);
  const work = workingCopy(doc);
  const base = work.baseURI && work.baseURI !== 'about:blank' ? work.baseURI : url.href;
  const page = work.body;
  if (!page) return { meta, body: null };
  unwrapDeepChains(page);
  removeIconElements(page);
  removeEntryForms(page);
  resolveImages(page, base);
  if (meta.title && !work.title) work.title = meta.title;

  const lead = leadCandidates(work, meta.title);
  const { body: found, byline: readabilityByline } = readabilityBody(work);
  if (readabilityByline) {
    meta.byline ??= bylineFromDateline(readabilityByline) ?? (metaLineKind(readabilityByline) ? null : readabilityByline.slice(0, 120));
    meta.publishedAt ??= parseWrittenDate(readabilityByline);
  }
  const stated = found ? statedBodyInstead(found, ld?.articleBody ?? null) : null;
  const chosen = stated ?? found ?? (ld?.articleBody ? statedBodyInstead(work.createElement('div'), ld.articleBody) : null);
  if (!chosen) return { meta, body: null };
  if (meta.title) for (const el of titleElements(chosen, meta.title)) el.remove();
  restoreLead(chosen, lead, descriptionOf(doc, ld));
  const cleaned = cleanBody(chosen);
  if (!meta.publishedAt && cleaned.headDate) meta.publishedAt = cleaned.headDate;
  if (!meta.byline && cleaned.headDateLine) meta.byline = bylineFromDateline(cleaned.headDateLine);
  absolutizeLinks(chosen, base);
  const body = sanitizeToBody(chosen.innerHTML, win);
  if (!isWorthShowing(body)) return { meta: withLang(meta, ''), body: null };
  return { meta: withLang(meta, blockText(body)), body };
}

/**
 * Kazakh or Russian as the article's letters tell (sites of the region often declare the
 * other), else the language the page declares, else the one its script leaves no doubt about.
 */
function withLang(meta: PageMetadata, text: string): PageMetadata {
  return { ...meta, lang: langFromLetters(text) ?? meta.lang ?? langFromScript(text) };
}
