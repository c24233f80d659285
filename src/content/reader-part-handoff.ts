/**
 * The small scripts that run on pages (the Qazaq24 content script, auto mode's script at
 * document_start) and the reader's part (the extractor and the reader, reader-part.ts), which
 * the background injects only when a page needs it. They meet in the content scripts' world,
 * which the page never sees: the part announces itself here, the small scripts call it.
 */
import type { ExtractReply, ReaderAction, ReaderReply } from '../shared/messages.ts';
import type { ReaderHost } from './reader-host.ts';
import { ask } from './extension-api.ts';
import { setWorldGlobal, worldGlobal } from './world-global.ts';

export type AutoOpenResult = { kind: 'opened' | 'not-article' | 'already-open' } | { kind: 'failed'; detail: string };

export interface ReaderPart {
  /**
   * Auto mode: reads the page as it is now and, when it is an article, opens the reader over
   * it: in the host `takeFrame` hands over (the loading frame's), or in a host of its own.
   * `storedSettings`: the settings as read from storage (undefined where they could not be), of
   * any version.
   */
  open(takeFrame: (() => ReaderHost) | null, storedSettings: unknown): Promise<AutoOpenResult>;
  /** The page as it is now, extracted and sanitized (for the popup and the reader tab). */
  extract(): ExtractReply;
  /** Extracts ahead of an ask, in the page's idle time; kept until the page changes. */
  prepare(): void;
  /** Opens, closes or toggles the reader over the page, or says on the page why it cannot open. */
  act(action: ReaderAction, isArticle: boolean): Promise<ReaderReply>;
  /** A short notice over the page. */
  notice(text: string): void;
}

const KEY = '__oqyReaderPart';
const WAITING = '__oqyReaderPartWaiting';
const LOADING = '__oqyReaderPartLoading';

type Waiting = ((part: ReaderPart) => void)[];

export function readerPart(): ReaderPart | null {
  return worldGlobal<ReaderPart>(KEY) ?? null;
}

/**
 * The reader's part as soon as it has run: sooner than the background's reply to the ask, which
 * may queue behind other replies (the faces' bytes).
 */
function whenReaderPart(): Promise<ReaderPart> {
  const present = readerPart();
  if (present) return Promise.resolve(present);
  return new Promise((resolve) => (worldGlobal<Waiting>(WAITING) ?? setWorldGlobal<Waiting>(WAITING, [])).push(resolve));
}

export function provideReaderPart(part: ReaderPart): void {
  const provided = worldGlobal<ReaderPart>(KEY) ?? setWorldGlobal(KEY, part);
  const waiting = worldGlobal<Waiting>(WAITING) ?? [];
  setWorldGlobal<Waiting>(WAITING, []);
  for (const resolve of waiting) resolve(provided);
}

/**
 * The reader's part, injected by the background on the first ask (null if it could not be). It
 * is there as soon as it has run; the background's reply (after it ran) settles a failure.
 */
export function loadReaderPart(): Promise<ReaderPart | null> {
  const present = readerPart();
  if (present) return Promise.resolve(present);
  // Kept in the world, not in this module: the content script and auto mode's script are bundled
  // apart, and one ask between them is enough.
  const loading = worldGlobal<Promise<ReaderPart | null>>(LOADING);
  if (loading) return loading;
  const injected = ask<boolean>({ type: 'oqy/reader-part' }).then(
    (done) => (done ? readerPart() : null),
    () => null,
  );
  return setWorldGlobal(
    LOADING,
    Promise.race([whenReaderPart(), injected]).then((part) => {
      // Asked again next time rather than given up for the page's life.
      if (!part) setWorldGlobal(LOADING, undefined);
      return part;
    }),
  );
}
