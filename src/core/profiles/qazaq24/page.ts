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
const EDITION_HOME = /^\/(?:(?:ru|kz|kk|en|qq)\/?)?(?:index\.(?:html?|php))?$/i;
const ARTICLE_PATH = /[-_/]\d{3,}(?:\.html?)?\/?$/;

function isArticle(doc: Document, url: URL): boolean {
  if (EDITION_HOME.test(url.pathname)) return false;
  const body = doc.body;
  if (!body) return false;
  const labels = (body.textContent ?? '').match(ARTICLE_LABEL)?.length ?? 0;
  if (labels > 0) return labels <= 4;
  const type = doc.querySelector('meta[property="og:type"]')?.getAttribute('content')?.trim().toLowerCase();
  return type === 'article' && ARTICLE_PATH.test(url.pathname) && !!doc.querySelector('h1');
}

export const qazaq24Page: SiteDetector = {
  id: 'qazaq24',
  siteNames: QAZAQ24_NAMES,
  matches: (url) => QAZAQ24_HOST.test(url.hostname),
  isArticle,
};
