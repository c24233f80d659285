/**
 * Which article of a page of several the address names. An infinite scroll changes the
 * address (history.pushState) and usually the document title as the reader scrolls into the
 * next article; the page's other signals (og:title, JSON-LD, the canonical link) often stay as
 * the first article left them. So the address is asked first: an article whose title links to
 * it, whose share links carry it, or whose title its path spells; then the titles the page
 * gives (JSON-LD for this address, the document title, og:title); then the canonical address;
 * else the first article.
 */
import { collapse, foldForMatch } from '../../text/normalize.ts';
import { textNodes } from '../../dom.ts';
import { baseUrlOf } from '../../find.ts';
import { visibleText } from '../../clean/glyphs.ts';
import { absoluteUrl } from '../../clean/images.ts';
import type { ArticleSpan, SplitOptions } from '../../clean/articles.ts';
import { mainTitleElement, stripSiteName, titleElements } from '../../meta/title.ts';
import { canonicalUrl } from '../../meta/canonical.ts';
import { slugSpells } from './spelling.ts';

export interface ChosenArticle {
  span: ArticleSpan;
  index: number;
  /** Its title as the page shows it. */
  title: string | null;
  /** Its address: the page's canonical one for the first article, the address it is read at otherwise. */
  url: string;
}

/** Query parameters that never tell two articles apart. */
const NOISE_PARAM = /^(?:utm_\w+|amp|fbclid|gclid|yclid|from|ref)$/i;

