/** The background: the toolbar button per tab, the keyboard shortcut, the context menu. */
import browser, { type Runtime } from 'webextension-polyfill';
import { isOqyMessage } from '../shared/messages.ts';
import { loadSettings, onSettingsChanged } from '../shared/settings.ts';
import { setUiLanguage } from '../shared/i18n.ts';
import { showPageStatus, showIdle } from './action-state.ts';
import { readerFor } from './open-reader.ts';
import { createMenus, listenToMenus, retitleMenus } from './menus.ts';

browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) => {
  if (!isOqyMessage(message) || message.type !== 'oqy/page-status') return undefined;
  const tabId = sender.tab?.id;
  if (tabId !== undefined) return showPageStatus(tabId, message.status);
  return undefined;
});

browser.tabs.onUpdated.addListener((tabId, change) => {
  // A new page is loading: until its content script speaks, no reader is on offer.
  if (change.status === 'loading') void showIdle(tabId);
});

browser.commands.onCommand.addListener((command, tab) => {
  if (command !== 'toggle-reader') return;
  const target = tab ? Promise.resolve(tab) : browser.tabs.query({ active: true, currentWindow: true }).then(([active]) => active);
  void target.then((t) => readerFor(t, 'toggle'));
});

listenToMenus();
browser.runtime.onInstalled.addListener(() => createMenus());

// The interface language may be chosen in the options rather than follow the browser.
void loadSettings()
  .then((settings) => {
    setUiLanguage(settings.uiLanguage);
    retitleMenus();
  })
  .catch(() => undefined);
onSettingsChanged((settings) => {
  setUiLanguage(settings.uiLanguage);
  retitleMenus();
});
