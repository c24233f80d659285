/**
 * A page of several articles (an infinite scroll, a feed): which one is read, by each of the
 * signals a page gives, and that its title, text, source, views and archived time are its own.
 * The page is built here with three articles whose every line differs, so a value taken from a
 * neighbour shows.
 */
import { describe, expect, it } from 'vitest';
import { extractHtml } from './dom-env.ts';
import { detectPage } from '../../src/core/detect.ts';
import { parse } from './dom-env.ts';
import { articleKey } from '../../src/core/profiles/qazaq24/choose-article.ts';
import { slugSpells } from '../../src/core/profiles/qazaq24/spelling.ts';

interface Article {
  slug: string;
  title: string;
  lead: string;
  text: string[];
  views: number;
  source: [string, string];
  archived: [string, string];
}

const ARTICLES: Article[] = [
  {
    slug: 'taraz-qalasynda-jana-saiabaq-ashyldy-1060001',
    title: 'Тараз қаласында жаңа саябақ ашылды',
    lead: 'Egemen.KZ парақшасынан алынған деректерге сүйене отырып, Qazaq24.com жаңалық жариялайды..',
    text: [
      'Тараз қаласының оңтүстік бөлігінде он гектар жерді алып жатқан жаңа саябақ тұрғындарға есігін ашты. Саябақта балалар алаңы, велосипед жолы және жазғы сахна бар.',
      'Қала әкімдігінің айтуынша, саябақтағы ағаштардың басым бөлігі жергілікті питомниктен әкелінген. Алдағы жылы мұнда тағы екі мың түп көшет отырғызылады.',
    ],
    views: 101,
    source: ['Egemen.KZ', 'https://egemen.kz'],
    archived: ['2026-03-01T10:00:00+05:00', '01 Наурыз 2026 10:00'],
  },
  {
    slug: 'oral-qalasynda-su-qubyry-zhondeledi-1060002',
    title: 'Орал қаласында су құбыры жөнделеді',
    lead: 'Aikyn.kz парақшасынан алынған деректерге сүйене отырып, Qazaq24.com жаңалық жариялайды..',
    text: [
      'Орал қаласындағы ескі су құбырларын ауыстыру жұмыстары сәуір айында басталады. Жөндеу барысында бірнеше көшеде су уақытша өшіріледі.',
      'Коммуналдық қызмет тұрғындарға су өшірілетін күндер туралы алдын ала хабарлайтынын айтты. Жұмыстың жалпы ұзақтығы үш ай деп жоспарланған.',
    ],
    views: 202,
    source: ['Aikyn.kz', 'https://aikyn.kz'],
    archived: ['2026-03-02T11:30:00+05:00', '02 Наурыз 2026 11:30'],
  },
  {
    slug: 'semeide-kitaphana-qaita-ashyldy-1060003',
    title: 'Семейде кітапхана қайта ашылды',
    lead: 'Kazinform парақшасынан алынған деректерге сүйене отырып, Qazaq24.com жаңалық жариялайды..',
    text: [
      'Семей қаласындағы орталық кітапхана екі жылдық жөндеуден кейін оқырмандарға қайта ашылды. Ғимаратта электронды оқу залы мен балалар бөлімі пайда болды.',
      'Кітапхана қоры биыл бес мыңнан астам жаңа кітаппен толықты. Оқырмандар енді кітаптарды онлайн тапсырыс беріп те ала алады.',
    ],
    views: 303,
    source: ['Kazinform', 'https://www.inform.kz'],
    archived: ['2026-03-03T12:45:00+05:00', '03 Наурыз 2026 12:45'],
  },
];

const urlOf = (a: Article) => `https://qazaq24.com/news/${a.slug}`;

interface PageOptions {
  docTitle?: string;
  ogTitle?: string;
  canonical?: string;
  ld?: { headline: string; url: string }[];
  /** Titles as links to their own articles. */
  titleLinks?: boolean;
  /** Share links carrying each article's address. */
  shareLinks?: boolean;
  /** The info block under each title instead of after each body. */
  infoUnderTitle?: boolean;
}

function info(a: Article): string {
  return `<div><div><i>see</i>Көрілімдер:${a.views}</div><div><i>embed</i>Дереккөз:<a href="${a.source[1]}">${a.source[1]}</a></div><div><i>archive</i>Бұл хабарлама дереккөзден мұрағатталған ${a.archived[1]}</div></div>`;
}

