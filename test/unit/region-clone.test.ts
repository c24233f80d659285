/** The body's copy between two nodes: the same as the DOM's own Range.cloneContents, on every pair. */
import { describe, expect, it } from 'vitest';
import { cloneRegion } from '../../src/core/clean/region.ts';
import { parse } from './dom-env.ts';

const PAGE = `<div id="a"><h1 id="t">Тақырып</h1><p id="lead">Дереккөз</p>
  <div id="body"><p id="p1">Бір <b id="b1">екі</b> үш</p><p id="p2">төрт</p><ul id="l"><li id="i1">бес</li><li id="i2">алты</li></ul></div>
  <p id="trailer">соңы</p></div><aside id="side"><p id="s1">жан</p></aside><footer id="f">©</footer>`;

function viaRange(doc: Document, root: Node, after: Node | null, before: Node | null): string {
  const range = doc.createRange();
  if (after) range.setStartAfter(after);
  else range.setStart(root, 0);
  if (before) range.setEndBefore(before);
  else range.setEnd(root, root.childNodes.length);
  const div = doc.createElement('div');
  if (!range.collapsed) div.appendChild(range.cloneContents());
  return div.innerHTML;
}

describe('cloneRegion', () => {
  it('copies what lies between any two elements exactly as a range would', () => {
    const doc = parse(`<!doctype html><body>${PAGE}</body>`).window.document;
    const nodes: (Element | null)[] = [null, ...Array.from(doc.body.querySelectorAll('[id]'))];
    let compared = 0;
    for (const after of nodes) {
      for (const before of nodes) {
        // A range only makes sense forwards: the start before the end, neither inside the other.
        if (after && before && (after === before || after.contains(before) || before.contains(after) || !(after.compareDocumentPosition(before) & 4))) continue;
        const div = doc.createElement('div');
        div.appendChild(cloneRegion(doc, doc.body, { after, before }));
        expect(div.innerHTML, `${after?.id ?? 'start'} → ${before?.id ?? 'end'}`).toBe(viaRange(doc, doc.body, after, before));
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(60);
  });

  it('takes what lies between any two elements out of the page, the same as it copies it', () => {
    const ids = [null, ...Array.from(parse(`<!doctype html><body>${PAGE}</body>`).window.document.body.querySelectorAll('[id]'), (el) => el.id)];
    let compared = 0;
    for (const afterId of ids) {
      for (const beforeId of ids) {
        const doc = parse(`<!doctype html><body>${PAGE}</body>`).window.document;
        const after = afterId ? doc.getElementById(afterId) : null;
        const before = beforeId ? doc.getElementById(beforeId) : null;
        if (after && before && (after === before || after.contains(before) || before.contains(after) || !(after.compareDocumentPosition(before) & 4))) continue;
        const expected = viaRange(doc, doc.body, after, before);
        const div = doc.createElement('div');
        div.appendChild(cloneRegion(doc, doc.body, { after, before }, { take: true }));
        expect(div.innerHTML, `${afterId ?? 'start'} → ${beforeId ?? 'end'}`).toBe(expected);
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(60);
    // The nodes wholly inside are the page's own, moved; the boundaries stay in the page.
    const doc = parse(`<!doctype html><body>${PAGE}</body>`).window.document;
    const body = doc.getElementById('body')!;
    const div = doc.createElement('div');
    div.appendChild(cloneRegion(doc, doc.body, { after: doc.getElementById('lead'), before: doc.getElementById('trailer') }, { take: true }));
    expect(div.querySelector('#body')).toBe(body);
    expect(doc.body.contains(body)).toBe(false);
    expect([doc.getElementById('lead'), doc.getElementById('trailer')].every((el) => el && doc.body.contains(el))).toBe(true);
  });

  it('gives nothing when the end comes before the start or one holds the other', () => {
    const doc = parse(`<!doctype html><body>${PAGE}</body>`).window.document;
    const $ = (id: string) => doc.getElementById(id);
    for (const [after, before] of [['p2', 'p1'], ['a', 'p1'], ['body', 'i2']] as const) {
      expect(cloneRegion(doc, doc.body, { after: $(after), before: $(before) }).childNodes.length).toBe(0);
    }
  });

  it('copies a page nested 5,000 deep', { timeout: 120_000 }, () => {
    const depth = 5_000;
    // Built from the inside out, apart from the document: parsing such nesting, or inserting
    // into it, costs jsdom its depth at every level (many seconds on a busy machine).
    const doc = parse('<!doctype html><body></body>').window.document;
    const deep = Object.assign(doc.createElement('span'), { id: 'deep', textContent: 'b' });
    let chain: Element = deep;
    for (let i = 0; i < depth; i++) chain = doc.createElement('div').appendChild(chain).parentElement!;
    const root = doc.createElement('div');
    const first = root.appendChild(Object.assign(doc.createElement('p'), { textContent: 'a' }));
    root.appendChild(chain);
    const fragment = cloneRegion(doc, root, { after: first, before: deep });
    expect(fragment.textContent).toBe('');
    expect(fragment.childNodes.length).toBe(1);
  });
});
