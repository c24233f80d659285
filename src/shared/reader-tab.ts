/**
 * The reader in a tab of its own, for pages the content script does not run on (other sites)
 * and for pages too big to read on their own thread: the page begins a copy of itself, made in
 * slices that give the page its turn (src/content/page-copy.ts), which the reader page takes
 * part by part and reads in its own thread. The copier is put into the page through
 * scripting.executeScript only when a copy is wanted (with the user's activeTab grant on other
 * sites, the host permission on Qazaq24), so that no page pays for it otherwise.
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

export type ReaderPayload =
  | { kind: 'article'; article: Extraction }
  | { kind: 'page'; page: PageCopy }
  /**
   * The page in a tab, copied for the reader page to take and read: a copy begun already
   * (`ticket`), or one the reader page begins. `long`: the page was too big to read in itself,
   * which the reader page says.
   */
  | { kind: 'tab'; tabId: number; ticket?: CopyTicket; long?: boolean };

/** Asks the copier in `tabId`, put into the page for each request. */
export function askCopy(tabId: number): AskCopy {
  return async (request: CopyRequest) => {
    const [injection] = await browser.scripting.executeScript({ target: { tabId }, func: pageCopyAgent, args: [request] });
    return injection?.result as CopyReply;
  };
}

/** Begins a copy of the page in `tabId` through a script put into it; throws where the page cannot be reached. */
export async function startCopyByScript(tabId: number): Promise<CopyTicket> {
  return ticketOf(await askCopy(tabId)({ op: 'start' }));
}

const PREFIX = 'reader:';
/** Older payloads beyond this many are dropped (session storage holds 10 MB). */
const KEEP = 4;

/** A copy of the page in `tabId`, made in slices and taken in parts, through a script put into it. */
export async function copyOfPage(tabId: number): Promise<PageCopy> {
  const ticket = await startCopyByScript(tabId);
  const html = await takeCopy(askCopy(tabId), ticket);
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
