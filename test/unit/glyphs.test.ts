import { describe, expect, it } from 'vitest';
import { isGlyphElement, removeGlyphs, stripGluedGlyphs, visibleText } from '../../src/core/clean/glyphs.ts';
import { parse } from './dom-env.ts';

function body(html: string): HTMLElement {
  return parse(`<!doctype html><body>${html}</body>`).window.document.body;
}

describe('glyph words', () => {
  it('strips a glyph glued to the Cyrillic label or number after it', () => {
    expect(stripGluedGlyphs('seeКөрілімдер:104')).toBe('Көрілімдер:104');
    expect(stripGluedGlyphs('embedДереккөз:https://egemen.kz')).toBe('Дереккөз:https://egemen.kz');
    expect(stripGluedGlyphs('archiveБұл хабарлама')).toBe('Бұл хабарлама');
    expect(stripGluedGlyphs('30 Қаңтар 2026 17:19see113')).toBe('30 Қаңтар 2026 17:19113');
    expect(stripGluedGlyphs('topЕң көп оқылғандар')).toBe('Ең көп оқылғандар');
    expect(stripGluedGlyphs('newsСоңғы жаңалықтар')).toBe('Соңғы жаңалықтар');
  });

  it('leaves English words that only look like glyphs inside real text', () => {
    expect(stripGluedGlyphs('Forbes Top 50 тізімі')).toBe('Forbes Top 50 тізімі');
    expect(stripGluedGlyphs('newsletter')).toBe('newsletter');
    expect(stripGluedGlyphs('setup')).toBe('setup');
  });

  it('knows icon elements of any tag and class by their whole text', () => {
    const root = body(
      '<i class="x1">see</i><span class="glyph">embed</span><b>archive</b><em> Menu </em>' +
        '<span class="material-symbols">expand_more</span><span>up to date</span><i>UP</i>',
    );
    const els = Array.from(root.children);
    expect(els.map((el) => isGlyphElement(el))).toEqual([true, true, true, true, true, false, true]);
  });

  it('removes icons as elements and as text, keeping the text around them', () => {
    const root = body(
      '<div><i>see</i>Көрілімдер:104</div><p>seeҚаралым 5</p><div>top<br>Ең көп</div><p>Мәтін <span class="ico">close</span>соңы.</p>',
    );
    removeGlyphs(root, { textLevel: true });
    expect(visibleText(root)).toBe('Көрілімдер:104Қаралым 5 Ең көпМәтін соңы.');
    expect(root.textContent).not.toMatch(/see|top|close/);
  });

  it('at element level only, leaves text alone on pages of unknown language', () => {
    const root = body('<p>Prices went up</p><p><span aria-hidden="true">search</span>Find</p>');
    removeGlyphs(root, { textLevel: false });
    expect(root.textContent).toBe('Prices went upFind');
  });
});
