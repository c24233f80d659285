/**
 * Has the article extracted ahead of the popup, in the page's idle time, once the page is known
 * to hold one: the popup then shows it at once instead of waiting for the reader's part to load
 * and read the page. Not on a page so big that reading it would hold the page's own scripts up
 * for long (the popup reads that one when asked, with its progress shown); once per address.
 */

/**
 * Beyond this many elements, this much text or this depth of nesting, the page is read only when
 * asked for: reading a page nested thousands deep takes long for its size.
 */
const MAX_ELEMENTS = 15_000;
const MAX_TEXT = 400_000;
const MAX_DEPTH = 300;
const NOT_TEXT = new Set(['script', 'style', 'noscript', 'template']);

/** Whether the page is small enough to read in idle time; stops counting at the limits. */
export function smallEnoughToPrepare(doc: Document): boolean {
  if (doc.getElementsByTagName('*').length > MAX_ELEMENTS) return false;
  const body = doc.body;
  if (!body) return false;
  let text = 0;
  let depth = 0;
  let node: Node | null = body.firstChild;
  while (node) {
    if (node.nodeType === 3 && (text += (node as Text).length) > MAX_TEXT) return false;
    // A big inline script or style is not text to read.
    if (node.firstChild && !(node.nodeType === 1 && NOT_TEXT.has((node as Element).localName))) {
      if (++depth > MAX_DEPTH) return false;
      node = node.firstChild;
      continue;
    }
    while (node && node !== body && !node.nextSibling) {
      node = node.parentNode;
      depth--;
    }
    node = node && node !== body ? node.nextSibling : null;
  }
  return true;
}

let preparedFor: string | null = null;

/** Runs `prepare` once per address in the page's next idle moment (within a few seconds at most). */
export function prepareAhead(href: string, prepare: () => void): void {
  if (preparedFor === href) return;
  preparedFor = href;
  const idle = (globalThis as { requestIdleCallback?: (run: () => void, options: { timeout: number }) => number }).requestIdleCallback;
  const later = (run: () => void) => (idle ? idle(run, { timeout: 3000 }) : setTimeout(run, 500));
  later(() => {
    // The address changed meanwhile: the next address has its own turn.
    if (preparedFor === href && location.href.split('#')[0] === href) prepare();
  });
}
