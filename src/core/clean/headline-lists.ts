/**
 * Headline lists: the ticker, "most read", "latest", "read also" boxes. Whatever they are built
 * of (`<ul>`, `<div>`s, links between `<br>`s, a comma-separated run), they share a shape: several
 * links whose text reads like a headline, and little text of their own beside dates, view counts
 * and icons. That shape is what is found here, never a class name.
 */
import { foldForMatch } from '../text/normalize.ts';
import { letterCount, unspacedCount } from '../text/letters.ts';
import { isBlock, isBreak, isElement, isText, remove } from '../dom.ts';
import { allUnder, elementsUnder, firstUnder, moreElementChildren, tagged } from '../find.ts';
import { isGlyphElement, showsMoreThan, stripGluedGlyphs, visibleText } from './glyphs.ts';
import { isMonthName } from '../meta/dates.ts';

export interface HeadlineListOptions {
  /** How many headline links make a list. */
  minLinks: number;
  /** Share of the letters that are in headline links. */
  minLinkShare: number;
  /** A line of text outside links with more letters than this is prose: its container is not a list. */
  maxProseRun: number;
}

export const DEFAULT_LIST_OPTIONS: HeadlineListOptions = { minLinks: 3, minLinkShare: 0.6, maxProseRun: 50 };


/** A headline in a script written without spaces has this many of their letters at least (a dozen Latin letters' worth). */
const MIN_UNSPACED_HEADLINE = 6;

/**
 * A link whose text reads like a headline: two words or more, a dozen letters or more; in a
 * script written without spaces, six of its letters or more.
 */
export function isHeadlineLink(a: Element): boolean {
  return headlineText(a) !== null;
}

/** The visible text of a headline link, null where a is none. */
function headlineText(a: Element): string | null {
  const href = (a.getAttribute('href') ?? '').trim();
  if (!href || href.startsWith('#') || /^(javascript|mailto|tel):/i.test(href)) return null;
  const text = visibleText(a);
  if (text.length > 400 || /^(https?:\/\/|www\.)\S+$/i.test(text)) return null;
  if (letterCount(text) >= 12 && text.split(' ').length >= 2) return text;
  return unspacedCount(text) >= MIN_UNSPACED_HEADLINE ? text : null;
}

/**
 * A headline link standing alone, with no label, picture or list beside it to say what it is:
 * three words or more (or a headline's letters in a script written without spaces). A link of
 * two words there is a place, a tag or a name ("Жетісу облысы"), such as a dateline is.
 */
export function isLoneHeadlineLink(a: Element): boolean {
  const text = headlineText(a);
  return text !== null && (text.split(' ').length >= 3 || unspacedCount(text) >= MIN_UNSPACED_HEADLINE);
}

interface Stats {
  links: number;
  linkLetters: number;
  otherLetters: number;
  /** Letters outside links in this element's own line of inline content (nested blocks apart). */
  inlineProse: number;
  /** The longest such line anywhere inside. */
  longestProse: number;
}

/**
 * The largest elements under root that are headline lists. Counts are gathered in one walk,
 * children before parents, so a page of any size or depth costs one pass. The text of each link
 * looked at (null for one that is no headline) goes into `linkTexts` where it is given.
 */
