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
 *
 * Inside the body there may also be advertising (labelled banners, partner cards, sponsored
 * banners) and inserts (related cards under labels in wordings no list has, subscribe lines,
 * share bars, tags, polls); below the article, one or two more articles as an infinite scroll
 * appends them, in the same template, with sentences of their own. The page's address names
 * the first: nothing of the ads, the inserts or the other articles may show in its body.
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
  /** Advertising inside the body: after which paragraph, which kind (see AD_KINDS). */
  ads: { after: number; kind: number }[];
  /** Inserts inside the body: after which paragraph, which kind (see INSERT_KINDS), which wording. */
  inserts: { after: number; kind: number; variant: number }[];
  /** More articles below the first, as an infinite scroll appends them: how many, where their sentences start. */
  next: { count: 1 | 2; offset: number } | null;
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
  ads: fc.array(fc.record({ after: fc.nat(6), kind: fc.nat(3) }), { maxLength: 2 }),
  inserts: fc.array(fc.record({ after: fc.nat(6), kind: fc.nat(4), variant: fc.nat(3) }), { maxLength: 3 }),
  next: fc.option(fc.record({ count: fc.constantFrom<1 | 2>(1, 2), offset: fc.nat(200) }), { nil: null }),
});

// ---------------------------------------------------------------------------------------------
// Rendering.

export const GLYPH_WORDS = ['see', 'embed', 'archive', 'top', 'news', 'close', 'up', 'menu'];

export interface RenderedPage {
  url: string;
  html: string;
  /** The first article's title: the one the address names. */
  title: string;
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

/** Advertising as the body may carry it: the HTML, and the strings that must not reach the body. */
const AD_KINDS: ReadonlyArray<(lang: Lang, n: number) => { html: string; words: string[] }> = [
  (lang, n) => {
    const label = lang === 'kk' ? 'Жарнама' : 'Реклама';
    return { html: `<div><div>${label}</div><a href="https://ads.example.kz/c${n}" rel="sponsored"><img src="https://cdn.example.kz/b${n}.jpg" width="728" height="90" alt=""></a></div>`, words: [label] };
  },
  (lang, n) => {
    const label = lang === 'kk' ? 'ЖАРНАМА' : 'Advertisement';
    return { html: `<figure><a href="https://ads.example.kz/f${n}"><img src="https://cdn.example.kz/f${n}.jpg" width="300" height="250" alt=""></a><figcaption>${label}</figcaption></figure>`, words: [label] };
  },
  (lang, n) => {
    const [label, headline] = lang === 'kk' ? ['Серіктес материалы', `Пәтерге ипотеканы жеңілдікпен рәсімдеңіз ${n}`] : ['Партнёрский материал', `Кредит на ремонт квартиры без комиссии ${n}`];
    return { html: `<div>${label}</div><div><a href="https://partner.example.kz/${n}"><img src="https://partner.example.kz/${n}.jpg" alt=""></a><a href="https://partner.example.kz/${n}">${headline}</a></div>`, words: [label, headline] };
  },
  (_lang, n) => ({ html: `<p><a href="https://shop.example.kz/${n}" rel="sponsored nofollow"><img src="https://shop.example.kz/s${n}.jpg" width="300" height="250" alt=""></a></p>`, words: [] }),
];

/** The divider an infinite scroll puts above the next article. */
const NEXT_LABEL: Record<Lang, string> = { kk: 'Келесі жаңалық', ru: 'Следующая новость' };

/** Labels no list of the profile has, for related cards. */
const CARD_LABELS: Record<Lang, string[]> = {
  kk: ['ТАҚЫРЫПҚА ОРАЙ', 'Осы тақырыпта', 'Назар аударыңыз:', 'Маңызды'],
  ru: ['Это интересно', 'Выбор редакции', 'Рекомендуем:', 'Важно'],
};
const CARD_HEADLINES: Record<Lang, string[]> = {
  kk: ['Көкшетауда екі мектептің құрылысы кешіктірілді', 'Атырауда жаңа көпір ашылды', 'Түркістанда туристер саны артты', 'Павлодарда жылу беру маусымы басталды'],
  ru: ['В Костанае открыли новый мост через Тобол', 'В Актау построят опреснительный завод', 'В Туркестане выросло число туристов', 'В Павлодаре начался отопительный сезон'],
};

/** Inserts as the body may carry them: the HTML, and the strings that must not reach the body. */
const INSERT_KINDS: ReadonlyArray<(lang: Lang, v: number, n: number) => { html: string; words: string[] }> = [
  (lang, v, n) => {
    const label = pick(CARD_LABELS[lang], v);
    const headline = pick(CARD_HEADLINES[lang], v + n);
    return { html: `<div><span>${esc(label)}</span> <a href="/news/card-${v}-${n}-105${v}${n}">${esc(headline)}</a></div>`, words: [label.replace(/:$/, ''), headline] };
  },
  (lang, v) => {
    const line = lang === 'kk' ? `Жаңалықтарды <a href="https://t.me/qazaq24news">Telegram-арнамызда</a> бақылаңыз` : `Подписывайтесь на наш <a href="https://t.me/qazaq24ru">Telegram-канал</a>`;
    return { html: v % 2 ? `<p><strong>${line}</strong></p>` : `<p>${line}</p>`, words: [lang === 'kk' ? 'Telegram-арнамызда' : 'Telegram-канал'] };
  },
  (lang) => {
    const label = lang === 'kk' ? 'Бөлісу:' : 'Поделиться:';
    const u = encodeURIComponent('https://qazaq24.com/news/random-page-1099999');
    return { html: `<div>${label} <a href="https://www.facebook.com/sharer/sharer.php?u=${u}">Facebook</a> <a href="https://t.me/share/url?url=${u}">Telegram</a></div>`, words: [label.replace(/:$/, ''), 'Facebook'] };
  },
  (lang) => {
    const [label, a, b] = lang === 'kk' ? ['Тегтер:', '#жаңалық', '#қоғам'] : ['Теги:', 'общество', 'регионы'];
    return { html: `<p>${label} <a href="/tag/1">${a}</a>, <a href="/tag/2">${b}</a></p>`, words: [label.replace(/:$/, ''), a] };
  },
  (lang) => {
    const [label, question, yes] = lang === 'kk' ? ['Сауалнама', 'Сіз бұл шешімді қолдайсыз ба?', 'Иә, қолдаймын'] : ['Опрос', 'Вы поддерживаете это решение?', 'Да, поддерживаю'];
    return { html: `<div><div>${label}</div><p>${question}</p><ul><li>${yes} — 60%</li><li>— 40%</li></ul></div>`, words: [label, question, yes] };
  },
];

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
  spec.ads.forEach((ad, n) => {
    const { html, words } = AD_KINDS[ad.kind % AD_KINDS.length]!(spec.lang, n);
    insertAfter(ad.after, html);
    for (const w of words) forbidden.add(w);
  });
  spec.inserts.forEach((insert, n) => {
    const { html, words } = INSERT_KINDS[insert.kind % INSERT_KINDS.length]!(spec.lang, insert.variant, n);
    insertAfter(insert.after, html);
    for (const w of words) forbidden.add(w);
  });
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
  // An infinite scroll's template shows the archived line (the captured page does): it tells one article's info block from the next.
  const metaKinds = spec.next && !spec.meta.lines.includes('archived') ? [...spec.meta.lines, 'archived' as const] : spec.meta.lines;
  const metaLines = metaKinds.map(metaLine);
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

