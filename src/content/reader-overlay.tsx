/**
 * The reader on the news page itself: a shadow-DOM overlay above the page, which stays
 * underneath untouched (its scroll position, its state) and returns as it was when the reader
 * closes. Loaded only when the reader is opened.
 */
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import type { Extraction } from '../core/types.ts';
import { ReaderView } from '../reader/ReaderView.tsx';
import { READER_CSS } from '../reader/reader-styles.ts';
import { FONT_FILES, fontFaceCss, type FontKind } from '../reader/fonts.ts';
import { changeSettings, loadSettings, onSettingsChanged } from '../shared/settings.ts';
import type { ReaderSettings, Settings } from '../shared/settings-schema.ts';
import { setUiLanguage, t } from '../shared/i18n.ts';
import { tellBackground, type ExtractReply, type ReaderAction, type ReaderReply } from '../shared/messages.ts';

const HOST_ID = 'oqy-reader-host';
const PAGE_STYLE_ID = 'oqy-reader-page-style';

/**
 * Rules for the overlay's host and the page around it: the host covers the window, nothing
 * scrolls underneath, and print shows only the reader, at its full length. In a stylesheet,
 * not inline: an inline !important could not be undone for print.
 */
const PAGE_CSS = `
html > #${HOST_ID} { all: initial !important; display: block !important; position: fixed !important; inset: 0 !important; z-index: 2147483647 !important; overflow: auto !important; }
html.oqy-reading { overflow: hidden !important; }
@media print {
  html.oqy-reading { overflow: visible !important; }
  html.oqy-reading > body { display: none !important; }
  html.oqy-reading > #${HOST_ID} { position: static !important; overflow: visible !important; inset: auto !important; }
}`;

interface OpenReader {
  host: HTMLElement;
  restore(): void;
}

let current: OpenReader | null = null;

/** Asks the reader to close, whichever script opened it (the auto-mode script runs apart). */
const CLOSE_EVENT = 'oqy:close-reader';
/** Told on the document once the reader has closed: the page is the reader's choice now. */
export const CLOSED_EVENT = 'oqy:reader-closed';

/**
 * The reader's host: a direct child of <html> with a shadow root. Looked for there only: an
 * article can hold an element with the same id, but markup cannot put one beside <body>.
 */
function readerHost(): HTMLElement | null {
  const host = document.documentElement.querySelector<HTMLElement>(`:scope > #${HOST_ID}`);
  return host?.shadowRoot ? host : null;
}

export function isReaderOpen(): boolean {
  return current !== null || readerHost() !== null;
}

/** Pages where the extension's font files may be loaded (they are web-accessible there only). */
const FONTS_BY_URL = /(^|\.)qazaq24\.com$/i;

function pageStyle(): void {
  if (document.documentElement.querySelector(`:scope > style#${PAGE_STYLE_ID}`)) return;
  const style = document.createElement('style');
  style.id = PAGE_STYLE_ID;
  const fontsByUrl = FONTS_BY_URL.test(location.hostname);
  style.textContent = PAGE_CSS + (fontsByUrl ? fontFaceCss((file) => browser.runtime.getURL(`fonts/${file}`)) : '');
  document.documentElement.appendChild(style);
}

const fontsAdded = new Set<FontKind>();

/** Elsewhere, the fonts come as bytes from the background and go in as FontFace objects. */
async function addFontFaces(kind: FontKind): Promise<void> {
  if (FONTS_BY_URL.test(location.hostname) || fontsAdded.has(kind)) return;
  fontsAdded.add(kind);
  try {
    const files = await tellBackground({ type: 'oqy/font-data', kind });
    const byFile = new Map(FONT_FILES.map((f) => [f.file, f]));
    for (const { file, data } of files) {
      const f = byFile.get(file);
      if (!f) continue;
      const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
      const face = new FontFace(f.family, bytes, { weight: String(f.weight), style: f.style, unicodeRange: f.unicodeRange, display: 'swap' });
      document.fonts.add(await face.load());
    }
  } catch {
    fontsAdded.delete(kind);
  }
}

function OverlayApp({ article, initial, onClose, auto }: { article: Extraction; initial: Settings; onClose(): void; auto: boolean }) {
  const [settings, setSettings] = useState<Settings>(initial);
  useEffect(() => void addFontFaces(settings.reader.font), [settings.reader.font]);
  useEffect(() => onSettingsChanged((next) => {
    setUiLanguage(next.uiLanguage);
    setSettings(next);
  }), []);
  const change = (patch: Partial<ReaderSettings>) => {
    setSettings((s) => ({ ...s, reader: { ...s.reader, ...patch } }));
    void changeSettings({ reader: patch }).catch(() => {
      /* Kept for this page; storage refused it. */
    });
  };
  return <ReaderView article={article} settings={settings.reader} onChange={change} onClose={onClose} host={auto ? 'auto' : 'page'} />;
}

