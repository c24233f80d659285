/**
 * An article's publication date, as the page gave it, written in the interface language: the
 * day alone where the page gave no time, the time as written where it gave no offset (it is
 * the site's local time; no time zone is guessed), in the page's own offset where it gave one.
 */
import { formatSiteTime } from '../shared/format.ts';

const KAZAKH_MONTHS = ['қаңтар', 'ақпан', 'наурыз', 'сәуір', 'мамыр', 'маусым', 'шілде', 'тамыз', 'қыркүйек', 'қазан', 'қараша', 'желтоқсан'];
const pad = (n: number) => String(n).padStart(2, '0');

export function formatPublished(iso: string, locale: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::\d{2})?([+-]\d{2}:\d{2})?)?$/.exec(iso);
  if (!m) return iso;
  if (m[6]) return formatSiteTime(iso, locale);
  const [y, mo, d] = [+m[1]!, +m[2]!, +m[3]!];
  const hasTime = m[4] !== undefined;
  const at = Date.UTC(y, mo - 1, d, hasTime ? +m[4]! : 0, hasTime ? +m[5]! : 0);
  const kazakh = locale.toLowerCase().startsWith('kk');
  const intlKnowsKazakh = kazakh && /қаңтар/i.test(new Intl.DateTimeFormat('kk', { month: 'long', timeZone: 'UTC' }).format(Date.UTC(2026, 0, 15)));
  if (kazakh && !intlKnowsKazakh) return `${y} ж. ${d} ${KAZAKH_MONTHS[mo - 1]}${hasTime ? `, ${pad(+m[4]!)}:${m[5]}` : ''}`;
  const options: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' };
  if (hasTime) Object.assign(options, { hour: 'numeric', minute: '2-digit' });
  try {
    return new Intl.DateTimeFormat(locale, options).format(at);
  } catch {
    return iso;
  }
}
