/** Kept apart from dom.ts: it runs on every page load, with the detector. */

/**
 * Whether the document is a web page: HTML or XHTML. A feed or an SVG image is not, even where
 * the browser shows it through an HTML viewer of its own (Chromium's XML tree view keeps the
 * feed's content type), and never holds an article.
 */
export function isWebPage(doc: Document): boolean {
  const type = (doc.contentType ?? '').toLowerCase();
  return type === '' || type === 'text/html' || type === 'application/xhtml+xml';
}
