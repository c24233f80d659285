/**
 * What the auto-mode tests and the auto-mode benchmark measure inside a page, in both browsers:
 * the page's own milestones (DOMContentLoaded, load, first contentful paint) and, with auto mode
 * on, when the reader's host came in, when it was first drawn, when the reader took it over
 * from the loading frame, and when the reader's text was first painted.
 *
 * The functions here run in the page's main world before the page's scripts: in Chromium as an
 * init script (chromium-auto.ts initScript), in Firefox as a BiDi preload script
 * (preloadScript below). They use only their argument.
 */

/** The reader's host, a direct child of <html>. */
export const HOST_ID = 'oqy-reader-host';

/** A largest-contentful-paint entry as the probe keeps it. */
export interface PaintEntry {
  /** ms since the navigation started: when the content was painted (renderTime). */
  t: number;
  /** Its painted area, in CSS px². */
  size: number;
  /** Inside a shadow root (the browser does not name elements there): Oqy's frame or reader. */
  shadow: boolean;
}

export interface ReaderPaint {
  /** All times in ms since the navigation started; null: not (yet) happened. */
  domContentLoaded: number | null;
  load: number | null;
  firstContentfulPaint: number | null;
  /** The reader's host entered the document (auto mode's loading frame, or the reader itself). */
  hostAt: number | null;
  /** The first animation frame with the host in the document: when it was first drawn. */
  hostFramedAt: number | null;
  /** The reader took the host over (it no longer says aria-busy), or came in without a frame. */
  readyAt: number | null;
  /**
   * The reader's text first painted: the first largest-contentful-paint entry inside the
   * shadow root from `readyAt` on, of at least `textMinArea` px². The loading frame's own words
   * are one short line each, smaller than that; the reader's title or paragraphs are larger.
   */
  textPaintAt: number | null;
  lcp: PaintEntry[];
}

/**
 * Records the page's milestones and the reader's (ReaderPaint) on `window.__oqyPaint`, from
 * the document's start. `textMinArea`: the smallest area counted as the reader's text, as a
 * multiple of the viewport's width (a strip that many px high across the window).
 */
export function readerPaintProbe(options: { textStrip: number }): void {
  if (window.top !== window) return;
  const probe = {
    domContentLoaded: null as number | null,
    load: null as number | null,
    firstContentfulPaint: null as number | null,
    hostAt: null as number | null,
    hostFramedAt: null as number | null,
    readyAt: null as number | null,
    textPaintAt: null as number | null,
    lcp: [] as { t: number; size: number; shadow: boolean }[],
  };
  Object.defineProperty(window, '__oqyPaint', { value: probe });
  const now = () => Math.round(performance.now());
  document.addEventListener('DOMContentLoaded', () => (probe.domContentLoaded = now()), { once: true });
  window.addEventListener('load', () => (probe.load = now()), { once: true });
  const textPainted = (entry: { t: number; size: number; shadow: boolean }) =>
    probe.textPaintAt === null && probe.readyAt !== null && entry.shadow && entry.t >= probe.readyAt && entry.size >= options.textStrip * innerWidth;
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries() as (PerformanceEntry & { renderTime?: number; size: number; element: Element | null })[]) {
        const entry = { t: Math.round(e.renderTime || e.startTime), size: e.size, shadow: e.element === null };
        probe.lcp.push(entry);
        if (textPainted(entry)) probe.textPaintAt = entry.t;
      }
    }).observe({ type: 'largest-contentful-paint', buffered: true });
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) if (e.name === 'first-contentful-paint') probe.firstContentfulPaint = Math.round(e.startTime);
    }).observe({ type: 'paint', buffered: true });
  } catch {
    /* A browser without these entries: the times stay null. */
  }
  let host: Element | null = null;
  const ready = () => {
    if (probe.readyAt !== null || !host || host.getAttribute('aria-busy') === 'true') return;
    probe.readyAt = now();
    // An entry painted after the reader took over but reported before this moment.
    for (const entry of probe.lcp) if (textPainted(entry)) probe.textPaintAt = entry.t;
  };
  new MutationObserver(() => {
    if (host) return;
    host = document.getElementById('oqy-reader-host');
    if (!host) return;
    probe.hostAt = now();
    requestAnimationFrame(() => (probe.hostFramedAt = now()));
    new MutationObserver(ready).observe(host, { attributes: true, attributeFilter: ['aria-busy'] });
    ready();
  }).observe(document, { childList: true, subtree: true });
}

/** `fn(arg)` as a BiDi preload script's function declaration (Firefox), with tsx's `__name` helper stood in for. */
export function preloadScript<A>(fn: (arg: A) => void, arg: A): string {
  return `() => { const __name = (f) => f; (${fn.toString()})(${JSON.stringify(arg)}); }`;
}

/** How tall a strip across the window the reader's text must at least cover to count as painted (readerPaintProbe). */
export const TEXT_STRIP_PX = 12;

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/**
 * Every image an article page asks for (the `src` of its <img>s, made absolute), to be served
 * late: real pages' images come from slower servers than their HTML.
 */
export function imageAddresses(html: string, pageUrl: string): string[] {
  const found = new Set<string>();
  for (const m of html.matchAll(/<img\b[^>]*\bsrc="([^"]+)"/gi)) found.add(new URL(m[1]!, pageUrl).href);
  return [...found];
}

/** A one-pixel-square SVG, for an image address the fixture server has nothing at. */
export const SMALL_SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>';
