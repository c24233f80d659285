/**
 * The library's kept first rows: made from the list, brought up to date by a save, read back
 * as hostile input, kept in storage by the page and by the background, and drawn by the first
 * script as text only.
 */
import { JSDOM } from 'jsdom';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { FIRST_ROWS, FIRST_ROWS_KEY, firstRowsOf, parseFirstRows, rowOf, sameRows, withRow, type FirstRow, type RowSource } from '../../src/library/first-rows.ts';
import { drawFirstScreen } from '../../src/library/first-screen-view.ts';

const stored = new Map<string, unknown>();
let failWrites = false;
const writes: unknown[] = [];
vi.mock('webextension-polyfill', () => ({
  default: {
    storage: {
      local: {
        get: async (key: string) => (stored.has(key) ? { [key]: structuredClone(stored.get(key)) } : {}),
        set: async (items: Record<string, unknown>) => {
          if (failWrites) throw new Error('QUOTA_BYTES quota exceeded');
          for (const [k, v] of Object.entries(items)) {
            writes.push(v);
            stored.set(k, structuredClone(v));
          }
        },
      },
    },
  },
}));
const { keepFirstRows, noteSavedInFirstRows } = await import('../../src/shared/first-rows-store.ts');

function article(n: number, over: Partial<RowSource> = {}): RowSource {
  return { id: `https://qazaq24.com/kk/news/${n}`, url: `https://qazaq24.com/kk/news/${n}`, title: `Мақала ${n}`, lang: 'kk', source: { name: 'Kazinform' }, savedAt: 1_000 + n, ...over };
}
/** Newest first, as the library page lists them. */
const withSaved = (rows: readonly FirstRow[], saved: RowSource) => withRow(rows, rowOf(saved));
/** A time after every article's save in these tests: nothing was saved since the list was read. */
const LISTED_NOW = 1e12;
const list = (count: number) => Array.from({ length: count }, (_, i) => article(count - i));

describe('rows of the list', () => {
  it('keeps the newest rows in the list order, with the source or else the host', () => {
    const rows = firstRowsOf([article(9), article(8, { source: null, url: 'https://www.inform.kz/ru/x', lang: null }), article(7)]);
    expect(rows).toEqual([
      { id: article(9).id, title: 'Мақала 9', lang: 'kk', source: 'Kazinform', savedAt: 1009 },
      { id: article(8).id, title: 'Мақала 8', lang: null, source: 'inform.kz', savedAt: 1008 },
      { id: article(7).id, title: 'Мақала 7', lang: 'kk', source: 'Kazinform', savedAt: 1007 },
    ]);
    expect(firstRowsOf(list(80)).map((r) => r.savedAt)).toEqual(list(80).slice(0, FIRST_ROWS).map((a) => a.savedAt));
  });

  it('cuts what the first screen cannot show, and drops a language that is not a language tag', () => {
    const row = rowOf(article(1, { title: 'ә'.repeat(20_000), source: { name: 'S'.repeat(10_000) }, lang: 'x'.repeat(100) }));
    expect(row.title.length).toBe(300);
    expect(row.source!.length).toBe(120);
    expect(row.lang).toBeNull();
    expect(rowOf(article(2, { lang: '<b>' })).lang).toBeNull();
    expect(rowOf(article(3, { lang: 'ru-KZ' })).lang).toBe('ru-KZ');
    // What is made is always read back whole.
    expect(parseFirstRows(JSON.parse(JSON.stringify([row])))).toEqual([row]);
  });

  it('puts a saved article in its place by its save time, once, and keeps no more rows than the screen', () => {
    const rows = firstRowsOf(list(FIRST_ROWS));
    const newest = withSaved(rows, article(99, { savedAt: 5_000 }));
    expect(newest[0]!.id).toBe(article(99).id);
    expect(newest).toHaveLength(FIRST_ROWS);
    expect(newest.at(-1)!.id).toBe(rows.at(-2)!.id);
    // Saved again: moved to the top, not listed twice.
    const again = withSaved(newest, article(10, { title: 'Жаңа атау', savedAt: 6_000 }));
    expect(again.filter((r) => r.id === article(10).id)).toHaveLength(1);
    expect(again[0]).toMatchObject({ id: article(10).id, title: 'Жаңа атау' });
    // An import of an older article lands among the others, in order.
    const older = withSaved(firstRowsOf(list(3)), article(0, { id: 'https://x.kz/old', savedAt: 1_001.5 }));
    expect(older.map((r) => r.savedAt)).toEqual([1003, 1002, 1001.5, 1001]);
    expect(withSaved([], article(1))).toEqual([rowOf(article(1))]);
  });

  it('tells rows that draw the same from rows that do not', () => {
    expect(sameRows(firstRowsOf(list(3)), firstRowsOf(list(3)))).toBe(true);
    expect(sameRows(firstRowsOf(list(3)), firstRowsOf(list(2)))).toBe(false);
    expect(sameRows(firstRowsOf(list(3)), withSaved(firstRowsOf(list(3)), article(3, { title: 'Басқа' })))).toBe(false);
  });
});

