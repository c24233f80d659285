/**
 * Video and social embeds (YouTube, Telegram, Instagram, X, and a few more) as a reader would
 * want them offline and without third-party frames: a link card with the post's title and its
 * address. The card is built from the embed's address, never copied from it: only the ID is
 * read, and the link is written anew on the platform's own https address. Frames that are not
 * a known embed (ad networks, widgets) are dropped, and no frame or script is ever kept.
 */
import { collapse } from '../text/normalize.ts';
import { remove, textNodesInLinks } from '../dom.ts';
import { allUnder, firstUnder, tagged, taggedWith } from '../find.ts';
import { absoluteUrl } from './images.ts';

export interface EmbedCard {
  platform: string;
  url: string;
  title: string | null;
}

const ID = /^[\w-]{1,64}$/;

function parse(src: string, base: string): URL | null {
  const abs = absoluteUrl(src.startsWith('//') ? `https:${src}` : src, base);
  return abs ? new URL(abs) : null;
}

/** The post behind an embed's address, or null where it is no embed known here. */
export function embedFromUrl(src: string, base: string): Omit<EmbedCard, 'title'> | null {
  const url = parse(src, base);
  if (!url) return null;
  const host = url.hostname.replace(/^(?:www|m|mobile)\./, '').toLowerCase();
  const parts = url.pathname.split('/').filter(Boolean);
  const id = (value: string | null | undefined) => (value && ID.test(value) ? value : null);
  if (host === 'youtube.com' || host === 'youtube-nocookie.com' || host === 'youtu.be') {
    const v = id(host === 'youtu.be' ? parts[0] : parts[0] === 'embed' || parts[0] === 'shorts' || parts[0] === 'live' ? parts[1] : url.searchParams.get('v'));
    return v ? { platform: 'YouTube', url: `https://www.youtube.com/watch?v=${v}` } : null;
  }
  if (host === 't.me' || host === 'telegram.me') {
    const [channel, post] = [id(parts[0]), parts[1] && /^\d{1,12}$/.test(parts[1]) ? parts[1] : null];
    return channel && post && channel !== 'share' ? { platform: 'Telegram', url: `https://t.me/${channel}/${post}` } : null;
  }
  if (host === 'instagram.com') {
    const kind = parts[0] === 'reel' || parts[0] === 'tv' ? parts[0] : parts[0] === 'p' ? 'p' : null;
    const code = id(parts[1]);
    return kind && code ? { platform: 'Instagram', url: `https://www.instagram.com/${kind}/${code}/` } : null;
  }
  if (host === 'twitter.com' || host === 'x.com' || host === 'platform.twitter.com') {
    const status = parts.indexOf('status');
    const tweet = status >= 0 ? parts[status + 1] : url.searchParams.get('id');
    const user = status > 0 ? id(parts[status - 1]) : null;
    return tweet && /^\d{1,25}$/.test(tweet) ? { platform: 'X', url: `https://x.com/${user ?? 'i'}/status/${tweet}` } : null;
  }
  if (host === 'player.vimeo.com' || host === 'vimeo.com') {
    const v = parts.find((p) => /^\d{1,15}$/.test(p));
    return v ? { platform: 'Vimeo', url: `https://vimeo.com/${v}` } : null;
  }
  if (host === 'rutube.ru') {
    const v = id(parts[0] === 'play' && parts[1] === 'embed' ? parts[2] : parts[0] === 'video' ? parts[1] : null);
    return v ? { platform: 'Rutube', url: `https://rutube.ru/video/${v}/` } : null;
  }
  if (host === 'tiktok.com') {
    const v = parts.find((p) => /^\d{6,25}$/.test(p));
    return v ? { platform: 'TikTok', url: `https://www.tiktok.com/embed/v2/${v}` } : null;
  }
  if (host === 'facebook.com') {
    const href = url.searchParams.get('href');
    const inner = href ? parse(href, base) : null;
    const path = inner && inner.hostname.replace(/^(?:www|m)\./, '') === 'facebook.com' ? inner.pathname : null;
    return path && /^\/[\w./-]{1,200}$/.test(path) ? { platform: 'Facebook', url: `https://www.facebook.com${path}` } : null;
  }
  return null;
}

