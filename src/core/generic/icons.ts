/**
 * Icon elements on any site: what an icon font draws from a ligature word (`<i
 * class="material-icons">share</i>`) or a private-use character (`<span class="icon"></span>`).
 * Only the element that is nothing but the icon goes; a word in running text is never touched,
 * since on a site in any language `close` or `menu` may be a word the article uses.
 */
import { remove } from '../dom.ts';
import { elementsUnder } from '../find.ts';

/** Ligature names: lower-case words joined by underscores (`arrow_forward`, `share`). */
const LIGATURE = /^[a-z]+(?:_[a-z]+)*$/;
/** Characters of Unicode's private use area, where icon fonts put their glyphs. */
const PRIVATE_USE = /^[\ue000-\uf8ff\s]+$/u;
const ICON_CLASS = /(?:^|[\s_-])(?:material-icons|material-symbols(?:-\w+)?|icon|icons|ico|glyph|glyphicon|fa|fas|far|fab|mdi|bi|dashicons)(?:$|[\s_-])/i;

export function isIconElement(el: Element): boolean {
  // One text node and nothing else: an icon has no markup inside.
  const only = el.firstChild;
  if (!only || only !== el.lastChild || only.nodeType !== 3) return false;
  const raw = (only as Text).data;
  if (!raw.trim() || raw.length > 40) return false;
  const text = raw.trim();
  if (PRIVATE_USE.test(text)) return true;
  const tag = el.tagName.toUpperCase();
  if (tag !== 'I' && tag !== 'SPAN' && tag !== 'EM') return false;
  return LIGATURE.test(text) && (ICON_CLASS.test(el.getAttribute('class') ?? '') || el.getAttribute('aria-hidden') === 'true');
}

/** Removes the icon elements under root; returns how many. */
export function removeIconElements(root: Element): number {
  let removed = 0;
  for (const el of elementsUnder(root)) {
    if (isIconElement(el)) {
      remove(el);
      removed++;
    }
  }
  return removed;
}
