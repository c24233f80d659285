/**
 * Dates as the site writes them, read as Kazakhstan local time (UTC+05:00 since March 2024).
 * Kazakh months in the nominative (`01 Қараша 2025 12:14`), Russian in the nominative or the
 * genitive (`30 Январь 2026`, `30 января 2026 г., 17:19`), and numeric forms.
 */
import { foldForMatch } from '../text/normalize.ts';

export const KAZAKHSTAN_OFFSET = '+05:00';

/** Month stems: enough letters to tell every month apart in Kazakh, Russian and English. */
const MONTH_STEMS: ReadonlyArray<readonly [string, number]> = [
  // Kazakh
  ['қаң', 1], ['ақп', 2], ['нау', 3], ['сәу', 4], ['мам', 5], ['мау', 6],
  ['шіл', 7], ['там', 8], ['қыр', 9], ['қаз', 10], ['қар', 11], ['жел', 12],
  // Russian (nominative and genitive share these)
  ['янв', 1], ['фев', 2], ['мар', 3], ['апр', 4], ['май', 5], ['мая', 5], ['июн', 6],
  ['июл', 7], ['авг', 8], ['сен', 9], ['окт', 10], ['ноя', 11], ['дек', 12],
  // English, for pages that use it
  ['jan', 1], ['feb', 2], ['mar', 3], ['apr', 4], ['may', 5], ['jun', 6],
  ['jul', 7], ['aug', 8], ['sep', 9], ['oct', 10], ['nov', 11], ['dec', 12],
];

/** A whole month name as dates write it: Kazakh, Russian (nominative, genitive, short), English. */
const MONTH_NAME = new RegExp(
  '^(?:қаңтар|ақпан|наурыз|сәуір|мамыр|маусым|шілде|тамыз|қыркүйек|қазан|қараша|желтоқсан' +
    '|январ[ья]|феврал[ья]|марта?|апрел[ья]|ма[йя]|июн[ья]|июл[ья]|августа?|сентябр[ья]|октябр[ья]|ноябр[ья]|декабр[ья]' +
    '|янв|фев|мар|апр|июн|июл|авг|сен|сент|окт|ноя|дек' +
    '|january|february|march|april|may|june|july|august|september|october|november|december' +
    '|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)$',
  'u',
);

export function isMonthName(word: string): boolean {
  return MONTH_NAME.test(foldForMatch(word));
}

export function monthNumber(word: string): number | null {
  const w = foldForMatch(word);
  // Kazakh "қаңтар" folds to itself; Russian "март" must not be read as Kazakh "мамыр".
  for (const [stem, n] of MONTH_STEMS) if (w.startsWith(stem)) return n;
  return null;
}

interface Parts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** The word after a year ("2026 ж.", "2026 жылы", "2026 г.", "2026 года"), the longer forms first. */
const YEAR_WORD = String.raw`(?:\s*(?:жыл\p{L}*|года?|ж\.?|г\.?)(?!\p{L}))?`;
/** The time after a date: "11:05", ", 11:05", "| 11:05", "· 11:05", "в 11:05", "сағат 11:05", "11:05:45". */
const TIME_AFTER = String.raw`(?:(?:[\s,]*[|·•/–—-][\s,]*|[\s,T]+)(?:сағат\s*|в\s+|at\s+)?(\d{1,2})[:.](\d{2})(?::(\d{2}))?(?!\d|[.:]\d))?`;
const WORD_DATE = new RegExp(String.raw`(\d{1,2})(?:-?(?:ші|шы|i|і))?[\s.]+([\p{L}]{3,12})\.?[\s,]+(\d{4})` + YEAR_WORD + TIME_AFTER, 'u');
const NUMERIC_DATE = new RegExp(String.raw`(\d{1,2})[./](\d{1,2})[./](\d{4})` + YEAR_WORD + TIME_AFTER, 'u');
/** The Kazakh order, year first: "2026 жылғы 3 ақпан(да) 11:05". */
const YEAR_FIRST_DATE = new RegExp(String.raw`(\d{4})\s*(?:жылғы|жылы|ж\.)\s*(\d{1,2})(?:-?(?:ші|шы|i|і))?\s+([\p{L}]{3,14})` + TIME_AFTER, 'u');
/** A time written before its date: "11:05 03.02.2026", "11:05, 03 Ақпан 2026". */
const TIME_BEFORE = /(?:^|[^\d:.])(\d{1,2}):(\d{2})(?![\d:])/;
const ISO_DATE = /(\d{4})-(\d{2})-(\d{2})(?:[T\s](\d{2}):(\d{2})(?::(\d{2}))?)?/;
/** A machine date with its zone: "2026-02-05T04:12:00Z", "2026-02-05 09:12+05:00". */
const ISO_WITH_ZONE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/;
const ZONED_IN_TEXT = /\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2})?(?:\.\d+)?\s*(?:Z|[+-]\d{2}:?\d{2})(?![\d:])/;

