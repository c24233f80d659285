/**
 * The article's lead, where Readability leaves it out. Many sites set the lead (the standfirst
 * in bold under the title) apart from the body's container, as a heading or a `<div>` of its
 * own; Readability takes the container and drops the lead. So the blocks of prose that follow
 * the title on the page are noted before Readability runs; those that come before the first one
 * it kept, and are not in its body, are put back at the start.
 */
import { collapse, foldForMatch } from '../text/normalize.ts';
import { spacedLength } from '../text/letters.ts';
import { blockText, isElement } from '../dom.ts';
import { labelOf } from './labels.ts';
import { metaLineKind } from './meta-lines.ts';
import { linkLetters } from './labelled-lines.ts';

export interface LeadCandidate {
  /** Folded text, to find it in the body. */
  text: string;
  /** A copy taken before Readability moved or dropped the original. */
  copy: Element;
  /** The element the original stood in, on the page. */
  parent: Element | null;
}

const PROSE_TAG = /^(P|DIV|H2|H3|H4|H5|H6|BLOCKQUOTE|SECTION|HEADER|STRONG|B|SPAN|EM)$/i;
const BLOCK_INSIDE = 'p, div, h1, h2, h3, h4, h5, h6, ul, ol, table, blockquote, section, article, figure';
/** A lead is at least a sentence (its length as if written with spaces: a Chinese lead is short), and no longer than a paragraph or two. */
const MIN_LEAD = 60;
const MAX_LEAD = 700;
/** How far after the title to look, in elements, and how many blocks of prose to note. */
const LOOK_AHEAD = 400;
const NOTE = 4;
/** How much of a block's text is compared: enough to tell blocks apart, short of where markup may split it. */
const KEY_LENGTH = 80;

/** The blocks of prose that follow the page's title heading, in order, up to the next `<article>`'s headline. */
export function leadCandidates(doc: Document, title: string | null): LeadCandidate[] {
  const body = doc.body;
  if (!title || !body) return [];
  // The heading that shows the title (the last, where a breadcrumb repeats it first).
  const want = foldForMatch(title);
  const headings = Array.from(body.querySelectorAll('h1, h2, h3')).filter((h) => foldForMatch(h.textContent ?? '') === want);
  const heading = headings[headings.length - 1];
  if (!heading) return [];
  const out: LeadCandidate[] = [];
  let seen = 0;
  let node: Node | null = heading;
  // Document order after the heading, its own contents skipped.
  const next = (n: Node): Node | null => {
    let cur: Node | null = n;
    while (cur && !cur.nextSibling) cur = cur.parentNode;
    return cur?.nextSibling ?? null;
  };
  node = next(heading);
  while (node && seen < LOOK_AHEAD && out.length < NOTE) {
    seen++;
    if (!isElement(node)) {
      node = next(node);
      continue;
    }
    const tag = node.tagName.toUpperCase();
    // Another article's headline, in an <article> of its own: what follows is that article's
    // (the next one, preloaded below). A section's or a site's heading above is no such thing.
    if (tag === 'H1' && node.closest('article') && node.closest('article') !== heading.closest('article')) break;
    if (/^(SCRIPT|STYLE|NOSCRIPT|TEMPLATE|NAV|ASIDE|FORM|FOOTER|IFRAME|SVG)$/.test(tag)) {
      node = next(node);
      continue;
    }
    const length = spacedLength(collapse(node.textContent ?? ''));
    if (length < MIN_LEAD) {
      node = next(node);
      continue;
    }
    if (PROSE_TAG.test(tag) && !node.querySelector(BLOCK_INSIDE)) {
      out.push({ text: foldForMatch(blockText(node)).slice(0, KEY_LENGTH), copy: node.cloneNode(true) as Element, parent: node.parentElement });
      node = next(node);
      continue;
    }
    node = node.firstChild ?? next(node);
  }
  return out;
}

/** A paragraph's end: a sentence's mark, a closing quote or bracket at most after it. */
const SENTENCE_END = /[.!?…。！？][»"”'’)）」』]*$/;

/** Letters compared between a block and the page's description: a lead's opening words. */
const OPENING = 40;

const opening = (folded: string) => folded.replace(/[^\p{L}\p{N}]+/gu, ' ').trim().slice(0, OPENING);

/**
 * A block of the article's prose where a lead may stand: a sentence at least and no longer than
 * a paragraph or two, not a label or a meta line, not a list of links.
 */
function isProse(el: Element): boolean {
  const text = collapse(blockText(el));
  if (spacedLength(text) < MIN_LEAD || text.length > MAX_LEAD) return false;
  if (labelOf(foldForMatch(text)) || metaLineKind(text)) return false;
  const links = linkLetters(el);
  return links.inLinks < 0.3 * links.all;
}

/**
 * A lead is what the page itself describes the article with (its meta description opens the
 * same way), short, and not a list of links. A site's notice or a photo caption there is not.
 */
function isLead(el: Element, description: string): boolean {
  if (!isProse(el)) return false;
  const own = opening(foldForMatch(collapse(blockText(el))));
  const described = opening(description);
  return own.length >= 20 && described.length >= 20 && (own.startsWith(described) || described.startsWith(own));
}

/** An editor's note set above a Chinese article ("【编者按】…", "编者按：…"): the article's, whatever the description says. */
const EDITORS_NOTE = /^[【[（(]?\s*(?:编者按|編者按)\s*[】\]）)]?\s*[:：]?/u;
const isEditorsNote = (el: Element) => isProse(el) && EDITORS_NOTE.test(collapse(blockText(el)));

/**
 * Puts back at the start of body the noted blocks before the first one the body kept, from the
 * one the page's description names as the lead (or an editor's note above a Chinese article): it and the paragraphs of prose after it in the same box (an
 * episode's notes above its transcript, an introduction set apart from the text); returns how
 * many.
 */
export function restoreLead(body: Element, candidates: readonly LeadCandidate[], description: string | null): number {
  if (candidates.length < 2) return 0;
  const kept = foldForMatch(blockText(body));
  const first = candidates.findIndex((c) => kept.includes(c.text));
  if (first <= 0) return 0;
  const folded = description ? foldForMatch(description) : '';
  const missing = candidates.slice(0, first).filter((c) => !kept.includes(c.text));
  const start = missing.findIndex((c) => isLead(c.copy, folded) || isEditorsNote(c.copy));
  if (start < 0) return 0;
  // After the lead, the paragraphs beside it that end a sentence: a byline or a date ends none,
  // a caption, a newsletter box or a teaser stands in a box of its own.
  const leadFound = missing[start]!;
  const beside = (c: LeadCandidate) => !!c.parent && c.parent === leadFound.parent && isProse(c.copy) && SENTENCE_END.test(collapse(blockText(c.copy)));
  const lead = [leadFound, ...missing.slice(start + 1).filter(beside)];
  const at = body.firstChild;
  for (const c of lead) body.insertBefore(body.ownerDocument.importNode(c.copy, true), at);
  return lead.length;
}
