/**
 * Finding elements by a plain walk of the nodes concerned, where the cleaning steps would
 * otherwise ask a selector engine. The steps ask thousands of small questions of one page
 * ("does this line hold a picture?", "the links of this block"), and jsdom's selector engine
 * costs each call far more than walking the few nodes it is about. The answers are those of
 * querySelector and querySelectorAll: descendants only (root excluded), in document order; tag
 * names compared in upper case, as tagOf gives them.
 */
import { isElement } from './dom.ts';

export type ElementTest = (el: Element) => boolean;

/** A test for elements of these tags (given in any case). */
export function tagged(...tags: string[]): ElementTest {
  const names = new Set(tags.map((t) => t.toUpperCase()));
  return (el) => names.has(el.tagName.toUpperCase());
}

/** The first element under root that passes test, in document order. */
export function firstUnder(root: Node, test: ElementTest): Element | null {
  const stack: Node[] = [];
  for (let c = root.lastChild; c; c = c.previousSibling) stack.push(c);
  while (stack.length) {
    const node = stack.pop()!;
    if (!isElement(node)) continue;
    if (test(node)) return node;
    for (let c = node.lastChild; c; c = c.previousSibling) stack.push(c);
  }
  return null;
}

/** Every element under root that passes test, in document order. */
export function allUnder(root: Node, test: ElementTest): Element[] {
  const out: Element[] = [];
  const stack: Node[] = [];
  for (let c = root.lastChild; c; c = c.previousSibling) stack.push(c);
  while (stack.length) {
    const node = stack.pop()!;
    if (!isElement(node)) continue;
    if (test(node)) out.push(node);
    for (let c = node.lastChild; c; c = c.previousSibling) stack.push(c);
  }
  return out;
}

/** Every element under root (root excluded), in document order. */
export function elementsUnder(root: Node): Element[] {
  return allUnder(root, () => true);
}

/** Whether el has more than n element children (jsdom builds a collection of them all for childElementCount). */
export function moreElementChildren(el: Element, n: number): boolean {
  let count = 0;
  for (let c = el.firstElementChild; c; c = c.nextElementSibling) if (++count > n) return true;
  return false;
}

/** The element itself or its nearest ancestor that passes test, as closest gives it. */
export function closestWhere(el: Element, test: ElementTest): Element | null {
  for (let cur: Element | null = el; cur; cur = cur.parentElement) if (test(cur)) return cur;
  return null;
}

/** A test for elements of these tags that carry the attribute (`a[href]`). */
export function taggedWith(attribute: string, ...tags: string[]): ElementTest {
  const tag = tagged(...tags);
  return (el) => tag(el) && el.hasAttribute(attribute);
}

/**
 * The document's base URL as baseURI gives it, for a page read at its own address or a copy of
 * one (neither takes its base from another document, as a page at about:blank may): its
 * `<base href>` where it has one, else its address. jsdom looks for the `<base>` with its
 * selector engine on every read of baseURI after a change.
 */
export function baseUrlOf(doc: Document): string {
  // Elements of one tag are listed by the document itself, without a walk through every node.
  const bases = doc.getElementsByTagName('base');
  for (let i = 0; i < bases.length; i++) if (bases.item(i)!.hasAttribute('href')) return doc.baseURI;
  return doc.URL;
}

/**
 * The elements of these tags under root in document order, as querySelectorAll of the tag names
 * gives them, listed by the document itself (getElementsByTagName) rather than by a walk from
 * script: for a whole page with few of them, where a walk would step through every node.
 */
export function taggedInOrder(root: Document | Element, ...tags: string[]): Element[] {
  const found = tags.flatMap((tag) => Array.from(root.getElementsByTagName(tag)));
  // Lists of several tags are merged back into document order.
  return tags.length > 1 ? found.sort((a, b) => (a.compareDocumentPosition(b) & 4 ? -1 : 1)) : found;
}
