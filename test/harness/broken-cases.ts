/**
 * Huge and broken Qazaq24 pages for the browsers' end-to-end checks (chromium-broken,
 * firefox-broken): a 10 MB article, 100,000 elements, an article nested 5,000 deep, each with
 * a page script that keeps ticking, so a stuck main thread shows as a gap between ticks.
 */
import { deepArticle, hugeArticle, manyElements } from '../unit/broken-pages.ts';

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
  /** The page as served, with the ticker. */
  html: () => string;
}

export const BROKEN_CASES: BrokenCase[] = [
  { name: 'a 10 MB article', url: 'http://qazaq24.com/news/ulken-makala-1900001', html: () => withTicker(hugeArticle()) },
  { name: '100,000 elements', url: 'http://qazaq24.com/news/kop-element-1900002', html: () => withTicker(manyElements()) },
  { name: 'nesting 5,000 deep', url: 'http://qazaq24.com/news/teren-makala-1900003', html: () => withTicker(deepArticle(5000)) },
];

/** What a page shows of its own state. */
export interface PageState {
  ticks: number;
  /** The longest gap between two ticks since the last reset, in ms. */
  gap: number;
  hasBody: boolean;
  elements: number;
  textLength: number;
}

/** An expression for the page that gives its PageState. */
export const PAGE_STATE = `({
  ticks: window.__oqyTicks ?? -1,
  gap: Math.round(window.__oqyGap ?? -1),
  hasBody: document.body !== null,
  elements: document.getElementsByTagName('*').length,
  textLength: document.body?.textContent?.length ?? 0,
})`;

/** An expression for the page that starts measuring the longest gap afresh. */
export const RESET_GAP = 'window.__oqyGap = 0';

/** The popup states that are an end: anything but loading. */
export const DEFINITE_STATES = ['article', 'not-article', 'failed'];
