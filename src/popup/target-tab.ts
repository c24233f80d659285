/**
 * Which tab the popup reads: the active tab of its window, or (when the popup is opened as a
 * page, as in tests) the tab named by `?tab=ID` or `?url=ADDRESS`.
 */
import type { Tabs } from 'webextension-polyfill';
import type { TabsApi } from './tabs-api.ts';

export async function targetTab(tabs: TabsApi, search: string = location.search): Promise<Tabs.Tab | null> {
  const params = new URLSearchParams(search);
  const id = params.get('tab');
  if (id && /^\d+$/.test(id)) {
    try {
      return await tabs.get(Number(id));
    } catch {
      return null;
    }
  }
  const url = params.get('url');
  if (url) {
    const all = await tabs.query({});
    return all.find((tab) => tab.url === url) ?? null;
  }
  const [active] = await tabs.query({ active: true, currentWindow: true });
  return active ?? null;
}