describe('rows read back', () => {
  const good = (): FirstRow[] => firstRowsOf(list(4));

  it('takes rows as written, and an empty library as no rows', () => {
    expect(parseFirstRows(good())).toEqual(good());
    expect(parseFirstRows([])).toEqual([]);
  });

  it('refuses anything not as written, whole', () => {
    const bad = (change: (rows: Record<string, unknown>[]) => unknown) => parseFirstRows(change(good() as unknown as Record<string, unknown>[]));
    for (const value of [undefined, null, 'rows', 42, {}, { length: 1, 0: good()[0] }]) expect(parseFirstRows(value)).toBeNull();
    // More rows than the screen, each of them well made and in order.
    expect(parseFirstRows(list(FIRST_ROWS + 1).map(rowOf))).toBeNull();
    expect(parseFirstRows(list(FIRST_ROWS).map(rowOf))).toHaveLength(FIRST_ROWS);
    expect(bad((r) => [r[0], null])).toBeNull();
    expect(bad((r) => [r[0], 'row'])).toBeNull();
    expect(bad((r) => [{ ...r[0], id: 7 }])).toBeNull();
    expect(bad((r) => [{ ...r[0], id: '' }])).toBeNull();
    expect(bad((r) => [{ ...r[0], title: null }])).toBeNull();
    expect(bad((r) => [{ ...r[0], title: 'x'.repeat(301) }])).toBeNull();
    expect(bad((r) => [{ ...r[0], lang: 'kk"><script>' }])).toBeNull();
    expect(bad((r) => [{ ...r[0], source: { name: 'x' } }])).toBeNull();
    expect(bad((r) => [{ ...r[0], savedAt: '1000' }])).toBeNull();
    expect(bad((r) => [{ ...r[0], savedAt: Infinity }])).toBeNull();
    // Out of order, or one article twice: a list with a hole or a wrong order is not drawn.
    expect(bad((r) => [r[1], r[0]])).toBeNull();
    expect(bad((r) => [r[0], r[0]])).toBeNull();
    // Fields it does not know are left behind.
    expect(bad((r) => [{ ...r[0], onclick: 'alert(1)' }])).toEqual([good()[0]]);
  });
});

