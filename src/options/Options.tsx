import { useEffect, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import { LIMITS, withChange, withReaderDefaults, type ReaderSettings, type Settings, type UiLanguageChoice } from '../shared/settings-schema.ts';
import { onSettingsChanged, saveSettings } from '../shared/settings.ts';
import { setUiLanguage, t, uiLanguage, type MessageKey } from '../shared/i18n.ts';
import { AutoModeSection } from './AutoModeSection.tsx';

const LANGUAGES: readonly [UiLanguageChoice, MessageKey][] = [
  ['auto', 'languageAuto'],
  ['kk', 'languageKk'],
  ['ru', 'languageRu'],
  ['en', 'languageEn'],
];
const THEMES: readonly [ReaderSettings['theme'], MessageKey][] = [
  ['light', 'themeLight'],
  ['sepia', 'themeSepia'],
  ['dark', 'themeDark'],
  ['system', 'themeSystem'],
];

/** The options page: the reader's settings with a live preview, the interface language, the shortcut. */
export function Options({ initial }: { initial: Settings }) {
  const [settings, setSettings] = useState(initial);
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const [shortcut, setShortcut] = useState<string | null>(null);

  useEffect(() => {
    browser.commands
      .getAll()
      .then((all) => setShortcut(all.find((c) => c.name === 'toggle-reader')?.shortcut || ''))
      .catch(() => setShortcut(''));
    return onSettingsChanged((next) => {
      setUiLanguage(next.uiLanguage);
      setSettings(next);
    });
  }, []);

  const save = (next: Settings) => {
    setUiLanguage(next.uiLanguage);
    document.documentElement.lang = uiLanguage();
    setSettings(next);
    saveSettings(next)
      .then(() => setStatus({ ok: true, text: t('optionsSaved') }))
      .catch((e) => setStatus({ ok: false, text: t('optionsSaveFailed', String((e as Error)?.message ?? e)) }));
  };
  const reader = (patch: Partial<ReaderSettings>) => save(withChange(settings, { reader: patch }));
  // While a slider is dragged the preview follows; the setting is stored when it is let go.
  const preview = (patch: Partial<ReaderSettings>) => setSettings(withChange(settings, { reader: patch }));
  const r = settings.reader;

  return (
    <main class="options">
      <h1>{t('optionsTitle')}</h1>

      <section aria-labelledby="reader-heading">
        <h2 id="reader-heading">{t('optionsReader')}</h2>
        <fieldset>
          <legend>{t('readerTheme')}</legend>
          {THEMES.map(([value, label]) => (
            <label class="choice">
              <input type="radio" name="theme" value={value} checked={r.theme === value} onChange={() => reader({ theme: value })} />
              {t(label)}
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend>{t('readerFont')}</legend>
          <label class="choice">
            <input type="radio" name="font" value="serif" checked={r.font === 'serif'} onChange={() => reader({ font: 'serif' })} />
            {t('fontSerif')}
          </label>
          <label class="choice">
            <input type="radio" name="font" value="sans" checked={r.font === 'sans'} onChange={() => reader({ font: 'sans' })} />
            {t('fontSans')}
          </label>
        </fieldset>
        <Range label={t('readerTextSize')} name="fontSize" value={r.fontSize} limits={LIMITS.fontSize} unit="px" onPreview={(v) => preview({ fontSize: v })} onChange={(v) => reader({ fontSize: v })} />
        <Range label={t('readerLineWidth')} name="lineWidth" value={r.lineWidth} limits={LIMITS.lineWidth} unit="ch" onPreview={(v) => preview({ lineWidth: v })} onChange={(v) => reader({ lineWidth: v })} />
        <Range label={t('readerLineHeight')} name="lineHeight" value={r.lineHeight} limits={LIMITS.lineHeight} unit="" onPreview={(v) => preview({ lineHeight: v })} onChange={(v) => reader({ lineHeight: v })} />

        <div
          class="oqy-reader preview"
          data-theme={r.theme}
          data-font={r.font}
          style={{ '--oqy-size': `${r.fontSize}px`, '--oqy-width': `${r.lineWidth}ch`, '--oqy-leading': String(r.lineHeight) } as Record<string, string>}
          aria-label={t('optionsPreview')}
        >
          <div class="oqy-page">
            <div class="oqy-article">
              <p>{t('optionsPreviewText')}</p>
            </div>
          </div>
        </div>
      </section>

      <AutoModeSection
        settings={settings}
        save={async (autoMode) => {
          const next = withChange(settings, { autoMode });
          setSettings(next);
          try {
            await saveSettings(next);
            setStatus({ ok: true, text: t('optionsSaved') });
            return true;
          } catch (e) {
            setStatus({ ok: false, text: t('optionsSaveFailed', String((e as Error)?.message ?? e)) });
            return false;
          }
        }}
      />

      <section aria-labelledby="language-heading">
        <h2 id="language-heading">{t('optionsLanguage')}</h2>
        <select
          aria-labelledby="language-heading"
          name="uiLanguage"
          value={settings.uiLanguage}
          onChange={(e) => save(withChange(settings, { uiLanguage: (e.currentTarget as HTMLSelectElement).value as UiLanguageChoice }))}
        >
          {LANGUAGES.map(([value, label]) => (
            <option value={value}>{t(label)}</option>
          ))}
        </select>
      </section>

      <section>
        <p>{shortcut === null ? '' : shortcut ? t('optionsShortcut', shortcut) : t('optionsNoShortcut')}</p>
        <button type="button" onClick={() => save(withReaderDefaults(settings))}>
          {t('optionsReset')}
        </button>
      </section>

      <p class={status?.ok === false ? 'status error' : 'status'} role="status" aria-live="polite">
        {status?.text ?? ''}
      </p>
    </main>
  );
}

function Range(props: {
  label: string;
  name: string;
  value: number;
  limits: { min: number; max: number; step: number };
  unit: string;
  onPreview(v: number): void;
  onChange(v: number): void;
}) {
  const id = `range-${props.name}`;
  return (
    <div class="range">
      <label for={id}>{props.label}</label>
      <input
        id={id}
        type="range"
        name={props.name}
        min={props.limits.min}
        max={props.limits.max}
        step={props.limits.step}
        value={props.value}
        onInput={(e) => props.onPreview(Number((e.currentTarget as HTMLInputElement).value))}
        onChange={(e) => props.onChange(Number((e.currentTarget as HTMLInputElement).value))}
      />
      <output for={id}>
        {props.value}
        {props.unit}
      </output>
    </div>
  );
}
