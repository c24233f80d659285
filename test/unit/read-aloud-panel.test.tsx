/** The read-aloud panel learns the system's voices however late they come, even before it listens. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { JSDOM } from 'jsdom';

vi.mock('webextension-polyfill', () => ({ default: { i18n: { getUILanguage: () => 'en' } } }));

const { render } = await import('preact');
const { act } = await import('preact/test-utils');
const { ReadAloudPanel } = await import('../../src/reader/ReadAloudPanel.tsx');
const { DEFAULT_SETTINGS } = await import('../../src/shared/settings-schema.ts');
const { t } = await import('../../src/shared/i18n.ts');

type Voice = Pick<SpeechSynthesisVoice, 'name' | 'lang' | 'voiceURI' | 'localService' | 'default'>;
const RUSSIAN: Voice = { name: 'Milena', lang: 'ru-RU', voiceURI: 'test:milena', localService: true, default: false };

/** A speech synthesis whose voices the test sets; voiceschanged fires to whoever listens then. */
class Synth extends EventTarget {
  voices: Voice[] = [];
  getVoices() {
    return this.voices;
  }
  load(voices: Voice[]) {
    this.voices = voices;
    this.dispatchEvent(new Event('voiceschanged'));
  }
}

const ARTICLE = { lang: 'ru', title: 'Курс доллара', text: 'Курс доллара вырос.' } as never;
let dom: JSDOM;
let synth: Synth;
const saved: Record<string, unknown> = {};

beforeEach(() => {
  dom = new JSDOM('<!doctype html><div id="root"></div>');
  synth = new Synth();
  Object.defineProperty(dom.window, 'speechSynthesis', { value: synth });
  for (const name of ['window', 'document']) saved[name] = (globalThis as Record<string, unknown>)[name];
  Object.assign(globalThis, { window: dom.window, document: dom.window.document });
});

afterEach(() => {
  Object.assign(globalThis, saved);
  dom.window.close();
});

const line = () => dom.window.document.querySelector('.oqy-speech-voice');

describe('ReadAloudPanel', () => {
  const panel = () => <ReadAloudPanel article={ARTICLE} settings={DEFAULT_SETTINGS.reader} body={() => null} onChange={() => {}} />;

  it('shows the voice that loads after it is open', async () => {
    await act(() => render(panel(), dom.window.document.getElementById('root')!));
    expect(line()?.textContent).toBe(t('readAloudNoRussian'));
    await act(() => synth.load([RUSSIAN]));
    expect(line()?.getAttribute('data-voice-choice')).toBe('native');
    expect(line()?.textContent).toBe(t('readAloudVoice', RUSSIAN.name));
  });

  it('shows the voice that loaded between its first render and its listening', async () => {
    await act(() => {
      render(panel(), dom.window.document.getElementById('root')!);
      // Drawn, not yet listening: the system's voices arrive now, and no one hears it.
      synth.load([RUSSIAN]);
    });
    expect(line()?.getAttribute('data-voice-choice')).toBe('native');
    expect(line()?.textContent).toBe(t('readAloudVoice', RUSSIAN.name));
  });

  it('stops listening once closed', async () => {
    const root = dom.window.document.getElementById('root')!;
    await act(() => render(panel(), root));
    await act(() => render(null, root));
    const spy = vi.spyOn(synth, 'getVoices');
    await act(() => synth.load([RUSSIAN]));
    expect(spy).not.toHaveBeenCalled();
  });
});
