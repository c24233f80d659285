/** The extractor command as a user runs it: exit codes, one-line errors, JSON on stdout. */
import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { FIXTURES_DIR } from '../harness/fixture-server.ts';
import { pageType } from '../../src/cli/page-type.ts';

const ROOT = resolve(import.meta.dirname, '../..');
let dir: string;

function run(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/extract.ts', ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'oqy-cli-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('extract command', () => {
  it('prints the article as JSON and exits 0', () => {
    const r = run('--url', 'https://qazaq24.com/news/tort-zhasar-zhazushy-1051180', join(FIXTURES_DIR, 'article-writer-kk.html'));
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out);
    expect(json).toMatchObject({ isArticle: true, site: 'qazaq24', lang: 'kk', title: 'Төрт жасар жазушы', views: 104 });
    expect(json.textContent).toContain('Павлодар облысындағы');
  });

  it('exits 0 with isArticle false for a home page', () => {
    const r = run('--url', 'https://qazaq24.com/ru/', join(FIXTURES_DIR, 'home-ru.html'));
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ isArticle: false, lang: 'ru' });
  });

  it('exits 0 with a clean result for an empty file', () => {
    const file = join(dir, 'empty.html');
    writeFileSync(file, '');
    const r = run('--url', 'https://qazaq24.com/news/x-1000001', file);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ isArticle: false, textContent: '' });
  });

  it.each([
    ['a missing file', () => join(dir, 'nope.html'), /no such file/],
    ['a directory', () => dir, /directory/],
    [
      'a binary file',
      () => {
        const file = join(dir, 'image.bin');
        writeFileSync(file, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13, 0, 1, 2, 3]));
        return file;
      },
      /binary/,
    ],
  ])('exits 2 with one line for %s', (_name, file, message) => {
    const r = run('--url', 'https://qazaq24.com/news/x-1000001', file());
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.err).toMatch(message);
  });

  it('exits 2 with usage when the file is missing from the command', () => {
    const r = run('--url', 'https://qazaq24.com/');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/usage/);
  });

  it('reads a page saved in windows-1251', () => {
    const file = join(dir, 'cp1251.html');
    const html = '<html lang="ru"><head><meta charset="windows-1251"><title>Новость</title></head><body><h1>Новость</h1><p>Текст новости.</p></body></html>';
    const bytes = Buffer.from(new TextEncoder().encode(html));
    // Re-encode the Cyrillic into cp1251 by hand: А..я map to 0xC0..0xFF.
    const cp = Buffer.from(Array.from(html).map((ch) => {
      const c = ch.codePointAt(0)!;
      return c >= 0x410 && c <= 0x44f ? c - 0x410 + 0xc0 : c;
    }));
    expect(bytes.length).toBeGreaterThan(cp.length);
    writeFileSync(file, cp);
    const r = run('--url', 'https://example.org/a', file);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).title).toBe('Новость');
  });
});

describe('pageType: what a saved file would be parsed as', () => {
  it.each([
    ['an HTML page', '<!doctype html><html><body>а</body></html>', 'text/html'],
    ['HTML with no tags around it', 'Жай мәтін', 'text/html'],
    ['an empty file', '', 'text/html'],
    ['a fragment', '<p>а</p>', 'text/html'],
    ['XHTML with an XML declaration', '<?xml version="1.0"?>\n<!DOCTYPE html><html xmlns="http://www.w3.org/1999/xhtml"><body/></html>', 'text/html'],
    ['an RSS feed', '\ufeff<?xml version="1.0" encoding="UTF-8"?>\n<!-- feed --><rss version="2.0"><channel/></rss>', 'application/xml'],
    ['an Atom feed with no declaration', '<feed xmlns="http://www.w3.org/2005/Atom"></feed>', 'application/xml'],
    ['another XML document', '<?xml version="1.0"?><catalog><book/></catalog>', 'application/xml'],
    ['an SVG image', '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"/>', 'image/svg+xml'],
    ['an SVG image with no declaration', '<svg xmlns="http://www.w3.org/2000/svg"><rect/></svg>', 'image/svg+xml'],
  ])('%s', (_name, text, type) => {
    expect(pageType(text)).toBe(type);
  });

  it('reads a feed as a document that is not an article, and a broken feed as HTML', () => {
    const feed = join(dir, 'feed.xml');
    writeFileSync(feed, '<?xml version="1.0"?><rss><channel><item><title>Бейбітшілік</title><description>Көрілімдер:104</description></item></channel></rss>');
    const r = run('--url', 'https://qazaq24.com/news/x-1000001', feed);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).isArticle).toBe(false);
    const broken = join(dir, 'broken.xml');
    writeFileSync(broken, '<?xml version="1.0"?><rss><item>Мәтін <b>ашық қалған</rss>');
    const b = run('--url', 'https://example.org/feed', broken);
    expect(b.code).toBe(0);
    expect(JSON.parse(b.out).site).toBe('generic');
  });
});
