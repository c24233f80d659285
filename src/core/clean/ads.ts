/**
 * Advertising and sponsored inserts, found by what a reader sees: a label line (`Жарнама`,
 * `Реклама`, `Серіктес материалы`, `Партнёрский материал`, `Advertisement`, `На правах рекламы`)
 * with the banner, card or frame it labels; banner-sized pictures (728×90, 300×250 and the
 * other standard sizes, by their width and height, wherever they are served from); links the
 * page marks rel="sponsored"; ad slots and frames. The word `жарнама` inside a sentence is
 * text, not a label: a label is a line on its own.
 */
import { foldForMatch } from '../text/normalize.ts';
import { isElement, remove } from '../dom.ts';
import { allUnder, closestWhere, firstUnder, tagged, taggedWith } from '../find.ts';
import { labelElements, PARAGRAPH_LETTERS, textStats, type TextStats } from './text-stats.ts';
import { hasLetters } from '../text/letters.ts';
import { visibleText } from './glyphs.ts';
import { hostOf } from './images.ts';

const AD_LABEL = new RegExp(
  '^(?:жарнама|реклама|advertisement|advertising|sponsored|sponsored content|реклама на сайте|серіктес материалы|серіктестік материал|серіктес жобасы|' +
    'партн[её]рский материал|партн[её]рская публикация|материал партн[её]ра|спонсорский материал|на правах рекламы|' +
    'материал (?:опубликован )?на правах рекламы|публикуется на правах рекламы|жарнама ретінде|жарнамалық материал)(?:\\s*\\d{1,2}\\+)?\\s*[.:!]?$',
  'u',
);

/**
 * The standard display-ad sizes (IAB), width × height. The small squares (250×250, 125×125)
 * are left out: a portrait in an article is often one of those.
 */
const BANNER_SIZES: ReadonlyArray<readonly [number, number]> = [
  [728, 90], [970, 90], [970, 250], [970, 66], [300, 250], [336, 280], [300, 600], [160, 600], [120, 600],
  [468, 60], [234, 60], [320, 50], [320, 100], [300, 50], [300, 100], [240, 400],
];
const SIZE_SLACK = 2;

/** Ad slots of the ad networks' own embed codes, and AMP's ad elements. */
const AMP_AD = tagged('amp-ad', 'amp-embed', 'amp-sticky-ad', 'amp-auto-ads');
const INS = tagged('ins');
const isAdSlot = (el: Element) => AMP_AD(el) || (INS(el) && (el.hasAttribute('data-ad-client') || el.hasAttribute('data-ad-slot') || el.hasAttribute('data-zone')));
const FRAME = tagged('iframe', 'amp-iframe');
const PICTURE = tagged('img', 'amp-img');
const LINK_WITH_REL = taggedWith('rel', 'a');
const LINK_WITH_HREF = taggedWith('href', 'a');
const LINK = tagged('a');
const MEDIA = tagged('img', 'picture', 'video', 'figure');

/**
 * Russia's legal marking of an ad, its label with the advertiser's details: "Реклама. ООО
 * «Маркет», ИНН 7700000000. erid: 2VtzqwXyz1". Longer than a label, as sure.
 */
const AD_MARKING = /^(?:реклама|жарнама)\s*[.:]\s.{0,200}(?<![\p{L}\d])erid\s*:\s*\S+/u;
const MAX_AD_LABEL = 60;
const MAX_AD_MARKING = 240;
const isAdLabelText = (folded: string) => (folded.length <= MAX_AD_LABEL && AD_LABEL.test(folded)) || AD_MARKING.test(folded);

export function isAdLabel(text: string): boolean {
  const folded = foldForMatch(text);
  return folded.length <= 60 && AD_LABEL.test(folded);
}

function pixels(value: string | null | undefined): number | null {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(?:px)?\s*$/i.exec(value ?? '');
  return m ? Number(m[1]) : null;
}

/** Width and height as the page gives them: attributes, or an inline style. */
function sizeOf(el: Element): { w: number; h: number } | null {
  const style = el.getAttribute('style') ?? '';
  const fromStyle = (prop: string) => pixels(new RegExp(`(?:^|;)\\s*${prop}\\s*:\\s*([^;]+)`, 'i').exec(style)?.[1]);
  const w = pixels(el.getAttribute('width')) ?? fromStyle('width');
  const h = pixels(el.getAttribute('height')) ?? fromStyle('height');
  return w && h ? { w, h } : null;
}

