/**
 * Where auto mode's time goes, for the benchmark (test/bench/auto-bench.ts --breakdown): with
 * OQY_TIMING=1 at build time, each step puts a performance mark ("oqy:" and the step) in the
 * page's timeline, where the benchmark's probe reads them. In the builds that ship the flag is
 * off and every call is dropped at build time: a mark would tell the page that Oqy is there.
 */
declare const __OQY_TIMING__: boolean;

export function mark(step: string): void {
  if (typeof __OQY_TIMING__ !== 'undefined' && __OQY_TIMING__) {
    try {
      performance.mark(`oqy:${step}`);
    } catch {
      /* No timeline here: nothing to record. */
    }
  }
}
