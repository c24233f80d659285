/**
 * Which voice reads an article. Most systems have no Kazakh voice, so for a Kazakh article the
 * reader chooses in advance: a Russian voice (it reads Kazakh Cyrillic with a Russian accent,
 * but understandably) or no reading at all. A Russian article gets a Russian voice.
 */
export interface VoiceInfo {
  name: string;
  lang: string;
  voiceURI: string;
  localService: boolean;
  default: boolean;
}

export type KazakhFallback = 'russian' | 'none';

export type VoiceChoice =
  | { kind: 'native'; voice: VoiceInfo }
  | { kind: 'russian-for-kazakh'; voice: VoiceInfo }
  | { kind: 'none'; reason: 'no-kazakh-voice' | 'no-russian-voice' | 'no-voice' | 'declined' };

function primary(lang: string): string {
  return lang.toLowerCase().replace('_', '-').split('-')[0] ?? '';
}

/** The best voice for a language: its own country's first (kk-KZ, ru-RU), voices on this machine before network ones. */
export function bestVoice(voices: readonly VoiceInfo[], lang: string): VoiceInfo | null {
  const want = primary(lang);
  const country = want === 'kk' ? 'kz' : want;
  const candidates = voices.filter((v) => primary(v.lang) === want);
  const score = (v: VoiceInfo) =>
    (v.lang.toLowerCase().replace('_', '-').endsWith(`-${country}`) ? 4 : 0) + (v.localService ? 2 : 0) + (v.default ? 1 : 0);
  return [...candidates].sort((a, b) => score(b) - score(a))[0] ?? null;
}

export function chooseVoice(voices: readonly VoiceInfo[], articleLang: string | null, fallback: KazakhFallback): VoiceChoice {
  const lang = primary(articleLang ?? '');
  if (lang === 'kk') {
    const kazakh = bestVoice(voices, 'kk');
    if (kazakh) return { kind: 'native', voice: kazakh };
    if (fallback === 'none') return { kind: 'none', reason: 'declined' };
    const russian = bestVoice(voices, 'ru');
    return russian ? { kind: 'russian-for-kazakh', voice: russian } : { kind: 'none', reason: 'no-kazakh-voice' };
  }
  const own = bestVoice(voices, lang || 'ru');
  if (own) return { kind: 'native', voice: own };
  return { kind: 'none', reason: (lang || 'ru') === 'ru' ? 'no-russian-voice' : 'no-voice' };
}
