/**
 * The extractor on markup unlike the fixtures: every article fixture rebuilt in every layout of
 * variant-pages.ts, judged with the scorer the project is judged by, plus the strings each page
 * planted outside the article (headlines, boilerplate, comments) must stay out of the body.
 * Each layout also gets a home page and a listing page, which must not be taken for articles.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { score } from '../../../shared/tools/score.mjs';
import { extract } from '../../src/core/extract.ts';
import type { Extraction } from '../../src/core/types.ts';
import { articlePage, LAYOUTS, listingPage, NON_ARTICLE_PAGES, type Gold, type GeneratedPage, type NonArticleKind } from './variant-pages.ts';

const FIXTURES = resolve(import.meta.dirname, '../../../shared/fixtures/qazaq24');

/** The scorer's glyph-word check (score.mjs keeps it private). */
const GLYPHS = /(^|[^\p{L}])(see|embed|archive|close|menu|top|news|up)(?=[^\p{L}]|[А-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІі]|$)/iu;

const golds: { name: string; gold: Gold }[] = readdirSync(FIXTURES)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => ({ name: f.replace(/\.json$/, ''), gold: JSON.parse(readFileSync(resolve(FIXTURES, f), 'utf8')) as Gold }))
  .filter(({ gold }) => gold.isArticle);

function run(page: GeneratedPage): Extraction {
  const dom = new JSDOM(page.html, { url: page.url });
  try {
    return extract(dom.window.document, page.url, { window: dom.window as unknown as Window });
  } finally {
    dom.window.close();
  }
}

/** What the page planted outside the article and the body still shows. */
function leaksOf(text: string, page: GeneratedPage, gold: Gold): string[] {
  const goldText = gold.text.join('\n');
  return page.planted.filter((s) => s.length >= 6 && !goldText.includes(s) && text.includes(s)).map((s) => s.slice(0, 60));
}

describe('article fixtures in other markups', () => {
  it('has articles and layouts to combine', () => {
    expect(golds.length).toBeGreaterThanOrEqual(4);
    expect(LAYOUTS.length).toBeGreaterThanOrEqual(10);
  });

  for (const { name, gold } of golds) {
    for (const layout of LAYOUTS) {
      it(`${name} / ${layout.name}`, () => {
        const page = articlePage(gold, layout.name);
        const out = run(page);
        const result = score(out, gold);
        const text = out.textContent || '';
        const glyph = text.match(GLYPHS);
        expect({
          problems: result.problems,
          glyph: glyph ? glyph[0] : null,
          planted: leaksOf(text, page, gold),
        }).toEqual({ problems: [], glyph: null, planted: [] });
        expect(result.f1).toBeGreaterThanOrEqual(0.98);
      });
    }
  }
});

describe('non-article pages in other markups', () => {
  const all = golds.map((g) => g.gold);
  for (const kind of Object.keys(NON_ARTICLE_PAGES) as NonArticleKind[]) {
    for (const layout of LAYOUTS) {
      it(`${kind} / ${layout.name}`, () => {
        const page = listingPage(kind, all, layout.name);
        const out = run(page);
        expect(out.isArticle).toBe(false);
        expect(out.contentHtml).toBe('');
      });
    }
  }
});
