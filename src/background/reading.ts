/**
 * The reading state of saved articles, kept for the readers: the reader on a news page runs in
 * the page's origin and cannot open the extension's database, so it asks here. Everything that
 * comes in is checked as if hostile (reading-db.ts), and a write to an article that is not in
 * the library is refused rather than creating a stray record.
 */
import { isQuotaError, openLibrary, type LibraryDb } from '../shared/library-db.ts';
import { checkHighlight, checkPosition, deleteHighlight, getReadingState, HIGHLIGHT_LIMITS, putHighlight, putPosition } from '../shared/reading-db.ts';
import type { ReadingRequest, ReadingState, ReadingWriteReply } from '../shared/messages.ts';

let db: Promise<LibraryDb> | null = null;
function library(): Promise<LibraryDb> {
  db ??= openLibrary().catch((e) => {
    db = null;
    throw e;
  });
  return db;
}

const READING_TYPES = new Set(['oqy/reading-get', 'oqy/reading-position', 'oqy/highlight-put', 'oqy/highlight-delete']);

export function isReadingRequest(message: { type: string }): message is ReadingRequest {
  return READING_TYPES.has(message.type);
}

const isId = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length <= 8192;

function failure(e: unknown): ReadingWriteReply {
  return { ok: false, reason: isQuotaError(e) ? 'quota' : 'failed', error: String((e as Error)?.message ?? e) };
}

const invalid = (what: string): ReadingWriteReply => ({ ok: false, reason: 'invalid', error: what });

export async function answerReading(message: ReadingRequest): Promise<ReadingState | ReadingWriteReply> {
  switch (message.type) {
    case 'oqy/reading-get': {
      if (!isId(message.id)) return { saved: false };
      const state = await getReadingState(await library(), message.id);
      return state ? { saved: true, ...state } : { saved: false };
    }
    case 'oqy/reading-position': {
      const position = checkPosition(message.position);
      if (!isId(message.id) || !position) return invalid('position');
      try {
        return (await putPosition(await library(), message.id, position)) ? { ok: true } : { ok: false, reason: 'not-saved', error: message.id };
      } catch (e) {
        return failure(e);
      }
    }
    case 'oqy/highlight-put': {
      const articleId = (message.highlight as { articleId?: unknown } | null)?.articleId;
      if (!isId(articleId)) return invalid('articleId');
      const highlight = checkHighlight(message.highlight, articleId);
      if (typeof highlight === 'string') return invalid(highlight);
      try {
        const database = await library();
        const count = await database.countFromIndex('highlights', 'articleId', articleId);
        if (count >= HIGHLIGHT_LIMITS.perArticle && !(await database.getKey('highlights', highlight.id))) return invalid('too many highlights');
        return (await putHighlight(database, highlight)) ? { ok: true } : { ok: false, reason: 'not-saved', error: articleId };
      } catch (e) {
        return failure(e);
      }
    }
    case 'oqy/highlight-delete': {
      if (!isId(message.id)) return invalid('id');
      try {
        await deleteHighlight(await library(), message.id);
        return { ok: true };
      } catch (e) {
        return failure(e);
      }
    }
  }
}
