/**
 * Labels of lists of other articles: "Выбор редакции", "Тақырып бойынша", "Editor's picks" —
 * whatever their words. A box that held headline links and, once the cleaning has taken them
 * out, holds nothing but a short line was a list's box, and that line was its label; a short
 * line standing right before a list is its label too. No vocabulary is needed: the shape says so.
 */
import { isBlock, isBreak, isElement, isNonText, remove } from '../dom.ts';
import { allUnder, firstUnder, tagged } from '../find.ts';
import { hasLetters, wordLetters } from '../text/letters.ts';
import { hasLabelLength } from './inserts.ts';
import { isHeadlineLink } from './headline-lists.ts';
import { visibleText } from './glyphs.ts';

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
  return hasLetters(text, 1) && hasLabelLength(text) && !/[.!?…]$/.test(text);
}

const HEADING = tagged('h2', 'h3', 'h4', 'h5', 'h6');
/** Emphasis that may set a line apart as a heading: `<p><strong>…</strong></p>`. */
const EMPHASIS = tagged('b', 'strong');
/** Prose after a list: the article goes on past it. */
const PROSE_AFTER = 100;
/** How many of the list's next siblings are looked at for that prose: the look stays bounded. */
const LOOK_AFTER = 8;
/** The most characters a box can hold and show only a label (its markup's whitespace counted). */
const MAX_LABEL_BOX = 200;

/** Whether el shows a label and nothing else: a short line, no picture, no headline link. */
function showsLabelOnly(el: Element): boolean {
  return !firstUnder(el, SHOWS) && !SHOWS(el) && !allUnder(el, LINK).some(isHeadlineLink) && isLabel(visibleText(el));
}

/** A heading, or a line whose whole text is in bold: what an article's own subheadings look like. */
function isHeadingLike(el: Element): boolean {
  if (HEADING(el) || EMPHASIS(el)) return true;
  const only = el.firstElementChild;
  return !!only && !only.nextElementSibling && EMPHASIS(only) && visibleText(only) === visibleText(el);
}

/** Prose among the list's next few siblings, other lists of headlines left out. */
function proseAfter(list: Element): boolean {
  let seen = 0;
  for (let next = list.nextElementSibling; next && seen < LOOK_AFTER; next = next.nextElementSibling, seen++) {
    if ((next.textContent?.length ?? 0) < PROSE_AFTER || allUnder(next, LINK).some(isHeadlineLink)) continue;
    if (visibleText(next).length >= PROSE_AFTER) return true;
  }
  return false;
}

/**
 * The label standing right before a list, where there is one: a short line that ends no
 * sentence. A line ending in a colon is the list's, in any form. Otherwise, where the article
 * goes on after the list, a plain line is the list's label, and a heading or a line in bold is
 * the article's own, heading the section that follows. At the body's end, a heading
 * (`<h2>`–`<h6>`) is the list's label, and a plain or bold line may be the article's dateline.
 */
function labelBefore(list: Element): Element | null {
  let prev = list.previousSibling;
  while (prev && !isElement(prev)) {
    if (/\S/.test(prev.textContent ?? '')) return null;
    prev = prev.previousSibling;
  }
  if (!prev || !isElement(prev) || (prev.textContent?.length ?? 0) > MAX_LABEL_BOX || !showsLabelOnly(prev)) return null;
  // A line that ends in a colon opens what follows: the list, wherever it stands.
  if (/[:：]\s*$/.test(visibleText(prev))) return prev;
  return proseAfter(list) ? (isHeadingLike(prev) ? null : prev) : HEADING(prev) ? prev : null;
}

/** Removes the lists, each with the label that stands right before it. */
export function removeListsWithLabels(lists: readonly Element[]): void {
  for (const list of lists) {
    const label = labelBefore(list);
    if (label) remove(label);
    remove(list);
  }
}

/**
 * Removes the boxes (from boxesOfHeadlines, before the cleaning) that have lost all their headline
 * links and show only a label now, and the label before a box they left empty. Returns how many
 * labels went.
 */
export function removeOrphanLabels(boxes: readonly Element[]): number {
  let removed = 0;
  let last: Element | null = null;
  for (const box of boxes) {
    // In document order, a box inside one just removed comes right after it.
    if (!box.isConnected || (last && last.contains(box))) continue;
    // A box with more text than a label shows more than one: the deeper walks are spared.
    if ((box.textContent?.length ?? 0) > MAX_LABEL_BOX) continue;
    if (showsLabelOnly(box)) {
      remove(box);
      last = box;
      removed++;
    } else if (!visibleText(box) && !firstUnder(box, SHOWS)) {
      // Emptied of its links item by item: a list gone, and the label before it goes too.
      const label = labelBefore(box);
      if (label) {
        remove(label);
        removed++;
      }
    }
  }
  return removed;
}

