/** The keyboard shortcuts: the reader opened or closed, the article saved, on the tab in front. */
import browser, { type Tabs } from 'webextension-polyfill';
import { readerFor, saveFor } from './open-reader.ts';

/** The tab a shortcut acts on: the one it came with, or the active tab of the current window. */
function targetOf(tab: Tabs.Tab | undefined): Promise<Tabs.Tab | undefined> {
  return tab ? Promise.resolve(tab) : browser.tabs.query({ active: true, currentWindow: true }).then(([active]) => active);
}

export function listenToCommands(): void {
  browser.commands.onCommand.addListener((command, tab) => {
    if (command === 'toggle-reader') void targetOf(tab).then((t) => readerFor(t, 'toggle'));
    if (command === 'save-article') void targetOf(tab).then((t) => saveFor(t));
  });
}
