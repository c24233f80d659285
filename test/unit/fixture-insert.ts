/** The fixture articles, and blocks put into their pages at a chosen place in the body. */
import { loadFixtures } from '../harness/fixture-server.ts';

export interface ArticleGold {
  url: string;
  lang: 'kk' | 'ru';
  isArticle: boolean;
  text: string[];
  mustNotContain: string[];
  source: { name: string; url: string };
  views: number;
  archivedAt: string;
}

export function articleFixtures(): { name: string; html: string; gold: ArticleGold }[] {
  return loadFixtures()
    .map((f) => ({ name: f.name, html: f.html, gold: f.gold as unknown as ArticleGold }))
    .filter((f) => f.gold.isArticle);
}

/** The page with `block` put in before the element whose text starts with the gold's block `at` (before its figure, for a caption). */
export function withBlock(html: string, gold: ArticleGold, at: number, block: string): string {
  const opening = gold.text[at]!.slice(0, 30);
  const text = html.indexOf(`>${opening}`);
  if (text < 0) throw new Error(`no element opens with ${opening}`);
  let tag = html.lastIndexOf('<', text);
  // A caption's text: before its figure, not between the picture and the caption.
  if (html.startsWith('<figcaption', tag)) tag = html.lastIndexOf('<figure', tag);
  return html.slice(0, tag) + block + html.slice(tag);
}

/** The page with `block` put in after the block element that holds the gold's block `at`. */
export function afterBlock(html: string, gold: ArticleGold, at: number, block: string): string {
  const opening = gold.text[at]!.slice(0, 30);
  const text = html.indexOf(`>${opening}`);
  if (text < 0) throw new Error(`no element opens with ${opening}`);
  const close = /<\/(?:p|div|h[1-6]|li|figure)>/g;
  close.lastIndex = text;
  const end = close.exec(html);
  if (!end) throw new Error(`no end to the element of ${opening}`);
  const at_ = end.index + end[0].length;
  return html.slice(0, at_) + block + html.slice(at_);
}

/** Where to put a block: before the first paragraph, inside the body, before the last paragraph of prose. */
export function bodyPlaces(gold: ArticleGold): number[] {
  const last = gold.text.filter((t) => t.length > 100).length - 1;
  return [...new Set([0, Math.min(2, last), last])];
}
