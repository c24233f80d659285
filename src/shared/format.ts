/** Dates and numbers in the reader's interface language. */

const KAZAKH_MONTHS = ['қаңтар', 'ақпан', 'наурыз', 'сәуір', 'мамыр', 'маусым', 'шілде', 'тамыз', 'қыркүйек', 'қазан', 'қараша', 'желтоқсан'];
let kazakhData: boolean | null = null;

/** Whether this engine's Intl has Kazakh month names (Debian's Chromium has not: "2026 M01 30"). */
function hasKazakhDates(): boolean {
  kazakhData ??= /қаңтар/i.test(new Intl.DateTimeFormat('kk', { month: 'long', timeZone: 'UTC' }).format(Date.UTC(2026, 0, 15)));
  return kazakhData;
}

const isKazakh = (locale: string) => locale.toLowerCase().split('-')[0] === 'kk';
const pad = (n: number) => String(n).padStart(2, '0');

/** CLDR's Kazakh long date and short time, by hand, from the date's fields in UTC after shifting. */
function kazakhDateTime(shifted: Date): string {
  return `${shifted.getUTCFullYear()} ж. ${shifted.getUTCDate()} ${KAZAKH_MONTHS[shifted.getUTCMonth()]}, ${pad(shifted.getUTCHours())}:${pad(shifted.getUTCMinutes())}`;
}

function offsetMinutes(offset: string): number {
  const [, sign, hh, mm] = /([+-])(\d{2}):(\d{2})/.exec(offset) ?? [];
  return (sign === '-' ? -1 : 1) * (Number(hh ?? 0) * 60 + Number(mm ?? 0));
}

/** The archived time as the site states it (Kazakhstan time), written the reader's way. */
export function formatSiteTime(iso: string, locale: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const offset = /([+-]\d{2}:\d{2})$/.exec(iso)?.[1] ?? '+05:00';
  const shifted = new Date(date.getTime() + offsetMinutes(offset) * 60_000);
  if (isKazakh(locale) && !hasKazakhDates()) return kazakhDateTime(shifted);
  const options: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'long', year: 'numeric', hour: 'numeric', minute: '2-digit' };
  try {
    return new Intl.DateTimeFormat(locale, { ...options, timeZone: offset }).format(date);
  } catch {
    // Engines without offset time zones: the shifted time, formatted as UTC.
    return new Intl.DateTimeFormat(locale, { ...options, timeZone: 'UTC' }).format(shifted);
  }
}

/** A moment (when an article was saved) in the reader's own time zone and language. */
export function formatLocalTime(ms: number, locale: string): string {
  if (isKazakh(locale) && !hasKazakhDates()) return kazakhDateTime(new Date(ms - new Date(ms).getTimezoneOffset() * 60_000));
  return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short' }).format(ms);
}

export function formatCount(n: number, locale: string): string {
  return new Intl.NumberFormat(locale).format(n);
}
