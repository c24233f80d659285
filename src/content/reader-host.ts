/**
 * The reader's host in the page: one element of Oqy's own, a direct child of <html>, with a
 * closed shadow root, that covers the viewport in the theme's background. Auto mode's loading
 * frame (shown from document_start, while the page streams in) and the reader itself live in
 * it; the reader takes the frame's host over, so nothing of the page shows in between.
 *
 * No rule of the page can hide it, uncover it or draw over it:
 * - its own rules sit in its shadow root and are !important, and for !important declarations
 *   the cascade ranks the inner (shadow) context above the outer one, so the page's rules lose
 *   whatever their selector, !important and inline styles included;
 * - shown as a popover it is in the top layer, above every z-index and position of the page
 *   (auto mode; the reader opened by hand comes after the page's content in the document and
 *   covers it with the highest z-index).
 * The page's scripts can still take it out of the document; the reader is closed then, at once
 * (a watch on <html>'s children while the host holds the page's body).
 *
 * Kept small: the auto-mode script that loads on every page of an auto-mode site imports it.
 * It is also what the content scripts of a page share about the reader. They are bundled apart
 * (each has its own copy of this module) but run in one world, the extension's: state kept on
 * that world's global is theirs alone, the page never sees it. The reader is never found by
 * looking in the page, where the page can plant or fake anything.
 */
import { THEMES, type ThemeName } from '../reader/themes.ts';
import type { FontKind } from '../reader/fonts.ts';
import { READER_STATE_KEY, setWorldGlobal, worldGlobal } from './world-global.ts';

export const HOST_ID = 'oqy-reader-host';

interface OpenReader {
  host: HTMLElement;
  restore(): void;
}

/** The bundled faces of one kind in the page (see font-faces.ts). */
export interface FaceSet {
  faces: FontFace[];
  /** Taken out again: faces still loading stay out. */
  withdrawn: boolean;
  /** Settles when the faces for running text are in, or could not be. */
  text: Promise<void>;
}

interface SharedReaderState {
  open: OpenReader | null;
  closedListeners: Set<() => void>;
  fonts: Map<FontKind, FaceSet>;
}

