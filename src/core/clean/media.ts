/**
 * The article's pictures as a reader sees them once: AMP's `<amp-img>` as plain images, the
 * `<noscript>` copy of a lazy picture standing in for its placeholder, and a gallery or slider
 * with every picture once, in order: the copies a looping slider puts before its first slide
 * and after its last go, and so does a strip of thumbnails repeating the big pictures.
 * Run after resolveImages has given every picture its real address. A slide's counter beside its
 * picture ("1 / 3") goes too.
 */
import { isElement, remove } from '../dom.ts';
import { allUnder, firstUnder, tagged } from '../find.ts';
import { visibleText } from './glyphs.ts';
import { absoluteUrl, isPlaceholderSrc, largestFromSrcset, realImageSrc } from './images.ts';

const COPIED = ['src', 'srcset', 'alt', 'width', 'height', 'title', 'data-src', 'data-srcset'];
const IMG = tagged('img');

/** `<amp-img>` (and its fallback inside) as one `<img>`. */
export function ampImagesToImg(root: Element): void {
  for (const amp of allUnder(root, tagged('amp-img', 'amp-anim'))) {
    if (!root.contains(amp)) continue;
    const img = amp.ownerDocument.createElement('img');
    for (const attr of COPIED) {
      const v = amp.getAttribute(attr);
      if (v !== null) img.setAttribute(attr, v);
    }
    amp.replaceWith(img);
  }
}

/** The first `<img>` a `<noscript>` holds: parsed elements where scripting was off, raw HTML where it was on. */
function noscriptImage(noscript: Element, base: string): { src: string; alt: string } | null {
  const img = firstUnder(noscript, IMG);
  if (img) {
    const src = realImageSrc(img, base);
    return src ? { src, alt: img.getAttribute('alt') ?? '' } : null;
  }
  const tag = /<img\b[^>]*>/i.exec(noscript.textContent ?? '')?.[0];
  if (!tag) return null;
  const attr = (name: string) => new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(tag)?.slice(1).find((v) => v !== undefined) ?? null;
  const srcset = attr('srcset');
  const raw = attr('src') ?? (srcset ? largestFromSrcset(srcset) : null);
  const src = raw && !isPlaceholderSrc(raw) ? absoluteUrl(raw.replace(/&amp;/g, '&'), base) : null;
  return src ? { src, alt: (attr('alt') ?? '').replace(/&quot;/g, '"').replace(/&amp;/g, '&') } : null;
}

/**
 * A `<noscript>` picture stands in for the lazy placeholder beside it (or is the picture, where
 * there is none); where the placeholder already knows its real address, the copy goes.
 */
export function useNoscriptImages(root: Element, base: string): void {
  for (const noscript of allUnder(root, tagged('noscript'))) {
    if (!root.contains(noscript)) continue;
    const found = noscriptImage(noscript, base);
    const holder = noscript.parentElement;
    const sibling = holder ? allUnder(holder, IMG).find((img) => !noscript.contains(img)) : null;
    if (found && sibling && !realImageSrc(sibling, base)) {
      sibling.setAttribute('src', found.src);
      if (!sibling.getAttribute('alt') && found.alt) sibling.setAttribute('alt', found.alt);
    } else if (found && !sibling) {
      const img = noscript.ownerDocument.createElement('img');
      img.setAttribute('src', found.src);
      if (found.alt) img.setAttribute('alt', found.alt);
      noscript.replaceWith(img);
      continue;
    }
    remove(noscript);
  }
}

function sizeAttr(img: Element, name: string): number | null {
  const v = /^\s*(\d+)\s*(?:px)?\s*$/.exec(img.getAttribute(name) ?? '');
  return v ? Number(v[1]) : null;
}

const THUMB_MAX = 200;
const MAX_PICTURES = 400;

function isThumbnail(img: Element): boolean {
  const w = sizeAttr(img, 'width');
  const h = sizeAttr(img, 'height');
  return w !== null && h !== null && w <= THUMB_MAX && h <= THUMB_MAX;
}

/** The lowest element holding both nodes. */
function commonHolder(a: Node, b: Node): Element | null {
  for (let cur: Node | null = a; cur; cur = cur.parentNode) if (isElement(cur) && cur.contains(b)) return cur;
  return null;
}

/** The child of `holder` that holds `node`. */
function childOf(holder: Element, node: Node): Element | null {
  let cur: Node | null = node;
  while (cur && cur.parentNode !== holder) cur = cur.parentNode;
  return cur && isElement(cur) ? cur : null;
}

/**
 * Where a slider repeats its pictures in a cycle (copies of the last slides before the first,
 * of the first after the last), the real slides: the middle of the run, as long as one cycle.
 */
function cycleWindow(srcs: readonly string[]): { from: number; to: number } | null {
  const total = srcs.length;
  for (let period = 1; period < total; period++) {
    let cyclic = true;
    for (let i = 0; i + period < total && cyclic; i++) cyclic = srcs[i] === srcs[i + period];
    if (!cyclic) continue;
    if (new Set(srcs.slice(0, period)).size !== period) return null;
    const extra = total - period;
    const before = extra % 2 === 0 ? extra / 2 : 0;
    return { from: before, to: before + period };
  }
  return null;
}

