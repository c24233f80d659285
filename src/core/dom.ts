/**
 * Small DOM helpers shared by the cleaning steps. Everything here walks iteratively, so a page
 * nested thousands of levels deep cannot overflow the stack.
 */

export const ELEMENT_NODE = 1;
export const TEXT_NODE = 3;

/** Elements that never hold readable text. */
const NON_TEXT = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'SVG', 'MATH', 'CANVAS', 'IFRAME', 'OBJECT', 'EMBED', 'HEAD', 'TITLE', 'META', 'LINK']);

/** Elements that start a new line of text when rendered without CSS. */
const BLOCK = new Set([
  'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'BODY', 'DD', 'DETAILS', 'DIALOG', 'DIV', 'DL', 'DT', 'FIELDSET',
  'FIGCAPTION', 'FIGURE', 'FOOTER', 'FORM', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'HEADER', 'HGROUP', 'HR', 'LI',
  'MAIN', 'NAV', 'OL', 'P', 'PRE', 'SECTION', 'SUMMARY', 'TABLE', 'TBODY', 'TD', 'TFOOT', 'TH', 'THEAD', 'TR', 'UL',
  'HTML', 'CAPTION',
]);

export function isElement(node: Node | null | undefined): node is Element {
  return !!node && node.nodeType === ELEMENT_NODE;
}

export function isText(node: Node | null | undefined): node is Text {
  return !!node && node.nodeType === TEXT_NODE;
}

export function tagOf(node: Node): string {
  return isElement(node) ? node.tagName.toUpperCase() : '';
}

export function isBlock(node: Node): boolean {
  return BLOCK.has(tagOf(node));
}

export function isBreak(node: Node): boolean {
  return tagOf(node) === 'BR';
}

export function isNonText(node: Node): boolean {
  return NON_TEXT.has(tagOf(node));
}

/** Text nodes under root in document order, skipping scripts, styles and other non-text elements. */
export function textNodes(root: Node): Text[] {
  const out: Text[] = [];
  const stack: Node[] = [root];
  while (stack.length) {
    const node = stack.pop()!;
    if (isText(node)) {
      out.push(node);
      continue;
    }
    if (node !== root && isNonText(node)) continue;
    // Sibling links, not childNodes: a live NodeList indexed from the end costs more than the walk.
    for (let c = node.lastChild; c; c = c.previousSibling) stack.push(c);
  }
  return out;
}

/**
 * textNodes, each with whether it stands inside a link (an `<a>` above it, up to the
 * document): what closestTag(text, 'A') tells, known from the walk instead of a climb from
 * every text node.
 */
export interface TextsInLinks {
  texts: Text[];
  inLink: boolean[];
}

export function textNodesInLinks(root: Node): TextsInLinks {
  const texts: Text[] = [];
  const inLink: boolean[] = [];
  const nodes: Node[] = [root];
  const linked: boolean[] = [!!closestTag(root, 'A')];
  while (nodes.length) {
    const node = nodes.pop()!;
    const link = linked.pop()!;
    if (isText(node)) {
      texts.push(node);
      inLink.push(link);
      continue;
    }
    if (node !== root && isNonText(node)) continue;
    const childLink = link || tagOf(node) === 'A';
    for (let c = node.lastChild; c; c = c.previousSibling) {
      nodes.push(c);
      linked.push(childLink);
    }
  }
  return { texts, inLink };
}

/**
 * The first element of this tag (in document order, as querySelector) whose attribute has this
 * value, or holds it as one of its space-separated words where `word` is set (`rel~=`; compared
 * without case, as HTML compares rel). A selector engine that finds no match walks the whole
 * document, and metadata is often missing: this looks only at elements of the tag.
 */
export function firstTagged(doc: Document, tag: string, attribute: string, value: string, word = false): Element | null {
  for (const el of Array.from(doc.getElementsByTagName(tag))) {
    const v = el.getAttribute(attribute);
    if (v === null) continue;
    if (word ? v.toLowerCase().split(/[\t\n\f\r ]+/).includes(value) : v === value) return el;
  }
  return null;
}

/** The node, or the first sibling after it, that is not whitespace text. */
export function nextNonBlank(node: Node | null): Node | null {
  let next = node;
  while (next && isText(next) && !/\S/.test(next.data)) next = next.nextSibling;
  return next;
}

export function remove(node: Node | null | undefined): void {
  node?.parentNode?.removeChild(node);
}

/** The nearest ancestor (or the node itself) with the given tag. */
export function closestTag(node: Node, tag: string): Element | null {
  let cur: Node | null = node;
  while (cur) {
    if (tagOf(cur) === tag) return cur as Element;
    cur = cur.parentNode;
  }
  return null;
}

/** True where a comes before b in document order. */
export function precedes(a: Node, b: Node): boolean {
  // Node.DOCUMENT_POSITION_FOLLOWING = 4
  return a !== b && (a.compareDocumentPosition(b) & 4) !== 0;
}

/** True where a contains b (or is b). */
export function holds(a: Node, b: Node): boolean {
  return a === b || a.contains(b);
}

/**
 * The text as a reader would see it without CSS: one block a line, `<br>` as a line break,
 * whitespace collapsed inside lines, empty lines dropped. Elements `skip` accepts are left
 * out with what they hold, as if they were not there.
 */
export function blockText(root: Node, skip?: (el: Element) => boolean): string {
  const lines: string[] = [];
  let line = '';
  const flush = () => {
    const t = line.replace(/[\s\u00a0]+/g, ' ').trim();
    if (t) lines.push(t);
    line = '';
  };
  type Step = { node: Node; exit: boolean };
  const stack: Step[] = [{ node: root, exit: false }];
  while (stack.length) {
    const { node, exit } = stack.pop()!;
    if (exit) {
      flush();
      continue;
    }
    if (isText(node)) {
      line += node.data;
      continue;
    }
    if (node !== root && (isNonText(node) || (skip && isElement(node) && skip(node)))) continue;
    if (isBreak(node)) {
      flush();
      continue;
    }
    const block = isBlock(node) || tagOf(node) === 'IMG';
    if (block) {
      flush();
      stack.push({ node, exit: true });
    }
    for (let c = node.lastChild; c; c = c.previousSibling) stack.push({ node: c, exit: false });
  }
  flush();
  return lines.join('\n');
}
