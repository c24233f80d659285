import { useEffect, useRef, useState } from 'preact/hooks';
import type { Extraction } from '../core/types.ts';
import type { ReaderSettings, ThemeChoice, FontChoice, ScriptChoice } from '../shared/settings-schema.ts';
import { toLatin2021 } from '../core/translit/kazakh-latin.ts';
import { LIMITS } from '../shared/settings-schema.ts';
import { t, type MessageKey } from '../shared/i18n.ts';
import { ArticleBody } from '../ui/ArticleBody.tsx';
import { ArticleMeta } from '../ui/ArticleMeta.tsx';
import { saveMessage, useSaver } from '../ui/useSaver.ts';
import { ReadAloudPanel } from './ReadAloudPanel.tsx';
import { ReadingLayer, type RenderedBody } from './ReadingLayer.tsx';

export interface ReaderViewProps {
  article: Extraction;
  settings: ReaderSettings;
  onChange(change: Partial<ReaderSettings>): void;
  onClose(): void;
  /** In a page the reader leaves back to it; in a tab of its own it closes. Opened by auto mode, leaving shows the original. */
  host: 'page' | 'tab' | 'auto';
  /** Saved articles' images, by their original address: shown from the library, not the network. */
  imageUrls?: ReadonlyMap<string, string>;
  /** A saved article read from the library: nothing to save. */
  saved?: boolean;
  /** Save as soon as shown (asked for by the shortcut or the context menu). */
  autoSave?: boolean;
}

const THEMES: readonly [ThemeChoice, MessageKey][] = [
  ['light', 'themeLight'],
  ['sepia', 'themeSepia'],
  ['dark', 'themeDark'],
  ['system', 'themeSystem'],
];
const SCRIPTS: readonly [ScriptChoice, MessageKey, MessageKey][] = [
  ['cyrillic', 'scriptCyrillic', 'scriptCyrillicName'],
  ['latin', 'scriptLatin', 'scriptLatinName'],
];
const FONTS: readonly [FontChoice, MessageKey][] = [
  ['serif', 'fontSerif'],
  ['sans', 'fontSans'],
];

