/** The extractor beyond the fixtures: other sites, script in the article, empty and odd pages. */
import { describe, expect, it } from 'vitest';
import { JSDOM } from 'jsdom';
import { extractHtml, page } from './dom-env.ts';
import { detectPage } from '../../src/core/detect.ts';
import { extract } from '../../src/core/extract.ts';

const PARAGRAPH =
  'Аналитики связывают укрепление национальной валюты с ростом цен на нефть, которые на фоне напряжённости в Персидском заливе превысили отметку в 70 долларов за баррель, и ожидают спокойной недели.';

describe('other sites', () => {
  it('reads an article of another site with the generic reader', () => {
    const html = `<!doctype html><html lang="ru"><head><title>Курс доллара | Example News</title>
      <meta property="og:site_name" content="Example News"></head><body>
      <nav><a href="/">Главная</a> <a href="/news">Новости</a></nav>
      <article><h1>Курс доллара</h1>${`<p>${PARAGRAPH}</p>`.repeat(6)}</article>
      <footer>© Example News</footer></body></html>`;
    const out = extractHtml(html, 'https://news.example.org/2026/01/kurs');
    expect(out).toMatchObject({ isArticle: true, site: 'generic', lang: 'ru', title: 'Курс доллара', source: null, views: null });
    expect(out.textContent).toContain('Аналитики связывают');
    expect(out.textContent).not.toContain('Главная');
    expect(out.wordCount).toBeGreaterThan(100);
  });

  it('says a page of another site with no article is not one', () => {
    const out = extractHtml(page('<nav><a href="/a">Раз</a> <a href="/b">Два</a></nav>', { lang: 'ru' }), 'https://example.org/');
    expect(out).toMatchObject({ isArticle: false, site: 'generic', contentHtml: '' });
  });
});

describe('hostile article HTML', () => {
  const body = `<h1>Тақырып</h1>
    <div>Egemen.KZ парақшасынан алынған деректерге сүйене отырып, Qazaq24.com жаңалық жариялайды..</div>
    <div><p>${PARAGRAPH}<script>window.ran = 1</script></p>
      <p>Екінші <img src="x" onerror="window.ran = 2"> абзац <a href="javascript:window.ran=3">сілтеме</a> және <a href="https://egemen.kz/a">дереккөз</a>, ${PARAGRAPH}</p>
      <p><svg><script>window.ran = 4</script></svg><iframe srcdoc="<script>window.ran=5</script>"></iframe>${PARAGRAPH}</p>
      <form action="https://evil.example/"><button formaction="javascript:alert(1)">Жіберу</button></form></div>
    <div><i>see</i>Көрілімдер:7</div>
    <div><i>embed</i>Дереккөз:<a href="https://egemen.kz">https://egemen.kz</a></div>`;

  it('keeps the text and drops every script, handler and javascript: link', () => {
    const out = extractHtml(page(body), 'https://qazaq24.com/news/test-1000001');
    expect(out.isArticle).toBe(true);
    expect(out.textContent).toContain('Екінші');
    expect(out.contentHtml).not.toMatch(/<script|onerror|javascript:|<iframe|srcdoc|<form|<svg|formaction/i);
    expect(out.contentHtml).toContain('href="https://egemen.kz/a"');
    expect(out.contentHtml).toMatch(/<a href="https:\/\/egemen\.kz\/a" target="_blank" rel="noopener noreferrer">/);
    expect(out.views).toBe(7);
    expect(out.source).toEqual({ name: 'Egemen.KZ', url: 'https://egemen.kz' });
  });
});

describe('odd pages', () => {
  it.each([
    ['empty', ''],
    ['whitespace', '   \n\t  '],
    ['only a title', '<title>Qazaq24.com</title>'],
    ['a frameset', '<html><frameset><frame src="/a"></frameset></html>'],
    ['only images', page('<img src="/storage/a.jpg"><img src="/storage/b.jpg">')],
  ])('gives a clean non-article for %s', (_name, html) => {
    const out = extractHtml(html, 'https://qazaq24.com/news/x-1000001');
    expect(out.isArticle).toBe(false);
    expect(out.contentHtml).toBe('');
  });

  it('gives a clean article with what it can for a labelled page without a title', () => {
    const out = extractHtml(
      page(`<div><p>${PARAGRAPH}</p></div><div>Дереккөз: <a href="https://kapital.kz">kapital.kz</a></div>`, { lang: 'ru', title: '' }),
      'https://qazaq24.com/ru/news/x-1000001',
    );
    expect(out.isArticle).toBe(true);
    expect(out.textContent).toContain('Аналитики связывают');
    expect(out.source?.url).toBe('https://kapital.kz');
  });
});

describe('documents that are not web pages', () => {
  // A feed whose text holds an article's labels, at an article's address, as Chromium's XML
  // viewer shows it: an HTML tree of the feed's text, the feed's content type kept.
  const labelled = `<html xmlns="http://www.w3.org/1999/xhtml"><head><title>Qazaq24.com</title></head><body><h1>Бейбітшілік</h1><p>${PARAGRAPH}</p><div>Көрілімдер:104</div><div>Дереккөз: https://egemen.kz</div></body></html>`;
  const url = 'https://qazaq24.com/news/bejbitshilik-1045821';

  it.each(['application/rss+xml', 'application/xml', 'image/svg+xml'])('%s is never an article, whatever its text', (contentType) => {
    const dom = new JSDOM(labelled, { url, contentType });
    expect(dom.window.document.contentType).toBe(contentType);
    expect(detectPage(dom.window.document, url).isArticle).toBe(false);
    const out = extract(dom.window.document, url, { window: dom.window as unknown as Window });
    expect(out).toMatchObject({ isArticle: false, contentHtml: '' });
  });

  it('the same text served as HTML or XHTML is one', () => {
    for (const contentType of ['text/html', 'application/xhtml+xml']) {
      const dom = new JSDOM(labelled, { url, contentType });
      expect(detectPage(dom.window.document, url).isArticle, contentType).toBe(true);
      expect(extract(dom.window.document, url, { window: dom.window as unknown as Window }).textContent, contentType).toContain('Аналитики связывают');
    }
  });
});
