/**
 * How much text each element holds, and whether it holds a paragraph, gathered in one walk
 * (children before parents) so that the steps looking for small inserts and short label lines
 * never read a large element's text again and again: a page of any size or depth costs one
 * pass, then only small elements are read.
 */
import { collapse, foldForMatch } from '../text/normalize.ts';
import { hasLetters } from '../text/letters.ts';
import { isElement, isText } from '../dom.ts';
import { visibleText } from './glyphs.ts';

export interface TextStats {
  /** Characters of text inside (whitespace included; scripts and styles left out). */
  length: number;
  /** Holds a text node outside links with PARAGRAPH_LETTERS letters or more: running text. */
  paragraph: boolean;
}

/** Letters of one text node that make it a paragraph of running text. */
export const PARAGRAPH_LETTERS = 80;

const SKIPPED = /^(SCRIPT|STYLE|NOSCRIPT|TEMPLATE)$/i;


export function textStats(root: Element): Map<Element, TextStats> {
  const stats = new Map<Element, TextStats>();
  type Step = { node: Node; exit: boolean; inLink: boolean };
  const stack: Step[] = [{ node: root, exit: false, inLink: false }];
  while (stack.length) {
    const { node, exit, inLink } = stack.pop()!;
    if (isText(node)) {
      const parent = node.parentElement;
      const s = parent ? stats.get(parent) : undefined;
      if (!s) continue;
      s.length += node.data.length;
      if (!inLink && !s.paragraph && node.data.length >= PARAGRAPH_LETTERS && hasLetters(node.data, PARAGRAPH_LETTERS)) s.paragraph = true;
      continue;
    }
    if (!isElement(node)) continue;
    if (exit) {
      const own = stats.get(node)!;
      const parent = node !== root ? node.parentElement : null;
      const p = parent ? stats.get(parent) : undefined;
      if (p) {
        p.length += own.length;
        p.paragraph ||= own.paragraph;
      }
      continue;
    }
    if (node !== root && SKIPPED.test(node.tagName)) continue;
    stats.set(node, { length: 0, paragraph: false });
    stack.push({ node, exit: true, inLink });
    const link = inLink || node.tagName.toUpperCase() === 'A';
    for (let c = node.lastChild; c; c = c.previousSibling) stack.push({ node: c, exit: false, inLink: link });
  }
  return stats;
}

/**
 * Elements that show nothing but a short label `test` accepts (given the folded text): found
 * from their text nodes, each the largest element around one that still shows only the label.
 */
export function labelElements(root: Element, stats: ReadonlyMap<Element, TextStats>, test: (folded: string) => boolean, maxLength = 80): Element[] {
  const found = new Set<Element>();
  const walker = root.ownerDocument.createTreeWalker(root, 4);
  for (let t = walker.nextNode(); t; t = walker.nextNode()) {
    const own = t.textContent ?? '';
    if (own.length > maxLength * 4 || !/\p{L}/u.test(own)) continue;
    const short = collapse(own);
    if (!short || short.length > maxLength) continue;
    let best: Element | null = null;
    for (let el = t.parentElement; el && el !== root; el = el.parentElement) {
      if ((stats.get(el)?.length ?? Infinity) > maxLength * 4) break;
      const text = visibleText(el);
      if (text.length > maxLength || !test(foldForMatch(text))) break;
      best = el;
    }
    if (best) found.add(best);
  }
  return [...found];
}
