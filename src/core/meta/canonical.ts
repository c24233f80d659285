/** The page's own address: its canonical link or og:url where that is on the same site, else the URL it was read from. */
export function canonicalUrl(doc: Document, url: URL): string {
  const candidates = [
    doc.querySelector('link[rel~="canonical"]')?.getAttribute('href'),
    doc.querySelector('meta[property="og:url"]')?.getAttribute('content'),
  ];
  for (const c of candidates) {
    if (!c) continue;
    try {
      const abs = new URL(c.trim(), url);
      if ((abs.protocol === 'https:' || abs.protocol === 'http:') && sameSite(abs.hostname, url.hostname)) return abs.href;
    } catch {
      /* not a URL: try the next */
    }
  }
  return url.href;
}

function sameSite(a: string, b: string): boolean {
  const root = (h: string) => h.toLowerCase().split('.').slice(-2).join('.');
  return root(a) === root(b);
}
