/**
 * The page's own controls drawn as links: "Жоғарыға" (back to the top), "Толығырақ оқу ▼ /
 * Жасыру ▲" (show more, hide), links that lead nowhere but run the page's script. A line made
 * of nothing else goes; a link of the kind inside a sentence stays with its sentence, and a
 * link to a part of the article (a table of contents, a footnote) is no control.
 */
import { isBlock, isBreak, isElement, isText } from '../dom.ts';

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
  for (const el of Array.from(root.querySelectorAll('[id], a[name]'))) {
    const id = el.getAttribute('id');
    const name = el.getAttribute('name');
    if (id) parts.add(id);
    if (name) parts.add(name);
  }
  return parts;
}

/** The nodes of the line a node stands on: its inline siblings up to a block or a break on each side. */
function lineOf(node: Node, root: Element): Node[] {
  let at: Node = node;
  while (at.parentNode && at.parentNode !== root && !isBlock(at.parentNode)) at = at.parentNode;
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

/** Removes the lines made of control links only; returns how many links went. */
export function removeControlLinks(root: Element): number {
  const links = Array.from(root.getElementsByTagName('a')).filter((a) => /^\s*(?:#|javascript:)/i.test(a.getAttribute('href') ?? ''));
  if (!links.length) return 0;
  const parts = partsOf(root);
  const controls = new Set<Element>(links.filter((a) => isControl(a, parts)));
  let removed = 0;
  for (const a of controls) {
    if (!a.isConnected) continue;
    const line = lineOf(a, root);
    if (showsMoreThan(line, controls)) continue;
    for (const n of line) {
      const inLine = isElement(n) ? [...(controls.has(n) ? [n] : []), ...Array.from(n.getElementsByTagName('a')).filter((x) => controls.has(x))] : [];
      for (const link of inLine) {
        link.remove();
        removed++;
      }
    }
  }
  return removed;
}