/** The full reader: the article in the reader's own typography, with its settings at hand. */
export function ReaderView({ article, settings, onChange, onClose, host, imageUrls, saved = false, autoSave = false }: ReaderViewProps) {
  const root = useRef<HTMLDivElement>(null);
  const [saveState, save] = useSaver(article);
  const [speaking, setSpeaking] = useState(false);
  const shownBody = useRef<RenderedBody | null>(null);
  const [rendered, setRendered] = useState(0);
  const kazakh = article.lang === 'kk';
  const latin = kazakh && settings.script === 'latin';
  useEffect(() => {
    if (autoSave && !saved) save();
  }, []);
  useEffect(() => {
    root.current?.querySelector<HTMLElement>('.oqy-close')?.focus({ preventScroll: true });
  }, []);
  useEffect(() => {
    // In its own tab the reader is the whole page: Esc closes it wherever the focus is (after a
    // click in the text it is on <body>, outside the reader). Over a page the overlay listens.
    if (host !== 'tab') return;
    const win = root.current?.ownerDocument.defaultView;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && !e.defaultPrevented) {
        e.preventDefault();
        onClose();
      }
    };
    win?.addEventListener('keydown', onKey);
    return () => win?.removeEventListener('keydown', onKey);
  }, [host, onClose]);
  const style = {
    '--oqy-size': `${settings.fontSize}px`,
    '--oqy-width': `${settings.lineWidth}ch`,
    '--oqy-leading': String(settings.lineHeight),
  } as Record<string, string>;
  const step = (key: 'fontSize' | 'lineWidth' | 'lineHeight', direction: 1 | -1) => {
    const limit = LIMITS[key];
    const next = Number((settings[key] + direction * limit.step).toFixed(2));
    if (next >= limit.min && next <= limit.max) onChange({ [key]: next });
  };
  return (
    <div
      ref={root}
      class="oqy-reader"
      data-theme={settings.theme}
      data-font={settings.font}
      style={style}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          e.stopPropagation();
          onClose();
        }
      }}
    >
      <div class="oqy-toolbar" role="toolbar" aria-label={t('readerToolbar')}>
        <button type="button" class="oqy-close" onClick={onClose} title="Esc">
          <span aria-hidden="true">←</span> {host === 'page' ? t('readerClose') : host === 'auto' ? t('readerShowOriginal') : t('readerCloseTab')}
        </button>
        <div class="oqy-group" role="group" aria-label={t('readerTheme')}>
          {THEMES.map(([value, label]) => (
            <button
              type="button"
              class={`oqy-swatch oqy-swatch-${value}`}
              aria-pressed={settings.theme === value}
              aria-label={t(label)}
              title={t(label)}
              data-theme-choice={value}
              onClick={() => onChange({ theme: value })}
            >
              <span aria-hidden="true">Aa</span>
            </button>
          ))}
        </div>
        <div class="oqy-group" role="group" aria-label={t('readerFont')}>
          {FONTS.map(([value, label]) => (
            <button type="button" class={`oqy-font-${value}`} aria-pressed={settings.font === value} data-font-choice={value} onClick={() => onChange({ font: value })}>
              {t(label)}
            </button>
          ))}
        </div>
        {kazakh ? (
          <div class="oqy-group" role="group" aria-label={t('readerScript')}>
            {SCRIPTS.map(([value, label, name]) => (
              <button type="button" aria-pressed={settings.script === value} aria-label={t(name)} title={t(name)} data-script-choice={value} onClick={() => onChange({ script: value })}>
                {t(label)}
              </button>
            ))}
          </div>
        ) : null}
        <Stepper label={t('readerTextSize')} value={`${settings.fontSize}`} less={t('readerSmaller')} more={t('readerLarger')} onLess={() => step('fontSize', -1)} onMore={() => step('fontSize', 1)} name="size" />
        <Stepper label={t('readerLineWidth')} value={`${settings.lineWidth}`} less={t('readerNarrower')} more={t('readerWider')} onLess={() => step('lineWidth', -1)} onMore={() => step('lineWidth', 1)} name="width" />
        <Stepper label={t('readerLineHeight')} value={settings.lineHeight.toFixed(1)} less={t('readerTighter')} more={t('readerLooser')} onLess={() => step('lineHeight', -1)} onMore={() => step('lineHeight', 1)} name="leading" />
        <button type="button" class="oqy-print" onClick={() => (root.current?.ownerDocument.defaultView ?? window).print()}>
          {t('readerPrint')}
        </button>
        {saved ? null : (
          <button type="button" class="oqy-save" data-action="save" disabled={saveState.kind === 'saving'} onClick={save}>
            {t('saveForOffline')}
          </button>
        )}
        <button type="button" class="oqy-speak" aria-expanded={speaking} data-action="read-aloud" onClick={() => setSpeaking(!speaking)}>
          {t('readAloud')}
        </button>
        {speaking ? (
          <ReadAloudPanel
            // The body is rebuilt when the script changes: reading starts afresh over the new text.
            key={latin ? 'latn' : 'cyrl'}
            article={article} settings={settings} onChange={onChange} body={() => root.current?.querySelector('.oqy-article') ?? null} />
        ) : null}
        <p class="oqy-save-status" role="status" aria-live="polite" data-save-state={saveState.kind}>
          {saveMessage(saveState)}
        </p>
      </div>
      <main class="oqy-page">
        <article class="oqy-article" lang={latin ? 'kk-Latn' : (article.lang ?? undefined)}>
          <header>
            <h1 data-testid="title">{latin && article.title ? toLatin2021(article.title) : article.title}</h1>
            <ArticleMeta article={article} />
            <Links article={article} />
          </header>
          <ArticleBody
            html={article.contentHtml}
            class="oqy-body"
            latin={latin}
            {...(imageUrls ? { imageUrls } : {})}
            onRendered={(el, originals) => {
              shownBody.current = { el, originals };
              setRendered((n) => n + 1);
            }}
          />
          <footer>
            <Links article={article} />
          </footer>
        </article>
      </main>
      <ReadingLayer
        article={article}
        fromLibrary={saved}
        body={() => shownBody.current}
        rendered={rendered}
        reader={() => root.current}
        latin={latin}
        savedByToolbar={saveState.kind === 'done'}
        layout={`${settings.fontSize} ${settings.lineWidth} ${settings.lineHeight} ${settings.font} ${latin}`}
        overPage={host !== 'tab'}
      />
    </div>
  );
}

function Links({ article }: { article: Extraction }) {
  return (
    <p class="oqy-links">
      <a href={article.url} target="_blank" rel="noopener noreferrer" data-testid="page-link">
        {article.site === 'qazaq24' ? t('popupOnQazaq24') : t('readerThePage')}
      </a>
      {article.source?.url ? (
        <a href={article.source.url} target="_blank" rel="noopener noreferrer" data-testid="original-link">
          {t('readerOriginal', article.source.name || new URL(article.source.url).hostname)}
        </a>
      ) : null}
    </p>
  );
}

function Stepper(props: { label: string; value: string; less: string; more: string; onLess(): void; onMore(): void; name: string }) {
  return (
    <div class="oqy-group oqy-stepper" role="group" aria-label={props.label}>
      <button type="button" aria-label={props.less} title={props.less} data-step={`${props.name}-less`} onClick={props.onLess}>
        −
      </button>
      <output aria-live="polite" data-value={props.name}>
        {props.value}
      </output>
      <button type="button" aria-label={props.more} title={props.more} data-step={`${props.name}-more`} onClick={props.onMore}>
        +
      </button>
    </div>
  );
}
