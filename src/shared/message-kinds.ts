/**
 * Which messages are Oqy's. Apart from messages.ts so that the content script on every Qazaq24
 * page can check a message without the webextension-polyfill that module sends through.
 */
import type { BackgroundRequest, TabRequest } from './messages.ts';

const TYPES = new Set<string>(['oqy/get-status', 'oqy/extract', 'oqy/extract-or-copy', 'oqy/reader', 'oqy/notice', 'oqy/copy-if-huge', 'oqy/page-status', 'oqy/auto-problem', 'oqy/reader-part', 'oqy/save', 'oqy/retry-images', 'oqy/font-data', 'oqy/reading-get', 'oqy/reading-position', 'oqy/highlight-put', 'oqy/highlight-delete']);

export function isOqyMessage(value: unknown): value is TabRequest | BackgroundRequest {
  return typeof value === 'object' && value !== null && TYPES.has((value as { type?: unknown }).type as string);
}
