/**
 * The copy of a page that extraction may cut up, leaving the page itself untouched.
 *
 * Browsers' parsers keep pages shallow (Chromium puts elements deeper than 512 levels beside
 * their parent instead of inside it), but a DOM built by script or by jsdom can be nested
 * thousands of levels deep, and a recursive deep clone or serializer then overflows the stack.
 * Such a page is copied iteratively, flattened the way Chromium's parser would have built it:
 * the text keeps its order, and no later step meets a tree deeper than the cap.
 */

/** The depth Chromium's HTML parser stops nesting at. */
export const MAX_TREE_DEPTH = 512;

/** Whether any node under root lies more than `limit` levels below it. One walk, no recursion. */
export function deeperThan(root: Node, limit: number): boolean {
  let depth = 0;
  let node: Node | null = root.firstChild;
  if (node) depth = 1;
  while (node) {
    if (depth > limit) return true;
    if (node.firstChild) {
      node = node.firstChild;
      depth++;
      continue;
    }
    while (node && node !== root && !node.nextSibling) {
      node = node.parentNode;
      depth--;
    }
    if (!node || node === root) return false;
    node = node.nextSibling;
  }
  return false;
}

/** A deep copy of the document: native where the tree is shallow, flattened below the cap where not. */
export function workingCopy(doc: Document, maxDepth: number = MAX_TREE_DEPTH): Document {
  if (!deeperThan(doc, maxDepth)) return doc.cloneNode(true) as Document;
  return flattenedCopy(doc, maxDepth);
}

/**
 * A copy of the document with its body left empty (the body element itself and everything
 * outside it copied): what a profile that reads the page where it stands copies the article's
 * part of the body into. Made with the document's own deep copies, so the page must be no
 * deeper than the cap (see deeperThan).
 */
export function copyWithEmptyBody(doc: Document): Document {
  const copy = doc.cloneNode(false) as Document;
  for (let child = doc.firstChild; child; child = child.nextSibling) {
    if (child !== doc.documentElement) {
      copy.appendChild(copy.importNode(child, true));
      continue;
    }
    const html = copy.appendChild(copy.importNode(child, false));
    for (let part = child.firstChild; part; part = part.nextSibling) html.appendChild(copy.importNode(part, part !== doc.body));
  }
  return copy;
}

/**
 * The document copied node by node: a shallow document clone keeps the URL, the content type
 * and the mode; below it, see copyInto.
 */
export function flattenedCopy(doc: Document, maxDepth: number): Document {
  const copy = doc.cloneNode(false) as Document;
  copyInto(doc, copy, maxDepth);
  return copy;
}

/**
 * Copies the children of `from` into `to` without recursion, each node imported shallowly and
 * put under its parent's copy, or, below maxDepth, under the copy of its ancestor at that
 * depth. An element for which `skip` is true is left out and its children take its place.
 * Only new, childless nodes are ever inserted: moving a subtree would cost its size each time.
 */
export function copyInto(from: Node, to: Node, maxDepth: number, skip?: (el: Element) => boolean): void {
  const doc = to.nodeType === 9 ? (to as Document) : to.ownerDocument!;
  // Each entry: a source node, the copy to put its copy in, and the depth of that copy.
  const stack: { node: Node; into: Node; depth: number }[] = [];
  for (let i = from.childNodes.length - 1; i >= 0; i--) stack.push({ node: from.childNodes[i]!, into: to, depth: 0 });
  while (stack.length) {
    const { node, into, depth } = stack.pop()!;
    let childInto = into;
    let childDepth = depth;
    if (!(skip && node.nodeType === 1 && skip(node as Element))) {
      const clone = doc.importNode(node, false);
      into.appendChild(clone);
      if (depth + 1 < maxDepth) {
        childInto = clone;
        childDepth = depth + 1;
      }
    }
    for (let i = node.childNodes.length - 1; i >= 0; i--) stack.push({ node: node.childNodes[i]!, into: childInto, depth: childDepth });
  }
}
