/**
 * What a page says about its article in JSON-LD (schema.org): headline, authors, dates,
 * publisher, image, language and, on many news sites, the whole article body as plain text.
 * Read with JSON.parse only (never evaluated); a malformed block is skipped.
 */

export interface ArticleLd {
  headline: string | null;
  authors: string[];
  datePublished: string | null;
  dateModified: string | null;
  publisher: string | null;
  image: string | null;
  inLanguage: string | null;
  articleBody: string | null;
  description: string | null;
}

/** schema.org types that describe one article (NewsArticle, BlogPosting, ReportageNewsArticle, …). */
const ARTICLE_TYPE = /^(?:\w*Article|BlogPosting|LiveBlogPosting|Report|Review|SocialMediaPosting|WebPage)$/;
/** A block this large is not metadata: read no further into it. */
const MAX_BLOCK = 2_000_000;
/** How many objects of all blocks together are looked at: a hostile page may nest them endlessly. */
const MAX_OBJECTS = 5000;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Obj = { [key: string]: Json };

const isObj = (v: Json | undefined): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v);

function typesOf(o: Obj): string[] {
  const t = o['@type'];
  const list = Array.isArray(t) ? t : [t];
  return list.filter((x): x is string => typeof x === 'string').map((x) => x.replace(/^https?:\/\/schema\.org\//, ''));
}

/** Every object in the parsed blocks, breadth first, @graph and arrays opened. */
function objectsOf(blocks: Json[]): Obj[] {
  const out: Obj[] = [];
  const queue: Json[] = [...blocks];
  let seen = 0;
  while (queue.length && seen < MAX_OBJECTS) {
    const v = queue.shift()!;
    seen++;
    if (Array.isArray(v)) {
      queue.push(...v);
      continue;
    }
    if (!isObj(v)) continue;
    out.push(v);
    const graph = v['@graph'];
    if (graph) queue.push(graph);
    // An article is often the mainEntity of a WebPage.
    const main = v['mainEntity'] ?? v['mainEntityOfPage'];
    if (isObj(main) || Array.isArray(main)) queue.push(main);
  }
  return out;
}

function text(v: Json | undefined): string | null {
  if (typeof v === 'string') {
    const t = v.replace(/\s+/g, ' ').trim();
    return t || null;
  }
  if (Array.isArray(v)) return text(v[0]);
  return null;
}

function nameOf(v: Json | undefined): string | null {
  if (typeof v === 'string') return text(v);
  if (isObj(v)) return text(v['name']);
  if (Array.isArray(v)) return nameOf(v[0]);
  return null;
}

function namesOf(v: Json | undefined): string[] {
  const list = Array.isArray(v) ? v : v === undefined ? [] : [v];
  const names = list.map((x) => nameOf(x)).filter((x): x is string => !!x && !/^https?:\/\//i.test(x));
  return [...new Set(names)];
}

function imageOf(v: Json | undefined): string | null {
  if (typeof v === 'string') return text(v);
  if (isObj(v)) return text(v['url']) ?? text(v['contentUrl']);
  if (Array.isArray(v)) return imageOf(v[0]);
  return null;
}

/** The JSON of every ld+json script, parsed; what does not parse is left out. */
export function jsonLdBlocks(doc: Document): Json[] {
  const out: Json[] = [];
  for (const script of Array.from(doc.getElementsByTagName('script'))) {
    if (!/^\s*application\/ld\+json\s*$/i.test(script.getAttribute('type') ?? '')) continue;
    const raw = script.textContent ?? '';
    if (!raw.trim() || raw.length > MAX_BLOCK) continue;
    try {
      out.push(JSON.parse(raw.replace(/^\s*(?:<!--|<!\[CDATA\[)|(?:-->|\]\]>)\s*$/g, '')) as Json);
    } catch {
      /* Not JSON: skipped, as a browser's reader would. */
    }
  }
  return out;
}

/**
 * The page's article as JSON-LD describes it: the first object of an article type, a WebPage
 * only where no article is described. Null where the page has none.
 */
export function articleLd(doc: Document): ArticleLd | null {
  const objects = objectsOf(jsonLdBlocks(doc));
  const typed = objects.filter((o) => typesOf(o).some((t) => ARTICLE_TYPE.test(t)));
  const article = typed.find((o) => !typesOf(o).includes('WebPage')) ?? typed[0];
  if (!article) return null;
  const publisher = objects.find((o) => typesOf(o).some((t) => t === 'Organization' || t === 'NewsMediaOrganization'));
  return {
    headline: text(article['headline']) ?? text(article['name']),
    authors: namesOf(article['author'] ?? article['creator']),
    datePublished: text(article['datePublished']) ?? text(article['dateCreated']),
    dateModified: text(article['dateModified']),
    publisher: nameOf(article['publisher']) ?? (publisher ? nameOf(publisher) : null),
    image: imageOf(article['image']) ?? imageOf(article['thumbnailUrl']),
    inLanguage: nameOf(article['inLanguage']),
    articleBody: typeof article['articleBody'] === 'string' ? article['articleBody'] : null,
    description: text(article['description']),
  };
}
