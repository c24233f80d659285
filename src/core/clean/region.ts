/**
 * Where the article body is, from the order of what is on the page. The page reads: title,
 * aggregator lead, body, trailer, meta lines, comments, most-read. Lines found by their labels
 * cut the text after the title into stretches; the body is the stretch with the most prose
 * (text outside links) before the first line that ends the article (comments, the most-read
 * heading). Markup and class names play no part.
 */
import { closestTag, holds, textNodes } from '../dom.ts';

export interface Boundary {
  nodes: readonly Node[];
  /** Ends the article: nothing after it is body. */
  hard: boolean;
  /** What follows is most likely not the article (comments after their count): its prose counts for less. */
  opensAside?: boolean;
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
  nodes: readonly Node[];
}

/** Weight of prose right after a line that opens an aside. */
const ASIDE_WEIGHT = 0.25;

/** A stretch with less prose than this is not taken as the body where a longer one exists before the end. */
const MIN_BODY_LETTERS = 60;
const WORDS = /\p{L}{2,}/gu;

export function findBodyRegion(root: Node, title: Element | null, boundaries: readonly Boundary[]): Region {
  const texts = textNodes(root);
  const index = new Map<Node, number>();
  texts.forEach((t, i) => index.set(t, i));

  const spanOf = (nodes: readonly Node[], hard: boolean, aside = false): Span | null => {
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
    return Number.isFinite(first) ? { first, last, hard, aside, nodes } : null;
  };

  const titleSpan = title ? spanOf([title], false) : null;
  const start = titleSpan ? titleSpan.last : -1;
  const spans = boundaries
    .map((b) => spanOf(b.nodes, b.hard, b.opensAside))
    .filter((s): s is Span => !!s && s.first > start)
    .sort((a, b) => a.first - b.first);

  // Prose letters per text node, prefix-summed so any stretch is counted at once.
  const prefix = new Array<number>(texts.length + 1).fill(0);
  texts.forEach((t, i) => {
    prefix[i + 1] = prefix[i]! + proseLetters(t);
  });
  const proseBetween = (a: number, b: number) => (b > a ? prefix[b]! - prefix[a]! : 0);

  interface Gap {
    from: number;
    to: number;
    after: Span | null;
    before: Span | null;
    afterHard: boolean;
    prose: number;
  }
  const gaps: Gap[] = [];
  let prev: Span | null = titleSpan;
  let cursor = start + 1;
  let hardSeen = false;
  for (const s of spans) {
    if (s.first < cursor) {
      cursor = Math.max(cursor, s.last + 1);
      prev = s;
      hardSeen ||= s.hard;
      continue;
    }
    gaps.push({ from: cursor, to: s.first, after: prev, before: s, afterHard: hardSeen, prose: weigh(prev, proseBetween(cursor, s.first)) });
    hardSeen ||= s.hard;
    prev = s;
    cursor = s.last + 1;
  }
  gaps.push({ from: cursor, to: texts.length, after: prev, before: null, afterHard: hardSeen, prose: weigh(prev, proseBetween(cursor, texts.length)) });

  const beforeEnd = gaps.filter((g) => !g.afterHard);
  const pool = beforeEnd.some((g) => g.prose >= MIN_BODY_LETTERS) ? beforeEnd : gaps;
  const best = pool.reduce((a, b) => (b.prose > a.prose ? b : a));

  return {
    after: best.after ? outermost(best.after.nodes, true) : null,
    before: best.before ? outermost(best.before.nodes, false) : null,
  };
}

/** Letters of running text: outside links, and in a run of three words or more (not a date, a count, a label). */
function proseLetters(t: Text): number {
  if (closestTag(t, 'A')) return 0;
  const words = t.data.match(WORDS);
  if (!words || words.length < 3) return 0;
  return words.reduce((n, w) => n + w.length, 0);
}

function weigh(after: Span | null, prose: number): number {
  return after?.aside ? prose * ASIDE_WEIGHT : prose;
}

function outermost(nodes: readonly Node[], last: boolean): Node {
  return last ? nodes[nodes.length - 1]! : nodes[0]!;
}

/** A copy of what lies strictly between the two nodes, with the ancestors that hold it. */
export function cloneRegion(doc: Document, root: Node, region: Region): DocumentFragment {
  const range = doc.createRange();
  if (region.after && holds(root, region.after) && region.after !== root) range.setStartAfter(region.after);
  else range.setStart(root, 0);
  if (region.before && holds(root, region.before) && region.before !== root) range.setEndBefore(region.before);
  else range.setEnd(root, root.childNodes.length);
  if (range.collapsed) return doc.createDocumentFragment();
  return range.cloneContents();
}
