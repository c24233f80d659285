/**
 * What "nothing dangerous got through" means, as checks on a rendered (or parsed) article: the
 * same function runs in jsdom (unit tests) and, as source text, inside Chromium and Firefox
 * pages (end-to-end tests). It uses only the DOM's own prototype methods, so markup that
 * clobbers names on the page cannot lie to it.
 */
import { BEACON, BEACON_HOST } from './payloads.ts';

export interface DomCheckOptions {
  /** blob: images are the library's stored images (saved articles only). */
  blobImages: boolean;
  beaconHost: string;
}

/**
 * Problems in a rendered article: `container` is the whole article as shown (title, meta line,
 * links, body), `body` the article body inside it. Empty when all is well. Self-contained: it
 * is sent to browsers as its source text (see DOM_PROBLEMS_SOURCE).
 *
 * - no attribute whose name starts with "on", anywhere in the container;
 * - no attribute value that is a javascript:, vbscript: or data: address (after the characters
 *   browsers ignore in addresses are taken out), anywhere;
 * - no attribute that loads or navigates that the article has no use for (srcdoc, srcset,
 *   action, formaction, ping, poster, background, xlink:href, http-equiv, autofocus, …) and no
 *   style that loads anything;
 * - every link with an address: http(s) or a fragment; an http(s) link opens in a new tab
 *   (target=_blank) with rel noopener and noreferrer;
 * - every image: http(s) (or blob: in a saved article), never the beacon, sent with no referrer
 *   (body images);
 * - in the body: no element that runs, embeds, frames, submits, styles, redirects or re-bases
 *   (script, iframe, object, embed, form, base, meta, style, link, svg, math, …), only HTML
 *   elements, and no id or name that could clobber a global (DOMPurify's user-content- prefix is
 *   the only one allowed).
 */
