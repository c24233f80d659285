import { render } from 'preact';
import { App } from './App.tsx';
import { uiLanguage } from '../shared/i18n.ts';

document.documentElement.lang = uiLanguage();
render(<App />, document.getElementById('app')!);
