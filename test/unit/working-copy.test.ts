/**
 * The working copy extraction cuts up: a plain deep clone of an ordinary page, and for a page
 * nested past the cap an iterative copy flattened the way Chromium's parser builds such a page,
 * text in the same order, no node deeper than the cap, the page itself untouched.
 */
import { describe, expect, it } from 'vitest';
import { JSDOM } from 'jsdom';
import { copyWithEmptyBody, deeperThan, flattenedCopy, workingCopy } from '../../src/core/working-copy.ts';
import { unwrapDeepChains, WRAPPER_DEPTH } from '../../src/core/clean/wrappers.ts';
import { removeEmptyContainers } from '../../src/core/clean/empty-blocks.ts';
import { blockText } from '../../src/core/dom.ts';
import { extract } from '../../src/core/extract.ts';

const URL_ = 'https://qazaq24.com/news/teren-1000001';
/** Far past the cap. (The command's test, in a process of its own, goes 5,000 deep: past what jsdom clones recursively.) */
const DEEP = 1500;

function parse(html: string) {
  return new JSDOM(html, { url: URL_ }).window.document;
}

/** The greatest depth of any node below root, counted iteratively. */
function depthOf(root: Node): number {
  let max = 0;
  const stack: [Node, number][] = [[root, 0]];
  while (stack.length) {
    const [n, d] = stack.pop()!;
    max = Math.max(max, d);
    for (const c of Array.from(n.childNodes)) stack.push([c, d + 1]);
  }
  return max;
}

/** `depth` nested elements alternating div and span, with a word at every tenth level. */
function nested(depth: number): string {
  let open = '';
  let close = '';
  for (let i = 0; i < depth; i++) {
    const tag = i % 2 ? 'span' : 'div';
    open += `<${tag}>${i % 10 === 0 ? `сөз${i} ` : ''}`;
    close = `</${tag}>${close}`;
  }
  return `<!doctype html><html lang="kk"><head><title>Т</title><base href="https://qazaq24.com/storage/"></head><body>${open}соңы${close}<p>кейін</p></body></html>`;
}

describe('deeperThan', () => {
  it('measures depth below the root, whatever the shape', () => {
    const doc = parse(nested(30));
    const depth = depthOf(doc);
    expect(deeperThan(doc, depth - 1)).toBe(true);
    expect(deeperThan(doc, depth)).toBe(false);
    const flat = parse(`<body>${'<p>а</p>'.repeat(500)}</body>`);
    expect(deeperThan(flat, depthOf(flat))).toBe(false);
    expect(deeperThan(flat, depthOf(flat) - 1)).toBe(true);
  });

  it('is false for a node with no children', () => {
    const doc = parse('<p>а</p>');
    expect(deeperThan(doc.createElement('div'), 0)).toBe(false);
  });
});

describe('copyWithEmptyBody', () => {
  it('copies everything but what the body holds: doctype, comments, head, the html and body elements', () => {
    const doc = parse(`<!doctype html><!-- before --><html lang="kk" dir="ltr"><head><title>Т</title><meta property="og:title" content="Т"><base href="https://qazaq24.com/storage/"></head><body class="page" data-x="1"><p>мәтін</p></body><!-- after --></html>`);
    const before = doc.documentElement.outerHTML;
    const copy = copyWithEmptyBody(doc);
    expect(copy).not.toBe(doc);
    expect(copy.doctype?.name).toBe('html');
    expect(copy.documentElement.outerHTML).toBe(before.replace('<p>мәтін</p>', ''));
    expect(copy.body.attributes.length).toBe(2);
    expect(copy.body.childNodes.length).toBe(0);
    expect(copy.URL).toBe(doc.URL);
    expect(copy.baseURI).toBe('https://qazaq24.com/storage/');
    // The page is as it was, and the copy belongs to no window (nothing in it loads or runs).
    expect(doc.documentElement.outerHTML).toBe(before);
    expect(copy.defaultView).toBeNull();
  });
});

