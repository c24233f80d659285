/**
 * Meta lines at the body's edges: before its first paragraph of prose and after its last (a
 * date there with text after it is a timeline's, unless it is a stamp). See meta-lines.ts for
 * what they are and why only the edges. Two kinds go wherever they stand: a row of meta items
 * (a byline, a date, a reading time), and a picture's credit inside its figure. Lines in a
 * list or a table of data (one with no paragraph of prose) stay, and a credit holding its
 * picture stays with it.
 */
import { isElement, isNonText, isText, remove } from '../dom.ts';
import { shortLines, textLengths } from './lines.ts';
import { metaLineKind, type MetaLineKind } from './meta-lines.ts';
import { offsetsOf, runsOf, type Run } from './text-runs.ts';
import { parseWrittenDate } from '../meta/written-date.ts';

/** A run of text this long (written with spaces) is prose: the article has begun (or not yet ended). */
export const PROSE_RUN = 120;

export interface EdgeReport {
  removed: number;
  /** The first date line above the article's prose: when it was published, where the page says so nowhere else. */
  headDate: string | null;
  /** The text of that line: it may name the author too ("By A. Writer, 2 February 2026"). */
  headDateLine: string | null;
}

/** Removes the meta lines at root's edges. */
export function removeEdgeMetaLines(root: Element): EdgeReport {
  const report: EdgeReport = { removed: 0, headDate: null, headDateLine: null };
  const runs = runsOf(root);
  const prose = proseRuns(runs);
  if (!prose.length) return report;
  // Measured by its sentences, the text's edges are less sure: only labels, credits and
  // addresses go there (a race's results or a day's programme may end it, dates and times each).
  const bySentences = !runs.some((r) => r.spaced >= PROSE_RUN);
  const headEnd = prose[0]!.start;
  const tailStart = prose[prose.length - 1]!.start + prose[prose.length - 1]!.length;
  const lengths = textLengths(root);
  // A table's row of several cells, or the table itself, is no line.
  const candidates = shortLines(root, lengths)
    .flatMap((l) => {
      const el = TABLE_PART(l.el) ? onlyCellOf(l.el) : l.el;
      return el ? [{ ...l, el }] : [];
    })
    .map((l) => ({ ...l, kind: metaLineKind(l.text) }))
    .filter((l) => l.kind !== null);
  if (!candidates.length) return report;
  const tables = new Set(candidates.flatMap((c) => {
    const table = c.el.closest('table');
    return table && root.contains(table) ? [table] : [];
  }));
  const offsets = offsetsOf(root, new Set([...candidates.map((c) => c.el), ...tables]));
  const total = trimmedLength(root);
  // A table with a paragraph of prose in it is the page's layout; one without is data.
  const layout = new Set([...tables].filter((t) => {
    const from = offsets.get(t) ?? -1;
    const to = from + trimmedLength(t);
    return prose.some((r) => r.start >= from && r.start < to);
  }));
  const trailing = trailingLines(candidates, offsets, tailStart, total);
  // A date said twice or more after the article stamps entries (comments, a guest book): a timeline's dates differ.
  const seen = new Map<string, number>();
  for (const c of candidates) if ((offsets.get(c.el) ?? -1) >= tailStart) seen.set(c.text, (seen.get(c.text) ?? 0) + 1);
  const repeated = (text: string) => (seen.get(text) ?? 0) > 1;
  // Where a meta line goes: above the prose; after it, but a date only in the run of lines
  // that ends the body, or as a stamp; a row of meta items or a picture's credit in its
  // figure, anywhere.
  const goes = (el: Element, kind: MetaLineKind, text: string, at: number) =>
    at < headEnd ||
    (at >= tailStart && (kind !== 'date' || trailing.has(el) || hasClockTime(text) || repeated(text))) ||
    kind === 'row' ||
    kind === 'items' ||
    (kind === 'credit' && inFigure(el, root) && !el.querySelector(MEDIA));
  for (const { el, kind, text } of candidates) {
    const at = offsets.get(el) ?? -1;
    if (at < 0 || !goes(el, kind!, text, at)) continue;
    if (bySentences && (kind === 'date' || kind === 'row')) continue;
    if (isInList(el, root) || isInDataTable(el, root, layout)) continue;
    if ((kind === 'date' || kind === 'row' || kind === 'items') && at < headEnd && !report.headDate && (kind !== 'items' || parseWrittenDate(text))) {
      report.headDate = parseWrittenDate(text);
      report.headDateLine = text;
    }
    remove(el);
    report.removed++;
  }
  return report;
}

