/**
 * The few extension APIs the scripts that run on every page need (auto mode's at
 * document_start, the Qazaq24 content script), straight from the browser: Firefox's `browser`
 * and Chrome's `chrome` both return promises in Manifest V3, so these scripts do without
 * webextension-polyfill (10 KB they would parse on every page).
 */
interface StorageArea {
  get(key: string): Promise<Record<string, unknown>>;
}

type Listener = (message: unknown, sender: unknown, sendResponse: (reply: unknown) => void) => true | undefined;

export interface ExtensionApi {
  runtime: {
    sendMessage(message: unknown): Promise<unknown>;
    onMessage: { addListener(listener: Listener): void };
  };
  storage: { sync?: StorageArea; local: StorageArea };
  i18n: { getUILanguage(): string };
}

export function extensionApi(): ExtensionApi {
  const world = globalThis as unknown as { browser?: ExtensionApi; chrome?: ExtensionApi };
  // The page's elements named "browser" or "runtime" show through as properties (DOM
  // clobbering); they have no functions, the browser's API has.
  const api = [world.browser, world.chrome].find((c) => typeof c?.runtime?.sendMessage === 'function' && typeof c?.storage?.local?.get === 'function');
  if (!api) throw new Error('no extension API in this world');
  return api;
}

/** A message to the background; the reply, or a rejection when nothing answers. */
export function ask<T>(message: unknown): Promise<T> {
  return extensionApi().runtime.sendMessage(message) as Promise<T>;
}

/** The settings as stored, of any version (migrateSettings brings them to the current shape): sync storage, else local. */
export async function readStoredSettings(): Promise<unknown> {
  const storage = extensionApi().storage;
  try {
    return (await storage.sync!.get('settings')).settings;
  } catch {
    return (await storage.local.get('settings')).settings;
  }
}
