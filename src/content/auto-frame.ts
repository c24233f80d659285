/**
 * What auto mode shows while an article's page is on its way: the reader's frame, on the
 * reader's own host (reader-host.ts), from the first frame the page draws. Its toolbar has
 * "Show the original page" (a click, Enter or Esc at any moment), the article's title as soon
 * as the page has one, and a line saying what is happening; below, in the reader's column, grey
 * lines where the title and the text will be. The reader takes the host over when the article
 * is read, so the page never shows in between; if the page is no article, the frame goes.
 *
 * Its words are all small, in the toolbar: the first text the reader draws in the column is the
 * article's own, and that is what a measure of the largest text painted (LCP) sees arrive.
 *
 * Plain DOM, no framework: it is part of the small script that runs at document_start.
 */
import { THEME_VARS, themeCss, type ThemeName } from '../reader/themes.ts';
import { FONT_FAMILIES } from '../reader/fonts.ts';
import type { ReaderSettings } from '../shared/settings-schema.ts';
import { createReaderHost, type ReaderHost } from './reader-host.ts';
import {
  autoOpening as enOpening,
  autoStillLoading as enStillLoading,
  readerShowOriginal as enShowOriginal,
} from '../../public/_locales/en/messages.json';
import {
  autoOpening as kkOpening,
  autoStillLoading as kkStillLoading,
  readerShowOriginal as kkShowOriginal,
} from '../../public/_locales/kk/messages.json';
import {
  autoOpening as ruOpening,
  autoStillLoading as ruStillLoading,
  readerShowOriginal as ruShowOriginal,
} from '../../public/_locales/ru/messages.json';

export type FrameLanguage = 'kk' | 'ru' | 'en';
/** The reader's settings the frame is drawn with. */
export type FrameLook = Pick<ReaderSettings, 'theme' | 'font' | 'fontSize' | 'lineWidth' | 'lineHeight'>;

/** The frame's few words, from the locale files themselves (only these keys are bundled). */
const WORDS: Readonly<Record<FrameLanguage, { opening: string; stillLoading: string; showOriginal: string }>> = {
  en: { opening: enOpening.message, stillLoading: enStillLoading.message, showOriginal: enShowOriginal.message },
  kk: { opening: kkOpening.message, stillLoading: kkStillLoading.message, showOriginal: kkShowOriginal.message },
  ru: { opening: ruOpening.message, stillLoading: ruStillLoading.message, showOriginal: ruShowOriginal.message },
};

const themeRule = (selector: string, name: ThemeName) => `${selector} { ${themeCss(name)} }`;

/** The reader's look (reader.css) in brief: the same toolbar height, column, title and colours. */
const FRAME_CSS = `
${themeRule('.frame, .frame[data-theme="light"], .frame[data-theme="system"]', 'light')}
${themeRule('.frame[data-theme="sepia"]', 'sepia')}
${themeRule('.frame[data-theme="dark"]', 'dark')}
@media (prefers-color-scheme: dark) { ${themeRule('.frame[data-theme="system"]', 'dark')} }
.frame {
  all: initial; display: block; box-sizing: border-box; min-height: 100vh;
  background: var(${THEME_VARS.background}); color: var(${THEME_VARS.text});
  font-family: ${FONT_FAMILIES.serif};
  --size: 19px; --width: 65ch; --leading: 1.6;
}
.frame[data-font="sans"] { font-family: ${FONT_FAMILIES.sans}; }
.frame * { box-sizing: border-box; }
.bar {
  position: sticky; top: 0; display: flex; flex-wrap: wrap; align-items: center; gap: 8px 14px;
  padding: 8px 16px; background: var(${THEME_VARS.surface}); color: var(${THEME_VARS.surfaceText});
  border-bottom: 1px solid var(${THEME_VARS.border}); font: 14px/1.3 ${FONT_FAMILIES.sans};
}
button {
  font: inherit; color: inherit; background: transparent; border: 1px solid var(${THEME_VARS.border});
  border-radius: 6px; padding: 5px 10px; min-height: 32px; cursor: pointer; margin-right: auto;
}
button:hover { border-color: var(${THEME_VARS.accent}); }
button:focus-visible { outline: 3px solid var(${THEME_VARS.accent}); outline-offset: 2px; }
.bar p { margin: 0; }
.what { flex: 0 1 auto; min-width: 0; max-width: 45vw; overflow: hidden; white-space: nowrap; text-overflow: ellipsis; font-weight: 600; }
.what:empty { display: none; }
.page { display: block; padding: 40px 20px 80px; }
.column { max-width: var(--width); margin: 0 auto; font-size: var(--size); line-height: var(--leading); }
.heading, .lines i { display: block; background: var(${THEME_VARS.border}); border-radius: 4px; }
.heading { height: 1.75em; width: 70%; margin: 0 0 1em; }
.lines { border-top: 1px solid var(${THEME_VARS.border}); padding-top: 1.4em; }
.lines i { display: block; height: 0.75em; margin: 0 0 calc(var(--leading) * 1em - 0.75em); }
.lines i:nth-child(4n + 2) { width: 94%; }
.lines i:nth-child(4n + 3) { width: 97%; }
.lines i:nth-child(4n) { width: 62%; margin-bottom: 1.6em; }
@media (prefers-reduced-motion: no-preference) {
  .lines { animation: wait 1.4s ease-in-out infinite alternate; }
  @keyframes wait { to { opacity: 0.5; } }
}`;

