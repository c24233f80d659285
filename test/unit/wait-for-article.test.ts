/**
 * The content script's bounded wait for an article a page builds by script
 * (src/content/wait-for-article.ts), on jsdom with fake timers: it finds the article when the
 * page changes, and stops watching at its time limit or a margin after the page's load,
 * whichever comes first; nothing is left watching.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { JSDOM } from 'jsdom';
import { waitForArticle, type WaitOptions } from '../../src/content/wait-for-article.ts';

const OPTIONS: WaitOptions = { limitMs: 10_000, afterLoadMs: 3_000, settleMs: 100 };

let dom: JSDOM;
beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
  dom?.window.close();
});

/** A page still loading (or loaded), and a check that counts its runs: "an article" once an <h1> is there. */
function setup(loaded: boolean) {
  dom = new JSDOM('<!doctype html><body><main></main></body>', { url: 'https://qazaq24.com/news/x-1000001' });
  const doc = dom.window.document;
  if (!loaded) Object.defineProperty(doc, 'readyState', { configurable: true, get: () => 'interactive' });
  let checks = 0;
  const check = () => {
    checks++;
    return !!doc.querySelector('h1');
  };
  const found = vi.fn();
  return { doc, check, found, checks: () => checks, load: () => dom.window.dispatchEvent(new dom.window.Event('load')) };
}

/** Lets MutationObserver callbacks (microtasks) run, then moves the clock. */
async function advance(ms: number): Promise<void> {
  await Promise.resolve();
  await vi.advanceTimersByTimeAsync(ms);
}

describe('waiting for an article', () => {
  it('finds one that is already there at once', () => {
    const { doc, check, found } = setup(true);
    doc.querySelector('main')!.innerHTML = '<h1>Тақырып</h1>';
    waitForArticle(doc, check, found, OPTIONS);
    expect(found).toHaveBeenCalledTimes(1);
  });

  it('finds one that arrives later, once, a moment after the change', async () => {
    const { doc, check, found } = setup(false);
    waitForArticle(doc, check, found, OPTIONS);
    await advance(2_000);
    expect(found).not.toHaveBeenCalled();
    doc.querySelector('main')!.innerHTML = '<h1>Тақырып</h1><p>Мәтін</p>';
    await advance(OPTIONS.settleMs - 1);
    expect(found).not.toHaveBeenCalled();
    await advance(1);
    expect(found).toHaveBeenCalledTimes(1);
    doc.querySelector('main')!.append(doc.createElement('p'));
    await advance(5_000);
    expect(found).toHaveBeenCalledTimes(1);
  });

  it('checks once for a burst of changes', async () => {
    const { doc, check, found, checks } = setup(false);
    waitForArticle(doc, check, found, OPTIONS);
    const before = checks();
    for (let i = 0; i < 50; i++) doc.querySelector('main')!.append(doc.createElement('div'));
    await advance(OPTIONS.settleMs);
    expect(checks() - before).toBe(1);
  });

  it('waits longer between checks that cost more, so watching a big page stays cheap', async () => {
    const { doc, found } = setup(false);
    let runs = 0;
    // Each check takes 50 ms of the clock, as on a big page.
    const slowCheck = () => {
      runs++;
      vi.setSystemTime(Date.now() + 50);
      return false;
    };
    waitForArticle(doc, slowCheck, found, OPTIONS);
    expect(runs).toBe(1);
    doc.querySelector('main')!.append(doc.createElement('p'));
    await advance(OPTIONS.settleMs);
    expect(runs).toBe(2);
    doc.querySelector('main')!.append(doc.createElement('p'));
    await advance(OPTIONS.settleMs);
    expect(runs, 'not again after the short wait').toBe(2);
    await advance(500 - OPTIONS.settleMs);
    expect(runs, 'again after ten times the check’s cost').toBe(3);
  });

  it('stops at its time limit while the page is still loading', async () => {
    const { doc, check, found, checks } = setup(false);
    waitForArticle(doc, check, found, OPTIONS);
    await advance(OPTIONS.limitMs);
    const after = checks();
    doc.querySelector('main')!.innerHTML = '<h1>Кеш келген тақырып</h1>';
    await advance(60_000);
    expect(checks()).toBe(after);
    expect(found).not.toHaveBeenCalled();
  });

  it('stops a margin after the page has loaded, before the limit', async () => {
    const { doc, check, found, checks, load } = setup(false);
    waitForArticle(doc, check, found, OPTIONS);
    await advance(1_000);
    load();
    await advance(OPTIONS.afterLoadMs);
    const after = checks();
    doc.querySelector('main')!.innerHTML = '<h1>Кеш келген тақырып</h1>';
    await advance(OPTIONS.limitMs);
    expect(checks()).toBe(after);
    expect(found).not.toHaveBeenCalled();
  });

  it('takes a change that came just before the end into account', async () => {
    const { doc, check, found } = setup(true);
    waitForArticle(doc, check, found, OPTIONS);
    await advance(OPTIONS.afterLoadMs - OPTIONS.settleMs / 2);
    doc.querySelector('main')!.innerHTML = '<h1>Тақырып</h1>';
    await advance(OPTIONS.settleMs);
    expect(found).toHaveBeenCalledTimes(1);
  });

  it('stops when told to, and leaves no timer behind', async () => {
    const { doc, check, found } = setup(false);
    const stop = waitForArticle(doc, check, found, OPTIONS);
    stop();
    doc.querySelector('main')!.innerHTML = '<h1>Тақырып</h1>';
    await advance(OPTIONS.limitMs);
    expect(found).not.toHaveBeenCalled();
    expect(vi.getTimerCount()).toBe(0);
  });
});
