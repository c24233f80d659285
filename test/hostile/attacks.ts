/**
 * Pages that attack Oqy itself rather than carry hostile article HTML: the page's own script
 * (or any third-party script on the site) tries to drive the in-page reader, to fill the library
 * in auto mode with no click, to save itself over another site's article, and to have Oqy fetch
 * from the reader's own machine or network. Built from the real fixture pages; used by
 * test/e2e/page-attacks.test.ts (in Chromium and Firefox).
 */
import { loadFixtures, type Fixture } from '../harness/fixture-server.ts';

/** The fixture the attack pages are made of (a Kazakh article with a figure). */
export const BASE = 'article-unity-kk';

function base(): Fixture {
  const f = loadFixtures().find((x) => x.name === BASE);
  if (!f) throw new Error(`fixture ${BASE} is missing`);
  return f;
}

function replaceOnce(html: string, find: string | RegExp, by: string, what: string): string {
  const at = typeof find === 'string' ? html.indexOf(find) : html.search(find);
  if (at < 0) throw new Error(`${BASE}: no ${what} to replace`);
  return html.replace(find, by);
}

/** The page with its og:url (its canonical address, the library's key) set to `url`. */
function withAddress(html: string, url: string): string {
  return replaceOnce(html, /<meta property="og:url" content="[^"]*">/, `<meta property="og:url" content="${url}">`, 'og:url');
}

/** The page with a script of its own in <head>, run before anything else of the page. */
function withScript(html: string, source: string): string {
  return replaceOnce(html, '</head>', `<script>${source}</script>\n</head>`, '</head>');
}

/** The page with `blocks` put in its body after the first paragraph. */
function withBlocks(html: string, blocks: string): string {
  return replaceOnce(html, /(<div class="post__body">\s*<p>[^\n]*<\/p>)/, `$1\n        ${blocks}`, 'first paragraph');
}

export interface AttackPage {
  /** Where it is served (http) and, https, its own address (og:url). */
  servedUrl: string;
  url: string;
  html: string;
}

const page = (path: string, html: (f: Fixture, url: string) => string, host = 'qazaq24.com'): AttackPage => {
  const url = `https://${host}${path}`;
  return { url, servedUrl: url.replace(/^https:/, 'http:'), html: html(base(), url) };
};

/** A plain article, for the page's script to attack the reader over it (ATTACK_OPERATE, run by the test). */
export const OPERATE_PAGE = page('/news/oqy-attack-operate-3000001', (f, url) => withAddress(f.html, url));

/**
 * What a page's script does against a reader that is open over it, run in the page's world:
 * it looks for the reader's root, presses Save, "larger" and the dark theme there if it can,
 * then sends synthetic Escape keys and close requests from outside. Resolves with what it could
 * reach and do.
 */
export const ATTACK_OPERATE = `(async () => {
  const host = document.getElementById('oqy-reader-host');
  const root = host ? host.shadowRoot : null;
  const report = { host: !!host, root: String(root), pressed: [] };
  for (const selector of ['[data-action="save"]', '[data-step="size-more"]', '[data-step="size-more"]', '[data-theme-choice="dark"]']) {
    const button = root ? root.querySelector(selector) : null;
    if (button) { button.click(); report.pressed.push(selector); }
  }
  for (const target of [window, document, document.documentElement, document.body, host]) {
    if (target) target.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', code: 'Escape', bubbles: true, composed: true, cancelable: true }));
  }
  if (host) {
    host.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
    host.dispatchEvent(new CustomEvent('oqy:close-reader'));
  }
  document.dispatchEvent(new CustomEvent('oqy:reader-closed'));
  // Time for a close those events would have started to show.
  await new Promise((done) => setTimeout(done, 1500));
  report.hostAfter = !!document.getElementById('oqy-reader-host');
  return report;
})()`;

/** Addresses of the fake articles the auto-mode page makes of itself. */
export const AUTO_FAKE_PATHS = [1, 2, 3].map((n) => `/news/oqy-attack-fake-${n}-300010${n}`);

/**
 * An article whose own script, with auto mode on and no click from anyone, turns itself into
 * three made-up articles (new title, new og:url, history.pushState) and presses Save in the
 * reader auto mode opens for each. Its report is window.__attack (done once it has tried all
 * three).
 */
