/**
 * Where the article body is, from the order of what is on the page. The page reads: title,
 * aggregator lead, body, trailer, meta lines, comments, most-read. Lines found by their labels
 * cut the text after the title into stretches; the body is the stretch with the most prose
 * (text outside links) before the first line that ends the article (comments, the most-read
 * heading). Markup and class names play no part.
 */
import { holds, precedes, textNodes, textNodesInLinks, type TextsInLinks } from '../dom.ts';
import { letterCount, wordLetters } from '../text/letters.ts';

export interface Boundary {
  nodes: readonly Node[];
  /** Ends the article: nothing after it is body. */
  hard: boolean;
  /**
   * Ends the article even where the text before it is short (readers' comments known by their
   * entries): a hard line alone gives way where no stretch before it is long enough for a body,
   * unless it comes after the info lines that follow the trailer.
   */
  final?: boolean;
  /** What follows is most likely not the article (comments after their count): its prose counts for less. */
  opensAside?: boolean;
  /**
   * A line that may stand inside the text (a lone `Дереккөз:` line the article itself writes):
   * with running prose on both sides it is part of the body, not a cut.
   */
  soft?: boolean;
  /** A line that opens the article (the aggregator's lead): what stands between it and the title is the article's. */
  opens?: boolean;
  /**
   * One of the site's info lines (views, source, archived time) after the article's trailer:
   * once running text has come before one, the text after it is the page's tail (comments under
   * a heading no rule knows), and counts for less.
   */
  info?: boolean;
  /**
   * A line of the site's that may be set inside the text (a call to follow the site's channel):
   * with running text on both sides it is an insert in the body, not its end.
   */
  insert?: boolean;
}

export interface Region {
  /** The body starts right after this node (null: at the start of root). */
  after: Node | null;
  /** The body ends right before this node (null: at the end of root). */
  before: Node | null;
}

interface Span {
  first: number;
  last: number;
  hard: boolean;
  aside: boolean;
  info: boolean;
  final: boolean;
  nodes: readonly Node[];
}

/** Weight of prose right after a line that opens an aside. */
const ASIDE_WEIGHT = 0.25;

/** A stretch with less prose than this is not taken as the body where a longer one exists before the end. */
const MIN_BODY_LETTERS = 60;
/** Prose on each side of a soft line that makes it part of the text it stands in. */
const SOFT_LINE_PROSE = 100;
/** Running text after an insert that makes it part of the body: a short sentence. */
const INSERT_PROSE_AFTER = 20;
/** Running text between the title and the lead that makes it the article's standfirst: letters, and their share of all. */
const STANDFIRST_LETTERS = 40;
const STANDFIRST_SHARE = 0.6;
/** Running text before an info line that makes what follows it the page's tail. */
const TEXT_BEFORE_TAIL = 30;

