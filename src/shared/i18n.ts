/**
 * Interface strings. The catalogs are the extension's own `_locales` files (the browser reads
 * the same files for the manifest), bundled so the reader can switch language in the options
 * without the browser's. 'auto' follows the browser's interface language through browser.i18n.
 */
import browser from 'webextension-polyfill';
import en from '../../public/_locales/en/messages.json';
import kk from '../../public/_locales/kk/messages.json';
import ru from '../../public/_locales/ru/messages.json';
import { formatMessage, type Catalog } from './messages-format.ts';
import type { UiLanguageChoice } from './settings-schema.ts';

export type UiLanguage = 'kk' | 'ru' | 'en';
export type MessageKey = keyof typeof en;

const CATALOGS: Record<UiLanguage, Catalog> = { en, kk, ru };

let chosen: UiLanguage | null = null;

/** The language to use from now on in this page: a choice from the settings, or 'auto'. */
export function setUiLanguage(choice: UiLanguageChoice): void {
  chosen = choice === 'auto' ? null : choice;
}

export function browserUiLanguage(): UiLanguage {
  let tag = 'en';
  try {
    tag = browser.i18n.getUILanguage();
  } catch {
    /* outside an extension page: English */
  }
  const primary = tag.toLowerCase().split(/[-_]/)[0];
  return primary === 'kk' || primary === 'ru' ? primary : 'en';
}

export function uiLanguage(): UiLanguage {
  return chosen ?? browserUiLanguage();
}

export function t(key: MessageKey, substitutions?: string | string[]): string {
  const lang = uiLanguage();
  return formatMessage(CATALOGS[lang], key, substitutions) ?? formatMessage(CATALOGS.en, key, substitutions) ?? key;
}
