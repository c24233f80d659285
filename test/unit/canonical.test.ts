/** A page's canonical address counts only where it names the page's own host. */
import { describe, expect, it } from 'vitest';
import { JSDOM } from 'jsdom';
import { canonicalUrl, sameHost } from '../../src/core/meta/canonical.ts';

function canonicalOf(pageUrl: string, head: string): string {
  const dom = new JSDOM(`<!doctype html><head>${head}</head><body></body>`, { url: pageUrl });
  try {
    return canonicalUrl(dom.window.document, new URL(pageUrl));
  } finally {
    dom.window.close();
  }
}

describe('canonicalUrl', () => {
  it('takes the canonical link on the same host', () => {
    expect(canonicalOf('http://qazaq24.com/news/x-1?utm=1', '<link rel="canonical" href="https://qazaq24.com/news/x-1">')).toBe('https://qazaq24.com/news/x-1');
  });

  it('takes og:url on the same host, www. or not', () => {
    expect(canonicalOf('https://www.example.kz/a', '<meta property="og:url" content="https://example.kz/a">')).toBe('https://example.kz/a');
    expect(canonicalOf('https://example.kz/a', '<meta property="og:url" content="https://www.example.kz/a">')).toBe('https://www.example.kz/a');
  });

  // The attacks: another site's page naming a victim's address, to be saved over its article.
  it.each([
    ['https://evil.github.io/post', 'https://victim.github.io/post'],
    ['https://evil.com.kz/news/1', 'https://halyk.com.kz/news/1'],
    ['https://evil.qazaq24.com/news/x-1', 'https://qazaq24.com/news/x-1'],
    ['https://qazaq24.com.evil.kz/news/x-1', 'https://qazaq24.com/news/x-1'],
  ])('refuses %s naming %s', (page, victim) => {
    expect(canonicalOf(page, `<link rel="canonical" href="${victim}">`)).toBe(page);
    expect(canonicalOf(page, `<meta property="og:url" content="${victim}">`)).toBe(page);
  });

  it('refuses addresses that are not http(s), and falls through to the next candidate', () => {
    expect(canonicalOf('https://example.kz/a', '<link rel="canonical" href="javascript:alert(1)"><meta property="og:url" content="https://example.kz/b">')).toBe('https://example.kz/b');
  });
});

describe('sameHost', () => {
  it('compares whole hosts, ignoring www. and case', () => {
    expect(sameHost('WWW.Example.KZ', 'example.kz')).toBe(true);
    expect(sameHost('a.example.kz', 'b.example.kz')).toBe(false);
    expect(sameHost('wwwexample.kz', 'example.kz')).toBe(false);
  });
});