/** A picture or frame the size of a display ad: a standard size, or a strip far wider than high. */
export function isBannerSized(el: Element): boolean {
  const size = sizeOf(el);
  if (!size) return false;
  if (BANNER_SIZES.some(([w, h]) => Math.abs(size.w - w) <= SIZE_SLACK && Math.abs(size.h - h) <= SIZE_SLACK)) return true;
  return size.h <= 120 && size.w >= 4 * size.h;
}

function isSponsored(a: Element): boolean {
  return /(?:^|\s)sponsored(?:\s|$)/i.test(a.getAttribute('rel') ?? '');
}

/** Holds an ad by its form: a banner-sized picture, a sponsored link, an ad slot, a frame. */
function holdsAd(el: Element): boolean {
  if (isAdSlot(el) || firstUnder(el, isAdSlot)) return true;
  if (/^(IFRAME|AMP-IFRAME)$/i.test(el.tagName) || firstUnder(el, FRAME)) return true;
  if ((el.tagName === 'A' && isSponsored(el)) || allUnder(el, LINK_WITH_REL).some(isSponsored)) return true;
  return [el, ...allUnder(el, PICTURE)].some((img) => /^(IMG|AMP-IMG)$/i.test(img.tagName) && isBannerSized(img));
}

/** A card of one to three links and little else: what a sponsored label puts before or after itself. */
function isLinkCard(el: Element): boolean {
  const links = allUnder(el, LINK_WITH_HREF);
  if (el.tagName === 'A') links.unshift(el);
  if (links.length === 0 || links.length > 3) return false;
  const text = visibleText(el);
  if (text.length > 250) return false;
  const inLinks = links.reduce((n, a) => n + visibleText(a).length, 0);
  return inLinks >= 0.7 * text.length;
}

function isAdish(el: Element): boolean {
  return holdsAd(el) || isLinkCard(el);
}

function siblingElement(node: Node, side: 'nextSibling' | 'previousSibling'): Element | null {
  for (let cur = node[side]; cur; cur = cur[side]) {
    if (isElement(cur)) return cur;
    if (/\S/.test(cur.textContent ?? '')) return null;
  }
  return null;
}

function holdsParagraph(el: Element): boolean {
  const walker = el.ownerDocument.createTreeWalker(el, 4);
  for (let t = walker.nextNode(); t; t = walker.nextNode()) {
    const text = t.textContent ?? '';
    if (text.length >= PARAGRAPH_LETTERS && hasLetters(text, PARAGRAPH_LETTERS) && !(t.parentElement && closestWhere(t.parentElement, LINK))) return true;
  }
  return false;
}

/** Whether everything beside `unit` in its parent is part of an ad too: no text, a banner, a sponsored card. */
function besideIsAd(unit: Element): boolean {
  for (let node = unit.parentElement?.firstChild ?? null; node; node = node.nextSibling) {
    if (node === unit) continue;
    if (!isElement(node)) {
      if (/\p{L}/u.test(node.textContent ?? '')) return false;
      continue;
    }
    if (visibleText(node) && !isLinkCard(node) && !holdsAd(node)) return false;
  }
  return true;
}

/** The most characters an advertisement in words has beside its label. */
const TEXT_AD_CHARACTERS = 300;

/** The most parts a box of an advertisement in words shows: its label, its text, its link. */
const TEXT_AD_PARTS = 3;

/**
 * A box that the label heads and a link ends, with a short text between: an advertisement in
 * words ("Реклама", "Online courses: the first two lessons free…", "Подробнее"). An article's
 * body, however short, ends with its text or its dateline, not with a link alone.
 */
