/**
 * Reading time from a words-per-minute figure per language: reading speeds measured with the
 * IReST texts, read aloud (Trauzettel-Klosinski & Dietz, Investigative Ophthalmology & Visual
 * Science 53(9), 2012): Russian 184 wpm; Kazakh has no IReST figure, so Turkish, the nearest
 * measured Turkic language with the same long agglutinative words, stands in at 166 wpm.
 * Sources and caveats: docs/reading-time.md.
 */
export const WORDS_PER_MINUTE: Readonly<Record<string, number>> = { kk: 166, ru: 184, en: 228 };
const FALLBACK_WPM = 184;

export function readingMinutes(words: number, lang: string | null): number {
  if (words <= 0) return 0;
  const wpm = (lang && WORDS_PER_MINUTE[lang]) || FALLBACK_WPM;
  return Math.max(1, Math.round(words / wpm));
}
