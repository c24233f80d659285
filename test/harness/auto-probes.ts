/**
 * What the auto-mode tests and the auto-mode benchmark measure inside a page, in both browsers:
 * the page's own milestones (DOMContentLoaded, load, first contentful paint) and, with auto mode
 * on, when the reader's host came in, when it was first drawn, when the reader took it over
 * from the loading frame, and when the reader's text was first painted.
 *
 * The probes run in the page's main world before the page's scripts: in Chromium as an init
 * script (chromium-auto.ts initScript), in Firefox as a BiDi preload script (preloadScript
 * below); auto-steps.ts installs them in either. They use only their argument. The frame probe
 * (frameProbe) records, at every animation frame, whether anything of the page shows. Also here: the pages the tests and the benchmark serve to
 * make auto mode's life hard (images served late, stylesheets aimed at Oqy's host).
 */

import type { FixtureServer } from './fixture-server.ts';

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
  /** The document's first animation frame, and whether the reader's host was in the document for it. */
  firstFrameAt: number | null;
  hostInFirstFrame: boolean | null;
  /** The reader's host entered the document (auto mode's loading frame, or the reader itself). */
  hostAt: number | null;
  /** The first animation frame with the host in the document: when it was first drawn. */
  hostFramedAt: number | null;
  /** The reader took the host over (it no longer says aria-busy), or came in without a frame. */
  readyAt: number | null;
  /**
   * The reader's text painted: the end of the first frame drawn after the reader took over (a
   * task queued from its animation frame runs once that frame's painting is done) in which none
   * of the reader's own faces was still loading (text set in a face that is loading may be drawn
   * invisible). The reader's text is all in the page by `readyAt`.
   */
  textPaintAt: number | null;
  /**
   * The browser's own record of it where it has one: the first largest-contentful-paint entry
   * inside a shadow root from `readyAt` on, of at least a strip `textStrip` px high across the
   * window (the loading frame's words are one short line each). It includes the compositor's
   * delay; and where the page's own text under the reader is larger, there is none.
   */
  lcpTextAt: number | null;
  lcp: PaintEntry[];
  /** Oqy's own steps, where the build marks them (OQY_TIMING=1 npm run build; src/content/auto-timing.ts). */
  marks: Record<string, number>;
}

/**
 * Records the page's milestones and the reader's (ReaderPaint) on `window.__oqyPaint`, from
 * the document's start.
 */
