/**
 * Finding the page's labelled lines by their text, whatever elements they are made of.
 *
 * A line is what a reader sees as one line: `Көрілімдер:104`, `Дереккөз: https://egemen.kz`,
 * the aggregator's lead sentence. On one page it is a `<div>` with an icon `<span>` and a link;
 * on another a run of inline nodes between two `<br>`s; on a third a sentence inside a longer
 * text node. A rule names a line by a keyword (where to look) and by the shape of the whole line
 * (what must be all there is). The line found is the set of sibling nodes that together hold
 * exactly that text, climbing to the largest element that holds nothing else.
 */
import { collapse, foldForMatch, foldSameLength } from '../text/normalize.ts';
import { isBlock, isBreak, isElement, isText, nextNonBlank, textNodes } from '../dom.ts';
import { firstUnder, tagged } from '../find.ts';
import { hasVisibleText, isGlyphElement, rawVisibleText, showsMoreThan, stripGluedGlyphs, visibleText } from './glyphs.ts';

export interface LineRule<K extends string = string> {
  kind: K;
  /** Where a line of this kind shows itself: tested on the lower-cased, look-alike-folded text. */
  find: RegExp;
  /** The whole line, on the folded visible text. Anchored. */
  line: RegExp;
  /** Where the line starts, if that can be told: a text node is cut just before it (and before a glyph glued to it). */
  cutBefore?: RegExp;
  /**
   * The line must stand alone between line breaks (or other lines): its keyword is an ordinary
   * word too (`дереккөз`, `пікірлер`), which inside a sentence is not a label.
   */
  alone?: boolean;
  /**
   * A line that must stand alone may still follow a sentence of its block, where it ends the
   * block and these nodes of it say what it is ("… деді. Сондай-ақ оқыңыз: <a>headline</a>").
   */
  afterSentence?: (nodes: readonly Node[]) => boolean;
}

export interface Line<K extends string = string> {
  kind: K;
  /** Sibling nodes that together make the line, in order. */
  nodes: Node[];
  /** The line's visible text (original letters, whitespace collapsed). */
  text: string;
}

/** Longest text a line can have; a parent holding more is not one line. */
const MAX_LINE = 600;

const GLUED_GLYPH_BEFORE = /(?:see|embed|archive|top|news|close|up|menu)$/i;

/** What findLines asks of every text node, built once for a list of rules. */
interface Scanner {
  /** Whether a folded text holds the keyword of any rule. */
  anyKeyword(folded: string): boolean;
  /** The rules' cutBefore patterns, global, in rule order. */
  cutters: readonly RegExp[];
}

const scanners = new WeakMap<readonly LineRule[], Scanner>();

function scannerFor(rules: readonly LineRule[]): Scanner {
  let scanner = scanners.get(rules);
  if (scanner) return scanner;
  // One pattern of all the keywords scans a text once instead of once a rule (where the rules'
  // flags are one and the same, and no pattern refers back to a group of its own).
  const flags = new Set(rules.map((r) => r.find.flags));
  const [only] = flags;
  const joinable = flags.size === 1 && !/[gy]/.test(only!) && !rules.some((r) => /\\[1-9]|\\k</.test(r.find.source));
  const joined = joinable ? new RegExp(rules.map((r) => `(?:${r.find.source})`).join('|'), only) : null;
  scanner = {
    anyKeyword: joined ? (folded) => joined.test(folded) : (folded) => rules.some((r) => r.find.test(folded)),
    cutters: rules.flatMap((r) => (r.cutBefore ? [new RegExp(r.cutBefore.source, r.cutBefore.flags.includes('g') ? r.cutBefore.flags : r.cutBefore.flags + 'g')] : [])),
  };
  scanners.set(rules, scanner);
  return scanner;
}

/** Where a text node is cut into one node a line: at line breaks, sentence ends, and before line-starting keywords (last first). */
function cutPoints(folded: string, cutters: readonly RegExp[]): number[] {
  const cuts = new Set<number>();
  for (const m of folded.matchAll(/\n+|[.!?…]+\s+/g)) cuts.add(m.index + m[0].length);
  for (const re of cutters) {
    for (const m of folded.matchAll(re)) {
      let at = m.index;
      const glued = GLUED_GLYPH_BEFORE.exec(folded.slice(Math.max(0, at - 7), at));
      if (glued) at -= glued[0].length;
      cuts.add(at);
    }
  }
  return [...cuts].filter((c) => c > 0 && c < folded.length).sort((a, b) => b - a);
}

