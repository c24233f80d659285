/**
 * Labels left behind by lists of other articles: "Выбор редакции", "Тақырып бойынша", "Editor's
 * picks" — whatever their words. A box that held headline links and, once the cleaning has taken
 * them out, holds nothing but a short line was a list's box, and that line was its label. No
 * vocabulary is needed: the box's shape before and after the cleaning says so.
 */
import { remove } from '../dom.ts';
import { allUnder, firstUnder, tagged } from '../find.ts';
import { letterCount } from '../text/letters.ts';
import { isHeadlineLink } from './headline-lists.ts';
import { visibleText } from './glyphs.ts';

/** The longest label: a few words. */
const MAX_LABEL_LETTERS = 40;
const MAX_LABEL_WORDS = 6;
/** What a label never holds: something to see beside its words. */
const SHOWS = tagged('img', 'picture', 'video', 'iframe', 'table', 'figure', 'svg');
const LINK = tagged('a');

/**
 * The elements under root (root left out) that hold two headline links or more, in document
 * order. Each element is counted up to two, and a climb stops at an element already at two (its
 * ancestors are too), so the walk costs each element twice at most, however deep the page.
 */
export function boxesOfHeadlines(root: Element): Element[] {
  const counts = new Map<Element, number>();
  for (const a of allUnder(root, LINK)) {
    if (!isHeadlineLink(a)) continue;
    for (let el = a.parentElement; el && el !== root; el = el.parentElement) {
      const n = counts.get(el) ?? 0;
      if (n >= 2) break;
      counts.set(el, n + 1);
    }
  }
  return allUnder(root, (el) => (counts.get(el) ?? 0) >= 2);
}

/** A short line of a few words that ends no sentence. */
function isLabel(text: string): boolean {
  const letters = letterCount(text);
  if (letters === 0 || letters > MAX_LABEL_LETTERS || /[.!?…]$/.test(text)) return false;
  return text.split(' ').length <= MAX_LABEL_WORDS;
}

/**
 * Removes the boxes (from boxesOfHeadlines, before the cleaning) that have lost all their headline
 * links and show only a label now. Returns how many went.
 */
export function removeOrphanLabels(boxes: readonly Element[]): number {
  let removed = 0;
  let last: Element | null = null;
  for (const box of boxes) {
    // In document order, a box inside one just removed comes right after it.
    if (!box.isConnected || (last && last.contains(box))) continue;
    if (firstUnder(box, SHOWS) || allUnder(box, LINK).some(isHeadlineLink)) continue;
    if (!isLabel(visibleText(box))) continue;
    remove(box);
    last = box;
    removed++;
  }
  return removed;
}
