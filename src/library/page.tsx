/** The library page (loaded by main.tsx once the first screen is drawn): settings first (language, theme, font), then the list. */
import { render } from 'preact';
import browser from 'webextension-polyfill';
import { FIRST_SCREEN, Library } from './Library.tsx';
import { firstScreen, openLibrary } from '../shared/library-db.ts';
import { loadSettings, onSettingsChanged } from '../shared/settings.ts';
import { DEFAULT_SETTINGS, type Settings } from '../shared/settings-schema.ts';
import { setUiLanguage, t, uiLanguage } from '../shared/i18n.ts';
import { FONT_FAMILIES, fontFaceCss } from '../reader/fonts.ts';
import { themeRules } from './theme-rules.ts';

// Opening the database and reading the first screen do not wait for the settings.
const open = openLibrary();
const first = open.then((db) => firstScreen(db, FIRST_SCREEN));
// (Failures are shown by the page, which waits on both.)
first.catch(() => undefined);

const style = document.createElement('style');
style.textContent = `${fontFaceCss((file) => browser.runtime.getURL(`fonts/${file}`))}\n${themeRules()}`;
document.head.appendChild(style);

function apply(settings: Settings): void {
  setUiLanguage(settings.uiLanguage);
  const root = document.documentElement;
  root.lang = uiLanguage();
  root.dataset.theme = settings.reader.theme;
  root.style.setProperty('--library-title-font', FONT_FAMILIES[settings.reader.font]);
  root.style.setProperty('--library-font', FONT_FAMILIES.sans);
  document.title = t('libraryTitle');
}

async function main(): Promise<void> {
  const app = document.getElementById('app')!;
  apply(await loadSettings().catch(() => DEFAULT_SETTINGS));
  render(<Library open={open} first={first} />, app);
  onSettingsChanged((next) => {
    apply(next);
    // Strings and dates follow the new language on the next render.
    render(<Library open={open} first={first} />, app);
  });
}

void main();