/** The text node cut at these points (last first): the pieces in order. */
function cutAt(node: Text, points: readonly number[]): Text[] {
  const pieces: Text[] = [];
  for (const at of points) pieces.unshift(node.splitText(at));
  pieces.unshift(node);
  return pieces;
}

/** Pictographs and symbols a line may open with, as icons drawn in text ("👁 Көрілімдер: 388", "🔗 Дереккөз: …"). */
const LEADING_SYMBOLS = /^[\p{Extended_Pictographic}\p{So}\uFE0F\u200D\s]+/u;

/** A line's text as shown: icons among its nodes draw no letters. */
function textOf(nodes: readonly Node[]): string {
  return collapse(stripGluedGlyphs(nodes.map((n) => (isElement(n) && isGlyphElement(n) ? '' : rawVisibleText(n))).join(''))).replace(LEADING_SYMBOLS, '');
}

/**
 * Finds every line matching one of the rules under root. Each text node belongs to at most one
 * line; rules earlier in the list win. The DOM is changed only by splitting text nodes; with
 * `cut: false` it is not changed at all, and the answer is null where a text node would have
 * to be cut. `texts`, where given, are root's text nodes (textNodes) as they stand.
 */
export function findLines<K extends string>(root: Node, rules: readonly LineRule<K>[]): Line<K>[];
export function findLines<K extends string>(root: Node, rules: readonly LineRule<K>[], options: { cut: boolean; texts?: readonly Text[] }): Line<K>[] | null;
export function findLines<K extends string>(root: Node, rules: readonly LineRule<K>[], { cut = true, texts }: { cut?: boolean; texts?: readonly Text[] } = {}): Line<K>[] | null {
  const lines: Line<K>[] = [];
  const taken = new Set<Node>();
  const scanner = scannerFor(rules);
  // A parent longer than a line holds more than one: each parent measured once (many lines may share a huge one).
  const measured = new Map<Node, boolean>();
  const tooLong = (parent: Node) => {
    let long = measured.get(parent);
    if (long === undefined) measured.set(parent, (long = (parent.textContent?.length ?? 0) > MAX_LINE * 2));
    return long;
  };
  for (const original of texts ?? textNodes(root)) {
    if (!/[\p{L}\p{N}]/u.test(original.data)) continue;
    const folded = foldSameLength(original.data);
    if (!scanner.anyKeyword(folded)) continue;
    // foldSameLength keeps every character where it was: a cut in the folded text is one in the node.
    const points = cutPoints(folded, scanner.cutters);
    if (points.length && !cut) return null;
    for (const piece of cutAt(original, points)) {
      if (isTaken(piece, taken)) continue;
      const pieceFolded = foldSameLength(piece.data);
      for (const rule of rules) {
        if (!rule.find.test(pieceFolded)) continue;
        const nodes = growLine(piece, rule, rules, root, tooLong);
        if (!nodes) continue;
        for (const n of nodes) taken.add(n);
        lines.push({ kind: rule.kind, nodes, text: textOf(nodes) });
        break;
      }
    }
  }
  return lines;
}

function isTaken(node: Node, taken: Set<Node>): boolean {
  for (let cur: Node | null = node; cur; cur = cur.parentNode) if (taken.has(cur)) return true;
  return false;
}

function fits(rule: LineRule, nodes: readonly Node[]): boolean {
  const text = foldForMatch(textOf(nodes));
  return text.length <= MAX_LINE && rule.line.test(text);
}

/** Holds the keyword of a line of another kind: a sibling that starts the next line. */
function startsOtherLine(node: Node, rule: LineRule, rules: readonly LineRule[]): boolean {
  const text = foldForMatch(visibleText(node));
  return rules.some((r) => r !== rule && r.find.test(text));
}

/** Text that only separates items on one row: `Көрілімдер:321 · Дереккөз: egemen.kz`. */
const SEPARATOR = /^\s*[·•∙⋅|]\s*$/;

function isBoundary(node: Node): boolean {
  return isBreak(node) || (isBlock(node) && hasVisibleText(node)) || (isText(node) && SEPARATOR.test(node.data));
}

