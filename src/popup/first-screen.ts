/**
 * The popup's first script, a few KB: it asks the tab for its article (tab-answer.ts) and, if
 * there is one, draws its first screen as plain text while the rest of the popup (Preact, the
 * sanitizer, the messages: main.tsx) loads. The full view then takes its place.
 */
import { fontFaceCss } from '../reader/fonts.ts';
import { drawFirstScreen } from './first-screen-view.ts';
import { tabAnswer } from './tab-answer.ts';

const fonts = document.createElement('style');
fonts.textContent = fontFaceCss((file) => `/fonts/${file}`);
document.head.appendChild(fonts);

void tabAnswer.then((answer) => {
  const root = document.getElementById('first');
  // The full view may have come first: it takes this root away once it shows the answer.
  if (answer.kind !== 'article' || !root?.isConnected) return;
  drawFirstScreen(root, answer.article);
  requestAnimationFrame(() => performance.mark('oqy:first-shown'));
});

import('./main.tsx').catch((e: unknown) => {
  // Only a broken install gets here: said in the browser's own words, since the messages did not load.
  document.getElementById('first')?.remove();
  const notice = document.createElement('p');
  notice.className = 'notice';
  notice.setAttribute('role', 'alert');
  notice.textContent = `Oqy: ${String((e as Error)?.message ?? e)}`;
  document.getElementById('app')?.replaceChildren(notice);
});
