/**
 * How far an article was read: the block (paragraph) at the top of the screen, kept by its index
 * and a short fingerprint of its original text, so the same paragraph is found again when the
 * font size, the line width or the script changes the layout, or a new save of the article
 * shifts its paragraphs.
 */
import { foldWord } from '../search-fold.ts';

export interface ReadingPosition {
  /** Index of the block at the top of the screen. */
  block: number;
  /** The start of that block's original text, folded (see fingerprintOf). */
  fingerprint: string;
  /** How much of the article was read, 0…100. */
  percent: number;
  /** The end of the article was on screen once. */
  finished: boolean;
}

export const FINGERPRINT_LENGTH = 40;

/** A block's fingerprint: its first words, folded like search (case, ё, look-alike letters). */
export function fingerprintOf(blockText: string): string {
  const words = blockText.match(/[\p{L}\p{N}]+/gu) ?? [];
  let out = '';
  for (const w of words) {
    if (out.length >= FINGERPRINT_LENGTH) break;
    out += (out ? ' ' : '') + foldWord(w);
  }
  return out.slice(0, FINGERPRINT_LENGTH);
}

/**
 * The block a saved position points at among `fingerprints` (one per block, in order): the hint
 * where its fingerprint still agrees; else the block with that fingerprint nearest the hint;
 * else one whose fingerprint starts the same (a paragraph edited at its end); else the hint,
 * kept within the article.
 */
export function findBlock(fingerprints: readonly string[], position: Pick<ReadingPosition, 'block' | 'fingerprint'>): number {
  const count = fingerprints.length;
  if (!count) return 0;
  const hint = Math.max(0, Math.min(count - 1, Math.trunc(position.block) || 0));
  const want = position.fingerprint;
  if (!want || fingerprints[hint] === want) return hint;
  const nearest = (match: (f: string) => boolean): number | null => {
    for (let d = 0; d < count; d++) {
      if (hint - d >= 0 && match(fingerprints[hint - d]!)) return hint - d;
      if (hint + d < count && match(fingerprints[hint + d]!)) return hint + d;
    }
    return null;
  };
  const head = want.slice(0, 16);
  return nearest((f) => f === want) ?? (head.length >= 8 ? nearest((f) => f.startsWith(head)) : null) ?? hint;
}

/**
 * Percent read when `top` is the block at the top of the screen: the share of the article's
 * characters in the blocks above it; 100 once the end is on screen.
 */
export function percentRead(blockLengths: readonly number[], top: number, endVisible: boolean): number {
  if (endVisible) return 100;
  const total = blockLengths.reduce((n, l) => n + l, 0);
  if (!total) return 0;
  let before = 0;
  for (let i = 0; i < Math.min(top, blockLengths.length); i++) before += blockLengths[i]!;
  return Math.min(99, Math.floor((100 * before) / total));
}

/** What the library shows for an article: never opened, part read, or read to the end. */
export type Progress = { kind: 'unread' } | { kind: 'reading'; percent: number } | { kind: 'finished' };

export function progressOf(position: Pick<ReadingPosition, 'percent' | 'finished'> | null | undefined): Progress {
  if (!position) return { kind: 'unread' };
  if (position.finished || position.percent >= 100) return { kind: 'finished' };
  return { kind: 'reading', percent: Math.max(0, Math.min(99, Math.round(position.percent))) };
}

/** Sort rank for "unread first": unread, then part read, then finished. */
export function unreadRank(progress: Progress): number {
  return progress.kind === 'unread' ? 0 : progress.kind === 'reading' ? 1 : 2;
}

/** The position to keep after reading on: the finished mark stays once the end was reached. */
export function nextPosition(previous: ReadingPosition | null | undefined, now: ReadingPosition): ReadingPosition {
  return { ...now, finished: now.finished || !!previous?.finished };
}
