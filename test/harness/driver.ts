/**
 * One way for the end-to-end tests to drive a browser with Oqy installed, as a person would:
 * open a page at its real address, open the popup for a tab, open an extension page, click,
 * press keys, read what is on screen (the page, and the in-page reader inside its closed shadow
 * root), take a screenshot, restart on the same profile. Implemented once for Chromium
 * (driver-chromium.ts, over playwright-core) and once for Firefox (driver-firefox.ts, over the
 * WebDriver BiDi client in firefox.ts). A feature's test is written once against this and runs
 * in every browser of `BROWSERS`.
 *
 * Functions handed to `evaluate` and friends run in the browser, not in Node: they are sent as
 * source and may use only their parameters and the page's globals.
 *
 * Where the browsers truly differ, the difference is said here or in the implementations:
 * - `inExtension` runs in Chromium's service worker and in a Firefox extension page kept open in
 *   the background (Firefox's background page is not reachable over BiDi). `api` is `browser`
 *   in Firefox and `chrome` in Chromium: both return promises for what the tests call.
 * - `pressToolbarButton` is CDP's `Extensions.triggerAction` in Chromium; Firefox has no
 *   protocol command for it, and its browser window's own "trigger the action" is used.
 */
import type { FixtureServer } from './fixture-server.ts';

export type BrowserName = 'chromium' | 'firefox';

/**
 * The browsers the tests run in: both, or only those named in OQY_BROWSERS (comma-separated),
 * for a fast loop on one (`npm run test:e2e -- --browser firefox reader` sets it).
 */
export const BROWSERS: readonly BrowserName[] = (() => {
  const all: BrowserName[] = ['chromium', 'firefox'];
  const wanted = (process.env.OQY_BROWSERS ?? '').split(',').map((s) => s.trim().toLowerCase()).filter(Boolean);
  if (!wanted.length) return all;
  const unknown = wanted.filter((w) => !all.includes(w as BrowserName));
  if (unknown.length) throw new Error(`OQY_BROWSERS names no browser Oqy is tested in: ${unknown.join(', ')} (use chromium, firefox)`);
  return all.filter((b) => wanted.includes(b));
})();

export interface DriverOptions {
  /** The fixture server: qazaq24.com (and `extraHosts`) resolve to it. */
  server: FixtureServer;
  /** A profile to use and keep (for a restart on the same profile); by default a fresh one, removed on close. */
  profileDir?: string;
  /** The browser's interface language (what i18n picks messages by). Default en-US. */
  lang?: string;
  /**
   * More host names served by the fixture server (another site, where the content script does
   * not run). Firefox sends every http:// request to the fixture server anyway.
   */
  extraHosts?: string[];
  /** Default: headless unless a display is there (Chromium), always headless (Firefox). */
  headless?: boolean;
  /** Firefox only: more prefs for the profile (e.g. to grant optional permissions without a prompt). */
  firefoxPrefs?: Readonly<Record<string, string | number | boolean>>;
  /**
   * Firefox: the hosts whose https:// requests are answered by the fixture server too (Firefox
   * upgrades an extension page's http:// requests to https://). Default: qazaq24.com and its
   * subdomains; a pattern matching any host for tests that must see every request. Chromium maps `extraHosts` for
   * both schemes already.
   */
  httpsHosts?: RegExp;
  /** Where `tab.download` puts the files the pages download (Firefox saves there without asking). */
  downloadDir?: string;
  /** The unpacked extension to install. Default: dist/chrome or dist/firefox. */
  extensionDir?: string;
  /** Chromium only: turn on the Local Network Access checks (see chromium.ts). */
  localNetworkAccessChecks?: boolean;
}

export interface Viewport {
  width: number;
  height: number;
}

