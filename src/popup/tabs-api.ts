/**
 * The tab calls the popup's first screen needs, straight from the browser: Firefox's `browser`
 * and Chrome's `chrome` both return promises in Manifest V3. The first screen is drawn before
 * webextension-polyfill (and the rest of the popup) has loaded, so it does without it.
 */
import type { Tabs } from 'webextension-polyfill';

export interface TabsApi {
  get(tabId: number): Promise<Tabs.Tab>;
  query(query: { active?: boolean; currentWindow?: boolean }): Promise<Tabs.Tab[]>;
  sendMessage(tabId: number, message: unknown): Promise<unknown>;
}

export function tabsApi(): TabsApi {
  const world = globalThis as unknown as { browser?: { tabs?: TabsApi }; chrome?: { tabs?: TabsApi } };
  const tabs = world.browser?.tabs ?? world.chrome?.tabs;
  if (!tabs) throw new Error('no tabs API in this page');
  return tabs;
}
