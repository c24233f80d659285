/**
 * The popup's first script: a classic script of a few KB, one self-contained file (built apart,
 * see vite.config.ts), run as soon as the popup's HTML is parsed. It asks the tab for its article
 * and, if there is one, draws its first screen as plain text while the rest of the popup
 * (Preact, the sanitizer, the messages: main.tsx) loads; the full view then takes its place and
 * takes the same answer.
 */
import { fontFaceCss } from '../reader/fonts.ts';
import { drawFirstScreen } from './first-screen-view.ts';
import { askTheTab, leaveAnswer } from './tab-answer.ts';

// Marks for the popup benchmark: when this script ran, and when the tab's answer came.
performance.mark('oqy:first-script');
const answer = askTheTab();
leaveAnswer(answer);
void answer.then(() => performance.mark('oqy:tab-answer'));

const fonts = document.createElement('style');
fonts.textContent = fontFaceCss((file) => `/fonts/${file}`);
document.head.appendChild(fonts);

void answer.then((a) => {
  const root = document.getElementById('first');
  // The full view may have come first: it takes this root away once it shows the answer.
  if (a.kind !== 'article' || !root?.isConnected) return;
  drawFirstScreen(root, a.article);
  requestAnimationFrame(() => performance.mark('oqy:first-shown'));
});
