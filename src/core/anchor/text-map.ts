/**
 * The article's text as the reader's anchors see it: the original (Cyrillic) text of every text
 * node of the body, whatever script is shown, with a map from each original character to where
 * it is on screen. The Latin-script setting rewrites text nodes in place (Ә → Ä, Ш → Ş, Щ → Şş),
 * so an offset in what is shown is not an offset in what was saved: anchors are kept in the
 * original and mapped to the shown text only to draw them.
 *
 * Blocks are the paragraphs of the body (the innermost block element around each run of text):
 * a reading position is a block index, a highlight keeps one as a hint.
 */
import { isBlock, isElement, textNodes } from '../dom.ts';
import { toLatin2021 } from '../translit/kazakh-latin.ts';

export interface TextSegment {
  node: Text;
  /** The node's original text (Cyrillic where the article is Kazakh). */
  original: string;
  /** Its offset in TextMap.text. */
  start: number;
  /**
   * For each original offset 0…original.length, the offset in the node as shown; null where the
   * node shows its original.
   */
  shownAt: number[] | null;
}

export interface BlockSpan {
  element: Element;
  /** Its text's start and end in TextMap.text. */
  start: number;
  end: number;
}

export interface TextMap {
  root: Node;
  /** The original text of the body: its text nodes in order, blocks apart by one newline. */
  text: string;
  segments: TextSegment[];
  blocks: BlockSpan[];
}

function blockOf(node: Node, root: Node): Node {
  for (let el: Node | null = node.parentNode; el; el = el.parentNode) {
    if (el === root || isBlock(el)) return el;
  }
  return root;
}

/**
 * Where each original character of a text node is in its shown form. The Latin table maps one
 * letter to a fixed number of letters whatever the case, so the lengths add up; where they do
 * not (a Cyrillic web address left as written), the offsets are spread evenly rather than lost.
 */
export function shownOffsets(original: string, shown: string): number[] | null {
  if (original === shown) return null;
  const out = [0];
  let at = 0;
  for (const ch of original) {
    const width = /[\u0400-\u04ff]/.test(ch) ? toLatin2021(ch).length : ch.length;
    at += width;
    for (let k = 1; k < ch.length; k++) out.push(out[out.length - 1]!);
    out.push(at);
  }
  if (at === shown.length) return out;
  return Array.from({ length: original.length + 1 }, (_, i) => Math.round((i * shown.length) / Math.max(1, original.length)));
}

/**
 * The text map of `root`. `originals` are the text nodes' data before the script was changed,
 * in document order (what textNodes(root) lists); without them the shown text is the original.
 */
export function buildTextMap(root: Node, originals?: readonly string[]): TextMap {
  const nodes = textNodes(root);
  const segments: TextSegment[] = [];
  const blocks: BlockSpan[] = [];
  let text = '';
  let current: Node | null = null;
  nodes.forEach((node, i) => {
    const original = originals && originals.length === nodes.length ? originals[i]! : node.data;
    const block = blockOf(node, root);
    const blank = !/\S/.test(original);
    if (!blank && block !== current) {
      if (current !== null) text += '\n';
      current = block;
      blocks.push({ element: (isElement(block) ? block : (node.parentElement ?? (root as Element))) as Element, start: text.length, end: text.length });
    }
    segments.push({ node, original, start: text.length, shownAt: shownOffsets(original, node.data) });
    text += original;
    if (!blank && blocks.length) blocks[blocks.length - 1]!.end = text.length;
  });
  return { root, text, segments, blocks };
}

/** The index of the block holding text offset `offset` (the next block where it falls between two). */
export function blockAt(map: TextMap, offset: number): number {
  let lo = 0;
  let hi = map.blocks.length - 1;
  if (hi < 0) return 0;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (map.blocks[mid]!.end <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The original text of block `index`. */
export function blockText(map: TextMap, index: number): string {
  const b = map.blocks[index];
  return b ? map.text.slice(b.start, b.end) : '';
}

/**
 * Where original offset `offset` is shown: a text node and an offset in its current data. A
 * start that falls between blocks moves on to the next text; an end, back to the previous one.
 */
export function shownPoint(map: TextMap, offset: number, end = false): { node: Text; offset: number } | null {
  const segs = map.segments;
  if (!segs.length) return null;
  let seg = segs[segs.length - 1]!;
  if (end) {
    seg = segs[0]!;
    for (const s of segs) {
      if (s.start < offset || (s.start === offset && s === segs[0])) seg = s;
      else break;
    }
  } else {
    for (const s of segs) {
      if (s.start + s.original.length > offset) {
        seg = s;
        break;
      }
    }
  }
  const local = Math.max(0, Math.min(seg.original.length, offset - seg.start));
  return { node: seg.node, offset: seg.shownAt ? seg.shownAt[local]! : local };
}

/** The original offset of a point in the shown DOM (a Range boundary). */
export function originalOffset(map: TextMap, container: Node, offset: number): number {
  const seg = map.segments.find((s) => s.node === container);
  if (seg) {
    if (!seg.shownAt) return seg.start + Math.min(offset, seg.original.length);
    let local = 0;
    while (local < seg.original.length && seg.shownAt[local + 1]! <= offset) local++;
    return seg.start + local;
  }
  // An element boundary: the first text node at or after the point.
  const doc = container.ownerDocument ?? (container as Document);
  const point = doc.createRange();
  point.setStart(container, offset);
  point.collapse(true);
  for (const s of map.segments) {
    if (point.comparePoint(s.node, 0) >= 0) return s.start;
  }
  return map.text.length;
}
