import { render } from 'preact';
import { App } from './App.tsx';
import { setUiLanguage, uiLanguage } from '../shared/i18n.ts';
import { loadSettings } from '../shared/settings.ts';
import { fontFaceCss } from '../reader/fonts.ts';
import { targetTab } from './target-tab.ts';
import { loadState, type PopupState } from './load-article.ts';
import { stateFeed } from './state-feed.ts';

// The article is asked for at once, while the settings load: the tab's content script has
// usually read it already, and the popup is as quick as the slower of the two.
const feed = stateFeed<PopupState>({ kind: 'loading' });
void targetTab()
  .then((tab) => loadState(tab, feed.report))
  .catch((e): PopupState => ({ kind: 'failed', tabId: -1, error: String(e) }))
  .then((s) => {
    performance.mark('oqy:article-read');
    feed.report(s);
  });

const fonts = document.createElement('style');
fonts.textContent = fontFaceCss((file) => `/fonts/${file}`);
document.head.appendChild(fonts);

// The language the reader chose in the options, if any; the popup must not wait long for it.
void loadSettings()
  .then((s) => setUiLanguage(s.uiLanguage))
  .catch(() => undefined)
  .finally(() => {
    document.documentElement.lang = uiLanguage();
    render(<App feed={feed} />, document.getElementById('app')!);
  });
