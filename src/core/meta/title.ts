/** The article's title, and the element on the page that shows it. */
import { collapse, foldForMatch } from '../text/normalize.ts';
import { closestTag, firstTagged, isElement, textNodes } from '../dom.ts';
import { showsMoreThan, stripGluedGlyphs, textShowsMoreThan, visibleText } from '../clean/glyphs.ts';
import { firstUnder, tagged, taggedInOrder } from '../find.ts';
import { spacedLength } from '../text/letters.ts';

function metaContent(doc: Document, attribute: string, value: string): string | null {
  const v = firstTagged(doc, 'meta', attribute, value)?.getAttribute('content');
  return v ? collapse(v) : null;
}

/** `Title - Qazaq24.com` → `Title`: the site name trimmed off either end of a document title. */
export function stripSiteName(title: string, siteNames: readonly string[]): string {
  let t = collapse(title);
  for (const name of siteNames) {
    const n = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    t = t.replace(new RegExp(`\\s*[-–—|:·•]\\s*${n}\\s*$`, 'i'), '').replace(new RegExp(`^\\s*${n}\\s*[-–—|:·•]\\s*`, 'i'), '');
  }
  return t.trim();
}

const TITLE = tagged('title');
const LINK = tagged('a');

/**
 * The title: the page heading that the document title or og:title names, else og:title, else
 * the first heading that is not the site's name, else the document title without the site name
 * (or the part of it the page shows as a line of its own).
 */
export function findTitle(doc: Document, siteNames: readonly string[]): string | null {
  const og = metaContent(doc, 'property', 'og:title') ?? metaContent(doc, 'name', 'twitter:title');
  const docTitle = firstUnder(doc, TITLE)?.textContent ?? '';
  const named = [og, docTitle].filter((x): x is string => !!x).map((x) => foldForMatch(stripSiteName(x, siteNames)));
  const isSite = (t: string) => siteNames.some((s) => foldForMatch(s) === foldForMatch(t));
  const headings = taggedInOrder(doc, 'h1', 'h2')
    .map((h) => visibleText(h))
    .filter((t) => t.length > 0 && !isSite(t));
  const match = headings.find((h) => named.includes(foldForMatch(h)));
  if (match) return match;
  if (og && !isSite(og)) return stripSiteName(stripGluedGlyphs(og), siteNames);
  const firstH1 = taggedInOrder(doc, 'h1').map((h) => visibleText(h)).find((t) => t && !isSite(t));
  // A blog's or a forum's name in the h1 (a part of the document title itself), the post's title
  // in an h2 or h3: the heading the document title names a part of. An h1 that is no such part is the headline.
  if (!firstH1 || isTitlePart(firstH1, docTitle)) {
    const partShown = headingOfTitlePart(
      taggedInOrder(doc, 'h1', 'h2', 'h3').map((h) => visibleText(h)).filter((t) => t.length > 0 && !isSite(t)),
      docTitle,
    );
    if (partShown) return partShown;
  }
  if (firstH1) return firstH1;
  const stripped = stripSiteName(docTitle, siteNames);
  if (!stripped || isSite(stripped)) return null;
  return shownPartOf(doc, stripped) ?? stripped;
}

/**
 * What sets a site's name apart from the headline in a document title: "Gazette - Headline",
 * "Headline | Gazette", "标题_新闻中心_新浪网", "标题--观点--人民网".
 */
const TITLE_SEPARATOR = /\s+[-–—|:·•»«]+\s+|\s*[_|｜]\s*|\s*-{2,}\s*/;
/** A colon that ends a site's or a section's name: "Lenta.ru: Россия: Headline". */
const NAME_COLON = /(?<=\S):\s+/;
/** The least a part of a document title holds to be a headline, as if written with spaces. */
const MIN_TITLE_PART = 10;

/**
 * The parts of a document title: between its separators, between the colons that end a name, and
 * all after the first such colon ("Blog: Headline: with a colon of its own").
 */
function titleParts(title: string, minLength = MIN_TITLE_PART): string[] {
  const parts = title.split(TITLE_SEPARATOR).map((p) => p.trim());
  const afterName = parts.flatMap((p) => {
    const colon = NAME_COLON.exec(p);
    return colon ? [p.slice(colon.index + colon[0].length)] : [];
  });
  return [...new Set([...parts, ...parts.flatMap((p) => p.split(NAME_COLON).map((q) => q.trim())), ...afterName])].filter((p) => p && spacedLength(p) >= minLength);
}

