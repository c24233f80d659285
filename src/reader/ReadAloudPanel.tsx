import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Extraction } from '../core/types.ts';
import { bestVoice, chooseVoice, type VoiceChoice } from '../core/speech/voice-choice.ts';
import { highlighter, ReadAloud, spokenSentences, type ReadAloudState } from './read-aloud.ts';
import { LIMITS, type ReaderSettings } from '../shared/settings-schema.ts';
import { t } from '../shared/i18n.ts';

const RATES = [0.75, 1, 1.25, 1.5, 2] as const;

function voicesOf(synth: SpeechSynthesis): SpeechSynthesisVoice[] {
  try {
    return synth.getVoices();
  } catch {
    return [];
  }
}

function sameVoices(a: readonly SpeechSynthesisVoice[], b: readonly SpeechSynthesisVoice[]): boolean {
  return a.length === b.length && a.every((v, i) => v.voiceURI === b[i]?.voiceURI);
}

function statement(choice: VoiceChoice): string {
  switch (choice.kind) {
    case 'native':
      return t('readAloudVoice', choice.voice.name);
    case 'russian-for-kazakh':
      return t('readAloudRussianForKazakh', choice.voice.name);
    case 'none':
      return choice.reason === 'declined'
        ? t('readAloudDeclined')
        : choice.reason === 'no-kazakh-voice'
          ? t('readAloudNoKazakh')
          : choice.reason === 'no-russian-voice'
            ? t('readAloudNoRussian')
            : t('readAloudNoVoice');
  }
}

/**
 * The read-aloud controls under the toolbar. `body` is the element holding the article's text,
 * found when the panel opens (the text may be in Latin letters by then: it is read as shown).
 */
export function ReadAloudPanel(props: { article: Extraction; settings: ReaderSettings; body: () => Element | null; onChange(change: Partial<ReaderSettings>): void }) {
  const { article, settings } = props;
  const win = useRef<Window>(window);
  const synth = (win.current as Window & { speechSynthesis?: SpeechSynthesis }).speechSynthesis;
  const [voices, setVoices] = useState<SpeechSynthesisVoice[]>(() => (synth ? voicesOf(synth) : []));
  const [state, setState] = useState<ReadAloudState>({ status: 'idle', index: -1, error: null });
  const reader = useRef<ReadAloud | null>(null);

  useEffect(() => {
    if (!synth) return;
    const update = () => setVoices(voicesOf(synth));
    synth.addEventListener?.('voiceschanged', update);
    // The voices may have changed between the first render and now, with no one listening.
    const now = voicesOf(synth);
    if (!sameVoices(now, voices)) setVoices(now);
    return () => {
      synth.removeEventListener?.('voiceschanged', update);
      reader.current?.stop();
    };
  }, []);

  const choice = useMemo(() => chooseVoice(voices, article.lang, settings.kazakhVoiceFallback), [voices, article.lang, settings.kazakhVoiceFallback]);
  if (!synth) return <p class="oqy-speech" role="status">{t('readAloudUnsupported')}</p>;
  const voice = choice.kind === 'none' ? null : voices.find((v) => v.voiceURI === choice.voice.voiceURI) ?? null;

  const controller = () => {
    if (!reader.current) {
      const root = props.body();
      if (!root) return null;
      reader.current = new ReadAloud(spokenSentences(root), { synth, Utterance: (win.current as Window & typeof globalThis).SpeechSynthesisUtterance, mark: highlighter(root.ownerDocument.defaultView ?? window) }, setState);
    }
    return reader.current;
  };

  return (
    <div class="oqy-speech" role="group" aria-label={t('readAloud')}>
      {state.status === 'playing' ? (
        <button type="button" data-speech="pause" onClick={() => controller()?.pause()}>
          {t('readAloudPause')}
        </button>
      ) : (
        <button type="button" data-speech="play" disabled={!voice} onClick={() => voice && controller()?.play(voice, settings.speechRate)}>
          {state.status === 'paused' ? t('readAloudResume') : t('readAloudPlay')}
        </button>
      )}
      <button type="button" data-speech="stop" disabled={state.status === 'idle'} onClick={() => controller()?.stop()}>
        {t('readAloudStop')}
      </button>
      <label>
        {t('readAloudSpeed')}{' '}
        <select
          data-speech="rate"
          value={String(settings.speechRate)}
          onChange={(e) => {
            const rate = Math.min(LIMITS.speechRate.max, Math.max(LIMITS.speechRate.min, Number((e.currentTarget as HTMLSelectElement).value)));
            props.onChange({ speechRate: rate });
            reader.current?.setRate(rate);
          }}
        >
          {RATES.map((r) => (
            <option value={String(r)}>{`${r}×`}</option>
          ))}
        </select>
      </label>
      {article.lang === 'kk' && !bestVoice(voices, 'kk') ? (
        <label>
          <input
            type="checkbox"
            data-speech="fallback"
            checked={settings.kazakhVoiceFallback === 'russian'}
            onChange={(e) => props.onChange({ kazakhVoiceFallback: (e.currentTarget as HTMLInputElement).checked ? 'russian' : 'none' })}
          />{' '}
          {t('readAloudFallbackRussian')}
        </label>
      ) : null}
      <p class="oqy-speech-voice" role="status" data-voice-choice={choice.kind}>
        {state.error ? t('readAloudFailed', state.error) : statement(choice)}
      </p>
    </div>
  );
}
