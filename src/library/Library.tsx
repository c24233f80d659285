/**
 * The library page: every saved article, newest first, in a list that renders only what is on
 * screen; search as you type; read, delete (with undo), fetch missing images again; the storage
 * used; export and import of the whole library.
 *
 * The newest screenful is read and shown first (firstScreen), then the rest of the list, then
 * the search index is built in memory from the stored words (loadSearchIndex): a search is then
 * answered from memory as the reader types, without asking the database.
 */
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import {
  countArticles,
  deleteArticle,
  firstScreen,
  getFullArticle,
  indexEntryOfArticle,
  isQuotaError,
  loadSearchIndex,
  putFullArticles,
  saveSearchIndex,
  type FirstScreen,
  type FullArticle,
  type LibraryDb,
  type SavedArticle,
} from '../shared/library-db.ts';
import type { FileRefusal, RefusalReason, RefusedArticle } from '../shared/library-transfer.ts';
import type { SearchIndex } from '../core/search-index.ts';
import { queryWords } from '../core/search-fold.ts';
import { isSaveProgress, tellBackground, type SaveReply } from '../shared/messages.ts';
import { t, uiLanguage, type MessageKey } from '../shared/i18n.ts';
import { formatCount } from '../shared/format.ts';
import { saveMessageFor } from '../shared/save-message.ts';
import { formatBytes, formatSavedAt, languageName, readerHref } from './format.ts';
import { VirtualList } from './VirtualList.tsx';
import { errorText, insertByNewest } from './list.ts';
import { readingByArticle, type ReadingRecord } from '../shared/reading-db.ts';
import { progressOf, unreadRank, type Progress as ReadProgress } from '../core/anchor/position.ts';
import { loadSettings } from '../shared/settings.ts';
import { LaterHighlightsView } from './LaterHighlightsView.tsx';
import { epubModule, transferModule, warmLaterModules } from './later-modules.ts';
import { keepFirstRows } from '../shared/first-rows-store.ts';
import { FIRST_ROWS_KEY, parseFirstRows } from './first-rows.ts';
import { localDate, saveFile } from './save-file.ts';

/** Height of one row in px; library.css lays a row out to fit it. */
export const ROW_HEIGHT = 120;
/** Rows read and shown before the rest of the library loads. */
export const FIRST_SCREEN = 50;
const UNDO_MS = 8000;
/** Refused articles named one by one after an import; the rest are counted. */
const REFUSED_SHOWN = 20;
/** Refused articles whose technical reason goes to the console and the status's detail (a file of 10,000 copies refuses 9,999). */
const REFUSED_LOGGED = 100;

const FILE_REFUSAL: Readonly<Record<FileRefusal, MessageKey>> = {
  foreign: 'libraryImportBadFile',
  damaged: 'libraryImportDamaged',
  newer: 'libraryImportNewer',
};

const REFUSAL: Readonly<Record<RefusalReason, MessageKey>> = {
  fields: 'libraryRefusedFields',
  address: 'libraryRefusedAddress',
  size: 'libraryRefusedSize',
  image: 'libraryRefusedImage',
  duplicate: 'libraryRefusedDuplicate',
};

export const MARK_FIRST_SCREEN = 'oqy:library-first-screen';
export const MARK_SEARCH_ANSWERED = 'oqy:search-answered';
/** The whole library is in the list (after the first screen). */
export const MARK_ALL_LOADED = 'oqy:library-all-loaded';
/** The search index is built; its detail says how long it took, where from, and what it holds. */
export const MARK_INDEX_READY = 'oqy:search-index-ready';
/** The search index is stored for the next visit; its detail says how long storing took. */
export const MARK_INDEX_STORED = 'oqy:search-index-stored';
/** How long after a change to the index it is stored for the next visit. */
const SAVE_INDEX_AFTER_MS = 1000;

/** Lets the page breathe between chunks of building the index. */
const pause = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

type Tone = 'info' | 'busy' | 'error';
interface Status {
  text: string;
  tone: Tone;
  /** What a delete took away, for its Undo button. */
  undo?: FullArticle;
  /** What an import wrote (ids) and what it replaced, for its Undo button. */
  undoImport?: { imported: string[]; replaced: FullArticle[] };
  /** The articles of an imported file that were left out, and why. */
  refused?: RefusedArticle[];
  /** Earlier saves a failed import could not put back: held only here and in the file offered. */
  unrestored?: FullArticle[];
  /** A technical detail for logs and tests (why a file was refused). */
  detail?: string;
}

interface Progress {
  done: number;
  total: number;
}

type Phase = 'opening' | 'first' | 'all' | 'failed';