export async function openReader(article: Extraction, { auto = false } = {}): Promise<void> {
  if (isReaderOpen()) return;
  const settings = await loadSettings().catch(() => null);
  const initial = settings ?? (await import('../shared/settings-schema.ts')).DEFAULT_SETTINGS;
  setUiLanguage(initial.uiLanguage);
  pageStyle();

  const host = document.createElement('div');
  host.id = HOST_ID;
  // Open, not closed: the page could remove the host anyway, and tests read the reader as shown.
  const shadow = host.attachShadow({ mode: 'open' });
  const style = document.createElement('style');
  style.textContent = READER_CSS;
  const mount = document.createElement('div');
  mount.style.minHeight = '100%';
  mount.style.display = 'flow-root';
  shadow.append(style, mount);

  const previousFocus = document.activeElement as HTMLElement | null;
  const body = document.body;
  const bodyWasInert = body?.inert ?? false;
  document.documentElement.appendChild(host);
  document.documentElement.classList.add('oqy-reading');
  if (body) body.inert = true;

  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'Escape' && current) {
      e.preventDefault();
      closeReader();
    }
  };
  window.addEventListener('keydown', onKey, true);
  host.addEventListener(CLOSE_EVENT, () => closeReader());

  current = {
    host,
    restore() {
      window.removeEventListener('keydown', onKey, true);
      render(null, mount);
      host.remove();
      document.documentElement.classList.remove('oqy-reading');
      if (body) body.inert = bodyWasInert;
      previousFocus?.focus?.({ preventScroll: true });
      document.dispatchEvent(new CustomEvent(CLOSED_EVENT));
    },
  };
  render(<OverlayApp article={article} initial={initial} onClose={closeReader} auto={auto} />, mount);
}

export function closeReader(): void {
  const open = current;
  current = null;
  if (open) open.restore();
  else readerHost()?.dispatchEvent(new CustomEvent(CLOSE_EVENT));
}

/** A short notice over the page (why the reader did not open), gone after a while or on dismiss. */
export function showPageNotice(message: string): void {
  const host = document.createElement('div');
  host.style.cssText = 'all: initial !important; position: fixed !important; right: 16px !important; bottom: 16px !important; z-index: 2147483647 !important;';
  const shadow = host.attachShadow({ mode: 'closed' });
  const box = document.createElement('div');
  box.setAttribute('role', 'status');
  box.style.cssText =
    'font: 14px/1.4 system-ui, sans-serif; background: #1d1d1f; color: #fff; padding: 10px 14px; border-radius: 8px; max-width: 360px; display: flex; gap: 12px; align-items: center; box-shadow: 0 4px 16px rgba(0,0,0,.3);';
  const text = document.createElement('span');
  text.textContent = message;
  const dismiss = document.createElement('button');
  dismiss.type = 'button';
  dismiss.textContent = t('readerDismiss');
  dismiss.style.cssText = 'font: inherit; color: #fff; background: transparent; border: 1px solid #aaa; border-radius: 6px; padding: 3px 8px; cursor: pointer;';
  box.append(text, dismiss);
  shadow.append(box);
  const close = () => host.remove();
  dismiss.addEventListener('click', close);
  setTimeout(close, 8000);
  document.documentElement.appendChild(host);
}

/**
 * What the content script does when the reader is asked for (popup button, shortcut, context
 * menu): open it over an article, close it, or say on the page why it cannot open.
 */
export async function runReaderAction(
  action: ReaderAction,
  isArticle: boolean,
  extract: () => Promise<ExtractReply>,
): Promise<ReaderReply> {
  if (action === 'close' || (action === 'toggle' && isReaderOpen())) {
    closeReader();
    return { ok: true, open: false };
  }
  if (isReaderOpen()) return { ok: true, open: true };
  const settings = await loadSettings().catch(() => null);
  if (settings) setUiLanguage(settings.uiLanguage);
  if (!isArticle) {
    showPageNotice(t('readerNotArticle'));
    return { ok: false, reason: 'not-article' };
  }
  const reply = await extract();
  if (!reply.ok || !reply.article.isArticle) {
    showPageNotice(t('readerCouldNotOpen'));
    return { ok: false, reason: reply.ok ? 'not-article' : 'failed', ...(reply.ok ? {} : { error: reply.error }) };
  }
  await openReader(reply.article);
  return { ok: true, open: true };
}
