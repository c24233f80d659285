/**
 * Images as the article means them: lazy images resolved from their `data-src`-style
 * attributes, placeholders (spacer GIFs, data: URIs, "loading" pictures) dropped, every address
 * absolute.
 */
import { remove } from '../dom.ts';
import { allUnder, closestWhere, tagged, taggedWith } from '../find.ts';

/** Attributes lazy-loading scripts keep the real address in, most specific first. */
const LAZY_ATTRIBUTES = ['data-src', 'data-lazy-src', 'data-original', 'data-lazy', 'data-url', 'data-full-src', 'data-echo', 'data-img'];
const LAZY_SRCSET = ['data-srcset', 'data-lazy-srcset', 'srcset'];

const PLACEHOLDER_NAME = /(?:^|[/_.-])(?:placeholder|blank|spacer|pixel|transparent|loading|loader|lazy|lazyload|1x1|empty|no-?image|default-image|grey|gray|dummy)(?:[._-][^/]*)?\.(?:gif|png|svg|jpe?g|webp)(?:[?#].*)?$/i;

export function isPlaceholderSrc(src: string): boolean {
  const s = src.trim();
  return !s || /^(data|about|javascript|blob):/i.test(s) || PLACEHOLDER_NAME.test(s) || s === '#';
}

/** The largest candidate of a srcset (by its width or density descriptor). */
export function largestFromSrcset(srcset: string): string | null {
  let best: { url: string; size: number } | null = null;
  for (const part of srcset.split(/,\s+(?=\S)/)) {
    const [url, descriptor] = part.trim().split(/\s+/);
    if (!url) continue;
    const size = descriptor ? parseFloat(descriptor) || 1 : 1;
    if (!best || size > best.size) best = { url, size };
  }
  return best?.url ?? null;
}

export function absoluteUrl(value: string, base: string): string | null {
  try {
    const url = new URL(value.trim(), base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

/** The host a link leads to, or null where its address is none to follow. */
export function hostOf(a: Element, base: string): string | null {
  const href = absoluteUrl(a.getAttribute('href') ?? '', base);
  return href ? new URL(href).hostname : null;
}

const SOURCE = tagged('source');
const PICTURE = tagged('picture');
/** `picture source`: a source with a picture anywhere above it. */
const inPicture = (el: Element) => SOURCE(el) && !!el.parentElement && !!closestWhere(el.parentElement, PICTURE);

/** The real address of an image, or null where it has only a placeholder. */
export function realImageSrc(img: Element, base: string): string | null {
  const candidates: string[] = [];
  for (const attr of LAZY_ATTRIBUTES) {
    const v = img.getAttribute(attr);
    if (v) candidates.push(v);
  }
  for (const attr of LAZY_SRCSET) {
    const v = img.getAttribute(attr);
    const largest = v ? largestFromSrcset(v) : null;
    if (largest) candidates.push(largest);
  }
  const src = img.getAttribute('src');
  if (src) candidates.push(src);
  const picture = img.parentElement?.tagName.toUpperCase() === 'PICTURE' ? img.parentElement : null;
  for (const source of picture ? allUnder(picture, SOURCE) : []) {
    const v = source.getAttribute('srcset') ?? source.getAttribute('data-srcset');
    const largest = v ? largestFromSrcset(v) : null;
    if (largest) candidates.push(largest);
  }
  for (const c of candidates) {
    if (isPlaceholderSrc(c)) continue;
    const abs = absoluteUrl(c, base);
    if (abs) return abs;
  }
  return null;
}

function isTiny(img: Element): boolean {
  const w = img.getAttribute('width');
  const h = img.getAttribute('height');
  return (w !== null && parseInt(w, 10) <= 2) || (h !== null && parseInt(h, 10) <= 2);
}

/** Rewrites every image under root to its real, absolute address; drops placeholders and tracking pixels. */
export function resolveImages(root: Element, base: string): void {
  for (const img of allUnder(root, tagged('img'))) {
    const src = isTiny(img) ? null : realImageSrc(img, base);
    if (!src) {
      remove(img);
      continue;
    }
    img.setAttribute('src', src);
    for (const attr of [...LAZY_ATTRIBUTES, ...LAZY_SRCSET, 'sizes', 'loading']) img.removeAttribute(attr);
  }
  for (const source of allUnder(root, inPicture)) remove(source);
}

/** Makes every link and image address under root absolute against base. */
export function absolutizeLinks(root: Element, base: string): void {
  for (const a of allUnder(root, taggedWith('href', 'a'))) {
    const href = a.getAttribute('href')!;
    if (href.startsWith('#')) continue;
    const abs = absoluteUrl(href, base);
    if (abs) a.setAttribute('href', abs);
    else a.removeAttribute('href');
  }
}