  // More articles below, in the same template: title, lead, meta lines, body of sentences of their own.
  const nextArticles: string[] = [];
  if (spec.next) {
    forbidden.add(NEXT_LABEL[spec.lang]);
    const rest = sentencePool.filter((s) => !seen.has(s));
    // Where the body took (nearly) the whole pool, no other article can be written.
    for (let k = 0; k < spec.next.count && rest.length >= 2; k++) {
      const own = [0, 1, 2, 3].map((j) => pick(rest, spec.next!.offset + k * 4 + j)).filter((s, j, all) => all.indexOf(s) === j);
      const nextTitle = `${pick(headlinePool, spec.title + 1 + k)} (${k + 2})`;
      for (const s of own) forbidden.add(s);
      forbidden.add(nextTitle);
      const nextBody = `<div>${own.map((s) => `<p>${esc(s)}</p>`).join('')}</div>`;
      const nextLead = spec.lead === 'none' ? '' : `<div>${esc(L.lead)}</div>`;
      const nextMeta = spec.meta.place === 'under-title' ? `${meta}${nextLead}` : nextLead;
      nextArticles.push(
        `<div>${esc(NEXT_LABEL[spec.lang])}</div><div><h2>${esc(nextTitle)}</h2>${nextMeta}${nextBody}${spec.trailer === 'none' ? '' : `<p>${esc(L.trailer)}</p>`}${spec.meta.place === 'after-body' ? meta : ''}</div>`,
      );
    }
  }

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
${nextArticles.join('\n')}
<footer><a href="/about">${L.chrome[0]}</a> © 2026 Qazaq24.com</footer>
</body></html>`;
  const letters = (t: string) => t.match(/\p{L}/gu)?.length ?? 0;
  return {
    url,
    html,
    title,
    sentences,
    forbidden: [...forbidden],
    bodyInList: spec.wrappers.some((w) => w === 'ul' || w === 'table'),
    shortBody: Math.max(...paragraphs.map((p) => letters(p.join(' ')))) <= SHORT_LINE,
  };
}
