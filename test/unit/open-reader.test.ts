/**
 * The reader asked for from outside a page (the shortcut, the context menu), as the background
 * does it (src/background/open-reader.ts), on a stand-in `browser`: a Qazaq24 page reads its
 * article itself, unless it says it is too big to read on its own thread, when the reader tab
 * opens to have it copied; a page with no content script is copied into the reader tab; a
 * reader open over a page is closed there.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Tabs } from 'webextension-polyfill';

const fake = vi.hoisted(() => ({
  /** What the content script answers each message type with; a function throws. */
  answers: {} as Record<string, unknown>,
  asked: [] as unknown[],
  session: new Map<string, unknown>(),
  opened: [] as { url: string; openerTabId?: number }[],
  injected: 0,
}));

vi.mock('webextension-polyfill', () => ({
  default: {
    tabs: {
      sendMessage: async (_tabId: number, message: { type: string }) => {
        fake.asked.push(message);
        const answer = fake.answers[message.type];
        if (answer instanceof Error) throw answer;
        return answer;
      },
      create: async (props: { url: string; openerTabId?: number }) => void fake.opened.push(props),
    },
    storage: {
      session: {
        get: async (key: string | null) => (key === null ? Object.fromEntries(fake.session) : fake.session.has(key) ? { [key]: fake.session.get(key) } : {}),
        set: async (items: Record<string, unknown>) => void Object.entries(items).forEach(([k, v]) => fake.session.set(k, v)),
        remove: async (keys: string[]) => void keys.forEach((k) => fake.session.delete(k)),
      },
    },
    runtime: { getURL: (path: string) => `chrome-extension://oqy/${path}` },
    scripting: {
      executeScript: async () => {
        fake.injected++;
        return [{ result: { ok: true, ticket: { id: 'copy-1', url: 'https://example.kz/story' } } }];
      },
    },
    i18n: { getUILanguage: () => 'en-US' },
  },
}));

const { readerFor } = await import('../../src/background/open-reader.ts');

const QAZAQ24 = { id: 7, index: 2, url: 'https://qazaq24.com/kk/news/a-1000001' } as Tabs.Tab;
const OTHER = { id: 9, index: 0, url: 'https://example.kz/story' } as Tabs.Tab;

/** The payloads handed to reader tabs opened, in order. */
function readerTabs(): unknown[] {
  return fake.opened.map((o) => fake.session.get(new URL(o.url).searchParams.get('open')!));
}

beforeEach(() => {
  fake.answers = {};
  fake.asked.length = 0;
  fake.session.clear();
  fake.opened.length = 0;
  fake.injected = 0;
});

describe('readerFor', () => {
  it('on a Qazaq24 page, the page opens its reader: one message, no tab', async () => {
    fake.answers['oqy/reader'] = { ok: true, open: true };
    await readerFor(QAZAQ24, 'toggle');
    expect(fake.asked).toEqual([{ type: 'oqy/reader', action: 'toggle' }]);
    expect(fake.opened).toEqual([]);
  });

  it('a Qazaq24 page too big to read on its own thread: the reader tab opens beside it, to have it copied', async () => {
    fake.answers['oqy/reader'] = { ok: false, reason: 'huge' };
    await readerFor(QAZAQ24, 'open');
    expect(readerTabs()).toEqual([{ kind: 'tab', tabId: 7, long: true }]);
    expect(fake.opened[0]).toMatchObject({ openerTabId: 7 });
    // The copier is put into the page by the reader tab, not here.
    expect(fake.injected).toBe(0);
  });

  it('a reader open over a page (even one that has grown too big since) is closed there: no tab', async () => {
    fake.answers['oqy/reader'] = { ok: true, open: false };
    await readerFor(QAZAQ24, 'toggle');
    await readerFor(QAZAQ24, 'close');
    expect(fake.asked).toEqual([
      { type: 'oqy/reader', action: 'toggle' },
      { type: 'oqy/reader', action: 'close' },
    ]);
    expect(fake.opened).toEqual([]);
  });

  it('a page that cannot open its reader for another reason, or gives no answer, opens no tab', async () => {
    fake.answers['oqy/reader'] = undefined;
    await readerFor(QAZAQ24, 'open');
    fake.answers['oqy/reader'] = { ok: false, reason: 'not-article' };
    await readerFor(QAZAQ24, 'open');
    expect(fake.opened).toEqual([]);
  });

  it('a Qazaq24 tab with no content script yet, and any other site: the page is copied into the reader tab', async () => {
    fake.answers['oqy/reader'] = new Error('Could not establish connection. Receiving end does not exist.');
    await readerFor(QAZAQ24, 'toggle');
    await readerFor(OTHER, 'toggle');
    expect(fake.injected).toBe(2);
    expect(readerTabs()).toEqual([
      { kind: 'tab', tabId: 7, ticket: expect.objectContaining({ id: 'copy-1' }) },
      { kind: 'tab', tabId: 9, ticket: expect.objectContaining({ id: 'copy-1' }) },
    ]);
  });
});