export const AUTO_PAGE = page('/news/oqy-attack-auto-3000002', (f, url) =>
  withScript(
    withAddress(f.html, url),
    `(() => {
      const report = window.__attack = { roots: [], pressed: 0, cycles: 0, done: false };
      const sleep = (ms) => new Promise((done) => setTimeout(done, ms));
      const until = async (test, ms) => { const end = Date.now() + ms; for (;;) { const v = test(); if (v || Date.now() > end) return v; await sleep(50); } };
      const paths = ${JSON.stringify(AUTO_FAKE_PATHS)};
      (async () => {
        for (let n = 0; n <= paths.length; n++) {
          const host = await until(() => document.getElementById('oqy-reader-host'), 15000);
          report.roots.push(host ? String(host.shadowRoot) : 'no reader');
          const save = host && host.shadowRoot ? host.shadowRoot.querySelector('[data-action="save"]') : null;
          if (save) { save.click(); report.pressed += 1; await sleep(1500); }
          if (n === paths.length) break;
          const title = 'Жалған мақала ' + (n + 1);
          document.title = title;
          document.querySelector('meta[property="og:url"]').setAttribute('content', location.origin + paths[n]);
          const h1 = document.querySelector('h1');
          if (h1) h1.textContent = title;
          history.pushState({}, '', paths[n]);
          report.cycles = n + 1;
          await until(() => !document.getElementById('oqy-reader-host'), 5000);
        }
        report.done = true;
      })();
    })();`,
  ),
);

/** The fixture's own page and address: the article another site tries to write over. */
export const VICTIM = (): AttackPage => {
  const f = base();
  return { url: f.url, servedUrl: f.servedUrl, html: f.html };
};

/**
 * A page on another host (evil.qazaq24.com: the content script runs there, and its old
 * same-site test took the last two labels of the host) naming the victim's address as its own.
 */
export const OTHER_HOST_PAGE = (): AttackPage => {
  const victim = base().url;
  const p = page('/news/oqy-attack-other-host-3000003', (f) =>
    replaceOnce(
      withAddress(f.html, victim),
      '</head>',
      `<link rel="canonical" href="${victim}">\n</head>`,
      '</head>',
    ).replace(/<h1 class="post__title">[^<]*<\/h1>/, '<h1 class="post__title">Басқа сайттың мақаласы</h1>').replace(/<title>[^<]*<\/title>/, '<title>Басқа сайттың мақаласы - Qazaq24.com</title>'),
  'evil.qazaq24.com');
  return { ...p, url: p.servedUrl.replace(/^http:/, 'https:') };
};

/** Images at the reader's own machine and network, and one public image that redirects there. */
export interface LanImages {
  /** Written with a loopback or private address, or a local name: neither shown nor fetched. */
  local: string[];
  /** A public address that answers with a redirect to `redirectTarget`: fetched by the saver, not followed. */
  redirecting: string;
  redirectTarget: string;
  /** An ordinary image of the site: shown and saved. */
  ok: string;
}

export function lanImages(port: number): LanImages {
  return {
    local: [
      `http://127.0.0.1:${port}/storage/oqy-lan/loopback.png`,
      `http://localhost:${port}/storage/oqy-lan/localhost.png`,
      'http://router.lan/storage/oqy-lan/router.png',
      'http://printer.local/storage/oqy-lan/printer.png',
      'http://192.168.1.1/storage/oqy-lan/private.png',
      `http://[::1]:${port}/storage/oqy-lan/ipv6.png`,
    ],
    redirecting: 'http://qazaq24.com/storage/oqy-lan/redirecting.png',
    redirectTarget: `http://127.0.0.1:${port}/storage/oqy-lan/after-redirect.png`,
    ok: 'http://qazaq24.com/storage/oqy-lan/ok.png',
  };
}

/** An article whose body holds the images of lanImages(port), each in a figure of its own. */
export function lanPage(images: LanImages, extra: string[] = [], path = '/news/oqy-attack-lan-3000004'): AttackPage {
  const figures = [...images.local, images.redirecting, images.ok, ...extra]
    .map((src, i) => `<figure><img src="${src}" alt="Сурет ${i + 1}" width="64" height="40"><figcaption>Сурет ${i + 1}</figcaption></figure>`)
    .join('\n        ');
  return page(path, (f, url) => withBlocks(withAddress(f.html, url), figures));
}

/** The requests among `requests` (absolute URLs) under /storage/oqy-lan/ (the attack images), as paths. */
export function lanRequests(requests: readonly string[]): string[] {
  return requests.filter((r) => r.includes('/storage/oqy-lan/'));
}
