/**
 * What the reader adds for reading a saved article: it reopens where the reader stopped (or, on
 * the news page, offers to), keeps the position as the reader scrolls, and draws the highlights,
 * with a bar to highlight the selected text and an editor for a highlight's colour and note.
 * Highlights are kept on the article's original text (core/anchor), so they are drawn again in
 * place after a change of font, size, theme or script.
 */
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { Extraction } from '../core/types.ts';
import { blockAt, blockText, buildTextMap, originalOffset, type TextMap } from '../core/anchor/text-map.ts';
import { describeQuote, locateQuote, MAX_EXACT, type TextQuote } from '../core/anchor/quote.ts';
import { clearMarks, MARK_ATTRIBUTE, paintMarks, type MarkSpan } from '../core/anchor/marks.ts';
import { findBlock, fingerprintOf, progressOf } from '../core/anchor/position.ts';
import { toLatin2021 } from '../core/translit/kazakh-latin.ts';
import { HIGHLIGHT_COLORS, newHighlightId, type Highlight, type HighlightColor, type ReadingRecord } from '../shared/reading-db.ts';
import { tellBackground, type ReadingWriteReply } from '../shared/messages.ts';
import { saveMessageFor } from '../shared/save-message.ts';
import { t } from '../shared/i18n.ts';
import { loadReading, removeHighlight, storeHighlight, storePosition } from './reading-client.ts';
import { currentPosition, scrollToBlock } from './position-dom.ts';
import { COLOR_LABELS, Editor, type Editing } from './HighlightEditor.tsx';

/** How long scrolling has to rest before the position is kept. */
const KEEP_AFTER_MS = 400;

export interface RenderedBody {
  el: HTMLElement;
  originals: string[];
}

interface Props {
  article: Extraction;
  /** Opened from the library: go straight to the position. On a news page: offer it. */
  fromLibrary: boolean;
  /** The body as last rendered, and a counter that changes with each render. */
  body: () => RenderedBody | null;
  rendered: number;
  reader: () => HTMLElement | null;
  latin: boolean;
  /** The toolbar's save finished (the article may be in the library now). */
  savedByToolbar: boolean;
  /** Changes with every setting that moves the lines (size, width, spacing, font, script). */
  layout: string;
  /** Drawn over a news page (not in a tab of the extension's own). */
  overPage: boolean;
}

type Pending = { quote: TextQuote } | { tooLong: true } | null;

function replyText(reply: Extract<ReadingWriteReply, { ok: false }>): string {
  return reply.reason === 'quota' ? t('libraryQuota') : t('highlightFailed', reply.error);
}

/** The selection inside `el` as a Range, whichever root (document or shadow root) holds it. */
function selectionIn(el: HTMLElement): Range | null {
  const root = el.getRootNode() as Document | (ShadowRoot & { getSelection?: () => Selection | null });
  const selection = ('getSelection' in root && typeof root.getSelection === 'function' ? root.getSelection() : null) ?? el.ownerDocument.getSelection();
  if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return null;
  const range = selection.getRangeAt(0);
  return el.contains(range.startContainer) && el.contains(range.endContainer) ? range : null;
}

