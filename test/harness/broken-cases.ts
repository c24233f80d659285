/**
 * Huge and broken Qazaq24 pages for the browsers' end-to-end checks (chromium-broken,
 * firefox-broken): every input of test/unit/broken-pages.ts served at an article address, the
 * HTML ones with a page script that keeps ticking, so a stuck main thread shows as a gap
 * between ticks.
 */
import { FRAMESET, ONLY_IMAGES, RSS_XML, SVG_FILE, binaryBytes, deepArticle, hugeArticle, invalidUtf8Bytes, manyElements } from '../unit/broken-pages.ts';

export { FIRST_SENTENCE } from '../unit/broken-pages.ts';

/** Hang guards, far above the times measured (the tests print them). */
export const LOAD_BOUND_MS = 60_000;
export const TOOLBAR_BOUND_MS = 30_000;
export const POPUP_BOUND_MS = 90_000;

/**
 * A page script that counts, and keeps the longest gap between two counts: if the page's main
 * thread is stuck, the count stops and the gap grows.
 */
const TICKER =
  '<script>window.__oqyTicks = 0; window.__oqyGap = 0; let last = performance.now();' +
  ' setInterval(() => { const now = performance.now(); window.__oqyGap = Math.max(window.__oqyGap, now - last); last = now; window.__oqyTicks++; }, 20);</script>';

function withTicker(html: string): string {
  const at = html.indexOf('<head>');
  if (at < 0) throw new Error('the page has no <head> to put the ticker in');
  return `${html.slice(0, at + 6)}${TICKER}${html.slice(at + 6)}`;
}

export interface BrokenCase {
  name: string;
  url: string;
  /** The Content-Type it is served with. */
  type: string;
  /** The bytes served: HTML pages carry the ticker. */
  body: () => string | Uint8Array;
  /** It carries the ticker (an HTML page with a head). */
  ticks: boolean;
  /** The popup's state for it, where only one is right. */
  state?: 'article' | 'not-article';
  /** Too big to be read on the page's own thread: the page gives the popup a copy to read, made in slices and taken in parts. */
  readInPopup?: boolean;
}

const page = (name: string, slug: string, html: () => string, state?: BrokenCase['state']): BrokenCase => ({
  name,
  url: `http://qazaq24.com/news/${slug}`,
  type: 'text/html; charset=utf-8',
  body: () => withTicker(html()),
  ticks: true,
  state,
});

const raw = (name: string, slug: string, type: string, body: () => string | Uint8Array, state?: BrokenCase['state']): BrokenCase => ({
  name,
  url: `http://qazaq24.com/news/${slug}`,
  type,
  body,
  ticks: false,
  state,
});

/** Every broken input of test/unit/broken-pages.ts, served at a Qazaq24 article address. */
export const BROKEN_CASES: BrokenCase[] = [
  raw('an empty document', 'bos-1900010', 'text/html; charset=utf-8', () => '', 'not-article'),
  raw('whitespace only', 'aralyq-1900011', 'text/html; charset=utf-8', () => '   \n\t \r\n  ', 'not-article'),
  { ...page('a 10 MB article', 'ulken-makala-1900001', () => hugeArticle(), 'article'), readInPopup: true },
  { ...page('100,000 elements', 'kop-element-1900002', () => manyElements(), 'article'), readInPopup: true },
  { ...page('nesting 5,000 deep', 'teren-makala-1900003', () => deepArticle(5000), 'article'), readInPopup: true },
  raw('a binary file', 'ekilik-1900012', 'text/html', binaryBytes, 'not-article'),
  raw('invalid UTF-8', 'buzyq-1900013', 'text/html; charset=utf-8', invalidUtf8Bytes, 'article'),
  page('a frameset', 'freim-1900014', () => FRAMESET, 'not-article'),
  raw('an RSS (XML) document', 'rss-1900015', 'application/xml', () => RSS_XML, 'not-article'),
  raw('an SVG file', 'svg-1900016', 'image/svg+xml', () => SVG_FILE, 'not-article'),
  page('a page of only images', 'suretter-1900017', () => ONLY_IMAGES, 'not-article'),
];

/** What a page shows of its own state. */
export interface PageState {
  ticks: number;
  /** The longest gap between two ticks since the last reset, in ms. */
  gap: number;
  hasBody: boolean;
  /** Elements in the document. */
  elements: number;
  /** Characters of text in the document. */
  textLength: number;
}

/** An expression for the page that gives its PageState. */
export const PAGE_STATE = `({
  ticks: window.__oqyTicks ?? -1,
  gap: Math.round(window.__oqyGap ?? -1),
  hasBody: document.body !== null,
  elements: document.getElementsByTagName('*').length,
  textLength: document.documentElement?.textContent?.length ?? 0,
})`;

/** An expression for the page that starts measuring the longest gap afresh. */
export const RESET_GAP = 'window.__oqyGap = 0';

/** The popup states that are an end: anything but loading. */
export const DEFINITE_STATES = ['article', 'not-article', 'failed'];
