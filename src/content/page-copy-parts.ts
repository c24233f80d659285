/**
 * Takes a copy of a page (src/content/page-copy.ts) part by part, for the extension page that
 * reads it (the popup, the reader tab): each part is one message of at most about half a megabyte, and the
 * progress is told as the parts come. Asked through the content script's messages, or through
 * scripting.executeScript where the page has no content script of Oqy's.
 */
import type { CopyReply, CopyRequest, CopyTicket } from './page-copy.ts';

/** Sends one request to the page's copy agent, however that page is reached. */
export type AskCopy = (request: CopyRequest) => Promise<CopyReply>;

/** No page yields a copy of more parts than this (24 million characters, 250,000 a part). */
const MAX_PARTS = 100;

/** The whole copy as HTML; `progress` gets 0 to 1 as parts come. Throws with the page's reason where the copy failed. */
export async function takeCopy(ask: AskCopy, ticket: CopyTicket, progress: (done: number) => void = () => undefined): Promise<string> {
  const parts: string[] = [];
  for (let index = 0; index < MAX_PARTS; index++) {
    const reply = await ask({ op: 'part', id: ticket.id, index });
    if (!reply || typeof reply !== 'object') throw new Error(`no answer from the page (${String(reply)})`);
    if (!reply.ok) throw new Error(reply.error);
    if (!('part' in reply) || typeof reply.part !== 'string') throw new Error('the page answered with something other than its copy');
    parts.push(reply.part);
    progress(reply.progress);
    if (reply.last) return parts.join('');
  }
  void ask({ op: 'drop', id: ticket.id }).catch(() => undefined);
  throw new Error('the copy of the page did not end');
}

/** The ticket of a copy just started, or the page's reason why there is none. */
export function ticketOf(reply: CopyReply | undefined | null): CopyTicket {
  if (!reply || typeof reply !== 'object') throw new Error(`no answer from the page (${String(reply)})`);
  if (!reply.ok) throw new Error(reply.error);
  if (!('ticket' in reply)) throw new Error('the page did not start a copy');
  return reply.ticket;
}
