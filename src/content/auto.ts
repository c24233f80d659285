/**
 * Auto reader mode, the part that runs at document_start on every page of the sites auto mode is
 * on for (the background registers it for those only). It is small on purpose: it decides by the
 * address and the page's own signs, shows the reader's frame over a page that may be an article
 * while the page streams in, and has the rest (the extractor and the reader, reader-part.ts)
 * injected by the background only where there is an article to read.
 *
 * - A home page (by its address) is left alone from the start: nothing covers it.
 * - Any other page gets the reader's frame at once (auto-frame.ts), in the reader's theme, with
 *   the title as soon as the page has one, and "Show the original page" at every moment.
 * - The reader's part is asked for once the frame is drawn, when the page looks like an article
 *   (its address, its metadata), so it is ready when the HTML is all there; otherwise when the
 *   detector says "article". The reader's faces come after its text is painted.
 * - When the HTML is all there (DOMContentLoaded), an article is read and the reader takes the
 *   frame's host over; anything else gets its frame taken away. There is no deadline: a page
 *   that stalls keeps its frame, which says the page is still loading, until the page is there.
 * - Auto mode never saves.
 */
import isProbablyReaderable from '@mozilla/readability/Readability-readerable.js';
import { detectPage } from '../core/detect.ts';
import { isWebPage } from '../core/web-page.ts';
import { DEFAULT_SETTINGS, LIMITS, type ReaderSettings } from '../shared/settings-schema.ts';
import type { AutoProblem } from '../shared/messages.ts';
import { ask, extensionApi, readStoredSettings } from './extension-api.ts';
import { closeReader, isReaderOpen, onReaderClosed } from './reader-host.ts';
import { showFrame, type AutoFrame, type FrameLanguage, type FrameLook } from './auto-frame.ts';
import { removeFontFaces } from './font-faces.ts';
import { loadReaderPart } from './reader-part-handoff.ts';
import { setWorldGlobal, worldGlobal } from './world-global.ts';
import { mark } from './auto-timing.ts';

/** After the site changes page without a load, its new content needs a moment to arrive. */
const SOFT_NAVIGATION_SETTLE_MS = 400;
/** How long the frame waits before it says the page is still loading. */
const STILL_LOADING_AFTER_MS = 1000;
/** The longest title the frame shows before the reader has read the page. */
const TITLE_MAX = 300;

function report(detail: string): void {
  const problem: AutoProblem = { kind: 'failed', detail };
  ask({ type: 'oqy/auto-problem', problem }).catch(() => undefined);
}

/** A page's address without its fragment: `#` links (the site's own "up") do not change the page. */
const pageAddress = (href: string) => href.split('#')[0]!;

/** A site's home, or a language edition's (/ru/, /kk/index.html): never an article. */
const HOME_PATH = /^\/(?:[a-z]{2}(?:-[a-z]{2})?\/?)?(?:index\.(?:html?|php))?$/i;
/** An address that names one story: an id at its end, or a date in its path. */
const STORY_PATH = /[-_/]\d{3,}(?:\.html?)?\/?$|\/(?:19|20)\d\d\/[01]?\d\//;

/** The page's own word that it is an article, as far as it has been parsed: its metadata, an <article>. */
const articleElements = document.getElementsByTagName('article');
function pageSaysArticle(): boolean {
  const head = document.head;
  const type = head?.querySelector('meta[property="og:type"]')?.getAttribute('content')?.trim().toLowerCase();
  return type === 'article' || !!head?.querySelector('meta[property="article:published_time"]') || articleElements.length > 0;
}

/** The article's title as far as the head tells it: its og:title, or its <title> without the site's name. */
function titleSoFar(): string | null {
  const og = document.head?.querySelector('meta[property="og:title"]')?.getAttribute('content')?.trim();
  const title = og || document.title.trim().split(/\s+[|–—-]\s+/)[0]!.trim();
  return title ? title.slice(0, TITLE_MAX) : null;
}

