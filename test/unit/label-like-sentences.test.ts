/**
 * Sentences of an article that use the words of the site's labels: a photo's credit taken "from
 * the akimat's Facebook page", residents who "can leave comments", "a source in the akimat",
 * "the case was archived", a heading "Комментарий" before an expert's words. They are the
 * article's own text and stay, wherever they stand, and the page's real labels are still read:
 * its source, views and archived time.
 */
import { describe, expect, it } from 'vitest';
import { loadFixtures } from '../harness/fixture-server.ts';
import { extractHtml } from './dom-env.ts';
import { collapse } from '../../src/core/text/normalize.ts';

interface Gold {
  url: string;
  lang: 'kk' | 'ru';
  isArticle: boolean;
  text: string[];
  source: { name: string; url: string };
  views: number;
  archivedAt: string;
}

const SENTENCES: Record<'kk' | 'ru', [string, string][]> = {
  kk: [
    ['a photo credit', '<p>Сурет облыс әкімдігінің Facebook парақшасынан алынған</p>'],
    ['a photo credit under a picture', '<figure><img src="https://qazaq24.com/storage/news/2026/02/tamshy.jpg" alt=""><figcaption>Сурет облыс әкімдігінің Facebook парақшасынан алынған</figcaption></figure>'],
    ['residents who may comment', '<p>Тұрғындар жобаға пікір қалдыра алады.</p>'],
    ['a sentence that opens with "source"', '<p>Дереккөз мәліметінше, жоба келесі жылы аяқталады.</p>'],
    ['a case that was archived', '<p>Іс 2020 жылы мұрағатталды.</p>'],
    ['a heading "Opinion"', '<h3>Пікір</h3>'],
  ],
  ru: [
    ['an office that publishes news', '<p>Управление образования ежедневно публикует новости о ходе ремонта школ.</p>'],
    ['residents who may comment', '<p>Жители могут оставить комментарии к проекту на портале открытых НПА до 1 марта.</p>'],
    ['a source in the akimat', '<p>Источник в акимате подтвердил эту информацию.</p>'],
    ['a case that was archived', '<p>Дело было заархивировано в 2021 году.</p>'],
    ['a heading "Комментарий" before an expert\'s words', '<h3>Комментарий</h3>'],
  ],
};

const articles = loadFixtures()
  .map((f) => ({ ...f, gold: f.gold as unknown as Gold }))
  .filter((f) => f.gold.isArticle);

/** The page with `block` put in before the element whose text starts with the gold's block `at`. */
function withBlock(html: string, gold: Gold, at: number, block: string): string {
  const opening = gold.text[at]!.slice(0, 30);
  const text = html.indexOf(`>${opening}`);
  if (text < 0) throw new Error(`no element opens with ${opening}`);
  const tag = html.lastIndexOf('<', text);
  return html.slice(0, tag) + block + html.slice(tag);
}

const textOf = (block: string) => collapse(block.replace(/<[^>]+>/g, ' '));

describe('sentences that use the words of the site\'s labels stay in the article', () => {
  for (const f of articles) {
    const gold = f.gold;
    // Before the first paragraph, inside the body, and before the last paragraph of prose.
    const last = gold.text.filter((t) => t.length > 100).length - 1;
    const places = [...new Set([0, Math.min(2, last), last])];
    for (const [name, block] of SENTENCES[gold.lang]) {
      it(`${f.name}: ${name}`, () => {
        for (const at of places) {
          const out = extractHtml(withBlock(f.html, gold, at, block), gold.url);
          const text = collapse(out.textContent);
          expect(text, `at block ${at}`).toContain(textOf(block));
          for (const t of gold.text) expect(text, `at block ${at}`).toContain(collapse(t));
          expect(out.source?.url, `at block ${at}`).toBe(gold.source.url);
          expect(out.views, `at block ${at}`).toBe(gold.views);
          expect(out.archivedAt, `at block ${at}`).toBe(gold.archivedAt);
        }
      });
    }
  }
});
