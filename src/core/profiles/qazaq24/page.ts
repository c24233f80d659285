/**
 * Qazaq24.com: a news aggregator republishing Kazakh and Russian news from other outlets.
 * This part recognises its pages and tells an article from the rest; it runs on every page
 * load, so it is small and reads only labels. The cleaning is in article.ts.
 *
 * Everything keys on what a reader sees (labels, the order of the page's text, the shape of
 * link lists), never on class names: the site's markup is not known and may change.
 */
import type { SiteDetector } from '../profile.ts';

export const QAZAQ24_HOST = /(^|\.)qazaq24\.com$/i;
export const QAZAQ24_NAMES = ['Qazaq24.com', 'Qazaq24'];

/** The labels that appear once on an article and never on a listing of articles. */
const ARTICLE_LABEL = /(?<![\u0400-\u04ff])(?:д[еe]р[еe]кк[оө]з(?:і)?|ист[оo]чник|к[оө]рілімд[еe]р|пр[оo]см[оo]тры)\s*:|мұрағатталған|за[аa]рхивир[оo]в[аa]н/giu;
const EDITION_HOME = /^\/(?:(?:ru|kz|kk|en|qq|amp)\/?)?(?:index\.(?:html?|php))?$/i;
const ARTICLE_PATH = /[-_/]\d{3,}(?:\.html?)?\/?$/;

/** Labels closer than this (characters of text) may stand in one article's info block. */
const SAME_BLOCK = 300;
/** One article's info lines: views, source, archived, and a label said twice at most. */
const MAX_BLOCK_LABELS = 4;
/**
 * Between two articles' info blocks stands a whole article (title, lead, body); between two
 * labelled cards of a listing, a headline and an excerpt.
 */
const ARTICLE_SPACING = 500;

type LabelKind = 'views' | 'source' | 'archived';

interface Label {
  at: number;
  kind: LabelKind;
}

function kindOf(text: string): LabelKind {
  if (/мұрағат|архив/i.test(text)) return 'archived';
  return /к[оө]рілім|пр[оo]см[оo]тр/i.test(text) ? 'views' : 'source';
}

/**
 * Whether labels found at these places of the text come in articles' info blocks: a few
 * together, one group per article (an infinite scroll holds several; a kind seen again starts
 * the next group), and each group an article's: a whole article apart from the next, or
 * saying the article was archived from its source, which a listing's card does not.
 */
function inArticleBlocks(labels: readonly Label[]): boolean {
  if (labels.length <= MAX_BLOCK_LABELS) return true;
  const groups: { start: number; end: number; kinds: Set<LabelKind> }[] = [];
  for (const label of labels) {
    const last = groups[groups.length - 1];
    if (last && label.at - last.end < SAME_BLOCK && !last.kinds.has(label.kind)) {
      last.end = label.at;
      last.kinds.add(label.kind);
    } else groups.push({ start: label.at, end: label.at, kinds: new Set([label.kind]) });
  }
  const gaps = groups.slice(1).map((g, i) => g.start - groups[i]!.end).sort((a, b) => a - b);
  if (gaps.length === 0 || gaps[Math.floor(gaps.length / 2)]! >= ARTICLE_SPACING) return true;
  return groups.every((g) => g.kinds.has('archived'));
}

function isArticle(doc: Document, url: URL): boolean {
  if (EDITION_HOME.test(url.pathname)) return false;
  const body = doc.body;
  if (!body) return false;
  const labels = Array.from((body.textContent ?? '').matchAll(ARTICLE_LABEL), (m) => ({ at: m.index, kind: kindOf(m[0]) }));
  if (labels.length > 0) return inArticleBlocks(labels);
  const type = doc.querySelector('meta[property="og:type"]')?.getAttribute('content')?.trim().toLowerCase();
  return type === 'article' && ARTICLE_PATH.test(url.pathname) && !!doc.querySelector('h1');
}

export const qazaq24Page: SiteDetector = {
  id: 'qazaq24',
  siteNames: QAZAQ24_NAMES,
  matches: (url) => QAZAQ24_HOST.test(url.hostname),
  isArticle,
};