function isTextAd(box: Element, label: Element, site: SiteOf): boolean {
  const parts = Array.from(box.childNodes).filter((n) => (isElement(n) ? !!visibleText(n) : /\S/.test(n.textContent ?? '')));
  if (parts.length < 2 || parts.length > TEXT_AD_PARTS) return false;
  const first = parts[0]!;
  const last = parts[parts.length - 1]!;
  if (!(first === label || (isElement(first) && first.contains(label)))) return false;
  if (visibleText(box).length > visibleText(label).length + TEXT_AD_CHARACTERS) return false;
  if (!isElement(last)) return false;
  const links = last.tagName === 'A' ? [last] : allUnder(last, LINK_WITH_HREF);
  if (!links.length || links.reduce((n, a) => n + visibleText(a).length, 0) !== visibleText(last).length) return false;
  // The advertiser's link leaves the site (or says it is sponsored): a link to the site's own page ends an article.
  return links.every((a) => isSponsored(a) || site.isOther(a));
}

/** Whether a link leads off the site the page belongs to. */
export interface SiteOf {
  isOther(a: Element): boolean;
}

/** Where the site is not known, no link counts as leaving it. */
const UNKNOWN_SITE: SiteOf = { isOther: () => false };

/** The site of a page at `base`, whose hosts `hosts` names. */
export function siteOf(base: string, hosts: RegExp): SiteOf {
  return {
    isOther(a) {
      const host = hostOf(a, base);
      return host !== null && !hosts.test(host);
    },
  };
}

/** The label's insert: the largest element around it holding nothing but the label and the ad. */
function unitOf(label: Element, root: Element, site: SiteOf): Element {
  let unit = label;
  while (unit.parentElement && unit.parentElement !== root) {
    const parent = unit.parentElement;
    if (visibleText(parent).length > visibleText(unit).length + 250 || holdsParagraph(parent) || !besideIsAd(unit)) {
      return unit === label && isTextAd(parent, label, site) ? parent : unit;
    }
    unit = parent;
  }
  return unit;
}

/** Takes a label's insert out: the label, what it holds, and the ad beside it. */
function removeLabelled(label: Element, root: Element, site: SiteOf): void {
  const unit = unitOf(label, root, site);
  if (unit === label || !holdsAd(unit)) {
    const next = siblingElement(unit, 'nextSibling');
    const previous = siblingElement(unit, 'previousSibling');
    if (next && isAdish(next)) remove(next);
    else if (previous && holdsAd(previous)) remove(previous);
  }
  remove(unit);
}

/** An element and the ancestors that hold nothing else a reader sees. */
function removeWithEmptyHolders(el: Element, root: Element): void {
  let target = el;
  while (target.parentElement && target.parentElement !== root) {
    const parent = target.parentElement;
    if (visibleText(parent) !== visibleText(target)) break;
    if (allUnder(parent, MEDIA).some((m) => m !== target && !target.contains(m))) break;
    target = parent;
  }
  remove(target);
}

/**
 * Removes the advertising under root. Returns how many inserts went. `stats` (textStats of
 * root, possibly taken before other steps removed things) spares a second walk; `site` tells
 * an advertiser's link from the site's own (where it is not given, an advertisement in words
 * is not told at all).
 */
export function removeAds(root: Element, stats: ReadonlyMap<Element, TextStats> = textStats(root), site: SiteOf = UNKNOWN_SITE): number {
  let removed = 0;
  // Labelled inserts: the element that is only the label, and what it labels.
  for (const label of labelElements(root, stats, isAdLabelText, MAX_AD_MARKING)) {
    if (!root.contains(label)) continue;
    removeLabelled(label, root, site);
    removed++;
  }
  for (const slot of allUnder(root, isAdSlot)) {
    removeWithEmptyHolders(slot, root);
    removed++;
  }
  for (const img of allUnder(root, PICTURE)) {
    if (!root.contains(img) || !isBannerSized(img)) continue;
    removeWithEmptyHolders(img, root);
    removed++;
  }
  for (const a of allUnder(root, LINK_WITH_REL)) {
    if (!root.contains(a) || !isSponsored(a)) continue;
    const block = a.parentElement;
    // A sponsored link alone on its line, or a picture that is one, is an ad; inside a sentence its words stay, the link goes.
    if (block && (visibleText(block) === visibleText(a) || (!visibleText(a).trim() && firstUnder(a, MEDIA)))) removeWithEmptyHolders(a, root);
    else a.replaceWith(...Array.from(a.childNodes));
    removed++;
  }
  return removed;
}
