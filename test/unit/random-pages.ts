/**
 * Random Qazaq24 article pages for property tests: a known article body (sentences taken from
 * the fixtures' gold texts) in random markup, with icon-font glyph words, headline lists of
 * random shapes (from the fixtures' ticker headlines) and the site's boilerplate lines (the
 * real labels of the fixtures and the captured page) at random places around it.
 *
 * A page is described by plain random choices (`PageSpec`, drawn by fast-check, so a failing
 * page shrinks to a small one) and rendered by `renderPage`, which also says what the body
 * must keep (its sentences) and what it must never show (headlines, boilerplate).
 *
 * The places follow what the site's pages share (shared/docs/extraction.md): whatever is on
 * the page, the title comes before the body; the lead and the meta lines sit between the title
 * and the body or after the body; comments and the most-read block come after the body (or
 * before the title, as a sidebar). Within those rules everything is random.
 */
import fc from 'fast-check';
import { loadFixtures } from '../harness/fixture-server.ts';
import { tickerHeadlines, type Gold } from './variant-pages.ts';

export type Lang = 'kk' | 'ru';

/** The site's lines, as the fixtures and the captured page write them. */
export interface Labels {
  lead: string;
  trailer: string;
  views: string;
  source: string;
  archived: string;
  archivedDate: string;
  comments: string;
  login: string;
  first: string;
  mostRead: string;
  mostReadSub: string;
  latest: string;
  latestSub: string;
  readAlso: string;
  date: string;
  chrome: string[];
}

export const LABELS: Record<Lang, Labels> = {
  kk: {
    lead: 'Egemen.KZ парақшасынан алынған деректерге сүйене отырып, Qazaq24.com жаңалық жариялайды..',
    trailer: 'Қосымша ақпарат пен соңғы жаңалықтар үшін Qazaq24.com сайтын бақылаңыз.',
    views: 'Көрілімдер:',
    source: 'Дереккөз:',
    archived: 'Бұл хабарлама дереккөзден мұрағатталған',
    archivedDate: '01 Қараша 2025 12:14',
    comments: '0 Пікірлер',
    login: 'Кіру, пікір қалдыру үшін...',
    first: 'Жарияланымға бірінші жауап беріңіз...',
    mostRead: 'Ең көп оқылғандар',
    mostReadSub: 'Қазір ең көп талқыланатын оқиғалар',
    latest: 'Соңғы жаңалықтар',
    latestSub: 'Күннің ең жаңа және өзекті оқиғалары',
    readAlso: 'Сондай-ақ оқыңыз:',
    date: '30 Қаңтар 2026 17:19',
    chrome: ['Басты бет', 'Жаңалықтар'],
  },
  ru: {
    lead: 'Qazaq24.com публикует новость на основе данных со страницы Kapital.kz..',
    trailer: 'Следите за последними новостями и дополнительной информацией на сайте Qazaq24.com.',
    views: 'Просмотры:',
    source: 'Источник:',
    archived: 'Эта новость заархивирована из источника',
    archivedDate: '30 Январь 2026 17:19',
    comments: '0 Комментарии',
    login: 'Войдите, чтобы оставить комментарий...',
    first: 'Будьте первым, кто ответит на публикацию...',
    mostRead: 'Самые читаемые',
    mostReadSub: 'Самые обсуждаемые события сейчас',
    latest: 'Последние новости',
    latestSub: 'Самые новые и актуальные события дня',
    readAlso: 'Читайте также:',
    date: '30 Январь 2026 17:19',
    chrome: ['Главная', 'Новости'],
  },
};

/**
 * The scorer's glyph-word check, copied from shared/tools/score.mjs (which does not export it;
 * cleaner-properties.test.ts checks the copy against the file).
 */
export const GLYPHS = /(^|[^\p{L}])(see|embed|archive|close|menu|top|news|up)(?=[^\p{L}]|[А-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІі]|$)/iu;

/** Words that make a sentence a label line of its own, or count as an article label: left out of the body pool. */
const LABEL_WORDS = /дереккөз|источник|көрілім|просмотр|мұрағат|архив|пікір|коммент|оқыңыз|читайте|qazaq24|оқылған|читаем|жаңалықтар|новости|парақшасынан|публикует/iu;