export function domProblems(container: Element, body: Element, options: DomCheckOptions): string[] {
  const problems: string[] = [];
  const proto = (object: object, name: string) => {
    for (let p: object | null = object; p; p = Object.getPrototypeOf(p)) {
      const d = Object.getOwnPropertyDescriptor(p, name);
      if (d) return d;
    }
    return undefined;
  };
  const elementProto = Object.getPrototypeOf(container) as object;
  const getter = <T>(name: string) => {
    const d = proto(elementProto, name);
    if (!d?.get) throw new Error(`no getter ${name}`);
    return (el: Element) => d.get!.call(el) as T;
  };
  const method = <T>(name: string) => {
    const d = proto(elementProto, name);
    if (typeof d?.value !== 'function') throw new Error(`no method ${name}`);
    return d.value as (this: Element, ...args: unknown[]) => T;
  };
  const localName = getter<string>('localName');
  const namespaceURI = getter<string | null>('namespaceURI');
  const attributesOf = getter<NamedNodeMap>('attributes');
  const textOf = getter<string | null>('textContent');
  const qsaMethod = method<NodeListOf<Element>>('querySelectorAll');
  const getAttributeMethod = method<string | null>('getAttribute');
  const containsMethod = method<boolean>('contains');
  const qsa = (root: Element, selector: string) => Array.from(qsaMethod.call(root, selector));
  const attr = (el: Element, name: string) => getAttributeMethod.call(el, name);
  const all = (root: Element) => [root, ...qsa(root, '*')];
  const where = (el: Element) => {
    const text = (textOf(el) ?? '').replace(/\s+/g, ' ').trim().slice(0, 40);
    return `<${localName(el)}>${text ? ` "${text}"` : ''}`;
  };
  // What browsers take out of an address before reading its scheme: C0 controls, space, and
  // (anywhere) tab and newline; DOMPurify's ATTR_WHITESPACE is wider still.
  const squeeze = (v: string) => v.replace(/[\u0000-\u0020\u007f-\u00a0\u1680\u180e\u2000-\u2029\u205f\u3000\ufeff]/g, '').toLowerCase();
  const DANGEROUS_SCHEME = /^(?:javascript|vbscript|data|livescript|mocha):/;
  const FORBIDDEN_ATTRIBUTES = new Set([
    'srcdoc', 'srcset', 'sizes', 'action', 'formaction', 'ping', 'poster', 'background', 'lowsrc', 'dynsrc', 'xlink:href',
    'http-equiv', 'autofocus', 'contenteditable', 'form', 'formtarget', 'popover', 'is', 'codebase', 'data', 'manifest', 'xmlns:xlink',
  ]);
  const FORBIDDEN_TAGS = new Set([
    'script', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'form', 'base', 'meta', 'style', 'link', 'svg', 'math',
    'noscript', 'template', 'input', 'button', 'textarea', 'select', 'option', 'video', 'audio', 'source', 'track', 'portal',
    'marquee', 'isindex', 'param', 'xmp', 'noembed', 'noframes', 'plaintext', 'title', 'area', 'map', 'image', 'bgsound',
    'details', 'dialog', 'slot', 'canvas', 'picture', 'use', 'animate', 'set', 'foreignobject', 'mglyph', 'malignmark',
  ]);
  const httpUrl = (v: string) => /^https?:\/\//i.test(v.trim());
  const hostOf = (v: string) => {
    try {
      return new URL(v).hostname.toLowerCase();
    } catch {
      return '';
    }
  };

  for (const el of all(container)) {
    for (const attribute of Array.from(attributesOf(el))) {
      const name = attribute.name.toLowerCase();
      const value = squeeze(attribute.value);
      if (name.startsWith('on')) problems.push(`${where(el)} has the handler ${name}`);
      if (DANGEROUS_SCHEME.test(value)) problems.push(`${where(el)} has ${name}="${attribute.value.slice(0, 60)}"`);
      if (FORBIDDEN_ATTRIBUTES.has(name)) problems.push(`${where(el)} has the attribute ${name}`);
      if (name === 'style' && /url\(|image-set\(|expression\(|@import|binding|behavior/.test(value)) {
        problems.push(`${where(el)} has a style that loads: ${attribute.value.slice(0, 60)}`);
      }
      if (name === 'src' && hostOf(attribute.value) === options.beaconHost) problems.push(`${where(el)} loads from the beacon: ${attribute.value}`);
    }
  }
  for (const a of qsa(container, 'a')) {
    const href = attr(a, 'href');
    if (href === null || href.startsWith('#')) continue;
    if (!httpUrl(href)) {
      problems.push(`${where(a)} links to ${href.slice(0, 60)}`);
      continue;
    }
    const rel = (attr(a, 'rel') ?? '').toLowerCase().split(/\s+/);
    if (!rel.includes('noopener') || !rel.includes('noreferrer')) problems.push(`${where(a)} to ${href.slice(0, 60)} has rel="${attr(a, 'rel') ?? ''}"`);
    if (attr(a, 'target') !== '_blank') problems.push(`${where(a)} to ${href.slice(0, 60)} has target="${attr(a, 'target') ?? ''}"`);
  }
  for (const img of qsa(container, 'img')) {
    const src = attr(img, 'src');
    if (src === null) continue;
    const ok = /^https?:\/\//i.test(src) || (options.blobImages && /^blob:/i.test(src));
    if (!ok) problems.push(`${where(img)} has src="${src.slice(0, 60)}"`);
    if (hostOf(src) === options.beaconHost) problems.push(`${where(img)} loads the beacon ${src}`);
    if (containsMethod.call(body, img) && attr(img, 'referrerpolicy') !== 'no-referrer') problems.push(`${where(img)} ${src.slice(0, 60)} is sent with a referrer`);
  }
  for (const el of all(body)) {
    const tag = localName(el);
    if (FORBIDDEN_TAGS.has(tag)) problems.push(`the body holds ${where(el)}`);
    if (namespaceURI(el) !== 'http://www.w3.org/1999/xhtml') problems.push(`the body holds ${where(el)} in ${namespaceURI(el)}`);
    if (el === body) continue;
    for (const name of ['id', 'name']) {
      const v = attr(el, name);
      if (v !== null && !v.startsWith('user-content-')) problems.push(`${where(el)} has ${name}="${v}"`);
    }
  }
  return problems;
}

/** domProblems as source text, to evaluate in a browser page. */
export const DOM_PROBLEMS_SOURCE = domProblems.toString();

export const CHECK_OPTIONS = (blobImages: boolean): DomCheckOptions => ({ blobImages, beaconHost: BEACON_HOST });

/**
 * An expression that evaluates to domProblems(container, body) in a page, or to
 * ["no article shown"] where the container or body expression finds nothing. The expressions
 * are evaluated in the page (they may reach into a shadow root).
 */
export function domProblemsExpression(containerExpr: string, bodyExpr: string, blobImages: boolean): string {
  // esbuild's keepNames helper may appear in a function's source under tsx: stand in for it.
  return `(() => {
    const __name = (f) => f;
    const check = (${DOM_PROBLEMS_SOURCE});
    const oqyContainer = (${containerExpr});
    const oqyBody = (${bodyExpr});
    if (!oqyContainer || !oqyBody) return ['no article shown'];
    return check(oqyContainer, oqyBody, ${JSON.stringify(CHECK_OPTIONS(blobImages))});
  })()`;
}

const collapse = (s: string) => s.replace(/\s+/g, ' ').trim();

/** The benign texts that `shown` (the body's visible text) lacks. */
export function missingText(shown: string, benign: readonly string[]): string[] {
  const text = collapse(shown);
  return benign.filter((b) => !text.includes(collapse(b)));
}

/** The payload ids of beacon requests among `requests` (absolute URLs); other beacon paths as they are. */
export function beaconHits(requests: readonly string[]): string[] {
  const hits: string[] = [];
  for (const r of requests) {
    let url: URL;
    try {
      url = new URL(r);
    } catch {
      continue;
    }
    if (url.hostname.toLowerCase() !== BEACON_HOST) continue;
    const m = /^\/hit\/([^/?#]+)/.exec(url.pathname);
    hits.push(m ? m[1]! : url.pathname);
  }
  return hits;
}

export { BEACON, BEACON_HOST };

/**
 * In a page: the flags a payload sets when it runs, read with the DOM's own getters.
 * `messages` are those recorded by MESSAGE_RECORDER (absent where it was not installed).
 */
export const READ_FLAGS = `(() => {
  const title = Object.getOwnPropertyDescriptor(Document.prototype, 'title').get.call(document);
  let storage = null;
  try { storage = window.localStorage.getItem('oqyPwned'); } catch (e) { storage = null; }
  const pwned = Object.prototype.hasOwnProperty.call(window, '__oqyPwned') || typeof window.__oqyPwned !== 'undefined' ? String(window.__oqyPwned) : null;
  const messages = Array.isArray(window.__oqyMessages) ? window.__oqyMessages.slice() : null;
  return { pwned, title, storage, messages };
})()`;

export interface Flags {
  pwned: string | null;
  title: string;
  storage: string | null;
  messages: string[] | null;
}

/** Records every message posted to the window (as strings), from the moment it runs. */
export const MESSAGE_RECORDER = `(() => {
  if (window.__oqyMessages) return true;
  Object.defineProperty(window, '__oqyMessages', { value: [], enumerable: false });
  window.addEventListener('message', (e) => {
    let data;
    try { data = typeof e.data === 'string' ? e.data : JSON.stringify(e.data); } catch (x) { data = String(e.data); }
    window.__oqyMessages.push(String(data).slice(0, 200));
  }, true);
  return true;
})()`;

/** What is wrong with the flags: a payload ran if any is set; `title` is what the page's title should be. */
export function flagProblems(flags: Flags, title: string | RegExp): string[] {
  const problems: string[] = [];
  if (flags.pwned !== null) problems.push(`window.__oqyPwned is ${flags.pwned}`);
  if (flags.storage !== null) problems.push(`localStorage.oqyPwned is ${flags.storage}`);
  if (flags.title === 'PWNED' || (typeof title === 'string' ? flags.title !== title : !title.test(flags.title))) {
    problems.push(`document.title is ${JSON.stringify(flags.title)}`);
  }
  const pwnedMessages = (flags.messages ?? []).filter((m) => m.includes('oqy-pwned'));
  if (pwnedMessages.length) problems.push(`messages posted: ${pwnedMessages.join(', ')}`);
  return problems;
}

/**
 * Oqy's in-page reader's shadow root, in expressions evaluated through the driver's reader
 * overlay (`tab.reader.evaluate`), which hands the closed root to a realm of the test's own as
 * `root`: the page's scripts cannot reach it.
 */
export const OVERLAY_ROOT = 'root';

/**
 * In an extension page: the problems of a saved article's body as stored in the library
 * (IndexedDB oqy-library, store bodies), parsed into an inert document. ['not stored'] when
 * the library has no body for the id.
 */
export function storedBodyProblemsExpression(id: string): string {
  return `(async () => {
    const db = await new Promise((ok, fail) => { const r = indexedDB.open('oqy-library'); r.onsuccess = () => ok(r.result); r.onerror = () => fail(r.error); });
    let stored;
    try {
      stored = await new Promise((ok, fail) => { const r = db.transaction('bodies').objectStore('bodies').get(${JSON.stringify(id)}); r.onsuccess = () => ok(r.result); r.onerror = () => fail(r.error); });
    } finally {
      db.close();
    }
    if (!stored) return ['not stored'];
    const storedBody = new DOMParser().parseFromString('<!doctype html><body>' + stored.contentHtml, 'text/html').body;
    return ${domProblemsExpression('storedBody', 'storedBody', false)};
  })()`;
}

/**
 * In a page: takes focus away from the element the page's own autofocus gave it to, so that the
 * page's own onfocus does not fire when its tab comes back to the front (the site's markup, not
 * Oqy's). Run while the page's scripts are still off; its blur handlers do not run then.
 */
export const BLUR_ACTIVE = `(() => {
  const active = Object.getOwnPropertyDescriptor(Document.prototype, 'activeElement').get.call(document);
  const body = Object.getOwnPropertyDescriptor(Document.prototype, 'body').get.call(document);
  if (active && active !== body && typeof HTMLElement.prototype.blur === 'function') HTMLElement.prototype.blur.call(active);
  return true;
})()`;

/**
 * With the reader open, run with its root (sent as source): the first half of a proof that a
 * handler put into the reader's shadow root would run (the page's scripts are on), so that
 * "nothing ran" means something. Adds an image with an onerror handler to the root; the
 * handler, compiled in the page's world as inline handlers are, counts in window.__oqyProbe
 * there (HANDLER_PROBE_RAN reads it).
 */
export function plantHandlerProbe(root: ShadowRoot | null): boolean {
  if (!root) return false;
  const img = Document.prototype.createElement.call(document, 'img') as HTMLImageElement;
  img.setAttribute('onerror', 'window.__oqyProbe = (window.__oqyProbe || 0) + 1');
  img.setAttribute('hidden', '');
  img.setAttribute('data-oqy-test-probe', '');
  img.src = 'http://qazaq24.com/hostile-missing/probe.png';
  root.appendChild(img);
  return true;
}

/** In the page's own world: whether the planted handler ran, once (waits up to 2.5 s for it). */
export const HANDLER_PROBE_RAN = `(async () => {
  for (let i = 0; i < 50 && !window.__oqyProbe; i++) await new Promise((r) => setTimeout(r, 50));
  return window.__oqyProbe === 1;
})()`;

/** Run with the reader's root: takes the planted image out again. */
export function removeHandlerProbe(root: ShadowRoot | null): boolean {
  root?.querySelectorAll('img[data-oqy-test-probe]').forEach((img) => img.remove());
  return true;
}

/** Run with the reader's root: the CSS position of Oqy's reader host ('fixed' over the page), or null without a reader. */
export function overlayPosition(root: ShadowRoot | null): string | null {
  return root ? getComputedStyle(root.host).position : null;
}
