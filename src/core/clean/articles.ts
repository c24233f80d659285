/**
 * Pages that hold more than one article: an infinite scroll appends the next article below the
 * first, a feed shows the next article whole under a "next article" divider. Each article
 * brings its own info block (the views, source and archived lines, standing together) and
 * usually its own aggregator lead; in the order of the page's text these say where one article
 * ends and the next begins. Markup and class names play no part.
 *
 * - Info blocks after the bodies (title, lead, body, info): an article runs from the end of the
 *   previous article's info block to the end of its own.
 * - Info blocks under the titles (title, info, lead, body), or no info blocks but one lead per
 *   article: an article runs from its title to the next article's title.
 *
 * Which of the two the page is comes from its prose: before the first info block stands the
 * first article's body (blocks after) or only the page's header (blocks under the titles).
 */
import { closestTag, isBlock, isElement, textNodes, textNodesInLinks } from '../dom.ts';
import { closestWhere, tagged } from '../find.ts';
import { proseLetters } from './region.ts';
import { foldForMatch } from '../text/normalize.ts';
import { visibleText } from './glyphs.ts';
import { isListingDetail } from './headline-lists.ts';

export interface ArticleMarks {
  /** The info lines (views, source, archived), each as its nodes. */
  info: readonly (readonly Node[])[];
  /** The aggregator's leads. */
  leads: readonly (readonly Node[])[];
  /** Lines after which an article's text has ended (comment prompts, list headings). */
  hard: readonly (readonly Node[])[];
  /** Every labelled line: none of them is a title. */
  all: readonly (readonly Node[])[];
}

export interface ArticleSpan {
  /** The article starts right after this node (null: at the start of root). */
  after: Node | null;
  /** The article ends right before this node (null: at the end of root). */
  before: Node | null;
  /** The heading its body follows, where the article has one. */
  title: Element | null;
  /** The article's text nodes, by their index in the text order of root: [from, to). */
  from: number;
  to: number;
}

export interface SplitOptions {
  /** Names the site calls itself by: a heading that says only that is not an article's title. */
  siteNames: readonly string[];
  /** Headline lists of the page: a heading inside one is not an article's title. */
  lists: readonly Element[];
}

interface Span {
  first: number;
  last: number;
}

/** Prose between two lines of one info block: none, or a word or two of an icon or a date. */
const SAME_BLOCK_PROSE = 30;
/** A lone info line with this much prose on both sides and no title between stands inside a body. */
const EMBEDDED_PROSE = 100;
/** A text node with this much prose is a paragraph of a body. */
const PARAGRAPH_PROSE = 60;
const HEADING = /^H[1-4]$/i;
const ANY_HEADING = tagged('h1', 'h2', 'h3', 'h4', 'h5', 'h6');

/** Text order of the page and running sums of its prose, shared by the steps below. */
class TextOrder {
  readonly texts: Text[];
  readonly index = new Map<Node, number>();
  private readonly prefix: number[];

  constructor(root: Node) {
    const { texts, inLink } = textNodesInLinks(root);
    this.texts = texts;
    this.prefix = new Array<number>(this.texts.length + 1).fill(0);
    this.texts.forEach((t, i) => {
      this.index.set(t, i);
      this.prefix[i + 1] = this.prefix[i]! + proseLetters(t.data, inLink[i]!);
    });
  }

  prose(from: number, to: number): number {
    return to > from ? this.prefix[to]! - this.prefix[from]! : 0;
  }

  /** The prose letters of the text node at k (see proseLetters). */
  proseAt(k: number): number {
    return this.prefix[k + 1]! - this.prefix[k]!;
  }

  spanOf(nodes: readonly Node[]): Span | null {
    let first = Infinity;
    let last = -Infinity;
    for (const n of nodes) {
      for (const t of n.nodeType === 3 ? [n] : textNodes(n)) {
        const i = this.index.get(t);
        if (i === undefined) continue;
        first = Math.min(first, i);
        last = Math.max(last, i);
      }
    }
    return Number.isFinite(first) ? { first, last } : null;
  }
}

