/** The background: the toolbar button per tab, the keyboard shortcut, the context menu. */
import browser, { type Runtime } from 'webextension-polyfill';
import { isOqyMessage, type SaveProgress } from '../shared/messages.ts';
import { retryMissingImages, saveForOffline } from './save-article.ts';
import { fontData } from './font-data.ts';
import { answerReading, isReadingRequest } from './reading.ts';
import { loadSettings, onSettingsChanged } from '../shared/settings.ts';
import { setUiLanguage } from '../shared/i18n.ts';
import type { Settings } from '../shared/settings-schema.ts';
import { followTabs, showAutoProblem, showPageStatus } from './action-state.ts';
import { syncAutoMode } from './auto-mode.ts';
import { injectReaderPart } from './reader-part.ts';
import { listenToCommands } from './commands.ts';
import { createMenus, listenToMenus, retitleMenus } from './menus.ts';

browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) => {
  const tabId = sender.tab?.id;
  if (!isOqyMessage(message) || tabId === undefined) return undefined;
  if (message.type === 'oqy/page-status') return showPageStatus(tabId, message.status);
  if (message.type === 'oqy/auto-problem') return showAutoProblem(tabId, message.problem);
  if (message.type === 'oqy/reader-part') return injectReaderPart(tabId, sender.frameId ?? 0);
  return undefined;
});

// Saving for offline, asked by the popup, a reader or the library (these have no tab id when
// they are the popup, so they are handled apart from the content scripts' messages above).
browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) => {
  if (!isOqyMessage(message)) return undefined;
  if (message.type === 'oqy/save') return saveForOffline(message.article, progressTo(sender, message.article.url), webPageOf(sender));
  if (message.type === 'oqy/retry-images') return retryMissingImages(message.id, progressTo(sender, message.id));
  if (message.type === 'oqy/font-data') return fontData(message.kind, message.part);
  if (isReadingRequest(message)) return answerReading(message);
  return undefined;
});

/** The address of the web page a message came from (a content script's frame), or null for Oqy's own pages. */
function webPageOf(sender: Runtime.MessageSender): string | null {
  if (sender.tab === undefined) return null;
  const url = sender.url ?? '';
  return /^https?:/i.test(url) ? url : null;
}

/** Progress goes to every extension page, and to the tab that asked when it was a content script. */
function progressTo(sender: Runtime.MessageSender, id: string): (done: number, total: number) => void {
  return (done, total) => {
    const progress: SaveProgress = { type: 'oqy/save-progress', id, done, total };
    browser.runtime.sendMessage(progress).catch(() => undefined);
    const tabId = sender.tab?.id;
    if (tabId !== undefined && /^https?:/.test(sender.url ?? sender.tab?.url ?? '')) browser.tabs.sendMessage(tabId, progress).catch(() => undefined);
  };
}

followTabs();

listenToCommands();
listenToMenus();
browser.runtime.onInstalled.addListener(() => createMenus());

// The interface language may be chosen in the options rather than follow the browser; auto
// mode's registration follows the settings and the host permissions granted.
function follow(settings: Settings): void {
  setUiLanguage(settings.uiLanguage);
  retitleMenus();
  void syncAutoMode(settings);
}
void loadSettings().then(follow).catch(() => undefined);
onSettingsChanged(follow);
browser.permissions.onAdded.addListener(() => void loadSettings().then(syncAutoMode).catch(() => undefined));
browser.permissions.onRemoved.addListener(() => void loadSettings().then(syncAutoMode).catch(() => undefined));
