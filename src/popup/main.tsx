import { render } from 'preact';
import { App } from './App.tsx';
import { setUiLanguage, uiLanguage } from '../shared/i18n.ts';
import { loadSettings } from '../shared/settings.ts';
import { stateFor, type PopupState } from './load-article.ts';
import { stateFeed } from './state-feed.ts';
import { takeAnswer } from './tab-answer.ts';

// The tab's answer was asked for by the popup's first script (first-screen.ts), before this
// module and its imports loaded; it is usually in hand already.
const feed = stateFeed<PopupState>({ kind: 'loading' });
void takeAnswer()
  .then((answer) => stateFor(answer, feed.report))
  .then((s) => {
    performance.mark('oqy:article-read');
    feed.report(s);
  });

/** The first screen gives way once the full view shows what it shows. */
const leaveFirstScreen = () => document.getElementById('first')?.remove();

// The language the reader chose in the options, if any; the popup must not wait long for it.
void loadSettings()
  .then((s) => setUiLanguage(s.uiLanguage))
  .catch(() => undefined)
  .finally(() => {
    document.documentElement.lang = uiLanguage();
    render(<App feed={feed} onSettled={leaveFirstScreen} />, document.getElementById('app')!);
  });
