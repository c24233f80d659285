/**
 * The check that runs on every page load: which site, and is this one article. No parser, no
 * cloning: a look at the URL, a few meta tags and the page's labels.
 */
import type { PageStatus } from './types.ts';
import { siteDetectorFor } from './profiles/detectors.ts';
import { primaryLang } from './meta/lang.ts';
import { isWebPage } from './web-page.ts';

export function detectPage(doc: Document, href: string): PageStatus {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return { site: 'generic', isArticle: false, lang: null };
  }
  const profile = siteDetectorFor(url);
  const lang = primaryLang(doc.documentElement?.getAttribute('lang'));
  if (!profile) return { site: 'generic', isArticle: false, lang };
  return { site: profile.id, isArticle: isWebPage(doc) && profile.isArticle(doc, url), lang };
}
