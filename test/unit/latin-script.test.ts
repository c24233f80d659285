import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { LATIN_2021_TABLE, toLatin2021 } from '../../src/core/translit/kazakh-latin.ts';
import { applyLatinScript } from '../../src/core/translit/dom-latin.ts';
import { parse } from './dom-env.ts';

const EXPECTED: Record<string, string> = {
  А: 'A', Ә: 'Ä', Б: 'B', В: 'V', Г: 'G', Ғ: 'Ğ', Д: 'D', Е: 'E', Ё: 'İo', Ж: 'J', З: 'Z', И: 'İ', Й: 'İ',
  К: 'K', Қ: 'Q', Л: 'L', М: 'M', Н: 'N', Ң: 'Ñ', О: 'O', Ө: 'Ö', П: 'P', Р: 'R', С: 'S', Т: 'T', У: 'U',
  Ұ: 'Ū', Ү: 'Ü', Ф: 'F', Х: 'H', Һ: 'H', Ц: 'Ts', Ч: 'Ch', Ш: 'Ş', Щ: 'Şş', Ъ: '', Ы: 'Y', І: 'I', Ь: '',
  Э: 'E', Ю: 'İu', Я: 'İa',
};

describe('Kazakh in the 2021 Latin alphabet', () => {
  it('maps all 42 letters of the Kazakh Cyrillic alphabet, both cases', () => {
    expect(Object.keys(EXPECTED)).toHaveLength(42);
    for (const [cyr, lat] of Object.entries(EXPECTED)) {
      const lower = cyr.toLowerCase();
      // Alone, word-initial before a lower-case letter, and inside a word.
      const small = lat === 'İ' ? 'i' : lat === 'I' ? 'ı' : lat.toLowerCase().replace('i̇', 'i');
      expect(toLatin2021(lower), lower).toBe(small);
      expect(toLatin2021(`${cyr}а`), `${cyr}а`).toBe(`${lat}a`);
      expect(toLatin2021(`а${lower}а`), `а${lower}а`).toBe(`a${small}a`);
    }
    expect(LATIN_2021_TABLE).toHaveLength(84);
  });

  it('keeps the dotted and dotless i apart: і is ı, и and й are i', () => {
    expect(toLatin2021('кісі')).toBe('kısı');
    expect(toLatin2021('Ілияс')).toBe('Iliias');
    expect(toLatin2021('ИӘ')).toBe('İÄ');
    expect(toLatin2021('үйіне')).toBe('üiıne');
  });

  it('writes a word in capitals all in capitals', () => {
    expect(toLatin2021('ЮНЕСКО')).toBe('İUNESKO');
    expect(toLatin2021('Юнеско')).toBe('İunesko');
    expect(toLatin2021('ҚАЗАҚСТАН')).toBe('QAZAQSTAN');
  });

  it('changes only Cyrillic letters: numbers, punctuation and Latin text stay', () => {
    expect(toLatin2021('2025 жылы, 30-дан аса (Qazaq24.com) «Бірлік»!')).toBe('2025 jyly, 30-dan asa (Qazaq24.com) «Bırlık»!');
  });

  it('reads real sentences from the fixtures', () => {
    const gold = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../../shared/fixtures/qazaq24/article-unity-kk.json'), 'utf8'));
    expect(toLatin2021(gold.title)).toBe('Beibıtşılık pen bırlıktıñ berık tıregı');
    expect(toLatin2021('Бұл бірлік – еліміздің басты байлығы әрі мақтан тұтар құндылығының бірі.')).toBe(
      'Būl bırlık – elımızdıñ basty bailyğy ärı maqtan tūtar qūndylyğynyñ bırı.',
    );
    expect(toLatin2021('Жетісу облысы')).toBe('Jetısu oblysy');
    const latin = toLatin2021(gold.text.join('\n'));
    expect(latin).not.toMatch(/[\u0400-\u04ff]/);
  });
});

describe('Latin script on an article', () => {
  const html = `<article lang="kk"><h1>Қыран бүркіт</h1>
    <p>Құсбегілер бүркітті <a href="https://egemen.kz/ақпарат">egemen.kz/ақпарат</a> жасына қарай бөледі, 2026 жылы.</p>
    <p>По итогам торгов в пятницу курс доллара составил 501 тенге.</p>
    <blockquote lang="ru"><p>Мы не ожидаем резких колебаний.</p></blockquote>
    <figure><img src="a.jpg"><figcaption>Бүркітпен аң аулау</figcaption></figure>
    <p>Сайт: https://qazaq24.com/news/қыран <code>код</code></p></article>`;

  it('transliterates the Kazakh text nodes only, keeping the DOM, and undoes itself', () => {
    const root = parse(`<!doctype html><body>${html}</body>`).window.document.body;
    const before = root.innerHTML.replace(/>[^<]*</g, '><');
    const restore = applyLatinScript(root);
    const text = root.textContent!;
    expect(text).toContain('Qyran bürkıt');
    expect(text).toContain('Qūsbegıler bürkıttı');
    expect(text).toContain('Bürkıtpen añ aulau');
    expect(text).toContain('2026 jyly');
    expect(text).toContain('По итогам торгов в пятницу');
    expect(text).toContain('Мы не ожидаем');
    expect(text).toContain('https://qazaq24.com/news/қыран');
    expect(text).toContain('код');
    expect(root.querySelector('a')!.getAttribute('href')).toBe('https://egemen.kz/ақпарат');
    expect(root.innerHTML.replace(/>[^<]*</g, '><')).toBe(before);
    restore();
    expect(root.innerHTML).toBe(parse(`<!doctype html><body>${html}</body>`).window.document.body.innerHTML);
  });
});

describe('Russian blocks in a Kazakh article', () => {
  it.each([
    ['По итогам торгов в пятницу курс составил 501 тенге.', true],
    ['Мы не ожидаем резких колебаний.', true],
    ['Объём торгов составил около миллиарда.', true],
    ['Бала мектепке барды.', false],
    ['Қазақстан халқы Ассамблеясы', false],
    ['Ол бала', false],
  ])('%s → Russian: %s', async (text, russian) => {
    const { looksRussian } = await import('../../src/core/translit/dom-latin.ts');
    expect(looksRussian(text)).toBe(russian);
  });
});
