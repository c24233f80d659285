/** The context-menu item, titled in the interface language. */
import browser from 'webextension-polyfill';
import { t } from '../shared/i18n.ts';
import { readerFor } from './open-reader.ts';

const MENU_ID = 'oqy-open-reader';

export function createMenus(): void {
  browser.contextMenus.removeAll().then(() => {
    browser.contextMenus.create({ id: MENU_ID, title: t('menuOpenReader'), contexts: ['page'] });
  }).catch(() => undefined);
}

export function retitleMenus(): void {
  browser.contextMenus.update(MENU_ID, { title: t('menuOpenReader') }).catch(() => undefined);
}

export function listenToMenus(): void {
  browser.contextMenus.onClicked.addListener((info, tab) => {
    if (info.menuItemId === MENU_ID) void readerFor(tab, 'open');
  });
}
