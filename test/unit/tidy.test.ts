/**
 * The tidying of a body a profile has cut out: blocks made plain, the text word for word.
 * Each case is markup in and markup out, written by hand.
 */
import { describe, expect, it } from 'vitest';
import { JSDOM } from 'jsdom';
import { tidyBody } from '../../src/core/clean/tidy.ts';

function tidied(html: string): string {
  const doc = new JSDOM(`<!doctype html><body><article>${html}</article></body>`).window.document;
  const root = doc.querySelector('article')!;
  tidyBody(root);
  return root.innerHTML.replace(/\s*\n\s*/g, '');
}

describe('tidyBody', () => {
  it('makes a chain of line breaks the end of a paragraph', () => {
    expect(tidied('<div>Бірінші жол.<br><br>Екінші жол.<br><br>Үшінші жол.</div>')).toBe(
      '<div><p>Бірінші жол.</p><p>Екінші жол.</p><p>Үшінші жол.</p></div>',
    );
  });

  it('makes a div of inline content a paragraph, and runs of it beside blocks paragraphs of their own', () => {
    expect(tidied('<div>Мәтін <b>қалың</b> сөз.</div>')).toBe('<p>Мәтін <b>қалың</b> сөз.</p>');
    expect(tidied('<div>Кіріспе сөз.<p>Абзац.</p>Соңғы сөз.</div>')).toBe('<div><p>Кіріспе сөз.</p><p>Абзац.</p><p>Соңғы сөз.</p></div>');
  });

  it('keeps a div around a figure a block, so no parser splits a paragraph around it', () => {
    expect(tidied('<div><figure><img src="a.jpg"></figure></div>')).toBe('<div><figure><img src="a.jpg"></figure></div>');
  });

  it('takes out blocks with no text and no picture, and what held only them', () => {
    expect(tidied('<p>Мәтін.</p><div><p> </p><section><br></section></div><table><tbody><tr></tr></tbody></table><p><script>x()</script></p>')).toBe(
      '<p>Мәтін.</p>',
    );
    expect(tidied('<p>Мәтін.</p><div><img src="a.jpg"></div>')).toBe('<p>Мәтін.</p><p><img src="a.jpg"></p>');
  });

  it('renames an element whose attribute names the DOM would refuse to set (a stray quote from a typo in the page)', () => {
    // The HTML parser keeps `"` and `a<b` as attribute names; setAttribute refuses them.
    const html = tidied('<div class="x"" data-a<b="1">Мәтін <b>қалың</b> сөз.</div><h1 class="t"">Тақырып</h1>');
    expect(html).toMatch(/^<p[^>]*>Мәтін <b>қалың<\/b> сөз\.<\/p>/);
    expect(html).toContain('<h2 class="t" "="">Тақырып</h2>');
  });

  it('unwraps a div that only wraps another, and a table of one cell', () => {
    expect(tidied('<div><div><p>Бір.</p><p>Екі.</p></div></div>')).toBe('<div><p>Бір.</p><p>Екі.</p></div>');
    expect(tidied('<table><tbody><tr><td>Жалғыз ұяшық.</td></tr></tbody></table>')).toBe('<p>Жалғыз ұяшық.</p>');
    expect(tidied('<table><tbody><tr><td>A</td><td>B</td></tr></tbody></table>')).toBe('<table><tbody><tr><td>A</td><td>B</td></tr></tbody></table>');
  });

  it('makes an h1 an h2 and drops a line break right before a paragraph', () => {
    expect(tidied('<h1>Бөлім</h1><br><p>Мәтін.</p>')).toBe('<h2>Бөлім</h2><p>Мәтін.</p>');
  });

  it('keeps a div around one paragraph when links make up most of its text', () => {
    expect(tidied('<div><p><a href="/x">Сілтеме мәтіні</a> ә</p></div>')).toBe('<div><p><a href="/x">Сілтеме мәтіні</a> ә</p></div>');
  });
});
