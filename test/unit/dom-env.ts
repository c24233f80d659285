/** Pages parsed the way the extractor command parses them, for unit tests. */
import { JSDOM } from 'jsdom';
import { extract } from '../../src/core/extract.ts';
import type { Extraction } from '../../src/core/types.ts';

export function parse(html: string, url = 'https://qazaq24.com/news/test-1000001'): JSDOM {
  return new JSDOM(html, { url, contentType: 'text/html' });
}

export function extractHtml(html: string, url = 'https://qazaq24.com/news/test-1000001'): Extraction {
  const dom = parse(html, url);
  try {
    return extract(dom.window.document, url, { window: dom.window as unknown as Window });
  } finally {
    dom.window.close();
  }
}

/** A page body wrapped in a minimal document. */
export function page(body: string, { lang = 'kk', title = 'Тақырып' } = {}): string {
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>${title} - Qazaq24.com</title></head><body>${body}</body></html>`;
}
