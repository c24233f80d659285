/**
 * The one gate every piece of article HTML passes before any extension page shows it.
 * DOMPurify, with an allow-list of the elements an article needs and links made safe.
 */
import createDOMPurify, { type DOMPurify as Purifier, type Config } from 'dompurify';
import { isLocalAddress } from './local-address.ts';

const ARTICLE_TAGS = [
  'a', 'abbr', 'article', 'b', 'blockquote', 'br', 'caption', 'cite', 'code', 'dd', 'del', 'dfn', 'div', 'dl', 'dt',
  'em', 'figcaption', 'figure', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'i', 'img', 'ins', 'kbd', 'li', 'mark', 'ol',
  'p', 'pre', 'q', 's', 'samp', 'section', 'small', 'span', 'strong', 'sub', 'sup', 'table', 'tbody', 'td', 'tfoot',
  'th', 'thead', 'time', 'tr', 'u', 'ul',
  // The body DOMPurify parses into, the root of its walk (the parser never makes another): a
  // root it does not allow, it copies whole beside itself before taking it out, and that copy
  // is thrown away. Allowed, it is walked like the rest, and nothing is copied.
  'body',
];
const ARTICLE_ATTRIBUTES = ['href', 'src', 'alt', 'title', 'width', 'height', 'colspan', 'rowspan', 'datetime', 'lang', 'dir', 'cite'];

/** http(s) everywhere; blob: only for images (saved articles show their stored images as blobs). */
const SAFE_URL = /^(?:https?:)/i;
const SAFE_IMAGE_URL = /^(?:https?:|blob:)/i;

const CONFIG: Config = {
  ALLOWED_TAGS: ARTICLE_TAGS,
  ALLOWED_ATTR: ARTICLE_ATTRIBUTES,
  // http(s), blob: and # addresses, and values with no scheme at all (sizes, relative paths):
  // DOMPurify checks every attribute value against this, not only addresses.
  ALLOWED_URI_REGEXP: /^(?:https?:|blob:|#|[^a-z]|[a-z+.-]+(?:[^a-z+.\-:]|$))/i,
  ALLOW_DATA_ATTR: false,
  ALLOW_ARIA_ATTR: false,
  KEEP_CONTENT: true,
  WHOLE_DOCUMENT: false,
  SANITIZE_NAMED_PROPS: true,
};

/** Set by the hook below (links, images), and the embed card's mark. */
const EXTRA_ATTRIBUTES = ['target', 'rel', 'referrerpolicy', 'data-oqy-embed'];

/** What a sanitizer gives back: an HTML string, the body of its own inert document, or a fragment. */
type Output = 'html' | 'body' | 'fragment';

const OUTPUT_CONFIG: Record<Output, Config> = {
  html: { ...CONFIG, ADD_ATTR: EXTRA_ATTRIBUTES },
  body: { ...CONFIG, ADD_ATTR: EXTRA_ATTRIBUTES, RETURN_DOM: true },
  fragment: { ...CONFIG, ADD_ATTR: EXTRA_ATTRIBUTES, RETURN_DOM_FRAGMENT: true },
};

/**
 * One sanitizer per window and output, its configuration set once: DOMPurify builds its allow
 * lists again for every call that brings a configuration, which costs more than sanitizing a
 * short article.
 */
const purifiers = new WeakMap<object, Map<Output, Purifier>>();

function purifierFor(win: Window, output: Output): Purifier {
  let byOutput = purifiers.get(win);
  if (!byOutput) purifiers.set(win, (byOutput = new Map()));
  let purifier = byOutput.get(output);
  if (purifier) return purifier;
  purifier = createDOMPurify(win as unknown as Window & typeof globalThis);
  purifier.addHook('afterSanitizeAttributes', (node) => {
    const el = node as Element;
    const tag = el.tagName?.toLowerCase();
    if (tag === 'a') {
      const href = el.getAttribute('href');
      if (href && !SAFE_URL.test(href) && !href.startsWith('#')) el.removeAttribute('href');
      if (el.getAttribute('href')?.match(SAFE_URL)) {
        el.setAttribute('target', '_blank');
        el.setAttribute('rel', 'noopener noreferrer');
      }
    }
    // The mark of an embed's link card (clean/embeds.ts), on a figure only, a plain word only.
    if (el.hasAttribute?.('data-oqy-embed') && (tag !== 'figure' || !/^[a-z]{1,20}$/.test(el.getAttribute('data-oqy-embed') ?? ''))) {
      el.removeAttribute('data-oqy-embed');
    }
    if (tag === 'img') {
      const src = el.getAttribute('src');
      // An image on the reader's own machine or network is not loaded (see local-address.ts).
      if (!src || !SAFE_IMAGE_URL.test(src) || (!/^blob:/i.test(src) && isLocalAddress(src))) el.parentNode?.removeChild(el);
      else el.setAttribute('referrerpolicy', 'no-referrer');
    }
  });
  purifier.setConfig(OUTPUT_CONFIG[output]);
  byOutput.set(output, purifier);
  return purifier;
}

/** Sanitized HTML: only article elements and attributes, http(s) links opening safely, no script of any kind. */
export function sanitizeHtml(html: string, win: Window): string {
  return purifierFor(win, 'html').sanitize(html) as string;
}

/** Sanitized, as the body element of an inert document DOMPurify parsed it into. */
export function sanitizeToBody(html: string, win: Window): HTMLElement {
  return purifierFor(win, 'body').sanitize(html) as unknown as HTMLElement;
}

/** The same, as nodes ready to insert into a page of this window (no HTML string is assigned anywhere). */
export function sanitizeToFragment(html: string, win: Window): DocumentFragment {
  return purifierFor(win, 'fragment').sanitize(html) as unknown as DocumentFragment;
}
