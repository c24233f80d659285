/**
 * Short lines standing alone: a heading, a `<p>`, a `<div>` or a run between line breaks whose
 * whole text is short. Labels ("Comments", "Read also", "Share") are found among them; a word
 * inside a sentence never is one. Text lengths come from one walk, children before parents.
 */
import { collapse } from '../text/normalize.ts';
import { isBlock, isBreak, isElement, isNonText, isText } from '../dom.ts';

/** A line longer than this is prose, not a label. */
export const MAX_LABEL_LINE = 200;

export interface ShortLine {
  el: Element;
  /** The line's text, whitespace collapsed. */
  text: string;
}

/**
 * Text length of every element under root (root included), scripts and styles left out.
 * One iterative walk: a page of any size or depth costs one pass.
 */
export function textLengths(root: Element): Map<Element, number> {
  const lengths = new Map<Element, number>();
  type Step = { node: Node; exit: boolean };
  const stack: Step[] = [{ node: root, exit: false }];
  while (stack.length) {
    const { node, exit } = stack.pop()!;
    if (!isElement(node)) continue;
    if (exit) {
      const own = lengths.get(node) ?? 0;
      const parent = node.parentElement;
      if (node !== root && parent) lengths.set(parent, (lengths.get(parent) ?? 0) + own);
      continue;
    }
    if (node !== root && isNonText(node)) continue;
    let own = 0;
    for (let c = node.firstChild; c; c = c.nextSibling) if (isText(c)) own += c.data.trim() ? collapse(c.data).length : 0;
    lengths.set(node, own);
    stack.push({ node, exit: true });
    for (let i = node.childNodes.length - 1; i >= 0; i--) stack.push({ node: node.childNodes[i]!, exit: false });
  }
  return lengths;
}

/** Nothing with text between the element and a block edge or a line break on that side. */
function aloneOnSide(el: Element, side: 'previousSibling' | 'nextSibling', lengths: Map<Element, number>): boolean {
  for (let cur = el[side]; cur; cur = cur[side]) {
    if (isText(cur)) {
      if (cur.data.trim()) return /^[\s|·•,;:–—-]*$/.test(cur.data);
      continue;
    }
    if (!isElement(cur)) continue;
    if (isBreak(cur) || isBlock(cur)) return true;
    if (isNonText(cur)) continue;
    if ((lengths.get(cur) ?? 0) > 0) return false;
  }
  return true;
}

/**
 * The short lines under root: elements whose text is at most MAX_LABEL_LINE characters, the
 * largest element holding that text, standing alone on their line. In document order.
 */
export function shortLines(root: Element, lengths: Map<Element, number> = textLengths(root)): ShortLine[] {
  const out: ShortLine[] = [];
  for (const [el, len] of lengths) {
    if (el === root || len === 0 || len > MAX_LABEL_LINE) continue;
    const parent = el.parentElement;
    // The largest element with this text: a parent holding nothing more is the line instead.
    if (parent && parent !== root && (lengths.get(parent) ?? 0) === len && !isBlock(el)) continue;
    if (parent && parent !== root && (lengths.get(parent) ?? 0) === len && isBlock(parent)) continue;
    if (!isBlock(el) && !(aloneOnSide(el, 'previousSibling', lengths) && aloneOnSide(el, 'nextSibling', lengths))) continue;
    out.push({ el, text: collapse(el.textContent ?? '') });
  }
  return out;
}
