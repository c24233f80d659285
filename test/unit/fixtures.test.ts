/** Every fixture page against its gold answer, with the same scorer the project is judged by. */
import { describe, expect, it } from 'vitest';
import { score } from '../../../shared/tools/score.mjs';
import { loadFixtures } from '../harness/fixture-server.ts';
import { extractHtml } from './dom-env.ts';

const fixtures = loadFixtures();

describe('fixtures', () => {
  it('has pages to check', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(6);
  });

  for (const fixture of fixtures) {
    it(`${fixture.name} matches its gold answer`, () => {
      const out = extractHtml(fixture.html, fixture.url);
      const result = score(out, fixture.gold);
      expect(result.problems).toEqual([]);
      expect(out.site).toBe('qazaq24');
      if (fixture.gold.isArticle) {
        expect(result.f1).toBeGreaterThanOrEqual(0.98);
        expect(out.contentHtml).not.toMatch(/<script|onerror=|javascript:/i);
        expect(out.wordCount).toBeGreaterThan(0);
        expect(out.readingMinutes).toBeGreaterThanOrEqual(1);
      } else {
        expect(out.contentHtml).toBe('');
      }
    });
  }
});
