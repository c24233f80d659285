/**
 * Reading an article aloud with the browser's speech synthesis: one utterance a sentence, in
 * order; the sentence being read marked (CSS Custom Highlight API, so the DOM is not touched)
 * and kept in view. Pause, resume, stop, and a rate change that takes effect at once.
 */
import { sentencesOf } from '../core/speech/sentences.ts';

export interface SpokenSentence {
  text: string;
  range: Range;
}

export type ReadAloudStatus = 'idle' | 'playing' | 'paused';

export interface ReadAloudState {
  status: ReadAloudStatus;
  /** Index of the sentence being read, or -1. */
  index: number;
  error: string | null;
}

/** What the controller needs from the page; in a test, a double stands in for speech. */
export interface SpeechEnvironment {
  synth: SpeechSynthesis;
  Utterance: typeof SpeechSynthesisUtterance;
  /** Marks a range as the one being read (null: none). */
  mark(range: Range | null): void;
}

const BLOCKS = 'h1, h2, h3, h4, h5, h6, p, li, blockquote, figcaption, td, th, dd, dt, pre';

/** Sentences of the article in reading order, each with its range in the page. */
export function spokenSentences(root: Element): SpokenSentence[] {
  const doc = root.ownerDocument;
  // The title and the text: not the meta line or the links, which are the interface, not the article.
  const blocks = Array.from(root.querySelectorAll(BLOCKS)).filter((b) => !b.querySelector(BLOCKS) && !b.closest('.meta, .oqy-links'));
  if (!blocks.length) blocks.push(root);
  const out: SpokenSentence[] = [];
  for (const block of blocks) {
    const nodes: Text[] = [];
    const walker = doc.createTreeWalker(block, 4 /* NodeFilter.SHOW_TEXT */);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) nodes.push(n as Text);
    const text = nodes.map((n) => n.data).join('');
    const locate = (offset: number): [Text, number] => {
      let at = offset;
      for (const n of nodes) {
        if (at <= n.data.length) return [n, at];
        at -= n.data.length;
      }
      const last = nodes[nodes.length - 1]!;
      return [last, last.data.length];
    };
    for (const s of sentencesOf(text)) {
      const range = doc.createRange();
      range.setStart(...locate(s.start));
      range.setEnd(...locate(s.end));
      out.push({ text: s.text, range });
    }
  }
  return out;
}

export class ReadAloud {
  private index = -1;
  private status: ReadAloudStatus = 'idle';
  private voice: SpeechSynthesisVoice | null = null;
  private rate = 1;
  /** Bumped whenever the current utterance is cancelled on purpose, so its end is not taken as finished. */
  private generation = 0;
  private error: string | null = null;

  constructor(
    private readonly sentences: readonly SpokenSentence[],
    private readonly env: SpeechEnvironment,
    private readonly onChange: (state: ReadAloudState) => void,
  ) {}

  get state(): ReadAloudState {
    return { status: this.status, index: this.index, error: this.error };
  }

  play(voice: SpeechSynthesisVoice, rate: number): void {
    this.voice = voice;
    this.rate = rate;
    this.error = null;
    if (this.status === 'paused') return this.resume();
    this.generation++;
    this.env.synth.cancel();
    this.status = 'playing';
    this.speak(this.index < 0 ? 0 : this.index);
  }

  pause(): void {
    if (this.status !== 'playing') return;
    this.env.synth.pause();
    this.status = 'paused';
    this.emit();
  }

  resume(): void {
    if (this.status !== 'paused') return;
    this.env.synth.resume();
    this.status = 'playing';
    this.emit();
  }

  stop(): void {
    this.generation++;
    this.env.synth.cancel();
    this.status = 'idle';
    this.index = -1;
    this.env.mark(null);
    this.emit();
  }

  /** A new rate: the sentence being read starts again at it. */
  setRate(rate: number): void {
    this.rate = rate;
    if (this.status !== 'playing') return;
    this.generation++;
    this.env.synth.cancel();
    this.speak(this.index);
  }

  private speak(index: number): void {
    const sentence = this.sentences[index];
    if (!sentence || !this.voice) return this.stop();
    this.index = index;
    const generation = this.generation;
    const u = new this.env.Utterance(sentence.text);
    u.voice = this.voice;
    u.lang = this.voice.lang;
    u.rate = this.rate;
    u.onend = () => {
      if (generation === this.generation && this.status !== 'idle') this.speak(index + 1);
    };
    u.onerror = (e: SpeechSynthesisErrorEvent) => {
      if (generation !== this.generation || e.error === 'interrupted' || e.error === 'canceled') return;
      this.error = e.error;
      this.stop();
    };
    this.env.mark(sentence.range);
    keepInView(sentence.range);
    this.env.synth.speak(u);
    this.emit();
  }

  private emit(): void {
    this.onChange(this.state);
  }
}

function keepInView(range: Range): void {
  const el = range.startContainer.parentElement;
  el?.scrollIntoView?.({ block: 'nearest', behavior: 'smooth' });
}

const HIGHLIGHT = 'oqy-reading';

/** The Highlight API where the browser has it; otherwise the sentence is read without a mark. */
export function highlighter(win: Window): (range: Range | null) => void {
  const api = (win as unknown as { CSS?: { highlights?: Map<string, unknown> } }).CSS?.highlights;
  const Ctor = (win as unknown as { Highlight?: new (...r: Range[]) => unknown }).Highlight;
  return (range) => {
    if (!api || !Ctor) return;
    if (range) api.set(HIGHLIGHT, new Ctor(range));
    else api.delete(HIGHLIGHT);
  };
}
