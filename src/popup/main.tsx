import { render } from 'preact';
import { App } from './App.tsx';
import { setUiLanguage, uiLanguage } from '../shared/i18n.ts';
import { loadSettings } from '../shared/settings.ts';
import { fontFaceCss } from '../reader/fonts.ts';

const fonts = document.createElement('style');
fonts.textContent = fontFaceCss((file) => `/fonts/${file}`);
document.head.appendChild(fonts);

// The language the reader chose in the options, if any; the popup must not wait long for it.
void loadSettings()
  .then((s) => setUiLanguage(s.uiLanguage))
  .catch(() => undefined)
  .finally(() => {
    document.documentElement.lang = uiLanguage();
    render(<App />, document.getElementById('app')!);
  });
