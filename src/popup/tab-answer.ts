/**
 * The tab's answer, asked for the moment the popup's first script runs: the first screen is
 * drawn from it while the rest of the popup loads, and the popup itself (main.tsx) takes the same
 * answer instead of asking again.
 */
import { askForArticle, type AskTab, type TabAnswer } from './load-article.ts';
import { targetTab } from './target-tab.ts';
import { tabsApi } from './tabs-api.ts';

async function askTheTab(): Promise<TabAnswer> {
  const tabs = tabsApi();
  const ask: AskTab = (tabId, request) => tabs.sendMessage(tabId, request) as never;
  return askForArticle(await targetTab(tabs), ask);
}

export const tabAnswer: Promise<TabAnswer> = askTheTab().catch((e: unknown) => ({ kind: 'failed', tabId: -1, error: String((e as Error)?.message ?? e) }));