export function findHeadlineLists(root: Element, options: HeadlineListOptions = DEFAULT_LIST_OPTIONS, linkTexts?: Map<Element, string | null>): Element[] {
  // Each step carries the counts of the element it stands in, and an element's exit its own:
  // nothing is looked up again on the way back up.
  type Step = { node: Node; parent: Stats | null; inLink: boolean; own: Stats | null; block: boolean };
  const stack: Step[] = [{ node: root, parent: null, inLink: false, own: null, block: false }];
  const order: Element[] = [];
  const orderStats: Stats[] = [];
  const tables = new Map<Element, Stats>();
  while (stack.length) {
    const { node, parent: p, inLink, own, block } = stack.pop()!;
    if (own) {
      if (block) own.longestProse = Math.max(own.longestProse, own.inlineProse);
      if (p) {
        p.links += own.links;
        p.linkLetters += own.linkLetters;
        p.otherLetters += own.otherLetters;
        p.longestProse = Math.max(p.longestProse, own.longestProse);
        // An inline element's text runs on in its parent's line; a block ends the line.
        if (block) p.longestProse = Math.max(p.longestProse, p.inlineProse);
        if (block) p.inlineProse = 0;
        else p.inlineProse += own.inlineProse;
      }
      continue;
    }
    const type = node.nodeType;
    if (type === 1) {
      const el = node as Element;
      const tag = el.tagName.toUpperCase();
      if (tag === 'SCRIPT' || tag === 'STYLE' || tag === 'NOSCRIPT' || tag === 'TEMPLATE') continue;
      if (el !== root && isGlyphElement(el)) continue;
      const s: Stats = { links: 0, linkLetters: 0, otherLetters: 0, inlineProse: 0, longestProse: 0 };
      order.push(el);
      orderStats.push(s);
      if (tag === 'TABLE') tables.set(el, s);
      let nowInLink = inLink;
      if (tag === 'A' && !inLink) {
        nowInLink = true;
        const text = headlineText(el);
        linkTexts?.set(el, text);
        if (text !== null) s.links = 1;
      }
      stack.push({ node: el, parent: p, inLink, own: s, block: isBlock(el) || isBreak(el) });
      for (let c = el.lastChild; c; c = c.previousSibling) stack.push({ node: c, parent: s, inLink: nowInLink, own: null, block: false });
    } else if (type === 3 && p) {
      const n = letterCount((node as Text).data);
      if (inLink) p.linkLetters += n;
      else {
        p.otherLetters += n;
        p.inlineProse += n;
      }
    }
  }
  const isList = (s: Stats) => {
    if (s.links < options.minLinks) return false;
    if (Math.max(s.longestProse, s.inlineProse) > options.maxProseRun) return false;
    return s.linkLetters >= options.minLinkShare * (s.linkLetters + s.otherLetters);
  };
  let dataTables: Element[] | null = null;
  // A table of data whose rows name things with links (a ranking of universities) is the article's, not a list of headlines.
  const holdsDataTable = (el: Element, s: Stats) => {
    dataTables ??= [...tables.keys()].filter(isDataTable);
    return dataTables.some((t) => {
      if (t === el || t.contains(el)) return true;
      const ts = tables.get(t)!;
      return el.contains(t) && 2 * (ts.linkLetters + ts.otherLetters) >= s.linkLetters + s.otherLetters;
    });
  };
  const lists: Element[] = [];
  order.forEach((el, i) => {
    // In document order a list's elements follow it, before anything outside it: only the last list found can hold el.
    if (lists.length && lists[lists.length - 1]!.contains(el)) return;
    if (el !== root && isList(orderStats[i]!) && !(tables.size && holdsDataTable(el, orderStats[i]!))) lists.push(el);
  });
  return lists;
}

const LINK = tagged('a');
const HEADER_CELL = tagged('th');
const ROW = tagged('tr');
const CELL = tagged('td', 'th');
const DATA_CELL = tagged('td');

/**
 * A table of data: header cells over rows of several cells with text. (A box of headlines laid
 * out as a table has one cell of text a row, or no header.)
 */
function isDataTable(table: Element): boolean {
  if (!firstUnder(table, HEADER_CELL)) return false;
  const rows = allUnder(table, ROW);
  const full = rows.filter((r) => allUnder(r, CELL).filter((c) => /\S/.test(c.textContent ?? '')).length >= 2).length;
  // Beside its links, a table of data says something in words (a city, a party); a box of headlines only when (times, dates, counts).
  const worded = rows.some((r) => allUnder(r, DATA_CELL).some((c) => !firstUnder(c, LINK) && letterCount(c.textContent ?? '') > 0));
  return rows.length >= 2 && 2 * full >= rows.length && worded;
}

/** The folded texts of the headline links in the given lists (the texts already read, where given). */
export function headlinesOf(lists: readonly Element[], linkTexts?: ReadonlyMap<Element, string | null>): Set<string> {
  const out = new Set<string>();
  for (const list of lists) {
    for (const a of allUnder(list, LINK)) {
      const text = linkTexts?.has(a) ? linkTexts.get(a)! : headlineText(a);
      if (text !== null) out.add(foldForMatch(text));
    }
  }
  return out;
}

