/**
 * The library page's first script: a classic script of a few KB, one self-contained file (built
 * apart, see vite.config.ts), run as soon as the page's HTML is parsed. It reads the reader's
 * theme and the library's kept first rows from the extension's storage (first-rows.ts: opening
 * a big library's database takes longer than the whole first screen may) and draws them as
 * plain text while the rest of the page (Preact, idb, the messages: page.tsx) loads. The page
 * reads the library itself, and its own rows replace these. Any failure draws nothing.
 */
import { extensionApi, readStoredSettings } from '../content/extension-api.ts';
import { FONT_FAMILIES, type FontKind } from '../reader/fonts.ts';
import { migrateSettings } from '../shared/settings-schema.ts';
import { FIRST_ROWS_KEY, parseFirstRows } from './first-rows.ts';
import { drawFirstScreen } from './first-screen-view.ts';
import { leaveFirstScreen } from './first-hand-over.ts';
import { themeRules } from './theme-rules.ts';

/** For the library benchmark: when this script ran, and when its rows were on screen. */
performance.mark('oqy:library-first-script');

/** The reader's theme and title font, from the settings as stored (of any version). */
async function look(): Promise<{ theme: string; font: FontKind }> {
  const { reader } = migrateSettings(await readStoredSettings());
  return { theme: reader.theme, font: reader.font };
}

function applyLook({ theme, font }: { theme: string; font: FontKind }): void {
  const root = document.documentElement;
  // The page's own settings (page.tsx) win once they are read.
  if (root.dataset.theme) return;
  const style = document.createElement('style');
  style.textContent = themeRules();
  document.head.append(style);
  root.dataset.theme = theme;
  root.style.setProperty('--library-title-font', FONT_FAMILIES[font]);
  root.style.setProperty('--library-font', FONT_FAMILIES.sans);
}

function parsed(): Promise<void> {
  if (document.readyState !== 'loading') return Promise.resolve();
  return new Promise((resolve) => document.addEventListener('readystatechange', () => resolve(), { once: true }));
}

async function firstScreen(): Promise<void> {
  const [rows, seen] = await Promise.all([
    extensionApi().storage.local.get(FIRST_ROWS_KEY).then((stored) => parseFirstRows(stored[FIRST_ROWS_KEY])),
    look().catch(() => null),
  ]);
  // This script runs from the page's head: the body may still be parsing (the page's modules
  // run only once it is done and this script has drawn, first-hand-over.ts).
  await parsed();
  if (seen) applyLook(seen);
  const root = document.getElementById('first');
  // The full page may have come first: it takes this root away once it shows its rows.
  if (!rows || !root?.isConnected) return;
  if (drawFirstScreen(root, rows)) requestAnimationFrame(() => performance.mark('oqy:library-first-drawn'));
}

leaveFirstScreen(firstScreen().catch(() => document.getElementById('first')?.replaceChildren()));
