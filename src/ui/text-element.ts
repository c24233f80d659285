/**
 * An element made for a first screen (the popup's, the library's): a tag, a class, and text set
 * as text, never as markup, so nothing of a page's can run or load through it.
 */
export function textElement<K extends keyof HTMLElementTagNameMap>(doc: Document, tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] {
  const el = doc.createElement(tag);
  if (className) el.className = className;
  if (text !== undefined) el.textContent = text;
  return el;
}
