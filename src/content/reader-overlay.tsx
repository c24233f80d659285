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
 * FontFace objects built from bytes, not as addresses of the extension's files.
 */
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { Extraction } from '../core/types.ts';
import { ReaderView } from '../reader/ReaderView.tsx';
import { READER_CSS } from '../reader/reader-styles.ts';
import { THEMES, type ThemeName } from '../reader/themes.ts';
import { FONT_FILES, type FontKind } from '../reader/fonts.ts';
import { changeSettings, loadSettings, onSettingsChanged } from '../shared/settings.ts';
import type { ReaderSettings, Settings } from '../shared/settings-schema.ts';
import { setUiLanguage, t } from '../shared/i18n.ts';
import { tellBackground, type ExtractReply, type ReaderAction, type ReaderReply } from '../shared/messages.ts';
import { escapeTaken } from '../reader/escape-key.ts';

const HOST_ID = 'oqy-reader-host';
const PAGE_STYLE_ID = 'oqy-reader-page-style';

const hostBackground = (choice: string, theme: ThemeName) => `html > #${HOST_ID}[data-theme="${choice}"] { background: ${THEMES[theme].background} !important; }`;

/**
 * Rules for the overlay's host and the page around it: the host covers the window in the
 * theme's background (the page never shows through, whatever is inside, from the first frame
 * the host is drawn), nothing scrolls underneath, and print shows only the reader, at its full
 * length, on white. In a stylesheet, not inline: an inline !important could not be undone for
 * print.
 */
const PAGE_CSS = `
html > #${HOST_ID} { all: initial !important; display: block !important; position: fixed !important; inset: 0 !important; z-index: 2147483647 !important; overflow: auto !important; background: ${THEMES.light.background} !important; }
${hostBackground('sepia', 'sepia')}
${hostBackground('dark', 'dark')}
@media (prefers-color-scheme: dark) { ${hostBackground('system', 'dark')} }
html.oqy-reading { overflow: hidden !important; }
@media print {
  html.oqy-reading { overflow: visible !important; }
  html.oqy-reading > body { display: none !important; }
  html.oqy-reading > #${HOST_ID} { position: static !important; overflow: visible !important; inset: auto !important; background: #fff !important; }
}`;

interface OpenReader {
  host: HTMLElement;
  restore(): void;
}

/**
 * What the content scripts of this page share about the reader. The auto-mode script and the
 * content script are bundled apart (each has its own copy of this module) but run in one world,
 * the extension's: state kept on that world's global is theirs alone, the page never sees it.
 * The reader is never found by looking in the page, where the page can plant or fake anything.
 */
interface SharedReaderState {
  open: OpenReader | null;
  closedListeners: Set<() => void>;
  fontsAdded: Set<FontKind>;
}

const STATE_KEY = '__oqyReaderState';

function shared(): SharedReaderState {
  const world = window as unknown as { [STATE_KEY]?: SharedReaderState };
  return (world[STATE_KEY] ??= { open: null, closedListeners: new Set(), fontsAdded: new Set() });
}

export function isReaderOpen(): boolean {
  const open = shared().open;
  // The page may have taken the host out of the document: the reader is gone then, and what it changed is put back.
  if (open && !open.host.isConnected) {
    closeReader();
    return false;
  }
  return open !== null;
}

/** Calls back whenever the reader closes (the page is the reader's choice then); returns how to stop. */
export function onReaderClosed(listener: () => void): () => void {
  const listeners = shared().closedListeners;
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * Events that make the reader do something. One of these that the browser did not get from the
 * person (a script's dispatchEvent or click()) is stopped before the reader sees it.
 */
const ACTION_EVENTS = [
  'click', 'auxclick', 'dblclick', 'contextmenu', 'mousedown', 'mouseup', 'pointerdown', 'pointerup',
  'touchstart', 'touchend', 'keydown', 'keyup', 'keypress', 'beforeinput', 'input', 'change', 'submit',
];

function refuseUntrusted(root: ShadowRoot): void {
  const stop = (e: Event) => {
    if (e.isTrusted) return;
    e.stopImmediatePropagation();
    e.preventDefault();
  };
  for (const type of ACTION_EVENTS) root.addEventListener(type, stop, true);
}

function pageStyle(): void {
  if (document.documentElement.querySelector(`:scope > style#${PAGE_STYLE_ID}`)) return;
  const style = document.createElement('style');
  style.id = PAGE_STYLE_ID;
  style.textContent = PAGE_CSS;
  document.documentElement.appendChild(style);
}

/**
 * The bundled fonts come as bytes from the background and go in as FontFace objects: no address
 * of the extension's files appears in the page (a page could read it from a stylesheet, and
 * the files would have to be open to every page to load).
 */
async function addFontFaces(kind: FontKind): Promise<void> {
  const fontsAdded = shared().fontsAdded;
  if (fontsAdded.has(kind)) return;
  fontsAdded.add(kind);
  try {
    const files = await tellBackground({ type: 'oqy/font-data', kind });
    const byFile = new Map(FONT_FILES.map((f) => [f.file, f]));
    const faces = files.flatMap(({ file, data }) => {
      const f = byFile.get(file);
      if (!f) return [];
      const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
      return [new FontFace(f.family, bytes, { weight: String(f.weight), style: f.style, unicodeRange: f.unicodeRange, display: 'swap' })];
    });
    // All in at once: one change of layout when they take over, not one a face.
    for (const face of await Promise.all(faces.map((face) => face.load()))) document.fonts.add(face);
  } catch {
    fontsAdded.delete(kind);
  }
}

function OverlayApp({ article, initial, onClose, auto, host }: { article: Extraction; initial: Settings; onClose(): void; auto: boolean; host: HTMLElement }) {
  const [settings, setSettings] = useState<Settings>(initial);
  useEffect(() => host.setAttribute('data-theme', settings.reader.theme), [settings.reader.theme]);
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
  // Asked twice while the settings loaded (the shortcut and auto mode): one reader.
  if (isReaderOpen()) return;
  setUiLanguage(initial.uiLanguage);
  pageStyle();

  const host = document.createElement('div');
  host.id = HOST_ID;
  host.setAttribute('data-theme', initial.reader.theme);
  // Closed: the page's scripts cannot reach the reader's buttons or read what it shows.
  const shadow = host.attachShadow({ mode: 'closed' });
  refuseUntrusted(shadow);
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
      host.remove();
      document.documentElement.classList.remove('oqy-reading');
      if (body) body.inert = bodyWasInert;
      previousFocus?.focus?.({ preventScroll: true });
      for (const listener of [...shared().closedListeners]) listener();
    },
  };
  render(<OverlayApp article={article} initial={initial} onClose={closeReader} auto={auto} host={host} />, mount);
}

export function closeReader(): void {
  const state = shared();
  const open = state.open;
  state.open = null;
  open?.restore();
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
