/**
 * The reader on the news page itself: a shadow-DOM overlay above the page, which stays
 * underneath untouched (its scroll position, its state) and returns as it was when the reader
 * closes. Loaded only when the reader is opened.
 *
 * The page's own scripts (and every third-party script on it) share the document with the
 * overlay, so the overlay keeps them out: its shadow root is closed (the page cannot reach its
 * buttons or read the article), the extension finds its own host through state kept in the
 * content scripts' world (which the page cannot see), and every action inside ignores events
 * the browser did not get from the person (`isTrusted`), in case the page ever gets hold of a
 * node inside. Nothing the extension puts in the page names the extension: the fonts go in as
 * FontFace objects built from bytes, not as addresses of the extension's files. The host and
 * what the content scripts share about it are in reader-host.ts; auto mode's loading frame is
 * such a host already, and the reader opened by auto mode takes it over.
 */
import { render } from 'preact';
import { useEffect } from 'preact/hooks';
import type { Extraction } from '../core/types.ts';
import { ReaderView } from '../reader/ReaderView.tsx';
import { READER_CSS } from '../reader/reader-styles.ts';
import { loadSettings } from '../shared/settings.ts';
import type { Settings } from '../shared/settings-schema.ts';
import { setUiLanguage, t } from '../shared/i18n.ts';
import { useReaderSettings } from '../reader/use-reader-settings.ts';
import type { ExtractReply, ReaderAction, ReaderReply } from '../shared/messages.ts';
import { escapeTaken } from '../reader/escape-key.ts';
import { closeReader, createReaderHost, isReaderOpen, shared, type ReaderHost } from './reader-host.ts';
import { addFontFaces } from './font-faces.ts';

export { closeReader, isReaderOpen, onReaderClosed } from './reader-host.ts';

function OverlayApp({ article, initial, onClose, auto, host }: { article: Extraction; initial: Settings; onClose(): void; auto: boolean; host: HTMLElement }) {
  const [settings, change] = useReaderSettings(initial);
  useEffect(() => host.setAttribute('data-theme', settings.reader.theme), [settings.reader.theme]);
  useEffect(() => void addFontFaces(settings.reader.font), [settings.reader.font]);
  return <ReaderView article={article} settings={settings.reader} onChange={change} onClose={onClose} host={auto ? 'auto' : 'page'} />;
}

export interface OpenOptions {
  /** Opened by auto mode: leaving shows the original page, and the host is in the top layer. */
  auto?: boolean;
  /** Auto mode's loading frame, whose host the reader takes over (see auto-frame.ts). */
  frame?: ReaderHost;
  /** The settings, where the caller has read them already. */
  settings?: Settings;
}

export async function openReader(article: Extraction, { auto = false, frame, settings }: OpenOptions = {}): Promise<void> {
  if (isReaderOpen()) return;
  const initial = settings ?? (await loadSettings().catch(() => null)) ?? (await import('../shared/settings-schema.ts')).DEFAULT_SETTINGS;
  // Asked twice while the settings loaded (the shortcut and auto mode): one reader.
  if (isReaderOpen()) return;
  setUiLanguage(initial.uiLanguage);
  // Auto mode's reader paints its text first, in the fallback face: the faces' bytes take the
  // page's main thread to decode, and come after the first paint (OverlayApp's effect), swapped in.
  if (!auto) void addFontFaces(initial.reader.font);

  const previousFocus = document.activeElement as HTMLElement | null;
  const { host, shadow, holdBody, remove } = frame ?? createReaderHost(initial.reader.theme, { topLayer: auto });
  host.setAttribute('data-theme', initial.reader.theme);
  const style = document.createElement('style');
  style.textContent = READER_CSS;
  const mount = document.createElement('div');
  mount.style.minHeight = '100%';
  mount.style.display = 'flow-root';
  shadow.append(style, mount);

  if (document.body) holdBody(document.body);

  const onKey = (e: KeyboardEvent) => {
    const open = shared().open;
    if (e.key !== 'Escape' || !e.isTrusted || !open) return;
    e.preventDefault();
    // Once the key has been through the reader: its note editor may take this Esc for itself.
    setTimeout(() => {
      if (!escapeTaken(e) && shared().open === open) closeReader();
    }, 0);
  };
  window.addEventListener('keydown', onKey, true);

  shared().open = {
    host,
    restore() {
      window.removeEventListener('keydown', onKey, true);
      render(null, mount);
      remove();
      previousFocus?.focus?.({ preventScroll: true });
      for (const listener of [...shared().closedListeners]) listener();
    },
  };
  render(<OverlayApp article={article} initial={initial} onClose={closeReader} auto={auto} host={host} />, mount);
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
