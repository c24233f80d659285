/**
 * The tab's answer, asked for once per popup: by its first script (first-screen.ts), the moment
 * the popup's HTML is parsed, which draws the first screen from it and leaves it for the rest of
 * the popup (main.tsx) to take instead of asking again.
 */
import { askForArticle, type AskTab, type TabAnswer } from './load-article.ts';
import { targetTab } from './target-tab.ts';
import { tabsApi } from './tabs-api.ts';

export async function askTheTab(): Promise<TabAnswer> {
  try {
    const tabs = tabsApi();
    const ask: AskTab = (tabId, request) => tabs.sendMessage(tabId, request) as never;
    return await askForArticle(await targetTab(tabs), ask);
  } catch (e) {
    return { kind: 'failed', tabId: -1, error: String((e as Error)?.message ?? e) };
  }
}

/** Where the first script leaves the answer for the rest of the popup. */
const KEY = '__oqyTabAnswer';

export function leaveAnswer(answer: Promise<TabAnswer>): void {
  (globalThis as Record<string, unknown>)[KEY] = answer;
}

/** The answer the first script asked for; asked here where it did not run (it failed to load). */
export function takeAnswer(): Promise<TabAnswer> {
  const left = (globalThis as Record<string, unknown>)[KEY] as Promise<TabAnswer> | undefined;
  return left ?? askTheTab();
}