function page(o: PageOptions): string {
  const head = [
    o.docTitle !== undefined ? `<title>${o.docTitle}</title>` : '',
    o.ogTitle ? `<meta property="og:title" content="${o.ogTitle}">` : '',
    o.canonical ? `<link rel="canonical" href="${o.canonical}">` : '',
    ...(o.ld ?? []).map((item) => `<script type="application/ld+json">${JSON.stringify({ '@type': 'NewsArticle', headline: item.headline, url: item.url })}</script>`),
  ].join('');
  const articles = ARTICLES.map((a, i) => {
    const title = o.titleLinks ? `<h2><a href="/news/${a.slug}">${a.title}</a></h2>` : `<h${i === 0 ? 1 : 2}>${a.title}</h${i === 0 ? 1 : 2}>`;
    const share = o.shareLinks ? `<div>Бөлісу: <a href="https://t.me/share/url?url=${encodeURIComponent(urlOf(a))}">Telegram</a></div>` : '';
    const body = `<div>${a.text.map((t) => `<p>${t}</p>`).join('')}</div>`;
    return o.infoUnderTitle
      ? `<div>${title}${info(a)}<div>${a.lead}</div>${body}${share}</div><hr>`
      : `<div>${title}<div>${a.lead}</div>${body}${share}${info(a)}</div><div>Келесі жаңалық</div>`;
  }).join('\n');
  return `<!doctype html><html lang="kk"><head><meta charset="utf-8">${head}</head><body><header><a href="/">Qazaq24.com</a></header><main>${articles}</main><footer>© 2026 Qazaq24.com</footer></body></html>`;
}

/** Which article was read, checked field by field against that article alone. */
function readAs(html: string, pageUrl: string, want: number): string {
  const out = extractHtml(html, pageUrl);
  const a = ARTICLES[want]!;
  expect(out.isArticle).toBe(true);
  expect(out.title).toBe(a.title);
  expect(out.views).toBe(a.views);
  expect(out.source).toEqual({ name: a.source[0], url: a.source[1] });
  expect(out.archivedAt).toBe(a.archived[0]);
  for (const t of a.text) expect(out.textContent).toContain(t);
  ARTICLES.forEach((other, i) => {
    if (i === want) return;
    expect(out.textContent).not.toContain(other.title);
    for (const t of other.text) expect(out.textContent).not.toContain(t);
  });
  return out.url;
}

const SITE = (t: string) => `${t} - Qazaq24.com`;

describe('the article a page of several is read as', () => {
  it('is the one the document title names, wherever it stands', () => {
    for (const want of [0, 1, 2]) {
      const html = page({ docTitle: SITE(ARTICLES[want]!.title), ogTitle: ARTICLES[0]!.title, canonical: urlOf(ARTICLES[0]!) });
      readAs(html, urlOf(ARTICLES[want]!), want);
    }
  });

  it('is the one whose title links to the address, before the titles the page gives', () => {
    const html = page({ docTitle: SITE(ARTICLES[0]!.title), ogTitle: ARTICLES[0]!.title, titleLinks: true });
    expect(readAs(html, urlOf(ARTICLES[2]!), 2)).toBe(urlOf(ARTICLES[2]!));
  });

  it('is the one whose share links carry the address', () => {
    const html = page({ docTitle: SITE(ARTICLES[0]!.title), shareLinks: true, infoUnderTitle: true });
    expect(readAs(html, urlOf(ARTICLES[1]!), 1)).toBe(urlOf(ARTICLES[1]!));
  });

  it('is the one whose title the address spells', () => {
    const html = page({ docTitle: SITE(ARTICLES[0]!.title) });
    expect(readAs(html, urlOf(ARTICLES[1]!), 1)).toBe(urlOf(ARTICLES[1]!));
  });

  it('is the one JSON-LD gives for this address, before a stale document title', () => {
    const ld = ARTICLES.map((a) => ({ headline: a.title, url: urlOf(a) }));
    const html = page({ docTitle: SITE(ARTICLES[0]!.title), ld });
    readAs(html, 'https://qazaq24.com/news/item?id=2', 0);
    readAs(page({ docTitle: SITE(ARTICLES[0]!.title), ld: [...ld, { headline: ARTICLES[2]!.title, url: 'https://qazaq24.com/news/item?id=2' }] }), 'https://qazaq24.com/news/item?id=2', 2);
  });

  it('is the one og:title names where the document title names none', () => {
    readAs(page({ docTitle: 'Qazaq24.com', ogTitle: ARTICLES[1]!.title }), 'https://qazaq24.com/news/item?id=9', 1);
  });

  it('is the one the canonical address names, where nothing else does', () => {
    readAs(page({ canonical: urlOf(ARTICLES[2]!), titleLinks: true }), 'https://qazaq24.com/news/item?id=9', 2);
  });

  it('is the first where nothing names one, at the canonical address', () => {
    expect(readAs(page({ docTitle: 'Басты жаңалықтар', canonical: urlOf(ARTICLES[0]!) }), 'https://qazaq24.com/news/item?id=9', 0)).toBe(urlOf(ARTICLES[0]!));
  });

  it('keeps each article’s own lines with the info block under its title', () => {
    for (const want of [0, 1, 2]) readAs(page({ docTitle: SITE(ARTICLES[want]!.title), infoUnderTitle: true }), urlOf(ARTICLES[want]!), want);
  });

  it('gives the first article the canonical address and a later one the address it is read at', () => {
    const html = page({ docTitle: SITE(ARTICLES[1]!.title), canonical: urlOf(ARTICLES[0]!) });
    expect(readAs(html, `${urlOf(ARTICLES[1]!)}#comments`, 1)).toBe(urlOf(ARTICLES[1]!));
    expect(readAs(page({ docTitle: SITE(ARTICLES[0]!.title), canonical: urlOf(ARTICLES[0]!) }), urlOf(ARTICLES[0]!), 0)).toBe(urlOf(ARTICLES[0]!));
  });
});

