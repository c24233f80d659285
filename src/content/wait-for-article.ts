/**
 * A page built by script may show its article only after the content script has run. This
 * watches the page for a while, bounded: the check runs again when the page changes (a short
 * moment after, so a burst of changes costs one check), until it passes, the time limit is
 * over, or the page has loaded and a margin has passed. Nothing keeps watching after that.
 */

export interface WaitOptions {
  /** The longest the page is watched. */
  limitMs: number;
  /** How long after the page's load event it is still watched. */
  afterLoadMs: number;
  /** How long after a change the check runs. */
  settleMs: number;
}

export const WAIT_DEFAULTS: WaitOptions = { limitMs: 15_000, afterLoadMs: 4_000, settleMs: 200 };

/** A check may take this share of the time at most: the wait after one is this many times its cost. */
const CHECK_SHARE = 10;

/**
 * Runs `check` now and, while it fails, after each change of the page; calls `found` once when
 * it passes. Returns a function that stops watching (also called by the watch itself when done).
 */
export function waitForArticle(doc: Document, check: () => boolean, found: () => void, options: WaitOptions = WAIT_DEFAULTS): () => void {
  const win = doc.defaultView;
  if (check()) {
    found();
    return () => undefined;
  }
  if (!win || typeof win.MutationObserver !== 'function') return () => undefined;
  let pending: ReturnType<typeof setTimeout> | null = null;
  let stopped = false;
  const timers: ReturnType<typeof setTimeout>[] = [];
  // A check on a big page costs more: the next waits longer, so watching never takes more than a small share of the time.
  let gap = options.settleMs;
  const observer = new win.MutationObserver(() => {
    if (pending === null && !stopped) pending = setTimeout(run, gap);
  });
  const onLoad = () => timers.push(setTimeout(finish, options.afterLoadMs));

  function stop(): void {
    if (stopped) return;
    stopped = true;
    observer.disconnect();
    if (pending !== null) clearTimeout(pending);
    for (const t of timers) clearTimeout(t);
    win?.removeEventListener('load', onLoad);
  }
  function run(): void {
    pending = null;
    if (stopped) return;
    const started = Date.now();
    const passed = check();
    gap = Math.max(options.settleMs, (Date.now() - started) * CHECK_SHARE);
    if (!passed) return;
    stop();
    found();
  }
  /** The time is up: one last look at what changed meanwhile, then no more. */
  function finish(): void {
    if (stopped) return;
    const last = pending !== null;
    stop();
    if (last && check()) found();
  }

  observer.observe(doc.documentElement ?? doc, { childList: true, subtree: true, characterData: true });
  timers.push(setTimeout(finish, options.limitMs));
  if (doc.readyState === 'complete') onLoad();
  else win.addEventListener('load', onLoad, { once: true });
  return stop;
}
