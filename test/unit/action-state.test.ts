/**
 * The toolbar button follows the tab (src/background/action-state.ts): a loading page shows
 * no reader; once it has loaded, or its address changed without a new page (history.pushState,
 * which Chromium reports as a short load and Firefox as an address change), the page is asked
 * what it is now and the button shows that. The browser's events are fired by hand on a
 * stand-in `browser`.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';

type Listener = (...args: unknown[]) => void;

const fake = vi.hoisted(() => ({
  listeners: [] as Listener[],
  calls: [] as unknown[][],
  /** What the content script in each tab answers, or undefined where there is none. */
  pages: new Map<number, { site: string; isArticle: boolean; lang: string | null }>(),
}));

vi.mock('webextension-polyfill', () => ({
  default: {
    tabs: {
      onUpdated: { addListener: (l: Listener) => void fake.listeners.push(l) },
      sendMessage: (tabId: number, message: { type: string }) => {
        fake.calls.push(['ask', tabId, message.type]);
        const page = fake.pages.get(tabId);
        return page ? Promise.resolve(page) : Promise.reject(new Error('Could not establish connection. Receiving end does not exist.'));
      },
    },
    action: {
      setIcon: (d: { tabId: number; path: Record<number, string> }) => (fake.calls.push(['icon', d.tabId, d.path[16]]), Promise.resolve()),
      setTitle: (d: { tabId: number; title: string }) => (fake.calls.push(['title', d.tabId, d.title]), Promise.resolve()),
      setBadgeText: () => Promise.resolve(),
      setBadgeBackgroundColor: () => Promise.resolve(),
    },
    runtime: { sendMessage: () => Promise.resolve() },
    i18n: { getUILanguage: () => 'en-US' },
  },
}));

const { followTabs } = await import('../../src/background/action-state.ts');
const en = (await import('../../public/_locales/en/messages.json')).default as Record<string, { message: string }>;
followTabs();

async function fire(tabId: number, change: Record<string, unknown>): Promise<void> {
  for (const l of fake.listeners) l(tabId, change, {});
  // Let the asking and the icon updates settle.
  for (let i = 0; i < 10; i++) await Promise.resolve();
}

const icons = (tabId: number) => fake.calls.filter((c) => c[0] === 'icon' && c[1] === tabId).map((c) => (String(c[2]).includes('off') ? 'off' : 'on'));
const asked = (tabId: number) => fake.calls.filter((c) => c[0] === 'ask' && c[1] === tabId).length;

beforeEach(() => {
  fake.calls.length = 0;
  fake.pages.clear();
});

describe('the toolbar button follows the tab', () => {
  it('is off while a page loads, and on once the loaded page says it is an article', async () => {
    fake.pages.set(3, { site: 'qazaq24', isArticle: true, lang: 'kk' });
    await fire(3, { status: 'loading', url: 'https://qazaq24.com/news/a-1' });
    expect(asked(3)).toBe(0);
    await fire(3, { status: 'complete' });
    expect(asked(3)).toBe(1);
    expect(icons(3)).toEqual(['off', 'on']);
  });

  it('asks the page again when only its address changes (Chromium: a short load; Firefox: an address change)', async () => {
    fake.pages.set(4, { site: 'qazaq24', isArticle: true, lang: 'kk' });
    await fire(4, { status: 'loading', url: 'https://qazaq24.com/news/b-2' });
    await fire(4, { status: 'complete' });
    expect(icons(4)).toEqual(['off', 'on']);
    fake.calls.length = 0;
    await fire(4, { url: 'https://qazaq24.com/news/c-3' });
    expect(asked(4)).toBe(1);
    expect(icons(4)).toEqual(['on']);
  });

  it('shows what the page is now after its address changed: a listing turns the button off', async () => {
    fake.pages.set(5, { site: 'qazaq24', isArticle: false, lang: 'kk' });
    await fire(5, { url: 'https://qazaq24.com/news?page=2' });
    expect(icons(5)).toEqual(['off']);
    expect(fake.calls.filter((c) => c[0] === 'title' && c[1] === 5).map((c) => c[2])).toEqual([en.actionTitleNotArticle!.message]);
  });

  it('leaves a tab with no content script off, without failing', async () => {
    await fire(6, { status: 'loading' });
    await fire(6, { status: 'complete' });
    expect(asked(6)).toBe(1);
    expect(icons(6)).toEqual(['off']);
  });

  it('does not ask on a title change alone', async () => {
    fake.pages.set(7, { site: 'qazaq24', isArticle: true, lang: 'ru' });
    await fire(7, { title: 'Новый заголовок' });
    expect(asked(7)).toBe(0);
  });
});
