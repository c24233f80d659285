/**
 * Hostile Qazaq24 article pages: the real fixture pages (../shared/fixtures/qazaq24) with the
 * payloads of payloads.ts put where article HTML comes from: body paragraphs (each payload after
 * a benign sentence of its own), the title (og:title, <title> and the h1), the aggregator's lead,
 * the views and archived lines, the source link, and figure images and captions. Each page has
 * its own address on qazaq24.com (and og:url), so that saving one does not replace another.
 *
 * What must survive is listed with each page: every paragraph of the fixture's gold text and
 * every benign sentence placed before a payload.
 */
import { loadFixtures, type Fixture } from '../harness/fixture-server.ts';
import { OK_IMAGE, PAYLOADS, escapeHtml, payload, type Payload, type Slot } from './payloads.ts';

export interface HostilePage {
  name: string;
  /** The fixture page it is made from. */
  base: string;
  lang: 'kk' | 'ru';
  /** Its canonical address (og:url): the library's key for it. */
  url: string;
  /** Where the fixture server serves it (http). */
  servedUrl: string;
  html: string;
  payloads: Payload[];
  /** The title Oqy should show: the fixture's, with any title-text payload after it, as text. */
  title: string;
  /** Texts the rendered body must still show (whitespace collapsed). */
  benign: string[];
  /** Known problems of Oqy on this page, by surface (the tests expect them until fixed). */
}

interface PageSpec {
  name: string;
  base: string;
  path: string;
  slots: Partial<Record<Exclude<Slot, 'body'>, string[]>>;
  body: string[];
  /**
   * Payloads that leave the page's structure open (nested forms in MathML): after all of the
   * fixture's own paragraphs, so that what follows them is only the page's furniture.
   */
  bodyEnd?: string[];
}

const byCategory = (...categories: string[]) =>
  PAYLOADS.filter((p) => p.slot === 'body' && categories.includes(p.category)).map((p) => p.id);
const not = (ids: string[], ...drop: string[]) => ids.filter((id) => !drop.includes(id));

const HOST_IDS = ['clob-reader-host', 'clob-reader-page-style'];

export const PAGE_SPECS: readonly PageSpec[] = [
  {
    name: 'scripts',
    base: 'article-eagle-kk',
    path: '/news/oqy-hostile-scripts-2000001',
    slots: {
      'title-text': ['text-title-script'],
      'title-markup': ['title-markup-script', 'title-markup-img'],
      lead: ['lead-script'],
      views: ['views-img'],
      archived: ['archived-svg'],
      'source-link': ['source-href-js'],
      'image-attributes': ['img-attr-onerror', 'img-attr-alt'],
      caption: ['caption-img', 'caption-text'],
    },
    body: byCategory('script'),
  },
  {
    name: 'handlers',
    base: 'article-unity-kk',
    path: '/news/oqy-hostile-handlers-2000002',
    slots: {
      'title-text': ['text-title-img'],
      'title-markup': ['title-markup-svg'],
      lead: ['lead-img'],
      views: ['views-style'],
      archived: ['archived-iframe'],
      'source-link': ['source-handlers'],
      'image-attributes': ['img-attr-srcset'],
      caption: ['caption-a-js'],
    },
    body: byCategory('event-handler'),
  },
  {
    name: 'urls',
    base: 'article-dollar-ru',
    path: '/ru/news/oqy-hostile-urls-2000003',
    slots: { 'title-text': ['text-title-svg'], lead: ['lead-svg'], 'source-link': ['source-href-tab'] },
    body: byCategory('javascript-data-url', 'encoding'),
  },
  {
    // The <base href> payload is here: nothing in this page's body has a relative address.
    name: 'embeds',
    base: 'article-writer-kk',
    path: '/news/oqy-hostile-embeds-2000004',
    slots: { 'source-link': ['source-href-quotes'] },
    body: byCategory('object-embed-frame', 'navigation', 'media'),
  },
  {
    name: 'css-mxss',
    base: 'article-unity-kk',
    path: '/news/oqy-hostile-css-mxss-2000005',
    slots: { 'source-link': ['source-text'] },
    body: not(byCategory('css', 'mutation-xss'), 'mx-form-math'),
    bodyEnd: ['mx-form-math'],
  },
  {
    name: 'clobbering',
    base: 'article-dollar-ru',
    path: '/ru/news/oqy-hostile-clobbering-2000006',
    slots: {},
    body: [...not(byCategory('dom-clobbering'), ...HOST_IDS), ...byCategory('markup-as-text')],
  },
  {
    name: 'reader-host-id',
    base: 'article-writer-kk',
    path: '/news/oqy-hostile-reader-host-id-2000007',
    slots: {},
    body: ['clob-reader-host'],
  },
  {
    name: 'reader-style-id',
    base: 'article-writer-kk',
    path: '/news/oqy-hostile-reader-style-id-2000008',
    slots: {},
    body: ['clob-reader-page-style'],
  },
];

