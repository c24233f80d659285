/**
 * The library's first screen: the newest articles' titles and sources as plain text, in the
 * list's own look (library.css), drawn while the rest of the page loads. Only text is drawn
 * (textContent): a title is whatever the saved page held. Room is kept where the bar's controls
 * and each row's buttons come, so that nothing moves when the full page takes over.
 */

import type { FirstRow } from './first-rows.ts';
import { textElement } from '../ui/text-element.ts';

/** Draws the first screen of `rows` into `root`; false (and nothing drawn) where there are none. */
export function drawFirstScreen(root: HTMLElement, rows: readonly FirstRow[]): boolean {
  if (!rows.length) return false;
  const doc = root.ownerDocument;
  const element = <K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string) => textElement(doc, tag, className, text);
  /** Room of a control's size, seen by no one. */
  const room = (className: string) => {
    const el = element('span', `first-room ${className}`, '\u00a0');
    el.setAttribute('aria-hidden', 'true');
    return el;
  };
  const line = (className: string, ...children: HTMLElement[]) => {
    const el = element('div', className);
    el.append(...children);
    return el;
  };

  const screen = element('div', 'library first-screen');
  screen.setAttribute('aria-busy', 'true');
  const bar = element('header', 'bar');
  bar.append(
    line('bar-line', element('h1', undefined, '\u00a0'), room('button')),
    line('bar-line views', room('button')),
    line('bar-line search', room('search-box')),
    line('meta-line', element('p', 'count', '\u00a0')),
    element('div', 'status'),
  );
  const list = element('ul', 'rows');
  for (const row of rows) {
    const item = element('li', 'row');
    const entry = element('article', 'entry');
    const text = element('div', 'entry-text');
    const title = element('h2', 'title', row.title);
    if (row.lang) title.lang = row.lang;
    text.append(title, element('p', 'meta', row.source ?? '\u00a0'));
    entry.append(room('select'), text, room('entry-actions'));
    item.append(entry);
    list.append(item);
  }
  const main = element('div', 'list');
  main.append(list);
  screen.append(bar, main);
  root.replaceChildren(screen);
  return true;
}
