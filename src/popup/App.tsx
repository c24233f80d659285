import { useEffect, useLayoutEffect, useState } from 'preact/hooks';
import browser, { type Tabs } from 'webextension-polyfill';
import type { Extraction } from '../core/types.ts';
import { t } from '../shared/i18n.ts';
import { askTab } from '../shared/messages.ts';
import { copyOfPage, openReaderTab } from '../shared/reader-tab.ts';
import { ArticleBody } from '../ui/ArticleBody.tsx';
import { ArticleMeta } from '../ui/ArticleMeta.tsx';
import { saveMessage, useSaver } from '../ui/useSaver.ts';
import { AutoSwitch } from './AutoSwitch.tsx';
import type { PopupState } from './load-article.ts';
import type { StateFeed } from './state-feed.ts';

/**
 * `feed`: what the popup shows, asked for before the popup was drawn (main.tsx). `onSettled`:
 * called before the first paint of anything but "loading".
 */
export function App({ feed, onSettled }: { feed: StateFeed<PopupState>; onSettled?: () => void }) {
  const [state, setState] = useState<PopupState>(feed.latest);
  useLayoutEffect(() => {
    if (state.kind !== 'loading') onSettled?.();
  }, [state.kind]);
  useEffect(() => {
    let live = true;
    const stop = feed.listen((s) => live && setState(s));
    // A change between the first render and this effect.
    setState(feed.latest());
    return () => {
      live = false;
      stop();
    };
  }, []);
  return (
    <main class="popup" data-state={state.kind} aria-busy={state.kind === 'loading'}>
      <Screen state={state} />
      <footer class="popup-footer">
        <button
          type="button"
          class="link"
          data-action="open-library"
          onClick={() => void browser.tabs.create({ url: browser.runtime.getURL('src/library/index.html') }).then(() => window.close())}
        >
          {t('openLibrary')}
        </button>
        <button type="button" class="link" onClick={() => void browser.runtime.openOptionsPage().then(() => window.close())}>
          {t('popupSettings')}
        </button>
      </footer>
    </main>
  );
}

/** How much of a very long page's copy has come, then that it is being read. */
function CopyProgress({ copied }: { copied: number }) {
  const percent = Math.round(copied * 100);
  return (
    <p class="copy-progress" data-copied={percent}>
      <progress max={100} value={percent} />{' '}
      {t(copied >= 1 ? 'pageCopyReading' : 'pageCopyProgress', String(percent))}
    </p>
  );
}

function Screen({ state }: { state: PopupState }) {
  switch (state.kind) {
    case 'loading':
      return (
        <div class="notice" role="status" data-long={state.long ? 'true' : undefined}>
          <p>{t(state.long ? 'popupLoadingLong' : 'popupLoading')}</p>
          {state.copied !== undefined ? <CopyProgress copied={state.copied} /> : null}
        </div>
      );
    case 'article':
      return <Article article={state.article} tabId={state.tabId} />;
    case 'not-article':
      return <Notice title={t('popupNotArticleTitle')} body={t('popupNotArticleBody')} action={<AutoSwitch />} />;
    case 'other-site':
      return <OtherSite tab={state.tab} />;
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
    <button type="button" onClick={() => void browser.tabs.reload(tabId).then(() => window.close())}>
      {t('popupReload')}
    </button>
  );
}

/**
 * Another site: its page is copied into the reader tab when asked. Extraction is always
 * attempted; where it finds nothing worth showing, the popup says so and offers the page.
 */
function OtherSite({ tab }: { tab: Tabs.Tab }) {
  const [step, setStep] = useState<'offer' | 'working' | 'none' | 'failed'>('offer');
  const [error, setError] = useState('');
  // Nothing worth showing was found: the page itself is what there is to read.
  const showPage = () => browser.tabs.update(tab.id!, { active: true }).catch(() => undefined).then(() => window.close());
  const open = async () => {
    setStep('working');
    try {
      // The extractor loads only here: a Qazaq24 page's popup asks the page for its article.
      const [copy, { extractFromHtml }] = await Promise.all([copyOfPage(tab.id!), import('../core/extract-html.ts')]);
      const article = extractFromHtml(copy.html, copy.url, { window });
      if (!article.isArticle) return setStep('none');
      await openReaderTab({ kind: 'article', article }, tab);
      window.close();
    } catch (e) {
      setError(String((e as Error)?.message ?? e));
      setStep('failed');
    }
  };
  return (
    <section class="notice" role="status">
      <h1>{t('popupOtherSiteTitle')}</h1>
      <p>{t('popupOtherSiteBody')}</p>
      {step === 'none' ? (
        <>
          <p data-testid="generic-result">{t('popupGenericNoArticle')}</p>
          <button type="button" data-action="show-page" onClick={() => void showPage()}>
            {t('readerThePage')}
          </button>
        </>
      ) : null}
      {step === 'failed' ? <p class="detail" data-testid="generic-result">{t('readerCouldNotOpen')} {error}</p> : null}
      {step === 'offer' || step === 'working' ? (
        <button type="button" data-action="open-generic" disabled={step === 'working'} onClick={() => void open()}>
          {step === 'working' ? t('popupWorking') : t('popupOpenGeneric')}
        </button>
      ) : null}
    </section>
  );
}

function Article({ article, tabId }: { article: Extraction; tabId: number }) {
  const [error, setError] = useState('');
  const [saveState, save] = useSaver(article);
  const openReader = async () => {
    try {
      const reply = await askTab(tabId, { type: 'oqy/reader', action: 'open' });
      if (reply.ok) return window.close();
      if (reply.reason !== 'huge') return setError(t('readerCouldNotOpen'));
      // Too big to read on the page's own thread: the reader tab takes the article read here, or,
      // where that is too big to hand over, has the page copied again and reads it itself.
      const tab = await browser.tabs.get(tabId);
      await openReaderTab({ kind: 'article', article }, tab).catch(() => openReaderTab({ kind: 'tab', tabId, long: true }, tab));
      window.close();
    } catch (e) {
      setError(String((e as Error)?.message ?? e));
    }
  };
  return (
    <article class="article" lang={article.lang ?? undefined}>
      <header>
        <h1 data-testid="title">{article.title}</h1>
        <ArticleMeta article={article} />
        <p class="actions">
          <button type="button" data-action="open-reader" onClick={() => void openReader()}>
            {t('popupOpenReader')}
          </button>
          <button type="button" class="secondary" data-action="save" disabled={saveState.kind === 'saving'} onClick={save}>
            {t('saveForOffline')}
          </button>
          <a data-testid="page-link" href={article.url} target="_blank" rel="noopener noreferrer">
            {t('popupOnQazaq24')}
          </a>
        </p>
        {error ? <p class="detail" role="alert">{error}</p> : null}
        <p class="save-status" role="status" aria-live="polite" data-save-state={saveState.kind}>
          {saveMessage(saveState)}
        </p>
        <AutoSwitch />
      </header>
      {article.textContent || article.images.length ? (
        <ArticleBody html={article.contentHtml} onShown={() => performance.mark('oqy:article-shown')} />
      ) : (
        <p class="notice">{t('popupEmptyArticle')}</p>
      )}
    </article>
  );
}
