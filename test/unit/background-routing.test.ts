/**
 * The keyboard shortcuts and the context menu, wired to what they do. A browser cannot be made
 * to press an extension's shortcut or click its menu item from a test (the end-to-end tests
 * check that the browser assigns the shortcuts, and what the reader and saving do); here the
 * browser's events are fired by hand on a stand-in `browser`, and what the background asks for
 * is recorded.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Tabs } from 'webextension-polyfill';

type Listener = (...args: unknown[]) => void;

/** A browser event: keeps its listeners, fires them on demand. */
function event() {
  const listeners: Listener[] = [];
  return {
    listeners,
    addListener: (l: Listener) => void listeners.push(l),
    fire: (...args: unknown[]) => listeners.forEach((l) => l(...args)),
  };
}

const fake = vi.hoisted(() => ({
  created: [] as { id: string; title: string; contexts: string[] }[],
  updated: [] as { id: string; title: string }[],
  activeTab: { id: 7, url: 'https://qazaq24.com/news/a-1000001' } as { id: number; url: string } | undefined,
  uiLanguage: 'en-US',
  calls: [] as unknown[][],
}));

const events = vi.hoisted(() => ({ onCommand: null as ReturnType<typeof event> | null, onClicked: null as ReturnType<typeof event> | null }));

vi.mock('webextension-polyfill', () => {
  events.onCommand = event();
  events.onClicked = event();
  return {
    default: {
      commands: { onCommand: events.onCommand },
      contextMenus: {
        onClicked: events.onClicked,
        removeAll: () => Promise.resolve(),
        create: (item: { id: string; title: string; contexts: string[] }) => void fake.created.push(item),
        update: (id: string, change: { title: string }) => (fake.updated.push({ id, title: change.title }), Promise.resolve()),
      },
      tabs: { query: () => Promise.resolve(fake.activeTab ? [fake.activeTab] : []) },
      i18n: { getUILanguage: () => fake.uiLanguage },
    },
  };
});

vi.mock('../../src/background/open-reader.ts', () => ({
  readerFor: (tab: Tabs.Tab | undefined, action: string) => (fake.calls.push(['reader', tab?.id, action]), Promise.resolve()),
  saveFor: (tab: Tabs.Tab | undefined) => (fake.calls.push(['save', tab?.id]), Promise.resolve()),
}));

const { listenToCommands } = await import('../../src/background/commands.ts');
const { createMenus, listenToMenus, retitleMenus } = await import('../../src/background/menus.ts');
const { setUiLanguage } = await import('../../src/shared/i18n.ts');
const en = (await import('../../public/_locales/en/messages.json')).default as Record<string, { message: string }>;
const kk = (await import('../../public/_locales/kk/messages.json')).default as Record<string, { message: string }>;

listenToCommands();
listenToMenus();

const settle = () => new Promise((r) => setTimeout(r, 0));

beforeEach(() => {
  fake.calls.length = 0;
  fake.created.length = 0;
  fake.updated.length = 0;
  fake.activeTab = { id: 7, url: 'https://qazaq24.com/news/a-1000001' };
  setUiLanguage('auto');
});

describe('keyboard shortcuts', () => {
  it('toggles the reader on the tab the shortcut came from', async () => {
    events.onCommand!.fire('toggle-reader', { id: 3 });
    await settle();
    expect(fake.calls).toEqual([['reader', 3, 'toggle']]);
  });

  it('acts on the active tab where the browser names none', async () => {
    events.onCommand!.fire('toggle-reader', undefined);
    events.onCommand!.fire('save-article', undefined);
    await settle();
    expect(fake.calls).toEqual([
      ['reader', 7, 'toggle'],
      ['save', 7],
    ]);
  });

  it('saves the article on the tab', async () => {
    events.onCommand!.fire('save-article', { id: 4 });
    await settle();
    expect(fake.calls).toEqual([['save', 4]]);
  });

  it('ignores a command it does not know, and passes no tab on when there is none', async () => {
    events.onCommand!.fire('_execute_action', { id: 4 });
    fake.activeTab = undefined;
    events.onCommand!.fire('toggle-reader', undefined);
    await settle();
    expect(fake.calls).toEqual([['reader', undefined, 'toggle']]);
  });

  it('are the commands the manifest declares', async () => {
    const manifest = (await import('../../manifest.json')).default as { commands: Record<string, unknown> };
    expect(Object.keys(manifest.commands).sort()).toEqual(['save-article', 'toggle-reader']);
  });
});

describe('context menu', () => {
  it('offers the reader and saving on a page, titled in the interface language', async () => {
    createMenus();
    await settle();
    expect(fake.created.map(({ title, contexts }) => ({ title, contexts }))).toEqual([
      { title: en.menuOpenReader!.message, contexts: ['page'] },
      { title: en.menuSave!.message, contexts: ['page'] },
    ]);
    setUiLanguage('kk');
    retitleMenus();
    expect(fake.updated.map((u) => u.title)).toEqual([kk.menuOpenReader!.message, kk.menuSave!.message]);
  });

  it('opens the reader or saves, on the tab it was clicked in', async () => {
    createMenus();
    await settle();
    const [read, save] = fake.created;
    events.onClicked!.fire({ menuItemId: read!.id }, { id: 5 });
    events.onClicked!.fire({ menuItemId: save!.id }, { id: 6 });
    events.onClicked!.fire({ menuItemId: 'another-extension-item' }, { id: 6 });
    await settle();
    expect(fake.calls).toEqual([
      ['reader', 5, 'open'],
      ['save', 6],
    ]);
  });
});
