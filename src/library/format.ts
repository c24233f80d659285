/** Sizes, times and language names as the library page shows them, in the reader's language. */
import { t } from '../shared/i18n.ts';
import { themeCss, type ThemeName } from '../reader/themes.ts';

const UNITS = ['byte', 'kilobyte', 'megabyte', 'gigabyte', 'terabyte'] as const;

/** 512 B, 12 kB, 4.2 MB… (SI units, as navigator.storage.estimate() counts). */
export function formatBytes(bytes: number, locale: string): string {
  let value = Math.max(0, bytes);
  let unit = 0;
  while (value >= 1000 && unit < UNITS.length - 1) {
    value /= 1000;
    unit++;
  }
  const digits = unit > 0 && value < 10 ? 1 : 0;
  try {
    return new Intl.NumberFormat(locale, { style: 'unit', unit: UNITS[unit], unitDisplay: 'short', maximumFractionDigits: digits }).format(value);
  } catch {
    return `${value.toFixed(digits)} ${['B', 'kB', 'MB', 'GB', 'TB'][unit]}`;
  }
}

const timeFormats = new Map<string, Intl.DateTimeFormat>();

/** When an article was saved, in the reader's time zone and language. */
export function formatSavedAt(savedAt: number, locale: string): string {
  let format = timeFormats.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
    timeFormats.set(locale, format);
  }
  return format.format(savedAt);
}

/** The article's language by name ("Қазақша", "Русский"), its code for others, null when unknown. */
export function languageName(lang: string | null): string | null {
  if (!lang) return null;
  const primary = lang.toLowerCase().split(/[-_]/)[0];
  if (primary === 'kk') return t('languageKk');
  if (primary === 'ru') return t('languageRu');
  if (primary === 'en') return t('languageEn');
  return lang;
}

/** Where the "Read" link of an article goes: the reader page, which reads the library itself. */
export function readerHref(id: string): string {
  return `../reader/index.html?saved=${encodeURIComponent(id)}`;
}

/** The theme tokens as custom properties on :root, keyed on its data-theme like the reader's. */
export function themeRules(): string {
  const rule = (selector: string, name: ThemeName) => `${selector} { ${themeCss(name)} color-scheme: ${name === 'dark' ? 'dark' : 'light'}; }`;
  return [
    rule(':root, :root[data-theme="light"], :root[data-theme="system"]', 'light'),
    rule(':root[data-theme="sepia"]', 'sepia'),
    rule(':root[data-theme="dark"]', 'dark'),
    `@media (prefers-color-scheme: dark) { ${rule(':root[data-theme="system"]', 'dark')} }`,
  ].join('\n');
}