/** An address reduced to what names an article: its path (and telling query), whatever the host or AMP form. */
export function articleKey(href: string, base?: string): string | null {
  let url: URL;
  try {
    url = new URL(href, base);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  let path: string;
  try {
    path = decodeURIComponent(url.pathname);
  } catch {
    path = url.pathname;
  }
  path = path.toLowerCase().replace(/\/amp(?=\/|$)/g, '').replace(/\.(?:html?|php)$/, '').replace(/\/+$/, '');
  const params = [...url.searchParams].filter(([k]) => !NOISE_PARAM.test(k)).sort(([a], [b]) => a.localeCompare(b));
  return `${path}${params.length ? `?${new URLSearchParams(params).toString()}` : ''}`;
}

/** The element's place in the text order: the index of its first text node, or of the next one. */
function positionOf(el: Element, index: Map<Node, number>): number {
  const inner = textNodes(el).find((t) => index.has(t));
  if (inner) return index.get(inner)!;
  for (let cur: Node | null = el; cur; cur = cur.parentNode) {
    for (let next = cur.nextSibling; next; next = next.nextSibling) {
      const t = (next.nodeType === 3 ? [next as Text] : textNodes(next)).find((n) => index.has(n));
      if (t) return index.get(t)!;
    }
  }
  return Infinity;
}

function spanAt(spans: readonly ArticleSpan[], position: number): number {
  return spans.findIndex((s) => position >= s.from && position < s.to);
}

/** Elements that show exactly this title: headings (a title may link to its own article) and plain blocks. */
export function elementsShowing(root: Element, title: string, options: SplitOptions): Element[] {
  const want = foldForMatch(title);
  if (!want) return [];
  const found = new Set<Element>(titleElements(root, title));
  for (const h of Array.from(root.querySelectorAll('h1, h2, h3, h4, h5, h6'))) {
    if (foldForMatch(visibleText(h)) !== want) continue;
    const links = h.querySelectorAll('a');
    if (links.length <= 1) found.add(h);
  }
  return [...found].filter((el) => !options.lists.some((l) => l.contains(el)));
}

interface LdItem {
  headline: string;
  url: string | null;
}

/** Headlines and addresses from the page's JSON-LD; a block that does not parse is passed over. */
function ldItems(doc: Document): LdItem[] {
  const out: LdItem[] = [];
  for (const script of Array.from(doc.querySelectorAll('script[type="application/ld+json"]'))) {
    const text = script.textContent ?? '';
    if (text.length > 500_000) continue;
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch {
      continue;
    }
    const stack: unknown[] = [data];
    let visited = 0;
    while (stack.length && visited++ < 2000) {
      const item = stack.pop();
      if (Array.isArray(item)) stack.push(...item);
      else if (item && typeof item === 'object') {
        const o = item as Record<string, unknown>;
        if (typeof o.headline === 'string' && o.headline.trim()) {
          const entity = o.mainEntityOfPage;
          const url = typeof o.url === 'string' ? o.url : typeof entity === 'string' ? entity : entity && typeof entity === 'object' && typeof (entity as Record<string, unknown>)['@id'] === 'string' ? ((entity as Record<string, unknown>)['@id'] as string) : null;
          out.push({ headline: collapse(o.headline), url });
        }
        if (o['@graph']) stack.push(o['@graph']);
      }
    }
  }
  return out;
}

/** Which of the spans link to the address: from their title, or through a share link that carries it. */
function spansLinkingTo(body: Element, key: string, base: string, spans: readonly ArticleSpan[], index: Map<Node, number>, options: SplitOptions): number[] {
  const slug = key.split('?')[0]!.split('/').filter(Boolean).pop();
  if (!slug) return [];
  const hits = new Set<number>();
  for (const a of Array.from(body.querySelectorAll('a[href]'))) {
    const href = a.getAttribute('href') ?? '';
    let decoded = href;
    try {
      decoded = decodeURIComponent(href);
    } catch {
      /* a stray % */
    }
    if (!decoded.toLowerCase().includes(slug)) continue;
    if (options.lists.some((l) => l.contains(a))) continue;
    const abs = absoluteUrl(href, base);
    if (!abs) continue;
    let hit = false;
    if (articleKey(abs) === key) {
      // A plain link to the article names it only from its title (the "next article" divider links too).
      hit = !!a.closest('h1, h2, h3, h4, h5, h6');
    } else {
      for (const [, value] of new URL(abs).searchParams) if (/^https?:/i.test(value) && articleKey(value) === key) hit = true;
    }
    if (!hit) continue;
    const at = spanAt(spans, positionOf(a, index));
    if (at >= 0) hits.add(at);
  }
  return [...hits].sort((x, y) => x - y);
}

/**
 * The article the address names among spans (at least two). `index` gives the text order of
 * `body`'s text nodes, as splitArticles read them.
 */
export function chooseArticle(work: Document, body: Element, url: URL, spans: readonly ArticleSpan[], options: SplitOptions, siteNames: readonly string[]): ChosenArticle {
  const index = new Map<Node, number>();
  textNodes(body).forEach((t, i) => index.set(t, i));
  const workBase = baseUrlOf(work);
  const base = workBase && workBase !== 'about:blank' ? workBase : url.href;
  const here = url.href.split('#')[0]!;
  const pageKey = articleKey(url.href);

  const titleIn = (i: number, named?: string): { title: string | null; el: Element | null } => {
    if (named) {
      const els = elementsShowing(body, named, options).filter((el) => spanAt(spans, positionOf(el, index)) === i);
      const el = mainTitleElement(els) ?? spans[i]!.title;
      return { title: el ? visibleText(el) : named, el };
    }
    const el = spans[i]!.title;
    return { title: el ? visibleText(el) : null, el };
  };
  const ownLink = (i: number): string | null => {
    const el = spans[i]!.title;
    const a = el ? (el.closest('a[href]') ?? el.querySelector('a[href]')) : null;
    const abs = a ? absoluteUrl(a.getAttribute('href')!, base) : null;
    return abs && new URL(abs).hostname.split('.').slice(-2).join('.') === url.hostname.split('.').slice(-2).join('.') ? abs : null;
  };
  const canonical = canonicalUrl(work, url);
  const done = (i: number, named: string | undefined, byAddress: boolean): ChosenArticle => {
    const { title } = titleIn(i, named);
    let address: string;
    if (byAddress) address = articleKey(canonical) === pageKey ? canonical : here;
    else if (i === 0) address = canonical;
    else address = ownLink(i) ?? here;
    return { span: spans[i]!, index: i, title, url: address };
  };

  // The address itself.
  if (pageKey) {
    const linked = spansLinkingTo(body, pageKey, base, spans, index, options);
    if (linked.length) return done(linked[0]!, undefined, true);
    const spelled = spans.findIndex((s) => s.title && slugSpells(pageKey, visibleText(s.title)));
    if (spelled >= 0) return done(spelled, undefined, true);
  }

  // The titles the page gives, most specific first.
  const ld = ldItems(work);
  const named: string[] = [];
  for (const item of ld) if (item.url && pageKey && articleKey(item.url, base) === pageKey) named.push(item.headline);
  const docTitle = work.querySelector('title')?.textContent;
  if (docTitle) named.push(stripSiteName(docTitle, siteNames));
  for (const selector of ['meta[property="og:title"]', 'meta[name="twitter:title"]']) {
    const v = work.querySelector(selector)?.getAttribute('content');
    if (v) named.push(stripSiteName(collapse(v), siteNames));
  }
  const isSite = (name: string) => siteNames.some((s) => foldForMatch(s) === foldForMatch(name));
  for (const name of named) {
    if (!name || isSite(name)) continue;
    const els = elementsShowing(body, name, options);
    const at = els.map((el) => spanAt(spans, positionOf(el, index))).find((i) => i >= 0);
    if (at !== undefined) return done(at, name, false);
  }

  // The canonical address, where the page keeps it up to date.
  const canonicalKey = articleKey(canonical);
  if (canonicalKey && canonicalKey !== pageKey) {
    const linked = spansLinkingTo(body, canonicalKey, base, spans, index, options);
    if (linked.length) return done(linked[0]!, undefined, false);
  }
  for (const item of ld) {
    const els = elementsShowing(body, item.headline, options);
    const at = els.map((el) => spanAt(spans, positionOf(el, index))).find((i) => i >= 0);
    if (at !== undefined) return done(at, item.headline, false);
  }
  return done(0, undefined, false);
}
