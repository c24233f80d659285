import { useEffect, useRef, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import type { Extraction } from '../core/types.ts';
import { sanitizeToFragment } from '../core/sanitize.ts';
import { t, uiLanguage } from '../shared/i18n.ts';
import { formatCount, formatSiteTime } from '../shared/format.ts';
import { targetTab } from './target-tab.ts';
import { loadState, type PopupState } from './load-article.ts';

export function App() {
  const [state, setState] = useState<PopupState>({ kind: 'loading' });
  useEffect(() => {
    let live = true;
    targetTab()
      .then(loadState)
      .catch((e) => ({ kind: 'failed', tabId: -1, error: String(e) }) as PopupState)
      .then((s) => live && setState(s));
    return () => {
      live = false;
    };
  }, []);
  return (
    <main class="popup" data-state={state.kind} aria-busy={state.kind === 'loading'}>
      <Screen state={state} />
    </main>
  );
}

function Screen({ state }: { state: PopupState }) {
  switch (state.kind) {
    case 'loading':
      return <p class="notice" role="status">{t('popupLoading')}</p>;
    case 'article':
      return <Article article={state.article} />;
    case 'not-article':
      return <Notice title={t('popupNotArticleTitle')} body={t('popupNotArticleBody')} />;
    case 'other-site':
      return <Notice title={t('popupOtherSiteTitle')} body={t('popupOtherSiteBody')} />;
    case 'no-access':
      return <Notice title={t('popupNoAccessTitle')} body={t('popupNoAccessBody')} />;
    case 'not-ready':
      return <Notice title={t('popupNotReadyTitle')} body={t('popupNotReadyBody')} action={<ReloadButton tabId={state.tabId} />} />;
    case 'failed':
      return (
        <Notice title={t('popupFailedTitle')} body={t('popupFailedBody')} detail={state.error} action={<ReloadButton tabId={state.tabId} />} />
      );
  }
}

function Notice(props: { title: string; body: string; detail?: string; action?: preact.ComponentChildren }) {
  return (
    <section class="notice" role="status">
      <h1>{props.title}</h1>
      <p>{props.body}</p>
      {props.detail ? <p class="detail">{props.detail}</p> : null}
      {props.action}
    </section>
  );
}

function ReloadButton({ tabId }: { tabId: number }) {
  if (tabId < 0) return null;
  return (
    <button
      type="button"
      onClick={() => {
        void browser.tabs.reload(tabId).then(() => window.close());
      }}
    >
      {t('popupReload')}
    </button>
  );
}

function Article({ article }: { article: Extraction }) {
  const locale = uiLanguage();
  return (
    <article class="article" lang={article.lang ?? undefined}>
      <header>
        <h1 data-testid="title">{article.title}</h1>
        <p class="meta">
          {article.source ? (
            <span>
              {t('popupSource')}:{' '}
              {article.source.url ? (
                <a data-testid="source" href={article.source.url} target="_blank" rel="noopener noreferrer">
                  {article.source.name || article.source.url}
                </a>
              ) : (
                <span data-testid="source">{article.source.name}</span>
              )}
            </span>
          ) : null}
          {article.archivedAt ? <span data-testid="archived">{t('popupArchived', formatSiteTime(article.archivedAt, locale))}</span> : null}
          {article.views !== null ? <span data-testid="views">{t('popupViews', formatCount(article.views, locale))}</span> : null}
          {article.readingMinutes ? <span data-testid="reading-time">{t('popupReadingMinutes', String(article.readingMinutes))}</span> : null}
        </p>
        <p class="meta">
          <a data-testid="page-link" href={article.url} target="_blank" rel="noopener noreferrer">
            {t('popupOnQazaq24')}
          </a>
        </p>
      </header>
      {article.textContent || article.images.length ? <ArticleBody html={article.contentHtml} /> : <p class="notice">{t('popupEmptyArticle')}</p>}
    </article>
  );
}

/** The body, sanitized again here (this page's own DOMPurify) and inserted as nodes. */
function ArticleBody({ html }: { html: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.replaceChildren(sanitizeToFragment(html, window));
  }, [html]);
  return <div class="body" data-testid="body" ref={ref} />;
}
