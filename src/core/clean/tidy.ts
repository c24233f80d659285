/**
 * The tidying a reader view does to an article body once it is found, for a body a profile has
 * already cut out and cleaned: the text stays word for word, only its blocks are made plain.
 * This is what Readability would change on such a body (its choice of the body aside), done in
 * one walk instead of a second scoring of the whole body:
 *
 * - a chain of two or more `<br>` ends a paragraph: what follows, up to the next chain or
 *   block, becomes a `<p>`;
 * - a `<div>` holding only a paragraph's worth of inline content is that paragraph, one holding
 *   a single `<p>` (and few links) is that `<p>`; runs of inline content beside blocks inside a
 *   `<div>` become paragraphs of their own;
 * - a block with neither text nor a picture goes (scripts and styles, which the sanitizer drops
 *   anyway, go first), and a `<div>` or `<section>` that only wraps another one;
 * - a table of a single cell is that cell's content;
 * - `<h1>` becomes `<h2>` (the title is shown above the body), a `<br>` right before a
 *   paragraph goes.
 */
import { isElement, isText, nextNonBlank } from '../dom.ts';
import { allUnder, elementsUnder, tagged } from '../find.ts';

/** What flows inside a line of text (Readability's list of phrasing elements). */
const PHRASING = new Set([
  'ABBR', 'AUDIO', 'B', 'BDO', 'BR', 'BUTTON', 'CITE', 'CODE', 'DATA', 'DATALIST', 'DFN', 'EM', 'EMBED', 'I', 'IMG', 'INPUT',
  'KBD', 'LABEL', 'MARK', 'MATH', 'METER', 'NOSCRIPT', 'OBJECT', 'OUTPUT', 'PROGRESS', 'Q', 'RUBY', 'SAMP', 'SCRIPT',
  'SELECT', 'SMALL', 'SPAN', 'STRONG', 'SUB', 'SUP', 'TEXTAREA', 'TIME', 'VAR', 'WBR',
]);
/**
 * Children that keep a `<div>` a block of blocks rather than a paragraph: Readability's list,
 * and every block an HTML parser closes a `<p>` before (an embed's card is a `<figure>`).
 */
const BLOCK_CHILDREN = new Set([
  'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'DETAILS', 'DIALOG', 'DIV', 'DL', 'FIELDSET', 'FIGCAPTION', 'FIGURE', 'FOOTER',
  'FORM', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'HEADER', 'HGROUP', 'HR', 'IMG', 'MAIN', 'MENU', 'NAV', 'OL', 'P', 'PRE',
  'SECTION', 'TABLE', 'UL',
]);
/** Blocks that show nothing once they hold no text and no picture (a cell or an item keeps its table's or list's shape). */
const EMPTY_GOES = new Set([
  'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'DIV', 'DL', 'FOOTER', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'HEADER', 'MAIN', 'OL', 'P',
  'SECTION', 'TABLE', 'TBODY', 'TFOOT', 'THEAD', 'TR', 'UL',
]);
/** What the sanitizer drops with everything inside, taken out first so that what held only them shows as empty. */
const DROPPED_WHOLE = tagged('script', 'style', 'noscript', 'template');
const BR = tagged('br');
/** A `<div>` around one `<p>` is that paragraph unless links make up this share of its text. */
const MAX_LINK_DENSITY = 0.25;
const HAS_CONTENT = /\S$/;

const tag = (node: Node) => (isElement(node) ? node.tagName.toUpperCase() : '');

function isWhitespace(node: Node): boolean {
  return (isText(node) && !/\S/.test(node.data)) || tag(node) === 'BR';
}

function isPhrasing(node: Node): boolean {
  if (isText(node)) return true;
  const name = tag(node);
  if (PHRASING.has(name)) return true;
  if (name !== 'A' && name !== 'DEL' && name !== 'INS') return false;
  for (let c = node.firstChild; c; c = c.nextSibling) if (!isPhrasing(c)) return false;
  return true;
}

/** An element renamed: a new element of the other tag with the same attributes and children. */
function renamed(el: Element, name: string): Element {
  const doc = el.ownerDocument;
  const copy = doc.createElement(name);
  // Attribute nodes, not names: the parser keeps names setAttribute refuses (`"` from a typo in the page).
  for (const attr of Array.from(el.attributes)) copy.setAttributeNode(attr.cloneNode() as Attr);
  while (el.firstChild) copy.appendChild(el.firstChild);
  el.parentNode?.replaceChild(copy, el);
  return copy;
}

/** `<br><br>` chains into paragraph ends, as Readability's _replaceBrs. */
function replaceBrChains(root: Element): void {
  for (const br of allUnder(root, BR)) {
    if (!br.parentNode) continue;
    let next = nextNonBlank(br.nextSibling);
    let chain = false;
    while (next && tag(next) === 'BR') {
      chain = true;
      const after = next.nextSibling;
      next.parentNode!.removeChild(next);
      next = nextNonBlank(after);
    }
    if (!chain) continue;
    const p = br.ownerDocument.createElement('p');
    br.parentNode.replaceChild(p, br);
    let sibling = p.nextSibling;
    while (sibling) {
      if (tag(sibling) === 'BR') {
        const following = nextNonBlank(sibling.nextSibling);
        if (following && tag(following) === 'BR') break;
      }
      if (!isPhrasing(sibling)) break;
      const after = sibling.nextSibling;
      p.appendChild(sibling);
      sibling = after;
    }
    while (p.lastChild && isWhitespace(p.lastChild)) p.removeChild(p.lastChild);
    if (tag(p.parentNode!) === 'P') renamed(p.parentNode as Element, 'div');
  }
}

