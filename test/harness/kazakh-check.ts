/**
 * What the Kazakh-reader tests in both browsers share: the gold articles, the page of another
 * site written in Kazakh that the reader tab is given (long enough that Kazakh and Russian
 * reading speeds give different minutes, with a Russian quote, a phrase marked in another
 * language, an address and code in it), the reading-time arithmetic done again here, and the
 * words a sentence splitter must give for the first paragraph of the unity article.
 */
import { loadFixtures, type Fixture } from './fixture-server.ts';
import enMessages from '../../public/_locales/en/messages.json';

export interface Gold {
  url: string;
  title: string;
  lang: string;
  text: string[];
  source: { name: string; url: string };
}

const fixtures = new Map(loadFixtures().map((f) => [f.name, f]));

export function fixture(name: string): Fixture & { gold: Gold } {
  const f = fixtures.get(name);
  if (!f) throw new Error(`fixture ${name} is missing from the fixtures folder`);
  return f as Fixture & { gold: Gold };
}

export const UNITY = 'article-unity-kk';
export const DOLLAR = 'article-dollar-ru';

/** The unity article's title in the 2021 Latin alphabet, written out by hand. */
export const UNITY_TITLE_LATIN = 'Beibıtşılık pen bırlıktıñ berık tıregı';

type Catalog = Record<string, { message: string; placeholders?: Record<string, { content: string }> }>;

/** An English UI message with its $1 placeholder filled, as chrome.i18n gives it. */
export function en(key: string, ...subs: string[]): string {
  const entry = (enMessages as Catalog)[key];
  if (!entry) throw new Error(`no English message ${key}`);
  let text = entry.message;
  for (const [name, p] of Object.entries(entry.placeholders ?? {})) {
    const index = Number(p.content.replace('$', '')) - 1;
    text = text.replace(new RegExp(`\\$${name}\\$`, 'gi'), subs[index] ?? '');
  }
  return text;
}

export const squash = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, ' ').trim();
export const CYRILLIC = /[\u0400-\u04ff]/;

/**
 * Words as the reading time counts them: runs of letters and digits, joined by a hyphen or an
 * apostrophe (`тату-тәтті` is one word). Written again here rather than imported.
 */
export function countWords(text: string): number {
  return text.match(/[\p{L}\p{N}]+(?:[-'’][\p{L}\p{N}]+)*/gu)?.length ?? 0;
}

/**
 * Words per minute per language as docs/reading-time.md gives them (IReST, reading aloud):
 * Russian 184; Kazakh not measured, Turkish 166 stands in; English 228.
 */
export const WPM: Readonly<Record<string, number>> = { kk: 166, ru: 184, en: 228 };

/** Minutes as src/core/text/reading-time.ts rounds them: to the nearest minute, at least one. */
export function minutesFor(words: number, lang: string): number {
  return Math.max(1, Math.round(words / (WPM[lang] ?? 184)));
}

/** The first paragraph of the unity article, sentence by sentence (no abbreviations in it). */
export function unitySentences(): string[] {
  return squash(fixture(UNITY).gold.text[0]).split(/(?<=[.!?…])\s+/);
}

/** A page of another site in Kazakh: served nowhere, handed to the reader tab as a copy. */
export const STEPPE_URL = 'http://news.example.test/kk/2026/02/dala-kitaphanalary.html';
export const STEPPE_TITLE = 'Дала кітапханалары мұрағатын оқырмандарға ашты';
export const STEPPE_TITLE_LATIN = 'Dala kıtaphanalary mūrağatyn oqyrmandarğa aşty';
/** Left in Cyrillic by the Latin script: a block in Russian, a phrase marked lang="ru", an address, code. */
export const STEPPE_RUSSIAN_QUOTE = '«Мы гордимся этим единством, и это видно в каждом доме», — сказал он журналистам.';
export const STEPPE_MARKED_RU = 'Ассамблея народа Казахстана';
export const STEPPE_ADDRESS = 'https://egemen.kz/мақала/бірлік';
export const STEPPE_CODE = 'қазақ_тілі()';

/**
 * The Kazakh paragraphs of the steppe page: the unity article's paragraphs, again from the
 * start, until they have 895–950 words; the quote, the address and the code bring about 35
 * more. About 930–990 words read at 166 a minute is 6 minutes; at Russian's 184 it would be 5,
 * at English's 228 4: the minutes shown tell which speed was used.
 */
export function steppeParagraphs(): string[] {
  const source = fixture(UNITY).gold.text.filter((p) => countWords(p) > 10);
  const out: string[] = [];
  let words = countWords(STEPPE_TITLE);
  for (let i = 0; words < 895; i++) {
    if (i > 200) throw new Error('could not make the steppe paragraphs 895–950 words long');
    const p = source[i % source.length]!;
    if (words + countWords(p) > 950) continue;
    out.push(p);
    words += countWords(p);
  }
  return out;
}

export function steppePage(): string {
  const paragraphs = steppeParagraphs();
  const half = Math.floor(paragraphs.length / 2);
  const p = (text: string) => `<p>${text}</p>`;
  return `<!doctype html>
<html lang="kk">
<head><meta charset="utf-8"><title>${STEPPE_TITLE} | Дала жаңалықтары</title>
<meta property="og:title" content="${STEPPE_TITLE}"><meta property="og:site_name" content="Дала жаңалықтары"></head>
<body>
<header><nav><a href="/">Басты бет</a> <a href="/kk/news">Жаңалықтар</a></nav></header>
<main><article>
<h1>${STEPPE_TITLE}</h1>
${paragraphs.slice(0, half).map(p).join('\n')}
<blockquote><p>${STEPPE_RUSSIAN_QUOTE}</p></blockquote>
<p>Жиынға <span lang="ru">${STEPPE_MARKED_RU}</span> өкілдері де қатысты. Толығырақ: ${STEPPE_ADDRESS} сілтемесі арқылы оқуға болады.</p>
<p>Бағдарламашылар мұрағатты <code>${STEPPE_CODE}</code> функциясымен өңдейді.</p>
${paragraphs.slice(half).map(p).join('\n')}
</article></main>
<footer><p>© Дала жаңалықтары</p></footer>
</body></html>`;
}
