/**
 * The side cells of a page laid out as a table. Where the article is short, Readability may take
 * the whole row of the layout for it: the article's cell and, beside it, a column of rubrics,
 * the weather or small ads. A row where one cell alone holds prose keeps that cell; a cell beside
 * it that holds no prose, mostly links or a banner's linked picture, and no picture of its own,
 * goes. A table of data (one with header cells, or more than one row of several cells) is left
 * as it is, and so is a factbox of short lines that are not links.
 */
import { isText, remove } from '../dom.ts';
import { allUnder, closestWhere, firstUnder, tagged } from '../find.ts';
import { letterCount, spacedLength } from '../text/letters.ts';

const ROW = tagged('tr');
const CELL = tagged('td');
const TABLE = tagged('table');
const HEADER_CELL = tagged('th');
const PICTURE = tagged('img', 'picture', 'video', 'iframe', 'svg');
const LINK = tagged('a');
const UNSHOWN = tagged('script', 'style', 'noscript', 'template');

/** A run of text outside links this long (as if written with spaces) is prose. */
const PROSE_RUN = 100;

interface CellText {
  letters: number;
  linkLetters: number;
  longestRun: number;
}

function cellText(cell: Element): CellText {
  const out: CellText = { letters: 0, linkLetters: 0, longestRun: 0 };
  const walker = cell.ownerDocument.createTreeWalker(cell, 4);
  for (let t = walker.nextNode(); t; t = walker.nextNode()) {
    if (!isText(t)) continue;
    const parent = t.parentElement;
    if (!parent || closestWhere(parent, UNSHOWN)) continue;
    const text = t.data.trim();
    if (!text) continue;
    const letters = letterCount(text);
    if (!letters) continue;
    out.letters += letters;
    if (closestWhere(parent, LINK)) out.linkLetters += letters;
    else out.longestRun = Math.max(out.longestRun, spacedLength(text));
  }
  return out;
}

/** A picture not inside a link: a photo of the article's, where a banner or a teaser's picture links elsewhere. */
function hasOwnPicture(cell: Element): boolean {
  return allUnder(cell, PICTURE).some((p) => !closestWhere(p, LINK));
}

/** A banner's or a teaser's picture: one in a link. */
function hasLinkedPicture(cell: Element): boolean {
  return allUnder(cell, PICTURE).some((p) => !!closestWhere(p, LINK));
}

/** Rows of the table itself (not of a table inside it) with two cells or more: more than one is a table of data, a squad or a timetable. */
function rowsOfCells(table: Element): number {
  let n = 0;
  for (const row of allUnder(table, ROW)) if (closestWhere(row, TABLE) === table && Array.from(row.children).filter(CELL).length >= 2) n++;
  return n;
}

/** Takes out the side cells of root's layout rows; returns how many. */
export function removeLayoutSideCells(root: Element): number {
  let removed = 0;
  // Each table judged once: a table of data is left whole.
  const isData = new Map<Element, boolean>();
  const dataTable = (table: Element) => {
    let data = isData.get(table);
    if (data === undefined) isData.set(table, (data = !!firstUnder(table, HEADER_CELL) || rowsOfCells(table) > 1));
    return data;
  };
  for (const row of allUnder(root, ROW)) {
    if (!root.contains(row)) continue;
    const table = closestWhere(row, TABLE);
    if (table && dataTable(table)) continue;
    const cells = Array.from(row.children).filter(CELL);
    if (cells.length < 2) continue;
    const texts = cells.map(cellText);
    const prose = texts.filter((t) => t.longestRun >= PROSE_RUN).length;
    if (prose !== 1) continue;
    cells.forEach((cell, i) => {
      const t = texts[i]!;
      if (t.longestRun >= PROSE_RUN || !t.letters || hasOwnPicture(cell)) return;
      // Mostly links (rubrics, small ads, teasers), or a banner's linked picture beside short lines.
      if (2 * t.linkLetters < t.letters && !hasLinkedPicture(cell)) return;
      remove(cell);
      removed++;
    });
  }
  return removed;
}
