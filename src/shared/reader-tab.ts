/**
 * The reader in a tab of its own, for pages the content script does not run on (other sites):
 * a copy of the page is taken with the user's activeTab grant, kept in session storage, and
 * read by the reader page.
 */
import browser, { type Tabs } from 'webextension-polyfill';
import type { Extraction } from '../core/types.ts';
import { t } from './i18n.ts';

export interface PageCopy {
  html: string;
  url: string;
}

export type ReaderPayload = { kind: 'article'; article: Extraction } | { kind: 'page'; page: PageCopy };

const PREFIX = 'reader:';
/** Older payloads beyond this many are dropped (session storage holds 10 MB). */
const KEEP = 4;

export async function copyOfPage(tabId: number): Promise<PageCopy> {
  const [injection] = await browser.scripting.executeScript({
    target: { tabId },
    func: () => ({ html: document.documentElement.outerHTML, url: location.href }),
  });
  const copy = injection?.result as PageCopy | undefined;
  if (!copy || typeof copy.html !== 'string') throw new Error(t('readerCouldNotCopy'));
  return copy;
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
