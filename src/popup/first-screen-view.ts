/**
 * The popup's first screen: an article's title and first paragraphs as plain text, drawn while
 * the rest of the popup loads. Only text is drawn (textContent, never the article's HTML), so
 * nothing of the page's can run or load here.
 */
import type { Extraction } from '../core/types.ts';
import { textElement } from '../ui/text-element.ts';

/** About one screen of the popup: the rest comes with the full view a moment later. */
const FIRST_BLOCKS = 12;
const FIRST_CHARACTERS = 4000;

/** The first blocks of the article's text (one block a line), up to about a screenful. */
export function firstBlocks(text: string): string[] {
  const blocks: string[] = [];
  let length = 0;
  for (const line of text.split('\n')) {
    const block = line.trim();
    if (!block) continue;
    blocks.push(block);
    length += block.length;
    if (blocks.length >= FIRST_BLOCKS || length >= FIRST_CHARACTERS) break;
  }
  return blocks;
}

/** The first screen for `article`, in `root`'s place of whatever it held. */
export function drawFirstScreen(root: HTMLElement, article: Pick<Extraction, 'title' | 'lang' | 'textContent'>): void {
  const doc = root.ownerDocument;
  const element = <K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string) => textElement(doc, tag, className, text);
  const screen = element('div', 'popup first-screen');
  screen.setAttribute('aria-busy', 'true');
  const view = element('article', 'article');
  if (article.lang) view.lang = article.lang;
  const header = element('header');
  // Room where the full view puts its controls, so the text does not jump when it takes over.
  header.append(element('h1', undefined, article.title ?? ''), element('div', 'first-screen-controls'));
  const body = element('div', 'body');
  for (const block of firstBlocks(article.textContent)) body.append(element('p', undefined, block));
  view.append(header, body);
  screen.append(view);
  root.replaceChildren(screen);
}
