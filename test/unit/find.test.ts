/**
 * The plain walks of find.ts give the answers of the DOM calls they stand in for, on random
 * trees: querySelectorAll and querySelector for tag lists and `a[href]`, closest,
 * childElementCount, baseURI; and showsMoreThan is true only where visibleText is longer.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { allUnder, baseUrlOf, closestWhere, firstUnder, moreElementChildren, tagged, taggedInOrder, taggedWith } from '../../src/core/find.ts';
import { showsMoreThan, visibleText } from '../../src/core/clean/glyphs.ts';
import { parse } from './dom-env.ts';

const TAGS = ['div', 'p', 'a', 'span', 'img', 'b', 'script', 'figure', 'br', 'i'] as const;
const WORDS = ['see', 'Көрілімдер', ' ', '\u00a0', '\u200b', 'ſee', 'news', '104', ':', '\n  ', 'upқ', 'Menu', 'x_y', '𝐀', 'é', 'ә'];

interface Spec {
  tag: (typeof TAGS)[number] | '#text';
  text: string;
  href: boolean;
  icon: boolean;
  children: Spec[];
}

/** Trees up to `depth` levels, a few children each. */
function specOf(depth: number): fc.Arbitrary<Spec> {
  return fc.record({
    tag: fc.constantFrom(...TAGS, '#text' as const),
    text: fc.array(fc.constantFrom(...WORDS), { maxLength: 4 }).map((a) => a.join('')),
    href: fc.boolean(),
    icon: fc.boolean(),
    children: depth > 0 ? fc.array(specOf(depth - 1), { maxLength: 3 }) : fc.constant([]),
  });
}

function build(doc: Document, s: Spec, into: Node): void {
  if (s.tag === '#text') {
    into.appendChild(doc.createTextNode(s.text));
    return;
  }
  const el = doc.createElement(s.tag);
  if (s.href && s.tag === 'a') el.setAttribute('href', '/news/1');
  if (s.icon) el.setAttribute('class', 'material-icons');
  if (s.text) el.appendChild(doc.createTextNode(s.text));
  for (const c of s.children) build(doc, c, el);
  into.appendChild(el);
}

const doc = parse('<!doctype html><body></body>').window.document;

function tree(children: Spec[]): HTMLElement {
  const root = doc.createElement('div');
  for (const c of children) build(doc, c, root);
  doc.body.replaceChildren(root);
  return root;
}

const forests = fc.array(specOf(4), { minLength: 1, maxLength: 4 });

describe('find.ts', () => {
  it('finds what querySelectorAll and querySelector find, in the same order', () => {
    fc.assert(
      fc.property(forests, (children) => {
        const root = tree(children);
        for (const selector of ['img', 'a, p, span', 'script, b, i, figure']) {
          const test = tagged(...selector.split(', '));
          expect(allUnder(root, test)).toEqual(Array.from(root.querySelectorAll(selector)));
          expect(firstUnder(root, test)).toBe(root.querySelector(selector));
        }
        expect(allUnder(root, taggedWith('href', 'a'))).toEqual(Array.from(root.querySelectorAll('a[href]')));
        expect(taggedInOrder(root, 'p', 'a', 'img')).toEqual(Array.from(root.querySelectorAll('p, a, img')));
        expect(taggedInOrder(doc, 'span')).toEqual(Array.from(doc.querySelectorAll('span')));
      }),
      { numRuns: 300, seed: 11 },
    );
  });

  it('answers closest and childElementCount as the DOM does', () => {
    fc.assert(
      fc.property(forests, (children) => {
        const root = tree(children);
        for (const el of [root, ...Array.from(root.querySelectorAll('*'))]) {
          expect(closestWhere(el, tagged('a', 'p'))).toBe(el.closest('a, p'));
          expect(moreElementChildren(el, 1)).toBe(el.childElementCount > 1);
        }
      }),
      { numRuns: 300, seed: 11 },
    );
  });

  it('tells a longer visible text only where it is longer', () => {
    fc.assert(
      fc.property(forests, fc.integer({ min: 0, max: 30 }), (children, n) => {
        const root = tree(children);
        for (const el of [root, ...Array.from(root.querySelectorAll('*'))]) {
          if (showsMoreThan(el, n)) expect(visibleText(el).length).toBeGreaterThan(n);
        }
      }),
      { numRuns: 300, seed: 11 },
    );
    // And it does tell: a paragraph of Cyrillic text is longer than a short title.
    const p = doc.createElement('p');
    p.textContent = 'Елімізде түрлі этнос өкілдері тату-тәтті өмір сүріп келеді.';
    expect(showsMoreThan(p, 20)).toBe(true);
  });

  it('reads the base URL as baseURI gives it, with a <base> and without', () => {
    const plain = parse('<!doctype html><head><title>Т</title></head><body><p>а</p></body>', 'https://qazaq24.com/news/a-1').window.document;
    expect(baseUrlOf(plain)).toBe(plain.baseURI);
    const based = parse('<!doctype html><head><base href="/storage/"></head><body><p>а</p></body>', 'https://qazaq24.com/news/a-1').window.document;
    expect(baseUrlOf(based)).toBe('https://qazaq24.com/storage/');
    expect(baseUrlOf(based)).toBe(based.baseURI);
  });
});
