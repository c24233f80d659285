/** Extraction from a copy of a page's HTML (not its live DOM), parsed inertly in the given window. */
import { extract, type ExtractEnvironment } from './extract.ts';
import type { Extraction } from './types.ts';

export function extractFromHtml(html: string, url: string, env: ExtractEnvironment): Extraction {
  const { DOMParser } = env.window as Window & typeof globalThis;
  // An element's outerHTML has no doctype: without one the copy would be parsed in quirks mode.
  const doc = new DOMParser().parseFromString(/^\s*<!doctype/i.test(html) ? html : `<!doctype html>${html}`, 'text/html');
  // Relative addresses in the copy resolve against the page it came from, not this one: the
  // page's own <base> too ("/", "//cdn…/"), which this document would resolve against itself.
  const own = doc.querySelector('base[href]');
  let base = url;
  try {
    if (own) base = new URL(own.getAttribute('href') ?? '', url).href;
  } catch {
    /* A base that is no address: the page's own address. */
  }
  const element = own ?? doc.createElement('base');
  element.setAttribute('href', base);
  if (!own) doc.head.prepend(element);
  return extract(doc, url, env);
}
