/** Dates and numbers in the reader's interface language. */

/** The archived time as the site states it (Kazakhstan time), written the reader's way. */
export function formatSiteTime(iso: string, locale: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const offset = /([+-]\d{2}:\d{2})$/.exec(iso)?.[1] ?? '+05:00';
  const options: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'long', year: 'numeric', hour: 'numeric', minute: '2-digit' };
  try {
    return new Intl.DateTimeFormat(locale, { ...options, timeZone: offset }).format(date);
  } catch {
    // Engines without offset time zones: shift by hand and format as UTC.
    const [, sign, hh, mm] = /([+-])(\d{2}):(\d{2})/.exec(offset) ?? [];
    const minutes = (sign === '-' ? -1 : 1) * (Number(hh ?? 0) * 60 + Number(mm ?? 0));
    return new Intl.DateTimeFormat(locale, { ...options, timeZone: 'UTC' }).format(new Date(date.getTime() + minutes * 60_000));
  }
}

export function formatCount(n: number, locale: string): string {
  return new Intl.NumberFormat(locale).format(n);
}
