import { render } from 'preact';
import browser from 'webextension-polyfill';
import { Options } from './Options.tsx';
import { loadSettings } from '../shared/settings.ts';
import { DEFAULT_SETTINGS } from '../shared/settings-schema.ts';
import { setUiLanguage, t, uiLanguage } from '../shared/i18n.ts';
import { fontFaceCss } from '../reader/fonts.ts';
import { READER_CSS } from '../reader/reader-styles.ts';

async function main() {
  const settings = await loadSettings().catch(() => DEFAULT_SETTINGS);
  setUiLanguage(settings.uiLanguage);
  document.documentElement.lang = uiLanguage();
  document.title = t('optionsTitle');
  const style = document.createElement('style');
  style.textContent = fontFaceCss((file) => browser.runtime.getURL(`fonts/${file}`)) + READER_CSS;
  document.head.appendChild(style);
  render(<Options initial={settings} />, document.getElementById('app')!);
}

void main();
