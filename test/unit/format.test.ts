import { describe, expect, it } from 'vitest';
import { formatLocalTime, formatSiteTime } from '../../src/shared/format.ts';

describe('formatting times', () => {
  it('writes the archived time in Kazakhstan time, whatever the reader\'s zone', () => {
    expect(formatSiteTime('2025-11-01T12:14:00+05:00', 'en')).toMatch(/November 1, 2025.*12:14/);
    expect(formatSiteTime('2026-01-30T17:19:00+05:00', 'ru')).toMatch(/30 января 2026.*17:19/);
  });

  it('writes Kazakh month names even where the engine has none', () => {
    expect(formatSiteTime('2025-11-01T12:14:00+05:00', 'kk')).toMatch(/2025.*1 қараша.*12:14/);
    expect(formatSiteTime('2026-01-30T00:05:00+05:00', 'kk-KZ')).toMatch(/2026.*30 қаңтар.*0?0:05/);
    expect(formatLocalTime(Date.UTC(2026, 6, 4, 9, 30), 'kk')).toMatch(/2026.*шілде/);
  });

  it('gives the text back for a date it cannot read', () => {
    expect(formatSiteTime('not a date', 'en')).toBe('not a date');
  });
});
