import { afterEach, describe, expect, it, vi } from 'vitest';
import { formatCount, formatLocalTime, formatSiteTime } from '../../src/shared/format.ts';
import { formatPublished } from '../../src/ui/published-date.ts';
import { formatBytes } from '../../src/library/format.ts';

// The library's formatter sits beside its catalog lookups, which read the browser's language.
vi.mock('webextension-polyfill', () => ({ default: {} }));

const NBSP = '\u00a0';

describe('formatting times', () => {
  it('writes the archived time in Kazakhstan time, whatever the reader\'s zone', () => {
    expect(formatSiteTime('2025-11-01T12:14:00+05:00', 'en')).toBe('November 1, 2025 at 12:14 PM');
    expect(formatSiteTime('2026-01-30T17:19:00+05:00', 'ru')).toBe('30 января 2026 г. в 17:19');
    expect(formatSiteTime('2026-01-30T17:19:00+05:00', 'kk')).toBe('2026 ж. 30 қаңтар, 17:19');
    // A time given in UTC is the site's time five hours later, across midnight and the year's end.
    expect(formatSiteTime('2025-12-31T20:30:00Z', 'ru')).toBe('1 января 2026 г. в 01:30');
    // The offset the page gives is kept.
    expect(formatSiteTime('2026-03-08T09:05:00+06:00', 'en')).toBe('March 8, 2026 at 9:05 AM');
  });

  it('writes midnight and noon the way each language does', () => {
    expect(formatSiteTime('2026-01-30T00:05:00+05:00', 'en')).toBe('January 30, 2026 at 12:05 AM');
    expect(formatSiteTime('2026-01-30T12:00:00+05:00', 'en')).toBe('January 30, 2026 at 12:00 PM');
    expect(formatSiteTime('2026-01-30T00:05:00+05:00', 'kk-KZ')).toBe('2026 ж. 30 қаңтар, 00:05');
    expect(formatSiteTime('2026-01-30T00:05:00+05:00', 'ru-RU')).toBe('30 января 2026 г. в 00:05');
  });

  it('writes every month\'s name in Kazakh and Russian', () => {
    const kk = Array.from({ length: 12 }, (_, m) => formatSiteTime(`2026-${String(m + 1).padStart(2, '0')}-10T10:00:00+05:00`, 'kk'));
    expect(kk.map((s) => s.split(' ')[3]!.replace(',', ''))).toEqual(['қаңтар', 'ақпан', 'наурыз', 'сәуір', 'мамыр', 'маусым', 'шілде', 'тамыз', 'қыркүйек', 'қазан', 'қараша', 'желтоқсан']);
    const ru = Array.from({ length: 12 }, (_, m) => formatSiteTime(`2026-${String(m + 1).padStart(2, '0')}-10T10:00:00+05:00`, 'ru'));
    expect(ru.map((s) => s.split(' ')[1])).toEqual(['января', 'февраля', 'марта', 'апреля', 'мая', 'июня', 'июля', 'августа', 'сентября', 'октября', 'ноября', 'декабря']);
  });

  it('writes a save time in the reader\'s own zone', () => {
    const at = new Date(2026, 6, 4, 9, 30).getTime();
    expect(formatLocalTime(at, 'kk')).toBe('2026 ж. 4 шілде, 09:30');
    expect(formatLocalTime(at, 'ru')).toBe('4 июля 2026 г. в 09:30');
    expect(formatLocalTime(at, 'en')).toBe('July 4, 2026 at 9:30 AM');
    expect(formatLocalTime(Number.NaN, 'en')).toBe('');
  });

  it('writes a published date with its time, or the day alone', () => {
    expect(formatPublished('2026-02-03', 'ru')).toBe('3 февраля 2026 г.');
    expect(formatPublished('2026-02-03', 'kk')).toBe('2026 ж. 3 ақпан');
    expect(formatPublished('2026-02-03T18:45', 'en')).toBe('February 3, 2026 at 6:45 PM');
    // An offset is the page's own: its time as written there.
    expect(formatPublished('2026-02-03T18:45:00-04:00', 'en')).toBe('February 3, 2026 at 6:45 PM');
    expect(formatPublished('yesterday', 'en')).toBe('yesterday');
  });

  it('gives the text back for a date it cannot read', () => {
    expect(formatSiteTime('not a date', 'en')).toBe('not a date');
    expect(formatPublished('2026-13-45', 'ru')).toBe('2026-13-45');
    expect(formatPublished('2026-02-30', 'en')).toBe('2026-02-30');
    expect(formatPublished('0050-02-03', 'en')).toBe('0050-02-03');
    expect(formatPublished('2026-02-03T24:10', 'kk')).toBe('2026-02-03T24:10');
  });

  it('goes to the engine\'s Intl for a language of its own', () => {
    expect(formatSiteTime('2026-01-30T17:19:00+05:00', 'de')).toMatch(/30\. Januar 2026.*17:19/);
    expect(formatCount(12345, 'de')).toBe('12.345');
  });
});

describe('formatting numbers', () => {
  it('groups thousands in each language', () => {
    expect([0, 7, 999, 1234, 12345, 1234567].map((n) => formatCount(n, 'en'))).toEqual(['0', '7', '999', '1,234', '12,345', '1,234,567']);
    expect(formatCount(1234567, 'ru')).toBe(`1${NBSP}234${NBSP}567`);
    expect(formatCount(12345, 'kk')).toBe(`12${NBSP}345`);
    expect(formatCount(-5, 'en')).toBe('-5');
    expect(formatCount(2.5, 'ru')).toBe('2,5');
  });

  it('writes sizes in SI units', () => {
    expect(formatBytes(600, 'en')).toBe(`0.6${NBSP}kB`);
    expect(formatBytes(12_000, 'en')).toBe(`12${NBSP}kB`);
    expect(formatBytes(4_200_000, 'ru')).toBe(`4,2${NBSP}МБ`);
    expect(formatBytes(1_000_000_000, 'kk')).toBe(`1${NBSP}ГБ`);
    expect(formatBytes(-1, 'en')).toBe(`0${NBSP}kB`);
  });
});

describe('no Intl for the interface\'s languages', () => {
  afterEach(() => vi.restoreAllMocks());

  it('writes dates, counts and sizes in Kazakh, Russian and English without loading Intl\'s data', () => {
    // The first Intl use in a page costs the page's thread 30–80 ms (Chromium): the reader's
    // first frame must not pay it.
    const dates = vi.spyOn(Intl, 'DateTimeFormat');
    const numbers = vi.spyOn(Intl, 'NumberFormat');
    for (const locale of ['kk', 'ru', 'en', 'kk-KZ', 'en-US']) {
      formatSiteTime('2026-01-30T17:19:00+05:00', locale);
      formatPublished('2026-01-30', locale);
      formatPublished('2026-01-30T10:00', locale);
      formatLocalTime(Date.UTC(2026, 0, 30), locale);
      formatCount(123456, locale);
      formatBytes(123456789, locale);
    }
    expect(dates).not.toHaveBeenCalled();
    expect(numbers).not.toHaveBeenCalled();
  });
});
