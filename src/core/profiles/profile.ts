import type { SourceRef } from '../types.ts';

/** What a profile reads off the page before the body is cut out. */
export interface PageMetadata {
  title: string | null;
  lang: string | null;
  url: string;
  source: SourceRef | null;
  views: number | null;
  archivedAt: string | null;
  publishedAt: string | null;
  /** The article's author(s), as the page names them. */
  byline?: string | null;
  /** The name the site goes by (og:site_name, the JSON-LD publisher). */
  siteName?: string | null;
  /** The picture the page offers to represent the article (og:image), absolute. */
  leadImage?: string | null;
}

/** A profile's reading of an article page: metadata, and a working copy reduced to the body. */
export interface PreparedArticle {
  meta: PageMetadata;
  /**
   * The working copy: a document of its own (nothing in it loads or runs) whose body holds the
   * article where the profile cut it out, else the whole page.
   */
  work: Document;
  /** Whether glyph words may be stripped from text too (the page is in Kazakh or Russian). */
  stripGlyphText: boolean;
  /** Headlines seen in the page's lists, to keep out of the body. */
  headlines: ReadonlySet<string>;
  /**
   * The working copy is already the article (the profile cut it out): Readability may tidy it
   * but not drop part of it. False where it is still the whole page and Readability must choose.
   */
  bodyIsCut: boolean;
}

/** How to recognise a site's pages and tell an article from the rest: cheap, runs on every page load. */
export interface SiteDetector {
  id: string;
  /** Names the site calls itself by (stripped from document titles). */
  siteNames: readonly string[];
  matches(url: URL): boolean;
  /** No parser, no clone: a look at the URL, meta tags and labels. */
  isArticle(doc: Document, url: URL): boolean;
}

/**
 * One site: its detector, and how to clean an article. A new site is a new folder under
 * profiles/ (page.ts for the detector, article.ts for the rest) and a line in each registry.
 */
export interface SiteProfile extends SiteDetector {
  /** Reads the metadata and gives the article in a working copy; the page itself is left as it is. */
  prepare(page: Document, url: URL): PreparedArticle;
}
