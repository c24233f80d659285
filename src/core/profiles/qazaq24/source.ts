/**
 * The publisher an article was taken from, and the link to the original: read from the site's
 * own info block, never from the article's text. A `Дереккөз:` line inside the body is the
 * article's (or someone's) words and may link anywhere; the info block stands outside the body,
 * usually after it. An address with a user name or password in it (`https://www.inform.kz@evil.test/`)
 * shows one host and leads to another: it is refused. Where the link's host does not fit the
 * publisher's name, the host is the name shown, so the name never vouches for a link.
 */
import type { SourceRef } from '../../types.ts';
import type { Line } from '../../clean/lines.ts';
import type { Region } from '../../clean/region.ts';
import { collapse, foldSameLength } from '../../text/normalize.ts';
import { holds, isElement, precedes } from '../../dom.ts';
import { allUnder, taggedWith } from '../../find.ts';
import { isGlyphElement } from '../../clean/glyphs.ts';
import { absoluteUrl } from '../../clean/images.ts';
import { QAZAQ24_HOST } from './page.ts';
import { skeleton } from './spelling.ts';

export interface SourceLine {
  line: Line;
  /** Stands with other info lines (views, archived): part of the site's info block. */
  inBlock: boolean;
}

const URL_IN_TEXT = /\bhttps?:\/\/[^\s"'<>]+|\bwww\.[^\s"'<>]+|\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:kz|ru|com|org|net|info|news|tv|media|asia|uz|kg)\b[^\s"'<>]*/i;

/** An address a reader can trust to go where it shows: http(s), no user name or password. */
export function trustworthyUrl(href: string, base: string): string | null {
  const abs = absoluteUrl(href, base);
  if (!abs) return null;
  const url = new URL(abs);
  return url.username || url.password ? null : abs;
}

