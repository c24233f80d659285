import { describe, expect, it } from 'vitest';
import { matchesPattern, toMatchPattern } from '../../src/shared/site-patterns.ts';

describe('site patterns', () => {
  it.each([
    ['example.kz', '*://example.kz/*'],
    ['  Example.KZ ', '*://example.kz/*'],
    ['*.example.kz', '*://*.example.kz/*'],
    ['https://example.kz', 'https://example.kz/*'],
    ['https://example.kz/news/', 'https://example.kz/news/*'],
    ['http://example.kz/news', 'http://example.kz/news*'],
    ['example.kz:8080/a/*', '*://example.kz/a/*'],
    ['127.0.0.1', '*://127.0.0.1/*'],
    ['localhost', '*://localhost/*'],
  ])('%s → %s', (input, pattern) => {
    expect(toMatchPattern(input)).toEqual({ ok: true, pattern });
  });

  it.each([
    ['', 'empty'],
    ['ftp://example.kz', 'scheme'],
    ['javascript:alert(1)', 'host'],
    ['*', 'too-wide'],
    ['*.kz', 'too-wide'],
    ['exa mple.kz', 'host'],
    ['example', 'host'],
    ['ex*ample.kz', 'host'],
    ['999.1.1.1', 'host'],
    ['example.kz/<script>', 'path'],
  ])('refuses %j (%s)', (input, reason) => {
    expect(toMatchPattern(input)).toEqual({ ok: false, reason });
  });

  it('matches URLs as the browser would', () => {
    expect(matchesPattern('*://*.example.kz/*', 'https://news.example.kz/a/b')).toBe(true);
    expect(matchesPattern('*://*.example.kz/*', 'http://example.kz/')).toBe(true);
    expect(matchesPattern('*://*.example.kz/*', 'https://badexample.kz/')).toBe(false);
    expect(matchesPattern('https://example.kz/news/*', 'https://example.kz/news/1')).toBe(true);
    expect(matchesPattern('https://example.kz/news/*', 'http://example.kz/news/1')).toBe(false);
    expect(matchesPattern('https://example.kz/news/*', 'https://example.kz/sport/1')).toBe(false);
    expect(matchesPattern('*://example.kz/*', 'file:///etc/passwd')).toBe(false);
  });
});
