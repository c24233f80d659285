import { useEffect, useState } from 'preact/hooks';
import { changeSettings, loadSettings } from '../shared/settings.ts';
import { t } from '../shared/i18n.ts';

/** Auto reader mode for Qazaq24, on or off, from the popup. */
export function AutoSwitch() {
  const [on, setOn] = useState<boolean | null>(null);
  const [error, setError] = useState('');
  useEffect(() => {
    loadSettings()
      .then((s) => setOn(s.autoMode.qazaq24))
      .catch(() => setOn(false));
  }, []);
  if (on === null) return null;
  return (
    <p class="auto-switch">
      <label>
        <input
          type="checkbox"
          data-action="auto-qazaq24"
          checked={on}
          onChange={(e) => {
            const next = (e.currentTarget as HTMLInputElement).checked;
            setOn(next);
            changeSettings({ autoMode: { qazaq24: next } }).catch((err) => {
              setOn(!next);
              setError(t('optionsSaveFailed', String((err as Error)?.message ?? err)));
            });
          }}
        />{' '}
        {t('popupAutoQazaq24')}
      </label>
      {error ? <span class="detail" role="alert">{error}</span> : null}
    </p>
  );
}
