/** The reader as an extension page: a copy of another site's page, read and shown in the reader. */
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import type { Extraction } from '../core/types.ts';
import { extractFromHtml } from '../core/extract-html.ts';
import { ReaderView } from './ReaderView.tsx';
import { READER_CSS } from './reader-styles.ts';
import { fontFaceCss } from './fonts.ts';
import { askCopy, readPayload, startCopyByScript } from '../shared/reader-tab.ts';
import { takeCopy } from '../content/page-copy-parts.ts';
import { getFullArticle, openLibrary } from '../shared/library-db.ts';
import { loadSettings } from '../shared/settings.ts';
import { DEFAULT_SETTINGS, type Settings } from '../shared/settings-schema.ts';
import { setUiLanguage, t, uiLanguage } from '../shared/i18n.ts';
import { useReaderSettings } from './use-reader-settings.ts';

type State =
  /** `copied`: how much of a page's copy has come, 0 to 1, where the page is copied in parts. */
  | { kind: 'loading'; copied?: number; long?: boolean }
  | { kind: 'article'; article: Extraction; imageUrls?: ReadonlyMap<string, string> }
  | { kind: 'missing' }
  | { kind: 'not-article' }
  | { kind: 'failed'; error: string };

/** A saved article from the library, its images as blob: URLs (no network needed). */
async function loadSaved(id: string): Promise<State> {
  const db = await openLibrary();
  const full = await getFullArticle(db, id);
  db.close();
  if (!full) return { kind: 'missing' };
  const { article, body, images } = full;
  const imageUrls = new Map(images.map((image) => [image.url, URL.createObjectURL(image.blob)]));
  addEventListener('pagehide', () => imageUrls.forEach((u) => URL.revokeObjectURL(u)));
  return {
    kind: 'article',
    imageUrls,
    article: {
      isArticle: true,
      site: article.site,
      url: article.url,
      lang: article.lang,
      title: article.title,
      source: article.source,
      views: article.views,
      archivedAt: article.archivedAt,
      publishedAt: article.publishedAt,
      excerpt: article.excerpt,
      images: article.images.map((i) => i.url),
      contentHtml: body.contentHtml,
      textContent: body.textContent,
      wordCount: article.wordCount,
      readingMinutes: article.readingMinutes,
    },
  };
}

async function load(report: (state: State) => void): Promise<State> {
  const params = new URLSearchParams(location.search);
  const saved = params.get('saved');
  if (saved) return loadSaved(saved);
  const key = params.get('open') ?? '';
  const payload = await readPayload(key);
  if (!payload) return { kind: 'missing' };
  if (payload.kind === 'tab') {
    // A Qazaq24 page too big to read in itself: it is said why this tab opened.
    const long = payload.long === true;
    report({ kind: 'loading', copied: 0, long });
    const ticket = payload.ticket ?? (await startCopyByScript(payload.tabId));
    const html = await takeCopy(askCopy(payload.tabId), ticket, (copied) => report({ kind: 'loading', copied, long }));
    // The last words shown before the article is read, which holds this page up a while.
    await new Promise((resolve) => setTimeout(resolve, 50));
    const article = extractFromHtml(html, ticket.url, { window });
    return article.isArticle ? { kind: 'article', article } : { kind: 'not-article' };
  }
  const article = payload.kind === 'article' ? payload.article : extractFromHtml(payload.page.html, payload.page.url, { window });
  return article.isArticle ? { kind: 'article', article } : { kind: 'not-article' };
}

async function close(): Promise<void> {
  const from = Number(new URLSearchParams(location.search).get('from'));
  if (Number.isInteger(from) && from > 0) await browser.tabs.update(from, { active: true }).catch(() => undefined);
  const tab = await browser.tabs.getCurrent();
  if (tab?.id !== undefined) await browser.tabs.remove(tab.id);
  else window.close();
}

function ReaderPage({ initial }: { initial: Settings }) {
  const [settings, change] = useReaderSettings(initial);
  const [state, setState] = useState<State>({ kind: 'loading' });
  useEffect(() => {
    load(setState)
      .then(setState)
      .catch((e) => setState({ kind: 'failed', error: String((e as Error)?.message ?? e) }));
  }, []);
  useEffect(() => {
    if (state.kind === 'article' && state.article.title) document.title = `${state.article.title} · Oqy`;
  }, [state]);
  const autoSave = new URLSearchParams(location.search).get('save') === '1';
  if (state.kind === 'article') {
    return (
      <ReaderView
        article={state.article}
        settings={settings.reader}
        onChange={change}
        onClose={() => void close()}
        host="tab"
        autoSave={autoSave}
        saved={!!state.imageUrls}
        {...(state.imageUrls ? { imageUrls: state.imageUrls } : {})}
      />
    );
  }
  const message =
    state.kind === 'loading' ? t(state.long ? 'readerLoadingLong' : 'popupLoading') : state.kind === 'missing' ? t('readerMissing') : state.kind === 'not-article' ? t('popupGenericNoArticle') : t('readerCouldNotOpen');
  return (
    <div class="oqy-reader" data-theme={settings.reader.theme}>
      <p class="oqy-status" role="status" data-state={state.kind}>
        {message}
      </p>
      {state.kind === 'loading' && state.copied !== undefined ? (
        <p class="oqy-status" data-copied={Math.round(state.copied * 100)}>
          <progress max={100} value={Math.round(state.copied * 100)} />{' '}
          {t(state.copied >= 1 ? 'pageCopyReading' : 'pageCopyProgress', String(Math.round(state.copied * 100)))}
        </p>
      ) : null}
      {state.kind === 'not-article' ? (
        // Nothing worth showing was found: the page itself, where the reader came from.
        <p class="oqy-status">
          <button type="button" class="oqy-close" data-action="show-page" onClick={() => void close()}>
            {t('readerThePage')}
          </button>
        </p>
      ) : null}
    </div>
  );
}

async function main() {
  const settings = await loadSettings().catch(() => DEFAULT_SETTINGS);
  setUiLanguage(settings.uiLanguage);
  document.documentElement.lang = uiLanguage();
  const style = document.createElement('style');
  style.textContent = fontFaceCss((file) => browser.runtime.getURL(`fonts/${file}`)) + READER_CSS;
  document.head.appendChild(style);
  render(<ReaderPage initial={settings} />, document.getElementById('app')!);
}

void main();
