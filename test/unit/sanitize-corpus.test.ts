/**
 * The hostile-HTML corpus (test/hostile/payloads.ts) through Oqy's sanitizer and extractor in
 * jsdom: every payload alone through sanitizeToBody, sanitizeHtml and sanitizeToFragment (what
 * the popup and the readers insert), and every hostile page (test/hostile/pages.ts) through
 * extract, as the content script and the extractor command run it. Nothing that runs, loads,
 * frames, submits, redirects or re-bases may come out; links open safely; the benign text
 * around the payloads stays.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { JSDOM, VirtualConsole } from 'jsdom';
import { extract } from '../../src/core/extract.ts';
import { sanitizeHtml, sanitizeToBody, sanitizeToFragment } from '../../src/core/sanitize.ts';
import { BEACON_HOST, OK_IMAGE, PAYLOADS, countByCategory, escapeHtml, type Payload } from '../hostile/payloads.ts';
import { hostilePages } from '../hostile/pages.ts';
import { CHECK_OPTIONS, domProblems, missingText } from '../hostile/checks.ts';

/** jsdom reports the payloads' broken CSS on the console: not worth reading here. */
function quietConsole(): VirtualConsole {
  const console = new VirtualConsole();
  console.on('jsdomError', (e) => {
    if (!/Could not parse CSS stylesheet/.test(e.message)) throw e;
  });
  return console;
}

const dom = new JSDOM('<!doctype html><html><body></body></html>', { url: 'https://qazaq24.com/', virtualConsole: quietConsole() });
const win = dom.window as unknown as Window & typeof globalThis;
afterAll(() => dom.window.close());

const BEFORE = 'Алдыңғы абзацтың мәтіні өзгеріссіз қалуы керек.';
const MARK = 'Пейлоад алдындағы сөйлем де сақталады.';
const AFTER = 'Келесі абзацтың мәтіні де өзгеріссіз қалуы керек.';

/** The payload in the kind of markup its slot is in, between two benign paragraphs. */
function fragmentFor(p: Payload): { html: string; benign: string[] } {
  const around = (inner: string) => `<p>${BEFORE}</p>${inner}<p>${AFTER}</p>`;
  switch (p.slot) {
    case 'title-text':
      return { html: around(`<h1>${escapeHtml(`Тақырып ${p.html}`)}</h1>`), benign: [BEFORE, 'Тақырып', p.html, AFTER] };
    case 'image-attributes':
      return { html: around(`<figure><img src="${OK_IMAGE}" alt="сурет" ${p.html}><figcaption>${MARK}</figcaption></figure>`), benign: [BEFORE, MARK, AFTER] };
    case 'source-link':
      return { html: around(`<p>${MARK} ${p.html.replace(/SOURCE/g, 'https://example.kz')}</p>`), benign: [BEFORE, MARK, AFTER] };
    case 'caption':
      return { html: around(`<figure><img src="${OK_IMAGE}" alt="сурет"><figcaption>${MARK} ${p.html}</figcaption></figure>`), benign: [BEFORE, MARK, AFTER] };
    default:
      return { html: around(`<p>${MARK} ${p.html}</p>`), benign: [BEFORE, MARK, AFTER] };
  }
}

/** The body of an inert document parsed from `html`, as an extension page parses it. */
function reparse(html: string): HTMLElement {
  return new win.DOMParser().parseFromString(`<!doctype html><body>${html}`, 'text/html').body;
}

const text = (el: Element) => el.textContent ?? '';
const problemsOf = (el: Element) => domProblems(el, el, CHECK_OPTIONS(false));

