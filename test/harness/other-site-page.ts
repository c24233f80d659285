/**
 * A plain news article on another site (not Qazaq24): what the generic reader and auto mode's
 * other sites are tested on. The site's navigation, its sign-up box and its footer are what a
 * reader must leave out.
 */
export interface OtherSiteArticle {
  site: string;
  title: string;
  byline: string;
  sections: readonly string[];
  paragraphs: readonly string[];
  /** The sign-up box's text (the site's chrome), and its heading if it has one. */
  chrome: string;
  chromeHeading?: string;
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function otherSitePage(a: OtherSiteArticle): string {
  const title = escapeHtml(a.title);
  const site = escapeHtml(a.site);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${title} | ${site}</title>
<meta property="og:site_name" content="${site}">
<meta property="og:title" content="${title}">
</head>
<body>
<header><nav><a href="/">Home</a> ${a.sections.map((s) => `<a href="/${escapeHtml(s.toLowerCase())}">${escapeHtml(s)}</a>`).join(' ')}</nav></header>
<main>
<article>
<h1>${title}</h1>
<p class="byline">${escapeHtml(a.byline)}</p>
${a.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n')}
</article>
</main>
<aside>${a.chromeHeading ? `<h2>${escapeHtml(a.chromeHeading)}</h2>` : ''}<p>${escapeHtml(a.chrome)}.</p><form><input type="email"><button>Sign up</button></form></aside>
<footer><p>\u00a9 ${site}</p></footer>
</body>
</html>`;
}
