/** The result of reading one page: the extractor command's JSON and what the extension renders. */
export interface Extraction {
  /** False for home, listing, search and other pages that are not one article. */
  isArticle: boolean;
  /** Which site profile ran; "generic" where none matched. */
  site: string;
  /** The page's canonical URL (the Qazaq24 page, not the original publisher). */
  url: string;
  lang: string | null;
  title: string | null;
  /** The publisher the article was taken from, with a link to the original. */
  source: SourceRef | null;
  views: number | null;
  /** When the aggregator archived the article from its source, ISO 8601 with offset. */
  archivedAt: string | null;
  /** When the article was published, ISO 8601 (with its offset where the page gives one). */
  publishedAt: string | null;
  /** The article's author(s) as the page names them; null where unknown. */
  byline?: string | null;
  /** The name the site goes by (other sites; null on Qazaq24, whose source is the publisher). */
  siteName?: string | null;
  /** The picture the page offers to represent the article, absolute; null where none. */
  leadImage?: string | null;
  excerpt: string | null;
  /** Absolute URLs of the body's images, in order. */
  images: string[];
  /** The body as sanitized HTML. */
  contentHtml: string;
  /** The body as plain text, one block a line: no title, no metadata. */
  textContent: string;
  wordCount: number;
  readingMinutes: number;
}

export interface SourceRef {
  name: string;
  url: string | null;
}

/** What a page is, decided cheaply (no parser) on every page load. */
export interface PageStatus {
  site: string;
  isArticle: boolean;
  lang: string | null;
}
