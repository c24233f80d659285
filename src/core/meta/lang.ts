/**
 * The language of a page: Kazakh or Russian (or what the page declares otherwise).
 * Kazakh Cyrillic has nine letters Russian lacks; a few hundred letters of text settle it.
 */
import { asText } from '../text/letters.ts';

const codes = (letters: string) => new Set([...letters].map((ch) => ch.charCodeAt(0)));
const KAZAKH_ONLY = codes('әғқңөұүһіӘҒҚҢӨҰҮҺІ');
/** Kazakh letters that neither Russian nor Ukrainian nor Belarusian has (і is theirs too). */
const KAZAKH_OWN = codes('әғқңөұүһӘҒҚҢӨҰҮҺ');
/** Letters of the other Cyrillic alphabets (Ukrainian, Belarusian, Serbian, Macedonian), never Russian or Kazakh. */
const OTHER_CYRILLIC = codes('їєґўђјљњћџѓќѕЇЄҐЎЂЈЉЊЋЏЃЌЅ');
/** Russian letters that Bulgarian lacks: a long Russian text always has some. */
const RUSSIAN_MARKS = codes('ыэЫЭ');

/**
 * 'kk' or 'ru' from the letters of text; null where there are too few Cyrillic letters to tell,
 * or where they are another language's (Ukrainian, Belarusian, Bulgarian, Serbian…).
 */
export function langFromLetters(value: string): 'kk' | 'ru' | null {
  const text = asText(value);
  const end = Math.min(text.length, 20000);
  // Counted by character code: a match of every letter of a long text would list them all first.
  let cyrillic = 0;
  let kazakh = 0;
  let own = 0;
  let other = 0;
  let russian = 0;
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x400 || c > 0x4ff) continue;
    cyrillic++;
    if (KAZAKH_ONLY.has(c)) kazakh++;
    if (KAZAKH_OWN.has(c)) own++;
    if (OTHER_CYRILLIC.has(c)) other++;
    if (RUSSIAN_MARKS.has(c)) russian++;
  }
  if (cyrillic < 60 || other / cyrillic >= 0.002) return null;
  const share = kazakh / cyrillic;
  if (share >= 0.015) return own > 0 ? 'kk' : null;
  if (share <= 0.004) return russian > 0 || cyrillic < 300 ? 'ru' : null;
  return null;
}

/** A language tag as the page writes it (`kk-KZ`, `kz`, `ru_RU`) to its primary subtag. */
export function primaryLang(tag: string | null | undefined): string | null {
  const t = (tag ?? '').trim().toLowerCase().split(/[-_]/)[0] ?? '';
  if (!/^[a-z]{2,3}$/.test(t)) return null;
  return t === 'kz' || t === 'kaz' ? 'kk' : t === 'rus' ? 'ru' : t;
}

/**
 * The page's language: the article's text where it is decisive (pass '' where there is no
 * article: a page's lists may mix editions), else what the page declares (`<html lang>`,
 * `og:locale`), else the edition in the URL (`/ru/`, `ru.` subdomain).
 */
export function detectLang(doc: Document, url: URL, text: string): string | null {
  const fromText = langFromLetters(text);
  if (fromText) return fromText;
  const declared =
    primaryLang(doc.documentElement?.getAttribute('lang')) ??
    primaryLang(doc.querySelector('meta[property="og:locale"]')?.getAttribute('content'));
  if (declared) return declared;
  if (/^\/ru(\/|$)/i.test(url.pathname) || /^ru\./i.test(url.hostname)) return 'ru';
  if (/^\/(kz|kk)(\/|$)/i.test(url.pathname) || /^(kz|kk)\./i.test(url.hostname)) return 'kk';
  return null;
}
