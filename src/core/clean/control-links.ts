/**
 * The page's own controls drawn as links: "Жоғарыға" (back to the top), "Толығырақ оқу ▼ /
 * Жасыру ▲" (show more, hide), links that lead nowhere but run the page's script. A line made
 * of nothing else goes; a link of the kind inside a sentence stays with its sentence, and a
 * link to a part of the article (a table of contents, a footnote) is no control.
 */
import { isBlock, isBreak, isElement, isText } from '../dom.ts';
import { collapse } from '../text/normalize.ts';
import { allUnder } from '../find.ts';

/** Fragments that name the page's top, whatever element the page has with that name. */
const TOP = /^#(?:top|up|page-?top|to-?top|header)?$/i;

/** Whether a link leads nowhere in the article: "#", "#top", "javascript:…", or a part it does not hold. */
function isControl(a: Element, parts: ReadonlySet<string>): boolean {
  const href = (a.getAttribute('href') ?? '').trim();
  if (!href) return false;
  if (/^javascript:/i.test(href) || TOP.test(href)) return true;
  return href.startsWith('#') && !parts.has(decodeFragment(href.slice(1)));
}

function decodeFragment(fragment: string): string {
  try {
    return decodeURIComponent(fragment);
  } catch {
    return fragment;
  }
}

/** The names a link can lead to under root: its elements' ids and anchors' names. */
function partsOf(root: Element): Set<string> {
  const parts = new Set<string>();
  for (const el of allUnder(root, (e) => e.hasAttribute('id') || e.hasAttribute('name'))) {
    const id = el.getAttribute('id');
    const name = el.getAttribute('name');
    if (id) parts.add(id);
    if (name) parts.add(name);
  }
  return parts;
}

/** A link to a fragment or a script: where a control may be. */
const DEAD_LINK = (el: Element) => el.tagName === 'A' && /^\s*(?:#|javascript:)/i.test(el.getAttribute('href') ?? '');

/** A control's words: short, no sentence ("Жоғарыға", "Толығырақ оқу ▼"). A paragraph wrapped in a dead link is text. */
const MAX_CONTROL_TEXT = 30;
const isControlText = (a: Element) => {
  const text = collapse(a.textContent ?? '');
  return text.length <= MAX_CONTROL_TEXT && !/[.!?…]$/.test(text);
};

/** The outermost inline element holding a node, below its block (or root). */
function inlineTop(node: Node, root: Element): Node {
  let at: Node = node;
  while (at.parentNode && at.parentNode !== root && !isBlock(at.parentNode)) at = at.parentNode;
  return at;
}

/** The nodes of the line a node stands on: its inline siblings up to a block or a break on each side. */
function lineOf(at: Node): Node[] {
  const line = [at];
  for (let n = at.previousSibling; n && !isBlock(n) && !isBreak(n); n = n.previousSibling) line.unshift(n);
  for (let n = at.nextSibling; n && !isBlock(n) && !isBreak(n); n = n.nextSibling) line.push(n);
  return line;
}

/** Whether the line shows letters or digits outside the given links. */
function showsMoreThan(line: readonly Node[], links: ReadonlySet<Element>): boolean {
  const stack = [...line];
  while (stack.length) {
    const n = stack.pop()!;
    if (isText(n)) {
      if (/[\p{L}\p{N}]/u.test(n.data)) return true;
    } else if (isElement(n) && !links.has(n)) {
      for (let c = n.firstChild; c; c = c.nextSibling) stack.push(c);
    }
  }
  return false;
}

/** The most controls a page is read for, and the most nodes a line of them holds. */
const MAX_CONTROLS = 100;
const MAX_LINE_NODES = 40;

/** Removes the lines made of control links only; returns how many links went. Each line is read once. */
export function removeControlLinks(root: Element): number {
  const links = allUnder(root, DEAD_LINK);
  if (!links.length) return 0;
  const parts = partsOf(root);
  const controls = new Set<Element>(links.filter((a) => isControl(a, parts) && isControlText(a)));
  // A page's controls are a few: thousands of dead links are some other thing, and are left as they are.
  if (controls.size > MAX_CONTROLS) return 0;
  const lineAt = new Map<Node, boolean>();
  const going: Element[] = [];
  for (const a of controls) {
    const at = inlineTop(a, root);
    let onlyControls = lineAt.get(at);
    if (onlyControls === undefined) {
      const line = lineOf(at);
      onlyControls = line.length <= MAX_LINE_NODES && !showsMoreThan(line, controls);
      for (const n of line) lineAt.set(n, onlyControls);
    }
    if (onlyControls) going.push(a);
  }
  for (const a of going) a.remove();
  return going.length;
}
