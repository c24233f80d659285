/** The reader's side of the reading state: asks the background, which keeps it in the library. */
import { tellBackground, type ReadingState, type ReadingWriteReply } from '../shared/messages.ts';
import type { ReadingPosition } from '../core/anchor/position.ts';
import type { Highlight } from '../shared/reading-db.ts';

export async function loadReading(id: string): Promise<ReadingState> {
  try {
    return (await tellBackground({ type: 'oqy/reading-get', id })) ?? { saved: false };
  } catch {
    return { saved: false };
  }
}

async function write(request: Parameters<typeof tellBackground>[0]): Promise<ReadingWriteReply> {
  try {
    return ((await tellBackground(request)) as ReadingWriteReply | undefined) ?? { ok: false, reason: 'failed', error: 'no answer' };
  } catch (e) {
    return { ok: false, reason: 'failed', error: String((e as Error)?.message ?? e) };
  }
}

export const storePosition = (id: string, position: ReadingPosition) => write({ type: 'oqy/reading-position', id, position });
export const storeHighlight = (highlight: Highlight) => write({ type: 'oqy/highlight-put', highlight });
export const removeHighlight = (id: string) => write({ type: 'oqy/highlight-delete', id });

