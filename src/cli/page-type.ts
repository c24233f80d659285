/**
 * What a saved file would be parsed as, had a server sent it: an HTML page, an SVG image or
 * another XML document (a feed). A file has no Content-Type, so its start is read: an XML
 * declaration or a first element other than `<html>` makes it XML; XHTML stays HTML.
 */

export type PageType = 'text/html' | 'application/xml' | 'image/svg+xml';

/** Declarations, processing instructions, comments and whitespace before the first element. */
const PROLOG = /^(?:\s+|<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<![^>]*>)*/;

export function pageType(text: string): PageType {
  const start = text.replace(/^\ufeff/, '').slice(0, 65536);
  const prolog = PROLOG.exec(start)![0];
  const first = /^<([A-Za-z][\w:.-]*)/.exec(start.slice(prolog.length))?.[1]?.toLowerCase() ?? null;
  if (first === null || first === 'html') return 'text/html';
  if (first === 'svg' || first.endsWith(':svg')) return 'image/svg+xml';
  return /^\s*<\?xml\s/i.test(start) || /^(rss|feed|rdf:rdf)$/.test(first) ? 'application/xml' : 'text/html';
}
