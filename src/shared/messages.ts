/**
 * Every message between the content script, the background and the extension pages, with its
 * reply type. A rename here is a compile error everywhere it is used.
 */
import browser from 'webextension-polyfill';
import type { Extraction, PageStatus } from '../core/types.ts';
import type { ReadingPosition } from '../core/anchor/position.ts';
import type { Highlight, ReadingRecord } from './reading-db.ts';

/** Asked of the content script in a tab. */
export type TabRequest =
  | { type: 'oqy/get-status' }
  | { type: 'oqy/extract' }
  | { type: 'oqy/extract-or-copy' }
  | { type: 'oqy/reader'; action: ReaderAction }
  | { type: 'oqy/notice'; text: string }
  /** The page's copy, made in slices and taken in parts (src/content/page-copy.ts). */
  /** A copy of the page started where it is too big to read on its own thread; nothing otherwise. */
  | { type: 'oqy/copy-if-huge' };

/** Open the in-page reader, close it, or toggle it (the keyboard shortcut). */
export type ReaderAction = 'open' | 'close' | 'toggle';

/** `huge`: the page is too big to be read on its own thread; the asker has it read in the reader tab. */
export type ReaderReply = { ok: true; open: boolean } | { ok: false; reason: 'not-article' | 'huge' | 'failed'; error?: string };

/** Why auto mode left an article as it was. */
export type AutoProblem = { kind: 'failed'; detail: string };

/** Told to the background by a content script or an extension page. */
export type BackgroundRequest =
  | { type: 'oqy/page-status'; status: PageStatus }
  | { type: 'oqy/auto-problem'; problem: AutoProblem }
  | { type: 'oqy/reader-part' }
  | { type: 'oqy/save'; article: Extraction }
  | { type: 'oqy/retry-images'; id: string }
  | { type: 'oqy/font-data'; kind: 'serif' | 'sans'; part: 'text' | 'rest' }
  | ReadingRequest;

/** Where a saved article was read and what was marked in it, kept in the library by the background. */
export type ReadingRequest =
  | { type: 'oqy/reading-get'; id: string }
  | { type: 'oqy/reading-position'; id: string; position: ReadingPosition }
  | { type: 'oqy/highlight-put'; highlight: Highlight }
  | { type: 'oqy/highlight-delete'; id: string };

/** An article's reading state; `saved` false where it is not in the library. */
export type ReadingState = { saved: false } | { saved: true; reading: ReadingRecord | null; highlights: Highlight[] };

/** How a write of the reading state ended. */
export type ReadingWriteReply = { ok: true } | { ok: false; reason: 'not-saved' | 'quota' | 'invalid' | 'failed'; error: string };

/**
 * A bundled font file for pages that cannot load the extension's files: its @font-face
 * descriptors and its bytes, base64.
 */
export interface FontData {
  family: string;
  weight: string;
  style: string;
  unicodeRange: string;
  data: string;
}

/** How a save ended: saved (some images perhaps missing), or not at all, with why. */
export type SaveReply =
  | { ok: true; id: string; images: number; missing: number; replaced: boolean }
  | { ok: false; reason: 'quota' | 'failed'; error: string };

/** Sent to every extension page (and the tab that asked) while a save fetches images. */
export type SaveProgress = { type: 'oqy/save-progress'; id: string; done: number; total: number };

export type ExtractReply =
  | { ok: true; article: Extraction; elapsedMs: number }
  | { ok: false; error: string };

/**
 * The popup's one question: the article; or word that the page is too big to read on its own
 * thread without holding its scripts up for long (the asker then has a copy made, in slices, and
 * reads it in its own thread: reader-tab.ts); or the page's status where it is no article.
 */
export type ExtractOrCopyReply = ExtractReply | { ok: true; huge: true } | { ok: true; notArticle: PageStatus };

/** Whether the page is too big to read where it is. */
export type HugeCopyReply = { huge: boolean };

export interface Replies {
  'oqy/get-status': PageStatus;
  'oqy/extract': ExtractReply;
  'oqy/extract-or-copy': ExtractOrCopyReply;
  'oqy/reader': ReaderReply;
  'oqy/notice': void;
  'oqy/copy-if-huge': HugeCopyReply;
  'oqy/page-status': void;
  'oqy/auto-problem': void;
  /** Whether the reader's part of auto mode is now in the asking frame's content-script world. */
  'oqy/reader-part': boolean;
  'oqy/save': SaveReply;
  'oqy/retry-images': SaveReply;
  'oqy/font-data': FontData[];
  'oqy/reading-get': ReadingState;
  'oqy/reading-position': ReadingWriteReply;
  'oqy/highlight-put': ReadingWriteReply;
  'oqy/highlight-delete': ReadingWriteReply;
}

export { isOqyMessage } from './message-kinds.ts';

export function askTab<R extends TabRequest>(tabId: number, request: R): Promise<Replies[R['type']]> {
  return browser.tabs.sendMessage(tabId, request) as Promise<Replies[R['type']]>;
}

export function tellBackground<R extends BackgroundRequest>(request: R): Promise<Replies[R['type']]> {
  return browser.runtime.sendMessage(request) as Promise<Replies[R['type']]>;
}

export function isSaveProgress(value: unknown): value is SaveProgress {
  return typeof value === 'object' && value !== null && (value as { type?: unknown }).type === 'oqy/save-progress';
}
