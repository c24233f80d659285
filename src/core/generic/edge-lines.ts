/**
 * Meta lines at the body's edges: before its first paragraph of prose and after its last.
 * See meta-lines.ts for what they are and why only the edges.
 */
import { remove } from '../dom.ts';
import { shortLines, textLengths } from './lines.ts';
import { metaLineKind } from './meta-lines.ts';
import { offsetsOf, runsOf } from './text-runs.ts';
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
  const prose = runsOf(root).filter((r) => r.spaced >= PROSE_RUN);
  if (!prose.length) return report;
  const headEnd = prose[0]!.start;
  const tailStart = prose[prose.length - 1]!.start + prose[prose.length - 1]!.length;
  const lengths = textLengths(root);
  const candidates = shortLines(root, lengths)
    .map((l) => ({ ...l, kind: metaLineKind(l.text) }))
    .filter((l) => l.kind !== null);
  if (!candidates.length) return report;
  const offsets = offsetsOf(root, new Set(candidates.map((c) => c.el)));
  for (const { el, kind, text } of candidates) {
    const at = offsets.get(el) ?? -1;
    if (at < 0 || (kind !== 'row' && at >= headEnd && at < tailStart)) continue;
    if (el.closest('table, li')) continue;
    if ((kind === 'date' || kind === 'row') && at < headEnd && !report.headDate) {
      report.headDate = parseWrittenDate(text);
      report.headDateLine = text;
    }
    remove(el);
    report.removed++;
  }
  return report;
}