function growLine(start: Text, rule: LineRule, rules: readonly LineRule[], root: Node, tooLong: (parent: Node) => boolean): Node[] | null {
  let nodes: Node[] = [start];
  for (;;) {
    nodes = extendAlongSiblings(nodes, rule, rules);
    const parent = nodes[0]!.parentNode;
    if (!parent || parent === root || !isElement(parent)) break;
    const tag = parent.tagName.toUpperCase();
    if (tag === 'BODY' || tag === 'HTML') break;
    if (tooLong(parent)) break;
    // Climb only to a parent that holds nothing but this line.
    const line = textOf(nodes);
    if (!showsMoreThan(parent, line.length) && visibleText(parent) === line) nodes = [parent];
    else break;
  }
  if (!fits(rule, nodes)) return null;
  if (rule.alone) {
    const first = nodes[0]!;
    const before = standsAlone(first, 'previousSibling', rule, rules) || (!!rule.afterSentence?.(nodes) && followsSentence(first));
    if (!before || !standsAlone(nodes[nodes.length - 1]!, 'nextSibling', rule, rules)) return null;
  }
  return nodes;
}

/** A sentence's end: its mark, a closing quote or bracket at most, then space. */
const SENTENCE_END = /[.!?…][»"”'’)]*\s*$/;

/** Whether the text right before the node, in its block, ends a sentence. */
function followsSentence(node: Node): boolean {
  for (let cur = node.previousSibling; cur; cur = cur.previousSibling) {
    if (isBoundary(cur)) return false;
    if (!hasVisibleText(cur)) continue;
    return SENTENCE_END.test(cur.textContent ?? '');
  }
  return false;
}

/** Nothing but whitespace or icons between the node and the line break (or the next line) on that side. */
function standsAlone(node: Node, side: 'previousSibling' | 'nextSibling', rule: LineRule, rules: readonly LineRule[]): boolean {
  if (isBoundary(node)) return true;
  for (let cur = node[side]; cur; cur = cur[side]) {
    if (isBoundary(cur)) return true;
    if (!hasVisibleText(cur)) continue;
    return startsOtherLine(cur, rule, rules);
  }
  return true;
}

function extendAlongSiblings(nodes: Node[], rule: LineRule, rules: readonly LineRule[]): Node[] {
  let out = nodes;
  for (let prev = out[0]!.previousSibling; prev && !endsInBoundary(out, 'first') && joins(prev, rule, rules, [prev, ...out]); prev = out[0]!.previousSibling) {
    out = [prev, ...out];
  }
  for (let next = out[out.length - 1]!.nextSibling; next && !endsInBoundary(out, 'last') && joins(next, rule, rules, [...out, next]); next = out[out.length - 1]!.nextSibling) {
    out = [...out, next];
  }
  return trimEdges(out);
}

/** Whether the line's outermost node with text on that side is a block: the line cannot go past it. */
function endsInBoundary(nodes: readonly Node[], side: 'first' | 'last'): boolean {
  const order = side === 'first' ? nodes : [...nodes].reverse();
  const edge = order.find((n) => !(isText(n) && !/\S/.test(n.data)));
  return !!edge && isBoundary(edge);
}

const MEDIA = tagged('img', 'picture', 'video', 'iframe');

/** Whether a sibling belongs to the line: empty (whitespace, an icon) or text that keeps the line whole. */
function joins(sibling: Node, rule: LineRule, rules: readonly LineRule[], candidate: readonly Node[]): boolean {
  if (isBoundary(sibling)) return false;
  if (isElement(sibling) && firstUnder(sibling, MEDIA)) return false;
  if (isElement(sibling) && /^(IMG|PICTURE|VIDEO|IFRAME|FIGURE)$/i.test(sibling.tagName)) return false;
  if (!hasVisibleText(sibling)) return true;
  return !startsOtherLine(sibling, rule, rules) && fits(rule, candidate);
}

/** Leading and trailing whitespace-only text nodes are not part of a line. */
function trimEdges(nodes: Node[]): Node[] {
  let a = 0;
  let b = nodes.length;
  while (a < b - 1 && isText(nodes[a]) && !/\S/.test((nodes[a] as Text).data)) a++;
  while (b > a + 1 && isText(nodes[b - 1]) && !/\S/.test((nodes[b - 1] as Text).data)) b--;
  return nodes.slice(a, b);
}

/** Removes a line's nodes and the line break right after it. */
export function removeLine(line: Line): void {
  const last = line.nodes[line.nodes.length - 1];
  const after = nextNonBlank(last?.nextSibling ?? null);
  for (const n of line.nodes) n.parentNode?.removeChild(n);
  if (after && isBreak(after)) after.parentNode?.removeChild(after);
}
