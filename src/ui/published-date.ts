/**
 * An article's publication date, as the page gave it, written in the interface language: the
 * day alone where the page gave no time, the time as written where it gave no offset (it is
 * the site's local time; no time zone is guessed), in the page's own offset where it gave one.
 */
import { formatDateFields, formatSiteTime, utcFields } from '../shared/format.ts';

export function formatPublished(iso: string, locale: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::\d{2})?([+-]\d{2}:\d{2})?)?$/.exec(iso);
  if (!m) return iso;
  if (m[6]) return formatSiteTime(iso, locale);
  const [month, day, hours, minutes] = [+m[2]! - 1, +m[3]!, m[4] !== undefined ? +m[4] : 0, m[5] !== undefined ? +m[5] : 0];
  const at = new Date(Date.UTC(+m[1]!, month, day, hours, minutes));
  // A day or time that does not exist (02-31, 13th month, 25:00) is not moved to another: the text stays.
  if (at.getUTCFullYear() !== +m[1]! || at.getUTCMonth() !== month || at.getUTCDate() !== day || at.getUTCHours() !== hours || at.getUTCMinutes() !== minutes) return iso;
  try {
    return formatDateFields(utcFields(at, m[4] !== undefined), locale);
  } catch {
    return iso;
  }
}