/**
 * The articles of a page, in page order, or null where it holds one article (or its articles
 * cannot be told apart): the caller then reads the page as one article.
 */
export function splitArticles(root: Element, marks: ArticleMarks, options: SplitOptions): ArticleSpan[] | null {
  // One info line and one lead at most: one article, whatever else is on the page.
  if (marks.info.length < 2 && marks.leads.length < 2) return null;
  const order = new TextOrder(root);
  const inLine = new Set<number>();
  for (const nodes of marks.all) {
    const span = order.spanOf(nodes);
    if (span) for (let i = span.first; i <= span.last; i++) inLine.add(i);
  }
  const headings = new Map<Element | null, boolean>();
  const headingOf = (i: number): Element | null => {
    if (inLine.has(i)) return null;
    const heading = titleHeading(order.texts[i]!, options, headings);
    return heading;
  };

  const anchors = infoBlocks(order, marks.info, headingOf);
  let placement: 'after' | 'under';
  let marksUsed: Span[];
  if (anchors.length >= 2) {
    marksUsed = anchors;
    const hardAfter = marks.hard
      .map((n) => order.spanOf(n))
      .filter((s): s is Span => !!s && s.first > anchors[anchors.length - 1]!.last)
      .reduce((min, s) => Math.min(min, s.first), order.texts.length);
    placement = placementOf(order, anchors, hardAfter, inLine, headingOf);
  } else {
    const leads = marks.leads
      .map((n) => order.spanOf(n))
      .filter((s): s is Span => !!s)
      .sort((a, b) => a.first - b.first);
    // A lead said again with no running text and no heading since the one before is the same
    // article's (a page that prints it twice): no second article starts there.
    const distinct = leads.filter((s, i) => {
      if (i === 0) return true;
      const prev = leads[i - 1]!;
      if (order.prose(prev.last + 1, s.first) >= PARAGRAPH_PROSE) return true;
      for (let k = prev.last + 1; k < s.first; k++) if (headingOf(k)) return true;
      return false;
    });
    if (distinct.length < 2) return null;
    marksUsed = distinct;
    placement = 'under';
  }

  const bounds: { from: number; to: number }[] = [];
  if (placement === 'after') {
    marksUsed.forEach((m, i) => bounds.push({ from: i === 0 ? 0 : marksUsed[i - 1]!.last + 1, to: m.last + 1 }));
  } else {
    const starts = marksUsed.map((m, i) => (i === 0 ? 0 : titleStart(order, m, marksUsed[i - 1]!, inLine, headingOf)));
    starts.forEach((s, i) => bounds.push({ from: s, to: starts[i + 1] ?? order.texts.length }));
  }

  return bounds.map(({ from, to }) => ({
    after: from > 0 ? order.texts[from - 1]! : null,
    before: to < order.texts.length ? order.texts[to]! : null,
    title: titleOf(order, from, to, headingOf),
    from,
    to,
  }));
}

/**
 * Where the info blocks stand: under the titles where each follows a title with no paragraph
 * between (labelled lines such as the lead aside), after the bodies where a body stands
 * between a title and its block for any of them (one article's body may be a single short
 * sentence); with no title to go by, where the first body is: before the first block (after)
 * or after the last (under).
 */
function placementOf(order: TextOrder, anchors: readonly Span[], hardAfter: number, inLine: Set<number>, headingOf: (i: number) => Element | null): 'after' | 'under' {
  let titled = false;
  let previousEnd = -1;
  for (const anchor of anchors) {
    for (let k = anchor.first - 1; k > previousEnd; k--) {
      if (!headingOf(k)) continue;
      titled = true;
      let prose = 0;
      for (let j = k + 1; j < anchor.first; j++) if (!inLine.has(j) && !headingOf(j)) prose += order.proseAt(j);
      if (prose >= PARAGRAPH_PROSE) return 'after';
      break;
    }
    previousEnd = anchor.last;
  }
  if (titled) return 'under';
  const beforeFirst = order.prose(0, anchors[0]!.first);
  const afterLast = order.prose(anchors[anchors.length - 1]!.last + 1, hardAfter);
  return beforeFirst >= afterLast ? 'after' : 'under';
}