/** Whether `raw` (as the page writes it) carries credentials, even where a parser would read it otherwise. */
function hasUserInfo(raw: string): boolean {
  const authority = /^[a-z][a-z0-9+.-]*:\/\/([^/?#]*)/i.exec(raw.trim())?.[1] ?? /^\/\/([^/?#]*)/.exec(raw.trim())?.[1];
  return !!authority && authority.includes('@');
}

/** The link to the original in a source line: its first link off the site, else an address in its text. */
export function sourceUrlFrom(line: Line | undefined, base: string): string | null {
  if (!line) return null;
  for (const node of line.nodes) {
    const links = isElement(node) ? [...(node.tagName === 'A' ? [node] : []), ...allUnder(node, taggedWith('href', 'a'))] : [];
    for (const a of links) {
      const raw = (a.getAttribute('href') ?? '').trim();
      const href = absoluteUrl(raw, base);
      if (!href || QAZAQ24_HOST.test(new URL(href).hostname)) continue;
      // A forged address refuses the whole line: its text cannot be trusted either.
      if (hasUserInfo(raw) || !trustworthyUrl(raw, base)) return null;
      // The address as the page writes it, where it is already absolute.
      return /^https?:\/\/[^\s"'<>\\]+$/i.test(raw) ? raw : href;
    }
  }
  const inText = URL_IN_TEXT.exec(line.text.replace(/^[^:]*:\s*/, ''))?.[0];
  if (!inText) return null;
  const candidate = /^https?:/i.test(inText) ? inText : `https://${inText}`;
  if (hasUserInfo(candidate)) return null;
  return trustworthyUrl(candidate, base);
}

/** An address's host without "www." or a closing dot, or null. */
export function hostOfUrl(url: string | null): string | null {
  if (!url) return null;
  try {
    return new URL(url).hostname.toLowerCase().replace(/^www\./, '').replace(/\.+$/, '');
  } catch {
    return null;
  }
}

/** The host an address written in a line's text names ("Дереккөз: https://www.inform.kz"), or null. */
export function shownHost(line: Line): string | null {
  const written = URL_IN_TEXT.exec(line.text.replace(/^[^:]*:\s*/, ''))?.[0];
  return written ? hostOfUrl(/^https?:/i.test(written) ? written : `https://${written}`) : null;
}

/**
 * Whether a `Дереккөз:` / `Источник:` line points somewhere: a link, an address in its text, or
 * nothing after its label (the address beside it), or the site's icon before it. The site's
 * info line does; a credit naming only an office ("Дереккөз: Ұлттық статистика бюросы" under a
 * chart) is the article's.
 */
export function pointsToSource(line: Line): boolean {
  if (line.nodes.some((n) => isElement(n) && (n.matches('a[href]') || !!n.querySelector('a[href]')))) return true;
  // The site draws its info lines with an icon (`embed`): a credit the article writes has none.
  if (line.nodes.some((n) => isElement(n) && (isGlyphElement(n) || [...n.children].some(isGlyphElement)))) return true;
  const value = line.text.replace(/^[^:—–-]*[:—–-]?\s*/u, '');
  return !/[\p{L}\p{N}]/u.test(value) || URL_IN_TEXT.test(value);
}

/** Where the aggregator's lead says the news was taken from: "… парақшасынан / сайтынан / порталынан алынған". */
export const LEAD_FROM = `(?:парақшасынан|сайтынан|порталынан|бетінен)`;

/** The publisher named in the aggregator's lead: `Egemen.KZ парақшасынан…`, `…со страницы Kapital.kz..`. */
export function sourceNameFromLead(line: Line | undefined): string | null {
  if (!line) return null;
  const text = line.text;
  const folded = foldSameLength(text);
  const kk = folded.search(new RegExp(`\\s*${LEAD_FROM}`, 'u'));
  if (kk > 0) return tidyName(text.slice(0, kk));
  const ru = /страниц\p{L}*\s+/u.exec(folded) ?? /данных\s+(?:с|из|от)\s+/u.exec(folded);
  if (ru) return tidyName(text.slice(ru.index + ru[0].length));
  return null;
}

function tidyName(raw: string): string | null {
  const name = collapse(raw).replace(/^[«"'“(]+|[»"'”).,:;!…\s]+$/g, '').trim();
  return name && name.length <= 80 ? name : null;
}

function hostName(url: string | null): string | null {
  if (!url) return null;
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return null;
  }
}

/** `Дереккөз: Egemen.KZ` (a name, not an address) names the publisher itself. */
function sourceNameFromSourceLine(line: Line | undefined): string | null {
  const value = line?.text.replace(/^[^:]*:\s*/, '').trim();
  if (!value || (URL_IN_TEXT.test(value) && /^(https?:|www\.)/i.test(value))) return null;
  return value.includes(':') ? null : tidyName(value);
}

/** Second-level labels under which a country's domains are registered (egemen.com.kz). */
const SECOND_LEVEL = new Set(['com', 'org', 'net', 'gov', 'edu', 'co', 'ac', 'mil']);
/**
 * Countries whose registry itself runs those second levels: elsewhere `com.<tld>` may be
 * anyone's domain (kapital.com.evil is com.evil's, not Kapital's).
 */
const REGISTRY_SECOND_LEVEL = new Set(['kz', 'uz', 'kg', 'tj', 'uk', 'tr', 'ua', 'au', 'br', 'cn', 'jp', 'in', 'nz', 'za', 'kr', 'tw', 'hk', 'sg', 'my', 'ar', 'mx', 'il', 'id', 'th', 'vn', 'pk', 'ng', 'eg', 'sa', 'pl']);

/** The name a host was registered as (`inform.kz` of www.inform.kz, `evil.test` of inform.kz.evil.test), and its own label. */
function registered(host: string): { domain: string; label: string } | null {
  const labels = host.toLowerCase().replace(/\.$/, '').split('.');
  if (labels.length < 2) return null;
  const take = labels.length >= 3 && SECOND_LEVEL.has(labels[labels.length - 2]!) && REGISTRY_SECOND_LEVEL.has(labels[labels.length - 1]!) ? 3 : 2;
  const domain = labels.slice(-take);
  return { domain: domain.join('.'), label: domain[0]! };
}

/**
 * Whether a publisher's name fits a host: the host's registered name (`egemen` of egemen.kz,
 * `inform` of www.inform.kz, `24.kz` whole where it is that short) is spelled in the name, in
 * Latin letters or Cyrillic ones.
 */
export function nameFitsHost(name: string, host: string): boolean {
  const own = registered(host);
  if (!own) return false;
  const latin = name.toLowerCase().replace(/\s+/g, '');
  if (latin.includes(own.domain)) return true;
  const label = own.label.replace(/[^a-z0-9]/g, '');
  if (label.length < 3) return false;
  if (latin.replace(/[^a-z0-9]/g, '').includes(label)) return true;
  const spelled = skeleton(name).replace(/[^a-z0-9]/g, '');
  const wanted = skeleton(label).replace(/[^a-z0-9]/g, '');
  return wanted.length >= 3 && spelled.includes(wanted);
}

/** Where a line stands against the body: before it, inside it, or after it. */
function placeOf(line: Line, region: Region): 'before' | 'inside' | 'after' {
  const first = line.nodes[0]!;
  const last = line.nodes[line.nodes.length - 1]!;
  const rb = region.before;
  if (rb && (holds(rb, first) || holds(first, rb) || precedes(rb, first))) return 'after';
  const ra = region.after;
  if (ra && (holds(ra, last) || holds(last, ra) || precedes(last, ra))) return 'before';
  return 'inside';
}

/**
 * The source line to read: outside the body, one of the info block's lines before a lone
 * one, the last of those after the body before one above it.
 */
export function chooseSourceLine(lines: readonly SourceLine[], region: Region): Line | undefined {
  const outside = lines.map((l) => ({ ...l, place: placeOf(l.line, region) })).filter((l) => l.place !== 'inside');
  for (const inBlock of [true, false]) {
    const pool = outside.filter((l) => l.inBlock === inBlock);
    const after = pool.filter((l) => l.place === 'after');
    const pick = after[after.length - 1] ?? pool[pool.length - 1];
    if (pick) return pick.line;
  }
  return undefined;
}

export function readSource(sourceLine: Line | undefined, lead: Line | undefined, base: string): SourceRef | null {
  const leadName = sourceNameFromLead(lead);
  // Where no source line points anywhere, the lead's link to the publisher it names.
  const fromLead = () => {
    const linked = leadName ? sourceUrlFrom(lead, base) : null;
    const linkedHost = hostName(linked);
    return linked && linkedHost && nameFitsHost(leadName!, linkedHost) ? linked : null;
  };
  const url = sourceUrlFrom(sourceLine, base) ?? fromLead();
  const host = hostName(url);
  let name = leadName ?? sourceNameFromSourceLine(sourceLine) ?? host;
  if (name && host && name !== host && !nameFitsHost(name, host)) name = host;
  return name || url ? { name: name ?? '', url } : null;
}
