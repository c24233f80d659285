/**
 * Inserts inside an article's body that are not its text, found by their shape rather than by
 * one wording: a short label and one or two headline links ("on the topic" cards, whatever
 * the label says), a "subscribe to our channel" line linking to Telegram, Instagram or
 * YouTube, share bars, tag lists, polls and author cards, and the furniture of a line of its own
 * (a typo prompt, a reactions question, a pager). A link inside a real sentence is text: it stays.
 */
import { foldForMatch } from '../text/normalize.ts';
import { letterCount } from '../text/letters.ts';
import { isBlock, isBreak, isElement, isText, remove } from '../dom.ts';
import { allUnder, closestWhere, elementsUnder, tagged, taggedWith } from '../find.ts';
import { isFurnitureLine } from './furniture.ts';
import { visibleText } from './glyphs.ts';
import { isHeadlineLink, isListingDetail, isLoneHeadlineLink } from './headline-lists.ts';
import { absoluteUrl, hostOf } from './images.ts';
import { labelElements, textStats, type TextStats } from './text-stats.ts';

export interface InsertOptions {
  /** The page's address: a card linking to another page of the same site needs no label to be one. */
  pageUrl: URL;
  /** The site's own hosts. */
  siteHost: RegExp;
  /** Elements to leave as they are (the cards made for embeds). */
  keep?: readonly Element[];
  /**
   * textStats of root, where already taken (before other steps removed things: its sizes are
   * then upper bounds, which only makes the look closer rarer). Taken here where not given.
   */
  stats?: ReadonlyMap<Element, TextStats>;
}

/** Share endpoints of the social networks and messengers. */
const SHARE_LINK =
  /^(?:https?:\/\/(?:[a-z0-9-]+\.)*(?:facebook\.com\/(?:sharer|share\.php|dialog\/share)|t\.me\/share|telegram\.me\/share|twitter\.com\/(?:intent|share)|x\.com\/(?:intent|share)|wa\.me\/|api\.whatsapp\.com\/send|web\.whatsapp\.com\/send|vk\.com\/share|vkontakte\.ru\/share|connect\.ok\.ru\/(?:offer|dk)|ok\.ru\/dk|linkedin\.com\/(?:share|shareArticle)|reddit\.com\/submit|pinterest\.com\/pin\/create|t\.me\/\?url|telegram\.me\/\?url)|whatsapp:\/\/send|viber:\/\/forward|tg:\/\/msg|mailto:\?)/i;
/** Profiles and channels on the social networks. */
const SOCIAL_HOST = /(?:^|\.)(?:t\.me|telegram\.me|telegram\.org|instagram\.com|youtube\.com|youtu\.be|facebook\.com|fb\.com|vk\.com|x\.com|twitter\.com|tiktok\.com|wa\.me|whatsapp\.com|ok\.ru|threads\.net|dzen\.ru|zen\.yandex\.ru)$/i;
const SUBSCRIBE = /(?:жазыл|бақылаң|бақылап отыр|бізді .{0,30}(?:желі|арна)|подпис|следите за нами|присоединяйтесь|мы в соцсетях|наш канал|нашем канале|біздің арна|арнамыз|subscribe|follow us|join us)/u;
const SHARE_LABEL = /^(?:бөлісу|бөлісіңіз|достарыңызбен бөлісіңіз|поделиться|поделитесь|поделиться с друзьями|share|share this)\s*[:.!]?$/u;
const TAG_LABEL = /^(?:тегтер|теги|тег|тэги|метки|tags|кілт сөздер|түйін сөздер|ключевые слова|белгілер)(?!\p{L})\s*:?/u;
const POLL_LABEL = /^(?:сауалнама|сауал|дауыс беру|опрос|голосование|опрос дня|poll)\s*[:.!]?$/u;
const AUTHOR_WORD = '(?:автор|авторы|автор материала|авторы материала|материалды дайындаған|дайындаған|мақала авторы|author)';
/** `Автор`, `Автор:` alone, or `Автор: Name Surname` (a colon or dash before the name: a sentence has none). */
const AUTHOR_LABEL = new RegExp(`^${AUTHOR_WORD}(?:\\s*[:.]?|\\s*[:—–-]\\s*(?:\\p{L}[\\p{L}'’-]*\\.?\\s*){1,4})$`, 'u');

