/**
 * The letter counts of text/letters.ts against the Unicode-class regexes they stand in for,
 * on strings of Latin, Cyrillic (the Kazakh letters, the Cyrillic block's marks and signs),
 * other scripts, letters and digits outside the Basic Multilingual Plane, lone surrogates,
 * whitespace and punctuation; and the look-alike folding on texts of one script and of two.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { countWords, hasLetters, letterCount, wordLetters } from '../../src/core/text/letters.ts';
import { foldForMatch } from '../../src/core/text/normalize.ts';
import { langFromLetters } from '../../src/core/meta/lang.ts';

const byRegex = {
  count: (s: string) => s.match(/\p{L}/gu)?.length ?? 0,
  has: (s: string, n: number) => {
    let count = 0;
    for (const ch of s) if (/\p{L}/u.test(ch) && ++count >= n) return true;
    return false;
  },
  words: (s: string) => {
    const words = s.match(/\p{L}{2,}/gu);
    return !words || words.length < 3 ? 0 : words.reduce((n, w) => n + w.length, 0);
  },
};

const PIECES = [
  ...'aZz09 ,.-:\n\t\u00a0',
  ...'әғқңөұүһіЁёЖжЯя',
  '\u0400', '\u0481', '\u0482', '\u0483', '\u0489', '\u048a', '\u04ff', '\u0500',
  'é', 'ß', 'ø', 'Ω', '中', 'ا', '٣',
  '𝐀', '𝟎', '😀', '\ud835', '\udc00',
];
const text = fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }).map((a) => a.join(''));

describe('letters', () => {
  it('counts as /\\p{L}/gu counts, on mixed scripts, astral letters and lone surrogates', () => {
    fc.assert(fc.property(text, (s) => letterCount(s) === byRegex.count(s)), { numRuns: 3000, seed: 7 });
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 30 }), (s) => letterCount(s) === byRegex.count(s)), { numRuns: 3000, seed: 7 });
  });

  it('tells whether there are n letters as a count up to n would', () => {
    fc.assert(fc.property(text, fc.integer({ min: 0, max: 12 }), (s, n) => hasLetters(s, n) === byRegex.has(s, n)), { numRuns: 3000, seed: 7 });
  });

  it('sums the words of two letters or more where there are three of them', () => {
    fc.assert(fc.property(text, (s) => wordLetters(s) === byRegex.words(s)), { numRuns: 3000, seed: 7 });
    expect(wordLetters('Көрілімдер: 104')).toBe(0);
    expect(wordLetters('Елімізде түрлі этнос')).toBe(18);
    expect(wordLetters('a 𝐀𝐁 cd ef')).toBe(8);
  });

  it('counts words as the pattern of letter and digit runs joined by a hyphen or an apostrophe', () => {
    const pattern = /[\p{L}\p{N}]+(?:[-'’][\p{L}\p{N}]+)*/gu;
    const joined = fc.array(fc.constantFrom(...PIECES, '-', "'", '’', '--', '٣', 'Ⅻ', '²'), { maxLength: 40 }).map((a) => a.join(''));
    fc.assert(fc.property(joined, (s) => countWords(s) === (s.match(pattern)?.length ?? 0)), { numRuns: 5000, seed: 7 });
    expect(countWords('тату-тәтті өмір, don’t 2025-жылы --')).toBe(4);
  });

  it('refuses what is not text with a TypeError, as the patterns did (a damaged stored record)', () => {
    for (const count of [letterCount, wordLetters, countWords, (v: string) => hasLetters(v, 1), langFromLetters]) {
      expect(() => count(42 as unknown as string)).toThrow(TypeError);
      expect(() => count({} as unknown as string)).toThrow(TypeError);
    }
    expect(countWords(new String('екі сөз') as unknown as string)).toBe(2);
  });

  it('counts the Kazakh letters and leaves out the Cyrillic block’s signs and marks', () => {
    expect(letterCount('әғқңөұүһі')).toBe(9);
    expect(letterCount('\u0482\u0483\u0488\u0489')).toBe(0);
    expect(letterCount('Qazaq24.com')).toBe(8);
  });
});

describe('foldForMatch', () => {
  it('maps a Latin look-alike inside a Cyrillic word, and leaves texts of one script as lower case', () => {
    expect(foldForMatch('Cенатта  ЁЛКА')).toBe('сенатта елка');
    expect(foldForMatch('seeКөрілімдер:104')).toBe('seeкөрілімдер:104');
    expect(foldForMatch('Breaking  News')).toBe('breaking news');
    expect(foldForMatch('Бейбітшілік пен бірлік')).toBe('бейбітшілік пен бірлік');
  });
});

describe('the language from the letters', () => {
  const KK = 'Қазақстанда жаңа Конституцияның жобасы жарияланды. Ата Заңға түзету енгізу тек жалпыхалықтық референдум арқылы жүзеге асады, деді комиссия мүшесі.';
  const RU = 'В Казахстане опубликован проект новой Конституции. Поправки в Основной закон вносятся только через всенародный референдум, сообщили в комиссии.';
  const UK = 'В Україні оприлюднили проєкт нового закону. Зміни до Конституції можуть бути внесені лише через всеукраїнський референдум, повідомили в комісії.';
  const UK_PLAIN = 'Міська рада вирішила залишити старе трамвайне депо відкритим на десять років після довгих дебатів про ціну ремонту. Мешканці зібрали підписи на його підтримку.';
  const BG = 'Общинският съвет реши да запази старото трамвайно депо отворено още десет години след дълъг дебат за цената на ремонта и бъдещето на градския транспорт в района. '.repeat(3);

  it('tells Kazakh and Russian, and leaves Ukrainian and Bulgarian to what the page declares', () => {
    expect(langFromLetters(KK)).toBe('kk');
    expect(langFromLetters(RU)).toBe('ru');
    expect(langFromLetters(UK)).toBeNull();
    // і alone is Ukrainian as much as Kazakh: no ә, ғ, қ, ң, ө, ұ, ү, һ, no Kazakh.
    expect(langFromLetters(UK_PLAIN)).toBeNull();
    // A long text with no ы or э is not Russian.
    expect(langFromLetters(BG)).toBeNull();
  });
});