/** The detector that runs on every page load: a known site's own, or Readability's check elsewhere. */
function isArticleHere(): boolean {
  const status = detectPage(document, location.href);
  if (status.site !== 'generic') return status.isArticle;
  // The thresholds of the generic profile (src/core/profiles/generic.ts); its extraction checks again.
  return isWebPage(document) && !!document.body && isProbablyReaderable(document, { minContentLength: 140, minScore: 20 });
}

const THEMES: readonly unknown[] = ['light', 'sepia', 'dark', 'system'];
const LANGUAGES: readonly unknown[] = ['kk', 'ru', 'en'];

/**
 * What the frame needs of the stored settings, each value checked (the defaults otherwise):
 * the full migration is the reader's part's, and only the frame's look is at stake here.
 */
function lookOf(stored: unknown): { look: FrameLook; language: FrameLanguage } {
  const d = DEFAULT_SETTINGS.reader;
  const reader = ((stored as { reader?: unknown } | null)?.reader ?? {}) as Partial<Record<keyof ReaderSettings, unknown>>;
  const within = (key: 'fontSize' | 'lineWidth' | 'lineHeight') => {
    const v = reader[key];
    return typeof v === 'number' && v >= LIMITS[key].min && v <= LIMITS[key].max ? v : d[key];
  };
  const chosen = (stored as { uiLanguage?: unknown } | null)?.uiLanguage;
  return {
    look: {
      theme: THEMES.includes(reader.theme) ? (reader.theme as FrameLook['theme']) : d.theme,
      font: reader.font === 'sans' || reader.font === 'serif' ? reader.font : d.font,
      fontSize: within('fontSize'),
      lineWidth: within('lineWidth'),
      lineHeight: within('lineHeight'),
    },
    language: LANGUAGES.includes(chosen) ? (chosen as FrameLanguage) : browserLanguage(),
  };
}

function browserLanguage(): FrameLanguage {
  let tag = 'en';
  try {
    tag = extensionApi().i18n.getUILanguage();
  } catch {
    /* English */
  }
  const primary = tag.toLowerCase().split(/[-_]/)[0];
  return primary === 'kk' || primary === 'ru' ? primary : 'en';
}

/** "Show the original page" holds for the address it was shown for, until the page reloads. */
const originalChosenFor = new Set<string>();
/** The address the reader was opened for by this script. */
let shownFor: string | null = null;
/** True while the reader is closed because the page changed, not by the person's choice. */
let leaving = false;
/** The frame over the page while it loads: what happens at DOMContentLoaded is decided there. */
let loading: AutoFrame | null = null;

/** At DOMContentLoaded: the reader in the frame's host for an article, the page as it is otherwise. */
async function settle(frame: AutoFrame, settings: Promise<unknown>): Promise<void> {
  // Shown the original, or the page took the host out: what the frame held of the page goes back.
  if (frame.gone) return frame.remove();
  const giveUp = (problem?: string) => {
    frame.remove();
    removeFontFaces();
    if (problem) report(problem);
  };
  if (!isArticleHere()) return giveUp();
  const [part, chosen] = await Promise.all([loadReaderPart(), settings]);
  mark('part-in-hand');
  // The person asked for the page meanwhile, or the page took the frame out.
  if (frame.gone) return frame.remove();
  if (!part) return giveUp('the reader could not be put into the page');
  const here = pageAddress(location.href);
  const result = await part.open(() => frame.handOver(), chosen);
  if (result.kind === 'opened') {
    shownFor = here;
    return;
  }
  // Opened by hand meanwhile (the shortcut): that reader stays, with its faces.
  if (result.kind === 'already-open') return frame.remove();
  giveUp(result.kind === 'failed' ? result.detail : undefined);
}