describe('workingCopy', () => {
  it('is a plain deep clone of a page within the cap', () => {
    const doc = parse(nested(40));
    const copy = workingCopy(doc, 100);
    expect(copy).not.toBe(doc);
    expect(copy.documentElement.outerHTML).toBe(doc.documentElement.outerHTML);
  });

  it('flattens below the cap: same text in the same order, no deeper than the cap, the page untouched', () => {
    const doc = parse(nested(300));
    const before = doc.documentElement.outerHTML;
    const copy = workingCopy(doc, 50);
    expect(depthOf(copy)).toBeLessThanOrEqual(50);
    expect(blockText(copy.body).replace(/\s+/g, ' ')).toBe(blockText(doc.body).replace(/\s+/g, ' '));
    expect(copy.body.textContent).toBe(doc.body.textContent);
    expect(doc.documentElement.outerHTML).toBe(before);
    // The copy is a document of its own, with the page's address and base.
    expect(copy.ownerDocument).toBeNull();
    expect(copy.body.ownerDocument).toBe(copy);
    expect(copy.URL).toBe(URL_);
    expect(copy.baseURI).toBe('https://qazaq24.com/storage/');
    expect(copy.doctype?.name).toBe('html');
  });

  it('keeps every element, attribute and comment once', () => {
    const doc = parse(`<body>${'<div class="k" data-x="1"><!--с-->'.repeat(120)}<img src="a.jpg" alt="сурет">${'</div>'.repeat(120)}</body>`);
    const copy = flattenedCopy(doc, 10);
    expect(copy.getElementsByTagName('*').length).toBe(doc.getElementsByTagName('*').length);
    expect(copy.querySelectorAll('div.k[data-x="1"]').length).toBe(120);
    expect(copy.querySelector('img')?.getAttribute('alt')).toBe('сурет');
    expect(depthOf(copy)).toBeLessThanOrEqual(10);
  });

  it('lets an article nested far past the cap be extracted from its text', () => {
    const paragraphs = Array.from({ length: 6 }, (_, i) => `<p>Бұл мақаланың ${i + 1}-абзацы, ол терең орналасқан элементтің ішінде тұр және оқылуы керек.</p>`).join('');
    const html = `<!doctype html><html lang="kk"><head><title>Терең мақала - Qazaq24.com</title></head><body><h1>Терең мақала</h1>${'<div>'.repeat(DEEP)}${paragraphs}${'</div>'.repeat(DEEP)}<div>Көрілімдер:7</div></body></html>`;
    const dom = new JSDOM(html, { url: URL_ });
    // No window.close() after: jsdom tears the tree down recursively too.
    const out = extract(dom.window.document, URL_, { window: dom.window as unknown as Window });
    expect(out.isArticle).toBe(true);
    for (let i = 1; i <= 6; i++) expect(out.textContent).toContain(`Бұл мақаланың ${i}-абзацы`);
    expect(out.textContent).not.toContain('Көрілімдер');
  });
});

describe('unwrapDeepChains', () => {
  it('leaves an ordinary page as it is', () => {
    const doc = parse(`<body><div><div><p>а <b>б</b></p></div></div></body>`);
    const before = doc.body.innerHTML;
    expect(unwrapDeepChains(doc.body)).toBe(0);
    expect(doc.body.innerHTML).toBe(before);
  });

  it('takes out single-child wrappers of a deep chain, keeping text, order and what means something', () => {
    const chain = (n: number, inner: string) => `${'<div>'.repeat(n)}${inner}${'</div>'.repeat(n)}`;
    const doc = parse(
      `<body>${chain(WRAPPER_DEPTH + 40, `<p>бірінші <a href="/x">сілтеме</a></p><div lang="ru">${chain(30, '<p>второй</p>')}</div><ul><li>үш</li></ul>`)}<p>соңы</p></body>`,
    );
    const text = doc.body.textContent;
    expect(unwrapDeepChains(doc.body)).toBeGreaterThan(WRAPPER_DEPTH);
    expect(doc.body.textContent).toBe(text);
    expect(depthOf(doc.body)).toBeLessThan(10);
    expect(doc.querySelector('a')?.getAttribute('href')).toBe('/x');
    expect(doc.querySelector('div[lang="ru"] p')?.textContent).toBe('второй');
    expect(doc.querySelector('ul > li')?.textContent).toBe('үш');
  });
});

describe('removeEmptyContainers', () => {
  it('removes containers with no text and nothing to show, from the leaves up, and keeps the rest', () => {
    const doc = parse(`<body><article><div><span> </span><p>\n</p></div><p>мәтін</p><div><div><img src="a.jpg"></div></div><p><br></p><ul><li></li></ul><a href="/"></a></article></body>`);
    const article = doc.querySelector('article')!;
    removeEmptyContainers(article);
    expect(article.innerHTML).toBe('<p>мәтін</p><div><div><img src="a.jpg"></div></div><p><br></p><a href="/"></a>');
  });
});