/**
 * The info blocks: info lines grouped where nothing but an icon or a date stands between them.
 * Where some block has two lines or more, a lone line is no block (a source line the article's
 * text writes itself); where every block is one line, a lone line amid prose with no title
 * near it is none either.
 */
function infoBlocks(order: TextOrder, info: ArticleMarks['info'], headingOf: (i: number) => Element | null): Span[] {
  const spans = info
    .map((n) => order.spanOf(n))
    .filter((s): s is Span => !!s)
    .sort((a, b) => a.first - b.first);
  const groups: Span[][] = [];
  for (const s of spans) {
    const group = groups[groups.length - 1];
    if (group && order.prose(group[group.length - 1]!.last + 1, s.first) < SAME_BLOCK_PROSE) group.push(s);
    else groups.push([s]);
  }
  const blocks = groups.map((g) => ({ first: g[0]!.first, last: g[g.length - 1]!.last, lines: g.length }));
  if (blocks.some((b) => b.lines >= 2)) return blocks.filter((b) => b.lines >= 2);
  return blocks.filter((b, i) => {
    const before = order.prose(i > 0 ? blocks[i - 1]!.last + 1 : 0, b.first);
    const after = order.prose(b.last + 1, i + 1 < blocks.length ? blocks[i + 1]!.first : order.texts.length);
    if (before < EMBEDDED_PROSE || after < EMBEDDED_PROSE) return true;
    const from = lastParagraph(order, b.first) + 1;
    const to = nextParagraph(order, b.last);
    for (let k = from; k < to; k++) if (headingOf(k)) return true;
    return false;
  });
}

/** A text node of a body's paragraph: running prose, not a heading. */
function isParagraph(order: TextOrder, k: number): boolean {
  const parent = order.texts[k]!.parentElement;
  return order.proseAt(k) >= PARAGRAPH_PROSE && !(parent && closestWhere(parent, ANY_HEADING));
}

function lastParagraph(order: TextOrder, before: number): number {
  for (let k = before - 1; k >= 0; k--) if (isParagraph(order, k)) return k;
  return -1;
}

function nextParagraph(order: TextOrder, after: number): number {
  for (let k = after + 1; k < order.texts.length; k++) if (isParagraph(order, k)) return k;
  return order.texts.length;
}

/**
 * Where the article of `mark` starts, its info block or lead standing under its title: the
 * first title heading after the previous article's last paragraph, else the last line of
 * text there that is not a label, a date or a count.
 */
function titleStart(order: TextOrder, mark: Span, previous: Span, inLine: Set<number>, headingOf: (i: number) => Element | null): number {
  const from = Math.max(previous.last + 1, lastParagraph(order, mark.first) + 1);
  for (let k = from; k < mark.first; k++) {
    const heading = headingOf(k);
    if (heading) return withDivider(order, from, order.spanOf([heading])?.first ?? k);
  }
  for (let k = mark.first - 1; k >= from; k--) {
    if (inLine.has(k)) continue;
    const text = order.texts[k]!.data;
    if (/\p{L}{2}/u.test(text) && !isListingDetail(text)) {
      const block = blockOf(order.texts[k]!);
      return (block && order.spanOf([block])?.first) ?? k;
    }
  }
  return mark.first;
}

/** Words of a divider that introduces the next article: it belongs to that article, not to the text above it. */
const NEXT_ARTICLE = /^(?:келесі (?:жаңалық|материал|мақала|жазба)|тағы бір жаңалық|следующая (?:новость|статья|публикация)|следующий материал|next (?:article|story|post)|up next)[.:!…]?$/u;