describe('kept in storage', () => {
  beforeEach(() => {
    stored.clear();
    writes.length = 0;
    failWrites = false;
  });

  it('the page keeps its newest rows, and writes again only when they change', async () => {
    await keepFirstRows(list(60), LISTED_NOW);
    expect(stored.get(FIRST_ROWS_KEY)).toEqual(firstRowsOf(list(60)));
    await keepFirstRows(list(60), LISTED_NOW);
    expect(writes).toHaveLength(1);
    await keepFirstRows(list(59), LISTED_NOW);
    expect(writes).toHaveLength(2);
    expect((stored.get(FIRST_ROWS_KEY) as FirstRow[])[0]!.savedAt).toBe(1059);
  });

  it('the page keeps a row saved elsewhere after it read its list, and drops the rows of what it deleted', async () => {
    // The page read its list of 5 at time 1100; the background saved an article at 9000 since.
    await keepFirstRows(list(5), LISTED_NOW);
    await noteSavedInFirstRows(article(50, { title: 'Фондағы', savedAt: 9_000 }));
    // The page deletes its newest article: its write keeps the background's save, not the deleted row.
    await keepFirstRows(list(4), 1_100);
    expect((stored.get(FIRST_ROWS_KEY) as FirstRow[]).map((r) => r.title)).toEqual(['Фондағы', 'Мақала 4', 'Мақала 3', 'Мақала 2', 'Мақала 1']);
    // Read again after that save (an import's reload), the list is the truth: the row goes with the article.
    await keepFirstRows(list(4), 10_000);
    expect((stored.get(FIRST_ROWS_KEY) as FirstRow[]).map((r) => r.title)).toEqual(['Мақала 4', 'Мақала 3', 'Мақала 2', 'Мақала 1']);
  });

  it('two saves finishing together both land in the kept rows', async () => {
    await keepFirstRows(list(2), LISTED_NOW);
    await Promise.all([noteSavedInFirstRows(article(8, { savedAt: 8_000 })), noteSavedInFirstRows(article(9, { savedAt: 9_000 }))]);
    expect((stored.get(FIRST_ROWS_KEY) as FirstRow[]).map((r) => r.savedAt)).toEqual([9_000, 8_000, 1002, 1001]);
  });

  it('a save puts its article at the top of the kept rows', async () => {
    await keepFirstRows(list(3), LISTED_NOW);
    await noteSavedInFirstRows(article(7, { title: 'Жаңа', savedAt: 9_000 }));
    expect((stored.get(FIRST_ROWS_KEY) as FirstRow[]).map((r) => r.title)).toEqual(['Жаңа', 'Мақала 3', 'Мақала 2', 'Мақала 1']);
  });

  it('a save where no rows are kept, or they are damaged, writes none: one article would stand for the whole library', async () => {
    await noteSavedInFirstRows(article(7));
    expect(stored.has(FIRST_ROWS_KEY)).toBe(false);
    stored.set(FIRST_ROWS_KEY, [{ id: 1 }]);
    await noteSavedInFirstRows(article(7));
    expect(stored.get(FIRST_ROWS_KEY)).toEqual([{ id: 1 }]);
  });

  it('storage that refuses the write is logged, not thrown: the save and the page go on', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    failWrites = true;
    await expect(keepFirstRows(list(5), LISTED_NOW)).resolves.toBeUndefined();
    stored.set(FIRST_ROWS_KEY, firstRowsOf(list(2)));
    await expect(noteSavedInFirstRows(article(9))).resolves.toBeUndefined();
    expect(stored.get(FIRST_ROWS_KEY)).toEqual(firstRowsOf(list(2)));
    expect(warn.mock.calls.map((c) => String(c[0]))).toEqual([expect.stringContaining('quota'), expect.stringContaining('quota')]);
    warn.mockRestore();
  });
});

describe('drawn by the first script', () => {
  const dom = () => {
    const { window } = new JSDOM('<!doctype html><div id="first"></div>');
    return window.document.getElementById('first')!;
  };

  it('draws titles and sources as text, in order, with no element of theirs and nothing to use', () => {
    const root = dom();
    const hostile = '<img src=x onerror="alert(1)"><script>alert(2)</script>';
    const rows = [rowOf(article(2, { title: hostile })), rowOf(article(1, { lang: 'ru', source: { name: '<b>Source</b>' } }))];
    expect(drawFirstScreen(root, rows)).toBe(true);
    const titles = [...root.querySelectorAll('.row .title')];
    expect(titles.map((t) => t.textContent)).toEqual([hostile, 'Мақала 1']);
    expect(titles.map((t) => t.getAttribute('lang'))).toEqual(['kk', 'ru']);
    expect([...root.querySelectorAll('.row .meta')].map((m) => m.textContent)).toEqual(['Kazinform', '<b>Source</b>']);
    expect(root.querySelectorAll('img, script, b')).toHaveLength(0);
    expect(root.querySelectorAll('button, input, a, select')).toHaveLength(0);
    expect(root.querySelector('.first-screen')!.getAttribute('aria-busy')).toBe('true');
  });

  it('draws nothing for an empty library', () => {
    const root = dom();
    expect(drawFirstScreen(root, [])).toBe(false);
    expect(root.childNodes).toHaveLength(0);
  });
});
