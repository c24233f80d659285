/**
 * Reading a copy of a page (its outerHTML, as a huge Qazaq24 page or another site hands it to
 * the popup) in another document (src/core/extract-html.ts): the same article as the live page
 * gives, with addresses resolved against the page, its own <base> included, not against the
 * document that reads it.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { JSDOM } from 'jsdom';
import { readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { extract } from '../../src/core/extract.ts';
import { extractFromHtml } from '../../src/core/extract-html.ts';

const FIXTURES = resolve(import.meta.dirname, '../../../shared/fixtures/qazaq24');
const READER_AT = 'https://reader.invalid/src/popup/index.html';

const opened: JSDOM[] = [];
const open = (html: string, url: string) => {
  const dom = new JSDOM(html, { url });
  opened.push(dom);
  return dom;
};
afterEach(() => {
  for (const dom of opened.splice(0)) dom.window.close();
});

const articles = readdirSync(FIXTURES).filter((f) => f.startsWith('article-') && f.endsWith('.html'));

describe('extractFromHtml', () => {
  it.each(articles)('reads the copy of %s as the live page reads', (file) => {
    const { url } = JSON.parse(readFileSync(resolve(FIXTURES, file.replace(/\.html$/, '.json')), 'utf8')) as { url: string };
    const live = open(readFileSync(resolve(FIXTURES, file), 'utf8'), url);
    const fromPage = extract(live.window.document, url, { window: live.window as never });
    const reader = open('<!doctype html><title>reader</title>', READER_AT);
    // What the content script sends: the root element's outerHTML, no doctype.
    const fromCopy = extractFromHtml(live.window.document.documentElement.outerHTML, url, { window: reader.window as never });
    expect(fromCopy.isArticle).toBe(true);
    expect(fromCopy.title).toBe(fromPage.title);
    expect(fromCopy.textContent).toBe(fromPage.textContent);
    expect(fromCopy.images).toEqual(fromPage.images);
    expect(fromCopy.source).toEqual(fromPage.source);
  });

  it('resolves addresses against the page\'s own <base>, relative ones included, never against the reading document', () => {
    const url = 'https://qazaq24.com/news/qyran-burkit-turleri-1051177';
    const html = readFileSync(resolve(FIXTURES, 'article-eagle-kk.html'), 'utf8');
    const reader = open('<!doctype html><title>reader</title>', READER_AT);
    for (const [base, host] of [
      ['/', 'https://qazaq24.com'],
      ['//cdn.qazaq24.com/', 'https://cdn.qazaq24.com'],
      ['https://img.qazaq24.com/', 'https://img.qazaq24.com'],
    ] as const) {
      const copy = html.replace(/<head>/i, `<head><base href="${base}">`);
      const article = extractFromHtml(copy, url, { window: reader.window as never });
      expect(article.images.length, base).toBeGreaterThan(0);
      for (const src of article.images) expect(src.startsWith(`${host}/storage/images/`), `${base}: ${src}`).toBe(true);
      expect(article.contentHtml, base).not.toContain('reader.invalid');
    }
  });
});
