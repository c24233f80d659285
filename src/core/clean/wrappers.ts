/**
 * Wrapper chains: a `<div>` whose only content is another `<div>`, hundreds of levels down.
 * They carry nothing a reader sees, but Readability weighs every node against its ancestors,
 * so such a chain costs it time in the square of its depth. Unwrapped, the text and the
 * elements that mean something stay as they were.
 */
import { isElement, isText } from '../dom.ts';
import { copyInto, deeperThan, MAX_TREE_DEPTH } from '../working-copy.ts';

/** Elements that only group what they hold. */
const WRAPPER = /^(DIV|SPAN|SECTION|ARTICLE|MAIN|FONT|CENTER)$/i;

/** Below this depth a page is left as it is: ordinary pages are nested a few dozen levels. */
export const WRAPPER_DEPTH = 64;

/** The only child worth keeping: one element, with nothing but whitespace beside it. */
function onlyElement(el: Element): Element | null {
  let only: Element | null = null;
  for (let child = el.firstChild; child; child = child.nextSibling) {
    if (isText(child) && !/\S/.test(child.data)) continue;
    if (!isElement(child) || only) return null;
    only = child;
  }
  return only;
}

/**
 * Leaves out each wrapper that holds a single element (its child takes its place), where root
 * is deeper than WRAPPER_DEPTH. The content is rebuilt from shallow copies, as moving subtrees
 * one by one would cost their size each time.
 */
export function unwrapDeepChains(root: Element): number {
  if (!deeperThan(root, WRAPPER_DEPTH)) return 0;
  let unwrapped = 0;
  const isChainLink = (el: Element) => {
    const chain = WRAPPER.test(el.tagName) && !el.hasAttribute('lang') && !el.hasAttribute('dir') && onlyElement(el) !== null;
    if (chain) unwrapped++;
    return chain;
  };
  const fragment = root.ownerDocument.createDocumentFragment();
  copyInto(root, fragment, MAX_TREE_DEPTH, isChainLink);
  root.replaceChildren(fragment);
  return unwrapped;
}