function onFirstLoad(): void {
  const url = new URL(location.href);
  if (HOME_PATH.test(url.pathname)) return;
  if (document.readyState !== 'loading') {
    void openIfArticle();
    return;
  }
  mark('auto-start');
  const settings = readStoredSettings().catch(() => undefined);
  void settings.then(() => mark('settings-read'));
  let observer: MutationObserver | null = null;
  const stop = () => {
    observer?.disconnect();
    observer = null;
  };
  const frame = showFrame(browserLanguage(), () => {
    stop();
    originalChosenFor.add(pageAddress(location.href));
    removeFontFaces();
  });
  loading = frame;
  // On the window, capturing, added before any script of the page: no listener of the page's can stop it first.
  const parsed = new Promise<void>((resolve) => window.addEventListener('DOMContentLoaded', () => resolve(), { once: true, capture: true }));
  // The reader's part (some 300 KB to compile, on the page's main thread) is asked for once the
  // page's first frame is drawn, which shows the frame and must not be held back by it; or at
  // DOMContentLoaded, whichever comes first. Asked at once instead, it delayed the first frame
  // by some 200 ms and the reader's text by nothing: the page's parsing and the compiling share
  // one thread.
  const drawn = Promise.race([new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0))), parsed]);
  let asked = false;
  const askEarly = () => {
    if (asked) return;
    asked = true;
    void drawn.then(() => {
      if (frame.gone) return;
      mark('part-asked');
      void loadReaderPart();
    });
  };
  if (STORY_PATH.test(url.pathname)) askEarly();
  // The faces are not asked for here: turning their bytes into faces takes the page's main
  // thread for tens of milliseconds, which landed between the reader's render and its paint.
  // The reader asks once its text is painted in the fallback face (reader-overlay.tsx), and
  // they swap in.
  void settings.then((stored) => {
    if (frame.gone) return;
    const { look, language } = lookOf(stored);
    frame.settle(look, language);
  });

  let titled = false;
  const look = () => {
    if (frame.gone) return stop();
    const title = titleSoFar();
    if (title) frame.title(title);
    titled ||= !!title && !!document.body;
    if (document.body) frame.holdPage(document.body);
    if (!asked && pageSaysArticle()) askEarly();
    // All it looks for is known: the rest of the parse goes unwatched.
    if (asked && titled && document.body) stop();
  };
  observer = new MutationObserver(look);
  observer.observe(document, { childList: true, subtree: true });
  const slow = setTimeout(() => frame.stillLoading(), STILL_LOADING_AFTER_MS);
  void parsed.then(() => {
    mark('dcl');
    clearTimeout(slow);
    look();
    stop();
    settle(frame, settings)
      .catch((e: unknown) => {
        frame.remove();
        removeFontFaces();
        report(String((e as Error)?.message ?? e));
      })
      .finally(() => (loading = null));
  });
}

/** A page the site changed without a load (or one already loaded): the reader if it is an article. */
async function openIfArticle(): Promise<void> {
  const here = pageAddress(location.href);
  if (loading || originalChosenFor.has(here) || isReaderOpen() || !isArticleHere()) return;
  const [part, settings] = await Promise.all([loadReaderPart(), readStoredSettings().catch(() => undefined)]);
  if (!part) return report('the reader could not be put into the page');
  // The site moved on meanwhile.
  if (pageAddress(location.href) !== here) return;
  const result = await part.open(null, settings);
  if (result.kind === 'opened') shownFor = here;
  else if (result.kind === 'failed') report(result.detail);
}

/** Pages changed with history.pushState: no load event, so the address is watched. */
function watchSoftNavigation(): void {
  let last = pageAddress(location.href);
  const check = () => {
    const now = pageAddress(location.href);
    if (now === last) return;
    last = now;
    leaving = true;
    if (isReaderOpen()) closeReader();
    leaving = false;
    setTimeout(() => void openIfArticle().catch((e: unknown) => report(String((e as Error)?.message ?? e))), SOFT_NAVIGATION_SETTLE_MS);
  };
  window.addEventListener('popstate', check);
  const navigation = (window as unknown as { navigation?: EventTarget }).navigation;
  // Elements named "navigation" show through where the browser has no Navigation API (DOM clobbering).
  if (typeof navigation?.addEventListener === 'function') navigation.addEventListener('navigatesuccess', check);
  // pushState fires no event a content script hears in every browser.
  setInterval(check, 1000);
}

if (!worldGlobal<boolean>('__oqyAuto') && document.documentElement) {
  setWorldGlobal('__oqyAuto', true);
  onReaderClosed(() => {
    if (!leaving) originalChosenFor.add(shownFor ?? pageAddress(location.href));
    shownFor = null;
  });
  onFirstLoad();
  watchSoftNavigation();
}
