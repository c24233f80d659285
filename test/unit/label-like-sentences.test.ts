/**
 * Sentences of an article that use the words of the site's labels: a photo's credit taken "from
 * the akimat's Facebook page", residents who "can leave comments", "a source in the akimat",
 * "the case was archived", a heading "Комментарий" before an expert's words, a chart's credit
 * "Дереккөз: <an office>", a subheading "Ең көп оқылғандар" with the article's prose after it.
 * They are the article's own text and stay, wherever they stand, and the page's real labels are
 * still read: its source, views and archived time.
 */
import { describe, expect, it } from 'vitest';
import { extractHtml } from './dom-env.ts';
import { articleFixtures, bodyPlaces, withBlock } from './fixture-insert.ts';
import { collapse } from '../../src/core/text/normalize.ts';

const SENTENCES: Record<'kk' | 'ru', [string, string][]> = {
  kk: [
    ['a photo credit', '<p>Сурет облыс әкімдігінің Facebook парақшасынан алынған</p>'],
    ['a photo credit under a picture', '<figure><img src="https://qazaq24.com/storage/news/2026/02/tamshy.jpg" alt=""><figcaption>Сурет облыс әкімдігінің Facebook парақшасынан алынған</figcaption></figure>'],
    ['residents who may comment', '<p>Тұрғындар жобаға пікір қалдыра алады.</p>'],
    ['a sentence that opens with "source"', '<p>Дереккөз мәліметінше, жоба келесі жылы аяқталады.</p>'],
    ['a case that was archived', '<p>Іс 2020 жылы мұрағатталды.</p>'],
    ['a heading "Opinion"', '<h3>Пікір</h3>'],
    ['figures taken from another site', '<p>Ұлттық статистика бюросының сайтынан алынған деректерге сүйене отырып, биыл қаңтарда инфляция 8,6 пайызды құрады.</p>'],
    ['residents who comment first', '<p>Тұрғындар бірінші кезекте жобаға пікір қалдыра алады.</p>'],
    ['registered residents who may comment', '<p>Әкімдікте тіркелген тұрғындар жобаға пікір жаза алады.</p>'],
    ['a case archived on a date', '<p>Іс 12.05.2021 күні мұрағатталды.</p>'],
    ['a credit under a chart that names an office', '<p>Дереккөз: ҚР Ұлттық статистика бюросы</p>'],
    ['a subheading "most read" in a piece about books', '<h3>Ең көп оқылғандар</h3>'],
  ],
  ru: [
    ['an office that publishes news', '<p>Управление образования ежедневно публикует новости о ходе ремонта школ.</p>'],
    ['residents who may comment', '<p>Жители могут оставить комментарии к проекту на портале открытых НПА до 1 марта.</p>'],
    ['a source in the akimat', '<p>Источник в акимате подтвердил эту информацию.</p>'],
    ['a case that was archived', '<p>Дело было заархивировано в 2021 году.</p>'],
    ['a heading "Комментарий" before an expert\'s words', '<h3>Комментарий</h3>'],
    ['comments on a publication', '<p>Жители могут оставить комментарии к публикации до 1 марта.</p>'],
    ['a comment left at the entrance', '<p>Оставить комментарий можно на входе в здание.</p>'],
    ['a case archived on a date', '<p>Дело было заархивировано 12.05.2021.</p>'],
    ['a credit under a table that names an office', '<p>Источник: БНС АСПиР РК</p>'],
    ['a subheading "latest news" of the article', '<h3>Последние новости</h3>'],
    ['a sentence with a dash after "source"', '<p>Источник — сотрудник акимата, пожелавший остаться неизвестным.</p>'],
  ],
};

const articles = articleFixtures();

const textOf = (block: string) => collapse(block.replace(/<[^>]+>/g, ' '));

describe('sentences that use the words of the site\'s labels stay in the article', () => {
  for (const f of articles) {
    const gold = f.gold;
    const places = bodyPlaces(gold);
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