/** A short sentence's length: in a text written one sentence to a paragraph, such runs are its prose. */
const SENTENCE_RUN = 40;

/**
 * The runs of prose: those of a paragraph's length, or, in a text where none is that long (news
 * written one sentence to a paragraph), those of a sentence's, where there are two or more.
 */
function proseRuns(runs: readonly Run[]): Run[] {
  const long = runs.filter((r) => r.spaced >= PROSE_RUN);
  if (long.length) return long;
  const sentences = runs.filter((r) => r.spaced >= SENTENCE_RUN);
  return sentences.length >= 2 ? sentences : [];
}

/** Characters of text under el, each text node trimmed: the measure offsetsOf counts in. */
function trimmedLength(el: Element): number {
  let n = 0;
  const stack: Node[] = [el];
  while (stack.length) {
    const node = stack.pop()!;
    if (isText(node)) n += node.data.trim().length;
    else if (isElement(node) && (node === el || !isNonText(node))) for (let c = node.firstChild; c; c = c.nextSibling) stack.push(c);
  }
  return n;
}

/** A date with its clock time after the article is a comment's or an update's stamp, never a timeline's date. */
const hasClockTime = (text: string) => /(?<![\d:])\d{1,2}:\d{2}(?![\d:])/.test(text);

/** Text that may stand between two meta lines of the tail: separators, a stray mark. */
const TAIL_SLACK = 8;

/**
 * The meta lines after the last prose that end the body: the run of them at its very end. A
 * date line with text after it that is no meta line is a timeline's entry ("March 3, 2025"
 * over what happened that day), and stays, unless it is a stamp: with its clock time, or
 * said again by another line.
 */
function trailingLines(candidates: readonly { el: Element }[], offsets: Map<Element, number>, tailStart: number, total: number): Set<Element> {
  const tail = candidates.filter((c) => (offsets.get(c.el) ?? -1) >= tailStart).sort((a, b) => offsets.get(a.el)! - offsets.get(b.el)!);
  const out = new Set<Element>();
  let limit = total;
  for (let i = tail.length - 1; i >= 0; i--) {
    const { el } = tail[i]!;
    const at = offsets.get(el)!;
    if (at + trimmedLength(el) < limit - TAIL_SLACK) break;
    out.add(el);
    limit = at;
  }
  return out;
}

/** The most text a box holding a picture and its lines holds: a slide of a gallery, a photo with its caption and credit. */
const MAX_PHOTO_BOX_TEXT = 400;

/**
 * A picture's credit in its figure goes wherever the figure stands, and so does one in a small
 * box beside its picture (a gallery's slide); its caption stays.
 */
const inFigure = (el: Element, root: Element) => {
  const figure = el.closest('figure, figcaption');
  if (figure && root.contains(figure)) return true;
  const box = el.parentElement;
  return !!box && box !== root && root.contains(box) && (box.textContent?.length ?? 0) <= MAX_PHOTO_BOX_TEXT && !!box.querySelector('img, picture');
};

const isInList = (el: Element, root: Element) => {
  const li = el.closest('li');
  return !!li && root.contains(li);
};

const TABLE_PART = (el: Element) => /^(?:TABLE|THEAD|TBODY|TFOOT|TR)$/i.test(el.tagName);

/** A row (or a table, a section) of one cell stands for that cell; one of several cells is no line. */
function onlyCellOf(el: Element): Element | null {
  let cur: Element = el;
  while (TABLE_PART(cur)) {
    const only = cur.firstElementChild;
    if (!only || only.nextElementSibling) return null;
    cur = only;
  }
  return cur;
}
const MEDIA = 'img, picture, video, iframe, svg, object, embed';

/** A line in a table of data: one that holds no paragraph of prose (a layout table does). */
function isInDataTable(el: Element, root: Element, layout: ReadonlySet<Element>): boolean {
  const table = el.closest('table');
  return !!table && root.contains(table) && !layout.has(table);
}
