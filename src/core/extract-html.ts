/** Extraction from a copy of a page's HTML (not its live DOM), parsed inertly in the given window. */
import { extract, type ExtractEnvironment } from './extract.ts';
import type { Extraction } from './types.ts';

export function extractFromHtml(html: string, url: string, env: ExtractEnvironment): Extraction {
  const { DOMParser } = env.window as Window & typeof globalThis;
  const doc = new DOMParser().parseFromString(html, 'text/html');
  // Relative addresses in the copy resolve against the page it came from, not this one.
  if (!doc.querySelector('base[href]')) {
    const base = doc.createElement('base');
    base.href = url;
    doc.head.prepend(base);
  }
  return extract(doc, url, env);
}
