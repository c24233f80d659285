/**
 * The library page's modules that no first screen needs: moving articles in and out of a file,
 * the e-book, the highlights view. They are loaded on first use, or once the page is idle after
 * its first screen (warmLaterModules), so the page's first script is small and a click later
 * finds them in hand.
 */
let transfer: Promise<typeof import('../shared/library-transfer.ts')> | null = null;
let epub: Promise<typeof import('./epub-export.ts')> | null = null;
let highlights: Promise<typeof import('./HighlightsView.tsx')> | null = null;

/** A load that failed (the extension updated meanwhile) is tried again on the next use. */
function once<T>(load: () => Promise<T>, keep: (p: Promise<T> | null) => void): Promise<T> {
  const p = load();
  keep(p);
  p.catch(() => keep(null));
  return p;
}

export const transferModule = () => transfer ?? once(() => import('../shared/library-transfer.ts'), (p) => (transfer = p));
export const epubModule = () => epub ?? once(() => import('./epub-export.ts'), (p) => (epub = p));
export const highlightsModule = () => highlights ?? once(() => import('./HighlightsView.tsx'), (p) => (highlights = p));

/** After the first screen, when the page has nothing else to do. */
export function warmLaterModules(): void {
  const warm = () => {
    for (const load of [transferModule, highlightsModule, epubModule]) load().catch(() => undefined);
  };
  if (typeof requestIdleCallback === 'function') requestIdleCallback(warm, { timeout: 2000 });
  else setTimeout(warm, 200);
}
