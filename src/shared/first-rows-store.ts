/**
 * Keeps the library's first rows (src/library/first-rows.ts) up to date in storage.local, for
 * the library page's first script. A failure to write is only logged: the first script then
 * draws older rows or none, and the page's own rows replace them either way.
 *
 * Each write reads the rows kept, changes them and writes them back, one write at a time in a
 * page (two saves finishing together keep both). The background and a library page are two
 * pages: a save lands in the kept rows from the background, and the library page, which lists
 * what it read before that save, keeps such newer rows when it writes its own.
 */
import browser from 'webextension-polyfill';
import { FIRST_ROWS_KEY, firstRowsOf, parseFirstRows, rowOf, sameRows, withRow, type FirstRow, type RowSource } from '../library/first-rows.ts';

let turn: Promise<unknown> = Promise.resolve();

/** One change of the kept rows after another: `change` gets what is kept (null where none or damaged), gives what to keep (null: leave it). */
function inTurn(change: (kept: FirstRow[] | null) => FirstRow[] | null): Promise<void> {
  const next = turn.then(async () => {
    let kept: FirstRow[] | null;
    try {
      kept = parseFirstRows((await browser.storage.local.get(FIRST_ROWS_KEY))[FIRST_ROWS_KEY]);
    } catch {
      return;
    }
    const rows = change(kept);
    if (!rows || (kept && sameRows(kept, rows))) return;
    try {
      await browser.storage.local.set({ [FIRST_ROWS_KEY]: rows });
    } catch (e) {
      console.warn(`Oqy: the library's first rows were not kept: ${String((e as Error)?.message ?? e)}`);
    }
  });
  turn = next.catch(() => undefined);
  return next;
}

/**
 * The library page's whole list, newest first, as read at `listedAt` (ms): its first rows are
 * kept, with any row kept since of an article saved after that and not in the list.
 */
export function keepFirstRows(newestFirst: readonly RowSource[], listedAt: number): Promise<void> {
  return inTurn((kept) => {
    const listed = new Set(newestFirst.map((a) => a.id));
    const since = (kept ?? []).filter((r) => r.savedAt > listedAt && !listed.has(r.id));
    return since.reduce(withRow, firstRowsOf(newestFirst));
  });
}

/**
 * An article just saved: put into the kept rows. Where none are kept (the library page was
 * never opened, or they were damaged), nothing is written: rows made of this one article alone
 * would leave out the rest of the library.
 */
export function noteSavedInFirstRows(saved: RowSource): Promise<void> {
  return inTurn((kept) => (kept ? withRow(kept, rowOf(saved)) : null));
}
