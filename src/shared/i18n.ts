/** Interface strings from `_locales` through the browser's i18n, in the browser's language. */
import browser from 'webextension-polyfill';

export function t(key: string, substitutions?: string | string[]): string {
  const message = browser.i18n.getMessage(key, substitutions);
  return message || key;
}

/** The interface language the browser chose among ours (kk, ru, en). */
export function uiLanguage(): string {
  return browser.i18n.getMessage('@@ui_locale').split(/[-_]/)[0] || 'en';
}
