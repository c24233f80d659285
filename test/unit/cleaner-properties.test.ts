/**
 * Properties of the cleaners over random pages (test/unit/random-pages.ts): random markup
 * around a known article body, glyph words as elements and glued to labels, headline lists of
 * random shapes, the site's boilerplate lines at random places. Whatever the page:
 *
 * - extract() never throws;
 * - the body text never shows a glyph word (the scorer's check), a headline listed anywhere on
 *   the page, a boilerplate line, an ad, an insert, or anything of the articles below the first;
 * - the title is the first article's, and no ad picture is among the images;
 * - where the body is not inside a list or a table and has a line of running prose, most of its
 *   sentences are kept.
 *
 * A fixed seed keeps the run the same in CI; on a failure fast-check prints the seed, the path
 * and the shrunk page. FC_SEED and FC_RUNS override them to explore.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { extractHtml } from './dom-env.ts';
import { collapse } from '../../src/core/text/normalize.ts';
import { GLYPHS, MIN_POOL, loadPools, pageSpec, renderPage, type PageSpec } from './random-pages.ts';

const SEED = Number(process.env.FC_SEED ?? 20_260_125);
const RUNS = Number(process.env.FC_RUNS ?? 200);
/** Share of the body's sentences that must be kept. */
const KEPT = 0.8;

const pools = loadPools();

function read(spec: PageSpec) {
  const page = renderPage(spec, pools);
  const out = extractHtml(page.html, page.url);
  return { page, out, text: collapse(out.textContent) };
}

describe('cleaner properties on random pages', () => {
  it('uses the scorer’s own glyph check', () => {
    const scorer = readFileSync(resolve(import.meta.dirname, '../../../shared/tools/score.mjs'), 'utf8');
    expect(scorer).toContain(`const GLYPHS = ${GLYPHS.toString()};`);
  });

  it('has enough sentences and headlines to build pages from', () => {
    for (const lang of ['kk', 'ru'] as const) {
      expect(pools.sentences[lang].length, `${lang} sentences`).toBeGreaterThanOrEqual(5);
      expect(pools.headlines[lang].length, `${lang} headlines`).toBeGreaterThanOrEqual(MIN_POOL);
      for (const s of pools.sentences[lang]) expect(s).not.toMatch(GLYPHS);
    }
  });

  it('never throws, never shows a glyph word, a headline or a boilerplate line, and keeps the body', () => {
    fc.assert(
      fc.property(pageSpec, (spec) => {
        const { page, out, text } = read(spec);
        expect(out.isArticle, 'a labelled article page').toBe(true);
        expect(out.title, 'the title of the article the address names').toBe(page.title);
        expect(out.images.filter((src) => /example\.kz/.test(src)), 'ad pictures').toEqual([]);
        expect(text.match(GLYPHS)?.[0] ?? null, 'a glyph word in the body').toBeNull();
        const leaked = page.forbidden.filter((f) => text.includes(collapse(f)));
        expect(leaked, 'headlines or boilerplate in the body').toEqual([]);
        if (!page.bodyInList && !page.shortBody) {
          const kept = page.sentences.filter((s) => text.includes(collapse(s)));
          expect(kept.length, `sentences kept: missing ${JSON.stringify(page.sentences.filter((s) => !kept.includes(s)))}`).toBeGreaterThanOrEqual(
            Math.ceil(KEPT * page.sentences.length),
          );
        }
      }),
      { seed: SEED, numRuns: RUNS },
    );
  }, 300_000);
});
