/**
 * Latin spellings of Cyrillic names, compared loosely: an article's address spells its title
 * in one transliteration or another (ж as zh or j, ш as sh or s, қ as q or k), and a
 * publisher's name may be written in Cyrillic while its address is Latin.
 */
import { foldForMatch } from '../../text/normalize.ts';

const SLUG_LETTERS: Readonly<Record<string, string>> = {
  а: 'a', ә: 'a', б: 'b', в: 'v', г: 'g', ғ: 'g', д: 'd', е: 'e', ё: 'e', ж: 'z', з: 'z', и: 'i', й: 'i', к: 'k', қ: 'k',
  л: 'l', м: 'm', н: 'n', ң: 'n', о: 'o', ө: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ұ: 'u', ү: 'u', ф: 'f',
  х: 'h', һ: 'h', ц: 's', ч: 's', ш: 's', щ: 's', ъ: '', ы: 'y', і: 'i', ь: '', э: 'e', ю: 'u', я: 'a',
};

/**
 * A word's consonants as a transliterated address spells them, whichever scheme it follows
 * (ж as zh or j, ш as sh or s, қ as q or k): vowels dropped, and the letters schemes disagree
 * on (h, j, w, y, z: j is ж in one and й in another) dropped too.
 */
export function skeleton(word: string): string {
  const latin = [...word.toLowerCase()].map((ch) => SLUG_LETTERS[ch] ?? ch).join('');
  return latin
    .replace(/q/g, 'k')
    .replace(/x/g, 'ks')
    .replace(/c/g, 's')
    .replace(/[aeiouyhjwzäöüıūñğş]/g, (ch) => ({ ñ: 'n', ğ: 'g', ş: 's' })[ch] ?? '')
    .replace(/(.)\1+/g, '$1');
}

/** Whether an address's last path segment spells the title (most of its words, in any common transliteration). */
export function slugSpells(key: string, title: string): boolean {
  const slug = key.split('?')[0]!.split('/').filter(Boolean).pop() ?? '';
  const slugWords = slug.split(/[-_.+]+/).filter((w) => /[a-z]/i.test(w)).map(skeleton).filter((w) => w.length >= 2);
  const titleWords = (foldForMatch(title).match(/\p{L}+/gu) ?? []).map(skeleton).filter((w) => w.length >= 2);
  if (slugWords.length < 2 || titleWords.length < 2) return false;
  const matched = slugWords.filter((w) => titleWords.some((t) => t === w || (w.length >= 3 && t.length >= 3 && (t.startsWith(w) || w.startsWith(t)))));
  return matched.length >= 2 && matched.length >= 0.6 * slugWords.length;
}

