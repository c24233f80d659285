/**
 * Broken and huge inputs for the extractor, built from a real fixture article: an empty file,
 * whitespace, a 10 MB article, 100,000 elements, nesting thousands deep, binary data, invalid
 * UTF-8, a frameset, XML, SVG, a page of only images. Shared by the command and core tests
 * (test/unit/broken-input.test.ts) and the Chromium check (test/e2e/chromium-broken.test.ts).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { FIXTURES_DIR } from '../harness/fixture-server.ts';

export const ARTICLE_FIXTURE = 'article-unity-kk';
export const ARTICLE_URL = 'https://qazaq24.com/news/bejbitshilik-pen-birliktin-berik-tiregi-1045821';

/** The real fixture article as served. */
export function fixtureHtml(name = ARTICLE_FIXTURE): string {
  return readFileSync(resolve(FIXTURES_DIR, `${name}.html`), 'utf8');
}

const BODY_OPEN = '<div class="post__body">';
const FOLLOW = '<p class="post__follow">';

/** The fixture's body paragraphs (the `<p>`s between the body's start and the trailer). */
function bodyParagraphs(html: string): { before: string; paragraphs: string; after: string } {
  const start = html.indexOf(BODY_OPEN);
  const end = html.indexOf(FOLLOW);
  if (start < 0 || end < start) throw new Error(`${ARTICLE_FIXTURE} has no ${BODY_OPEN} … ${FOLLOW}`);
  const from = start + BODY_OPEN.length;
  return { before: html.slice(0, from), paragraphs: html.slice(from, end), after: html.slice(end) };
}

/** The first sentence of the fixture body (what a kept body must still start with). */
export const FIRST_SENTENCE = 'Елімізде түрлі этнос өкілдері тату-тәтті өмір сүріп келеді.';

/** The real article with its body paragraphs repeated until the page is at least `bytes` long (UTF-8). */
export function hugeArticle(bytes = 10 * 1024 * 1024): string {
  const { before, paragraphs, after } = bodyParagraphs(fixtureHtml());
  const fixed = Buffer.byteLength(before) + Buffer.byteLength(after);
  const per = Buffer.byteLength(paragraphs);
  const times = Math.max(1, Math.ceil((bytes - fixed) / per));
  return before + paragraphs.repeat(times) + after;
}

/**
 * The real article followed by `count` more elements: a footer of small blocks, each a `<div>`
 * holding a `<span>` with a word and, every tenth, a link (half as many divs as elements).
 */
export function manyElements(count = 100_000): string {
  const html = fixtureHtml();
  const parts: string[] = [];
  let n = 0;
  for (let i = 0; n < count; i++) {
    if (i % 10 === 9 && n + 3 <= count) {
      parts.push(`<div><span>сөз ${i}</span><a href="/tag/${i}">тег</a></div>`);
      n += 3;
    } else {
      parts.push(`<div><span>сөз ${i}</span></div>`);
      n += 2;
    }
  }
  const at = html.lastIndexOf('</body>');
  return `${html.slice(0, at)}<footer>${parts.join('')}</footer>${html.slice(at)}`;
}

/** The real article's content wrapped in `depth` nested `<div>`s (and the same many closing tags). */
export function deepArticle(depth: number): string {
  const html = fixtureHtml();
  const main = html.indexOf('<main');
  const mainEnd = html.indexOf('</main>') + '</main>'.length;
  return `${html.slice(0, main)}${'<div>'.repeat(depth)}${html.slice(main, mainEnd)}${'</div>'.repeat(depth)}${html.slice(mainEnd)}`;
}

