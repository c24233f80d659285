/**
 * Pages whose own script changes them after they load, built from the shape fixtures
 * (test/fixtures/qazaq24-shapes) for the end-to-end tests:
 *
 * - an infinite scroll: scroll-first-kk with its second article held back in a <template>;
 *   when the reader scrolls near the bottom the page appends it, calls history.pushState with
 *   its address and sets the document title to it, as infinite-scroll sites do;
 * - a page built by script: inserts-ru with its whole <main> held back and put in place by a
 *   timer a moment after the page has loaded, as a page that fetches its article would.
 *
 * The golds are the fixtures' own: what the first and the second article must read as.
 */
import { loadFixtures, SHAPES_DIR, type Fixture } from './fixture-server.ts';

export interface ArticleGold {
  url: string;
  title: string;
  lang: string;
  source: { name: string; url: string };
  views: number;
  archivedAt: string;
  text: string[];
  mustNotContain: string[];
}

export interface ScrollPage {
  /** Where the page is served (http): the first article's address. */
  servedUrl: string;
  /** The address the page moves to when the second article comes in (http). */
  nextUrl: string;
  html: string;
  first: ArticleGold;
  second: ArticleGold;
}

export interface ScriptedPage {
  servedUrl: string;
  html: string;
  gold: ArticleGold;
  /** The event (on window) on which the page's script puts its article in place, as a page's data arrives late. */
  insertEvent: string;
}

function shape(name: string): Fixture {
  const f = loadFixtures(SHAPES_DIR).find((x) => x.name === name);
  if (!f) throw new Error(`shape fixture ${name} is missing from ${SHAPES_DIR}`);
  return f;
}

const http = (url: string) => url.replace(/^https:/, 'http:');

function cut(html: string, start: string, end: string, name: string): { before: string; part: string; after: string } {
  const a = html.indexOf(start);
  const b = html.indexOf(end, a);
  if (a < 0 || b < 0) throw new Error(`${name}: cannot find ${JSON.stringify(start)} … ${JSON.stringify(end)}`);
  return { before: html.slice(0, a), part: html.slice(a, b), after: html.slice(b) };
}

export function infiniteScrollPage(): ScrollPage {
  const firstPage = shape('scroll-first-kk');
  const first = firstPage.gold as unknown as ArticleGold;
  const second = shape('scroll-pushed-kk').gold as unknown as ArticleGold;
  const { before, part, after } = cut(firstPage.html, '<div><span>Келесі жаңалық</span></div>', '</main>', firstPage.name);
  const nextPath = new URL(second.url).pathname;
  const script = `<script>
(() => {
  let appended = false;
  const next = () => {
    if (appended || scrollY + innerHeight < document.documentElement.scrollHeight - 300) return;
    appended = true;
    document.querySelector('main').appendChild(document.getElementById('next-article').content.cloneNode(true));
    history.pushState({ article: 2 }, '', ${JSON.stringify(nextPath)});
    document.title = ${JSON.stringify(`${second.title} - Qazaq24.com`)};
  };
  addEventListener('scroll', next, { passive: true });
})();
</script>`;
  const html = `${before}${after}`.replace('</body>', `<template id="next-article">${part}</template>\n${script}\n</body>`);
  return { servedUrl: http(first.url), nextUrl: http(second.url), html, first, second };
}

export function scriptedPage(): ScriptedPage {
  const page = shape('inserts-ru');
  const { before, part, after } = cut(page.html, '<main>', '</body>', page.name);
  const insertEvent = 'article-data-arrived';
  // The test tells the page when its data "arrives": after it has seen the page without the article.
  const script = `<script>
addEventListener(${JSON.stringify(insertEvent)}, () => {
  const t = document.getElementById('article-later');
  document.body.insertBefore(t.content.cloneNode(true), t);
}, { once: true });
</script>`;
  const html = `${before}<template id="article-later">${part}</template>\n${script}\n${after}`;
  return { servedUrl: http(page.url), html, gold: page.gold as unknown as ArticleGold, insertEvent };
}
