/**
 * The library page's entry: the page itself (page.tsx: Preact, idb, the list) is loaded once the
 * first script (first-screen.ts) has drawn the newest rows (first-hand-over.ts).
 */
import { firstScreenSettled } from './first-hand-over.ts';

/** The page could not load (the extension updated meanwhile, say): said in the browser's language, the first screen taken away. */
function failed(e: unknown): void {
  document.getElementById('first')?.remove();
  const detail = String((e as Error)?.message ?? e);
  const world = globalThis as unknown as { chrome?: { i18n?: { getMessage(key: string, subs: string[]): string } } };
  const status = document.createElement('p');
  status.setAttribute('role', 'alert');
  status.className = 'load-failed';
  status.textContent = world.chrome?.i18n?.getMessage('libraryUnavailable', [detail]) || `The library could not be opened: ${detail}`;
  document.getElementById('app')?.replaceChildren(status);
}

void firstScreenSettled()
  .then(() => import('./page.tsx'))
  .catch(failed);
