/**
 * A language that the script of a text alone tells: Greek letters are Greek, Hangul is Korean,
 * Han letters Chinese (Japanese where kana come among them), and so on. Scripts that many languages share (Latin, Cyrillic, Arabic) tell nothing here.
 */
const SCRIPTS: ReadonlyArray<readonly [RegExp, string]> = [
  [/\p{Script=Greek}/gu, 'el'],
  [/\p{Script=Armenian}/gu, 'hy'],
  [/\p{Script=Georgian}/gu, 'ka'],
  [/\p{Script=Hebrew}/gu, 'he'],
  [/\p{Script=Thai}/gu, 'th'],
  [/\p{Script=Hangul}/gu, 'ko'],
  [/[\p{Script=Hiragana}\p{Script=Katakana}]/gu, 'ja'],
];

/** The language whose script holds most of the letters of text, or null. */
export function langFromScript(text: string): string | null {
  const sample = text.length > 20000 ? text.slice(0, 20000) : text;
  const letters = sample.match(/\p{L}/gu)?.length ?? 0;
  if (letters < 60) return null;
  for (const [script, lang] of SCRIPTS) {
    if ((sample.match(script)?.length ?? 0) > letters / 2) return lang;
  }
  // Han letters are Chinese, or Japanese where kana come among them (its particles and endings are written in kana).
  const han = sample.match(/\p{Script=Han}/gu)?.length ?? 0;
  const kana = sample.match(KANA)?.length ?? 0;
  if (han + kana > letters / 2) return kana > (han + kana) * MIN_KANA_SHARE ? 'ja' : 'zh';
  return null;
}

const KANA = /[\p{Script=Hiragana}\p{Script=Katakana}]/gu;
/** The share of kana among Han and kana above which a text is Japanese: Chinese has none. */
const MIN_KANA_SHARE = 0.05;
