/**
 * What any news page says about itself in its head: site name, author, publication date, lead
 * image, language. Meta tags (Open Graph, article:*, Dublin Core, Twitter), JSON-LD and
 * microdata, each checked in the order publishers most reliably fill them.
 */
import { collapse } from '../text/normalize.ts';
import { absoluteUrl } from '../clean/images.ts';
import type { ArticleLd } from './jsonld.ts';
import { primaryLang } from './lang.ts';

/** Every meta tag's content by its property, name or itemprop (lower-cased), the first one kept. */
function metaMap(doc: Document): Map<string, string> {
  const map = new Map<string, string>();
  for (const el of Array.from(doc.getElementsByTagName('meta'))) {
    const v = collapse(el.getAttribute('content') ?? '');
    if (!v) continue;
    for (const attr of ['property', 'name', 'itemprop']) {
      const key = el.getAttribute(attr)?.trim().toLowerCase();
      if (key && !map.has(key)) map.set(key, v);
    }
  }
  return map;
}

function metaOf(doc: Document, ...keys: string[]): string | null {
  const map = metaMap(doc);
  for (const key of keys) {
    const v = map.get(key);
    if (v) return v;
  }
  return null;
}

/** The first element whose itemprop names `prop`: one pass over the elements that have one. */
function itempropOf(doc: Document, prop: string): Element | null {
  for (const el of Array.from(doc.querySelectorAll('[itemprop]'))) {
    if ((el.getAttribute('itemprop') ?? '').split(/\s+/).includes(prop)) return el;
  }
  return null;
}

/** The site's own name: og:site_name, the JSON-LD publisher, the application name. */
export function siteNameOf(doc: Document, ld: ArticleLd | null): string | null {
  const name = metaOf(doc, 'og:site_name') ?? ld?.publisher ?? metaOf(doc, 'application-name', 'twitter:site');
  if (!name) return null;
  const clean = name.replace(/^@/, '');
  return clean.length <= 80 ? clean : null;
}

/** A name as a byline shows it: no "By", no address, not too long to be one. */
function asName(value: string | null | undefined): string | null {
  if (!value) return null;
  const t = collapse(value).replace(/^(?:by|von|par|por|autor(?:ka)?|συντάκτης|автор)\s*:?\s+/i, '');
  if (!t || /^https?:\/\/|^www\.|[<>{}]/i.test(t) || t.length > 120) return null;
  return t;
}

/**
 * The article's author(s): JSON-LD, author meta tags, then a microdata or rel=author element
 * on the page. Addresses (article:author is often a profile URL) are not names.
 */