export interface Pools {
  sentences: Record<Lang, string[]>;
  headlines: Record<Lang, string[]>;
}

/** Sentences of the fixtures' article texts and their ticker headlines, by language. */
export function loadPools(): Pools {
  const golds = loadFixtures()
    .map((f) => f.gold as unknown as Gold)
    .filter((g) => g.isArticle);
  const sentences: Record<Lang, Set<string>> = { kk: new Set(), ru: new Set() };
  const headlines: Record<Lang, Set<string>> = { kk: new Set(), ru: new Set() };
  for (const g of golds) {
    const lang: Lang = g.lang === 'ru' ? 'ru' : 'kk';
    for (const h of tickerHeadlines(g)) headlines[lang].add(h);
    headlines[lang].delete(g.title);
  }
  const allHeadlines = [...headlines.kk, ...headlines.ru];
  for (const g of golds) {
    const lang: Lang = g.lang === 'ru' ? 'ru' : 'kk';
    for (const block of g.text) {
      for (const s of block.split(/(?<=[.!?…])\s+(?=[«"(\p{Lu}\d])/u)) {
        const t = s.trim();
        if (t.length < 40 || t.length > 400 || GLYPHS.test(t) || LABEL_WORDS.test(t)) continue;
        if (allHeadlines.some((h) => t.includes(h) || h.includes(t))) continue;
        sentences[lang].add(t);
      }
    }
  }
  return {
    sentences: { kk: [...sentences.kk], ru: [...sentences.ru] },
    headlines: { kk: [...headlines.kk], ru: [...headlines.ru] },
  };
}

// ---------------------------------------------------------------------------------------------
// The random choices.

export type GlyphStyle = 'i' | 'span-x' | 'material' | 'glued' | 'none';
export type ListShape = 'ul' | 'divs' | 'br' | 'table';
export type ListExtra = 'none' | 'date' | 'views-element' | 'views-glued';
export type ParagraphMarkup = 'p' | 'div' | 'br' | 'spans';
export type Wrapper = 'div' | 'section' | 'article' | 'main' | 'ul' | 'table' | 'blockquote';

export interface ListSpec {
  shape: ListShape;
  /** Where the list's headlines start in the language's headline pool (modulo its size). */
  offset: number;
  /** Distinct steps from there, below the smaller pool's size: distinct headlines. */
  items: number[];
  extra: ListExtra;
  glyph: GlyphStyle;
}

export interface PageSpec {
  lang: Lang;
  /** The body: paragraphs of sentence indices (modulo the pool's size; repeats dropped). */
  paragraphs: number[][];
  markup: ParagraphMarkup;
  /** Elements wrapped around the body, outermost first. */
  wrappers: Wrapper[];
  /** Icon elements inside the body: after which paragraph, which word, which form. */
  bodyGlyphs: { after: number; word: number; style: Exclude<GlyphStyle, 'glued' | 'none'> }[];
  /** A "read also" list inside the body, after a paragraph, with or without its label. */
  readAlso: { after: number; label: boolean; list: ListSpec } | null;
  header: GlyphStyle;
  ticker: ListSpec | null;
  title: number;
  lead: 'none' | 'under-title' | 'in-body';
  trailer: 'none' | 'after-body' | 'in-body';
  meta: { place: 'under-title' | 'after-body'; lines: ('views' | 'source' | 'archived')[]; glyph: GlyphStyle; joined: 'divs' | 'br' | 'ul' };
  comments: boolean;
  mostRead: { place: 'after-body' | 'before-title'; heading: GlyphStyle; list: ListSpec } | null;
  latest: boolean;
  /** The order of what follows the body (indices shuffled). */
  afterOrder: number[];
}

/** The smaller headline pool's size (the Russian fixture has 9 ticker headlines). */
export const MIN_POOL = 9;

const glyphStyle = fc.constantFrom<GlyphStyle>('i', 'span-x', 'material', 'glued', 'none');

function listSpec(min: number, max: number): fc.Arbitrary<ListSpec> {
  return fc.record({
    shape: fc.constantFrom<ListShape>('ul', 'divs', 'br', 'table'),
    offset: fc.nat(40),
    items: fc.uniqueArray(fc.nat(MIN_POOL - 1), { minLength: min, maxLength: max }),
    extra: fc.constantFrom<ListExtra>('none', 'date', 'views-element', 'views-glued'),
    glyph: glyphStyle,
  });
}

export const pageSpec: fc.Arbitrary<PageSpec> = fc.record({
  lang: fc.constantFrom<Lang>('kk', 'ru'),
  paragraphs: fc.array(fc.array(fc.nat(200), { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 6 }),
  markup: fc.constantFrom<ParagraphMarkup>('p', 'div', 'br', 'spans'),
  wrappers: fc.array(fc.constantFrom<Wrapper>('div', 'section', 'article', 'main', 'ul', 'table', 'blockquote'), { maxLength: 3 }),
  bodyGlyphs: fc.array(
    fc.record({ after: fc.nat(6), word: fc.nat(7), style: fc.constantFrom<'i' | 'span-x' | 'material'>('i', 'span-x', 'material') }),
    { maxLength: 3 },
  ),
  readAlso: fc.option(fc.record({ after: fc.nat(6), label: fc.boolean(), list: listSpec(2, 4) }), { nil: null }),
  header: glyphStyle,
  ticker: fc.option(listSpec(3, MIN_POOL), { nil: null }),
  title: fc.nat(40),
  lead: fc.constantFrom<PageSpec['lead']>('none', 'under-title', 'in-body'),
  trailer: fc.constantFrom<PageSpec['trailer']>('none', 'after-body', 'in-body'),
  meta: fc.record({
    place: fc.constantFrom<'under-title' | 'after-body'>('under-title', 'after-body'),
    lines: fc.shuffledSubarray(['views', 'source', 'archived'] as ('views' | 'source' | 'archived')[], { minLength: 1 }),
    glyph: glyphStyle,
    joined: fc.constantFrom<'divs' | 'br' | 'ul'>('divs', 'br', 'ul'),
  }),
  comments: fc.boolean(),
  mostRead: fc.option(
    fc.record({ place: fc.constantFrom<'after-body' | 'before-title'>('after-body', 'before-title'), heading: glyphStyle, list: listSpec(3, MIN_POOL) }),
    { nil: null },
  ),
  latest: fc.boolean(),
  afterOrder: fc.shuffledSubarray([0, 1, 2, 3, 4], { minLength: 5, maxLength: 5 }),
});

// ---------------------------------------------------------------------------------------------
// Rendering.

export const GLYPH_WORDS = ['see', 'embed', 'archive', 'top', 'news', 'close', 'up', 'menu'];

export interface RenderedPage {
  url: string;
  html: string;
  /** Sentences of the body, in order. */
  sentences: string[];
  /** Visible strings outside the body that the body text must never show. */
  forbidden: string[];
  /** The body sits inside a list or a table: whether it is all kept is not asserted. */
  bodyInList: boolean;
  /**
   * No paragraph of the body has more than SHORT_LINE letters: a body with no line of running
   * prose cannot be told from the text of a headline list beside it in the same container
   * (findHeadlineLists' maxProseRun), so whether it is kept is not asserted.
   */
  shortBody: boolean;
}

/** See RenderedPage.shortBody: a little above findHeadlineLists' maxProseRun (50 letters). */
export const SHORT_LINE = 60;

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** An icon before a label: an element holding the glyph word, the word glued to the label, or nothing. */
function glyph(style: GlyphStyle, word: string): string {
  switch (style) {
    case 'i':
      return `<i>${word}</i>`;
    case 'span-x':
      return `<span class="x">${word}</span>`;
    case 'material':
      return `<span class="material-icons">${word}</span>`;
    case 'glued':
      return word;
    case 'none':
      return '';
  }
}

function pick<T>(pool: readonly T[], i: number): T {
  return pool[i % pool.length]!;
}

function renderList(spec: ListSpec, pool: readonly string[], L: Labels, used: string[], slug: string): string {
  const titles = spec.items.map((i) => pick(pool, spec.offset + i));
  used.push(...titles);
  const extra = () => {
    switch (spec.extra) {
      case 'none':
        return '';
      case 'date':
        return ` <span>${esc(L.date)}</span>`;
      case 'views-element':
        return ` ${glyph(spec.glyph === 'glued' || spec.glyph === 'none' ? 'i' : spec.glyph, 'see')}113`;
      case 'views-glued':
        return ' see113';
    }
  };
  const a = (t: string, i: number) => `<a href="/news/${slug}-${i}-${1_050_000 + i}">${esc(t)}</a>`;
  switch (spec.shape) {
    case 'ul':
      return `<ul>${titles.map((t, i) => `<li>${a(t, i)}${extra()}</li>`).join('')}</ul>`;
    case 'divs':
      return `<div>${titles.map((t, i) => `<div><div>${a(t, i)}</div>${spec.extra === 'none' ? '' : `<div>${extra()}</div>`}</div>`).join('')}</div>`;
    case 'br':
      return `<div>${titles.map((t, i) => `${a(t, i)}${extra()}`).join('<br>')}</div>`;
    case 'table':
      return `<table>${titles.map((t, i) => `<tr><td>${a(t, i)}</td>${spec.extra === 'none' ? '' : `<td>${extra()}</td>`}</tr>`).join('')}</table>`;
  }
}

function wrap(wrappers: readonly Wrapper[], inner: string): string {
  let out = inner;
  for (const w of [...wrappers].reverse()) {
    if (w === 'ul') out = `<ul><li>${out}</li></ul>`;
    else if (w === 'table') out = `<table><tr><td>${out}</td></tr></table>`;
    else out = `<${w}>${out}</${w}>`;
  }
  return out;
}

export function renderPage(spec: PageSpec, pools: Pools): RenderedPage {
  const L = LABELS[spec.lang];
  const sentencePool = pools.sentences[spec.lang];
  const headlinePool = pools.headlines[spec.lang];
  const url = 'https://qazaq24.com/news/random-page-1099999';
  const used: string[] = [];

  // The body's paragraphs, without repeats (a sentence once on the page).
  const seen = new Set<string>();
  const paragraphs = spec.paragraphs
    .map((p) => p.map((i) => pick(sentencePool, i)).filter((s) => (seen.has(s) ? false : (seen.add(s), true))))
    .filter((p) => p.length > 0);
  const sentences = paragraphs.flat();
  const title = pick(headlinePool, spec.title);

  const forbidden = new Set<string>([
    L.views,
    L.source,
    L.archived,
    L.comments,
    L.login,
    L.first,
    L.mostRead,
    L.mostReadSub,
    L.latest,
    L.latestSub,
    L.readAlso,
    'https://egemen.kz',
    title,
  ]);

  const blocks: string[] = paragraphs.map((p) => esc(p.join(' ')));
  // Inside the body, between paragraphs: icons, a "read also" list, lead and trailer.
  const inserts = new Map<number, string[]>();
  const insertAfter = (i: number, html: string) => {
    const at = Math.min(i, blocks.length - 1);
    inserts.set(at, [...(inserts.get(at) ?? []), html]);
  };
  for (const g of spec.bodyGlyphs) insertAfter(g.after, glyph(g.style, pick(GLYPH_WORDS, g.word)));
  if (spec.readAlso) {
    const list = renderList(spec.readAlso.list, headlinePool, L, used, 'read-also');
    insertAfter(spec.readAlso.after, `${spec.readAlso.label ? `<p><strong>${esc(L.readAlso)}</strong></p>` : ''}${list}`);
  }
  const joinBlocks = (items: string[]): string => {
    switch (spec.markup) {
      case 'p':
        return items.map((b) => (b.startsWith('<') ? b : `<p>${b}</p>`)).join('\n');
      case 'div':
        return items.map((b) => (b.startsWith('<') ? b : `<div>${b}</div>`)).join('\n');
      case 'br':
        return `<div>${items.join('<br><br>\n')}</div>`;
      case 'spans':
        return items.map((b) => (b.startsWith('<') ? b : `<span>${b}</span>`)).join('<br>\n');
    }
  };
  const bodyItems: string[] = [];
  if (spec.lead === 'in-body') bodyItems.push(esc(L.lead));
  blocks.forEach((b, i) => {
    bodyItems.push(b);
    for (const extra of inserts.get(i) ?? []) bodyItems.push(extra);
  });
  if (spec.trailer === 'in-body') bodyItems.push(esc(L.trailer));
  const body = wrap(spec.wrappers, joinBlocks(bodyItems));
  if (spec.lead !== 'none') forbidden.add(L.lead);
  if (spec.trailer !== 'none') forbidden.add(L.trailer);

  // The meta lines, each with its icon.
  const metaLine = (kind: 'views' | 'source' | 'archived') => {
    switch (kind) {
      case 'views':
        return `${glyph(spec.meta.glyph, 'see')}${esc(L.views)}104`;
      case 'source':
        return `${glyph(spec.meta.glyph, 'embed')}${esc(L.source)}<a href="https://egemen.kz" target="_blank">https://egemen.kz</a>`;
      case 'archived':
        return `${glyph(spec.meta.glyph, 'archive')}${esc(L.archived)} ${esc(L.archivedDate)}`;
    }
  };
  const metaLines = spec.meta.lines.map(metaLine);
  const meta =
    spec.meta.joined === 'divs'
      ? `<div>${metaLines.map((l) => `<div>${l}</div>`).join('')}</div>`
      : spec.meta.joined === 'br'
        ? `<div>${metaLines.join('<br>')}</div>`
        : `<ul>${metaLines.map((l) => `<li>${l}</li>`).join('')}</ul>`;

  const header = `<header><a href="/">Qazaq24.com</a>${glyph(spec.header, 'close')} ${glyph(spec.header, 'up')}<nav>${L.chrome.map((c, i) => `<a href="/${i}">${esc(c)}</a>`).join(' ')}</nav>${glyph(spec.header, 'Menu')}</header>`;
  const ticker = spec.ticker ? renderList(spec.ticker, headlinePool, L, used, 'ticker') : '';
  const mostRead = spec.mostRead
    ? `<section><h3>${glyph(spec.mostRead.heading, 'top')}${esc(L.mostRead)}</h3><p>${esc(L.mostReadSub)}</p>${renderList(spec.mostRead.list, headlinePool, L, used, 'most-read')}</section>`
    : '';
  const comments = spec.comments ? `<section><div>${esc(L.comments)}</div><a href="/login">${esc(L.login)}</a><p>${esc(L.first)}</p></section>` : '';
  const latest = spec.latest ? `<section><h3>${glyph(spec.mostRead?.heading ?? 'material', 'news')}${esc(L.latest)}</h3><p>${esc(L.latestSub)}</p></section>` : '';
  const trailer = spec.trailer === 'after-body' ? `<p>${esc(L.trailer)}</p>` : '';

  const after = [
    trailer,
    spec.meta.place === 'after-body' ? meta : '',
    comments,
    spec.mostRead?.place === 'after-body' ? mostRead : '',
    latest,
  ];
  // Comments and lists end the article: the trailer and meta lines stay before them.
  const order = spec.afterOrder.filter((i) => i < 2).concat(spec.afterOrder.filter((i) => i >= 2));
  const afterBody = order.map((i) => after[i]!).join('\n');

  for (const h of used) forbidden.add(h);
  const html = `<!doctype html><html lang="${spec.lang}"><head><meta charset="utf-8"><title>${esc(title)} - Qazaq24.com</title></head><body>
${header}
${spec.mostRead?.place === 'before-title' ? mostRead : ''}
${ticker}
<h1>${esc(title)}</h1>
${spec.lead === 'under-title' ? `<div>${esc(L.lead)}</div>` : ''}
${spec.meta.place === 'under-title' ? meta : ''}
${body}
${afterBody}
<footer><a href="/about">${L.chrome[0]}</a> © 2026 Qazaq24.com</footer>
</body></html>`;
  const letters = (t: string) => t.match(/\p{L}/gu)?.length ?? 0;
  return {
    url,
    html,
    sentences,
    forbidden: [...forbidden],
    bodyInList: spec.wrappers.some((w) => w === 'ul' || w === 'table'),
    shortBody: Math.max(...paragraphs.map((p) => letters(p.join(' ')))) <= SHORT_LINE,
  };
}
