/**
 * The search index in memory (src/core/search-index.ts): its snapshot, stored and read back,
 * answers as the index it was taken of, and a snapshot that does not hold together is refused.
 */
import { describe, expect, it } from 'vitest';
import { SearchIndex, SNAPSHOT_FORMAT, type IndexEntry } from '../../src/core/search-index.ts';

/** 100 articles: "жаңалық" in all (kept as a bitset), "бүркіт" in every third, a number word each. */
function entries(): IndexEntry[] {
  return Array.from({ length: 100 }, (_, n) => {
    const title = n % 3 === 0 ? ['бүркіт', `тақырып${n}`] : [`тақырып${n}`];
    return { id: `https://qazaq24.com/news/${n}`, title, words: [...title, 'жаңалық', `сан${n}`, n % 5 === 0 ? 'доллар' : 'теңге'], stamp: n * 7 + 1 };
  });
}

const QUERIES = ['жаңалық', 'бүркіт', 'жа', 'доллар теңге', 'теңге', 'сан4', 'сан1', 'тақырып', 'бүркіт тақырып9', 'жоқ'];

function answers(index: SearchIndex) {
  return QUERIES.map((q) => {
    const found = index.search(q)!;
    const ids = [...found.ids()].sort();
    return { q, ids, inTitle: ids.map((id) => found.titleMatches(id)) };
  });
}

describe('the search index snapshot', () => {
  it('reads back as the index it was taken of, with removed articles left out and the ones added since in', () => {
    const index = SearchIndex.build(entries());
    index.remove('https://qazaq24.com/news/3');
    index.add({ id: 'https://qazaq24.com/news/new', title: ['бүркіт', 'жаңа'], words: ['бүркіт', 'жаңа', 'жаңалық'], stamp: 99 });
    // Replaced: its old words must not answer any more.
    index.add({ id: 'https://qazaq24.com/news/6', title: ['қыран'], words: ['қыран', 'жаңалық'], stamp: 5 });

    const back = SearchIndex.fromSnapshot(structuredClone(index.toSnapshot()))!;

    expect(back).not.toBeNull();
    expect(back.size).toBe(100);
    expect(answers(back)).toEqual(answers(index));
    expect(back.search('бүркіт')!.ids()).toContain('https://qazaq24.com/news/new');
    expect(back.search('бүркіт')!.ids()).not.toContain('https://qazaq24.com/news/3');
    expect(back.search('бүркіт')!.ids()).not.toContain('https://qazaq24.com/news/6');
    expect([...back.search('қыран')!.ids()]).toEqual(['https://qazaq24.com/news/6']);
    expect(back.search('жаңалық')!.size).toBe(100);
    expect(back.stampOf('https://qazaq24.com/news/6')).toBe(5);
    expect(back.stampOf('https://qazaq24.com/news/10')).toBe(71);
    expect(back.stampOf('https://qazaq24.com/news/3')).toBeUndefined();
  });

  it('keeps title matches first after the round trip', () => {
    const back = SearchIndex.fromSnapshot(structuredClone(SearchIndex.build(entries()).toSnapshot()))!;
    const list = entries().map((e) => e.id);
    const ranked = back.search('бүркіт')!.rank(list, (id) => id);
    expect(ranked.slice(0, 34).every((id) => Number(id.split('/').pop()) % 3 === 0)).toBe(true);
  });

  it('refuses what is not a snapshot it wrote, or does not hold together', () => {
    const good = SearchIndex.build(entries()).toSnapshot();
    // An ordinal past the last article, in a word's list (not a bitset).
    const sparse = good.words.dense.indexOf(0);
    const outOfRange = good.words.data.slice();
    outOfRange[good.words.offsets[sparse]!] = 100;
    const broken: unknown[] = [
      null,
      'index',
      { ...good, format: SNAPSHOT_FORMAT + 1 },
      { ...good, stamps: good.stamps.subarray(1) },
      { ...good, ids: good.ids.replace('news/1\n', 'news/0\n') },
      { ...good, words: { ...good.words, data: outOfRange } },
      { ...good, words: { ...good.words, offsets: good.words.offsets.subarray(1) } },
      { ...good, titles: { ...good.titles, data: Array.from(good.titles.data) } },
      { ...good, titles: undefined },
    ];
    for (const raw of broken) expect(SearchIndex.fromSnapshot(raw)).toBeNull();
    expect(SearchIndex.fromSnapshot(good)).not.toBeNull();
  });

  it('an empty index goes through too', () => {
    const back = SearchIndex.fromSnapshot(structuredClone(SearchIndex.build([]).toSnapshot()))!;
    expect(back.size).toBe(0);
    expect(back.search('бүркіт')!.size).toBe(0);
  });
});