export function bylineOf(doc: Document, ld: ArticleLd | null): string | null {
  const fromLd = ld?.authors.map(asName).filter((x): x is string => !!x) ?? [];
  if (fromLd.length) return fromLd.slice(0, 4).join(', ');
  const meta = asName(metaOf(doc, 'author', 'article:author', 'dc.creator', 'dcterms.creator', 'sailthru.author', 'parsely-author'));
  if (meta) return meta;
  const author = itempropOf(doc, 'author');
  const el = author?.querySelector('[itemprop~="name"]') ?? author ?? Array.from(doc.getElementsByTagName('a')).find((a) => /(?:^|\s)author(?:\s|$)/i.test(a.getAttribute('rel') ?? '')) ?? null;
  const fromEl = el ? asName(el.getAttribute('content') ?? el.textContent) : null;
  return fromEl && fromEl.split(' ').length <= 8 ? fromEl : null;
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * A machine-readable date as ISO 8601: with its offset where it has one, local time (no
 * offset, as ISO 8601 reads it) where not, the day alone where no time is given. Null where
 * it is not such a date.
 */
export function isoDate(value: string | null | undefined): string | null {
  if (!value) return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?(?:[.,]\d+)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i.exec(value.trim());
  if (!m) return null;
  const [year, month, day] = [+m[1]!, +m[2]!, +m[3]!];
  if (year < 1900 || year > 2200 || month < 1 || month > 12 || day < 1 || day > new Date(Date.UTC(year, month, 0)).getUTCDate()) return null;
  const date = `${m[1]}-${m[2]}-${m[3]}`;
  if (m[4] === undefined) return date;
  const [h, min, s] = [+m[4], +m[5]!, m[6] === undefined ? 0 : +m[6]];
  if (h > 23 || min > 59 || s > 59) return null;
  const zone = m[7] === undefined ? '' : /^z$/i.test(m[7]) ? '+00:00' : m[7].replace(/^([+-]\d{2}):?(\d{2})?$/, (_, hh: string, mm?: string) => `${hh}:${mm ?? '00'}`);
  return `${date}T${pad(h)}:${pad(min)}:${pad(s)}${zone}`;
}

/** When the article was first published: meta tags, JSON-LD, microdata, a `<time>` element. */
export function publishedOf(doc: Document, ld: ArticleLd | null): string | null {
  const candidates = [
    metaOf(doc, 'article:published_time', 'og:published_time', 'datepublished'),
    ld?.datePublished,
    metaOf(doc, 'pubdate', 'publishdate', 'publish_date', 'publication_date', 'date', 'dc.date', 'dc.date.issued', 'dcterms.created', 'sailthru.date', 'parsely-pub-date'),
  ];
  const published = itempropOf(doc, 'datePublished');
  candidates.push(published?.getAttribute('datetime'), published?.getAttribute('content'));
  candidates.push(Array.from(doc.getElementsByTagName('time')).find((t) => t.hasAttribute('pubdate'))?.getAttribute('datetime'));
  for (const c of candidates) {
    const iso = isoDate(c);
    if (iso) return iso;
  }
  return null;
}

/** The picture that represents the article (og:image, JSON-LD image), as an absolute address. */
export function leadImageOf(doc: Document, ld: ArticleLd | null, base: string): string | null {
  for (const c of [metaOf(doc, 'og:image', 'og:image:url', 'og:image:secure_url'), ld?.image, metaOf(doc, 'twitter:image', 'twitter:image:src')]) {
    const abs = c ? absoluteUrl(c, base) : null;
    if (abs) return abs;
  }
  const link = doc.querySelector('link[rel~="image_src"]')?.getAttribute('href');
  return link ? absoluteUrl(link, base) : null;
}

/** The language the page declares: `<html lang>`, content-language, og:locale, JSON-LD. */
export function declaredLangOf(doc: Document, ld: ArticleLd | null): string | null {
  const httpEquiv = Array.from(doc.querySelectorAll('meta[http-equiv]')).find((m) => /^content-language$/i.test(m.getAttribute('http-equiv') ?? ''));
  return (
    primaryLang(doc.documentElement?.getAttribute('lang')) ??
    primaryLang(doc.documentElement?.getAttribute('xml:lang')) ??
    primaryLang(httpEquiv?.getAttribute('content')?.split(',')[0]) ??
    primaryLang(metaOf(doc, 'og:locale', 'language', 'dc.language')) ??
    primaryLang(ld?.inLanguage)
  );
}

/** How the page describes the article in a sentence or two: its meta description. */
export function descriptionOf(doc: Document, ld: ArticleLd | null): string | null {
  return metaOf(doc, 'og:description', 'description', 'twitter:description', 'dc.description') ?? ld?.description ?? null;
}

/**
 * A dateline's author: the name after its label, up to a separator, a date, or the word that
 * says when ("By A. Writer published February 23, 2026").
 */
const DATELINE_BYLINE = new RegExp(
  String.raw`^(?:by|von|par|por|autor(?:ka)?|author|συντάκτης|автор|авторы)\s*:?\s+(.+?)\s*` +
    String.raw`(?:[,|–—•·]|\s(?:on|am|le|el|dnia)\s|\s\d|\s(?:published|updated|posted|modified|veröffentlicht|aktualisiert|publié|mis à jour|publicado|actualizado|opublikowano|zaktualizowano|опубликовано|обновлено)(?![\p{L}])|\s(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?\s+\d)`,
  'iu',
);

/** The name in a dateline that names its author: "By A. Writer, 2 February 2026", "Autor: PAP | 03-01-2012". */
export function bylineFromDateline(line: string): string | null {
  const m = DATELINE_BYLINE.exec(collapse(line));
  const name = m?.[1]?.trim();
  return name && name.split(' ').length <= 6 && /\p{L}/u.test(name) ? name : null;
}