export function ReadingLayer({ article, fromLibrary, body, rendered, reader, latin, savedByToolbar, layout, overPage }: Props) {
  const id = article.url;
  const [saved, setSaved] = useState<boolean | null>(null);
  const [reading, setReading] = useState<ReadingRecord | null>(null);
  const [highlights, setHighlights] = useState<Highlight[]>([]);
  const [offer, setOffer] = useState(false);
  const [pending, setPending] = useState<Pending>(null);
  const [editing, setEditing] = useState<Editing | null>(null);
  const [note, setNote] = useState('');
  const [status, setStatus] = useState('');
  const map = useRef<TextMap | null>(null);
  /** The rendering of the body the map was built for: a new one (script changed) needs a new map. */
  const paintedFor = useRef<RenderedBody | null>(null);
  const tracking = useRef(false);
  const userMoved = useRef(false);
  /**
   * Whether the reader has used the wheel, a key, a pointer or a touch since the reader opened:
   * only then is a position kept. (Over a news page, the page's own script can scroll the
   * reader's frame, and cannot make such an event trusted.)
   */
  const userActed = useRef(false);
  /** The block at the top of the screen when scrolling last rested. */
  const lastTop = useRef<number | null>(null);
  const tools = useRef<HTMLDivElement>(null);
  const noteField = useRef<HTMLTextAreaElement>(null);
  const returnFocus = useRef<HTMLElement | null>(null);
  /** A highlight whose mark takes the focus once the marks are drawn again (after its editor closed). */
  const focusAfterPaint = useRef<string | null>(null);

  // The article's state in the library.
  useEffect(() => {
    let gone = false;
    void loadReading(id).then((state) => {
      if (gone) return;
      setSaved(state.saved);
      if (!state.saved) return;
      setReading(state.reading);
      setHighlights(state.highlights);
    });
    return () => {
      gone = true;
    };
  }, [id]);

  useEffect(() => {
    if (!savedByToolbar || saved) return;
    void loadReading(id).then((state) => {
      if (!state.saved) return;
      // Saved just now from the toolbar: nothing to go back to, the position is kept from here on.
      tracking.current = true;
      setSaved(true);
    });
  }, [savedByToolbar]);

  // Draw the highlights: a new body gets a new map of its text; otherwise the marks are redrawn on the split text.
  useLayoutEffect(() => {
    const shown = body();
    if (!shown) return;
    // A mark with the keyboard's focus is drawn anew below: the focus goes to its new mark.
    const active = (shown.el.getRootNode() as Document | ShadowRoot).activeElement;
    const focused = shown.el.contains(active) ? (active?.closest(`[${MARK_ATTRIBUTE}]`)?.getAttribute(MARK_ATTRIBUTE) ?? null) : null;
    if (paintedFor.current !== shown || !map.current) {
      map.current = buildTextMap(shown.el, shown.originals);
      paintedFor.current = shown;
    } else {
      clearMarks(shown.el);
    }
    const current = map.current;
    const spans: MarkSpan[] = [];
    for (const h of highlights) {
      const at = locateQuote(current.text, h, (offset) => blockAt(current, offset));
      if (at) spans.push({ id: h.id, ...at });
    }
    const byId = new Map(highlights.map((h) => [h.id, h]));
    map.current = paintMarks(current, spans, (doc, span, first) => {
      const h = byId.get(span.id)!;
      const mark = doc.createElement('mark');
      mark.className = 'oqy-highlight';
      mark.dataset.color = h.color;
      if (h.note) mark.dataset.note = 'true';
      if (first) {
        mark.tabIndex = 0;
        mark.setAttribute('role', 'button');
        const excerpt = h.exact.length > 80 ? `${h.exact.slice(0, 80)}…` : h.exact;
        mark.setAttribute('aria-label', t('highlightMark', latin ? toLatin2021(excerpt) : excerpt));
        if (h.note) mark.title = h.note;
      }
      return mark;
    });
    const focus = focusAfterPaint.current ?? focused;
    focusAfterPaint.current = null;
    if (focus) focusMark(focus);
  }, [rendered, highlights, latin]);

  /** Focuses the first mark of a highlight; false where it is not drawn. */
  const focusMark = (highlightId: string): boolean => {
    const mark = body()?.el.querySelector<HTMLElement>(`[${MARK_ATTRIBUTE}="${CSS.escape(highlightId)}"][tabindex="0"]`);
    mark?.focus({ preventScroll: true });
    return !!mark;
  };

  // Where the reader stopped: straight there from the library, offered on the news page.
  const restored = useRef(false);
  useEffect(() => {
    if (saved === null || restored.current || !map.current) return;
    restored.current = true;
    if (!saved) return;
    if (!reading || (reading.block === 0 && !reading.finished)) {
      tracking.current = true;
      return;
    }
    if (fromLibrary) jump(reading);
    else setOffer(true);
  }, [saved, reading, rendered]);

  // A new size, width, spacing, font or script moves every line: the paragraph that was at the top stays there.
  const laidOut = useRef(layout);
  useLayoutEffect(() => {
    if (laidOut.current === layout) return;
    laidOut.current = layout;
    const current = map.current;
    if (current && lastTop.current !== null && lastTop.current > 0) scrollToBlock(current, lastTop.current, reader());
  }, [layout, rendered]);

  const jump = (to: Pick<ReadingRecord, 'block' | 'fingerprint'>) => {
    const current = map.current;
    if (!current) return;
    const fingerprints = current.blocks.map((_, i) => fingerprintOf(blockText(current, i)));
    const index = findBlock(fingerprints, to);
    userMoved.current = false;
    scrollToBlock(current, index, reader());
    lastTop.current = index;
    // Images above it may still be loading and push it down: put it back as they arrive, until the reader moves.
    for (const img of Array.from(body()?.el.querySelectorAll('img') ?? [])) {
      if (img.complete) continue;
      const again = () => !userMoved.current && map.current && scrollToBlock(map.current, index, reader());
      img.addEventListener('load', again, { once: true });
      img.addEventListener('error', again, { once: true });
    }
    tracking.current = true;
  };

  // Keep the position as the reader scrolls.
  useEffect(() => {
    const win = reader()?.ownerDocument.defaultView;
    if (!win || !saved) return;
    let timer = 0;
    let last = '';
    const keep = () => {
      timer = 0;
      const current = map.current;
      if (!tracking.current || !current || !userActed.current) return;
      const position = currentPosition(current, reader());
      if (!position) return;
      lastTop.current = position.block;
      const key = JSON.stringify(position);
      if (key === last) return;
      last = key;
      setReading((r) => ({ id, ...position, finished: position.finished || !!r?.finished, updatedAt: Date.now() }));
      void storePosition(id, position);
    };
    const onScroll = () => {
      win.clearTimeout(timer);
      timer = win.setTimeout(keep, KEEP_AFTER_MS);
    };
    const moved = (e: Event) => {
      if (!e.isTrusted) return;
      userMoved.current = true;
      userActed.current = true;
    };
    const flush = () => {
      if (timer) {
        win.clearTimeout(timer);
        keep();
      }
    };
    win.addEventListener('scroll', onScroll, { capture: true, passive: true });
    for (const type of ['wheel', 'keydown', 'pointerdown', 'touchstart']) win.addEventListener(type, moved, { capture: true, passive: true });
    // Moved before the position was watched (End pressed as the article appeared): kept too.
    const early = tracking.current && map.current ? currentPosition(map.current, reader()) : null;
    if (early && (early.block > 0 || early.finished)) onScroll();
    win.addEventListener('pagehide', flush);
    return () => {
      flush();
      win.removeEventListener('scroll', onScroll, { capture: true });
      for (const type of ['wheel', 'keydown', 'pointerdown', 'touchstart']) win.removeEventListener(type, moved, { capture: true });
      win.removeEventListener('pagehide', flush);
    };
  }, [saved, id]);

  // The selection, as a passage of the original text.
  useEffect(() => {
    const doc = reader()?.ownerDocument;
    if (!doc) return;
    const onChange = () => {
      const shown = body();
      const current = map.current;
      if (!shown || !current) return;
      const range = selectionIn(shown.el);
      if (!range) {
        // Moving into the bar (keyboard or mouse) keeps what was selected.
        if (!tools.current?.contains((reader()?.getRootNode() as Document | ShadowRoot)?.activeElement ?? null)) setPending(null);
        return;
      }
      const start = originalOffset(current, range.startContainer, range.startOffset);
      const end = originalOffset(current, range.endContainer, range.endOffset);
      const quote = describeQuote(current.text, start, end, blockAt(current, Math.min(start, end)));
      if (!quote) setPending(null);
      else setPending(quote.exact.length > MAX_EXACT ? { tooLong: true } : { quote });
    };
    doc.addEventListener('selectionchange', onChange);
    // A passage selected between the first render and now was announced to no one.
    onChange();
    return () => doc.removeEventListener('selectionchange', onChange);
  }, []);

  // A highlight clicked, or its first mark used from the keyboard.
  useEffect(() => {
    const el = body()?.el;
    if (!el) return;
    const markOf = (target: EventTarget | null) => (target as Element | null)?.closest?.(`[${MARK_ATTRIBUTE}]`) ?? null;
    const find = (mark: Element) => highlights.find((h) => h.id === mark.getAttribute(MARK_ATTRIBUTE));
    const onClick = (e: MouseEvent) => {
      if (!e.isTrusted) return;
      const mark = markOf(e.target);
      const h = mark && find(mark);
      if (!h || selectionIn(el)) return;
      openEditor({ kind: 'edit', highlight: h, color: h.color }, mark as HTMLElement);
    };
    const onKey = (e: KeyboardEvent) => {
      if (!e.isTrusted) return;
      const mark = markOf(e.target);
      const h = mark && find(mark);
      if (!h) return;
      if (e.key === 'Enter' || e.key === ' ') {
        e.preventDefault();
        openEditor({ kind: 'edit', highlight: h, color: h.color }, mark as HTMLElement);
      } else if (e.key === 'Delete' || e.key === 'Backspace') {
        e.preventDefault();
        void remove(h);
      }
    };
    el.addEventListener('click', onClick);
    el.addEventListener('keydown', onKey);
    return () => {
      el.removeEventListener('click', onClick);
      el.removeEventListener('keydown', onKey);
    };
  }, [rendered, highlights]);

  // The note field takes the focus when the editor opens (not at each change of colour in it).
  const editorOpen = editing !== null;
  useEffect(() => {
    if (editorOpen) noteField.current?.focus();
  }, [editorOpen]);

  // A status line is read out once (aria-live) and goes after a while.
  useEffect(() => {
    if (!status) return;
    const timer = setTimeout(() => setStatus(''), 8000);
    return () => clearTimeout(timer);
  }, [status]);

  const openEditor = (next: Editing, from: HTMLElement | null) => {
    returnFocus.current = from;
    setNote(next.kind === 'edit' ? next.highlight.note : '');
    setEditing(next);
  };

  const closeEditor = () => {
    setEditing(null);
    const back = returnFocus.current;
    returnFocus.current = null;
    // The marks may have been drawn anew while the editor was open: the highlight's mark, now or once drawn.
    if (editing?.kind === 'edit' && !focusMark(editing.highlight.id)) focusAfterPaint.current = editing.highlight.id;
    else if (editing?.kind !== 'edit' && back?.isConnected) back.focus({ preventScroll: true });
  };

  /** The article in the library, saving it first where it is not (the first highlight saves it). */
  const ensureSaved = async (): Promise<boolean> => {
    if (saved) return true;
    setStatus(t('highlightSavingArticle'));
    try {
      const reply = await tellBackground({ type: 'oqy/save', article });
      if (!reply.ok) {
        setStatus(saveMessageFor(reply));
        return false;
      }
    } catch (e) {
      setStatus(t('highlightFailed', String((e as Error)?.message ?? e)));
      return false;
    }
    setSaved(true);
    tracking.current = true;
    return true;
  };

  const create = async (quote: TextQuote, color: HighlightColor, text: string) => {
    if (!(await ensureSaved())) return;
    const now = Date.now();
    const h: Highlight = { ...quote, id: newHighlightId(), articleId: id, color, note: text.trim(), createdAt: now, updatedAt: now };
    const reply = await storeHighlight(h);
    if (!reply.ok) {
      setStatus(replyText(reply));
      return;
    }
    setHighlights((list) => [...list, h]);
    setPending(null);
    const shown = body();
    if (shown) shown.el.ownerDocument.getSelection()?.removeAllRanges();
    setStatus(t('highlightKept'));
  };

  const update = async (h: Highlight, change: Partial<Pick<Highlight, 'color' | 'note'>>) => {
    const next = { ...h, ...change, updatedAt: Date.now() };
    const reply = await storeHighlight(next);
    if (!reply.ok) {
      setStatus(replyText(reply));
      return;
    }
    setHighlights((list) => list.map((x) => (x.id === h.id ? next : x)));
    setStatus(t('highlightKept'));
  };

  const remove = async (h: Highlight) => {
    const reply = await removeHighlight(h.id);
    if (!reply.ok) {
      setStatus(replyText(reply));
      return;
    }
    setHighlights((list) => list.filter((x) => x.id !== h.id));
    setStatus(t('highlightRemoved'));
    if (editing) setEditing(null);
    reader()?.querySelector<HTMLElement>('.oqy-close')?.focus({ preventScroll: true });
  };

  const progress = progressOf(reading);
  const quote = pending && 'quote' in pending ? pending.quote : null;
  const keepSelection = (e: MouseEvent) => e.preventDefault();

  return (
    <div class="oqy-reading" ref={tools} onClickCapture={onlyTrusted} onKeyDownCapture={onlyTrusted} onInputCapture={onlyTrusted} onMouseDownCapture={onlyTrusted}>
      {offer && reading ? (
        <div class="oqy-resume" role="region" aria-label={t('readingResume')} data-testid="resume">
          <p>{progress.kind === 'finished' ? t('readingResumeFinished') : t('readingResumeText', String(progress.kind === 'reading' ? progress.percent : 0))}</p>
          <button
            type="button"
            class="oqy-primary"
            data-action="resume"
            onClick={() => {
              setOffer(false);
              jump(reading);
            }}
          >
            {t('readingResume')}
          </button>
          <button
            type="button"
            data-action="resume-dismiss"
            onClick={() => {
              setOffer(false);
              tracking.current = true;
            }}
          >
            {t('readingResumeDismiss')}
          </button>
        </div>
      ) : null}
      {pending && !editing ? (
        <div class="oqy-highlight-bar" role="group" aria-label={t('highlightBar')} data-testid="highlight-bar">
          {'tooLong' in pending ? (
            <p>{t('highlightTooLong')}</p>
          ) : (
            <>
              {HIGHLIGHT_COLORS.map((color) => (
                <button
                  type="button"
                  class="oqy-color"
                  data-color={color}
                  data-highlight-color={color}
                  aria-label={t(COLOR_LABELS[color])}
                  title={t(COLOR_LABELS[color])}
                  onMouseDown={keepSelection}
                  onClick={() => quote && void create(quote, color, '')}
                >
                  <span aria-hidden="true" />
                </button>
              ))}
              <button type="button" data-action="highlight-note" onMouseDown={keepSelection} onClick={() => quote && openEditor({ kind: 'new', quote, color: 'yellow' }, null)}>
                {t('highlightWithNote')}
              </button>
            </>
          )}
        </div>
      ) : null}
      {editing ? (
        <Editor
          editing={editing}
          note={note}
          noteField={noteField}
          onNote={setNote}
          onColor={(color) => setEditing({ ...editing, color })}
          onSave={() => {
            if (editing.kind === 'new') void create(editing.quote, editing.color, note).then(closeEditor);
            else void update(editing.highlight, { note: note.trim(), color: editing.color }).then(closeEditor);
          }}
          onRemove={() => editing.kind === 'edit' && void remove(editing.highlight)}
          onCancel={closeEditor}
          overPage={overPage}
        />
      ) : null}
      <p class="oqy-reading-status" role="status" aria-live="polite" data-testid="reading-status">
        {status}
      </p>
    </div>
  );
}

/**
 * Over a news page the page's own scripts can reach the reader and fire events at it: only what
 * the person does (trusted events) reaches the bar, the editor and the offer.
 */
function onlyTrusted(e: Event): void {
  if (e.isTrusted) return;
  e.stopPropagation();
  e.preventDefault();
}