export function shared(): SharedReaderState {
  return worldGlobal<SharedReaderState>(READER_STATE_KEY) ?? setWorldGlobal<SharedReaderState>(READER_STATE_KEY, { open: null, closedListeners: new Set(), fonts: new Map() });
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

export function closeReader(): void {
  const state = shared();
  const open = state.open;
  state.open = null;
  open?.restore();
}

const background = (name: ThemeName) => THEMES[name].background;
const dark = `background: ${background('dark')} !important; color-scheme: dark !important;`;

/**
 * The host's own look. `all: initial` first, then what differs from it; everything !important,
 * in the shadow root, where the page's rules cannot outrank it. `overscroll-behavior` keeps a
 * scroll inside the reader from moving the page underneath.
 */
const HOST_CSS = `
:host {
  all: initial !important;
  display: block !important;
  position: fixed !important;
  inset: 0 !important;
  z-index: 2147483647 !important;
  overflow: auto !important;
  overscroll-behavior: contain !important;
  background: ${background('light')} !important;
  color-scheme: light !important;
}
:host([data-theme="sepia"]) { background: ${background('sepia')} !important; }
:host([data-theme="dark"]) { ${dark} }
@media (prefers-color-scheme: dark) { :host([data-theme="system"]) { ${dark} } }
@media print {
  :host, :host([data-theme]) { position: static !important; overflow: visible !important; inset: auto !important; background: #fff !important; color-scheme: light !important; }
}`;

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

export interface ReaderHost {
  host: HTMLElement;
  /** Closed: the page's scripts cannot reach what is inside. Holds the host's style, then the frame or the reader. */
  shadow: ShadowRoot;
  /** The page's body is inert while the host covers it (the keyboard stays in the reader); once it exists. */
  holdBody(body: HTMLElement): void;
  /** Takes the host out of the page, with what it changed there. */
  remove(): void;
}

/**
 * Rules for the page around the host: nothing scrolls underneath, and print shows only the
 * reader (the host's own rules for print are in its shadow root). In a stylesheet, not inline:
 * an inline !important could not be undone for print.
 */
const PAGE_CSS = `
html.oqy-reading { overflow: hidden !important; }
/* A page covered from its start is not laid out or painted under the host (pageUnseen). */
html.oqy-reading.oqy-page-unseen > body { content-visibility: hidden !important; }
@media print {
  html.oqy-reading { overflow: visible !important; }
  html.oqy-reading > body { display: none !important; }
}`;

/**
 * The host in the top layer, as a manual popover (no light dismiss). Printing takes it out for
 * the while: the top layer would keep it positioned, where print wants it in the flow.
 */
function raise(host: HTMLElement): () => void {
  if (typeof host.showPopover !== 'function') return () => undefined;
  host.setAttribute('popover', 'manual');
  const show = () => {
    try {
      if (host.isConnected && !host.matches(':popover-open')) host.showPopover();
    } catch {
      /* Not in a document that can show it: it still covers as a fixed element. */
    }
  };
  const hide = () => {
    try {
      if (host.matches(':popover-open')) host.hidePopover();
    } catch {
      /* Already out of the top layer. */
    }
  };
  show();
  window.addEventListener('beforeprint', hide);
  window.addEventListener('afterprint', show);
  return () => {
    window.removeEventListener('beforeprint', hide);
    window.removeEventListener('afterprint', show);
  };
}

/**
 * A new host, at the end of <html> (at document_start, <html> is still empty: the host comes
 * first, and the page's head and body are parsed in after it), covering the viewport from the
 * frame it is first drawn in. The page around it gets its class and rules at once, so that when
 * auto mode's reader takes over a frame shown from the start, nothing of the page has to be laid
 * out again.
 *
 * `pageUnseen`: the host covers the page from its start (auto mode's frame). The page's body is
 * then not laid out or painted under it (content-visibility): that work, some 70 ms on an
 * article page as it loads, would take the thread the reader's part needs. A page script that
 * asks for a size still gets one. A page already drawn (the reader opened over it) is left as it
 * is: hiding it would lose its scroll position, and some elements (a video's poster) would be
 * fetched again when it comes back.
 */
export function createReaderHost(theme: string, { topLayer = false, pageUnseen = false } = {}): ReaderHost {
  const root = document.documentElement;
  const pageStyle = document.createElement('style');
  pageStyle.textContent = PAGE_CSS;
  root.appendChild(pageStyle);
  root.classList.add('oqy-reading');
  if (pageUnseen) root.classList.add('oqy-page-unseen');

  const host = document.createElement('div');
  host.id = HOST_ID;
  host.setAttribute('data-theme', theme);
  const shadow = host.attachShadow({ mode: 'closed' });
  refuseUntrusted(shadow);
  const style = document.createElement('style');
  style.textContent = HOST_CSS;
  shadow.append(style);
  root.appendChild(host);
  const lower = topLayer ? raise(host) : () => undefined;

  let held: { body: HTMLElement; wasInert: boolean } | null = null;
  // The page's scripts may take the host out, move it (into the inert body), or replace <html>,
  // while the body is held: the page
  // gets its body and scrolling back at once, and an open reader in this host is closed.
  const taken = new MutationObserver(() => {
    if (host.isConnected && host.parentNode === root) return;
    if (shared().open?.host === host) closeReader();
    else self.remove();
  });
  const self: ReaderHost = {
    host,
    shadow,
    holdBody(body) {
      if (held || !host.isConnected) return;
      held = { body, wasInert: body.inert };
      body.inert = true;
      taken.observe(document, { childList: true });
      taken.observe(root, { childList: true });
    },
    remove() {
      taken.disconnect();
      lower();
      host.remove();
      pageStyle.remove();
      root.classList.remove('oqy-reading', 'oqy-page-unseen');
      if (held) held.body.inert = held.wasInert;
      held = null;
    },
  };
  return self;
}
