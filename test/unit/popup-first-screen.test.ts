/**
 * The popup's first screen and the answer it is drawn from: which state a tab gets, and the
 * article drawn as text only, whatever its title and text hold.
 */
import { describe, expect, it } from 'vitest';
import { JSDOM } from 'jsdom';
import type { Tabs } from 'webextension-polyfill';
import { drawFirstScreen, firstBlocks } from '../../src/popup/first-screen-view.ts';
import { askForArticle, type AskTab } from '../../src/popup/load-article.ts';
import type { Extraction } from '../../src/core/types.ts';

const ARTICLE_URL = 'https://qazaq24.com/kk/news/1';

function article(over: Partial<Extraction> = {}): Extraction {
  return {
    isArticle: true,
    site: 'qazaq24',
    url: ARTICLE_URL,
    lang: 'kk',
    title: 'Тақырып',
    source: null,
    views: null,
    archivedAt: null,
    publishedAt: null,
    excerpt: null,
    images: [],
    contentHtml: '<p>Бір</p>',
    textContent: 'Бір',
    wordCount: 1,
    readingMinutes: 1,
    ...over,
  };
}

const tab = (url: string | undefined, id: number | null = 7) => ({ id: id ?? undefined, url, index: 0, highlighted: true, active: true, pinned: false, incognito: false }) as Tabs.Tab;

/** A content script that answers from `replies`, and what it was asked. */
function contentScript(replies: Record<string, unknown | Error>): { ask: AskTab; asked: string[] } {
  const asked: string[] = [];
  const ask = ((tabId: number, request: { type: string }) => {
    asked.push(`${tabId}:${request.type}`);
    const reply = replies[request.type];
    return reply instanceof Error ? Promise.reject(reply) : Promise.resolve(reply);
  }) as AskTab;
  return { ask, asked };
}

describe('askForArticle', () => {
  it('asks the tab once for its article', async () => {
    const a = article();
    const script = contentScript({ 'oqy/extract-or-copy': { ok: true, article: a, elapsedMs: 3 } });
    expect(await askForArticle(tab(ARTICLE_URL), script.ask)).toEqual({ kind: 'article', article: a, tabId: 7 });
    expect(script.asked).toEqual(['7:oqy/extract-or-copy']);
  });

  it('asks nothing of a tab it cannot read or of another site', async () => {
    const script = contentScript({});
    expect(await askForArticle(null, script.ask)).toEqual({ kind: 'no-access' });
    expect(await askForArticle(tab(ARTICLE_URL, null), script.ask)).toEqual({ kind: 'no-access' });
    expect(await askForArticle(tab('chrome://extensions/'), script.ask)).toEqual({ kind: 'no-access' });
    expect(await askForArticle(tab('https://chromewebstore.google.com/detail/x'), script.ask)).toEqual({ kind: 'no-access' });
    expect(await askForArticle(tab('not a url'), script.ask)).toEqual({ kind: 'no-access' });
    const other = tab('https://example.com/story');
    expect(await askForArticle(other, script.ask)).toEqual({ kind: 'other-site', tab: other });
    expect(script.asked).toEqual([]);
  });

  it('tells a page without its content script, a page that is no article, and a failed reading apart', async () => {
    const ask = (reply: unknown) => contentScript({ 'oqy/extract-or-copy': reply }).ask;
    // Both browsers' words where no content script listens.
    expect(await askForArticle(tab(ARTICLE_URL), ask(new Error('Could not establish connection. Receiving end does not exist.')))).toEqual({ kind: 'not-ready', tabId: 7 });
    expect(await askForArticle(tab(ARTICLE_URL), ask(new Error('The page keeping the extension port is moved into back/forward cache, so the message channel is closed.')))).toEqual({
      kind: 'failed',
      tabId: 7,
      error: 'The page keeping the extension port is moved into back/forward cache, so the message channel is closed.',
    });
    expect(await askForArticle(tab(ARTICLE_URL), ask({ ok: true, notArticle: { site: 'qazaq24', isArticle: false, lang: 'kk' } }))).toEqual({ kind: 'not-article', tabId: 7 });
    expect(await askForArticle(tab(ARTICLE_URL), ask({ ok: false, error: 'no body' }))).toEqual({ kind: 'failed', tabId: 7, error: 'no body' });
    expect(await askForArticle(tab(ARTICLE_URL), ask(new Error('message too big')))).toEqual({ kind: 'failed', tabId: 7, error: 'message too big' });
    expect(await askForArticle(tab(ARTICLE_URL), ask(undefined))).toMatchObject({ kind: 'failed', tabId: 7 });
    expect(await askForArticle(tab(ARTICLE_URL), ask({ ok: true, article: article({ isArticle: false }), elapsedMs: 1 }))).toEqual({ kind: 'not-article', tabId: 7 });
  });

  it('has a page too big for its own thread copied, where the page says so', async () => {
    const script = contentScript({ 'oqy/extract-or-copy': { ok: true, huge: true } });
    expect(await askForArticle(tab(ARTICLE_URL), script.ask)).toEqual({ kind: 'copying', tabId: 7 });
  });
});

describe('the first screen', () => {
  it('takes the first blocks of the text, up to about a screenful, without empty lines', () => {
    expect(firstBlocks('Бір\n\n  \nЕкі  \nҮш')).toEqual(['Бір', 'Екі', 'Үш']);
    const many = Array.from({ length: 40 }, (_, i) => `Абзац ${i}`).join('\n');
    expect(firstBlocks(many)).toEqual(Array.from({ length: 12 }, (_, i) => `Абзац ${i}`));
    const long = Array.from({ length: 5 }, (_, i) => `${i}`.repeat(1500)).join('\n');
    expect(firstBlocks(long).map((b) => b[0])).toEqual(['0', '1', '2']);
    expect(firstBlocks('')).toEqual([]);
  });

  it('draws the title and paragraphs as text only, whatever they hold', () => {
    const { window } = new JSDOM('<!doctype html><body><div id="first"><p>old</p></div></body>', { url: 'chrome-extension://id/src/popup/index.html' });
    const root = window.document.getElementById('first')!;
    const title = '<img src=x onerror="window.ran=1">Тақырып';
    const text = '<script>window.ran = 2</script>\nБірінші абзац <b onclick="x()">қалың</b>\n<iframe src="https://evil.example/"></iframe>';
    drawFirstScreen(root, { title, lang: 'kk', textContent: text });
    expect(root.querySelector('h1')?.textContent).toBe(title);
    expect(Array.from(root.querySelectorAll('.body p'), (p) => p.textContent)).toEqual(text.split('\n'));
    expect(root.querySelectorAll('img, script, iframe, b, [onclick], [onerror]').length).toBe(0);
    expect(root.querySelector('article')?.lang).toBe('kk');
    expect(root.querySelector('.first-screen')?.getAttribute('aria-busy')).toBe('true');
    expect(root.textContent).not.toContain('old');
  });
});
