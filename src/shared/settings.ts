/**
 * Reading and writing the settings: `storage.sync` where the browser has it (the reader's
 * choices follow them to other machines), `storage.local` otherwise. Every value read goes
 * through the schema's migrations.
 *
 * A change is read, merged and written back: two quick changes (two clicks on "larger") would
 * each read the same stored value and the second write would undo the first. So every write of
 * this page goes through one queue, and a change reads the settings only when its turn comes.
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

/** The writes of this page, one after another. */
let queue: Promise<unknown> = Promise.resolve();

function inTurn<T>(work: () => Promise<T>): Promise<T> {
  const turn = queue.then(work);
  queue = turn.catch(() => undefined);
  return turn;
}

async function write(settings: Settings): Promise<void> {
  const store = await area();
  await store.set({ [KEY]: settings });
}

export function saveSettings(settings: Settings): Promise<void> {
  return inTurn(() => write(settings));
}

/** Applies a change to the settings as stored when the change's turn comes; resolves with the result. */
export function changeSettings(change: SettingsChange): Promise<Settings> {
  return inTurn(async () => {
    const next = withChange(await loadSettings(), change);
    await write(next);
    return next;
  });
}

/** Calls back with the new settings whenever they change, in any page or tab. */
export function onSettingsChanged(callback: (settings: Settings) => void): () => void {
  const listener = (changes: Record<string, Storage.StorageChange>) => {
    if (KEY in changes) callback(migrateSettings(changes[KEY]!.newValue));
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}
