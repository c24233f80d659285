/**
 * Icon-font glyph words. The site draws its icons with a ligature font: the element holds the
 * word `see`, the font paints an eye. Without the font (any text extraction) the word leaks into
 * the text, often glued to the label after it: `seeКөрілімдер:104`.
 */
import { collapse } from '../text/normalize.ts';
import { isElement, remove, textNodes } from '../dom.ts';
import { elementsUnder, firstUnder, tagged } from '../find.ts';

export const GLYPH_WORDS = ['see', 'embed', 'archive', 'top', 'news', 'close', 'up', 'menu'] as const;

const WHOLE = new RegExp(`^(?:${GLYPH_WORDS.join('|')})$`, 'i');
/** A text that is one glyph word once collapsed (WHOLE after collapse), told without collapsing a long text. */
const WHOLE_UNCOLLAPSED = new RegExp(`^[\\s\\u00a0\\u2000-\\u200b\\u202f\\u205f\\u3000\\ufeff]*(?:${GLYPH_WORDS.join('|')})[\\s\\u00a0\\u2000-\\u200b\\u202f\\u205f\\u3000\\ufeff]*$`, 'i');
/** A glyph word glued to the Cyrillic word or the number it labels. */
const GLUED = new RegExp(`(^|[^\\p{L}])(?:${GLYPH_WORDS.join('|')})(?=[\\u0400-\\u04ff\\d])`, 'giu');
/** A glyph word standing alone at the start of a line, before Cyrillic text. */
const LEADING = new RegExp(`^(\\s*)(?:${GLYPH_WORDS.join('|')})\\s+(?=[\\u0400-\\u04ff])`, 'i');
/** Ligature names of icon fonts in general: lower-case words joined by underscores. */
const LIGATURE = /^[a-z]+(?:_[a-z]+)*$/;
const ICON_CLASS = /(?:^|[\s_-])(?:material-icons|material-symbols|icon|icons|ico|glyph|fa|mdi|bi)(?:$|[\s_-])/i;

/** Any glyph word at all, with the folding of GLUED: most texts have none, and are spared both patterns. */
const ANY_GLYPH = new RegExp(GLYPH_WORDS.join('|'), 'iu');

/** Text with glyph words that are glued to what follows them taken out. */
export function stripGluedGlyphs(text: string): string {
  if (!ANY_GLYPH.test(text)) return text;
  return text.replace(GLUED, '$1').replace(LEADING, '$1');
}

/** What an icon element never holds: a picture or a frame shows something besides the glyph. */
const MEDIA = tagged('img', 'video', 'picture', 'svg', 'iframe');

/** An element that draws one icon: its whole text is a glyph word, or a ligature inside an icon-classed element. */
export function isGlyphElement(el: Element): boolean {
  const child = el.firstElementChild;
  if (child?.nextElementSibling) return false;
  // An element with no element inside: its text in one read by the DOM itself.
  const raw = child ? textUpTo(el, MAX_GLYPH_TEXT) : el.textContent;
  if (!raw || raw.length > MAX_GLYPH_TEXT) return false;
  const text = collapse(raw);
  const glyph = WHOLE.test(text) || (LIGATURE.test(text) && (ICON_CLASS.test(el.getAttribute('class') ?? '') || el.getAttribute('aria-hidden') === 'true'));
  return glyph && !firstUnder(el, MEDIA);
}

/** More text than this, and an element draws no icon. */
const MAX_GLYPH_TEXT = 64;
/** More elements than this inside, and an element draws no icon (a glyph is a word in a tag or two). */
const MAX_GLYPH_ELEMENTS = 8;

/**
 * The element's text where it is at most max characters long and the element holds a few
 * elements at most, else null. Every element of a page is asked whether it is a glyph, and a
 * wrapper's whole text would be built each time: the walk stops as soon as the text is too long
 * or the element too big (a chain of wrappers holds no text for a thousand levels).
 */
function textUpTo(el: Element, max: number): string | null {
  let out = '';
  let elements = 0;
  const stack: Node[] = [el];
  while (stack.length) {
    const node = stack.pop()!;
    const type = node.nodeType;
    if (type === 3 || type === 4) {
      out += (node as CharacterData).data;
      if (out.length > max) return null;
    } else if (type === 1) {
      if (++elements > MAX_GLYPH_ELEMENTS + 1) return null;
      for (let c = node.lastChild; c; c = c.previousSibling) stack.push(c);
    }
  }
  return out;
}

/** Whether node shows any text (glyph elements and whitespace aside); stops at the first it finds. */
export function hasVisibleText(node: Node): boolean {
  return someShownText(node, (data) => /\S/.test(data) && stripGluedGlyphs(data).trim() !== '' && !WHOLE_UNCOLLAPSED.test(data));
}