/** Running text after a list's heading that makes it a subheading of the article instead. */
const PROSE_AFTER_HEADING = 80;
/** Nodes looked at after a heading at most: past them with no running text, it heads no article text. */
const MAX_NODES_AFTER_HEADING = 3000;

/** The answers already given, for each list of lists: every heading is asked from several places. */
const answered = new WeakMap<readonly Element[], { lists: ReadonlySet<Element>; heads: WeakMap<Node, boolean> }>();

/**
 * Whether a heading such as "Ең көп оқылғандар" heads a list of other articles: from the
 * heading's last node on, one of `lists` or a headline link starting its line comes
 * before any running text (text outside links, in runs of three words), or nothing but a
 * subtitle's worth of it comes at all. An article about the most-read books may have it as a
 * subheading, with its prose after.
 */
export function headsHeadlineList(last: Node, lists: readonly Element[]): boolean {
  let known = answered.get(lists);
  if (!known) answered.set(lists, (known = { lists: new Set(lists), heads: new WeakMap() }));
  let answer = known.heads.get(last);
  if (answer === undefined) known.heads.set(last, (answer = headsList(last, known.lists)));
  return answer;
}

function headsList(last: Node, lists: ReadonlySet<Element>): boolean {
  for (const list of lists) if (list.contains(last)) return true;
  if (opensBoxOfHeadlines(last)) return true;
  let prose = 0;
  let seen = 0;
  for (let node = following(lastDescendant(last)); node; node = following(node)) {
    if (++seen > MAX_NODES_AFTER_HEADING) return true;
    if (isElement(node)) {
      if (lists.has(node)) return true;
      if (isNonText(node)) {
        node = lastDescendant(node);
        continue;
      }
      // A headline (a card's, an item's) before any running text: the heading is the list's.
      if (LINK(node)) {
        if (isHeadlineLink(node) && startsItsLine(node)) return true;
        node = lastDescendant(node);
        continue;
      }
    } else if (node.nodeType === 3) {
      prose += wordLetters((node as Text).data);
      if (prose >= PROSE_AFTER_HEADING) return false;
    }
  }
  // At the end: a list's subtitle at most ("Күннің ең жаңа және өзекті оқиғалары"), not a paragraph.
  return prose < PROSE_AFTER_HEADING / 2;
}

/**
 * Whether the heading opens a box of other articles: the first text of its parent, which holds
 * two headline links or more after it (cards whose teaser comes before their headline).
 */
function opensBoxOfHeadlines(last: Node): boolean {
  let heading: Node = last;
  while (heading.parentNode && isElement(heading.parentNode) && !isBlock(heading.parentNode)) heading = heading.parentNode;
  const box = heading.parentElement;
  if (!box || box.tagName === 'BODY') return false;
  for (let prev = heading.previousSibling; prev; prev = prev.previousSibling) if (/\S/.test(prev.textContent ?? '')) return false;
  let headlines = 0;
  for (let node = following(lastDescendant(heading)); node && box.contains(node); node = following(node)) {
    if (isElement(node) && LINK(node)) {
      if (isHeadlineLink(node) && ++headlines >= 2) return true;
      node = lastDescendant(node);
    }
  }
  return false;
}

/**
 * Whether the link starts its line: nothing with text before it in its block, up to a line
 * break (a card's or an item's headline), not a link a sentence leads into ("Как сообщает <a>…").
 */
function startsItsLine(link: Element): boolean {
  for (let node: Node = link; ; ) {
    for (let prev = node.previousSibling; prev; prev = prev.previousSibling) {
      if (isBreak(prev) || isBlock(prev)) return true;
      if (/\S/.test(prev.textContent ?? '')) return false;
    }
    const parent = node.parentElement;
    if (!parent || isBlock(parent)) return true;
    node = parent;
  }
}

/** The node after this one in document order, its own descendants first. */
function following(node: Node): Node | null {
  if (node.firstChild) return node.firstChild;
  for (let cur: Node | null = node; cur; cur = cur.parentNode) if (cur.nextSibling) return cur.nextSibling;
  return null;
}

function lastDescendant(node: Node): Node {
  let cur = node;
  while (cur.lastChild) cur = cur.lastChild;
  return cur;
}