/** The start of a title, or of the "next article" divider right above it. */
function withDivider(order: TextOrder, from: number, start: number): number {
  for (let k = start - 1; k >= from; k--) {
    const text = foldForMatch(order.texts[k]!.data);
    if (!text) continue;
    return NEXT_ARTICLE.test(text) ? k : start;
  }
  return start;
}

/**
 * The title heading of an article's text: among the headings with most of its prose after them,
 * the first run of headings with no paragraph between them (a "next article" divider, then the
 * title), and of that run the highest heading, the last of equals.
 */
function titleOf(order: TextOrder, from: number, to: number, headingOf: (i: number) => Element | null): Element | null {
  const total = order.prose(from, to);
  let best = null as { el: Element; level: number } | null;
  let lastEnd = -1;
  for (let k = from; k < to; k++) {
    const heading = headingOf(k);
    if (!heading || heading === best?.el) continue;
    const span = order.spanOf([heading]);
    if (!span || order.prose(span.last + 1, to) < total / 2) continue;
    if (best && hasParagraph(order, lastEnd + 1, span.first)) break;
    const level: string | undefined = /^H([1-6])$/i.exec(heading.tagName)?.[1];
    const rank: number = level ? Number(level) : 2;
    if (!best || rank <= best.level) best = { el: heading, level: rank };
    lastEnd = span.last;
    k = span.last;
  }
  return best?.el ?? null;
}

function hasParagraph(order: TextOrder, from: number, to: number): boolean {
  for (let k = from; k < to; k++) if (isParagraph(order, k)) return true;
  return false;
}

/** The nearest block around a text node: what a reader sees as its line. */
function blockOf(node: Node): Element | null {
  for (let el = node.parentNode; el && isElement(el); el = el.parentNode) if (isBlock(el)) return el;
  return null;
}

/**
 * The heading a text node stands in, if that heading could be an article's title: a few words
 * or more, not the site's name, not inside a headline list, not a link among other text (a
 * title may link to its own article).
 */
export function titleHeading(node: Text, options: SplitOptions, seen?: Map<Element | null, boolean>): Element | null {
  let heading: Element | null = null;
  for (let el = node.parentNode; el && isElement(el); el = el.parentNode) {
    if (HEADING.test(el.tagName) || el.getAttribute('role') === 'heading') {
      heading = el;
      break;
    }
  }
  if (!heading) return null;
  const known = seen?.get(heading);
  if (known !== undefined) return known ? heading : null;
  const ok = isTitleHeading(heading, options);
  seen?.set(heading, ok);
  return ok ? heading : null;
}

function isTitleHeading(heading: Element, options: SplitOptions): boolean {
  const text = visibleText(heading);
  const words = text.split(' ').filter((w) => /\p{L}/u.test(w)).length;
  if (words < 2 || words > 40 || text.length > 300) return false;
  const folded = foldForMatch(text);
  if (options.siteNames.some((s) => foldForMatch(s) === folded)) return false;
  if (options.lists.some((l) => l.contains(heading))) return false;
  const links = heading.querySelectorAll('a');
  if (links.length > 1) return false;
  const link = closestTag(heading, 'A') ?? links[0];
  return !link || foldForMatch(visibleText(link)) === folded;
}

/**
 * For each info line, whether it stands with another (nothing but an icon or a date between):
 * the lines of the site's info block do, a lone label the article's text writes does not.
 */
export function standsInBlock(root: Node, lines: readonly (readonly Node[])[]): boolean[] {
  const order = new TextOrder(root);
  const spans = lines.map((n) => order.spanOf(n));
  return spans.map((s, i) => {
    if (!s) return false;
    return spans.some((o, j) => {
      if (!o || j === i) return false;
      const gap = o.first > s.last ? order.prose(s.last + 1, o.first) : s.first > o.last ? order.prose(o.last + 1, s.first) : 0;
      return gap < SAME_BLOCK_PROSE;
    });
  });
}
