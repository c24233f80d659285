/**
 * A test double for the Web Speech API's synthesis half, installed in a page before its own
 * scripts run where the browser allows it (Chromium: Playwright's page.addInitScript, which is
 * CDP Page.addScriptToEvaluateOnNewDocument; Firefox runs no BiDi preload script in extension
 * pages, so there it goes in before the page first asks for speech: see kazakh-steps.ts). It
 * replaces `window.speechSynthesis` and `window.SpeechSynthesisUtterance`, speaks nothing, and
 * lets the test drive it through `window.__speech`:
 *
 * - `log.utterances`: every utterance that started, in order: text, lang, rate, voice name;
 * - `log.calls`: 'speak', 'pause', 'resume', 'cancel', in order;
 * - `log.errors`: every `error` event fired, in order: the utterance's text and the error;
 * - `end()`: the utterance being spoken ends (its `onend` fires; the next queued one starts);
 * - `setVoices(list)`: the voices change (`voiceschanged` fires, as when a system loads them);
 * - `state()`: speaking, pending, paused and the current utterance's text.
 *
 * It follows the specification where tests can tell: `cancel()` empties the queue and fires
 * `error` with `interrupted` on the utterance being spoken and `canceled` on queued ones;
 * `pause()` and `resume()` only change the paused state. Events are fired as the browser fires
 * them, asynchronously, except `end()`, which the test calls when it chooses.
 */

export interface VoiceDouble {
  name: string;
  lang: string;
  voiceURI: string;
  localService: boolean;
  default: boolean;
}

export interface SpokenRecord {
  text: string;
  lang: string;
  rate: number;
  voice: string | null;
}

export interface SpeechLog {
  utterances: SpokenRecord[];
  calls: string[];
  /** The `error` events fired, in order (`interrupted` by cancel() on the one being spoken). */
  errors: Array<{ text: string; error: string }>;
  /** document.readyState when the double was installed: 'loading' means before the page's scripts. */
  installedAt: string;
}

export interface SpeechState {
  speaking: boolean;
  pending: number;
  paused: boolean;
  current: string | null;
}

export const RUSSIAN_VOICE: VoiceDouble = { name: 'Test Milena (ru-RU)', lang: 'ru-RU', voiceURI: 'test:milena', localService: true, default: false };
export const KAZAKH_VOICE: VoiceDouble = { name: 'Test Aigul (kk-KZ)', lang: 'kk-KZ', voiceURI: 'test:aigul', localService: true, default: false };
export const ENGLISH_VOICE: VoiceDouble = { name: 'Test Samantha (en-US)', lang: 'en-US', voiceURI: 'test:samantha', localService: true, default: true };