/** The most text a labelled insert (a poll, an author card) holds. */
const MAX_INSERT_TEXT = 600;
/** The most text (whitespace included) an element looked at as an insert holds. */
const MAX_CANDIDATE_LENGTH = 2000;
/** A card's label: a few words. */
const MAX_LABEL_LETTERS = 40;
const MAX_LABEL_WORDS = 6;
/** The most text (whitespace included) a line of the page's furniture (a typo prompt, a pager) holds. */
const MAX_FURNITURE_LENGTH = 240;


const LINK = tagged('a');
const LINK_WITH_HREF = taggedWith('href', 'a');
const UNSHOWN = tagged('script', 'style', 'noscript', 'template');
const TABLE_PART = tagged('table', 'thead', 'tbody', 'tfoot', 'tr', 'td', 'th');

function linksOf(el: Element): Element[] {
  return el.tagName === 'A' ? [el] : allUnder(el, LINK_WITH_HREF);
}

/** The text of el outside its links. */
function textOutsideLinks(el: Element): string {
  let out = '';
  const walker = el.ownerDocument.createTreeWalker(el, 4);
  for (let t = walker.nextNode(); t; t = walker.nextNode()) {
    const parent = t.parentElement;
    const link = parent && closestWhere(parent, LINK);
    if (link && el.contains(link)) continue;
    if (parent && closestWhere(parent, UNSHOWN)) continue;
    out += ` ${t.textContent ?? ''}`;
  }
  return out.replace(/\s+/g, ' ').trim();
}

/** What stands beside an insert's label inside it: a question, an option, a name, a role; not a sentence of the article. */
const MAX_PART_LETTERS = 60;

/** Whether everything beside `unit` in its parent is short: parts of one insert. */
function besideIsShort(unit: Element): boolean {
  for (let node = unit.parentElement?.firstChild ?? null; node; node = node.nextSibling) {
    if (node !== unit && letterCount(isElement(node) ? visibleText(node) : (node.textContent ?? '')) >= MAX_PART_LETTERS) return false;
  }
  return true;
}

/** The largest element around `start` (below root) holding nothing that reads as the article's text. */
function insertAround(start: Element, root: Element, stats: ReadonlyMap<Element, TextStats>): Element {
  let unit = start;
  while (unit.parentElement && unit.parentElement !== root) {
    const parent = unit.parentElement;
    const s = stats.get(parent);
    if (!s || s.paragraph || s.length > MAX_CANDIDATE_LENGTH || visibleText(parent).length > MAX_INSERT_TEXT || !besideIsShort(unit)) break;
    unit = parent;
  }
  return unit;
}

// ---------------------------------------------------------------------------------------------
// Cards: a short label and one or two headline links.

interface Piece {
  kind: 'text' | 'link' | 'break' | 'media';
  text: string;
  /** The element the text stands alone in (its whole visible text), if any. */
  own?: boolean;
}

/** The block's content as a reader sees it in order: text, links, line breaks, pictures. */
function piecesOf(block: Element): Piece[] {
  const block0 = block;
  const pieces: Piece[] = [];
  const walk = (node: Node): void => {
    if (isText(node)) {
      if (/\S/.test(node.data)) pieces.push({ kind: 'text', text: node.data.replace(/\s+/g, ' ').trim() });
      return;
    }
    if (!isElement(node)) return;
    const tag = node.tagName.toUpperCase();
    if (tag === 'SCRIPT' || tag === 'STYLE' || tag === 'NOSCRIPT' || tag === 'TEMPLATE') return;
    if (tag === 'A' && node.hasAttribute('href')) {
      const text = visibleText(node);
      pieces.push(text ? { kind: 'link', text } : { kind: 'media', text: '' });
      return;
    }
    if (tag === 'IMG' || tag === 'PICTURE' || tag === 'SVG' || tag === 'VIDEO') {
      pieces.push({ kind: 'media', text: '' });
      return;
    }
    if (isBreak(node)) {
      pieces.push({ kind: 'break', text: '' });
      return;
    }
    const block = node !== block0 && isBlock(node);
    if (block) pieces.push({ kind: 'break', text: '' });
    const before = pieces.length;
    for (let c = node.firstChild; c; c = c.nextSibling) walk(c);
    // An element that holds one piece of text and nothing else sets that text apart.
    if (node !== block0 && pieces.length === before + 1 && pieces[before]!.kind === 'text') pieces[before]!.own = true;
    if (block) pieces.push({ kind: 'break', text: '' });
  };
  walk(block);
  return pieces;
}

