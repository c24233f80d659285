/**
 * The page's own address: its canonical link or og:url where that names the same host (a
 * leading `www.` aside), else the URL it was read from. The address is the library's key, so
 * a page may only name itself: `evil.github.io` declaring `victim.github.io/post`, or
 * `evil.com.kz` declaring `halyk.com.kz/news/1`, must not be saved over the other site's
 * article. Hosts are compared whole, not by their last labels, so shared suffixes
 * (github.io, com.kz) need no list.
 */
import { firstTagged } from '../dom.ts';

export function canonicalUrl(doc: Document, url: URL): string {
  const candidates = [
    firstTagged(doc, 'link', 'rel', 'canonical', true)?.getAttribute('href'),
    firstTagged(doc, 'meta', 'property', 'og:url')?.getAttribute('content'),
  ];
  for (const c of candidates) {
    if (!c) continue;
    try {
      const abs = new URL(c.trim(), url);
      if ((abs.protocol === 'https:' || abs.protocol === 'http:') && sameHost(abs.hostname, url.hostname)) return abs.href;
    } catch {
      /* not a URL: try the next */
    }
  }
  return url.href;
}

/** The same host, `www.` or not: `www.example.kz` and `example.kz` are one site's two names. */
export function sameHost(a: string, b: string): boolean {
  const bare = (h: string) => h.toLowerCase().replace(/\.+$/, '').replace(/^www\./, '');
  return bare(a) === bare(b);
}