/** A video file of the page's own, not a platform's. */
const VIDEO = 'video';

/** Titles frames carry that say nothing of the post. */
const GENERIC_TITLE = /^(?:youtube video player|youtube|video|embed|iframe|telegram post|instagram|twitter|x post|vimeo|player|видео|бейне)$/i;

function titleOf(raw: string | null | undefined): string | null {
  const t = collapse(raw ?? '');
  if (!t || GENERIC_TITLE.test(t)) return null;
  return t.length > 160 ? `${t.slice(0, 157).replace(/\s+\S*$/, '')}…` : t;
}

function fileName(url: string): string {
  const last = url.split(/[?#]/)[0]!.split('/').pop() ?? '';
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}

/**
 * Marks a card (its value: the platform, in lower case): the card is shown, but as a picture
 * is, it is not part of the article's text.
 */
export const EMBED_CARD_ATTRIBUTE = 'data-oqy-embed';

/** An embed's card: shown, but not part of the article's text (leave it out of blockText). */
export const isEmbedCard = taggedWith(EMBED_CARD_ATTRIBUTE, 'figure');

const LINK = taggedWith('href', 'a');

/** The card that stands in for an embed. */
export function cardElement(doc: Document, card: EmbedCard): HTMLElement {
  const figure = doc.createElement('figure');
  figure.setAttribute(EMBED_CARD_ATTRIBUTE, card.platform.toLowerCase().replace(/[^a-z]/g, '') || 'video');
  const link = doc.createElement('a');
  link.setAttribute('href', card.url);
  link.textContent = card.platform === VIDEO ? `▶ ${card.title ?? fileName(card.url)}` : card.title ? `${card.platform}: ${card.title}` : card.platform;
  const caption = doc.createElement('figcaption');
  caption.textContent = card.url.replace(/^https:\/\/(?:www\.)?/, '');
  figure.append(link, caption);
  return figure;
}

/** The first link inside el to a post that embedFromUrl knows. */
function postLinkIn(el: Element, base: string, platform: string): Omit<EmbedCard, 'title'> | null {
  for (const a of allUnder(el, LINK)) {
    const found = embedFromUrl(a.getAttribute('href')!, base);
    if (found?.platform === platform) return found;
  }
  return null;
}

/** A quoted post's own words, for its card's title: the first paragraph of the quote. */
function quotedText(el: Element): string | null {
  const p = firstUnder(el, tagged('p'));
  return titleOf(p?.textContent ?? null);
}

/** An element's text, its links' left out. */
function textOutsideLinks(el: Element): string {
  const { texts, inLink } = textNodesInLinks(el);
  return texts.filter((_, i) => !inLink[i]).map((t) => t.data).join('');
}

/**
 * Replaces every embed under root with its link card and drops every other frame and embed
 * script. Returns the cards made.
 */
export function embedsToCards(root: Element, base: string): Element[] {
  const doc = root.ownerDocument;
  const cards: Element[] = [];
  // Most articles hold nothing of the kind: one look spares them every pass below.
  if (!firstUnder(root, mayEmbed)) return cards;
  // Only cards made here carry the mark: a page cannot hide its own text behind it.
  for (const marked of allUnder(root, (el) => el.hasAttribute(EMBED_CARD_ATTRIBUTE))) marked.removeAttribute(EMBED_CARD_ATTRIBUTE);
  const replace = (el: Element, card: EmbedCard | null) => {
    if (!card) {
      remove(el);
      return;
    }
    const figure = cardElement(doc, card);
    el.replaceWith(figure);
    cards.push(figure);
  };
  // Quoted posts written as blockquotes (Instagram, X) before their scripts turn them into frames.
  for (const quote of allUnder(root, tagged('blockquote'))) {
    const permalink = quote.getAttribute('data-instgrm-permalink');
    const instagram = permalink ? embedFromUrl(permalink, base) : postLinkIn(quote, base, 'Instagram');
    if (instagram?.platform === 'Instagram') {
      replace(quote, { ...instagram, title: quotedText(quote) });
      continue;
    }
    // TikTok's: the video named in its `cite`, the caption its text outside the links (the author, tags, the sound).
    const cited = embedFromUrl(quote.getAttribute('cite') ?? '', base);
    if (cited?.platform === 'TikTok') {
      replace(quote, { ...cited, title: titleOf(textOutsideLinks(quote)) });
      continue;
    }
    const links = allUnder(quote, LINK);
    const last = links[links.length - 1];
    const tweet = last ? embedFromUrl(last.getAttribute('href')!, base) : null;
    if (tweet?.platform === 'X') replace(quote, { ...tweet, title: quotedText(quote) });
  }
  // Telegram's widget: a script naming the post, or the frame it has already put in its place.
  for (const script of allUnder(root, taggedWith('data-telegram-post', 'script'))) {
    const post = script.getAttribute('data-telegram-post') ?? '';
    const found = /^[\w-]{1,64}\/\d{1,12}$/.test(post) ? embedFromUrl(`https://t.me/${post}`, base) : null;
    replace(script, found ? { ...found, title: null } : null);
  }
  // AMP's embed elements.
  const amp: Array<[string, (el: Element) => string | null]> = [
    ['amp-youtube', (el) => el.getAttribute('data-videoid') && `https://www.youtube.com/watch?v=${el.getAttribute('data-videoid')}`],
    ['amp-vimeo', (el) => el.getAttribute('data-videoid') && `https://vimeo.com/${el.getAttribute('data-videoid')}`],
    ['amp-instagram', (el) => el.getAttribute('data-shortcode') && `https://www.instagram.com/p/${el.getAttribute('data-shortcode')}/`],
    ['amp-twitter', (el) => el.getAttribute('data-tweetid') && `https://x.com/i/status/${el.getAttribute('data-tweetid')}`],
    ['amp-facebook', (el) => el.getAttribute('data-href') && `https://www.facebook.com/plugins/post.php?href=${encodeURIComponent(el.getAttribute('data-href')!)}`],
  ];
  for (const [tag, address] of amp) {
    for (const el of allUnder(root, tagged(tag))) {
      const src = address(el);
      const found = src ? embedFromUrl(src, base) : null;
      replace(el, found ? { ...found, title: titleOf(el.getAttribute('title')) } : null);
    }
  }
  for (const frame of allUnder(root, tagged('iframe', 'amp-iframe', 'embed', 'object'))) {
    const src = frame.getAttribute('src') ?? frame.getAttribute('data-src') ?? frame.getAttribute('data') ?? '';
    const found = src ? embedFromUrl(src, base) : null;
    replace(frame, found ? { ...found, title: titleOf(frame.getAttribute('title')) } : null);
  }
  for (const video of allUnder(root, tagged('video', 'amp-video'))) {
    const src = video.getAttribute('src') ?? firstUnder(video, taggedWith('src', 'source'))?.getAttribute('src') ?? '';
    const abs = src ? absoluteUrl(src, base) : null;
    const safe = abs && !new URL(abs).username && !new URL(abs).password ? abs : null;
    replace(video, safe ? { platform: VIDEO, url: safe, title: titleOf(video.getAttribute('title') ?? video.getAttribute('aria-label')) } : null);
  }
  for (const script of allUnder(root, tagged('script'))) remove(script);
  return cards;
}

/** What embedsToCards turns into a card or drops. */
const EMBED_TAG = tagged(
  'blockquote', 'script', 'amp-youtube', 'amp-vimeo', 'amp-instagram', 'amp-twitter', 'amp-facebook',
  'iframe', 'amp-iframe', 'embed', 'object', 'video', 'amp-video',
);
const mayEmbed = (el: Element) => EMBED_TAG(el) || el.hasAttribute(EMBED_CARD_ATTRIBUTE);
