/** Sizes, times and language names as the library page shows them, in the reader's language. */
import { t } from '../shared/i18n.ts';
import { formatDecimal, formatLocalTime, writtenIn } from '../shared/format.ts';

const UNITS = ['kilobyte', 'megabyte', 'gigabyte', 'terabyte'] as const;
const UNIT_NAMES_EN = ['kB', 'MB', 'GB', 'TB'];
/** Kazakh and Russian write the same short units. */
const UNIT_NAMES = ['кБ', 'МБ', 'ГБ', 'ТБ'];

/** 0.6 kB, 12 kB, 4.2 MB… (SI units, as navigator.storage.estimate() counts). */
export function formatBytes(bytes: number, locale: string): string {
  let value = Math.max(0, bytes) / 1000;
  let unit = 0;
  while (value >= 1000 && unit < UNITS.length - 1) {
    value /= 1000;
    unit++;
  }
  const digits = value < 10 ? 1 : 0;
  const lang = writtenIn(locale);
  // By hand in the interface's languages (no Intl data to load: shared/format.ts).
  if (lang) return `${formatDecimal(value, digits, lang)}\u00a0${(lang === 'en' ? UNIT_NAMES_EN : UNIT_NAMES)[unit]}`;
  try {
    return new Intl.NumberFormat(locale, { style: 'unit', unit: UNITS[unit], unitDisplay: 'short', maximumFractionDigits: digits }).format(value);
  } catch {
    return `${value.toFixed(digits)} ${UNIT_NAMES_EN[unit]}`;
  }
}

/** When an article was saved, in the reader's time zone and language ("2026 ж. 30 қаңтар, 05:54"). */
export const formatSavedAt = formatLocalTime;

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
