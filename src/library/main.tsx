/** The library page: settings first (language, theme, font), then the list. */
import { render } from 'preact';
import browser from 'webextension-polyfill';
import { Library } from './Library.tsx';
import { openLibrary } from '../shared/library-db.ts';
import { loadSettings, onSettingsChanged } from '../shared/settings.ts';
import { DEFAULT_SETTINGS, type Settings } from '../shared/settings-schema.ts';
import { setUiLanguage, t, uiLanguage } from '../shared/i18n.ts';
import { FONT_FAMILIES, fontFaceCss } from '../reader/fonts.ts';
import { themeRules } from './format.ts';

// Opening the database does not wait for the settings.
const open = openLibrary();

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
  render(<Library open={open} />, app);
  onSettingsChanged((next) => {
    apply(next);
    // Strings and dates follow the new language on the next render.
    render(<Library open={open} />, app);
  });
}

void main();
