/**
 * Dates and numbers in the reader's interface language.
 *
 * Kazakh, Russian and English (the interface's languages) are written here by hand, in CLDR's
 * long forms: the first use of the engine's Intl in a page loads its locale data, 30–80 ms of
 * the page's thread in Chromium, and the date and the views are in the first frame of every
 * reader. By hand, the three languages also read the same in every browser (Debian's Chromium
 * has no Kazakh month names). Any other locale goes to Intl.
 */

export type Written = 'kk' | 'ru' | 'en';

const MONTHS: Record<Written, readonly string[]> = {
  kk: ['қаңтар', 'ақпан', 'наурыз', 'сәуір', 'мамыр', 'маусым', 'шілде', 'тамыз', 'қыркүйек', 'қазан', 'қараша', 'желтоқсан'],
  ru: ['января', 'февраля', 'марта', 'апреля', 'мая', 'июня', 'июля', 'августа', 'сентября', 'октября', 'ноября', 'декабря'],
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
};

/** The language written by hand for `locale` ("kk-KZ" → kk), null for any other. */
export function writtenIn(locale: string): Written | null {
  const primary = locale.toLowerCase().split(/[-_]/)[0];
  return primary === 'kk' || primary === 'ru' || primary === 'en' ? primary : null;
}

/** A calendar day and, where known, a time of day (month 0–11). */
export interface DateFields {
  year: number;
  month: number;
  day: number;
  time?: { hours: number; minutes: number };
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The fields of `date` read in UTC: the caller has shifted it to the zone it means. */
export function utcFields(date: Date, withTime: boolean): DateFields {
  const fields: DateFields = { year: date.getUTCFullYear(), month: date.getUTCMonth(), day: date.getUTCDate() };
  if (withTime) fields.time = { hours: date.getUTCHours(), minutes: date.getUTCMinutes() };
  return fields;
}

function clock({ hours, minutes }: { hours: number; minutes: number }, lang: Written): string {
  if (lang === 'en') return `${hours % 12 || 12}:${pad(minutes)} ${hours < 12 ? 'AM' : 'PM'}`;
  return `${pad(hours)}:${pad(minutes)}`;
}

/** "2026 ж. 5 желтоқсан, 09:30", "5 декабря 2026 г. в 09:30", "December 5, 2026 at 9:30 AM"; the day alone without a time. */
function writeDate(fields: DateFields, lang: Written): string {
  const { year, month, day, time } = fields;
  const name = MONTHS[lang][month]!;
  const date = lang === 'kk' ? `${year} ж. ${day} ${name}` : lang === 'ru' ? `${day} ${name} ${year} г.` : `${name} ${day}, ${year}`;
  if (!time) return date;
  const joiner = lang === 'kk' ? ', ' : lang === 'ru' ? ' в ' : ' at ';
  return `${date}${joiner}${clock(time, lang)}`;
}

/** Writes `fields` in `locale`: by hand in the interface's languages, by Intl (in UTC) otherwise. */
export function formatDateFields(fields: DateFields, locale: string): string {
  const lang = writtenIn(locale);
  if (lang) return writeDate(fields, lang);
  const { year, month, day, time } = fields;
  const options: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' };
  if (time) Object.assign(options, { hour: 'numeric', minute: '2-digit' });
  return new Intl.DateTimeFormat(locale, options).format(Date.UTC(year, month, day, time?.hours ?? 0, time?.minutes ?? 0));
}

function offsetMinutes(offset: string): number {
  const [, sign, hh, mm] = /([+-])(\d{2}):(\d{2})/.exec(offset) ?? [];
  return (sign === '-' ? -1 : 1) * (Number(hh ?? 0) * 60 + Number(mm ?? 0));
}

/** The archived time as the site states it (Kazakhstan time, where the page gives no offset), written the reader's way. */
export function formatSiteTime(iso: string, locale: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const offset = /([+-]\d{2}:\d{2})$/.exec(iso)?.[1] ?? '+05:00';
  const shifted = new Date(date.getTime() + offsetMinutes(offset) * 60_000);
  try {
    return formatDateFields(utcFields(shifted, true), locale);
  } catch {
    return iso;
  }
}

/** A moment (when an article was saved) in the reader's own time zone and language. */
export function formatLocalTime(ms: number, locale: string): string {
  const date = new Date(ms);
  if (Number.isNaN(date.getTime())) return '';
  // The local fields, moved to UTC's: the same day and time, read by utcFields.
  const local = new Date(Date.UTC(date.getFullYear(), date.getMonth(), date.getDate(), date.getHours(), date.getMinutes()));
  try {
    return formatDateFields(utcFields(local, true), locale);
  } catch {
    return date.toISOString();
  }
}

/** Thousands apart: "12,345" in English, "12 345" (no-break space) in Kazakh and Russian. */
function groupDigits(digits: string, separator: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, separator);
}

/** A whole count ("12 345 views"); a fraction keeps up to three decimals. */
export function formatCount(n: number, locale: string): string {
  const lang = writtenIn(locale);
  if (!lang || !Number.isFinite(n)) return new Intl.NumberFormat(locale).format(n);
  return formatDecimal(n, 3, lang);
}

/** `n` rounded to at most `maxDigits` decimals (trailing zeros dropped), grouped, in `lang`'s way. */
export function formatDecimal(n: number, maxDigits: number, lang: Written): string {
  const [whole, fraction = ''] = Math.abs(n).toFixed(maxDigits).split('.') as [string, string?];
  const kept = fraction.replace(/0+$/, '');
  const sign = n < 0 && (whole !== '0' || kept) ? '-' : '';
  const point = lang === 'en' ? '.' : ',';
  return `${sign}${groupDigits(whole, lang === 'en' ? ',' : '\u00a0')}${kept ? point + kept : ''}`;
}
