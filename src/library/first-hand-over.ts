/**
 * The library page's first script (first-screen.ts) and its modules (page.tsx) take turns: the
 * modules are loaded once the first script has drawn its rows, because compiling them takes the
 * page's main thread and the first script's answer from storage would wait behind them.
 */

/** Where the first script leaves its work, for the page's entry (main.tsx) to wait on. */
const KEY = '__oqyLibraryFirst';
/** The page waits no longer than this on the first script, whatever becomes of it. */
const WAIT_AT_MOST_MS = 2000;

export function leaveFirstScreen(done: Promise<unknown>): void {
  (globalThis as Record<string, unknown>)[KEY] = done;
}

/** Settles once the first script has drawn its rows or given up; at once where it did not run. */
export function firstScreenSettled(): Promise<void> {
  const left = (globalThis as Record<string, unknown>)[KEY] as Promise<unknown> | undefined;
  if (!left) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, WAIT_AT_MOST_MS);
    void Promise.resolve(left)
      .catch(() => undefined)
      .then(() => {
        clearTimeout(timer);
        resolve();
      });
  });
}
