import { describe, expect, it } from 'vitest';
import { chooseVoice, bestVoice, type VoiceInfo } from '../../src/core/speech/voice-choice.ts';
import { sentencesOf } from '../../src/core/speech/sentences.ts';

const voice = (name: string, lang: string, localService = true, isDefault = false): VoiceInfo => ({
  name,
  lang,
  voiceURI: name,
  localService,
  default: isDefault,
});

const EN = voice('English', 'en-US', true, true);
const RU_NET = voice('Google русский', 'ru-RU', false);
const RU = voice('Milena', 'ru-RU');
const RU_UA = voice('Russian (Ukraine)', 'ru-UA');
const KK = voice('Aigul', 'kk-KZ');
const KK_BARE = voice('Kazakh', 'kk');

describe('choosing a voice', () => {
  it('reads a Kazakh article with a Kazakh voice where the system has one, whatever the fallback', () => {
    expect(chooseVoice([EN, RU, KK], 'kk', 'none')).toEqual({ kind: 'native', voice: KK });
    expect(chooseVoice([EN, RU, KK_BARE], 'kk', 'russian')).toEqual({ kind: 'native', voice: KK_BARE });
  });

  it('with no Kazakh voice, uses a Russian one only if the reader chose that', () => {
    expect(chooseVoice([EN, RU], 'kk', 'russian')).toEqual({ kind: 'russian-for-kazakh', voice: RU });
    expect(chooseVoice([EN, RU], 'kk', 'none')).toEqual({ kind: 'none', reason: 'declined' });
    expect(chooseVoice([EN], 'kk', 'russian')).toEqual({ kind: 'none', reason: 'no-kazakh-voice' });
  });

  it('reads a Russian article with a Russian voice, or says there is none', () => {
    expect(chooseVoice([EN, KK, RU], 'ru', 'none')).toEqual({ kind: 'native', voice: RU });
    expect(chooseVoice([EN, KK], 'ru', 'russian')).toEqual({ kind: 'none', reason: 'no-russian-voice' });
    expect(chooseVoice([], null, 'russian')).toEqual({ kind: 'none', reason: 'no-russian-voice' });
  });

  it('prefers the language\'s own country, then voices on this machine', () => {
    expect(bestVoice([RU_UA, RU_NET, RU], 'ru')).toBe(RU);
    expect(bestVoice([RU_UA, RU_NET], 'ru-RU')).toBe(RU_NET);
    expect(bestVoice([voice('x', 'ru_RU')], 'ru')?.name).toBe('x');
    expect(bestVoice([EN], 'ru')).toBeNull();
  });
});

describe('sentences', () => {
  it('splits at sentence ends, keeping closing quotes, with offsets into the text', () => {
    const text = 'Бүгін күн ашық. «Кел, бала!» деді ол. Сен келесің бе?';
    const parts = sentencesOf(text);
    expect(parts.map((s) => s.text)).toEqual(['Бүгін күн ашық.', '«Кел, бала!» деді ол.', 'Сен келесің бе?']);
    for (const s of parts) expect(text.slice(s.start, s.end)).toBe(s.text);
  });

  it('does not end a sentence at an initial or an abbreviation', () => {
    const text = 'І.Жансүгіров атындағы университет. Оны А. Байтұрсынұлы жазды. 1995 ж. құрылды.';
    expect(sentencesOf(text).map((s) => s.text)).toEqual(['І.Жансүгіров атындағы университет.', 'Оны А. Байтұрсынұлы жазды.', '1995 ж. құрылды.']);
  });

  it('keeps a last sentence without a full stop, and skips empty text', () => {
    expect(sentencesOf('Жетісу облысы').map((s) => s.text)).toEqual(['Жетісу облысы']);
    expect(sentencesOf('  … ')).toEqual([]);
  });
});
