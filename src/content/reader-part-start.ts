/**
 * The reader's part begins to run (imported first by reader-part.ts, so its code comes first in
 * the bundle): for the benchmark's breakdown, the moment the script has been compiled and starts.
 */
import { mark } from './auto-timing.ts';

mark('part-start');
