/**
 * The cleaning that is safe on any site, run over the body Readability chose: what surrounds
 * articles everywhere, recognised by its shape and its visible labels, never by a site's class
 * names.
 */
import { findHeadlineLists } from '../clean/headline-lists.ts';
import { boxesOfHeadlines, removeListsWithLabels, removeOrphanLabels } from '../clean/list-labels.ts';
import { removeGluedCredits, removeSlideCounters } from '../clean/media.ts';
import { removeEdgeMetaLines } from './edge-lines.ts';
import { removeLayoutSideCells } from './layout-cells.ts';
import { isReferenceList } from './reference-lists.ts';
import { removeLabelledLines, type LabelReport } from './labelled-lines.ts';

export interface CleanReport extends LabelReport {
  headlineLists: number;
  metaLines: number;
  /** A date line above the article, read as a date. */
  headDate: string | null;
  headDateLine: string | null;
}

export function cleanBody(body: Element): CleanReport {
  removeLayoutSideCells(body);
  const boxes = boxesOfHeadlines(body);
  const labels = removeLabelledLines(body);
  const lists = findHeadlineLists(body).filter((list) => !isReferenceList(list));
  removeListsWithLabels(lists);
  removeOrphanLabels(boxes);
  removeSlideCounters(body);
  removeGluedCredits(body);
  const edges = removeEdgeMetaLines(body);
  return { ...labels, headlineLists: lists.length, metaLines: edges.removed, headDate: edges.headDate, headDateLine: edges.headDateLine };
}
