import { useEffect, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import type { Extraction } from '../core/types.ts';
import { isSaveProgress, tellBackground, type SaveReply } from '../shared/messages.ts';
import { t } from '../shared/i18n.ts';
import { saveMessageFor } from '../shared/save-message.ts';

export type SaveState =
  | { kind: 'idle' }
  | { kind: 'saving'; done: number; total: number }
  | { kind: 'done'; reply: Extract<SaveReply, { ok: true }> }
  | { kind: 'failed'; reply: Extract<SaveReply, { ok: false }> };

/** What to tell the reader about a save, in words. */
export function saveMessage(state: SaveState): string {
  switch (state.kind) {
    case 'idle':
      return '';
    case 'saving':
      return t('saveProgress', [String(state.done), String(state.total)]);
    case 'done':
    case 'failed':
      return saveMessageFor(state.reply);
  }
}

/** Saving an article for offline reading, with the background's progress as it fetches images. */
export function useSaver(article: Extraction): [SaveState, () => void] {
  const [state, setState] = useState<SaveState>({ kind: 'idle' });
  useEffect(() => {
    const listener = (message: unknown) => {
      if (isSaveProgress(message) && message.id === article.url) {
        setState((s) => (s.kind === 'saving' ? { kind: 'saving', done: message.done, total: message.total } : s));
      }
      return undefined;
    };
    browser.runtime.onMessage.addListener(listener);
    return () => browser.runtime.onMessage.removeListener(listener);
  }, [article.url]);
  const save = () => {
    setState({ kind: 'saving', done: 0, total: article.images.length });
    tellBackground({ type: 'oqy/save', article })
      .then((reply) => setState(reply.ok ? { kind: 'done', reply } : { kind: 'failed', reply }))
      .catch((e) => setState({ kind: 'failed', reply: { ok: false, reason: 'failed', error: String((e as Error)?.message ?? e) } }));
  };
  return [state, save];
}
