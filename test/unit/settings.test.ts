import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, LIMITS, migrateSettings, SETTINGS_VERSION, withChange, withReaderDefaults } from '../../src/shared/settings-schema.ts';

describe('settings schema', () => {
  it('gives the defaults for nothing stored, or for garbage', () => {
    for (const stored of [undefined, null, 42, 'dark', [], {}]) expect(migrateSettings(stored)).toEqual(DEFAULT_SETTINGS);
  });

  it('migrates a version 1 object, keeping every choice the reader made', () => {
    const v1 = { version: 1, theme: 'sepia', fontFamily: 'sans-serif', fontSize: 'large', width: 'narrow', lineHeight: 1.8, language: 'kk' };
    expect(migrateSettings(v1)).toEqual({
      version: SETTINGS_VERSION,
      reader: { theme: 'sepia', font: 'sans', fontSize: 22, lineWidth: 55, lineHeight: 1.8, script: 'cyrillic', speechRate: 1, kazakhVoiceFallback: 'russian' },
      uiLanguage: 'kk',
      autoMode: { qazaq24: false, sites: [] },
    });
  });

  it('migrates an unversioned object as version 1', () => {
    expect(migrateSettings({ theme: 'dark', fontSize: 'small' }).reader).toMatchObject({ theme: 'dark', fontSize: 16, font: 'serif' });
  });

  it('keeps a current object as it is', () => {
    const current = {
      version: 2,
      reader: { theme: 'dark', font: 'sans', fontSize: 24, lineWidth: 80, lineHeight: 1.4, script: 'latin', speechRate: 1.5, kazakhVoiceFallback: 'none' },
      uiLanguage: 'ru',
      autoMode: { qazaq24: true, sites: ['*://*.example.kz/*'] },
    };
    expect(migrateSettings(current)).toEqual(current);
  });

  it('repairs fields out of range or of the wrong kind, one by one', () => {
    const damaged = {
      version: 2,
      reader: { theme: 'neon', font: 'comic', fontSize: 400, lineWidth: '70', lineHeight: -3 },
      uiLanguage: 'fr',
      autoMode: 'yes',
    };
    expect(migrateSettings(damaged)).toEqual({
      version: 2,
      reader: { theme: 'system', font: 'serif', fontSize: LIMITS.fontSize.max, lineWidth: 70, lineHeight: LIMITS.lineHeight.min, script: 'cyrillic', speechRate: 1, kazakhVoiceFallback: 'russian' },
      uiLanguage: 'auto',
      autoMode: { qazaq24: false, sites: [] },
    });
  });

  it('applies a change and stays valid', () => {
    const next = withChange(DEFAULT_SETTINGS, { reader: { fontSize: 21.4, theme: 'dark' }, uiLanguage: 'kk' });
    expect(next.reader).toMatchObject({ fontSize: 21, theme: 'dark', font: 'serif' });
    expect(next.uiLanguage).toBe('kk');
    expect(DEFAULT_SETTINGS.reader.fontSize).toBe(19);
  });
});

describe('auto-mode sites in the settings', () => {
  it('keeps valid patterns once each, in their match-pattern form, and drops the rest', () => {
    const s = migrateSettings({ version: 2, autoMode: { qazaq24: 'true', sites: ['example.kz', '*://example.kz/*', 'not a site', 7, '*'] } });
    expect(s.autoMode).toEqual({ qazaq24: false, sites: ['*://example.kz/*'] });
  });
});

describe('withReaderDefaults', () => {
  it('puts the reader and the interface language back, and keeps the auto-mode sites', () => {
    const changed = withChange(DEFAULT_SETTINGS, {
      reader: { theme: 'dark', fontSize: 24, script: 'latin' },
      uiLanguage: 'kk',
      autoMode: { qazaq24: true, sites: ['example.org'] },
    });
    const reset = withReaderDefaults(changed);
    expect(reset.reader).toEqual(DEFAULT_SETTINGS.reader);
    expect(reset.uiLanguage).toBe(DEFAULT_SETTINGS.uiLanguage);
    expect(reset.autoMode).toEqual(changed.autoMode);
    expect(reset.autoMode.sites).toHaveLength(1);
    expect(reset.autoMode.qazaq24).toBe(true);
  });
});
