/**
 * Reading and writing the settings: `storage.sync` where the browser has it (the reader's
 * choices follow them to other machines), `storage.local` otherwise. Every value read goes
 * through the schema's migrations.
 */
import browser, { type Storage } from 'webextension-polyfill';
import { migrateSettings, withChange, type Settings, type SettingsChange } from './settings-schema.ts';

const KEY = 'settings';

async function area(): Promise<Storage.StorageArea> {
  try {
    await browser.storage.sync.get(KEY);
    return browser.storage.sync;
  } catch {
    return browser.storage.local;
  }
}

export async function loadSettings(): Promise<Settings> {
  const store = await area();
  const stored = (await store.get(KEY))[KEY];
  return migrateSettings(stored);
}

export async function saveSettings(settings: Settings): Promise<void> {
  const store = await area();
  await store.set({ [KEY]: settings });
}

export async function changeSettings(change: SettingsChange): Promise<Settings> {
  const next = withChange(await loadSettings(), change);
  await saveSettings(next);
  return next;
}

/** Calls back with the new settings whenever they change, in any page or tab. */
export function onSettingsChanged(callback: (settings: Settings) => void): () => void {
  const listener = (changes: Record<string, Storage.StorageChange>) => {
    if (KEY in changes) callback(migrateSettings(changes[KEY]!.newValue));
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}
