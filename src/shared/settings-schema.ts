import { toMatchPattern } from './site-patterns.ts';

/**
 * The one settings schema: its shape, its defaults, and the migrations that bring any stored
 * object (from any earlier version, or damaged) to the current shape. Pure: no browser API.
 */

export const SETTINGS_VERSION = 2;

export type ThemeChoice = 'light' | 'sepia' | 'dark' | 'system';
export type FontChoice = 'serif' | 'sans';
/** How Kazakh text is shown: as written (Cyrillic) or in the 2021 Latin alphabet. */
export type ScriptChoice = 'cyrillic' | 'latin';
export type UiLanguageChoice = 'auto' | 'kk' | 'ru' | 'en';

export interface ReaderSettings {
  theme: ThemeChoice;
  font: FontChoice;
  /** Body text size in CSS pixels. */
  fontSize: number;
  /** Line length in characters (the column's max-width in `ch`). */
  lineWidth: number;
  /** Unitless line height. */
  lineHeight: number;
  /** Kazakh articles in Cyrillic or in Latin letters. */
  script: ScriptChoice;
  /** Reading aloud: the speech rate, and whether a Russian voice may read Kazakh where no Kazakh voice exists. */
  speechRate: number;
  kazakhVoiceFallback: 'russian' | 'none';
}

export interface AutoModeSettings {
  /** Qazaq24 articles open in the reader by themselves. */
  qazaq24: boolean;
  /** Other sites, as match patterns, each with its optional host permission granted. */
  sites: string[];
}

export interface Settings {
  version: typeof SETTINGS_VERSION;
  reader: ReaderSettings;
  /** The interface language: 'auto' follows the browser's. */
  uiLanguage: UiLanguageChoice;
  autoMode: AutoModeSettings;
}

export const LIMITS = {
  fontSize: { min: 14, max: 30, step: 1 },
  lineWidth: { min: 40, max: 90, step: 5 },
  lineHeight: { min: 1.2, max: 2.2, step: 0.1 },
  speechRate: { min: 0.5, max: 2, step: 0.25 },
} as const;

export const DEFAULT_SETTINGS: Settings = {
  version: SETTINGS_VERSION,
  reader: {
    theme: 'system',
    font: 'serif',
    fontSize: 19,
    lineWidth: 65,
    lineHeight: 1.6,
    script: 'cyrillic',
    speechRate: 1,
    kazakhVoiceFallback: 'russian',
  },
  uiLanguage: 'auto',
  autoMode: { qazaq24: false, sites: [] },
};

const THEMES: readonly ThemeChoice[] = ['light', 'sepia', 'dark', 'system'];
const FONTS: readonly FontChoice[] = ['serif', 'sans'];
const SCRIPTS: readonly ScriptChoice[] = ['cyrillic', 'latin'];
const LANGUAGES: readonly UiLanguageChoice[] = ['auto', 'kk', 'ru', 'en'];

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function oneOf<T extends string>(value: unknown, allowed: readonly T[], fallback: T): T {
  return allowed.includes(value as T) ? (value as T) : fallback;
}

function within(value: unknown, limits: { min: number; max: number; step: number }, fallback: number): number {
  const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : NaN;
  if (!Number.isFinite(n)) return fallback;
  const clamped = Math.min(limits.max, Math.max(limits.min, n));
  const steps = Math.round((clamped - limits.min) / limits.step);
  return Number((limits.min + steps * limits.step).toFixed(2));
}

/**
 * Version 1 kept the reader settings flat beside the language, with the size as a word:
 * `{ version: 1, theme, fontFamily: 'serif'|'sans-serif', fontSize: 'small'|'medium'|'large'|'x-large', width: 'narrow'|'medium'|'wide', language }`.
 */
function fromVersion1(old: Json): Json {
  const sizes: Record<string, number> = { small: 16, medium: 19, large: 22, 'x-large': 26 };
  const widths: Record<string, number> = { narrow: 55, medium: 65, wide: 80 };
  return {
    version: 2,
    reader: {
      theme: old.theme,
      font: old.fontFamily === 'sans-serif' ? 'sans' : 'serif',
      fontSize: sizes[String(old.fontSize)] ?? old.fontSize,
      lineWidth: widths[String(old.width)] ?? old.width,
      lineHeight: old.lineHeight,
    },
    uiLanguage: old.language,
  };
}

/** Each step takes an object of version N to N + 1. */
const MIGRATIONS: Record<number, (old: Json) => Json> = { 1: fromVersion1 };

/** Any stored value to valid current settings: migrated step by step, then every field checked and defaulted. */
export function migrateSettings(stored: unknown): Settings {
  let value: Json = isObject(stored) ? stored : {};
  let version = typeof value.version === 'number' ? value.version : 1;
  while (version < SETTINGS_VERSION && MIGRATIONS[version]) {
    value = MIGRATIONS[version]!(value);
    version += 1;
  }
  return normalize(value);
}

function normalize(value: Json): Settings {
  const reader = isObject(value.reader) ? value.reader : {};
  const d = DEFAULT_SETTINGS.reader;
  return {
    version: SETTINGS_VERSION,
    reader: {
      theme: oneOf(reader.theme, THEMES, d.theme),
      font: oneOf(reader.font, FONTS, d.font),
      fontSize: within(reader.fontSize, LIMITS.fontSize, d.fontSize),
      lineWidth: within(reader.lineWidth, LIMITS.lineWidth, d.lineWidth),
      lineHeight: within(reader.lineHeight, LIMITS.lineHeight, d.lineHeight),
      script: oneOf(reader.script, SCRIPTS, d.script),
      speechRate: within(reader.speechRate, LIMITS.speechRate, d.speechRate),
      kazakhVoiceFallback: oneOf(reader.kazakhVoiceFallback, ['russian', 'none'] as const, d.kazakhVoiceFallback),
    },
    uiLanguage: oneOf(value.uiLanguage, LANGUAGES, DEFAULT_SETTINGS.uiLanguage),
    autoMode: normalizeAutoMode(value.autoMode),
  };
}

function normalizeAutoMode(value: unknown): AutoModeSettings {
  const auto = isObject(value) ? value : {};
  const sites = Array.isArray(auto.sites) ? auto.sites.filter((s): s is string => typeof s === 'string' && toMatchPattern(s).ok) : [];
  return {
    qazaq24: auto.qazaq24 === true,
    sites: [...new Set(sites.map((s) => (toMatchPattern(s) as { pattern: string }).pattern))],
  };
}

/** Settings with a change applied, still valid. */
export interface SettingsChange {
  reader?: Partial<ReaderSettings>;
  uiLanguage?: UiLanguageChoice;
  autoMode?: Partial<AutoModeSettings>;
}

/**
 * What "back to the defaults" on the options page gives: the reader's settings and the
 * interface language as they come; the auto-mode sites stay, with the permissions granted for them.
 */
export function withReaderDefaults(settings: Settings): Settings {
  return withChange(settings, { reader: DEFAULT_SETTINGS.reader, uiLanguage: DEFAULT_SETTINGS.uiLanguage });
}

export function withChange(settings: Settings, change: SettingsChange): Settings {
  return normalize({
    ...settings,
    ...change,
    reader: { ...settings.reader, ...change.reader },
    autoMode: { ...settings.autoMode, ...change.autoMode },
  } as unknown as Json);
}
