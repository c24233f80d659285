/**
 * Whole news pages of other sites in shapes that misled the reader, made up here with the
 * furniture real sites carry (test/fixtures/generic-shapes: each page with the text a reader
 * would keep, its headline first): a two-paragraph brief beside a sidebar of boxes and a cookie
 * notice, each longer than it; the next article preloaded below the one asked for; a Chinese
 * agency's photo captions with their credits and a portal's editor and copyright lines. Each
 * is scored as score-generic.mjs scores (bags of words, the headline first) and must come close
 * to the reference text and no lower than plain Readability on the same page.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Readability } from '@mozilla/readability';
import { extractHtml, parse } from './dom-env.ts';

const DIR = resolve(import.meta.dirname, '../fixtures/generic-shapes');
const URL_ = 'https://news.example.com/2026/02/story.html';

/** Words as the corpus scorer counts them: a Han or kana letter alone, else runs of letters and digits. */
function tokens(text: string): string[] {
  return Array.from(text.normalize('NFC').toLowerCase().matchAll(/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]|[\p{L}\p{M}\p{N}]+/gu), (m) => m[0]);
}

function f1(got: string, truth: string): number {
  const bag = new Map<string, number>();
  for (const t of tokens(truth)) bag.set(t, (bag.get(t) ?? 0) + 1);
  const all = tokens(got);
  let hit = 0;
  for (const t of all) {
    const n = bag.get(t) ?? 0;
    if (n > 0) {
      hit++;
      bag.set(t, n - 1);
    }
  }
  const truthCount = tokens(truth).length;
  if (!all.length || !truthCount || !hit) return 0;
  const p = hit / all.length;
  const r = hit / truthCount;
  return (2 * p * r) / (p + r);
}

const pages = readdirSync(DIR).map((name) => ({
  name,
  html: readFileSync(resolve(DIR, name, 'page.html'), 'utf8'),
  truth: readFileSync(resolve(DIR, name, 'truth.txt'), 'utf8'),
}));

describe('news pages of other sites in shapes that misled the reader', () => {
  it('has its pages', () => {
    expect(pages.length).toBeGreaterThanOrEqual(4);
  });

  for (const page of pages) {
    it(`${page.name}: the article, close to the reference text and no lower than plain Readability`, () => {
      const out = extractHtml(page.html, URL_);
      const ours = f1(`${out.title ?? ''}\n${out.textContent}`, page.truth);
      const dom = parse(page.html, URL_);
      const plain = new Readability(dom.window.document).parse();
      dom.window.close();
      const theirs = f1(`${plain?.title ?? ''}\n${plain?.textContent ?? ''}`, page.truth);
      expect(ours, `Oqy ${ours.toFixed(3)}, Readability ${theirs.toFixed(3)}`).toBeGreaterThanOrEqual(0.97);
      expect(ours).toBeGreaterThanOrEqual(theirs);
      // The article's first paragraph is there.
      const first = page.truth.split('\n')[1]!;
      expect(out.textContent.replace(/\s+/g, ' ')).toContain(first.replace(/\s+/g, ' ').slice(0, 40));
    });
  }
});