function hasBlockChild(el: Element): boolean {
  for (let c = el.firstChild; c; c = c.nextSibling) {
    if (!isElement(c)) continue;
    if (BLOCK_CHILDREN.has(tag(c)) || hasBlockChild(c)) return true;
  }
  return false;
}

/** The only element child has this tag, with no text beside it. */
function onlyChildTagged(el: Element, name: string): Element | null {
  let only: Element | null = null;
  for (let c = el.firstChild; c; c = c.nextSibling) {
    if (isText(c)) {
      if (HAS_CONTENT.test(c.data.trim())) return null;
      continue;
    }
    if (!isElement(c)) continue;
    if (only || tag(c) !== name) return null;
    only = c;
  }
  return only;
}

function linkDensity(el: Element): number {
  const length = (el.textContent ?? '').trim().length;
  if (!length) return 0;
  let inLinks = 0;
  for (const a of allUnder(el, tagged('a'))) inLinks += (a.textContent ?? '').trim().length;
  return inLinks / length;
}

/**
 * Removes the empty blocks under root, innermost first, so that a block left holding only
 * emptied ones goes too. What is still there when its parent is weighed shows something.
 */
function removeEmptyBlocks(root: Element): void {
  const all = elementsUnder(root);
  for (let i = all.length - 1; i >= 0; i--) {
    const el = all[i]!;
    if (!EMPTY_GOES.has(tag(el)) || !el.parentNode) continue;
    let empty = true;
    for (let c = el.firstChild; c && empty; c = c.nextSibling) {
      if (isText(c)) empty = !/\S/.test(c.data);
      else if (isElement(c)) empty = tag(c) === 'BR';
    }
    if (empty) el.parentNode.removeChild(el);
  }
}

/** Inline runs beside blocks in a div wrapped into paragraphs; the div itself made a paragraph where it is one. */
function paragraphsOfDiv(div: Element): Element {
  let p: Element | null = null;
  for (let child = div.firstChild; child; ) {
    const next = child.nextSibling;
    if (isPhrasing(child)) {
      if (p) p.appendChild(child);
      else if (!isWhitespace(child)) {
        p = div.ownerDocument.createElement('p');
        div.replaceChild(p, child);
        p.appendChild(child);
      }
    } else if (p) {
      while (p.lastChild && isWhitespace(p.lastChild)) p.removeChild(p.lastChild);
      p = null;
    }
    child = next;
  }
  const only = onlyChildTagged(div, 'P');
  if (only && linkDensity(div) < MAX_LINK_DENSITY) {
    div.parentNode!.replaceChild(only, div);
    return only;
  }
  return hasBlockChild(div) ? div : renamed(div, 'p');
}

/** Tidies the body under root (root itself stays as it is). */
export function tidyBody(root: Element): void {
  for (const el of allUnder(root, DROPPED_WHOLE)) el.parentNode?.removeChild(el);
  replaceBrChains(root);
  // Parents before children, as Readability walks: a div made a paragraph is not walked again.
  const stack: Element[] = [];
  for (let c = root.lastElementChild; c; c = c.previousElementSibling) stack.push(c);
  while (stack.length) {
    let el = stack.pop()!;
    if (!el.parentNode) continue;
    if (tag(el) === 'DIV') el = paragraphsOfDiv(el);
    for (let c = el.lastElementChild; c; c = c.previousElementSibling) stack.push(c);
  }
  removeEmptyBlocks(root);
  simplifyNesting(root);
  unwrapSingleCells(root);
  for (const h1 of allUnder(root, tagged('h1'))) renamed(h1, 'h2');
  for (const br of allUnder(root, BR)) {
    const next = nextNonBlank(br.nextSibling);
    if (next && tag(next) === 'P') br.parentNode?.removeChild(br);
  }
}

/** A table of one cell is layout: the cell's content stands in its place, as a paragraph where it is one. */
function unwrapSingleCells(root: Element): void {
  for (const table of allUnder(root, tagged('table'))) {
    if (!table.parentNode) continue;
    const rows = onlyChildTagged(table, 'TBODY') ?? table;
    const row = onlyChildTagged(rows, 'TR');
    const cell = row ? onlyChildTagged(row, 'TD') : null;
    if (!cell) continue;
    let phrasing = true;
    for (let c = cell.firstChild; c && phrasing; c = c.nextSibling) phrasing = isPhrasing(c);
    table.parentNode.replaceChild(renamed(cell, phrasing ? 'p' : 'div'), table);
  }
}

/** A div or section that only wraps another gives way to it. */
function simplifyNesting(root: Element): void {
  const stack: Element[] = [];
  for (let c = root.lastElementChild; c; c = c.previousElementSibling) stack.push(c);
  while (stack.length) {
    const el = stack.pop()!;
    const name = tag(el);
    if (name === 'DIV' || name === 'SECTION') {
      const inner = onlyChildTagged(el, 'DIV') ?? onlyChildTagged(el, 'SECTION');
      if (inner) {
        el.parentNode!.replaceChild(inner, el);
        stack.push(inner);
        continue;
      }
    }
    for (let c = el.lastElementChild; c; c = c.previousElementSibling) stack.push(c);
  }
}