/** Whether text is one of the document title's parts, however short (a site's name: "Lenta.ru"). */
function isTitlePart(text: string, docTitle: string): boolean {
  const want = foldForMatch(text);
  return titleParts(collapse(docTitle), 0).some((p) => foldForMatch(p) === want);
}

/** The longest heading whose whole text is a part of the document title (never the whole of it: that is matched before). */
function headingOfTitlePart(headings: readonly string[], docTitle: string): string | null {
  const parts = new Set(titleParts(collapse(docTitle)).map((p) => foldForMatch(p)));
  const shown = headings.filter((h) => parts.has(foldForMatch(h)));
  return shown.length ? shown.reduce((a, b) => (b.length > a.length ? b : a)) : null;
}
const MAX_TITLE_PARTS = 4;
const HEADLINE_LIKE = /^(?:H[1-6]|B|STRONG|FONT|BIG)$/i;

/**
 * The part of a document title written with a separator that the page shows as a whole line
 * of its own (the headline, where no heading or og:title names it), the longest if several;
 * none where the page shows the whole title. Shown in a plain line, only where the other parts
 * are too short for a headline (a site's name).
 */
function shownPartOf(doc: Document, title: string): string | null {
  const all = title.split(TITLE_SEPARATOR).map((p) => p.trim()).filter(Boolean);
  // A headline and a site's name, a section at most: a title cut into more is read no further.
  if (all.length < 2 || all.length > MAX_TITLE_PARTS || !doc.body || titleElements(doc.body, title).length > 0) return null;
  const parts = all.filter((p) => spacedLength(p) >= MIN_TITLE_PART);
  // Shown as a headline is: a heading, or a line set in bold or a large font (a kicker or a logo is a plain line).
  const shown = parts.filter((p) => titleElements(doc.body!, p).some((el) => HEADLINE_LIKE.test(el.tagName) || !!el.querySelector('b, strong, font, big')));
  if (shown.length) return shown.reduce((a, b) => (b.length > a.length ? b : a));
  // The one part long enough for a headline beside a site's short name ("标题_新华网"), shown as a line of any kind.
  return parts.length === 1 && titleElements(doc.body, parts[0]!).length ? parts[0]! : null;
}

/**
 * Elements whose whole visible text is the title, outside links (a ticker or a most-read list
 * links to the article itself), in document order. `texts`, where given, are root's text nodes
 * (textNodes) as they stand.
 */
export function titleElements(root: Node, title: string, texts: readonly Text[] = textNodes(root)): Element[] {
  const want = foldForMatch(title);
  if (!want) return [];
  const found: Element[] = [];
  const seen = new Set<Element>();
  for (const node of texts) {
    // Folding a collapsed text never shortens it (lower case, ё, look-alikes: letter for letter),
    // so a node longer than the folded title cannot be part of it (a long one is not collapsed to tell).
    if (textShowsMoreThan(node.data, want.length)) continue;
    const short = collapse(node.data);
    if (!short || short.length > want.length) continue;
    const piece = foldForMatch(short);
    if (!piece || !want.includes(piece)) continue;
    if (closestTag(node, 'A')) continue;
    let best: Element | null = null;
    for (let el = node.parentNode; el && isElement(el); el = el.parentNode) {
      const tag = el.tagName.toUpperCase();
      if (tag === 'BODY' || tag === 'HTML') break;
      // Longer than the title before folding is longer after it: the rest of a big block is not read.
      if (showsMoreThan(el, want.length)) break;
      const text = foldForMatch(visibleText(el));
      if (text === want) best = el;
      else if (text.length > want.length) break;
    }
    if (best && !seen.has(best) && !firstUnder(best, LINK)) {
      seen.add(best);
      found.push(best);
    }
  }
  return found.filter((el) => !found.some((other) => other !== el && other.contains(el)));
}

/** The title element the body follows: the last heading that shows it, else the last element that does. */
export function mainTitleElement(elements: readonly Element[]): Element | null {
  const headings = elements.filter((el) => /^H[1-6]$/i.test(el.tagName));
  return headings[headings.length - 1] ?? elements[elements.length - 1] ?? null;
}
