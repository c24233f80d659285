/**
 * The shape fixtures (test/fixtures/qazaq24-shapes): pages of several articles, ads, inserts,
 * galleries and embeds, AMP and mobile pages, forged source lines, in Kazakh and Russian and
 * at least two markups each. Every page against its gold answer with the project's scorer (as
 * fixtures.test.ts does), then what the scorer does not look at: the order of the pictures,
 * each picture once, the embeds as link cards and no frame or script, nothing of a
 * neighbouring article, and the address the article is read at.
 */
import { describe, expect, it } from 'vitest';
import { score } from '../../../shared/tools/score.mjs';
import { loadFixtures, SHAPES_DIR } from '../harness/fixture-server.ts';
import { extractHtml, parse } from './dom-env.ts';
import { GLYPHS } from './random-pages.ts';
import { collapse } from '../../src/core/text/normalize.ts';

interface Gold {
  url: string;
  pageUrl?: string;
  isArticle: boolean;
  lang: string;
  title: string;
  text: string[];
  images: string[];
  mustNotContain: string[];
}

const fixtures = loadFixtures(SHAPES_DIR).map((f) => ({ ...f, gold: f.gold as unknown as Gold }));
const byName = new Map(fixtures.map((f) => [f.name, f]));
const read = (name: string) => {
  const f = byName.get(name);
  if (!f) throw new Error(`no shape fixture ${name}`);
  return { f, out: extractHtml(f.html, f.gold.pageUrl ?? f.gold.url) };
};

/** The cases the fixtures must cover, each in both languages and two markups at least. */
const CASES: Record<string, RegExp> = {
  'several articles': /^scroll-/,
  advertising: /^ads-/,
  inserts: /^inserts-/,
  media: /^media-|^amp-/,
  'AMP and mobile': /^amp-|^mobile-/,
  'forged source': /^source-forged-/,
};

describe('shape fixtures', () => {
  it('cover every case in both languages and two markups at least', () => {
    for (const [name, pattern] of Object.entries(CASES)) {
      const pages = fixtures.filter((f) => pattern.test(f.name));
      expect(pages.length, name).toBeGreaterThanOrEqual(2);
      expect(new Set(pages.map((p) => p.gold.lang)), name).toEqual(new Set(['kk', 'ru']));
    }
  });

  for (const fixture of fixtures) {
    it(`${fixture.name} matches its gold answer`, () => {
      const out = extractHtml(fixture.html, fixture.gold.pageUrl ?? fixture.gold.url);
      const result = score(out, fixture.gold);
      expect(result.problems).toEqual([]);
      expect(result.f1).toBeGreaterThanOrEqual(0.98);
      expect(out.site).toBe('qazaq24');
      expect(out.url).toBe(fixture.gold.url);
      expect(out.textContent.match(GLYPHS)?.[0] ?? null).toBeNull();
      expect(out.contentHtml).not.toMatch(/<(?:script|iframe|object|embed|noscript|amp-|ins)\b|javascript:|on\w+=/i);
      // Every gold block shows, in order.
      const text = collapse(out.textContent);
      let at = 0;
      for (const block of fixture.gold.text) {
        const found = text.indexOf(collapse(block), at);
        expect(found, `"${block.slice(0, 50)}" in order`).toBeGreaterThanOrEqual(at);
        at = found + collapse(block).length;
      }
    });
  }
});

describe('several articles on one page', () => {
  it('reads the article the address names and nothing of its neighbours', () => {
    for (const name of ['scroll-first-kk', 'scroll-pushed-kk', 'scroll-slug-kk', 'scroll-feed-ru', 'scroll-share-ru', 'scroll-first-ru']) {
      const { f, out } = read(name);
      const others = fixtures.filter((o) => o.name.startsWith('scroll-') && o.gold.title !== f.gold.title).map((o) => o.gold);
      for (const other of others) {
        expect(out.textContent, `${name}: ${other.title}`).not.toContain(other.title);
        for (const block of other.text) if (!f.gold.text.includes(block)) expect(out.textContent, `${name}: ${block.slice(0, 40)}`).not.toContain(block);
      }
    }
  });

  it('is an article page to the detector, with its second and third article on it', () => {
    for (const name of ['scroll-pushed-kk', 'scroll-slug-kk', 'scroll-feed-ru']) expect(read(name).out.isArticle, name).toBe(true);
  });
});

describe('media', () => {
  it('lists the slider’s pictures once, in order, and its captions once', () => {
    const { out } = read('media-kk');
    expect(out.images).toEqual(read('media-kk').f.gold.images);
    for (const caption of ['Бекеттің кіреберісі', 'Мозаикалық панно', 'Жаңа бекеттің платформасы']) {
      expect(out.textContent.split(caption).length - 1, caption).toBe(1);
    }
  });

  it('leaves a gallery’s thumbnail strip out and keeps the big pictures in order', () => {
    const { f, out } = read('media-ru');
    expect(out.images).toEqual(f.gold.images);
  });

  it('shows embeds as link cards to the post, kept out of the text', () => {
    const cards = (html: string) => {
      const doc = parse(`<!doctype html><body>${html}`).window.document;
      return Array.from(doc.querySelectorAll('figure[data-oqy-embed]'), (fig) => ({
        platform: fig.getAttribute('data-oqy-embed'),
        href: fig.querySelector('a')?.getAttribute('href'),
        text: `${collapse(fig.querySelector('a')?.textContent ?? '')} | ${collapse(fig.querySelector('figcaption')?.textContent ?? '')}`,
      }));
    };
    expect(cards(read('media-kk').out.contentHtml)).toEqual([
      { platform: 'youtube', href: 'https://www.youtube.com/watch?v=Zx9aB3cD4eF', text: 'YouTube: Алматы метросының жаңа бекеті | youtube.com/watch?v=Zx9aB3cD4eF' },
      { platform: 'telegram', href: 'https://t.me/qazaq24news/1234', text: 'Telegram | t.me/qazaq24news/1234' },
    ]);
    expect(cards(read('media-ru').out.contentHtml).map((c) => [c.platform, c.href])).toEqual([
      ['instagram', 'https://www.instagram.com/p/C9xYz12AbCd/'],
      ['x', 'https://x.com/minzdrav_kz/status/1887654321098765432'],
      ['youtube', 'https://www.youtube.com/watch?v=Qw8eR7tY6uI'],
    ]);
    expect(read('media-ru').out.contentHtml).not.toContain('adfox');
    expect(cards(read('amp-kk').out.contentHtml).map((c) => c.href)).toEqual(['https://www.youtube.com/watch?v=Hj5kL0pQ2rS']);
  });
});