/**
 * Whether `found` holds for one of the texts under node, in document order, glyph elements
 * (but node itself), scripts, styles and templates skipped; stops at the first.
 */
function someShownText(node: Node, found: (data: string) => boolean): boolean {
  const stack: Node[] = [node];
  while (stack.length) {
    const cur = stack.pop()!;
    if (cur.nodeType === 3) {
      if (found((cur as Text).data)) return true;
      continue;
    }
    if (!isElement(cur)) continue;
    const tag = cur.tagName.toUpperCase();
    if (tag === 'SCRIPT' || tag === 'STYLE' || tag === 'NOSCRIPT' || tag === 'TEMPLATE') continue;
    if (cur !== node && isGlyphElement(cur)) continue;
    for (let c = cur.lastChild; c; c = c.previousSibling) stack.push(c);
  }
  return false;
}

export interface GlyphOptions {
  /**
   * Also take out glyph words that stand as a whole text node or are glued to Cyrillic text.
   * Safe on pages in Kazakh or Russian; off for pages of unknown language.
   */
  textLevel: boolean;
}

/** Takes the glyph words out of root, as elements and (where asked) as text. */
export function removeGlyphs(root: Node, options: GlyphOptions): void {
  for (const el of elementsUnder(root)) {
    if (el.isConnected !== false && isGlyphElement(el) && !hasGlyphAncestorRemoved(el, root)) remove(el);
  }
  if (!options.textLevel) return;
  for (const node of textNodes(root)) {
    if (WHOLE_UNCOLLAPSED.test(node.data)) {
      node.data = '';
      continue;
    }
    const stripped = stripGluedGlyphs(node.data);
    if (stripped !== node.data) node.data = stripped;
  }
}

function hasGlyphAncestorRemoved(el: Element, root: Node): boolean {
  // An element whose ancestor was removed is detached from root; skip it.
  let cur: Node | null = el.parentNode;
  while (cur && cur !== root) cur = cur.parentNode;
  return cur !== root;
}

/** The element's text as shown on screen: glyph elements skipped, glued glyphs cut, whitespace collapsed. */
export function visibleText(node: Node): string {
  return collapse(stripGluedGlyphs(rawVisibleText(node)));
}

/** Whitespace as collapse() takes it. */
const COLLAPSED = /[\s\u00a0\u2000-\u200b\u202f\u205f\u3000\ufeff]/;

/**
 * A character visibleText keeps whatever stands around it: neither whitespace nor a letter a
 * glyph word may be written with (a Latin letter, or the long s and the Kelvin sign, which the
 * glyph pattern takes for s and k).
 */
function alwaysShown(c: number, ch: string): boolean {
  if (c < 128) return c > 32 && !((c | 32) >= 97 && (c | 32) <= 122);
  if (c >= 0x400 && c <= 0x4ff) return true;
  return c !== 0x17f && c !== 0x212a && !COLLAPSED.test(ch);
}

/** How many characters of text visibleText keeps whatever stands around them, counted up to more than max. */
function shownCount(text: string, max: number): number {
  let count = 0;
  for (let i = 0; i < text.length && count <= max; i++) if (alwaysShown(text.charCodeAt(i), text[i]!)) count++;
  return count;
}

/** Whether a text, shown, is longer than n: as showsMoreThan, for a text node's own text. */
export function textShowsMoreThan(text: string, n: number): boolean {
  return shownCount(text, n) > n;
}

/**
 * Whether visibleText(node) is longer than n, told without reading it all where it is: that
 * text keeps every character that is neither whitespace nor a Latin letter, so more than n of
 * those settle it. False where they do not: the text may still be longer.
 */
export function showsMoreThan(node: Node, n: number): boolean {
  let count = 0;
  return someShownText(node, (data) => (count += shownCount(data, n - count)) > n);
}

/** The text of node with glyph elements (and scripts, styles) skipped; whitespace as in the source. */
export function rawVisibleText(node: Node): string {
  if (!isElement(node)) return node.nodeType === 3 ? (node as Text).data : '';
  let out = '';
  const stack: Node[] = [node];
  while (stack.length) {
    const cur = stack.pop()!;
    if (isElement(cur)) {
      const tag = cur.tagName.toUpperCase();
      if (tag === 'SCRIPT' || tag === 'STYLE' || tag === 'NOSCRIPT' || tag === 'TEMPLATE') continue;
      if (tag === 'BR') out += ' ';
      if (cur !== node && isGlyphElement(cur)) continue;
      for (let c = cur.lastChild; c; c = c.previousSibling) stack.push(c);
    } else if (cur.nodeType === 3) {
      out += (cur as Text).data;
    }
  }
  return out;
}