export function readerPaintProbe(options: { textStrip: number }): void {
  if (window.top !== window) return;
  const probe = {
    domContentLoaded: null as number | null,
    load: null as number | null,
    firstContentfulPaint: null as number | null,
    firstFrameAt: null as number | null,
    hostInFirstFrame: null as boolean | null,
    hostAt: null as number | null,
    hostFramedAt: null as number | null,
    readyAt: null as number | null,
    textPaintAt: null as number | null,
    lcpTextAt: null as number | null,
    lcp: [] as { t: number; size: number; shadow: boolean }[],
    /** Oqy's own steps, where the build marks them (OQY_TIMING=1, src/content/auto-timing.ts): ms since the navigation started. */
    marks: {} as Record<string, number>,
  };
  Object.defineProperty(window, '__oqyPaint', { value: probe });
  const now = () => Math.round(performance.now());
  const readMarks = () => {
    for (const e of performance.getEntriesByType('mark')) if (e.name.startsWith('oqy:')) probe.marks[e.name.slice(4)] = Math.round(e.startTime);
  };
  requestAnimationFrame(() => {
    probe.firstFrameAt = now();
    probe.hostInFirstFrame = !!document.getElementById('oqy-reader-host');
  });
  document.addEventListener('DOMContentLoaded', () => (probe.domContentLoaded = now()), { once: true });
  window.addEventListener('load', () => {
    probe.load = now();
    readMarks();
  }, { once: true });
  const lcpText = (entry: { t: number; size: number; shadow: boolean }) =>
    probe.lcpTextAt === null && probe.readyAt !== null && entry.shadow && entry.t >= probe.readyAt && entry.size >= options.textStrip * innerWidth;
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries() as (PerformanceEntry & { renderTime?: number; size: number; element: Element | null })[]) {
        const entry = { t: Math.round(e.renderTime || e.startTime), size: e.size, shadow: e.element === null };
        probe.lcp.push(entry);
        if (lcpText(entry)) probe.lcpTextAt = entry.t;
      }
    }).observe({ type: 'largest-contentful-paint', buffered: true });
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) if (e.name === 'first-contentful-paint') probe.firstContentfulPaint = Math.round(e.startTime);
    }).observe({ type: 'paint', buffered: true });
  } catch {
    /* A browser without these entries: those times stay null. */
  }
  const painted = () =>
    requestAnimationFrame(() =>
      setTimeout(() => {
        if (Array.from(document.fonts).some((face) => /^"?Oqy /.test(face.family) && face.status === 'loading')) painted();
        else {
          probe.textPaintAt = now();
          readMarks();
        }
      }, 0),
    );
  let host: Element | null = null;
  const ready = () => {
    if (probe.readyAt !== null || !host || host.getAttribute('aria-busy') === 'true') return;
    probe.readyAt = now();
    painted();
    // An entry painted after the reader took over but reported before this moment.
    for (const entry of probe.lcp) if (lcpText(entry)) probe.lcpTextAt = entry.t;
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

/** Every image an article page asks for: the `src` of its <img>s, made absolute. */
export function imageAddresses(html: string, pageUrl: string): string[] {
  const found = new Set<string>();
  for (const m of html.matchAll(/<img\b[^>]*\bsrc="([^"]+)"/gi)) found.add(new URL(m[1]!, pageUrl).href);
  return [...found];
}

/** A one-pixel-square SVG, what the late images are. */
const SMALL_SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>';

/**
 * Serves every image of `pages` `delayMs` late, as real pages' images come from slower servers
 * than their HTML (and hold the load event back); returns how to serve them at once again.
 */
export function serveImagesLate(server: FixtureServer, pages: readonly { html: string; servedUrl: string }[], delayMs: number): () => void {
  const images = pages.flatMap((p) => imageAddresses(p.html, p.servedUrl));
  for (const image of images) server.route(image, { type: 'image/svg+xml', body: SMALL_SVG, pauses: [{ at: 0, pauseMs: delayMs }] });
  return () => {
    for (const image of images) server.route(image, { type: 'image/svg+xml', body: SMALL_SVG });
  };
}

/**
 * Page rules that pierced a veil made of a property (html { visibility: hidden }), and rules
 * aimed at Oqy's own host: each is put in a copy of article A's head. One also sets an inline
 * !important style on the host from a page script.
 */
export const HOSTILE: { name: string; css: string; script?: string }[] = [
  {
    name: 'visibility and opacity on html, body, links and the ticker',
    css: 'html, body, a, .ticker, .ticker a, .ticker__link { visibility: visible !important; opacity: 1 !important; }',
  },
  {
    name: 'display, visibility and opacity on any element, <html>\'s children, popovers and the host by its id',
    css: '*, html > *, html > div, [popover], :popover-open, #oqy-reader-host, [id^="oqy"] { visibility: visible !important; opacity: 1 !important; } html > div, [popover], :popover-open, #oqy-reader-host { display: none !important; visibility: hidden !important; opacity: 0 !important; background: transparent !important; }',
  },
  {
    name: 'z-index and position: the ticker fixed on top of everything',
    css: '.ticker { position: fixed !important; top: 0 !important; left: 0 !important; right: 0 !important; z-index: 2147483647 !important; visibility: visible !important; opacity: 1 !important; background: #fff !important; } html > div { z-index: -2147483647 !important; position: static !important; }',
  },
  {
    name: 'the host moved, shrunk, clipped and made transparent',
    css: 'html > div { position: absolute !important; inset: auto !important; width: 1px !important; height: 1px !important; overflow: hidden !important; transform: translateX(-200vw) !important; clip-path: inset(50%) !important; background: transparent !important; content-visibility: hidden !important; }',
  },
  {
    name: 'an inline !important style set on the host by a page script',
    css: '',
    script: `new MutationObserver(() => { for (const el of document.documentElement.children) if (el.localName === 'div') el.style.setProperty('display', 'none', 'important'), el.style.setProperty('opacity', '0', 'important'); }).observe(document.documentElement, { childList: true });`,
  },
];

/** The article's HTML with `hostile`'s rules (and script) at the end of its head. */
export function hostilePage(html: string, hostile: { css: string; script?: string }): string {
  const at = html.indexOf('</head>');
  const script = hostile.script ? `<script>${hostile.script}</script>` : '';
  return `${html.slice(0, at)}<style>${hostile.css}</style>${script}${html.slice(at)}`;
}

/** Pages that fight auto mode's frame, built from an article's HTML; the same in both browsers. */
export const FIGHTING_PAGES = {
  /** A listener of the page's that lets no other hear DOMContentLoaded. */
  stopsLoadedEvent: (html: string) => html.replace('</head>', `<script>for (const target of [window, document]) target.addEventListener('DOMContentLoaded', (e) => e.stopImmediatePropagation(), true);</script></head>`),
  /** Elements with these ids and names show through as window.browser, window.browser.runtime, and so on, in any world (DOM clobbering). */
  namedLikeGlobals: (html: string) =>
    html.replace(/<body([^>]*)>/, `<body$1>${['browser', 'chrome', '__oqyReaderState', '__oqyAutoReader', '__oqyAutoReaderWaiting', '__oqyAuto'].map((id) => `<a id="${id}"></a><a id="${id}" name="runtime"></a>`).join('')}`),
  /** As a script that re-renders the whole document might: everything under <html> but its head and body goes, before <main>. */
  takesFrameOut: (html: string) => {
    const cut = html.indexOf('<main');
    return `${html.slice(0, cut)}<script>for (const el of Array.from(document.documentElement.children)) if (el !== document.head && el !== document.body) el.remove();</script>${html.slice(cut)}`;
  },
};

/** What the frame probe records at each animation frame. */
export interface FrameRecord {
  /** ms since the navigation started (performance.now() in the new document). */
  t: number;
  readyState: string;
  /** The computed visibility of <html> is hidden. */
  htmlHidden: boolean;
  host: boolean;
  /** The host holds auto mode's loading frame (it says aria-busy until the reader takes it over). */
  loading: boolean;
  /** The reader's host is displayed, visible, and covers the whole viewport. */
  hostCovers: boolean;
  /**
   * The reader paints the whole viewport: its host covers it with an opaque background (the
   * theme's). What is inside the host is in a closed shadow root, which the page's world (and
   * this probe) cannot see; the host's own paint is what keeps the page from showing through.
   */
  readerCovers: boolean;
  /** How many of the `headlines` can be seen (in the DOM, rendered, in view, nothing over them). */
  headlinesSeen: number;
  /** The ticker headline's text node is in the document. */
  tickerInDom: boolean;
  /** Its element passes checkVisibility (display, visibility, opacity, content-visibility) and no ancestor hides it. */
  tickerVisible: boolean;
  /** Its text has a box inside the viewport. */
  tickerInViewport: boolean;
  /** What is on top at the centre of its text is the headline itself (not the reader over it). */
  tickerOnTop: boolean;
}

/** The ticker can be seen in this frame: in the page, rendered, in view, and nothing over it. */
export const tickerSeen = (f: FrameRecord): boolean => f.tickerInDom && f.tickerVisible && f.tickerInViewport && f.tickerOnTop;

/**
 * A main-world init script (page.addInitScript) that, from the document's very first animation
 * frame, records at every frame what the page shows: whether <html> is hidden, whether the
 * reader's host is there (with the loading frame or the reader) and covers the viewport, whether
 * it paints all of it, whether the text node of `headline` (the first one in document order) is
 * in the DOM, rendered and on top, and how many of `headlines` are. It stops `afterReaderFrames`
 * frames after the reader (not the loading frame) first painted the viewport, or after
 * `limitMs`. It also notes when DOMContentLoaded came, and whether the reader's host was in the
 * document when the `headline` first arrived in it (FrameProbeRecord): mutation observers are
 * told at the end of every task and a frame is painted only between tasks, so "the headline is
 * in, the host is not" at that moment is the only way the headline could be painted before the
 * frame covered it. Installed before the page's scripts (auto-steps.ts openProbedTab).
 */
export function frameProbe(options: { headline: string; headlines: string[]; limitMs: number; afterReaderFrames: number }): void {
  if (window.top !== window) return;
  const w = window as unknown as { __oqyFrames?: unknown[]; __oqyFramesDone?: boolean; __oqyFramesDcl?: number; __oqyTickerArrived?: unknown };
  const frames: unknown[] = [];
  w.__oqyFrames = frames;
  w.__oqyFramesDone = false;
  document.addEventListener('DOMContentLoaded', () => (w.__oqyFramesDcl = performance.now()), { once: true });
  w.__oqyTickerArrived = null;
  const squash = (s: string | null) => (s ?? '').replace(/\s+/g, ' ').trim();
  new MutationObserver((records, observer) => {
    const arrived = records.some((r) =>
      Array.from(r.addedNodes).some((n) => (n.nodeType === Node.TEXT_NODE ? squash(n.nodeValue) === options.headline : squash(n.textContent).includes(options.headline))),
    );
    if (!arrived) return;
    w.__oqyTickerArrived = { t: performance.now(), host: !!document.getElementById('oqy-reader-host') };
    observer.disconnect();
  }).observe(document, { childList: true, subtree: true });
  let readerFrames = 0;
  /** The first text node in document order whose text is exactly `wanted`. */
  const findText = (wanted: string): Text | null => {
    const root = document.documentElement;
    if (!root) return null;
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if ((n.nodeValue ?? '').replace(/\s+/g, ' ').trim() === wanted) return n as Text;
    }
    return null;
  };
  const shownChain = (el: Element | null): boolean => {
    for (let e = el; e; e = e.parentElement) {
      const s = getComputedStyle(e);
      if (s.display === 'none' || s.visibility === 'hidden' || s.visibility === 'collapse' || Number(s.opacity) === 0) return false;
    }
    return true;
  };
  const tick = () => {
    const html = document.documentElement;
    const host = document.getElementById('oqy-reader-host');
    let hostCovers = false;
    if (host) {
      const r = host.getBoundingClientRect();
      const s = getComputedStyle(host);
      hostCovers =
        s.display !== 'none' && s.visibility === 'visible' && Number(s.opacity) > 0 &&
        r.left <= 0 && r.top <= 0 && r.right >= innerWidth && r.bottom >= innerHeight;
    }
    let hostOpaque = false;
    if (host) {
      const bg = getComputedStyle(host).backgroundColor;
      hostOpaque = (/^rgba\(/.test(bg) ? Number(bg.replace(/^rgba\(|\)$/g, '').split(',')[3]) : bg === 'transparent' ? 0 : 1) === 1;
    }
    const readerCovers = hostCovers && hostOpaque;
    /** Whether a text node is in the DOM, rendered, in view, and on top where it is drawn. */
    const look = (text: Text | null) => {
      const el = text?.parentElement ?? null;
      const seen = { inDom: !!text?.isConnected, visible: false, inViewport: false, onTop: false };
      if (!text || !el) return seen;
      seen.visible = el.checkVisibility({ opacityProperty: true, visibilityProperty: true, contentVisibilityAuto: true }) && shownChain(el);
      const range = document.createRange();
      range.selectNodeContents(text);
      const box = Array.from(range.getClientRects()).find((r) => r.width > 0 && r.height > 0 && r.bottom > 0 && r.right > 0 && r.top < innerHeight && r.left < innerWidth);
      if (box) {
        seen.inViewport = true;
        const x = Math.min(Math.max(box.left + box.width / 2, 0), innerWidth - 1);
        const y = Math.min(Math.max(box.top + box.height / 2, 0), innerHeight - 1);
        const top = document.elementFromPoint(x, y);
        // Hit testing over the reader finds its host: where the host does not paint, the page shows through.
        seen.onTop = !!top && (top === el || el.contains(top) || (top === host && !hostOpaque));
      }
      return seen;
    };
    const first = look(findText(options.headline));
    const headlinesSeen = options.headlines.map((h) => look(findText(h))).filter((x) => x.inDom && x.visible && x.inViewport && x.onTop).length;
    frames.push({
      t: performance.now(),
      readyState: document.readyState,
      htmlHidden: !!html && getComputedStyle(html).visibility === 'hidden',
      host: !!host,
      loading: host?.getAttribute('aria-busy') === 'true',
      hostCovers,
      readerCovers,
      headlinesSeen,
      tickerInDom: first.inDom,
      tickerVisible: first.visible,
      tickerInViewport: first.inViewport,
      tickerOnTop: first.onTop,
    });
    if (readerCovers && host?.getAttribute('aria-busy') !== 'true') readerFrames += 1;
    if (readerFrames >= options.afterReaderFrames || performance.now() > options.limitMs) {
      w.__oqyFramesDone = true;
      return;
    }
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}

/** What the frame probe holds once it is done: its frames, DOMContentLoaded, and the headline's arrival. */
export interface FrameProbeRecord {
  frames: FrameRecord[];
  /** ms since the navigation started; null: not yet. */
  dcl: number | null;
  /** When the headline first came into the document, and whether the reader's host was there then. */
  tickerArrived: { t: number; host: boolean } | null;
}
