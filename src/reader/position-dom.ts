/**
 * The reading position in the rendered reader: which block is at the top of the screen (just
 * under the sticky toolbar), and scrolling a block back there. Works in a reader tab (the
 * window scrolls) and over a page (the overlay's host scrolls): both follow the blocks' boxes.
 */
import { blockText, type TextMap } from '../core/anchor/text-map.ts';
import { fingerprintOf, percentRead, type ReadingPosition } from '../core/anchor/position.ts';

/** Where the reading line is: the bottom of the toolbar, or the top of the window. */
export function readingLine(reader: HTMLElement | null): number {
  const bar = reader?.querySelector('.oqy-toolbar');
  return bar ? Math.max(0, bar.getBoundingClientRect().bottom) : 0;
}

export function currentPosition(map: TextMap, reader: HTMLElement | null): ReadingPosition | null {
  if (!map.blocks.length) return null;
  const win = map.blocks[0]!.element.ownerDocument.defaultView;
  const line = readingLine(reader) + 1;
  let top = map.blocks.length - 1;
  for (let i = 0; i < map.blocks.length; i++) {
    if (map.blocks[i]!.element.getBoundingClientRect().bottom > line) {
      top = i;
      break;
    }
  }
  const last = map.blocks[map.blocks.length - 1]!.element.getBoundingClientRect();
  const endVisible = last.bottom <= (win?.innerHeight ?? Infinity) + 1;
  const lengths = map.blocks.map((b) => b.end - b.start);
  return { block: top, fingerprint: fingerprintOf(blockText(map, top)), percent: percentRead(lengths, top, endVisible), finished: endVisible };
}

/** Scrolls block `index` to the reading line. */
export function scrollToBlock(map: TextMap, index: number, reader: HTMLElement | null): void {
  const el = map.blocks[index]?.element as HTMLElement | undefined;
  if (!el) return;
  const bar = reader?.querySelector('.oqy-toolbar') as HTMLElement | null;
  el.style.scrollMarginTop = `${(bar?.offsetHeight ?? 0) + 8}px`;
  el.scrollIntoView({ block: 'start', behavior: 'instant' as ScrollBehavior });
  el.style.removeProperty('scroll-margin-top');
  if (!el.getAttribute('style')) el.removeAttribute('style');
}
