/**
 * Whether what was found is worth showing as the page's article: some text of its own beyond
 * link labels (a menu of links is not an article), or a picture.
 */
import { isElement, isNonText, isText } from '../dom.ts';
import { countWords } from '../text/normalize.ts';
import { unspacedCount } from '../text/letters.ts';

/** Words outside links that make a body: a sentence or two. */
export const MIN_OWN_WORDS = 8;

/** An image that shows something: not a pixel or an icon by its declared size. */
function isPicture(img: Element): boolean {
  const small = (attr: string) => {
    const v = parseInt(img.getAttribute(attr) ?? '', 10);
    return Number.isFinite(v) && v < 48;
  };
  return !small('width') && !small('height');
}

export function isWorthShowing(body: Element): boolean {
  if (Array.from(body.querySelectorAll('img[src]')).some(isPicture)) return true;
  let words = 0;
  const stack: Node[] = [body];
  while (stack.length) {
    const node = stack.pop()!;
    if (isText(node)) {
      // Chinese and Japanese run their words together: a word there is about two letters.
      words += countWords(node.data) + unspacedCount(node.data) / 2;
      if (words >= MIN_OWN_WORDS) return true;
      continue;
    }
    if (!isElement(node) || (node !== body && isNonText(node)) || node.tagName.toUpperCase() === 'A') continue;
    for (let i = node.childNodes.length - 1; i >= 0; i--) stack.push(node.childNodes[i]!);
  }
  return false;
}
