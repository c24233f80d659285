/**
 * The cleaning that is safe on any site, run over the body Readability chose: what surrounds
 * articles everywhere, recognised by its shape and its visible labels, never by a site's class
 * names.
 */
import { findHeadlineLists } from '../clean/headline-lists.ts';
import { removeLabelledLines, type LabelReport } from './labelled-lines.ts';

export interface CleanReport extends LabelReport {
  headlineLists: number;
}

export function cleanBody(body: Element): CleanReport {
  const labels = removeLabelledLines(body);
  const lists = findHeadlineLists(body);
  for (const list of lists) list.remove();
  return { ...labels, headlineLists: lists.length };
}
