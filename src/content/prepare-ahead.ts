/**
 * Has the article extracted ahead of the popup, in the page's idle time, once the page is known
 * to hold one: the popup then shows it at once instead of waiting for the reader's part to load
 * and read the page. Not on a page so big that reading it would hold the page's own scripts up
 * for long (the popup reads that one when asked, with its progress shown); once per address.
 */

/** Beyond this many elements, or this much text, the page is read only when asked for. */
const MAX_ELEMENTS = 15_000;
const MAX_TEXT = 400_000;

/** Whether the page is small enough to read in idle time; stops counting at the limits. */
export function smallEnoughToPrepare(doc: Document): boolean {
  if (doc.getElementsByTagName('*').length > MAX_ELEMENTS) return false;
  const body = doc.body;
  if (!body) return false;
  const walker = doc.createTreeWalker(body, 4 /* NodeFilter.SHOW_TEXT */);
  let text = 0;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    text += (node as Text).length;
    if (text > MAX_TEXT) return false;
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
