/**
 * Highlights drawn into the shown body: each passage (original offsets in a TextMap) wrapped in
 * marks, split at the text nodes it crosses. The text nodes are split where a mark starts or
 * ends, and the returned map lists the pieces, so that marks can be drawn again (after one is
 * added or removed) without rebuilding the body.
 */
import type { TextMap, TextSegment } from './text-map.ts';

export interface MarkSpan {
  id: string;
  start: number;
  end: number;
}

/** Makes the element that wraps one piece of a passage; `first` is the passage's first piece. */
export type MakeMark = (doc: Document, span: MarkSpan, first: boolean) => HTMLElement;

export const MARK_ATTRIBUTE = 'data-highlight-id';

/** Takes every mark out of root, keeping its text nodes where they are (not merged). */
export function clearMarks(root: ParentNode): void {
  for (const mark of Array.from(root.querySelectorAll(`[${MARK_ATTRIBUTE}]`))) {
    mark.replaceWith(...Array.from(mark.childNodes));
  }
}

/** Wraps every span's text in marks; spans later in the list draw over earlier ones. Returns the map of the split text. */
export function paintMarks(map: TextMap, spans: readonly MarkSpan[], make: MakeMark): TextMap {
  const firstDrawn = new Set<string>();
  const segments: TextSegment[] = [];
  for (const seg of map.segments) {
    const len = seg.original.length;
    const local = spans
      .map((s) => ({ span: s, from: Math.max(0, s.start - seg.start), to: Math.min(len, s.end - seg.start) }))
      .filter((s) => s.from < s.to && /\S/.test(seg.original.slice(s.from, s.to)));
    if (!local.length || !seg.node.parentNode) {
      segments.push(seg);
      continue;
    }
    const cuts = [...new Set([0, len, ...local.flatMap((s) => [s.from, s.to])])].sort((a, b) => a - b);
    const shown = (c: number) => (seg.shownAt ? seg.shownAt[c]! : c);
    // Split from the end, so that earlier offsets stay valid.
    const pieces: Text[] = [];
    let node = seg.node;
    const tail: Text[] = [];
    for (let k = cuts.length - 2; k >= 1; k--) tail.unshift(node.splitText(shown(cuts[k]!)));
    pieces.push(node, ...tail);
    const doc = node.ownerDocument;
    for (let k = 0; k < cuts.length - 1; k++) {
      const from = cuts[k]!;
      const to = cuts[k + 1]!;
      const piece = pieces[k]!;
      const base = shown(from);
      segments.push({
        node: piece,
        original: seg.original.slice(from, to),
        start: seg.start + from,
        shownAt: seg.shownAt ? seg.shownAt.slice(from, to + 1).map((x) => x - base) : null,
      });
      let cover: MarkSpan | null = null;
      for (const s of local) if (s.from <= from && s.to >= to) cover = s.span;
      if (!cover || !piece.data) continue;
      const first = !firstDrawn.has(cover.id);
      firstDrawn.add(cover.id);
      const mark = make(doc, cover, first);
      mark.setAttribute(MARK_ATTRIBUTE, cover.id);
      piece.parentNode!.insertBefore(mark, piece);
      mark.appendChild(piece);
    }
  }
  return { ...map, segments };
}
