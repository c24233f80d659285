/**
 * Keeps the library's first rows (src/library/first-rows.ts) up to date in storage.local, for
 * the library page's first script. A failure to write is only logged: the first script then
 * draws older rows or none, and the page's own rows replace them either way.
 */
import browser from 'webextension-polyfill';
import { FIRST_ROWS_KEY, firstRowsOf, parseFirstRows, sameRows, withSaved, type FirstRow, type RowSource } from '../library/first-rows.ts';

let written: FirstRow[] | null = null;

async function write(rows: FirstRow[]): Promise<void> {
  try {
    await browser.storage.local.set({ [FIRST_ROWS_KEY]: rows });
    written = rows;
  } catch (e) {
    console.warn(`Oqy: the library's first rows were not kept: ${String((e as Error)?.message ?? e)}`);
  }
}

/** The page's whole list, newest first: its first rows are kept where they changed. */
export async function keepFirstRows(newestFirst: readonly RowSource[]): Promise<void> {
  const rows = firstRowsOf(newestFirst);
  if (written && sameRows(written, rows)) return;
  await write(rows);
}

/**
 * An article just saved: put into the kept rows. Where none are kept (the library page was
 * never opened, or they were damaged), nothing is written: rows made of this one article alone
 * would leave out the rest of the library.
 */
export async function noteSavedInFirstRows(saved: RowSource): Promise<void> {
  let rows: FirstRow[] | null = null;
  try {
    rows = parseFirstRows((await browser.storage.local.get(FIRST_ROWS_KEY))[FIRST_ROWS_KEY]);
  } catch {
    return;
  }
  if (rows) await write(withSaved(rows, saved));
}
