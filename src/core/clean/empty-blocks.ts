/**
 * Containers left empty once the clutter is gone: removed in one pass from the leaves up, so a
 * page of any depth costs one walk (asking each element for its text or its images would cost
 * its whole subtree each time).
 */
import { isElement, isText, remove } from '../dom.ts';
import { elementsUnder } from '../find.ts';

/** Containers that mean nothing without content. */
const CONTAINER = /^(P|DIV|SPAN|LI|UL|OL|SECTION|FIGURE|STRONG|B|EM|I|BLOCKQUOTE)$/i;
/** Elements that show something with no text. */
const SHOWS = /^(IMG|IFRAME|VIDEO|BR|HR)$/i;

export function removeEmptyContainers(root: Element): number {
  const full = new Set<Node>();
  let removed = 0;
  // Document order reversed: every element comes after all of its descendants.
  for (const el of elementsUnder(root).reverse()) {
    let shows = SHOWS.test(el.tagName);
    for (let child = el.firstChild; child && !shows; child = child.nextSibling) {
      shows = isText(child) ? /\S/.test(child.data) : isElement(child) && full.has(child);
    }
    if (shows) full.add(el);
    else if (CONTAINER.test(el.tagName)) {
      remove(el);
      removed++;
    }
  }
  return removed;
}