/** A label's length: a few words, a few dozen letters at most. */
export function hasLabelLength(text: string): boolean {
  return letterCount(text) <= MAX_LABEL_LETTERS && text.split(/\s+/).filter((w) => /\p{L}/u.test(w)).length <= MAX_LABEL_WORDS;
}

/** A label that stands apart from what follows: in an element of its own, before a break or a colon, or in capitals. */
function isSeparateLabel(text: string, own: boolean, breakAfter: boolean): boolean {
  if (!hasLabelLength(text)) return false;
  if (own || breakAfter) return true;
  if (/[:—–|»>]\s*$/.test(text)) return true;
  const lettersOnly = text.replace(/[^\p{L}]/gu, '');
  return lettersOnly.length >= 2 && lettersOnly === lettersOnly.toUpperCase() && lettersOnly !== lettersOnly.toLowerCase();
}

/** Whether a link goes to another page of the site (not this one). */
function toOtherSitePage(a: Element, options: InsertOptions): boolean {
  const href = absoluteUrl(a.getAttribute('href') ?? '', options.pageUrl.href);
  if (!href) return false;
  const url = new URL(href);
  return options.siteHost.test(url.hostname) && url.pathname !== options.pageUrl.pathname && url.pathname.length > 1;
}

/**
 * A card: one or two headline links, nothing after them but a date or a count, and before
 * them either nothing (when they go to another page of the site, or come with a picture) or
 * a short label set apart from them.
 */
export function isRelatedCard(block: Element, options: InsertOptions): boolean {
  // A table and its cells are the table's data, whatever they link to.
  if (TABLE_PART(block)) return false;
  const links = linksOf(block);
  const textLinks = links.filter((a) => visibleText(a));
  if (textLinks.length < 1 || textLinks.length > 2 || !textLinks.every(isHeadlineLink)) return false;
  const pieces = piecesOf(block);
  const firstLink = pieces.findIndex((p) => p.kind === 'link');
  const lastLink = pieces.length - 1 - [...pieces].reverse().findIndex((p) => p.kind === 'link');
  // Between and after the links: breaks, pictures, dates and counts only.
  for (let i = firstLink; i < pieces.length; i++) {
    const p = pieces[i]!;
    if (p.kind === 'text' && !isListingDetail(p.text) && !/^[\p{P}\p{S}\s]*$/u.test(p.text)) return false;
    if (i > lastLink && p.kind === 'link') return false;
  }
  const lead = pieces.slice(0, firstLink);
  const labelPieces = lead.filter((p) => p.kind === 'text');
  const hasMedia = pieces.some((p) => p.kind === 'media');
  if (labelPieces.length === 0) return hasMedia || textLinks.every((a) => toOtherSitePage(a, options) && isLoneHeadlineLink(a));
  if (labelPieces.length > 1 && !labelPieces.every((p) => p.own)) return false;
  const label = labelPieces.map((p) => p.text).join(' ');
  const lastLead = lead[lead.length - 1];
  return isSeparateLabel(label, labelPieces.every((p) => p.own), lastLead?.kind === 'break' || lastLead?.kind === 'media');
}

// ---------------------------------------------------------------------------------------------
// Social lines, share bars, tag lists.