/** The real slide a copy at index k repeats. */
function originalOf(k: number, window: { from: number; to: number }): number {
  const period = window.to - window.from;
  return window.from + ((((k - window.from) % period) + period) % period);
}

/**
 * Every picture once, in order. A slider's copies go with their slides (caption and all);
 * a picture repeated elsewhere goes alone, or with its holder where that shows nothing else.
 */
export function dedupeImages(root: Element): void {
  removeThumbnailStrips(root);
  const all = allUnder(root, IMG).filter((img) => img.getAttribute('src'));
  // Past this many pictures a page is no article's gallery: the pairwise look is left out.
  if (all.length > MAX_PICTURES) return;
  const bySrc = new Map<string, Element[]>();
  for (const img of all) bySrc.set(img.getAttribute('src')!, [...(bySrc.get(img.getAttribute('src')!) ?? []), img]);
  const handled = new Set<Element>();
  for (const img of all) {
    if (handled.has(img) || !root.contains(img)) continue;
    const src = img.getAttribute('src')!;
    const twin = bySrc.get(src)!.find((other) => other !== img && root.contains(other));
    if (!twin) continue;
    const holder = commonHolder(img, twin) ?? root;
    const inHolder = allUnder(holder, IMG).filter((i) => i.getAttribute('src'));
    const slides = inHolder.map((i) => childOf(holder, i));
    const oneEach = slides.every((s) => s) && new Set(slides).size === slides.length;
    const window = oneEach ? cycleWindow(inHolder.map((i) => i.getAttribute('src')!)) : null;
    // A copy shows what its original shows: the same picture and the same caption.
    const copies = window && inHolder.every((_, k) => (k >= window.from && k < window.to) || visibleText(slides[k]!) === visibleText(slides[originalOf(k, window)]!));
    if (window && copies) {
      inHolder.forEach((i, k) => {
        handled.add(i);
        if (k < window.from || k >= window.to) remove(slides[k]!);
      });
      continue;
    }
    const seen = new Map<string, Element>();
    for (const i of inHolder) {
      handled.add(i);
      const s = i.getAttribute('src')!;
      const first = seen.get(s);
      if (first && sameShowing(first, i, holder)) removeRepeat(holder, i);
      if (!first) seen.set(s, i);
    }
  }
}

/** Whether two pictures of one address show the same: no caption of their own, or the same one. */
function sameShowing(a: Element, b: Element, holder: Element): boolean {
  const own = (img: Element) => {
    const slide = childOf(holder, img);
    return slide && allUnder(slide, IMG).length === 1 ? visibleText(slide) : '';
  };
  return own(a) === own(b);
}

/** How far above a thumbnail its strip is looked for (picture, link, item, strip). */
const STRIP_LEVELS = 4;

/** A block of two or more small pictures and no text, beside bigger pictures: a gallery's thumbnails. */
function removeThumbnailStrips(root: Element): void {
  const imgs = allUnder(root, IMG);
  const thumbs = imgs.filter(isThumbnail);
  if (thumbs.length < 2 || thumbs.length === imgs.length) return;
  const counts = new Map<Element, number>();
  for (const img of thumbs) {
    let el = img.parentElement;
    for (let level = 0; el && el !== root && level < STRIP_LEVELS; level++, el = el.parentElement) counts.set(el, (counts.get(el) ?? 0) + 1);
  }
  const strips = [...counts]
    .filter(([el, n]) => n >= 2 && (el.textContent?.length ?? 0) < 2000 && !visibleText(el) && allUnder(el, IMG).every(isThumbnail))
    .map(([el]) => el);
  for (const strip of strips) if (!strips.some((other) => other !== strip && other.contains(strip))) remove(strip);
}

/** A repeated picture goes with the holders around it that show nothing but it (and a caption seen before). */
function removeRepeat(root: Element, img: Element): void {
  const earlierTexts = new Set<string>();
  let target: Element = img;
  for (let parent = img.parentElement; parent && parent !== root; parent = parent.parentElement) {
    const text = visibleText(parent);
    if (allUnder(parent, IMG).length > 1) break;
    if (text) {
      if (!earlierTexts.size) for (const cap of allUnder(root, tagged('figcaption', 'p', 'div', 'span'))) if (!parent.contains(cap)) earlierTexts.add(visibleText(cap));
      if (!earlierTexts.has(text)) break;
    }
    target = parent;
  }
  remove(target);
}

/** A slide's counter: "1 / 3", "2 из 5", "3 of 12". */
const SLIDE_COUNTER = /^(\d{1,3})\s*(?:\/|из|of|z|de|di|von|sur|από|\|)\s*(\d{1,3})$/iu;
/** A slide stands among other slides: a sibling holds a picture too (a rating beside its stars stands alone). */
function besidePictures(holder: Element): boolean {
  for (const side of [holder.previousElementSibling, holder.nextElementSibling]) if (side && (IMG(side) || firstUnder(side, IMG))) return true;
  return false;
}

