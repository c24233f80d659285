/**
 * The settings' storage module (src/shared/settings.ts) over a stand-in storage whose reads and
 * writes take their time, as the browser's do: quick changes one after another, each of a
 * different field, all arrive; none is lost to another's stale read.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';

const stored = vi.hoisted(() => ({ value: undefined as unknown, writes: 0, refuseNext: false }));

/** A storage area that answers after a few milliseconds, reads and writes alike. */
vi.mock('webextension-polyfill', () => {
  const later = <T>(value: () => T) =>
    new Promise<T>((done, fail) =>
      setTimeout(() => {
        try {
          done(value());
        } catch (e) {
          fail(e);
        }
      }, 1 + Math.floor(Math.random() * 4)),
    );
  const area = {
    get: (key: string) => later(() => ({ [key]: structuredClone(stored.value) })),
    set: (items: Record<string, unknown>) =>
      later(() => {
        if (stored.refuseNext) {
          stored.refuseNext = false;
          throw new Error('QUOTA_BYTES_PER_ITEM quota exceeded');
        }
        stored.value = structuredClone(items.settings);
        stored.writes += 1;
      }),
  };
  return { default: { storage: { sync: area, local: area, onChanged: { addListener() {}, removeListener() {} } } } };
});

const { changeSettings, loadSettings, saveSettings } = await import('../../src/shared/settings.ts');
const { DEFAULT_SETTINGS } = await import('../../src/shared/settings-schema.ts');

beforeEach(() => {
  stored.value = undefined;
  stored.writes = 0;
  stored.refuseNext = false;
});

describe('settings writes', () => {
  it('keeps every one of several quick changes to different fields', async () => {
    const changes = [
      changeSettings({ reader: { theme: 'dark' } }),
      changeSettings({ reader: { fontSize: 21 } }),
      changeSettings({ reader: { font: 'sans' } }),
      changeSettings({ reader: { lineWidth: 55 } }),
      changeSettings({ uiLanguage: 'kk' }),
      changeSettings({ autoMode: { qazaq24: true } }),
    ];
    await Promise.all(changes);
    expect(await loadSettings()).toEqual({
      ...DEFAULT_SETTINGS,
      reader: { ...DEFAULT_SETTINGS.reader, theme: 'dark', fontSize: 21, font: 'sans', lineWidth: 55 },
      uiLanguage: 'kk',
      autoMode: { ...DEFAULT_SETTINGS.autoMode, qazaq24: true },
    });
    expect(stored.writes).toBe(6);
  });

  it('answers each change with the settings as they were after it, in order', async () => {
    const [first, second] = await Promise.all([changeSettings({ reader: { fontSize: 20 } }), changeSettings({ reader: { fontSize: 21 } })]);
    expect(first.reader.fontSize).toBe(20);
    expect(second.reader.fontSize).toBe(21);
    expect((await loadSettings()).reader.fontSize).toBe(21);
  });

  it('runs a whole-settings save in the same queue: a change asked for after it is not lost under it', async () => {
    const base = { ...DEFAULT_SETTINGS, reader: { ...DEFAULT_SETTINGS.reader, theme: 'sepia' as const } };
    await Promise.all([saveSettings(base), changeSettings({ reader: { fontSize: 24 } })]);
    expect((await loadSettings()).reader).toMatchObject({ theme: 'sepia', fontSize: 24 });
  });

  it('reports a write the storage refused, and goes on with the next', async () => {
    stored.refuseNext = true;
    const refused = changeSettings({ reader: { fontSize: 25 } });
    const next = changeSettings({ reader: { theme: 'dark' } });
    await expect(refused).rejects.toThrow(/quota/);
    await next;
    expect((await loadSettings()).reader).toMatchObject({ theme: 'dark', fontSize: DEFAULT_SETTINGS.reader.fontSize });
  });
});
