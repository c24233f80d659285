/** The toolbar button per tab: coloured with a "read" tooltip on an article, grey otherwise. */
import browser from 'webextension-polyfill';
import type { PageStatus } from '../core/types.ts';
import { t } from '../shared/i18n.ts';

const ON = { 16: '/icons/oqy-16.png', 32: '/icons/oqy-32.png' };
const OFF = { 16: '/icons/oqy-off-16.png', 32: '/icons/oqy-off-32.png' };

async function apply(tabId: number, available: boolean, title: string): Promise<void> {
  try {
    await browser.action.setIcon({ tabId, path: available ? ON : OFF });
    await browser.action.setTitle({ tabId, title });
  } catch {
    /* The tab closed meanwhile. */
  }
}

export function showPageStatus(tabId: number, status: PageStatus): Promise<void> {
  if (status.isArticle) return apply(tabId, true, t('actionTitleReady'));
  return apply(tabId, false, status.site === 'generic' ? t('actionTitleIdle') : t('actionTitleNotArticle'));
}

export function showIdle(tabId: number): Promise<void> {
  return apply(tabId, false, t('actionTitleIdle'));
}