/** A slide holds its picture, its counter and a caption at most. */
const MAX_SLIDE_TEXT = 300;
const MAX_COUNTER_TEXT = 40;
const COUNTER_HOLDER = tagged('span', 'div', 'p', 'figcaption', 'small', 'em', 'i', 'b', 'strong');

/**
 * The counters of a gallery's slides ("1 / 3" alone beside each picture): a picture's place in
 * a slider that the reader does not have, not its caption.
 */
export function removeSlideCounters(root: Element): void {
  // From the text nodes that read as a counter (one walk), to the element that shows only it.
  const walker = root.ownerDocument.createTreeWalker(root, 4);
  const found: Element[] = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const data = (node as Text).data;
    if (data.length > MAX_COUNTER_TEXT) continue;
    const m = SLIDE_COUNTER.exec(data.trim());
    const el = node.parentElement;
    if (!m || +m[1]! < 1 || +m[1]! > +m[2]! || !el || el === root || !COUNTER_HOLDER(el)) continue;
    // A leaf that shows only the counter (a leaf's text is its own: read at no cost).
    if (el.childElementCount === 0 && (el.textContent ?? '').trim() === data.trim()) found.push(el);
  }
  // In a figure, or in a slide: a small holder of a picture and little text besides (each holder weighed once).
  const slides = new Map<Element, boolean>();
  const isSlide = (holder: Element) => {
    let slide = slides.get(holder);
    if (slide === undefined) slides.set(holder, (slide = holder !== root && (holder.textContent?.length ?? 0) <= MAX_SLIDE_TEXT && !!firstUnder(holder, IMG) && besidePictures(holder)));
    return slide;
  };
  for (const el of found) if (el.closest('figure') || (el.parentElement && isSlide(el.parentElement))) remove(el);
}

/**
 * A photographer's credit glued to the end of a caption, in Chinese, after the caption's last
 * sentence or a space: "…检票。新华社记者 鞠焕宗 摄", "新华社发（张磊 摄）", "（記者林志明攝）". The name is
 * two to four letters; the credit ends the text.
 */
const NAME = String.raw`[\p{Script=Han}·]{2,4}`;
const GLUED_PHOTO_CREDIT = new RegExp(
  String.raw`(?<=[。！？!?.\s）)])(?:` +
    [
      String.raw`(?:新华社|新華社|中新社|中新网|中新網)?(?:记者|記者)\s*${NAME}(?:[\s、]+${NAME}){0,3}\s*[摄攝]影?`,
      String.raw`(?:新华社|新華社)[发發]\s*[（(]${NAME}\s*[摄攝]影?[)）]`,
      String.raw`[（(](?:新华社|新華社|中新社)?(?:记者|記者)?\s*${NAME}(?:[\s、]+${NAME}){0,3}\s*[摄攝]影?[)）]`,
    ].join('|') +
    String.raw`)\s*$`,
  'u',
);
/** An editor's tag glued to the end of the last paragraph: "…五十八个县。[责任编辑：刘亚楠]", "（編輯：張銘坤）". */
const GLUED_EDITOR_TAG = /(?<=[。！？!?.…”」』）)])\s*[[【（(]\s*(?:责任编辑|責任編輯|编辑|編輯)\s*[:：]\s*[^\]】）)]{1,12}[\]】）)]\s*$/u;
/** In a figure's caption only: the agency or the giver of the picture, "（中央社）", "（台灣港務公司提供）". */
const CAPTION_GIVER = /[（(](?:中央社|新华社|新華社|中新社|路透社?|法新社|美联社|美聯社|[^（）()]{1,14}提供)[)）]\s*$/u;
const CAPTION = tagged('figcaption');

/**
 * Takes photographers' credits off the ends of captions where they are glued to the caption's
 * words (the caption stays). A credit with its "photographed by" (摄/攝) is one wherever it
 * ends a text; an agency or a giver in brackets only where it ends a figure's caption. So does
 * an editor's tag in brackets glued to the end of a paragraph after its last sentence.
 */
export function removeGluedCredits(root: Element): void {
  const walker = root.ownerDocument.createTreeWalker(root, 4);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node as Text;
    const data = text.data;
    // The text that ends its block: more words after it in the block, and it ends no caption.
    if (!/[摄攝提社辑輯]/u.test(data) || !endsItsBlock(text)) continue;
    let cut = GLUED_PHOTO_CREDIT.exec(data) ?? GLUED_EDITOR_TAG.exec(data);
    if (!cut) {
      const caption = text.parentElement?.closest('figcaption');
      if (caption && CAPTION(caption)) cut = CAPTION_GIVER.exec(data);
    }
    // Only a credit glued to words before it: a credit alone is a line the edge rules weigh.
    if (cut && cut.index > 0 && /\S/.test(data.slice(0, cut.index))) text.data = data.slice(0, cut.index).trimEnd();
  }
}

/** Whether nothing with text follows the text node in its parent element. */
function endsItsBlock(text: Text): boolean {
  for (let next = text.nextSibling; next; next = next.nextSibling) if (/\S/.test(next.textContent ?? '')) return false;
  return true;
}