/** Bytes that are not text: a PNG header and noise. */
export function binaryBytes(): Uint8Array {
  const out = new Uint8Array(4096);
  out.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
  let x = 0x2545f491;
  for (let i = 16; i < out.length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

/**
 * The real article with broken UTF-8 inside its body: `0xC3 0x28` (a lead byte before ASCII),
 * lone continuation bytes, and a three-byte sequence cut short, each inside a paragraph.
 */
export function invalidUtf8Bytes(): Uint8Array {
  const html = fixtureHtml();
  const { before, paragraphs, after } = bodyParagraphs(html);
  const enc = (s: string) => Buffer.from(s, 'utf8');
  return Buffer.concat([
    enc(before),
    enc('<p>Бұзық '),
    Buffer.from([0xc3, 0x28]),
    enc(' байт, жалғыз жалғас '),
    Buffer.from([0x80, 0xbf, 0x9f]),
    enc(' байттар және үзілген '),
    Buffer.from([0xe2, 0x82]),
    enc(' тізбек.</p>'),
    enc(paragraphs),
    Buffer.from([0xf0, 0x9f, 0x98]),
    enc(after),
  ]);
}

export const FRAMESET = '<!doctype html><html lang="kk"><head><title>Qazaq24.com</title></head><frameset cols="50%,50%"><frame src="/a"><frame src="/b"><noframes>Фреймдер жоқ</noframes></frameset></html>';

export const RSS_XML = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Qazaq24.com</title><link>https://qazaq24.com/</link>
<item><title>Бейбітшілік пен бірліктің берік тірегі</title><link>https://qazaq24.com/news/bejbitshilik-pen-birliktin-berik-tiregi-1045821</link>
<description>Елімізде түрлі этнос өкілдері тату-тәтті өмір сүріп келеді. Көрілімдер:104 Дереккөз: https://egemen.kz</description></item>
<item><title>Төрт жасар жазушы</title><link>https://qazaq24.com/news/tort-zhasar-zhazushy-1051180</link></item>
</channel></rss>`;

export const SVG_FILE = `<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100" viewBox="0 0 200 100">
<title>Qazaq24.com</title><rect width="200" height="100" fill="#0a7"/><text x="10" y="50">Көрілімдер:104</text>
<script>window.svgRan = 1</script></svg>`;

export const ONLY_IMAGES = `<!doctype html><html lang="kk"><head><meta charset="utf-8"><title>Суреттер - Qazaq24.com</title></head><body>${Array.from(
  { length: 40 },
  (_, i) => `<img src="/storage/gallery/${i}.jpg" alt=""><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" data-src="/storage/gallery/${i}-big.jpg">`,
).join('\n')}</body></html>`;

/** Every broken input, by name, as the bytes of a file. */
export interface BrokenInput {
  name: string;
  bytes: () => Uint8Array;
  /** For the core: the type the browser would parse it as (text/html, or XML for a feed and an SVG). */
  contentType: 'text/html' | 'application/xml' | 'image/svg+xml';
  /** The command reads it (exit 0) or refuses it (exit 2). */
  command: 'reads' | 'refuses';
  /** The sensible isArticle, where there is one. */
  article?: boolean;
  /**
   * The command's hang guard. The three huge pages take 20–30 s on a quiet machine; with the
   * end-to-end browsers running beside the unit files on a busy machine, over three minutes.
   */
  boundMs: number;
}

const text = (s: () => string) => () => Buffer.from(s(), 'utf8');
const S = 1000;

export const BROKEN_INPUTS: BrokenInput[] = [
  { name: 'an empty document', bytes: () => new Uint8Array(0), contentType: 'text/html', command: 'reads', article: false, boundMs: 60 * S },
  { name: 'whitespace only', bytes: text(() => '   \n\t \r\n  '), contentType: 'text/html', command: 'reads', article: false, boundMs: 60 * S },
  { name: 'a 10 MB article', bytes: text(() => hugeArticle()), contentType: 'text/html', command: 'reads', article: true, boundMs: 300 * S },
  { name: '100,000 elements', bytes: text(() => manyElements()), contentType: 'text/html', command: 'reads', article: true, boundMs: 300 * S },
  { name: 'nesting 5,000 deep', bytes: text(() => deepArticle(5000)), contentType: 'text/html', command: 'reads', article: true, boundMs: 300 * S },
  { name: 'a binary file', bytes: binaryBytes, contentType: 'text/html', command: 'refuses', boundMs: 60 * S },
  { name: 'invalid UTF-8', bytes: invalidUtf8Bytes, contentType: 'text/html', command: 'reads', article: true, boundMs: 60 * S },
  { name: 'a frameset', bytes: text(() => FRAMESET), contentType: 'text/html', command: 'reads', article: false, boundMs: 60 * S },
  { name: 'an RSS (XML) document', bytes: text(() => RSS_XML), contentType: 'application/xml', command: 'reads', article: false, boundMs: 60 * S },
  { name: 'an SVG file', bytes: text(() => SVG_FILE), contentType: 'image/svg+xml', command: 'reads', article: false, boundMs: 60 * S },
  { name: 'a page of only images', bytes: text(() => ONLY_IMAGES), contentType: 'text/html', command: 'reads', article: false, boundMs: 60 * S },
];