/** The headline lists under root and the folded texts of their headlines, each link read once. */
export function headlineListsAndTexts(root: Element): { lists: Element[]; headlines: Set<string> } {
  const linkTexts = new Map<Element, string | null>();
  const lists = findHeadlineLists(root, DEFAULT_LIST_OPTIONS, linkTexts);
  return { lists, headlines: headlinesOf(lists, linkTexts) };
}

/** The headline link an inline node is made of, if it is one (`<a>`, or `<b><a>…</a></b>`). */
function headlineLinkIn(node: Node): Element | null {
  if (!isElement(node)) return null;
  const a = node.tagName.toUpperCase() === 'A' ? node : firstUnder(node, LINK);
  if (!a || !isHeadlineLink(a)) return null;
  return visibleText(a) === visibleText(node) ? a : null;
}

/**
 * Text that a headline list puts beside a headline and nothing else would: a date
 * (`30 Қаңтар 2026 17:19`), a time, a view count with its icon (`see113`), punctuation.
 */
export function isListingDetail(text: string): boolean {
  const stripped = stripGluedGlyphs(text);
  const words = stripped.split(/[\s\p{P}\p{S}\d]+/u).filter(Boolean);
  if (words.length === 0) return true;
  // A date: one month name, with its day or year beside it (a name alone, like "Марат", is not).
  return words.length === 1 && /\d/.test(stripped) && isMonthName(words[0]!);
}

/**
 * Runs of two or more headline links among siblings, separated only by line breaks,
 * punctuation, dates, view counts or icons: lists with no element of their own, inside running text.
 */
export function removeLinkRuns(root: Element): number {
  let removed = 0;
  // A run needs two children that hold a link: only the elements around links can have them.
  const holdsLink = new Set<Node>();
  for (const a of allUnder(root, LINK)) for (let n: Node | null = a; n && n !== root && !holdsLink.has(n); n = n.parentNode) holdsLink.add(n);
  const parents = [root, ...elementsUnder(root).filter((el) => holdsLink.has(el))];
  for (const parent of parents) {
    if (!parent.isConnected && parent !== root) continue;
    let run: Node[] = [];
    let links = 0;
    const flush = () => {
      if (links >= 2) {
        for (const n of run) remove(n);
        removed += links;
      }
      run = [];
      links = 0;
    };
    const children: Node[] = [];
    let withLinks = 0;
    for (let c = parent.firstChild; c; c = c.nextSibling) {
      children.push(c);
      if (holdsLink.has(c)) withLinks++;
    }
    if (withLinks < 2) continue;
    for (const child of children) {
      if (headlineLinkIn(child)) {
        run.push(child);
        links++;
      } else if (
        isBreak(child) ||
        (isText(child) && isListingDetail(child.data)) ||
        (isElement(child) && !isBlock(child) && (isGlyphElement(child) || isListingDetail(visibleText(child))))
      ) {
        if (run.length) run.push(child);
      } else {
        flush();
      }
    }
    flush();
  }
  return removed;
}

const HEADLINE_HOLDER = tagged('a', 'p', 'li', 'div', 'span', 'strong', 'b', 'h2', 'h3', 'h4', 'h5', 'h6');

/**
 * Removes what repeats a known headline: a link, or a block whose whole text is one,
 * such as a "read also" line that names an article from the ticker.
 */
export function removeKnownHeadlines(root: Element, headlines: ReadonlySet<string>): number {
  if (!headlines.size) return 0;
  let removed = 0;
  // Folding never shortens a text: one that shows more than the longest headline is none of them.
  let longest = 0;
  for (const h of headlines) longest = Math.max(longest, h.length);
  for (const el of allUnder(root, HEADLINE_HOLDER)) {
    if (!el.isConnected || moreElementChildren(el, 3) || (el.textContent?.length ?? 0) > 500 || showsMoreThan(el, longest)) continue;
    const text = foldForMatch(visibleText(el));
    if (text && headlines.has(text)) {
      remove(el);
      removed++;
    }
  }
  return removed;
}