/** A tab (or the popup, or an extension page) of the browser under test. */
export interface Tab {
  readonly browser: Driver;
  /** The address the tab shows now. */
  url(): Promise<string>;
  /** The extension's id for this tab (tabs API). */
  id(): Promise<number>;
  /** Runs `fn(arg)` in the page (a promise is awaited) and returns its value, as JSON would. */
  evaluate<T, A = undefined>(fn: (arg: A) => T | Promise<T>, arg?: A): Promise<T>;
  /** Runs an expression (source text) in the page; returns its value. */
  evaluateSource<T>(expression: string): Promise<T>;
  /**
   * Polls `fn(arg)` until it returns something truthy; returns that. Errors between documents
   * count as "not yet". Throws after `timeoutMs` with `what` and the last value.
   */
  waitFor<T, A = undefined>(fn: (arg: A) => T | Promise<T>, arg?: A, options?: WaitOptions): Promise<T>;
  /** The visible text (innerText) of the first element matching `selector`, or null if none. */
  text(selector?: string): Promise<string | null>;
  /** Waits for an element matching `selector` that is visible (has a box); throws after the timeout. */
  waitForSelector(selector: string, options?: WaitOptions): Promise<void>;
  /**
   * A real mouse click at the centre of the first element matching `selector` (scrolled into
   * view if needed). With `closesPage`, the click is meant to close this page (a Close button in
   * a tab of its own, a popup's action that closes it): the page going while the click's answer
   * is awaited is no error, and the caller checks that the page closed.
   */
  click(selector: string, options?: { closesPage?: boolean }): Promise<void>;
  /** A real mouse click on the element with this ARIA role and accessible name (exact, trimmed). */
  clickRole(role: string, name: string | RegExp): Promise<void>;
  /** Presses one key ('Enter', 'Escape', 'Tab', 'ArrowDown', 'Backspace', 'a') or a chord ('Shift+Tab', 'Control+a'). */
  press(key: string): Promise<void>;
  /** Types text, a key at a time, into whatever has focus. */
  type(text: string): Promise<void>;
  /** Chooses the option `value` of the <select> `selector` and tells the page (input, then change), as a choice in the list does. */
  selectOption(selector: string, value: string): Promise<void>;
  /** Gives the file input `selector` the file at `path`, as choosing it in the file dialog would. */
  setInputFiles(selector: string, path: string): Promise<void>;
  /**
   * Runs `trigger` (a click that starts a download) and returns the file it downloaded into the
   * driver's `downloadDir`, once whole, with the name the browser gave it (matching `match`).
   */
  download(trigger: () => Promise<void>, options?: { match?: RegExp; timeoutMs?: number }): Promise<{ path: string; name: string }>;
  /** Turns the mouse wheel over the middle of the viewport. */
  wheel(deltaY: number): Promise<void>;
  /** Writes a PNG of the viewport (or the whole page) to `file`. */
  screenshot(file: string, options?: { fullPage?: boolean }): Promise<void>;
  setViewport(viewport: Viewport): Promise<void>;
  bringToFront(): Promise<void>;
  /** Goes to `url` in this tab (a new history entry) and waits for it to load. */
  goto(url: string): Promise<void>;
  reload(): Promise<void>;
  /** Back or forward in the tab's history; waits for `expectUrl` to show, when given. */
  back(expectUrl?: string): Promise<void>;
  forward(expectUrl?: string): Promise<void>;
  /** The messages of the errors the page's own scripts threw and left uncaught, since the tab opened. */
  errors(): readonly string[];
  /** Whether the tab is still open. */
  isOpen(): Promise<boolean>;
  close(): Promise<void>;
  /** Oqy's in-page reader, inside its closed shadow root, reached as only a test can reach it. */
  readonly reader: ReaderOverlay;
}

export interface WaitOptions {
  timeoutMs?: number;
  /** What is awaited, for the failure message. */
  what?: string;
}

/**
 * The in-page reader from outside its closed shadow root. `fn(root, arg)` runs in a world of
 * the test's own in the page (the page's scripts do not see it); `root` is null while no reader
 * is open.
 */
export interface ReaderOverlay {
  evaluate<T, A = undefined>(fn: (root: ShadowRoot | null, arg: A) => T | Promise<T>, arg?: A): Promise<T>;
  waitFor<T, A = undefined>(fn: (root: ShadowRoot | null, arg: A) => T | Promise<T>, arg?: A, options?: WaitOptions): Promise<T>;
  /** A real mouse click at the centre of the first element matching `selector` in the reader. */
  click(selector: string): Promise<void>;
  /** The reader's visible text under `selector` (default: all of it), or null. */
  text(selector?: string): Promise<string | null>;
}

/** What runs in the extension's own context: `api` is `browser` (Firefox) or `chrome` (Chromium). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type ExtensionApi = any;

export interface Driver {
  readonly name: BrowserName;
  /** chrome-extension://ID/ or moz-extension://UUID/ */
  readonly extensionBase: string;
  /** An extension page's address, e.g. extensionUrl(OPTIONS_PATH) or extensionUrl(READER_PATH, { open: 'reader:x' }). */
  extensionUrl(path: string, params?: Record<string, string | number>): string;
  /** Opens `url` in a new tab and waits for its load event. */
  openTab(url: string, options?: { viewport?: Viewport; loadTimeoutMs?: number }): Promise<Tab>;
  /** Opens an extension page (path inside the extension, with query parameters) in a new tab. */
  openExtensionPage(path: string, params?: Record<string, string | number>, options?: { viewport?: Viewport }): Promise<Tab>;
  /** The popup aimed at `target`, opened as a page (`?tab=ID`). */
  openPopup(target: Tab, options?: { viewport?: Viewport }): Promise<Tab>;
  /** Runs `fn(api, arg)` where the extension's API is. */
  inExtension<T, A = undefined>(fn: (api: ExtensionApi, arg: A) => T | Promise<T>, arg?: A): Promise<T>;
  /** The toolbar button's tooltip for a tab. */
  toolbarTitle(target: Tab): Promise<string>;
  /** Waits until the toolbar tooltip for the tab is one of `expected`; returns it. */
  waitForToolbarTitle(target: Tab, expected: readonly string[], timeoutMs?: number): Promise<string>;
  /**
   * Presses the toolbar button on the tab, as a person clicks it: the browser grants the
   * extension activeTab on that tab and opens the popup (closed again with `closePopup`).
   */
  pressToolbarButton(target: Tab, options?: { closePopup?: boolean }): Promise<void>;
  /** Closes the browser and starts it again on the same profile (needs `profileDir`). */
  restart(): Promise<void>;
  close(): Promise<void>;
}

