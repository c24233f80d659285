/** The background: keeps the toolbar button's look in step with each tab's page. */
import browser, { type Runtime } from 'webextension-polyfill';
import { isOqyMessage } from '../shared/messages.ts';
import { showPageStatus, showIdle } from './action-state.ts';

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
