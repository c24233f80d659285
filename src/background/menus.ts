/** The context-menu item, titled in the interface language. */
import browser from 'webextension-polyfill';
import { t } from '../shared/i18n.ts';
import { readerFor, saveFor } from './open-reader.ts';

const READ_ID = 'oqy-open-reader';
const SAVE_ID = 'oqy-save';

export function createMenus(): void {
  browser.contextMenus
    .removeAll()
    .then(() => {
      browser.contextMenus.create({ id: READ_ID, title: t('menuOpenReader'), contexts: ['page'] });
      browser.contextMenus.create({ id: SAVE_ID, title: t('menuSave'), contexts: ['page'] });
    })
    .catch(() => undefined);
}

export function retitleMenus(): void {
  browser.contextMenus.update(READ_ID, { title: t('menuOpenReader') }).catch(() => undefined);
  browser.contextMenus.update(SAVE_ID, { title: t('menuSave') }).catch(() => undefined);
}

export function listenToMenus(): void {
  browser.contextMenus.onClicked.addListener((info, tab) => {
    if (info.menuItemId === READ_ID) void readerFor(tab, 'open');
    if (info.menuItemId === SAVE_ID) void saveFor(tab);
  });
}
