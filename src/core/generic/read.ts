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
import { collapse, foldForMatch } from '../text/normalize.ts';
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
import { leadCandidates, restoreLead, type LeadCandidate } from './lead.ts';
import { statedBodyInstead } from './ld-body.ts';
import { metaLineKind } from './meta-lines.ts';
import { labelOf } from './labels.ts';
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

/** A copy of the page for Readability to consume, with what no reading needs taken out first. */
function preparedCopy(doc: Document, url: URL): { work: Document; base: string } | null {
  const work = workingCopy(doc);
  const base = work.baseURI && work.baseURI !== 'about:blank' ? work.baseURI : url.href;
  const page = work.body;
  if (!page) return null;
  unwrapDeepChains(page);
  removeIconElements(page);
  removeEntryForms(page);
  resolveImages(page, base);
  return { work, base };
}

/** The page's footer and sidebars: an article is never there. */
const PAGE_EDGES = 'footer, aside, [role="contentinfo"], [role="complementary"]';
/** A dialog over the page (a cookie consent, a sign-up box): never the article. */
const DIALOGS = 'dialog, [role="dialog"], [role="alertdialog"], [aria-modal="true"]';
/** The least a read within the title's container holds, against the body Readability found first. */
const MIN_SHARE_OF_FOUND = 0.2;
/** The first blocks of a body compared with the page's footer and sidebars. */
const OPENING_BLOCKS = 3;
const LEAF_BLOCKS = 'p, li, h2, h3, h4, h5, h6, blockquote, td, dd';

/**
 * The prose that follows the title (the lead candidates), without the meta lines among it (a
 * byline and a date), in order: what a body of the article must hold.
 */
function titleProse(lead: readonly LeadCandidate[]): LeadCandidate[] {
  return lead.filter((c) => {
    const text = collapse(blockText(c.copy));
    return !metaLineKind(text) && !labelOf(c.text);
  });
}

/** Whether the body opens with text of the page's footer or sidebars: one of its first blocks is there. */
function opensInPageEdges(doc: Document, found: Element): boolean {
  // The outermost ones only: each is read once, however they nest.
  const edges = Array.from(doc.querySelectorAll(PAGE_EDGES)).filter((edge) => !edge.parentElement?.closest(PAGE_EDGES));
  if (!edges.length) return false;
  const edgeText = edges.map((edge) => foldForMatch(blockText(edge))).join('\n');
  const opening = Array.from(found.querySelectorAll(LEAF_BLOCKS))
    .map((b) => foldForMatch(blockText(b)))
    .filter((t) => t.length >= 30)
    .slice(0, OPENING_BLOCKS);
  return opening.some((t) => edgeText.includes(t.slice(0, 80)));
}

/**
 * Readability's body where it holds none of the prose that follows the title, read again in a
 * narrower page:
 * - a short article beside a longer text in the page's footer or sidebar ("About us", an
 *   author's box): Readability, finding less than it wants in the article, tries again with the
 *   footer and sidebars allowed and keeps its longest try. Where its body opens with text of a
 *   footer or sidebar, the page is read without them (and without dialogs);
 * - else, or where that read holds something longer still (a cookie consent's two paragraphs
 *   beside a brief, the next article preloaded below the one asked for): the page is read
 *   within the smallest element that holds the title's heading and the prose after it, where
 *   that read holds a fifth of the first body's text at least (a blog's name over its tagline
 *   is a heading with prose after it too).
 * A read is taken where it holds the prose after the title.
 */
function bodyNearTitle(doc: Document, url: URL, found: Element, lead: readonly LeadCandidate[], title: string | null): Element | null {
  const prose = titleProse(lead);
  if (!prose.length) return null;
  const kept = foldForMatch(blockText(found));
  if (prose.some((c) => kept.includes(c.text))) return null;
  const holdsProse = (body: Element | null) => !!body && foldForMatch(blockText(body)).includes(prose[0]!.text);
  if (opensInPageEdges(doc, found)) {
    const again = preparedCopy(doc, url);
    if (again) {
      for (const el of Array.from(again.work.querySelectorAll(`${PAGE_EDGES}, ${DIALOGS}`))) if (el.isConnected && !el.querySelector('h1')) el.remove();
      const { body } = readabilityBody(again.work);
      if (holdsProse(body)) return body;
    }
  }
  const again = preparedCopy(doc, url);
  const container = again && title ? titleContainer(again.work, title, prose[0]!.text) : null;
  if (!again || !container) return null;
  again.work.body!.replaceChildren(container);
  const { body } = readabilityBody(again.work);
  // A heading that is the site's name (a blog's) over its tagline holds little beside the
  // article Readability found: that read is no article.
  return holdsProse(body) && blockText(body!).length >= MIN_SHARE_OF_FOUND * blockText(found).length ? body : null;
}

/**
 * The smallest element that holds the heading showing the title and the first prose after it
 * (the article's own container: an `<article>` where the next one follows it, the block that
 * holds the headline, the byline and the text), short of the page's body.
 */
function titleContainer(work: Document, title: string, prose: string): Element | null {
  const want = foldForMatch(title);
  const heading = Array.from(work.querySelectorAll('h1, h2')).find((h) => foldForMatch(h.textContent ?? '') === want);
  for (let el = heading?.parentElement; el && el !== work.body; el = el.parentElement) {
    if (foldForMatch(blockText(el)).includes(prose)) return el;
  }
  return null;
}

/**
 * Text of several elements run together ("26 February 2026ShareSaveTom HughesBBC News"): a
 * digit against a letter, or a small letter against a capital twice (a name like "McDonald"
 * has one such join).
 */
function isGluedText(text: string): boolean {
  if (/\d\p{L}|\p{L}\d/u.test(text.replace(/\d+(?:st|nd|rd|th)\b/g, ''))) return true;
  // Names written with a capital inside: McDonald, MacLeod, DeSantis, LeBlanc, VanDyke.
  const names = text.replace(/\b(?:Mc|Mac|De|Di|Da|Du|La|Le|Van|Von)(?=\p{Lu})/gu, '');
  return (names.match(/\p{Ll}\p{Lu}/gu)?.length ?? 0) >= 2;
}

export function readGeneric(doc: Document, url: URL, win: Window): GenericRead {
  const ld = articleLd(doc);
  const meta = readMeta(doc, url, ld);
  const prepared = preparedCopy(doc, url);
  if (!prepared) return { meta, body: null };
  const { work, base } = prepared;
  if (meta.title && !work.title) work.title = meta.title;

  const lead = leadCandidates(work, meta.title);
  const first = readabilityBody(work);
  const found = (first.body && bodyNearTitle(doc, url, first.body, lead, meta.title)) ?? first.body;
  const readabilityByline = first.byline;
  if (readabilityByline) {
    meta.byline ??= bylineFromDateline(readabilityByline) ?? (metaLineKind(readabilityByline) || isGluedText(readabilityByline) ? null : readabilityByline.slice(0, 120));
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