export function Library({ open, first }: { open: Promise<LibraryDb>; first?: Promise<FirstScreen> }) {
  const [db, setDb] = useState<LibraryDb | null>(null);
  const [phase, setPhase] = useState<Phase>('opening');
  const [articles, setArticles] = useState<SavedArticle[]>([]);
  /** Null until counted (the first screen does not count a big library). */
  const [total, setTotal] = useState<number | null>(null);
  const [query, setQuery] = useState('');
  // The index is changed in place (a delete, an undo, an import): the version makes the page follow.
  const indexRef = useRef<SearchIndex | null>(null);
  const [indexVersion, setIndexVersion] = useState(0);
  const touchIndex = () => setIndexVersion((v) => v + 1);
  const articlesRef = useRef<SavedArticle[]>([]);
  articlesRef.current = articles;
  const saveTimer = useRef(0);
  /** Asks for the index to be built again (after an import or its undo). */
  const [indexWanted, setIndexWanted] = useState(0);
  /**
   * Articles were written while the index was loading: they are in no index (the load read the
   * list before them), so the next reloadAll has it read again even where it has arrived since.
   */
  const indexMissed = useRef(false);
  /** Articles saved elsewhere while the index was being read: put in once it is there. */
  const savedWhileIndexing = useRef<FullArticle[]>([]);
  const [status, setStatus] = useState<Status | null>({ text: t('libraryLoading'), tone: 'busy' });
  const [retrying, setRetrying] = useState<ReadonlyMap<string, Progress>>(new Map());
  const [storage, setStorage] = useState<{ usage: number; quota: number } | null>(null);
  const [busy, setBusy] = useState(false);
  const [dataVersion, setDataVersion] = useState(0);
  const [view, setView] = useState<'articles' | 'highlights'>('articles');
  const [order, setOrder] = useState<'newest' | 'unread'>('newest');
  const [reading, setReading] = useState<ReadonlyMap<string, ReadingRecord>>(new Map());
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());

  const restLoaded = useRef<Promise<void>>(Promise.resolve());
  /** When the whole list was last read: a save elsewhere after that is not in it (keepFirstRows). */
  const listedAt = useRef(Date.now());
  const deleted = useRef(new Set<string>());
  const typed = useRef(false);
  const undoTimer = useRef(0);
  const undoButton = useRef<HTMLButtonElement>(null);
  const focusUndo = useRef(false);
  const pendingFocus = useRef<{ id: string } | null>(null);
  const header = useRef<HTMLElement>(null);
  const list = useRef<HTMLElement>(null);
  const locale = uiLanguage();

  const refreshStorage = () => {
    navigator.storage
      ?.estimate?.()
      .then((e) => setStorage({ usage: e.usage ?? 0, quota: e.quota ?? 0 }))
      .catch(() => setStorage(null));
  };

  // Open the library and show the first screen.
  useEffect(() => {
    let gone = false;
    Promise.all([open, first ?? open.then((database) => firstScreen(database, FIRST_SCREEN))])
      .then(([database, screen]) => {
        if (gone) return;
        setDb(database);
        setArticles(screen.articles);
        setTotal(screen.total);
        setReading(screen.reading);
        setStatus(null);
        setPhase('first');
        if (screen.total === null)
          countArticles(database)
            .then((n) => !gone && setTotal((t) => t ?? n))
            .catch(() => undefined);
      })
      .catch((e) => {
        if (gone) return;
        setPhase('failed');
        setStatus({ text: t('libraryUnavailable', errorText(e)), tone: 'error' });
      });
    refreshStorage();
    return () => {
      gone = true;
    };
  }, [open, first]);

  // The first rows are in the DOM: mark the first screen once a frame has passed, then load the rest.
  useLayoutEffect(() => {
    if (phase !== 'first' || !db) return;
    let loaded!: () => void;
    restLoaded.current = new Promise((resolve) => (loaded = resolve));
    requestAnimationFrame(() => {
      performance.mark(MARK_FIRST_SCREEN);
      listedAt.current = Date.now();
      db.getAllFromIndex('articles', 'savedAt')
        .then((all) => {
          all.reverse();
          const kept = deleted.current.size ? all.filter((a) => !deleted.current.has(a.id)) : all;
          setArticles(kept);
          setTotal(kept.length);
          setPhase('all');
        })
        .catch((e) => setStatus({ text: t('libraryUnavailable', errorText(e)), tone: 'error' }))
        .finally(loaded);
    });
  }, [phase, db]);

  // The first script's screen (first-screen.ts) gives way in the frame that shows the page's own
  // rows, or the page's failure or empty library.
  useLayoutEffect(() => {
    if (phase !== 'opening') document.getElementById('first')?.remove();
  }, [phase]);

  useLayoutEffect(() => {
    if (phase !== 'all') return;
    requestAnimationFrame(() => performance.mark(MARK_ALL_LOADED));
    warmLaterModules();
  }, [phase]);

  // The newest rows as the list now has them, for the next visit's first script.
  useEffect(() => {
    if (phase === 'all') void keepFirstRows(articles, listedAt.current);
  }, [phase, articles]);

  // Articles saved elsewhere while this page is open (the popup, the shortcut): the background
  // puts each in the kept first rows (first-rows-store.ts), where this page sees it and lists it.
  useEffect(() => {
    if (phase !== 'all' || !db) return;
    const onChanged = (changes: Record<string, { newValue?: unknown }>, area: string) => {
      if (area !== 'local' || !(FIRST_ROWS_KEY in changes)) return;
      const rows = parseFirstRows(changes[FIRST_ROWS_KEY]!.newValue) ?? [];
      const listed = new Map(articlesRef.current.map((a) => [a.id, a.savedAt]));
      for (const row of rows) {
        if (listed.get(row.id) === row.savedAt || deleted.current.has(row.id)) continue;
        getFullArticle(db, row.id)
          .then((full) => {
            if (!full || deleted.current.has(full.article.id)) return;
            const isNew = !articlesRef.current.some((a) => a.id === full.article.id);
            setArticles((all) => insertByNewest(all, full.article));
            if (isNew) setTotal((n) => (n === null ? n : n + 1));
            if (indexRef.current) {
              indexRef.current.add(indexEntryOfArticle(full));
              touchIndex();
              saveIndexSoon();
            } else {
              indexMissed.current = true;
              savedWhileIndexing.current.push(full);
            }
            refreshStorage();
          })
          .catch((e) => console.warn(`Oqy: an article saved meanwhile was not listed: ${errorText(e)}`));
      }
    };
    browser.storage.onChanged.addListener(onChanged);
    return () => browser.storage.onChanged.removeListener(onChanged);
  }, [phase, db]);

  /** Stores the index for the next visit, a moment after the last change to it. */
  const saveIndexSoon = () => {
    window.clearTimeout(saveTimer.current);
    saveTimer.current = window.setTimeout(() => {
      const index = indexRef.current;
      if (!db || !index) return;
      const started = performance.now();
      saveSearchIndex(db, index)
        .then(() => performance.mark(MARK_INDEX_STORED, { detail: { ms: performance.now() - started } }))
        .catch((e) => console.warn(`Oqy: the search index was not stored: ${errorText(e)}`));
    }, SAVE_INDEX_AFTER_MS);
  };

  // With the list in, the search index: the stored one brought up to date, or built (again after
  // an import made while it was not there yet).
  useEffect(() => {
    if (phase !== 'all' || !db) return;
    let gone = false;
    const started = performance.now();
    indexRef.current = null;
    touchIndex();
    loadSearchIndex(db, articlesRef.current, pause)
      .then(({ index, source, changed }) => {
        if (gone) return;
        // Articles saved elsewhere while it was being read go in; anything deleted meanwhile stays out.
        const saved = savedWhileIndexing.current.splice(0);
        for (const full of saved) index.add(indexEntryOfArticle(full));
        for (const id of deleted.current) index.remove(id);
        indexRef.current = index;
        touchIndex();
        performance.mark(MARK_INDEX_READY, { detail: { ms: performance.now() - started, source, changed, articles: index.size, ...index.bytes() } });
        if (changed || saved.length) saveIndexSoon();
      })
      .catch((e) => !gone && setStatus({ text: t('libraryUnavailable', errorText(e)), tone: 'error' }));
    return () => {
      gone = true;
    };
  }, [phase, db, indexWanted]);

  // Search as the reader types, in the index in memory; an empty query shows everything. Until
  // the index is there, a query waits for it.
  const index = indexRef.current;
  const searching = queryWords(query).length > 0;
  const matches = useMemo(() => (index && searching ? index.search(query) : null), [index, indexVersion, query, searching]);
  const waiting = searching && !index;

  useLayoutEffect(() => {
    if (typed.current && !waiting) requestAnimationFrame(() => performance.mark(MARK_SEARCH_ANSWERED));
  }, [matches, waiting]);

  // Progress of image fetches the background reports (for our retries).
  useEffect(() => {
    const listener = (message: unknown) => {
      if (!isSaveProgress(message)) return;
      setRetrying((m) => (m.has(message.id) ? new Map(m).set(message.id, { done: message.done, total: message.total }) : m));
    };
    browser.runtime.onMessage.addListener(listener);
    return () => browser.runtime.onMessage.removeListener(listener);
  }, []);

  // Keep focused rows clear of the sticky header.
  useLayoutEffect(() => {
    const bar = header.current;
    if (!bar || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => {
      document.documentElement.style.scrollPaddingTop = `${bar.offsetHeight + 8}px`;
    });
    observer.observe(bar);
    return () => observer.disconnect();
  }, []);

  // How far each article was read (the first screen came with its own); read again when the page
  // comes back into view (after reading in another tab).
  useEffect(() => {
    if (!db || phase !== 'all') return;
    const load = () => void readingByArticle(db).then(setReading).catch(() => undefined);
    load();
    const onVisible = () => document.visibilityState === 'visible' && load();
    document.addEventListener('visibilitychange', onVisible);
    return () => document.removeEventListener('visibilitychange', onVisible);
  }, [db, dataVersion, phase]);

  const ordered = useMemo(() => {
    if (order === 'newest') return articles;
    // A stable sort: newest first within unread, part read and finished.
    return articles
      .map((a, i) => ({ a, i, rank: unreadRank(progressOf(reading.get(a.id))) }))
      .sort((x, y) => x.rank - y.rank || x.i - y.i)
      .map((x) => x.a);
  }, [articles, order, reading]);

  // What was found, title matches first, each kept in the list's order.
  const shown = useMemo(() => (waiting ? [] : matches ? matches.rank(ordered, (a) => a.id) : ordered), [ordered, matches, waiting]);

  // Focus where an action left it: the Undo button after a delete, a row after its undo (the
  // row is scrolled to first where it is not on screen, so that it renders).
  useEffect(() => {
    if (focusUndo.current && undoButton.current) {
      focusUndo.current = false;
      undoButton.current.focus();
    }
    const pending = pendingFocus.current;
    if (!pending) return;
    pendingFocus.current = null;
    if (focusDelete(pending.id)) return;
    const index = shown.findIndex((a) => a.id === pending.id);
    const listTop = list.current?.getBoundingClientRect().top;
    if (index < 0 || listTop === undefined) {
      // Not in the list as it is filtered now: the search box rather than nothing.
      focusSearch();
      return;
    }
    const headerHeight = header.current?.offsetHeight ?? 0;
    window.scrollTo({ top: Math.max(0, listTop + window.scrollY + index * ROW_HEIGHT - headerHeight - 8) });
    // The list renders the row a frame or two after the scroll.
    let frames = 10;
    const attempt = () => {
      if (focusDelete(pending.id)) return;
      if (--frames > 0) requestAnimationFrame(attempt);
      else focusSearch();
    };
    requestAnimationFrame(attempt);
  });

  const clearUndo = () => {
    window.clearTimeout(undoTimer.current);
    undoTimer.current = 0;
  };

  const remove = async (article: SavedArticle) => {
    if (!db) return;
    try {
      const kept = await getFullArticle(db, article.id);
      await deleteArticle(db, article.id);
      deleted.current.add(article.id);
      indexRef.current?.remove(article.id);
      touchIndex();
      setArticles((all) => all.filter((a) => a.id !== article.id));
      setTotal((n) => (n === null ? n : Math.max(0, n - 1)));
      clearUndo();
      if (kept) {
        focusUndo.current = true;
        setStatus({ text: t('libraryDeleted', article.title), tone: 'info', undo: kept });
        undoTimer.current = window.setTimeout(() => {
          setStatus((s) => (s?.undo === kept ? null : s));
          if (document.activeElement === undoButton.current) focusSearch();
        }, UNDO_MS);
      } else {
        setStatus({ text: t('libraryDeleted', article.title), tone: 'info' });
      }
      refreshStorage();
    } catch (e) {
      setStatus({ text: isQuotaError(e) ? t('libraryQuota') : t('libraryDeleteFailed', errorText(e)), tone: 'error' });
    }
  };

  const undo = async (kept: FullArticle) => {
    if (!db) return;
    clearUndo();
    try {
      await putFullArticles(db, [kept]);
      deleted.current.delete(kept.article.id);
      indexRef.current?.add(indexEntryOfArticle(kept));
      touchIndex();
      setArticles((all) => insertByNewest(all, kept.article));
      setTotal((n) => (n === null ? n : n + 1));
      setStatus(null);
      pendingFocus.current = { id: kept.article.id };
      refreshStorage();
    } catch (e) {
      setStatus({ text: isQuotaError(e) ? t('libraryQuota') : t('libraryUndoFailed', errorText(e)), tone: 'error' });
    }
  };

  const retry = async (article: SavedArticle) => {
    if (retrying.has(article.id) || !db) return;
    const missing = article.images.filter((i) => i.missing).length;
    setRetrying((m) => new Map(m).set(article.id, { done: 0, total: missing }));
    let reply: SaveReply;
    try {
      reply = await tellBackground({ type: 'oqy/retry-images', id: article.id });
    } catch (e) {
      reply = { ok: false, reason: 'failed', error: errorText(e) };
    }
    setRetrying((m) => {
      const next = new Map(m);
      next.delete(article.id);
      return next;
    });
    if (!reply.ok) {
      setStatus({ text: saveMessageFor(reply), tone: 'error' });
      return;
    }
    const fresh = await db.get('articles', article.id).catch(() => undefined);
    if (fresh) setArticles((all) => all.map((a) => (a.id === fresh.id ? fresh : a)));
    setStatus({ text: reply.missing ? t('libraryMissingImages', formatCount(reply.missing, locale)) : t('saveDone'), tone: 'info' });
    refreshStorage();
  };

  const runExport = async () => {
    if (!db || busy) return;
    setBusy(true);
    clearUndo();
    try {
      const { exportFileName, exportLibrary } = await transferModule();
      const blob = await exportLibrary(db, (done, all) => setStatus({ text: t('libraryWorking', [formatCount(done, locale), formatCount(all, locale)]), tone: 'busy' }));
      const name = exportFileName();
      const url = URL.createObjectURL(blob);
      const link = document.createElement('a');
      link.href = url;
      link.download = name;
      link.hidden = true;
      document.body.append(link);
      link.click();
      link.remove();
      window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
      const count = (await countArticles(db).catch(() => total)) ?? 0;
      setStatus({ text: t('libraryExported', [formatCount(count, locale), name]), tone: 'info' });
    } catch (e) {
      setStatus({ text: t('libraryExportFailed', errorText(e)), tone: 'error' });
    } finally {
      setBusy(false);
    }
  };

  /**
   * The whole list read again (after an import or its undo). The index was kept up to date as
   * it went, and is stored; where there was none yet, or it was loading while articles were
   * written, it is read again with the new list.
   */
  const reloadAll = async () => {
    if (!db) return;
    await restLoaded.current;
    listedAt.current = Date.now();
    const all = (await db.getAllFromIndex('articles', 'savedAt')).reverse();
    setArticles(all);
    articlesRef.current = all;
    setTotal(all.length);
    setDataVersion((v) => v + 1);
    if (indexRef.current && !indexMissed.current) {
      touchIndex();
      saveIndexSoon();
    } else {
      indexMissed.current = false;
      setIndexWanted((v) => v + 1);
    }
  };

  const undoLastImport = async (done: { imported: string[]; replaced: FullArticle[] }) => {
    if (!db || busy) return;
    setBusy(true);
    try {
      const { undoImport } = await transferModule();
      await undoImport(db, done.imported, done.replaced);
      const index = indexRef.current;
      for (const id of done.imported) index?.remove(id);
      for (const entry of done.replaced) index?.add(indexEntryOfArticle(entry));
      await reloadAll();
      setStatus({ text: t('libraryImportUndone'), tone: 'info' });
      focusSearch();
    } catch (e) {
      setStatus({ text: isQuotaError(e) ? t('libraryQuota') : t('libraryUndoFailed', errorText(e)), tone: 'error' });
    } finally {
      setBusy(false);
      refreshStorage();
    }
  };

  const runImport = async (input: HTMLInputElement) => {
    const file = input.files?.[0];
    input.value = '';
    if (!file || !db || busy) return;
    setBusy(true);
    clearUndo();
    setStatus({ text: t('libraryLoading'), tone: 'busy' });
    let wrote = false;
    try {
      // The file is read a piece at a time, never held whole (a library of 10,000 articles is 250 MB).
      const { importLibraryFile } = await transferModule();
      const result = await importLibraryFile(db, file, {
        progress: (done, all, share) =>
          setStatus({
            text: all === null ? t('libraryImportProgress', [formatCount(done, locale), formatCount(Math.floor(share * 100), locale)]) : t('libraryWorking', [formatCount(done, locale), formatCount(all, locale)]),
            tone: 'busy',
          }),
        // The index follows the import as it goes (and goes back with it should it fail).
        written: (entries) => {
          wrote = true;
          const index = indexRef.current;
          if (!index) indexMissed.current = true;
          for (const entry of entries) index?.add(indexEntryOfArticle(entry));
        },
      });
      if ('detail' in result) {
        console.warn(`Oqy: ${file.name} refused (${result.reason}): ${result.detail}`);
        // Found damaged partway: what was written of it was taken back, and the index is read again.
        if (wrote) {
          indexRef.current = null;
          await reloadAll().catch((e) => console.warn(`Oqy: the library was not read again: ${errorText(e)}`));
        }
        setStatus({ text: t(FILE_REFUSAL[result.reason]), tone: 'error', detail: `${result.reason}: ${result.detail}` });
        return;
      }
      const { refused } = result;
      const refusedDetail = refused.slice(0, REFUSED_LOGGED).map((r) => r.detail).join('; ') || undefined;
      for (const r of refused.slice(0, REFUSED_LOGGED)) console.warn(`Oqy: ${file.name}: article ${r.index} not imported (${r.reason}): ${r.detail}`);
      if (refused.length > REFUSED_LOGGED) console.warn(`Oqy: ${file.name}: ${refused.length - REFUSED_LOGGED} more articles not imported`);
      if (!result.ok) {
        const { unrestored } = result;
        // Saves that could not be put back are in memory only: they go to a file at once, and
        // the status offers it again.
        const name = unrestoredFileName();
        if (unrestored.length) await saveUnrestored(unrestored).catch((e) => console.warn(`Oqy: ${name} was not saved: ${errorText(e)}`));
        const text = unrestored.length
          ? t('libraryImportNotRestored', [result.error, formatCount(unrestored.length, locale), name])
          : result.kept
            ? t('libraryImportFailedPartly', [result.error, formatCount(result.kept, locale)])
            : result.reason === 'quota'
              ? t('libraryQuota')
              : t('libraryImportFailed', result.error);
        // The batches written were taken back (or some could not be): the index is read again.
        // A list that cannot be read again does not hide what the import came to.
        indexRef.current = null;
        await reloadAll().catch((e) => console.warn(`Oqy: the library was not read again: ${errorText(e)}`));
        setStatus({ text, tone: 'error', detail: result.error, ...(unrestored.length ? { unrestored } : {}) });
        return;
      }
      if (!result.count && refused.length) {
        setStatus({ text: t('libraryImportNothing'), tone: 'error', refused, ...(refusedDetail ? { detail: refusedDetail } : {}) });
        return;
      }
      for (const id of result.imported) deleted.current.delete(id);
      await reloadAll();
      const sentences = [t('libraryImported', formatCount(result.count, locale))];
      if (result.replaced.length) sentences.push(t('libraryImportReplaced', formatCount(result.replaced.length, locale)));
      if (result.imagesDropped) sentences.push(t('libraryImportImagesDropped', formatCount(result.imagesDropped, locale)));
      setStatus({
        text: sentences.join(' '),
        tone: refused.length ? 'error' : 'info',
        ...(result.replaced.length ? { undoImport: { imported: result.imported, replaced: result.replaced } } : {}),
        ...(refused.length ? { refused } : {}),
        ...(refusedDetail ? { detail: refusedDetail } : {}),
      });
    } catch (e) {
      setStatus({ text: isQuotaError(e) ? t('libraryQuota') : t('libraryImportFailed', errorText(e)), tone: 'error' });
    } finally {
      setBusy(false);
      refreshStorage();
    }
  };

  /** Saves articles held in memory as a library file. */
  const saveUnrestored = async (entries: readonly FullArticle[]): Promise<void> => {
    const { exportArticles } = await transferModule();
    saveFile(await exportArticles(entries), unrestoredFileName());
  };

  const runEpub = async (ids: readonly string[]) => {
    if (!db || busy || !ids.length) return;
    setBusy(true);
    clearUndo();
    setStatus({ text: t('libraryLoading'), tone: 'busy' });
    try {
      const settings = await loadSettings().catch(() => null);
      const { exportEpub } = await epubModule();
      const { blob, name } = await exportEpub(db, ids, settings?.reader.script === 'latin');
      saveFile(blob, name);
      setStatus({ text: t('libraryEpubDone', name), tone: 'info' });
    } catch (e) {
      setStatus({ text: t('libraryEpubFailed', errorText(e)), tone: 'error' });
    } finally {
      setBusy(false);
    }
  };

  const toggleSelected = (id: string, on: boolean) =>
    setSelected((set) => {
      const next = new Set(set);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  // Selected articles in the order the list shows them; the list itself where none is selected.
  const selectedShown = shown.filter((a) => selected.has(a.id));
  const epubIds = (selectedShown.length ? selectedShown : shown).map((a) => a.id);

  const countText =
    waiting || total === null
      ? t('libraryLoading')
      : matches
        ? t('libraryFound', [formatCount(shown.length, locale), formatCount(total, locale)])
        : t('libraryCount', formatCount(total, locale));
  const ready = phase === 'first' || phase === 'all';

  return (
    <div class="library">
      <header class="bar" ref={header}>
        <div class="bar-line">
          <h1>{t('libraryTitle')}</h1>
          <div class="tools">
            <button type="button" data-action="export" onClick={() => void runExport()} disabled={!ready || busy || total === 0}>
              {t('libraryExport')}
            </button>
            <button type="button" data-action="epub" hidden={view !== 'articles'} onClick={() => void runEpub(epubIds)} disabled={!ready || busy || epubIds.length === 0}>
              {selectedShown.length ? t('libraryEpubSelected', formatCount(selectedShown.length, locale)) : t('libraryEpubShown', formatCount(epubIds.length, locale))}
            </button>
            <label class={`file${!ready || busy ? ' disabled' : ''}`}>
              <input
                type="file"
                name="import"
                accept=".json,application/json"
                disabled={!ready || busy}
                onChange={(e) => void runImport(e.currentTarget)}
              />
              <span>{t('libraryImport')}</span>
            </label>
          </div>
        </div>
        <div class="bar-line views">
          <div class="tabs" role="group" aria-label={t('libraryViews')}>
            <button type="button" data-view="articles" aria-pressed={view === 'articles'} onClick={() => setView('articles')}>
              {t('libraryViewArticles')}
            </button>
            <button type="button" data-view="highlights" aria-pressed={view === 'highlights'} disabled={!ready} onClick={() => setView('highlights')}>
              {t('libraryViewHighlights')}
            </button>
          </div>
          {view === 'articles' ? (
            <label class="order">
              <span>{t('libraryOrder')}</span>
              <select name="order" value={order} onChange={(e) => setOrder(e.currentTarget.value === 'unread' ? 'unread' : 'newest')}>
                <option value="newest">{t('libraryNewestFirst')}</option>
                <option value="unread">{t('libraryUnreadFirst')}</option>
              </select>
            </label>
          ) : null}
        </div>
        <div class="bar-line search" hidden={view !== 'articles'}>
          <label for="library-q" class="visually-hidden">
            {t('librarySearch')}
          </label>
          <input
            id="library-q"
            type="search"
            name="q"
            placeholder={t('librarySearch')}
            autocomplete="off"
            spellcheck={false}
            disabled={!ready}
            value={query}
            onInput={(e) => {
              typed.current = true;
              setQuery(e.currentTarget.value);
              window.scrollTo({ top: 0 });
            }}
          />
        </div>
        <div class="meta-line" hidden={view !== 'articles'}>
          <p class="count" aria-live="polite">
            {ready ? countText : ''}
          </p>
          <p class="storage" hidden={!storage}>
            {storage ? t('libraryStorage', [formatBytes(storage.usage, locale), formatBytes(storage.quota, locale)]) : ''}
          </p>
        </div>
        <div role="status" class="status" data-tone={status?.tone ?? 'none'} data-detail={status?.detail}>
          {status ? <span>{status.text}</span> : null}
          {status?.undo ? (
            <button type="button" data-action="undo" ref={undoButton} onClick={() => void undo(status.undo!)}>
              {t('libraryUndo')}
            </button>
          ) : null}
          {status?.undoImport ? (
            <button type="button" data-action="undo-import" disabled={busy} onClick={() => void undoLastImport(status.undoImport!)}>
              {t('libraryUndo')}
            </button>
          ) : null}
          {status?.refused?.length ? <RefusedList refused={status.refused} locale={locale} /> : null}
          {status?.unrestored?.length ? <UnrestoredList unrestored={status.unrestored} locale={locale} onSave={() => void saveUnrestored(status.unrestored!)} /> : null}
        </div>
      </header>
      {view === 'highlights' && db ? (
        <LaterHighlightsView
          db={db}
          articles={articles}
          locale={locale}
          version={dataVersion}
          onStatus={(text, tone) => {
            clearUndo();
            setStatus({ text, tone });
          }}
        />
      ) : null}
      <main class="list" ref={list} hidden={view !== 'articles'}>
        {ready && total === 0 && !matches ? <p class="empty">{t('libraryEmpty')}</p> : null}
        {ready && matches && shown.length === 0 ? <p class="empty">{t('libraryNoResults')}</p> : null}
        {ready ? (
          <VirtualList
            items={shown}
            rowHeight={ROW_HEIGHT}
            label={t('libraryTitle')}
            keyOf={(a) => a.id}
            rowAttributes={(a) => ({ 'data-article-id': a.id })}
            renderRow={(a, index) => (
              <Row
                article={a}
                index={index}
                locale={locale}
                progress={retrying.get(a.id)}
                read={progressOf(reading.get(a.id))}
                selected={selected.has(a.id)}
                onSelect={toggleSelected}
                onEpub={(article) => void runEpub([article.id])}
                onDelete={remove}
                onRetry={retry}
              />
            )}
          />
        ) : null}
      </main>
    </div>
  );
}

function Row(props: {
  article: SavedArticle;
  index: number;
  locale: string;
  progress: Progress | undefined;
  read: ReadProgress;
  selected: boolean;
  onSelect(id: string, on: boolean): void;
  onEpub(a: SavedArticle): void;
  onDelete(a: SavedArticle): void;
  onRetry(a: SavedArticle): void;
}) {
  const { article: a, index, locale, progress, read, onDelete, onRetry } = props;
  const titleId = `article-title-${index}`;
  const missing = a.images.filter((i) => i.missing).length;
  const source = a.source?.name ?? hostOf(a.url);
  const language = languageName(a.lang);
  const minutes = a.readingMinutes ? t('popupReadingMinutes', formatCount(a.readingMinutes, locale)) : null;
  const meta = [source, language, minutes, t('librarySavedAt', formatSavedAt(a.savedAt, locale)), formatBytes(a.bytes, locale)].filter((x): x is string => !!x);
  const readText = read.kind === 'unread' ? t('libraryUnread') : read.kind === 'finished' ? t('libraryFinished') : t('libraryPercentRead', formatCount(read.percent, locale));
  const percent = read.kind === 'unread' ? 0 : read.kind === 'finished' ? 100 : read.percent;
  return (
    <article class="entry" aria-labelledby={titleId}>
      <input type="checkbox" class="select" name="select" checked={props.selected} aria-label={t('librarySelect', a.title)} onChange={(e) => props.onSelect(a.id, e.currentTarget.checked)} />
      <div class="entry-text">
        <h2 class="title" id={titleId} lang={a.lang ?? undefined}>
          {a.title}
        </h2>
        <p class="meta">
          {meta.map((part, i) => (
            <span key={i}>
              {i ? <span aria-hidden="true"> · </span> : null}
              {part}
            </span>
          ))}
        </p>
        <p class="progress" data-progress={read.kind} data-percent={percent}>
          <span class="progress-bar" aria-hidden="true">
            <span style={{ width: `${percent}%` }} />
          </span>
          <span>{readText}</span>
        </p>
        {missing ? (
          <p class="missing">
            <span>{t('libraryMissingImages', formatCount(missing, locale))}</span>
            <button type="button" data-action="retry" aria-disabled={progress ? 'true' : undefined} onClick={() => onRetry(a)}>
              {progress ? t('libraryWorking', [formatCount(progress.done, locale), formatCount(progress.total, locale)]) : t('libraryRetry')}
            </button>
          </p>
        ) : null}
      </div>
      <div class="entry-actions">
        <a class="button primary" data-action="read" href={readerHref(a.id)} aria-describedby={titleId}>
          {t('libraryOpen')}
        </a>
        <button type="button" data-action="row-epub" aria-label={t('libraryEpubOne', a.title)} onClick={() => props.onEpub(a)}>
          {t('libraryEpub')}
        </button>
        <button type="button" data-action="delete" aria-label={t('libraryDelete', a.title)} onClick={() => onDelete(a)}>
          {t('libraryDeleteShort')}
        </button>
      </div>
    </article>
  );
}

/** The articles an import left out: each by its title (or address, or place in the file) and why. */
function RefusedList({ refused, locale }: { refused: readonly RefusedArticle[]; locale: string }) {
  const shown = refused.slice(0, REFUSED_SHOWN);
  const more = refused.length - shown.length;
  return (
    <div class="refused">
      <p>{t('libraryImportRefused', formatCount(refused.length, locale))}</p>
      <ul>
        {shown.map((r) => (
          <li key={r.index} data-refused-index={r.index} data-reason={r.reason}>
            <span class="refused-name">{r.title ?? r.id ?? t('libraryRefusedArticle', formatCount(r.index + 1, locale))}</span>
            {': '}
            {t(REFUSAL[r.reason])}
          </li>
        ))}
        {more ? <li>{t('libraryRefusedMore', formatCount(more, locale))}</li> : null}
      </ul>
    </div>
  );
}

/** The earlier saves a failed import could not put back, by title, and the button that saves them again. */
function UnrestoredList({ unrestored, locale, onSave }: { unrestored: readonly FullArticle[]; locale: string; onSave(): void }) {
  const shown = unrestored.slice(0, REFUSED_SHOWN);
  const more = unrestored.length - shown.length;
  return (
    <div class="refused unrestored">
      <ul>
        {shown.map(({ article }) => (
          <li key={article.id} data-article-id={article.id}>
            <span class="refused-name">{article.title}</span>
          </li>
        ))}
        {more ? <li>{t('libraryRefusedMore', formatCount(more, locale))}</li> : null}
      </ul>
      <button type="button" data-action="save-unrestored" onClick={onSave}>
        {t('librarySaveNotRestored')}
      </button>
    </div>
  );
}

function unrestoredFileName(): string {
  return `oqy-library-${localDate()}-not-restored.json`;
}

/** Focuses the Delete button of the row of `id`, if that row is rendered. */
function focusDelete(id: string): boolean {
  const row = [...document.querySelectorAll<HTMLElement>('[data-article-id]')].find((el) => el.dataset.articleId === id);
  const button = row?.querySelector<HTMLElement>('[data-action=delete]');
  button?.focus();
  return !!button;
}

function focusSearch(): void {
  document.querySelector<HTMLElement>('input[name=q]')?.focus();
}

function hostOf(url: string): string | null {
  try {
    return new URL(url).hostname;
  } catch {
    return null;
  }
}