describe('the hostile-HTML corpus', () => {
  it('has at least 100 payloads, each with its own id, in every category', () => {
    const counts = countByCategory();
    console.log(`hostile corpus: ${PAYLOADS.length} payloads: ${JSON.stringify(counts)}`);
    expect(PAYLOADS.length).toBeGreaterThanOrEqual(100);
    expect(new Set(PAYLOADS.map((p) => p.id)).size).toBe(PAYLOADS.length);
    for (const p of PAYLOADS) expect(p.id).toMatch(/^[a-z0-9-]+$/);
    expect(Object.keys(counts).sort()).toEqual(
      ['css', 'dom-clobbering', 'encoding', 'event-handler', 'javascript-data-url', 'markup-as-text', 'media', 'mutation-xss', 'navigation', 'object-embed-frame', 'script'].sort(),
    );
  });

  it('is seen by the checks when it is not sanitized (all but the shapes that are inert until mis-serialised)', () => {
    // Markup that is harmless as parsed and dangerous only to string filters or a faulty
    // serialiser: comments splitting a tag, a tag inside a tag, an end tag inside an attribute,
    // markup written as text.
    const INERT_AS_PARSED = ['script-comment-split', 'script-nested-tag', 'mx-p-attr', 'mx-comment-in-attr', 'caption-text', 'body-text-markup'];
    const unseen: string[] = [];
    for (const p of PAYLOADS) {
      let html = p.html;
      if (p.slot === 'image-attributes') html = `<img src="${OK_IMAGE}" ${p.html}>`;
      if (p.slot === 'source-link') html = p.html.replace(/SOURCE/g, 'https://example.kz');
      const raw = new win.DOMParser().parseFromString(`<!doctype html><body><p>${MARK} ${html}</p>`, 'text/html').body;
      if (!problemsOf(raw).length) unseen.push(p.id);
    }
    expect(unseen.sort()).toEqual(INERT_AS_PARSED.sort());
  });

  it('puts every payload on exactly one hostile page', () => {
    const pages = hostilePages();
    expect(pages.flatMap((p) => p.payloads.map((x) => x.id)).sort()).toEqual(PAYLOADS.map((p) => p.id).sort());
  });
});

describe('sanitizer on each payload', () => {
  for (const p of PAYLOADS) {
    it(`${p.id} (${p.category}): nothing dangerous, the text around it kept`, () => {
      const { html, benign } = fragmentFor(p);

      const body = sanitizeToBody(html, win);
      expect(problemsOf(body), `sanitizeToBody of ${html}`).toEqual([]);
      expect(missingText(text(body), benign)).toEqual([]);

      // The string form, parsed again the way the popup and the readers receive it.
      const out = sanitizeHtml(html, win);
      const again = reparse(out);
      expect(problemsOf(again), `sanitizeHtml output parsed again: ${out}`).toEqual([]);
      expect(missingText(text(again), benign)).toEqual([]);
      // Sanitizing what was sanitized changes nothing (no mutation on the second pass).
      expect(sanitizeHtml(out, win)).toBe(out);

      // What ArticleBody inserts: nodes, into a page element.
      const host = win.document.createElement('div');
      host.append(sanitizeToFragment(out, win));
      expect(problemsOf(host)).toEqual([]);
      expect(missingText(text(host), benign)).toEqual([]);
    });
  }
});

describe('extractor on the hostile pages', () => {
  for (const page of hostilePages()) {
    it(`${page.name} (${page.payloads.length} payloads, from ${page.base}): a clean article with all its text`, () => {
      const jsdom = new JSDOM(page.html, { url: page.servedUrl, contentType: 'text/html', virtualConsole: quietConsole() });
      try {
        const window = jsdom.window as unknown as Window & typeof globalThis;
        const out = extract(window.document, page.servedUrl, { window });
        expect(out.isArticle).toBe(true);
        expect(out.url).toBe(page.url);
        // The title as text, payload text and all: it is never read as markup.
        expect(out.title).toBe(page.title);
        if (out.source?.url) expect(out.source.url).toMatch(/^https?:\/\//);
        for (const image of out.images) {
          expect(image).toMatch(/^https?:\/\//);
          expect(new URL(image).hostname).not.toBe(BEACON_HOST);
        }

        const body = reparse(out.contentHtml);
        expect(problemsOf(body)).toEqual([]);
        expect(missingText(out.textContent, page.benign)).toEqual([]);
        expect(missingText(text(body), page.benign)).toEqual([]);

        // As ArticleBody shows it.
        const host = win.document.createElement('div');
        host.append(sanitizeToFragment(out.contentHtml, win));
        expect(problemsOf(host)).toEqual([]);
        expect(sanitizeHtml(out.contentHtml, win)).toBe(out.contentHtml);
      } finally {
        jsdom.window.close();
      }
    });
  }
});
