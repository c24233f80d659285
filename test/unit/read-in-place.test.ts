/**
 * A Qazaq24 article is read where it stands: extract() leaves the page exactly as it was (no
 * node added, none cut, none moved), whether the page is read in place and only the article
 * copied (an ordinary article), read from a copy of the whole page (a line starting inside a
 * text node, which must be cut), or cut down to one of several articles.
 */
import { describe, expect, it } from 'vitest';
import { score } from '../../../shared/tools/score.mjs';
import { loadFixtures } from '../harness/fixture-server.ts';
import { extract } from '../../src/core/extract.ts';
import { parse } from './dom-env.ts';
import { articlePage, type Gold } from './variant-pages.ts';

const golds = loadFixtures().filter((f) => (f.gold as unknown as Gold).isArticle);

function nodeCount(root: Node): number {
  let n = 0;
  const stack: Node[] = [root];
  while (stack.length) {
    const node = stack.pop()!;
    n++;
    for (let c = node.firstChild; c; c = c.nextSibling) stack.push(c);
  }
  return n;
}

/** Extracts the page, and tells how many times the whole page was copied on the way. */
function read(html: string, url: string) {
  const dom = parse(html, url);
  const doc = dom.window.document;
  const before = { html: doc.documentElement.outerHTML, nodes: nodeCount(doc) };
  const proto = dom.window.Document.prototype;
  const clone = proto.cloneNode;
  let wholeCopies = 0;
  proto.cloneNode = function (this: Document, deep?: boolean) {
    if (deep && this === doc) wholeCopies++;
    return clone.call(this, deep) as Document;
  };
  const out = extract(doc, url, { window: dom.window as unknown as Window });
  const after = { html: doc.documentElement.outerHTML, nodes: nodeCount(doc) };
  dom.window.close();
  return { out, before, after, wholeCopies };
}

describe('reading a Qazaq24 article in place', () => {
  for (const f of golds) {
    it(`${f.name}: read in place, only the article copied, the page as it was`, () => {
      const r = read(f.html, f.url);
      expect(r.after).toEqual(r.before);
      expect(r.wholeCopies).toBe(0);
      expect(score(r.out, f.gold).problems).toEqual([]);
    });
  }

  it('reads a page whose lines must be cut out of one text node from a copy, and leaves the page as it was', () => {
    const gold = golds[0]!.gold as unknown as Gold;
    const page = articlePage(gold, 'br-body');
    const r = read(page.html, page.url);
    expect(r.wholeCopies).toBe(1);
    expect(r.after).toEqual(r.before);
    expect(score(r.out, gold).problems).toEqual([]);
  });

  it('reads the named one of several articles from a copy of its part, and leaves the page as it was', () => {
    const gold = golds[1]!.gold as unknown as Gold;
    const page = articlePage(gold, 'infinite-scroll');
    const r = read(page.html, page.url);
    expect(r.wholeCopies).toBe(0);
    expect(r.after).toEqual(r.before);
    expect(score(r.out, gold).problems).toEqual([]);
  });
});
