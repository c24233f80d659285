/**
 * The docs for Kazakh readers say what the code does: docs/latin-script.md's letter table is
 * the one test/tools/latin-table.ts generates from LATIN_2021_TABLE, and docs/reading-time.md's
 * words-per-minute table is WORDS_PER_MINUTE.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { LATIN_DOC, END, START, latinTableMarkdown, withGeneratedTable } from '../tools/latin-table.ts';
import { LATIN_2021_TABLE, toLatin2021 } from '../../src/core/translit/kazakh-latin.ts';
import { WORDS_PER_MINUTE, readingMinutes } from '../../src/core/text/reading-time.ts';

const READING_DOC = resolve(import.meta.dirname, '../../docs/reading-time.md');

describe('docs/latin-script.md', () => {
  const doc = readFileSync(LATIN_DOC, 'utf8');

  it('has the letter table generated from the code (run test/tools/latin-table.ts --write after changing it)', () => {
    expect(doc).toContain(START);
    expect(doc).toContain(END);
    expect(withGeneratedTable(doc)).toBe(doc);
  });

  it('lists all 42 Cyrillic letters, each with a capital and a small form in the code', () => {
    const rows = latinTableMarkdown().split('\n').slice(2);
    expect(rows).toHaveLength(42);
    expect(rows.map((r) => r.split('|')[2]!.trim().split(' ')[0]).join('')).toBe('АӘБВГҒДЕЁЖЗИЙКҚЛМНҢОӨПРСТУҰҮФХҺЦЧШЩЪЫІЬЭЮЯ');
    expect(new Map(LATIN_2021_TABLE).size).toBe(84);
  });

  it("gives Wikipedia's transliteration of its 1902 example letter for letter", () => {
    const cyrillic =
      '«Бұрыңғы өткен заманда, бір данышпан кісі, Бағдат шаһарының бір үлкен қазысының үйіне келіп қоныпты. Қазыменен сөйлесіп, қазыны сөзге жеңе беріпті.»';
    expect(toLatin2021(cyrillic)).toBe(
      '«Būryñğy ötken zamanda, bır danyşpan kısı, Bağdat şaharynyñ bır ülken qazysynyñ üiıne kelıp qonypty. Qazymenen söilesıp, qazyny sözge jeñe berıptı.»',
    );
  });
});

describe('docs/reading-time.md', () => {
  const doc = readFileSync(READING_DOC, 'utf8');

  it('has the words-per-minute figures the code uses', () => {
    const block = doc.slice(doc.indexOf('<!-- wpm-table:start -->'), doc.indexOf('<!-- wpm-table:end -->'));
    const rows = [...block.matchAll(/^\| [^|]+ \| ([a-z]{2}) \| (\d+) \|/gm)].map((m) => [m[1], Number(m[2])]);
    expect(Object.fromEntries(rows)).toEqual(WORDS_PER_MINUTE);
    const fallback = /^\| any other, or not known \| — \| (\d+) \|/m.exec(block)?.[1];
    expect(readingMinutes(Number(fallback) * 3, 'xx')).toBe(3);
  });

  it('works its examples as the code does', () => {
    expect(readingMinutes(737, 'kk')).toBe(4);
    expect(readingMinutes(106, 'ru')).toBe(1);
    expect(readingMinutes(0, 'kk')).toBe(0);
    expect([readingMinutes(950, 'kk'), readingMinutes(950, 'ru')]).toEqual([6, 5]);
  });
});