/** Where the body is under root, after the title. `order`, where given, is textNodesInLinks(root) as it stands. */
export function findBodyRegion(root: Node, title: Element | null, boundaries: readonly Boundary[], order: TextsInLinks = textNodesInLinks(root)): Region {
  const { texts, inLink } = order;
  const index = new Map<Node, number>();
  texts.forEach((t, i) => index.set(t, i));

  const spanOf = (nodes: readonly Node[], hard: boolean, aside = false, info = false, final = false): Span | null => {
    let first = Infinity;
    let last = -Infinity;
    for (const n of nodes) {
      const inner = n.nodeType === 3 ? [n] : textNodes(n);
      for (const t of inner) {
        const i = index.get(t);
        if (i === undefined) continue;
        first = Math.min(first, i);
        last = Math.max(last, i);
      }
    }
    return Number.isFinite(first) ? { first, last, hard: hard || final, aside, info, final, nodes } : null;
  };

  const titleSpan = title ? spanOf([title], false) : null;
  const start = titleSpan ? titleSpan.last : -1;
  const softSpans = new Set<Span>();
  const openingSpans = new Set<Span>();
  const insertSpans = new Set<Span>();
  const sorted = boundaries
    .map((b) => {
      const span = spanOf(b.nodes, b.hard, b.opensAside, b.info, b.final);
      if (span && b.soft) softSpans.add(span);
      if (span && b.opens) openingSpans.add(span);
      if (span && b.insert) insertSpans.add(span);
      return span;
    })
    .filter((s): s is Span => !!s && s.first > start)
    .sort((a, b) => a.first - b.first);

  // Prose letters per text node, prefix-summed so any stretch is counted at once.
  const prefix = new Array<number>(texts.length + 1).fill(0);
  texts.forEach((t, i) => {
    prefix[i + 1] = prefix[i]! + proseLetters(t.data, inLink[i]!);
  });
  const proseBetween = (a: number, b: number) => (b > a ? prefix[b]! - prefix[a]! : 0);

  // A soft line amid running text on both sides belongs to that text; so does an insert with
  // the text going on after it (a line or two: the article's last paragraph may be short).
  const spans = sorted.filter((s, i) => {
    if (!softSpans.has(s) && !insertSpans.has(s)) return true;
    const before = i > 0 ? sorted[i - 1]!.last + 1 : start + 1;
    const after = i + 1 < sorted.length ? sorted[i + 1]!.first : texts.length;
    const proseAfter = insertSpans.has(s) ? INSERT_PROSE_AFTER : SOFT_LINE_PROSE;
    return !(proseBetween(before, s.first) >= SOFT_LINE_PROSE && proseBetween(s.last + 1, after) >= proseAfter);
  });

  interface Gap {
    from: number;
    to: number;
    after: Span | null;
    before: Span | null;
    afterHard: boolean;
    afterFinal: boolean;
    prose: number;
  }
  const gaps: Gap[] = [];
  let prev: Span | null = titleSpan;
  let cursor = start + 1;
  let hardSeen = false;
  let finalSeen = false;
  // The site's info lines after the trailer: a line that ends the article after them ends it for certain.
  let infoSeen = false;
  // Running text before the current point: after an info line, what follows is the page's tail.
  let proseSeen = 0;
  const gapAt = (to: number, before: Span | null): Gap => {
    const prose = proseBetween(cursor, to);
    const tail = !!prev?.info && proseSeen >= TEXT_BEFORE_TAIL;
    proseSeen += prose;
    return { from: cursor, to, after: prev, before, afterHard: hardSeen, afterFinal: finalSeen, prose: tail ? prose * ASIDE_WEIGHT : weigh(prev, prose) };
  };
  for (const s of spans) {
    if (s.first < cursor) {
      cursor = Math.max(cursor, s.last + 1);
      prev = s;
      hardSeen ||= s.hard;
      finalSeen ||= s.final || (s.hard && infoSeen);
      infoSeen ||= s.info;
      continue;
    }
    gaps.push(gapAt(s.first, s));
    hardSeen ||= s.hard;
    finalSeen ||= s.final || (s.hard && infoSeen);
    infoSeen ||= s.info;
    prev = s;
    cursor = s.last + 1;
  }
  gaps.push(gapAt(texts.length, null));

  const beforeEnd = gaps.filter((g) => !g.afterHard);
  const beforeFinal = gaps.filter((g) => !g.afterFinal);
  const pool = beforeEnd.some((g) => g.prose >= MIN_BODY_LETTERS) ? beforeEnd : beforeFinal.some((g) => g.prose > 0) ? beforeFinal : gaps;
  const best = pool.reduce((a, b) => (b.prose > a.prose ? b : a));

  // Between the title and the lead: nothing, or a standfirst, nothing else (a date, links, counts, a byline, a call to subscribe).
  const openingOnly = (a: number, b: number) => {
    let letters = 0;
    let text = '';
    for (let i = a; i < b; i++) {
      const n = letterCount(texts[i]!.data);
      if (n && inLink[i]) return false;
      letters += n;
      text += texts[i]!.data;
    }
    if (letters === 0) return true;
    const prose = proseBetween(a, b);
    return prose >= STANDFIRST_LETTERS && prose >= STANDFIRST_SHARE * letters && isStandfirst(text.trim());
  };
  return {
    after: bodyStart(best.after, spans, openingSpans, titleSpan, openingOnly),
    before: best.before ? outermost(best.before.nodes, false) : null,
  };
}

/**
 * Where the body starts: after the line before it. Where that line opens the article (the
 * lead) and nothing but running text stands between it and the title, the body starts at the
 * title: a picture or a standfirst set between the title and the lead is the article's, and
 * the lead itself is taken out with the other lines. (An info block, a date or links there stay
 * outside the body: lines inside it are the article's own, not the site's.)
 */