describe('the detector on pages of several articles', () => {
  const detect = (html: string, url: string) => detectPage(parse(html, url).window.document, url).isArticle;

  it('takes three articles with their info blocks for an article page', () => {
    expect(detect(page({ docTitle: SITE(ARTICLES[0]!.title) }), urlOf(ARTICLES[0]!))).toBe(true);
    expect(detect(page({ infoUnderTitle: true }), urlOf(ARTICLES[1]!))).toBe(true);
  });

  it('does not take a listing whose cards carry labelled lines for one', () => {
    const cards = Array.from({ length: 12 }, (_, i) => `<div><a href="/news/n${i}-10600${i}">${ARTICLES[i % 3]!.title} ${i}</a><div>Көрілімдер: ${i + 10}</div><div>Дереккөз: egemen.kz</div></div>`).join('');
    expect(detect(`<!doctype html><html lang="kk"><head><title>Жаңалықтар - Qazaq24.com</title></head><body>${cards}</body></html>`, 'https://qazaq24.com/news?page=2')).toBe(false);
    const viewsOnly = Array.from({ length: 8 }, (_, i) => `<p><a href="/news/n${i}-10600${i}">${ARTICLES[i % 3]!.title}</a> ${ARTICLES[i % 3]!.text[0]!.slice(0, 120)} Көрілімдер: ${i}</p>`).join('');
    expect(detect(`<!doctype html><html lang="kk"><body>${viewsOnly}</body></html>`, 'https://qazaq24.com/news?page=3')).toBe(false);
  });
});

describe('article addresses', () => {
  it('are the same whatever the host, the AMP form, a trailing slash or tracking parameters', () => {
    const key = articleKey('https://qazaq24.com/news/semeide-kitaphana-1060003');
    for (const other of ['https://m.qazaq24.com/news/semeide-kitaphana-1060003/', 'https://qazaq24.com/amp/news/semeide-kitaphana-1060003', 'http://qazaq24.com/news/semeide-kitaphana-1060003?utm_source=tg#top']) {
      expect(articleKey(other)).toBe(key);
    }
    expect(articleKey('https://qazaq24.com/news/item?id=1')).not.toBe(articleKey('https://qazaq24.com/news/item?id=2'));
    expect(articleKey('javascript:alert(1)')).toBeNull();
  });

  it('spell titles in the usual transliterations, and not other titles', () => {
    expect(slugSpells('/news/semeide-kitaphana-qaita-ashyldy-1060003', 'Семейде кітапхана қайта ашылды')).toBe(true);
    expect(slugSpells('/news/bejbitshilik-pen-birliktin-berik-tiregi-1045821', 'Бейбітшілік пен бірліктің берік тірегі')).toBe(true);
    expect(slugSpells('/ru/news/kazahstan-uvelichil-eksport-zerna-1052402', 'Казахстан увеличил экспорт зерна в страны Центральной Азии')).toBe(true);
    expect(slugSpells('/news/semeide-kitaphana-qaita-ashyldy-1060003', 'Орал қаласында су құбыры жөнделеді')).toBe(false);
    expect(slugSpells('/news/1060003', 'Семейде кітапхана қайта ашылды')).toBe(false);
  });
});
