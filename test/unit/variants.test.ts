/**
 * The extractor on markup unlike the fixtures: every article fixture rebuilt in every layout of
 * variant-pages.ts, judged with the scorer the project is judged by, plus the strings each page
 * planted outside the article (headlines, boilerplate, comments) must stay out of the body.
 * Each layout also gets a home page and a listing page, which must not be taken for articles.
 */
import { describe, expect, it } from 'vitest';
import { score } from '../../../shared/tools/score.mjs';
import type { Extraction } from '../../src/core/types.ts';
import { loadFixtures } from '../harness/fixture-server.ts';
import { extractHtml } from './dom-env.ts';
import { GLYPHS } from './random-pages.ts';
import { articlePage, LAYOUTS, listingPage, NON_ARTICLE_PAGES, type Gold, type GeneratedPage, type NonArticleKind } from './variant-pages.ts';

/** The article fixtures' gold answers. */
const golds: { name: string; gold: Gold }[] = loadFixtures()
  .map((f) => ({ name: f.name, gold: f.gold as unknown as Gold }))
  .filter(({ gold }) => gold.isArticle);

function run(page: GeneratedPage): Extraction {
  return extractHtml(page.html, page.url);
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
