/**
 * A list that renders only the rows on screen (and a few either side): fixed row height, the
 * page itself scrolls. Rows are real list items keyed by id, so a focused row survives
 * scrolling; Tab into a row below the screen scrolls it in, and the rows after it render.
 */
import type { ComponentChildren } from 'preact';
import { useLayoutEffect, useRef, useState } from 'preact/hooks';

export interface VirtualListProps<T> {
  items: readonly T[];
  rowHeight: number;
  /** Rows rendered beyond each edge of the screen. */
  overscan?: number;
  keyOf(item: T): string;
  renderRow(item: T, index: number): ComponentChildren;
  /** Attributes of each row's list item (data-*, for instance). */
  rowAttributes?(item: T): Record<string, string>;
  label?: string;
}

export interface Range {
  start: number;
  end: number;
}

/** The rows to render for a list whose top is `top` px from the top of a `viewport` px high window. */
export function visibleRange(count: number, rowHeight: number, top: number, viewport: number, overscan: number): Range {
  const start = Math.max(0, Math.floor(-top / rowHeight) - overscan);
  const end = Math.min(count, Math.max(start, Math.ceil((viewport - top) / rowHeight) + overscan));
  return { start: Math.min(start, count), end };
}

export function VirtualList<T>(props: VirtualListProps<T>) {
  const { items, rowHeight, overscan = 6, keyOf, renderRow, rowAttributes, label } = props;
  const ref = useRef<HTMLUListElement>(null);
  const [range, setRange] = useState<Range>(() => visibleRange(items.length, rowHeight, 0, window.innerHeight, overscan));

  useLayoutEffect(() => {
    let frame = 0;
    const update = () => {
      frame = 0;
      const list = ref.current;
      if (!list) return;
      const next = visibleRange(items.length, rowHeight, list.getBoundingClientRect().top, window.innerHeight, overscan);
      setRange((r) => (r.start === next.start && r.end === next.end ? r : next));
    };
    const schedule = () => {
      frame ||= requestAnimationFrame(update);
    };
    update();
    window.addEventListener('scroll', schedule, { passive: true });
    window.addEventListener('resize', schedule);
    return () => {
      window.removeEventListener('scroll', schedule);
      window.removeEventListener('resize', schedule);
      if (frame) cancelAnimationFrame(frame);
    };
  }, [items, rowHeight, overscan]);

  const shown = items.slice(range.start, range.end);
  return (
    <ul ref={ref} role="list" class="rows" aria-label={label} style={{ height: `${items.length * rowHeight}px` }}>
      {shown.map((item, i) => {
        const index = range.start + i;
        return (
          <li
            key={keyOf(item)}
            class="row"
            aria-setsize={items.length}
            aria-posinset={index + 1}
            style={{ top: `${index * rowHeight}px`, height: `${rowHeight}px` }}
            {...(rowAttributes ? rowAttributes(item) : {})}
          >
            {renderRow(item, index)}
          </li>
        );
      })}
    </ul>
  );
}