function partsFrom(text: string): Parts | null {
  const iso = ISO_DATE.exec(text);
  if (iso) return build(+iso[1]!, +iso[2]!, +iso[3]!, iso[4], iso[5], iso[6]);
  const word = WORD_DATE.exec(text);
  if (word) {
    const month = monthNumber(word[2]!);
    if (month) return withTimeBefore(text, word.index, build(+word[3]!, month, +word[1]!, word[4], word[5], word[6]), word[4]);
  }
  const yearFirst = YEAR_FIRST_DATE.exec(text);
  if (yearFirst) {
    const month = monthNumber(yearFirst[3]!);
    if (month) return withTimeBefore(text, yearFirst.index, build(+yearFirst[1]!, month, +yearFirst[2]!, yearFirst[4], yearFirst[5], yearFirst[6]), yearFirst[4]);
  }
  const num = NUMERIC_DATE.exec(text);
  if (num) return withTimeBefore(text, num.index, build(+num[3]!, +num[2]!, +num[1]!, num[4], num[5], num[6]), num[4]);
  return null;
}

/** A date with no time after it takes the time written just before it, where there is one. */
function withTimeBefore(text: string, dateAt: number, parts: Parts | null, hourAfter: string | undefined): Parts | null {
  if (!parts || hourAfter !== undefined) return parts;
  const time = TIME_BEFORE.exec(text.slice(Math.max(0, dateAt - 12), dateAt));
  return time ? build(parts.year, parts.month, parts.day, time[1], time[2]) : parts;
}

function build(year: number, month: number, day: number, hour?: string, minute?: string, second?: string): Parts | null {
  const h = hour === undefined ? 0 : +hour;
  const m = minute === undefined ? 0 : +minute;
  const sec = second === undefined ? 0 : +second;
  if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month) || h > 23 || m > 59 || sec > 59) return null;
  if (year < 1900 || year > 2200) return null;
  return { year, month, day, hour: h, minute: m, second: sec };
}

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * The first date (with its time, where given) in text, as ISO 8601 in Kazakhstan local time:
 * `2025-11-01T12:14:00+05:00`. Null where the text holds no valid date.
 */
export function parseLocalDateTime(text: string, offset: string = KAZAKHSTAN_OFFSET): string | null {
  // A machine date with its own zone, moved into local time.
  const zoned = ZONED_IN_TEXT.exec(text);
  if (zoned) return inLocalTime(zoned[0], offset);
  const p = partsFrom(text);
  return p ? written(p, offset) : null;
}

const written = (p: Parts, zone: string) => `${p.year}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}${zone}`;

/** A zone as written ("Z", "+0500", "+05:00") in the form ISO 8601 dates end with. */
const zoneOf = (z: string) => (z === 'Z' ? '+00:00' : z.replace(/^([+-]\d{2})(\d{2})$/, '$1:$2'));

function zoneMinutes(zone: string): number {
  const m = /^([+-])(\d{2}):(\d{2})$/.exec(zone);
  return m ? (m[1] === '-' ? -1 : 1) * (+m[2]! * 60 + +m[3]!) : 0;
}

/**
 * A machine date (from a `datetime` attribute, or written so) in local time: one in another
 * zone is moved into it ("2026-02-05T04:12:00Z" is 09:12 in Kazakhstan), one without a zone is
 * taken as local. Null where it is no date.
 */
export function inLocalTime(value: string, offset: string = KAZAKHSTAN_OFFSET): string | null {
  const m = ISO_WITH_ZONE.exec(value.trim());
  if (!m) return null;
  const parts = build(+m[1]!, +m[2]!, +m[3]!, m[4], m[5], m[6]);
  if (!parts) return null;
  const zone = m[7] ? zoneOf(m[7]) : offset;
  if (zone === offset) return written(parts, offset);
  const at = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second) + (zoneMinutes(offset) - zoneMinutes(zone)) * 60_000;
  const d = new Date(at);
  return written({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: d.getUTCHours(), minute: d.getUTCMinutes(), second: d.getUTCSeconds() }, offset);
}

/** A machine date (from a meta tag or a `datetime` attribute) as ISO 8601 with its offset, or null. */
export function normalizeIsoDate(value: string | null | undefined, offset: string = KAZAKHSTAN_OFFSET): string | null {
  if (!value) return null;
  const m = ISO_WITH_ZONE.exec(value.trim());
  if (!m) return null;
  const parts = build(+m[1]!, +m[2]!, +m[3]!, m[4], m[5], m[6]);
  return parts ? written(parts, m[7] ? zoneOf(m[7]) : offset) : null;
}
