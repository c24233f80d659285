/**
 * A date as news sites write it for people, in the languages the generic reader meets most:
 * `3 stycznia 2012 (15:58)`, `Tue Jan. 10 2012 10:52:15 AM`, `15th December 2011`,
 * `05 Ιαν. 2012, 10:51`, `2012-01-03 09:38`, `30.12.2011, 08:16`. The result is ISO 8601 local
 * time with no offset (the page says none), or the day alone where no time is given.
 */

/** Month stems, accents folded, in the order tried: longer and less ambiguous stems first. */
const MONTHS: ReadonlyArray<readonly [RegExp, number]> = [
  [/^(?:jan|stycz|ιαν|янв|қаң|janv|gen|ene)/, 1],
  [/^(?:feb|lut|φεβ|фев|ақп|fev|febr)/, 2],
  [/^(?:mar|ma[rř]z|μαρ|мар|нау|mars|marz)/, 3],
  [/^(?:apr|kwie|απρ|апр|сәу|avr|abr)/, 4],
  [/^(?:may|maj|μαι|мая|май|мам|mai|mag|mayo)/, 5],
  [/^(?:jun|czerw|ιουν|июн|мау|juin|giu)/, 6],
  [/^(?:jul|lip|ιουλ|июл|шіл|juil|lug)/, 7],
  [/^(?:aug|sierp|αυγ|авг|там|aout|ago)/, 8],
  [/^(?:sep|wrze|σεπ|сен|қыр|set)/, 9],
  [/^(?:oct|okt|pazdz|οκτ|окт|қаз|ott)/, 10],
  [/^(?:nov|listop|νοε|ноя|қар)/, 11],
  [/^(?:dec|dez|grud|δεκ|дек|жел|dic)/, 12],
];

function fold(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

export function monthOf(word: string): number | null {
  const w = fold(word);
  if (w.length < 3) return null;
  for (const [re, n] of MONTHS) if (re.test(w)) return n;
  return null;
}

const pad = (n: number) => String(n).padStart(2, '0');

function valid(y: number, m: number, d: number): boolean {
  return y >= 1900 && y <= 2200 && m >= 1 && m <= 12 && d >= 1 && d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** The time written after a date: `15:58`, `10:52:15 AM`, `9.58 pm`. */
function timeIn(rest: string): string {
  const t = /(?:^|\D)(\d{1,2})[:.](\d{2})(?::\d{2})?\s*(am|pm|a\.m\.|p\.m\.)?/i.exec(rest);
  if (!t) return '';
  let h = +t[1]!;
  const min = +t[2]!;
  const half = t[3]?.toLowerCase().replace(/\./g, '');
  if (half === 'pm' && h < 12) h += 12;
  if (half === 'am' && h === 12) h = 0;
  return h <= 23 && min <= 59 ? `T${pad(h)}:${pad(min)}:00` : '';
}

/** A year and a month as Chinese, Japanese and Korean write them: "2012年1月", "2012년 1월". */
export const CJK_YEAR_MONTH = String.raw`\d{4}\s*[年년]\s*\d{1,2}\s*[月월]`;
/** A whole date so written, its day too: "2012年1月5日", "2012년 1월 5일". */
const CJK_DATE = /(\d{4})\s*[年년]\s*(\d{1,2})\s*[月월]\s*(\d{1,2})\s*[日일]/;

/** The first date in text, ISO 8601 local time (no offset); null where there is none. */
export function parseWrittenDate(full: string): string | null {
  // A date line is short; a longer text is searched no further than its start.
  const text = full.slice(0, 200);
  const iso = /(\d{4})-(\d{2})-(\d{2})/.exec(text);
  if (iso && valid(+iso[1]!, +iso[2]!, +iso[3]!)) return `${iso[1]}-${iso[2]}-${iso[3]}${timeIn(text.slice(iso.index + 10))}`;
  // "2012年1月5日 10:23", "2012년 1월 5일"
  const cjk = CJK_DATE.exec(text);
  if (cjk && valid(+cjk[1]!, +cjk[2]!, +cjk[3]!)) return `${cjk[1]}-${pad(+cjk[2]!)}-${pad(+cjk[3]!)}${timeIn(text.slice(cjk.index + cjk[0].length))}`;
  const numeric = /(?:^|\D)(\d{1,2})[./-](\d{1,2})[./-](\d{4})(?!\d)/.exec(text);
  if (numeric) {
    const [d, m, y] = [+numeric[1]!, +numeric[2]!, +numeric[3]!];
    if (valid(y, m, d)) return `${y}-${pad(m)}-${pad(d)}${timeIn(text.slice(numeric.index + numeric[0].length))}`;
  }
  // Day before the month ("3 stycznia 2012", "15th December 2011") or after it ("Jan. 10 2012", "January 12, 2012").
  const dayFirst = /(?:^|[^\p{L}\d])(\d{1,2})(?:st|nd|rd|th|\.)?\s+(\p{L}{3,})\.?,?\s+(\d{4})(?!\d)/u.exec(text);
  const monthFirst = /(?:^|[^\p{L}\d])(\p{L}{3,})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})(?!\d)/u.exec(text);
  for (const [m, dayAt, monthAt] of [
    [dayFirst, 1, 2],
    [monthFirst, 2, 1],
  ] as const) {
    if (!m) continue;
    const month = monthOf(m[monthAt]!);
    const day = +m[dayAt]!;
    const year = +m[3]!;
    if (month && valid(year, month, day)) return `${year}-${pad(month)}-${pad(day)}${timeIn(text.slice(m.index + m[0].length))}`;
  }
  return null;
}
