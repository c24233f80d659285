/**
 * The reader in a tab of its own, for pages the content script does not run on (other sites)
 * and for pages too big to read on their own thread: the page begins a copy of itself, made in
 * slices that give the page its turn (src/content/page-copy.ts), which the reader page takes
 * part by part and reads in its own thread. Other sites are reached with the user's activeTab
 * grant through scripting.executeScript; Qazaq24 pages through their content script.
 */
import browser, { type Tabs } from 'webextension-polyfill';
import type { Extraction } from '../core/types.ts';
import { t } from './i18n.ts';
import { pageCopyAgent, type CopyReply, type CopyRequest, type CopyTicket } from '../content/page-copy.ts';
import { takeCopy, ticketOf, type AskCopy } from '../content/page-copy-parts.ts';

export interface PageCopy {
  html: string;
  url: string;
}

/** How the copy of a page in a tab is asked for: its content script, or a script put in for each request. */
export type CopyVia = 'message' | 'script';

export type ReaderPayload =
  | { kind: 'article'; article: Extraction }
  | { kind: 'page'; page: PageCopy }
  /** A copy begun in a tab, for the reader page to take (`via`) and read. */
  | { kind: 'tab'; tabId: number; ticket: CopyTicket; via: CopyVia };

/** Asks the copy agent in `tabId`. */
export function askCopy(tabId: number, via: CopyVia): AskCopy {
  if (via === 'message') return (request: CopyRequest) => browser.tabs.sendMessage(tabId, { type: 'oqy/copy', request }) as Promise<CopyReply>;
  return async (request: CopyRequest) => {
    const [injection] = await browser.scripting.executeScript({ target: { tabId }, func: pageCopyAgent, args: [request] });
    return injection?.result as CopyReply;
  };
}

/** Begins a copy of the page in `tabId` through a script put into it; throws where the page cannot be reached. */
export async function startCopyByScript(tabId: number): Promise<CopyTicket> {
  return ticketOf(await askCopy(tabId, 'script')({ op: 'start' }));
}

const PREFIX = 'reader:';
/** Older payloads beyond this many are dropped (session storage holds 10 MB). */
const KEEP = 4;

/** A copy of the page in `tabId`, made in slices and taken in parts, through a script put into it. */
export async function copyOfPage(tabId: number): Promise<PageCopy> {
  const ticket = await startCopyByScript(tabId);
  const html = await takeCopy(askCopy(tabId, 'script'), ticket);
  if (!html) throw new Error(t('readerCouldNotCopy'));
  return { html, url: ticket.url };
}

export async function openReaderTab(payload: ReaderPayload, from: Tabs.Tab, { save = false } = {}): Promise<void> {
  const key = `${PREFIX}${Date.now().toString(36)}:${Math.random().toString(36).slice(2)}`;
  const stored = await browser.storage.session.get(null);
  const old = Object.keys(stored).filter((k) => k.startsWith(PREFIX)).sort().slice(0, -(KEEP - 1) || undefined);
  if (old.length) await browser.storage.session.remove(old);
  await browser.storage.session.set({ [key]: payload });
  const params = new URLSearchParams({ open: key });
  if (save) params.set('save', '1');
  if (from.id !== undefined) params.set('from', String(from.id));
  await browser.tabs.create({
    url: browser.runtime.getURL(`src/reader/index.html?${params}`),
    ...(from.index !== undefined ? { index: from.index + 1 } : {}),
    ...(from.id !== undefined ? { openerTabId: from.id } : {}),
  });
}

export async function readPayload(key: string): Promise<ReaderPayload | null> {
  if (!key.startsWith(PREFIX)) return null;
  const stored = await browser.storage.session.get(key);
  return (stored[key] as ReaderPayload | undefined) ?? null;
}
