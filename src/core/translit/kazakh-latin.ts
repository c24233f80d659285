/**
 * Kazakh Cyrillic to the Latin alphabet of 2021: the version presented by the Government of
 * Kazakhstan on 28 January 2021 (the letter table is tabulated in docs/latin-script.md with its
 * source). The nine Kazakh letters and the shared ones map one to one; letters found only in
 * Russian loanwords (ё, ц, ч, щ, ю, я) take that table's spellings; ъ and ь are dropped.
 *
 * Pure: strings in, strings out. Only Cyrillic letters change; digits, punctuation, Latin text
 * and everything else pass through as they are.
 */

/** Lower-case letters. Upper case is below, spelled out: Turkic İ is not what toUpperCase gives. */
const LOWER: Readonly<Record<string, string>> = {
  а: 'a', ә: 'ä', б: 'b', в: 'v', г: 'g', ғ: 'ğ', д: 'd', е: 'e', ё: 'io', ж: 'j', з: 'z', и: 'i', й: 'i',
  к: 'k', қ: 'q', л: 'l', м: 'm', н: 'n', ң: 'ñ', о: 'o', ө: 'ö', п: 'p', р: 'r', с: 's', т: 't', у: 'u',
  ұ: 'ū', ү: 'ü', ф: 'f', х: 'h', һ: 'h', ц: 'ts', ч: 'ch', ш: 'ş', щ: 'şş', ъ: '', ы: 'y', і: 'ı', ь: '',
  э: 'e', ю: 'iu', я: 'ia',
};

const UPPER: Readonly<Record<string, string>> = {
  А: 'A', Ә: 'Ä', Б: 'B', В: 'V', Г: 'G', Ғ: 'Ğ', Д: 'D', Е: 'E', Ё: 'İo', Ж: 'J', З: 'Z', И: 'İ', Й: 'İ',
  К: 'K', Қ: 'Q', Л: 'L', М: 'M', Н: 'N', Ң: 'Ñ', О: 'O', Ө: 'Ö', П: 'P', Р: 'R', С: 'S', Т: 'T', У: 'U',
  Ұ: 'Ū', Ү: 'Ü', Ф: 'F', Х: 'H', Һ: 'H', Ц: 'Ts', Ч: 'Ch', Ш: 'Ş', Щ: 'Şş', Ъ: '', Ы: 'Y', І: 'I', Ь: '',
  Э: 'E', Ю: 'İu', Я: 'İa',
};

/** All capitals where the word is in capitals (ЮНЕСКО → İUNESKO), else only the first letter. */
function upper(ch: string, shouting: boolean): string {
  const latin = UPPER[ch]!;
  if (!shouting || latin.length < 2) return latin;
  return latin[0] + latin.slice(1).replace(/i/g, 'İ').toUpperCase();
}

const CYRILLIC_WORD = /[\u0400-\u04ff]+/g;

function transliterateWord(word: string): string {
  const letters = [...word];
  const capitals = letters.filter((ch) => ch in UPPER).length;
  const shouting = capitals >= 2 && capitals === letters.filter((ch) => ch in UPPER || ch in LOWER).length;
  let out = '';
  for (const ch of letters) {
    if (ch in LOWER) out += LOWER[ch];
    else if (ch in UPPER) out += upper(ch, shouting);
    else out += ch;
  }
  return out;
}

/** Kazakh Cyrillic text in the 2021 Latin alphabet. */
export function toLatin2021(text: string): string {
  return text.replace(CYRILLIC_WORD, transliterateWord);
}

/** Every letter the table maps, upper and lower case: for tests and the docs. */
export const LATIN_2021_TABLE: ReadonlyArray<readonly [string, string]> = [...Object.entries(UPPER), ...Object.entries(LOWER)];