/** The paths of the extension's pages. */
export const POPUP_PATH = 'src/popup/index.html';
export const OPTIONS_PATH = 'src/options/index.html';
export const READER_PATH = 'src/reader/index.html';
export const LIBRARY_PATH = 'src/library/index.html';

/** Polls `probe` until it returns something truthy (errors count as "not yet"). */
export async function pollUntil<T>(probe: () => Promise<T>, { timeoutMs = 15_000, what = 'a condition' }: WaitOptions = {}): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  let pause = 25;
  for (;;) {
    try {
      last = await probe();
      if (last) return last as T;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) {
      throw new Error(`waited ${timeoutMs} ms for ${what}; last: ${last instanceof Error ? last.message : JSON.stringify(last)?.slice(0, 500)}`);
    }
    await new Promise((done) => setTimeout(done, pause));
    pause = Math.min(pause * 2, 200);
  }
}

/** Source that calls `fn` with `arg` (JSON), for the drivers that send source text. */
export function callSource(fn: (...args: never[]) => unknown, ...args: unknown[]): string {
  return `(${fn.toString()})(${args.map((a) => (a === undefined ? 'undefined' : JSON.stringify(a))).join(', ')})`;
}

/**
 * Finds the element with an ARIA role and accessible name, in the page (sent as source). The
 * name is the aria-label, the text of aria-labelledby, an <input>'s label or value, or the
 * text content, trimmed and with white space collapsed; implicit roles cover what the extension's
 * pages use.
 */
export function findByRole(role: string, name: { text: string } | { pattern: string; flags: string }): Element | null {
  const implicit: Record<string, string> = {
    button: 'button, input[type=button], input[type=submit], input[type=reset], summary',
    link: 'a[href]',
    checkbox: 'input[type=checkbox]',
    radio: 'input[type=radio]',
    textbox: 'input:not([type]), input[type=text], input[type=search], input[type=url], input[type=email], textarea',
    searchbox: 'input[type=search]',
    combobox: 'select',
    heading: 'h1, h2, h3, h4, h5, h6',
    tab: '',
    dialog: 'dialog',
    option: 'option',
  };
  const squash = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, ' ').trim();
  const accessibleName = (el: Element): string => {
    const label = el.getAttribute('aria-label');
    if (label) return squash(label);
    const by = el.getAttribute('aria-labelledby');
    if (by) return squash(by.split(/\s+/).map((id) => el.ownerDocument.getElementById(id)?.textContent ?? '').join(' '));
    if (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement) {
      const labels = Array.from(el.labels ?? []).map((l) => l.textContent).join(' ');
      if (squash(labels)) return squash(labels);
      if (el instanceof HTMLInputElement && ['button', 'submit', 'reset'].includes(el.type)) return squash(el.value);
      return squash(el.getAttribute('title') ?? el.getAttribute('placeholder'));
    }
    return squash(el.textContent) || squash(el.getAttribute('title'));
  };
  const selector = [`[role="${role}"]`, implicit[role] ?? ''].filter(Boolean).join(', ');
  const matches = (s: string) => ('text' in name ? s === squash(name.text) : new RegExp(name.pattern, name.flags).test(s));
  const visible = (el: Element) => {
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0;
  };
  const all = Array.from(document.querySelectorAll(selector)).filter((el) => matches(accessibleName(el)));
  return all.find(visible) ?? all[0] ?? null;
}

/** The name argument of findByRole for a string or a pattern. */
export function roleName(name: string | RegExp): { text: string } | { pattern: string; flags: string } {
  return typeof name === 'string' ? { text: name } : { pattern: name.source, flags: name.flags };
}

/** Starts the browser `name` with Oqy installed. */
export async function launchDriver(name: BrowserName, options: DriverOptions): Promise<Driver> {
  if (name === 'chromium') return (await import('./driver-chromium.ts')).launchChromiumDriver(options);
  return (await import('./driver-firefox.ts')).launchFirefoxDriver(options);
}