/** A benign sentence in the page's language, different for each payload. */
function marker(lang: 'kk' | 'ru', n: number): string {
  return lang === 'kk'
    ? `Бақылау абзацы ${n}: бұл сөйлем мақаланың мәтінінде қалуы керек.`
    : `Контрольный абзац ${n}: это предложение должно остаться в тексте статьи.`;
}

function replaceOnce(html: string, pattern: RegExp, replacement: (...m: string[]) => string, what: string): string {
  let done = false;
  const out = html.replace(pattern, (...m: string[]) => {
    if (done) return m[0]!;
    done = true;
    return replacement(...m);
  });
  if (!done) throw new Error(`hostile page: no ${what} in the fixture`);
  return out;
}

interface Gold {
  url: string;
  title: string;
  lang: 'kk' | 'ru';
  text: string[];
  source: { name: string; url: string };
}

function makePage(spec: PageSpec, fixture: Fixture): HostilePage {
  const gold = fixture.gold as unknown as Gold;
  const lang = gold.lang;
  const url = `https://qazaq24.com${spec.path}`;
  const slot = (s: Exclude<Slot, 'body'>) => (spec.slots[s] ?? []).map(payload);
  const used: Payload[] = [];
  let html = fixture.html;

  // The address.
  html = replaceOnce(html, /(<meta property="og:url" content=")[^"]*(")/, (_, a, b) => `${a}${url}${b}`, 'og:url');

  // The title, as text everywhere it is written.
  const titleText = slot('title-text');
  used.push(...titleText);
  const title = [gold.title, ...titleText.map((p) => p.html)].join(' ');
  html = replaceOnce(html, /<title>[^<]*<\/title>/, () => `<title>${escapeHtml(title)} - Qazaq24.com</title>`, '<title>');
  html = replaceOnce(html, /(<meta property="og:title" content=")[^"]*(")/, (_, a, b) => `${a}${escapeHtml(title)}${b}`, 'og:title');
  const titleMarkup = slot('title-markup');
  used.push(...titleMarkup);
  html = replaceOnce(
    html,
    /(<h1 class="post__title">)[^<]*(<\/h1>)/,
    (_, a, b) => `${a}${escapeHtml(title)}${titleMarkup.map((p) => p.html).join('')}${b}`,
    'h1',
  );

  // The lead and the meta lines: markup that adds no text.
  const inLine = (s: 'lead' | 'views' | 'archived', pattern: RegExp, what: string) => {
    const ps = slot(s);
    if (!ps.length) return;
    used.push(...ps);
    html = replaceOnce(html, pattern, (_, a, b) => `${a}${ps.map((p) => p.html).join('')}${b}`, what);
  };
  inLine('lead', /(<div class="post__lead">[^<]*)(<\/div>)/, 'lead');
  inLine('views', /(<span class="material-icons">see<\/span>[^<]*)(<\/div>)/, 'views line');
  inLine('archived', /(<span class="material-icons">archive<\/span>[^<]*)(<\/div>)/, 'archived line');

  // The source link.
  const source = slot('source-link');
  if (source.length > 1) throw new Error(`${spec.name}: one source link a page`);
  if (source[0]) {
    used.push(source[0]);
    const link = source[0].html.replace(/SOURCE/g, gold.source.url);
    html = replaceOnce(html, /(<span class="material-icons">embed<\/span>[^<]*:)<a [^>]*>[^<]*<\/a>/, (_, a) => `${a}${link}`, 'source link');
  }

  // Figures: the fixture's own, or one added to the body for the payloads.
  const imageAttributes = slot('image-attributes');
  const captions = slot('caption');
  used.push(...imageAttributes, ...captions);
  const benign: string[] = [...gold.text];
  let figures = 0;
  html = html.replace(/<figure class="post-image"><img ([^>]*)><figcaption>([^<]*)<\/figcaption><\/figure>/g, (whole, attrs: string, caption: string) => {
    const attr = imageAttributes[figures];
    const cap = captions[figures];
    figures += 1;
    if (!attr && !cap) return whole;
    return `<figure class="post-image"><img ${attrs}${attr ? ` ${attr.html}` : ''}><figcaption>${caption}${cap ? ` ${cap.html}` : ''}</figcaption></figure>`;
  });
  const addedFigures: string[] = [];
  for (let i = figures; i < Math.max(imageAttributes.length, captions.length); i++) {
    const attr = imageAttributes[i];
    const cap = captions[i];
    const caption = lang === 'kk' ? `Мақаланың суреті ${i + 1}` : `Иллюстрация к статье ${i + 1}`;
    benign.push(caption);
    addedFigures.push(
      `<figure class="post-image"><img src="${OK_IMAGE}" alt="${caption}" width="800" height="533"${attr ? ` ${attr.html}` : ''}><figcaption>${caption}${cap ? ` ${cap.html}` : ''}</figcaption></figure>`,
    );
  }

  // The body: each payload in a paragraph of its own, after a benign sentence.
  const bodyPayloads = spec.body.map(payload);
  const endPayloads = (spec.bodyEnd ?? []).map(payload);
  used.push(...bodyPayloads, ...endPayloads);
  const paragraph = (p: Payload, i: number) => {
    const text = marker(lang, i + 1);
    benign.push(text);
    return `<p>${text} ${p.html}</p>`;
  };
  const blocks = bodyPayloads.map(paragraph);
  const endBlocks = endPayloads.map((p, i) => paragraph(p, bodyPayloads.length + i));
  const bodyStart = html.indexOf('<div class="post__body">');
  const followAt = html.indexOf('<p class="post__follow">', bodyStart);
  if (bodyStart < 0 || followAt < 0) throw new Error(`${spec.name}: no post__body in ${fixture.name}`);
  const body = html.slice(bodyStart, followAt);
  // After each of the fixture's own blocks in turn (one a line in the fixtures), a share of the payload paragraphs.
  const lines = body.split('\n');
  const blockLines = lines.flatMap((line, i) => (/^ {8}<(?:p|figure|blockquote|ul|ol|div)\b/.test(line) ? [i] : []));
  if (!blockLines.length) throw new Error(`${spec.name}: no paragraphs in the body of ${fixture.name}`);
  const perBlock = Math.ceil(blocks.length / blockLines.length);
  blockLines.forEach((lineIndex, i) => {
    const share = blocks.slice(i * perBlock, (i + 1) * perBlock);
    if (share.length) lines[lineIndex] += `\n        ${share.join('\n        ')}`;
  });
  let rebuilt = lines.join('\n');
  if (addedFigures.length) rebuilt += `\n        ${addedFigures.join('\n        ')}\n        `;
  if (endBlocks.length) rebuilt += `${endBlocks.join('\n        ')}\n        `;
  html = html.slice(0, bodyStart) + rebuilt + html.slice(followAt);

  const ids = new Set<string>();
  for (const p of used) {
    if (ids.has(p.id)) throw new Error(`${spec.name}: payload ${p.id} used twice`);
    ids.add(p.id);
  }
  return {
    name: spec.name,
    base: fixture.name,
    lang,
    url,
    servedUrl: url.replace(/^https:/, 'http:'),
    html,
    payloads: used,
    title,
    benign,
  };
}

let cached: HostilePage[] | null = null;

/** Every hostile page; every payload of the corpus is on exactly one of them. */
export function hostilePages(): HostilePage[] {
  if (cached) return cached;
  const fixtures = new Map(loadFixtures().map((f) => [f.name, f]));
  const pages = PAGE_SPECS.map((spec) => {
    const f = fixtures.get(spec.base);
    if (!f) throw new Error(`fixture ${spec.base} is missing`);
    return makePage(spec, f);
  });
  const placed = new Map<string, string>();
  for (const page of pages) for (const p of page.payloads) {
    const other = placed.get(p.id);
    if (other) throw new Error(`payload ${p.id} is on ${other} and ${page.name}`);
    placed.set(p.id, page.name);
  }
  const missing = PAYLOADS.filter((p) => !placed.has(p.id)).map((p) => p.id);
  if (missing.length) throw new Error(`payloads on no page: ${missing.join(', ')}`);
  cached = pages;
  return pages;
}
