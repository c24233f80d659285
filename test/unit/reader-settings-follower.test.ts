import { describe, expect, it } from 'vitest';
import { ReaderSettingsFollower } from '../../src/shared/reader-settings-follower.ts';
import { DEFAULT_SETTINGS } from '../../src/shared/settings-schema.ts';
import type { Settings } from '../../src/shared/settings-schema.ts';

const withSize = (fontSize: number, base: Settings = DEFAULT_SETTINGS): Settings => ({ ...base, reader: { ...base.reader, fontSize } });

/** A page that steps the size up `times` times, writing each step as storage would, in turn. */
function stepUp(follower: ReaderSettingsFollower, storage: Settings[]): Partial<Settings['reader']> {
  const patch = { fontSize: follower.settings.reader.fontSize + 1 };
  follower.change(patch);
  const stored = withSize(patch.fontSize, storage.at(-1) ?? DEFAULT_SETTINGS);
  storage.push(stored);
  follower.written(patch, stored);
  return patch;
}

describe('the reader settings a page shows while it writes them', () => {
  it("keeps quick steps when the echoes of the page's own writes come back late", () => {
    const follower = new ReaderSettingsFollower(withSize(19));
    const storage: Settings[] = [];
    stepUp(follower, storage); // 20
    stepUp(follower, storage); // 21
    // The echo of the first write arrives after the second step: 21 stays.
    expect(follower.stored(storage[0]!).reader.fontSize).toBe(21);
    stepUp(follower, storage); // 22, not 21 again
    expect(follower.settings.reader.fontSize).toBe(22);
    expect(follower.stored(storage[1]!).reader.fontSize).toBe(22);
    expect(follower.stored(storage[2]!).reader.fontSize).toBe(22);
  });

  it('keeps a step whose write has not ended on top of a change from elsewhere', () => {
    const follower = new ReaderSettingsFollower(withSize(19));
    follower.change({ fontSize: 20 });
    const elsewhere: Settings = { ...withSize(19), reader: { ...withSize(19).reader, theme: 'dark' } };
    const shown = follower.stored(elsewhere);
    expect(shown.reader.theme).toBe('dark');
    expect(shown.reader.fontSize).toBe(20);
  });

  it('takes a change made in another page once its own writes are back', () => {
    const follower = new ReaderSettingsFollower(withSize(19));
    const storage: Settings[] = [];
    stepUp(follower, storage);
    expect(follower.stored(storage[0]!).reader.fontSize).toBe(20);
    // The options page sets the size to 25.
    expect(follower.stored(withSize(25)).reader.fontSize).toBe(25);
    expect(follower.settings.reader.fontSize).toBe(25);
  });

  it('takes the other settings (the interface language) from every echo', () => {
    const follower = new ReaderSettingsFollower(withSize(19));
    const storage: Settings[] = [];
    stepUp(follower, storage);
    stepUp(follower, storage);
    const first = { ...storage[0]!, uiLanguage: 'kk' as const };
    follower.written({}, null);
    const shown = follower.stored(first);
    expect(shown.uiLanguage).toBe('kk');
    expect(shown.reader.fontSize).toBe(21);
  });

  it('keeps a step storage refused for this page, and follows later changes', () => {
    const follower = new ReaderSettingsFollower(withSize(19));
    const patch = { fontSize: 20 };
    follower.change(patch);
    follower.written(patch, null);
    expect(follower.settings.reader.fontSize).toBe(20);
    expect(follower.stored(withSize(23)).reader.fontSize).toBe(23);
  });

  it('takes a change made elsewhere back to an earlier value, when the echoes came before the writes were reported', () => {
    const follower = new ReaderSettingsFollower(withSize(19));
    for (const size of [20, 21]) {
      const patch = { fontSize: size };
      follower.change(patch);
      follower.stored(withSize(size)); // the echo first
      follower.written(patch, withSize(size));
    }
    expect(follower.settings.reader.fontSize).toBe(21);
    // The options page sets 20 again.
    expect(follower.stored(withSize(20)).reader.fontSize).toBe(20);
  });
});
