/**
 * The library page's modules wait for its first script (first-hand-over.ts): until it has drawn,
 * at most two seconds, and not at all where it did not run. A first script that never ends (a
 * storage read that hangs) must not keep the page from loading.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { firstScreenSettled, leaveFirstScreen } from '../../src/library/first-hand-over.ts';

const KEY = '__oqyLibraryFirst';

beforeEach(() => vi.useFakeTimers());
afterEach(() => {
  vi.useRealTimers();
  delete (globalThis as Record<string, unknown>)[KEY];
});

/** Whether `p` has settled once the microtasks queued so far have run. */
async function settled(p: Promise<unknown>): Promise<boolean> {
  let done = false;
  void p.then(() => (done = true));
  await vi.advanceTimersByTimeAsync(0);
  return done;
}

describe('firstScreenSettled', () => {
  it('settles at once where the first script did not run', async () => {
    expect(await settled(firstScreenSettled())).toBe(true);
  });

  it('waits for the first script to draw, and no longer', async () => {
    let drawn!: () => void;
    leaveFirstScreen(new Promise<void>((resolve) => (drawn = resolve)));
    const waiting = firstScreenSettled();
    expect(await settled(waiting)).toBe(false);
    await vi.advanceTimersByTimeAsync(200);
    expect(await settled(waiting)).toBe(false);
    drawn();
    expect(await settled(waiting)).toBe(true);
  });

  it('settles where the first script failed', async () => {
    leaveFirstScreen(Promise.reject(new Error('storage is gone')));
    expect(await settled(firstScreenSettled())).toBe(true);
  });

  it('gives up on a first script that never ends after two seconds', async () => {
    leaveFirstScreen(new Promise(() => undefined));
    const waiting = firstScreenSettled();
    await vi.advanceTimersByTimeAsync(1_999);
    expect(await settled(waiting)).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(await settled(waiting)).toBe(true);
  });
});
