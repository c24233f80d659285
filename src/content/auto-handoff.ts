/**
 * What auto mode's two parts share in the content scripts' world (which the page never sees):
 * the small script at document_start (auto.ts) and the reader's part the background injects
 * after it (auto-reader.ts). The second announces itself here; the first calls it.
 */
import type { ReaderHost } from './reader-host.ts';
import { setWorldGlobal, worldGlobal } from './world-global.ts';

export type AutoOpenResult = { kind: 'opened' | 'not-article' | 'already-open' } | { kind: 'failed'; detail: string };

export interface AutoReaderPart {
  /**
   * Reads the page as it is now and, when it is an article, opens the reader over it: in the
   * host `takeFrame` hands over (the loading frame's), or in a host of its own. `storedSettings`:
   * the settings as read from storage (undefined where they could not be), of any version.
   */
  open(takeFrame: (() => ReaderHost) | null, storedSettings: unknown): Promise<AutoOpenResult>;
}

const KEY = '__oqyAutoReader';
const WAITING = '__oqyAutoReaderWaiting';

type Waiting = ((part: AutoReaderPart) => void)[];

export function readerPart(): AutoReaderPart | null {
  return worldGlobal<AutoReaderPart>(KEY) ?? null;
}

/**
 * The reader's part as soon as it has run: sooner than the background's reply to the ask, which
 * may queue behind other replies (the faces' bytes).
 */
export function whenReaderPart(): Promise<AutoReaderPart> {
  const present = readerPart();
  if (present) return Promise.resolve(present);
  return new Promise((resolve) => (worldGlobal<Waiting>(WAITING) ?? setWorldGlobal<Waiting>(WAITING, [])).push(resolve));
}

export function provideReaderPart(part: AutoReaderPart): void {
  const provided = worldGlobal<AutoReaderPart>(KEY) ?? setWorldGlobal(KEY, part);
  const waiting = worldGlobal<Waiting>(WAITING) ?? [];
  setWorldGlobal<Waiting>(WAITING, []);
  for (const resolve of waiting) resolve(provided);
}
