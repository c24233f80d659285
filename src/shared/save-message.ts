import type { SaveReply } from './messages.ts';
import { t } from './i18n.ts';

/** A save's outcome in words: for the popup, the reader and a notice on the page. */
export function saveMessageFor(reply: SaveReply): string {
  if (!reply.ok) return reply.reason === 'quota' ? t('libraryQuota') : t('saveFailed', reply.error);
  if (reply.missing) return t('saveMissing', String(reply.missing));
  return reply.replaced ? t('saveUpdated') : t('saveDone');
}
