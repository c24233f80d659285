/**
 * The toolbar button per tab: coloured with a "read" tooltip on an article, grey otherwise,
 * and a "!" with the reason when auto mode had to leave an article as it was.
 */
import browser from 'webextension-polyfill';
import type { PageStatus } from '../core/types.ts';
import { askTab, type AutoProblem } from '../shared/messages.ts';
import { t } from '../shared/i18n.ts';

const ON = { 16: '/icons/oqy-16.png', 32: '/icons/oqy-32.png' };
const OFF = { 16: '/icons/oqy-off-16.png', 32: '/icons/oqy-off-32.png' };

/** Problems of the page now in each tab; a new page clears its tab's. */
const problems = new Map<number, AutoProblem>();

async function apply(tabId: number, available: boolean, title: string, badge = ''): Promise<void> {
  try {
    await browser.action.setIcon({ tabId, path: available ? ON : OFF });
    await browser.action.setTitle({ tabId, title });
    await browser.action.setBadgeText({ tabId, text: badge });
    if (badge) await browser.action.setBadgeBackgroundColor({ tabId, color: '#b3261e' });
  } catch {
    /* The tab closed meanwhile. */
  }
}

function problemTitle(problem: AutoProblem): string {
  return t('actionTitleAutoFailed', problem.detail.slice(0, 120));
}

export function showPageStatus(tabId: number, status: PageStatus): Promise<void> {
  const problem = problems.get(tabId);
  if (problem) return apply(tabId, status.isArticle, problemTitle(problem), '!');
  if (status.isArticle) return apply(tabId, true, t('actionTitleReady'));
  return apply(tabId, false, status.site === 'generic' ? t('actionTitleIdle') : t('actionTitleNotArticle'));
}

export function showAutoProblem(tabId: number, problem: AutoProblem): Promise<void> {
  problems.set(tabId, problem);
  return apply(tabId, true, problemTitle(problem), '!');
}

export function showIdle(tabId: number): Promise<void> {
  problems.delete(tabId);
  return apply(tabId, false, t('actionTitleIdle'));
}

/** Asks the page in the tab what it is now, and shows that; a tab with no content script stays as it is. */
async function refresh(tabId: number): Promise<void> {
  try {
    await showPageStatus(tabId, await askTab(tabId, { type: 'oqy/get-status' }));
  } catch {
    /* No content script there (another site, a browser page) or the tab closed. */
  }
}

/**
 * The button follows the tab: a new page is loading, so until its content script speaks no
 * reader is on offer; once loaded, or when only the address changed (history.pushState as an
 * infinite scroll moves to the next article: Chromium reports it as a short load, Firefox as an
 * address change), the page is asked what it is now.
 */
export function followTabs(): void {
  browser.tabs.onUpdated.addListener((tabId, change) => {
    if (change.status === 'loading') void showIdle(tabId);
    if (change.status === 'complete' || (change.url !== undefined && change.status !== 'loading')) void refresh(tabId);
  });
}
