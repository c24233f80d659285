/**
 * An article's body as EPUB XHTML. The body is sanitized HTML already (DOMPurify); here it is
 * brought down to what an e-reader needs and an XML parser accepts: images pointed at the files
 * inside the book (an image the library does not hold becomes its alt text), links kept only to
 * http(s), attributes reduced to the few that mean something in a book, characters XML forbids
 * removed, and then written by the DOM's own XML serializer, so every element is closed.
 */
import { isElement, isText } from '../dom.ts';
import { xmlSafe } from './xml.ts';

/** Attributes kept, by element ('*' for any element). */
const KEEP: Readonly<Record<string, readonly string[]>> = {
  '*': ['lang', 'dir', 'title'],
  a: ['href'],
  img: ['src', 'alt'],
  td: ['colspan', 'rowspan'],
  th: ['colspan', 'rowspan', 'scope'],
  ol: ['start', 'reversed'],
  li: ['value'],
};

/** Elements an XHTML content document of a book has no use for; their text is kept where it is text. */
const DROP = new Set(['script', 'style', 'iframe', 'object', 'embed', 'form', 'input', 'button', 'select', 'textarea', 'video', 'audio', 'source', 'picture', 'svg', 'math', 'canvas', 'noscript', 'template']);

/**
 * Rewrites `root` (a detached copy) in place for the book. `imagePath(url)` is the image's path
 * relative to the chapter, or null where the book does not have it.
 */
export function prepareBody(root: Element, imagePath: (url: string) => string | null): void {
  const doc = root.ownerDocument;
  const stack: Node[] = [root];
  while (stack.length) {
    const node = stack.pop()!;
    if (isText(node)) {
      const safe = xmlSafe(node.data);
      if (safe !== node.data) node.data = safe;
      continue;
    }
    if (!isElement(node)) {
      if (node !== root) node.parentNode?.removeChild(node);
      continue;
    }
    const tag = node.localName.toLowerCase();
    if (node !== root && DROP.has(tag)) {
      node.remove();
      continue;
    }
    if (tag === 'img') {
      const path = imagePath(node.getAttribute('src') ?? '');
      if (!path) {
        const alt = node.getAttribute('alt')?.trim();
        if (alt) node.replaceWith(doc.createTextNode(`[${alt}]`));
        else node.remove();
        continue;
      }
      node.setAttribute('src', path);
      if (!node.hasAttribute('alt')) node.setAttribute('alt', '');
    }
    const keep = new Set([...(KEEP['*'] ?? []), ...(KEEP[tag] ?? [])]);
    for (const attr of Array.from(node.attributes)) {
      if (!keep.has(attr.name)) node.removeAttribute(attr.name);
      else node.setAttribute(attr.name, xmlSafe(attr.value));
    }
    if (tag === 'a') {
      const href = node.getAttribute('href') ?? '';
      if (!/^https?:\/\//i.test(href)) node.removeAttribute('href');
    }
    for (let i = node.childNodes.length - 1; i >= 0; i--) stack.push(node.childNodes[i]!);
  }
}

/** The children of `root` as XHTML, written by `serialize` (an XMLSerializer's serializeToString). */
export function serializeChildren(root: Element, serialize: (node: Node) => string): string {
  return Array.from(root.childNodes, (n) => serialize(n)).join('');
}
