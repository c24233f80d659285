/**
 * Any other site: Readability decides whether the page is an article and finds its body.
 * Only the cleaning that is safe everywhere runs: icon elements, lazy images.
 */
import { isProbablyReaderable } from '@mozilla/readability';
import type { PreparedArticle, SiteProfile } from './profile.ts';
import { removeGlyphs } from '../clean/glyphs.ts';
import { resolveImages } from '../clean/images.ts';
import { findTitle } from '../meta/title.ts';
import { detectLang } from '../meta/lang.ts';
import { canonicalUrl } from '../meta/canonical.ts';
import { normalizeIsoDate } from '../meta/dates.ts';
import { workingCopy } from '../working-copy.ts';

function siteNamesOf(doc: Document): string[] {
  const name = doc.querySelector('meta[property="og:site_name"]')?.getAttribute('content')?.trim();
  return name ? [name] : [];
}

function prepare(page: Document, url: URL): PreparedArticle {
  const work = workingCopy(page);
  const body = work.body ?? work.documentElement.appendChild(work.createElement('body'));
  const meta = {
    title: findTitle(work, siteNamesOf(work)),
    lang: detectLang(work, url, ''),
    url: canonicalUrl(work, url),
    source: null,
    views: null,
    archivedAt: null,
    publishedAt: normalizeIsoDate(work.querySelector('meta[property="article:published_time"]')?.getAttribute('content')),
  };
  removeGlyphs(body, { textLevel: false });
  resolveImages(body, work.baseURI || url.href);
  return { meta, work, stripGlyphText: false, headlines: new Set(), bodyIsCut: false };
}

export const generic: SiteProfile = {
  id: 'generic',
  siteNames: [],
  matches: () => true,
  isArticle: (doc) => !!doc.body && isProbablyReaderable(doc, { minContentLength: 140, minScore: 20 }),
  prepare,
};
