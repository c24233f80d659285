/**
 * Every message between the content script, the background and the extension pages, with its
 * reply type. A rename here is a compile error everywhere it is used.
 */
import browser from 'webextension-polyfill';
import type { Extraction, PageStatus } from '../core/types.ts';

/** Asked of the content script in a tab. */
export type TabRequest =
  | { type: 'oqy/get-status' }
  | { type: 'oqy/extract' }
  | { type: 'oqy/reader'; action: ReaderAction };

/** Open the in-page reader, close it, or toggle it (the keyboard shortcut). */
export type ReaderAction = 'open' | 'close' | 'toggle';

export type ReaderReply = { ok: true; open: boolean } | { ok: false; reason: 'not-article' | 'failed'; error?: string };

/** Why auto mode left a page as it was. */
export type AutoProblem = { kind: 'failed' | 'timeout'; detail: string };

/** Told to the background by a content script. */
export type BackgroundRequest = { type: 'oqy/page-status'; status: PageStatus } | { type: 'oqy/auto-problem'; problem: AutoProblem };

export type ExtractReply =
  | { ok: true; article: Extraction; elapsedMs: number }
  | { ok: false; error: string };

export interface Replies {
  'oqy/get-status': PageStatus;
  'oqy/extract': ExtractReply;
  'oqy/reader': ReaderReply;
  'oqy/page-status': void;
  'oqy/auto-problem': void;
}

const TYPES = new Set<string>(['oqy/get-status', 'oqy/extract', 'oqy/reader', 'oqy/page-status', 'oqy/auto-problem']);

export function isOqyMessage(value: unknown): value is TabRequest | BackgroundRequest {
  return typeof value === 'object' && value !== null && TYPES.has((value as { type?: unknown }).type as string);
}

export function askTab<R extends TabRequest>(tabId: number, request: R): Promise<Replies[R['type']]> {
  return browser.tabs.sendMessage(tabId, request) as Promise<Replies[R['type']]>;
}

export function tellBackground(request: BackgroundRequest): Promise<void> {
  return browser.runtime.sendMessage(request) as Promise<void>;
}
