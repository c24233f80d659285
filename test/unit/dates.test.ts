import { describe, expect, it } from 'vitest';
import { inLocalTime, monthNumber, normalizeIsoDate, parseLocalDateTime } from '../../src/core/meta/dates.ts';

describe('parseLocalDateTime', () => {
  it.each([
    ['01 Қараша 2025 12:14', '2025-11-01T12:14:00+05:00'],
    ['Бұл хабарлама дереккөзден мұрағатталған 30 Қаңтар 2026 10:53', '2026-01-30T10:53:00+05:00'],
    ['30 Январь 2026 17:19', '2026-01-30T17:19:00+05:00'],
    ['30 января 2026 17:19', '2026-01-30T17:19:00+05:00'],
    ['30 января 2026 г., 17:19', '2026-01-30T17:19:00+05:00'],
    ['Эта новость заархивирована из источника 5 мая 2025 в 09:05', '2025-05-05T09:05:00+05:00'],
    ['12 Мамыр 2024 08:00', '2024-05-12T08:00:00+05:00'],
    ['12 Маусым 2024 08:00', '2024-06-12T08:00:00+05:00'],
    ['3 марта 2026 21:30', '2026-03-03T21:30:00+05:00'],
    ['3 Наурыз 2026 21:30', '2026-03-03T21:30:00+05:00'],
    ['9 Қазан 2025 07:45', '2025-10-09T07:45:00+05:00'],
    ['30.01.2026 17:19', '2026-01-30T17:19:00+05:00'],
    ['2026-01-30 17:19', '2026-01-30T17:19:00+05:00'],
    ['30 Қаңтар 2026', '2026-01-30T00:00:00+05:00'],
    ['30 января 2026 года в 17:19', '2026-01-30T17:19:00+05:00'],
    ['30 Қаңтар 2026 жыл, сағат 17:19', '2026-01-30T17:19:00+05:00'],
    ['30 Қаңтар 2026 ж. 17:19', '2026-01-30T17:19:00+05:00'],
    ['30.01.2026 г. в 17:19', '2026-01-30T17:19:00+05:00'],
    ['2026 жылғы 30 қаңтарда 17:19', '2026-01-30T17:19:00+05:00'],
    ['17:19, 30 Қаңтар 2026', '2026-01-30T17:19:00+05:00'],
    ['17:19 30.01.2026', '2026-01-30T17:19:00+05:00'],
    // Seconds, and machine dates with a zone of their own, moved into local time.
    ['05 Ақпан 2026 09:12:45', '2026-02-05T09:12:45+05:00'],
    ['2026-02-05 09:12:45', '2026-02-05T09:12:45+05:00'],
    ['2026-02-05T04:12:00Z', '2026-02-05T09:12:00+05:00'],
    ['Эта новость заархивирована 2026-02-05T22:30:00+00:00', '2026-02-06T03:30:00+05:00'],
    ['2026-02-05T09:12:00+0500', '2026-02-05T09:12:00+05:00'],
    ['2026-01-01T02:00:00+06:00', '2026-01-01T01:00:00+05:00'],
  ])('%s', (text, iso) => {
    expect(parseLocalDateTime(text)).toBe(iso);
  });

  it('reads a month typed with a Latin look-alike letter', () => {
    expect(parseLocalDateTime('01 Қaрашa 2025 12:14')).toBe('2025-11-01T12:14:00+05:00');
  });

  it('refuses impossible dates and text without one', () => {
    expect(parseLocalDateTime('31 Ақпан 2025 12:00')).toBeNull();
    expect(parseLocalDateTime('30 января 2026 25:10')).toBeNull();
    expect(parseLocalDateTime('Көрілімдер:104')).toBeNull();
    expect(parseLocalDateTime('')).toBeNull();
  });

  it('knows every month in Kazakh and in both Russian forms', () => {
    const kk = ['қаңтар', 'ақпан', 'наурыз', 'сәуір', 'мамыр', 'маусым', 'шілде', 'тамыз', 'қыркүйек', 'қазан', 'қараша', 'желтоқсан'];
    const ruNom = ['январь', 'февраль', 'март', 'апрель', 'май', 'июнь', 'июль', 'август', 'сентябрь', 'октябрь', 'ноябрь', 'декабрь'];
    const ruGen = ['января', 'февраля', 'марта', 'апреля', 'мая', 'июня', 'июля', 'августа', 'сентября', 'октября', 'ноября', 'декабря'];
    for (const months of [kk, ruNom, ruGen]) expect(months.map((m) => monthNumber(m))).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(kk.map((m) => monthNumber(m.toUpperCase()))).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
  });
});

describe('normalizeIsoDate', () => {
  it('keeps a stated offset and supplies Kazakhstan time where none is given', () => {
    expect(normalizeIsoDate('2026-01-30T17:19:00Z')).toBe('2026-01-30T17:19:00+00:00');
    expect(normalizeIsoDate('2026-01-30T17:19:05+0600')).toBe('2026-01-30T17:19:05+06:00');
    expect(normalizeIsoDate('2026-01-30T17:19')).toBe('2026-01-30T17:19:00+05:00');
    expect(normalizeIsoDate('yesterday')).toBeNull();
  });
});

describe('inLocalTime', () => {
  it('moves a machine date into local time, takes one without a zone as local, and refuses what is no date', () => {
    expect(inLocalTime('2025-12-31T20:00:00Z')).toBe('2026-01-01T01:00:00+05:00');
    expect(inLocalTime('2026-03-01T00:30:00+05:00')).toBe('2026-03-01T00:30:00+05:00');
    expect(inLocalTime('2026-02-05T09:12')).toBe('2026-02-05T09:12:00+05:00');
    expect(inLocalTime('2026-02-30T09:12:00Z')).toBeNull();
    expect(inLocalTime('yesterday')).toBeNull();
  });
});