/** Runs in the page (serialized with toString): no closures over test code. */
function installSpeechDouble(voicesGiven: VoiceDouble[]): void {
  type U = EventTarget & {
    text: string;
    lang: string;
    voice: VoiceDouble | null;
    rate: number;
    pitch: number;
    volume: number;
    [handler: string]: unknown;
  };
  const log = { utterances: [] as SpokenRecord[], calls: [] as string[], errors: [] as Array<{ text: string; error: string }>, installedAt: document.readyState };
  let voices = voicesGiven.map((v) => Object.freeze({ ...v }));
  let queue: U[] = [];
  let speaking: U | null = null;
  let paused = false;

  const fire = (u: U, type: string, extra: Record<string, unknown> = {}) => {
    const event = Object.assign(new Event(type), { utterance: u, charIndex: 0, charLength: 0, elapsedTime: 0, name: '' }, extra);
    const handler = u[`on${type}`];
    if (type === 'error') log.errors.push({ text: u.text, error: String(extra['error']) });
    u.dispatchEvent(event);
    if (typeof handler === 'function') handler.call(u, event);
  };
  const later = (f: () => void) => setTimeout(f, 0);

  class Utterance extends EventTarget {
    text: string;
    lang = '';
    voice: VoiceDouble | null = null;
    rate = 1;
    pitch = 1;
    volume = 1;
    onstart: unknown = null;
    onend: unknown = null;
    onerror: unknown = null;
    onpause: unknown = null;
    onresume: unknown = null;
    onboundary: unknown = null;
    onmark: unknown = null;
    constructor(text?: string) {
      super();
      this.text = text === undefined ? '' : String(text);
    }
  }

  const startNext = () => {
    if (speaking || paused) return;
    const u = queue.shift();
    if (!u) return;
    speaking = u;
    log.utterances.push({ text: u.text, lang: u.lang, rate: u.rate, voice: u.voice ? u.voice.name : null });
    later(() => fire(u, 'start'));
  };

  const synth = new EventTarget() as EventTarget & Record<string, unknown>;
  let onvoiceschanged: unknown = null;
  Object.defineProperties(synth, {
    speaking: { get: () => !!speaking },
    pending: { get: () => queue.length > 0 },
    paused: { get: () => paused },
    onvoiceschanged: { get: () => onvoiceschanged, set: (f) => (onvoiceschanged = f) },
  });
  Object.assign(synth, {
    getVoices: () => voices.slice(),
    speak(u: U) {
      log.calls.push('speak');
      queue.push(u);
      startNext();
    },
    cancel() {
      log.calls.push('cancel');
      const current = speaking;
      const waiting = queue;
      speaking = null;
      queue = [];
      paused = false;
      later(() => {
        if (current) fire(current, 'error', { error: 'interrupted' });
        for (const u of waiting) fire(u, 'error', { error: 'canceled' });
      });
    },
    pause() {
      log.calls.push('pause');
      if (paused) return;
      paused = true;
      const u = speaking;
      if (u) later(() => fire(u, 'pause'));
    },
    resume() {
      log.calls.push('resume');
      if (!paused) return;
      paused = false;
      const u = speaking;
      if (u) later(() => fire(u, 'resume'));
      startNext();
    },
  });

  const control = {
    log,
    end() {
      const u = speaking;
      if (!u) return false;
      speaking = null;
      fire(u, 'end');
      startNext();
      return true;
    },
    setVoices(list: VoiceDouble[]) {
      voices = list.map((v) => Object.freeze({ ...v }));
      const event = new Event('voiceschanged');
      synth.dispatchEvent(event);
      if (typeof onvoiceschanged === 'function') onvoiceschanged.call(synth, event);
    },
    state: () => ({ speaking: !!speaking, pending: queue.length, paused, current: speaking ? speaking.text : null }),
  };

  Object.defineProperty(window, 'speechSynthesis', { configurable: true, enumerable: true, get: () => synth });
  Object.defineProperty(window, 'SpeechSynthesisUtterance', { configurable: true, writable: true, value: Utterance });
  Object.defineProperty(window, '__speech', { configurable: true, value: control });
}

/**
 * The double as the body of a function, the voices built in. Transpilers may wrap inner
 * functions in a `__name` helper (tsx's keepNames): a stand-in is declared so the text runs alone.
 */
function body(voices: readonly VoiceDouble[]): string {
  return `const __name = (f) => f; (${installSpeechDouble.toString()})(${JSON.stringify(voices)});`;
}

/** The double as a script, for Playwright's page.addInitScript({ content }). */
export function speechDoubleScript(voices: readonly VoiceDouble[]): string {
  return `(() => { ${body(voices)} })();`;
}

/** The double as a BiDi preload script's functionDeclaration. */
export function speechDoublePreload(voices: readonly VoiceDouble[]): string {
  return `() => { ${body(voices)} }`;
}

/** Page-side expressions a test evaluates (both browsers). */
export const SPEECH = {
  log: 'window.__speech.log',
  state: 'window.__speech.state()',
  end: 'window.__speech.end()',
  setVoices: (voices: readonly VoiceDouble[]) => `window.__speech.setVoices(${JSON.stringify(voices)})`,
  /** The text under the 'oqy-reading' highlight (null when there is none), in `doc`'s window. */
  highlighted: `(() => {
    const h = window.CSS && CSS.highlights ? CSS.highlights.get('oqy-reading') : undefined;
    if (!h) return null;
    const ranges = [...h];
    return ranges.length ? ranges.map((r) => r.toString()).join(' ') : null;
  })()`,
  /** Whether this browser has the Highlight API at all. */
  hasHighlights: `!!(window.CSS && CSS.highlights && window.Highlight)`,
};