function bodyStart(after: Span | null, spans: readonly Span[], opening: ReadonlySet<Span>, title: Span | null, articles: (from: number, to: number) => boolean): Node | null {
  if (!after) return null;
  if (title) {
    let i = spans.indexOf(after);
    while (i >= 0 && opening.has(spans[i]!) && articles((i > 0 ? spans[i - 1]!.last : title.last) + 1, spans[i]!.first)) i--;
    if (i < 0) return outermost(title.nodes, true);
  }
  return outermost(after.nodes, true);
}

/** A standfirst's shape: sentences, no label before a colon ("Автор материала: …"), no call to subscribe. */
function isStandfirst(text: string): boolean {
  return /[.!?…»"”]$/.test(text) && !/^[^:：.!?]{0,40}[:：]/.test(text) && !/подписыва|подпишитесь|жазылыңыз|subscribe/i.test(text);
}

/** Letters of running text: outside links, and in a run of three words or more (not a date, a count, a label). */
export function proseLetters(text: string, inLink: boolean): number {
  return inLink ? 0 : wordLetters(text);
}

function weigh(after: Span | null, prose: number): number {
  return after?.aside ? prose * ASIDE_WEIGHT : prose;
}

function outermost(nodes: readonly Node[], last: boolean): Node {
  return last ? nodes[nodes.length - 1]! : nodes[0]!;
}

/**
 * A copy of what lies strictly between the two nodes, with shallow copies of the ancestors
 * that hold it: what Range.cloneContents gives, built in one pass (jsdom's ranges compare
 * boundary points per node, which takes minutes on a 10 MB page), and without recursion, so any
 * depth is fine. The copy belongs to doc, which may be another document than root's (the
 * nodes are made there, never in the page). With `take`, the nodes wholly inside are moved
 * rather than copied (the same result, for a caller that discards the rest of the page:
 * copying them costs their making).
 */
export function cloneRegion(doc: Document, root: Node, region: Region, { take = false } = {}): DocumentFragment {
  const fragment = doc.createDocumentFragment();
  const whole = (node: Node) => (take ? node : doc.importNode(node, true));
  /** Puts into `into` the siblings from `first` up to (not including) `stop`. */
  const siblings = (into: Node, first: Node | null, stop: Node | null) => {
    for (let sibling = first; sibling && sibling !== stop; ) {
      const next = sibling.nextSibling;
      into.appendChild(whole(sibling));
      sibling = next;
    }
  };
  const pathTo = (node: Node | null): Node[] | null => {
    if (!node || node === root || !holds(root, node)) return null;
    const path: Node[] = [];
    for (let n: Node | null = node; n && n !== root; n = n.parentNode) path.push(n);
    return path.reverse();
  };
  const a = pathTo(region.after);
  const b = pathTo(region.before);
  let d = 0;
  if (a && b) {
    while (d < a.length && d < b.length && a[d] === b[d]) d++;
    // One inside the other, or the end before the start: nothing lies between.
    if (d === a.length || d === b.length || precedes(b[d]!, a[d]!)) return fragment;
  }
  // The ancestors both share are not part of the copy (as with a range): it starts below them.
  // Partial copies are built from the bottom up, so each is put into a parent with no ancestors
  // of its own (inserting into a deep tree costs its depth each time).
  if (a && a.length - 1 > d) {
    let inner: Node | null = null;
    for (let k = a.length - 2; k >= d; k--) {
      const copy = doc.importNode(a[k]!, false);
      if (inner) copy.appendChild(inner);
      siblings(copy, a[k + 1]!.nextSibling, null);
      inner = copy;
    }
    fragment.appendChild(inner!);
  }
  // Whole siblings between the two sides.
  const container = d === 0 ? root : a![d - 1]!;
  siblings(fragment, a ? a[d]!.nextSibling : container.firstChild, b ? b[d]! : null);
  // The end side: each level holds what precedes the next, then the partial copy of it.
  if (b && b.length - 1 > d) {
    let inner: Node | null = null;
    for (let k = b.length - 2; k >= d; k--) {
      const copy = doc.importNode(b[k]!, false);
      siblings(copy, b[k]!.firstChild, b[k + 1]!);
      if (inner) copy.appendChild(inner);
      inner = copy;
    }
    fragment.appendChild(inner!);
  }
  return fragment;
}
