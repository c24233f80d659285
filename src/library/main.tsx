/**
 * The library page's entry: the page itself (page.tsx: Preact, idb, the list) is loaded once the
 * first script (first-screen.ts) has drawn the newest rows (first-hand-over.ts).
 */
import { firstScreenSettled } from './first-hand-over.ts';

void firstScreenSettled().then(() => import('./page.tsx'));