export interface AutoFrame {
  /** The frame is gone: shown the original, or the page took the host out. */
  readonly gone: boolean;
  /** The reader's look and the interface language, once the settings are read. */
  settle(reader: FrameLook, language: FrameLanguage): void;
  /** The article's title, as far as the page has told it. */
  title(text: string): void;
  /** Says the page is taking long. */
  stillLoading(): void;
  /** The page's body is there: it is inert while covered, so the keyboard stays in the frame. */
  holdPage(body: HTMLElement): void;
  /** Takes the frame's own content and listeners out and leaves the host, shown, with the page held, for the reader. */
  handOver(): ReaderHost;
  /** Takes the frame, host and all, out of the page. */
  remove(): void;
}

/**
 * Shows the frame at once. `onShowOriginal` is called when the person asks for the page (the
 * button, Esc); the frame is removed by then.
 */
export function showFrame(language: FrameLanguage, onShowOriginal: () => void): AutoFrame {
  const host = createReaderHost('system', { topLayer: true, pageUnseen: true });
  // Said to assistive technology, and to whoever watches the host, until the reader is in.
  host.host.setAttribute('aria-busy', 'true');
  const style = document.createElement('style');
  style.textContent = FRAME_CSS;
  const frame = document.createElement('div');
  frame.className = 'frame';
  frame.setAttribute('data-theme', 'system');

  const bar = document.createElement('div');
  bar.className = 'bar';
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'oqy-close';
  button.title = 'Esc';
  const arrow = document.createElement('span');
  arrow.setAttribute('aria-hidden', 'true');
  arrow.textContent = '←';
  const label = document.createTextNode('');
  button.append(arrow, ' ', label);
  const what = document.createElement('p');
  what.className = 'what';
  const status = document.createElement('p');
  status.setAttribute('role', 'status');
  status.setAttribute('aria-live', 'polite');
  bar.append(button, what, status);

  const page = document.createElement('main');
  page.className = 'page';
  page.setAttribute('aria-busy', 'true');
  const column = document.createElement('div');
  column.className = 'column';
  column.setAttribute('aria-hidden', 'true');
  const heading = document.createElement('i');
  heading.className = 'heading';
  const lines = document.createElement('div');
  lines.className = 'lines';
  for (let i = 0; i < 12; i++) lines.append(document.createElement('i'));
  column.append(heading, lines);
  page.append(column);
  frame.append(bar, page);
  host.shadow.append(style, frame);

  let words = WORDS[language];
  let slow = false;
  const say = () => {
    label.data = words.showOriginal;
    status.textContent = slow ? words.stillLoading : words.opening;
  };
  say();

  let removed = false;
  const release = () => window.removeEventListener('keydown', onKey, true);
  const showOriginal = () => {
    if (removed) return;
    handle.remove();
    onShowOriginal();
  };
  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'Escape' && e.isTrusted) {
      e.preventDefault();
      showOriginal();
    }
  };
  button.addEventListener('click', (e) => {
    if (e.isTrusted) showOriginal();
  });
  window.addEventListener('keydown', onKey, true);
  button.focus({ preventScroll: true });

  const handle: AutoFrame = {
    get gone() {
      return removed || !host.host.isConnected;
    },
    settle(reader, lang) {
      words = WORDS[lang];
      say();
      host.host.setAttribute('data-theme', reader.theme);
      frame.setAttribute('data-theme', reader.theme);
      frame.setAttribute('data-font', reader.font);
      frame.style.setProperty('--size', `${reader.fontSize}px`);
      frame.style.setProperty('--width', `${reader.lineWidth}ch`);
      frame.style.setProperty('--leading', String(reader.lineHeight));
    },
    title(text) {
      if (what.textContent !== text) what.textContent = text;
    },
    stillLoading() {
      slow = true;
      say();
    },
    holdPage(body) {
      if (!removed) host.holdBody(body);
    },
    handOver() {
      release();
      removed = true;
      style.remove();
      frame.remove();
      host.host.removeAttribute('aria-busy');
      return host;
    },
    remove() {
      if (removed) return;
      release();
      removed = true;
      host.remove();
    },
  };
  return handle;
}
