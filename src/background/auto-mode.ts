/**
 * Auto reader mode's script is registered only for the sites it is on for: Qazaq24 when its
 * switch is on, and each other site the reader added and granted access to. Nowhere else does
 * anything run at document_start.
 */
import browser from 'webextension-polyfill';
import autoScript from '../content/auto.ts?script&iife';
import type { Settings } from '../shared/settings-schema.ts';

const SCRIPT_ID = 'oqy-auto';
export const QAZAQ24_MATCHES = ['*://qazaq24.com/*', '*://*.qazaq24.com/*'];

async function grantedSites(sites: readonly string[]): Promise<string[]> {
  const granted: string[] = [];
  for (const origin of sites) if (await browser.permissions.contains({ origins: [origin] }).catch(() => false)) granted.push(origin);
  return granted;
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x));
}

let queue: Promise<void> = Promise.resolve();

/** Brings the registration in line with the settings; calls run one after another. */
export function syncAutoMode(settings: Settings): Promise<void> {
  queue = queue.then(() => register(settings)).catch(() => undefined);
  return queue;
}

async function register(settings: Settings): Promise<void> {
  const matches = [...(settings.autoMode.qazaq24 ? QAZAQ24_MATCHES : []), ...(await grantedSites(settings.autoMode.sites))];
  const existing = await browser.scripting.getRegisteredContentScripts({ ids: [SCRIPT_ID] }).catch(() => []);
  // The background wakes often and syncs each time: a registration already right is left
  // alone, so no page loads in the moment between taking it down and putting it back.
  if (existing.length === 1 && sameSet(existing[0]!.matches ?? [], matches) && sameSet(existing[0]!.js ?? [], [autoScript])) return;
  if (existing.length) await browser.scripting.unregisterContentScripts({ ids: [SCRIPT_ID] });
  if (!matches.length) return;
  const script = { id: SCRIPT_ID, js: [autoScript], matches, runAt: 'document_start' as const, allFrames: false };
  try {
    await browser.scripting.registerContentScripts([{ ...script, persistAcrossSessions: true }]);
  } catch {
    await browser.scripting.registerContentScripts([script]);
  }
}