/** A link that leads nowhere off the page (`#`, `javascript:`): a button drawn as a link ("Copy link"). */
const IN_PAGE_HREF = /^(?:#|javascript:|$)/i;
/** Letters a button drawn as a link shows at most. */
const BUTTON_LETTERS = 16;

/** A line of share buttons: every link a share endpoint (or a short button), next to no words but a label. */
function isShareBar(block: Element): boolean {
  const all = linksOf(block);
  const buttons = all.filter((a) => IN_PAGE_HREF.test((a.getAttribute('href') ?? '').trim()));
  if (buttons.some((a) => letterCount(visibleText(a)) > BUTTON_LETTERS)) return false;
  const links = all.filter((a) => !buttons.includes(a));
  if (links.length === 0 || !links.every((a) => SHARE_LINK.test((a.getAttribute('href') ?? '').trim()))) return false;
  const rest = foldForMatch(textOutsideLinks(block));
  return letterCount(rest) <= 30 && (rest === '' || SHARE_LABEL.test(rest) || letterCount(rest) <= 12);
}

/** A "subscribe to our channel" line: links to the site's social channels, with a call to follow them or nothing else. */
function isSocialLine(block: Element, base: string): boolean {
  const links = linksOf(block);
  if (links.length === 0) return false;
  const social = links.filter((a) => {
    const host = hostOf(a, base);
    return !!host && SOCIAL_HOST.test(host);
  });
  if (social.length === 0) return false;
  const text = foldForMatch(visibleText(block));
  if (text.length > 300 || holdsBlocksOfText(block)) return false;
  if (SUBSCRIBE.test(text)) return true;
  return social.length === links.length && letterCount(textOutsideLinks(block)) <= 12;
}

const TEXT_BLOCK = tagged('p', 'div', 'li', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'section', 'article', 'figure', 'table');

function hasBlockOfText(el: Element): boolean {
  for (let c = el.firstElementChild; c; c = c.nextElementSibling) if (isBlock(c) && visibleText(c)) return true;
  return false;
}

/** Holds two blocks or more with text of their own: several lines (a paragraph beside), not one. */
function holdsBlocksOfText(el: Element): boolean {
  let blocks = 0;
  for (const child of allUnder(el, TEXT_BLOCK)) {
    if (visibleText(child) && !hasBlockOfText(child) && ++blocks > 1) return true;
  }
  return false;
}

/** Two hashtags or more and nothing else: "#образование #олимпиада #Алматы". */
const HASHTAGS_ONLY = /^#[^\s#]+(?:[\s,;|•·]*#[^\s#]+)+$/u;

/** A tag list: a tag label and short links, or hashtags only (links or plain text). */
function isTagList(block: Element): boolean {
  const links = linksOf(block).filter((a) => visibleText(a));
  if (links.length === 0) return HASHTAGS_ONLY.test(visibleText(block));
  if (!links.every((a) => visibleText(a).split(' ').length <= 4 && visibleText(a).length <= 40)) return false;
  const rest = foldForMatch(textOutsideLinks(block)).replace(/[#,;|•·/\s]+/g, ' ').trim();
  if (isTagLabel(rest)) return true;
  return links.length >= 2 && rest === '' && links.every((a) => visibleText(a).startsWith('#'));
}

function isTagLabel(folded: string): boolean {
  return TAG_LABEL.test(folded) && letterCount(folded.replace(TAG_LABEL, '')) === 0;
}

/** A label on a line of its own: not a link, and all the text of the block it stands in. */
function standsAsLine(el: Element): boolean {
  if (closestWhere(el, LINK)) return false;
  let block: Element | null = el;
  while (block && !isBlock(block)) block = block.parentElement;
  return !!block && foldForMatch(visibleText(block)) === foldForMatch(visibleText(el));
}

const CANDIDATE = /^(P|DIV|ASIDE|SECTION|BLOCKQUOTE|FIGURE|UL|OL|LI|TABLE|TD|SPAN|SMALL|NAV|HEADER|FOOTER|DL)$/i;

/** Removes the inserts under root (not root itself). Returns how many went. */
export function removeInserts(root: Element, options: InsertOptions): number {
  const base = options.pageUrl.href;
  const kept = (el: Element) => (options.keep ?? []).some((k) => k.contains(el) || el.contains(k));
  const stats = options.stats ?? textStats(root);
  let removed = 0;
  for (const el of elementsUnder(root)) {
    const s = stats.get(el);
    // Inserts are small and hold no running text: anything else is not looked at closer.
    if (!s || s.paragraph || s.length > MAX_CANDIDATE_LENGTH || !CANDIDATE.test(el.tagName) || !root.contains(el) || kept(el)) continue;
    if (isShareBar(el) || isSocialLine(el, base) || isTagList(el) || isRelatedCard(el, options) || (s.length <= MAX_FURNITURE_LENGTH && isFurnitureLine(foldForMatch(visibleText(el))))) {
      remove(el);
      removed++;
    }
  }
  // Labelled inserts whose label stands alone: polls, author cards, a share label left without its buttons.
  const labelled = (folded: string) => POLL_LABEL.test(folded) || AUTHOR_LABEL.test(folded) || SHARE_LABEL.test(folded) || isTagLabel(folded);
  for (const el of labelElements(root, stats, labelled)) {
    if (!root.contains(el) || kept(el)) continue;
    const text = foldForMatch(visibleText(el));
    if ((POLL_LABEL.test(text) || AUTHOR_LABEL.test(text)) && standsAsLine(el)) {
      remove(insertAround(el, root, stats));
      removed++;
    } else if (SHARE_LABEL.test(text) || isTagLabel(text)) {
      remove(el);
      removed++;
    }
  }
  return removed;
}
