import { useRef, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import type { Settings } from '../shared/settings-schema.ts';
import { toMatchPattern, type PatternProblem } from '../shared/site-patterns.ts';
import { t, type MessageKey } from '../shared/i18n.ts';

const PROBLEMS: Record<PatternProblem, MessageKey> = {
  empty: 'autoSiteEmpty',
  scheme: 'autoSiteScheme',
  host: 'autoSiteHost',
  'too-wide': 'autoSiteTooWide',
  path: 'autoSitePath',
};

/**
 * Auto mode: the Qazaq24 switch, and other sites by pattern. Adding a site asks the browser for
 * access to that site there and then (the click is the user's gesture); removing one gives the
 * access back.
 */
export function AutoModeSection({ settings, save }: { settings: Settings; save(next: Partial<Settings['autoMode']>): Promise<boolean> }) {
  const [input, setInput] = useState('');
  const field = useRef<HTMLInputElement>(null);
  const [message, setMessage] = useState('');
  const sites = settings.autoMode.sites;

  const add = (e: Event) => {
    e.preventDefault();
    const parsed = toMatchPattern(input);
    if (!parsed.ok) return setMessage(t(PROBLEMS[parsed.reason]));
    if (sites.includes(parsed.pattern)) return setMessage(t('autoSiteExists', parsed.pattern));
    // Asked first, before anything else is awaited: the browser grants only inside the click.
    browser.permissions
      .request({ origins: [parsed.pattern] })
      .then(
        async (granted) => {
          if (!granted) return setMessage(t('autoSiteDenied', parsed.pattern));
          // A failed save is reported by the page's status line; the field keeps the pattern.
          if (!(await save({ sites: [...sites, parsed.pattern] }))) return;
          setInput('');
          setMessage('');
        },
        (err) => setMessage(`${t('autoSiteDenied', parsed.pattern)} ${String((err as Error)?.message ?? err)}`),
      );
  };

  const removeSite = async (pattern: string) => {
    // The focused × goes with its row: the focus moves to the field for adding a site.
    field.current?.focus();
    if (!(await save({ sites: sites.filter((s) => s !== pattern) }))) return;
    await browser.permissions.remove({ origins: [pattern] }).catch(() => false);
  };

  return (
    <section aria-labelledby="auto-heading">
      <h2 id="auto-heading">{t('optionsAuto')}</h2>
      <p>{t('optionsAutoIntro')}</p>
      <label class="choice">
        <input type="checkbox" name="autoQazaq24" checked={settings.autoMode.qazaq24} onChange={(e) => void save({ qazaq24: (e.currentTarget as HTMLInputElement).checked })} />
        {t('popupAutoQazaq24')}
      </label>
      <h3>{t('optionsAutoSites')}</h3>
      {sites.length ? (
        <ul class="sites">
          {sites.map((pattern) => (
            <li>
              <code>{pattern}</code>{' '}
              <button type="button" aria-label={t('optionsAutoRemove', pattern)} data-remove-site={pattern} onClick={() => void removeSite(pattern)}>
                ×
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p class="muted">{t('optionsAutoNone')}</p>
      )}
      <form class="add-site" onSubmit={add}>
        <input
          ref={field}
          type="text"
          name="autoSite"
          value={input}
          placeholder={t('optionsAutoPlaceholder')}
          aria-label={t('optionsAutoAdd')}
          aria-invalid={message ? true : undefined}
          aria-describedby="auto-site-message"
          onInput={(e) => setInput((e.currentTarget as HTMLInputElement).value)}
        />
        <button type="submit">{t('optionsAutoAdd')}</button>
      </form>
      <p id="auto-site-message" class="status error" role="alert">
        {message}
      </p>
    </section>
  );
}
