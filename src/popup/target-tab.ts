/**
 * Which tab the popup reads: the active tab of its window, or (when the popup is opened as a
 * page, as in tests) the tab named by `?tab=ID` or `?url=ADDRESS`.
 */
import browser, { type Tabs } from 'webextension-polyfill';

export async function targetTab(search: string = location.search): Promise<Tabs.Tab | null> {
  const params = new URLSearchParams(search);
  const id = params.get('tab');
  if (id && /^\d+$/.test(id)) {
    try {
      return await browser.tabs.get(Number(id));
    } catch {
      return null;
    }
  }
  const url = params.get('url');
  if (url) {
    const tabs = await browser.tabs.query({});
    return tabs.find((tab) => tab.url === url) ?? null;
  }
  const [active] = await browser.tabs.query({ active: true, currentWindow: true });
  return active ?? null;
}
