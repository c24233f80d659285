/**
 * Qazaq24.com articles: reading the metadata and cutting out the body.
 *
 * Everything here keys on what a reader sees (labels, the order of the page's text, the shape
 * of link lists), never on class names: the site's markup is not known and may change. The
 * labels of the Kazakh edition come from a captured page; the Russian ones are the likely
 * wordings, with variants.
 */
import type { PageMetadata, PreparedArticle, SiteProfile } from '../profile.ts';
import { QAZAQ24_HOST as HOST, QAZAQ24_NAMES as SITE_NAMES, qazaq24Page } from './page.ts';
import { foldForMatch } from '../../text/normalize.ts';
import { wordLetters } from '../../text/letters.ts';
import { firstTagged, isElement, nextNonBlank, precedes, remove, textNodesInLinks } from '../../dom.ts';
import { allUnder, baseUrlOf, firstUnder, moreElementChildren, tagged, taggedWith } from '../../find.ts';
import { findLines, removeLine, type Line, type LineRule } from '../../clean/lines.ts';
import { removeEmptyContainers } from '../../clean/empty-blocks.ts';
import { removeAds, siteOf } from '../../clean/ads.ts';
import { removeInserts } from '../../clean/inserts.ts';
import { textStats, type TextStats } from '../../clean/text-stats.ts';
import { embedsToCards } from '../../clean/embeds.ts';
import { ampImagesToImg, dedupeImages, removeSlideCounters, useNoscriptImages } from '../../clean/media.ts';
import { removeGlyphs, visibleText } from '../../clean/glyphs.ts';
import {
  findHeadlineLists,
  headlineListsAndTexts,
  isHeadlineLink,
  isLoneHeadlineLink,
  isListingDetail,
  removeKnownHeadlines,
  removeLinkRuns,
} from '../../clean/headline-lists.ts';
import { boxesOfHeadlines, headsHeadlineList, removeListsWithLabels, removeOrphanLabels } from '../../clean/list-labels.ts';
import { cloneRegion, findBodyRegion, type Boundary, type Region } from '../../clean/region.ts';
import { findCommentEntries } from '../../clean/comment-entries.ts';
import { removeControlLinks } from '../../clean/control-links.ts';
import { splitArticles, standsInBlock, type ArticleSpan } from '../../clean/articles.ts';
import { chooseArticle, elementsShowing } from './choose-article.ts';
import { chooseSourceLine, hostOfUrl, LEAD_FROM, pointsToSource, readSource, shownHost, sourceUrlFrom } from './source.ts';
import { absoluteUrl, resolveImages } from '../../clean/images.ts';
import { findTitle, mainTitleElement, titleElements } from '../../meta/title.ts';
import { inLocalTime, normalizeIsoDate, parseLocalDateTime } from '../../meta/dates.ts';
import { detectLang, primaryLang } from '../../meta/lang.ts';
import { canonicalUrl } from '../../meta/canonical.ts';
import { copyWithEmptyBody, deeperThan, MAX_TREE_DEPTH, workingCopy } from '../../working-copy.ts';


type Kind =
  | 'lead'
  | 'views'
  | 'source'
  | 'archived'
  | 'promo'
  | 'commentCount'
  | 'commentPrompt'
  | 'listHeading'
  | 'readAlso';

// Word edges against Cyrillic letters only: a Latin glyph word may be glued on (`seeКөрілімдер`).
const NOT_AFTER_LETTER = '(?<![\\u0400-\\u04ff])';
const NOT_BEFORE_LETTER = '(?![\\u0400-\\u04ff])';
const rx = (source: string) => new RegExp(source, 'u');

/** Thousands after a count: "1,2 мың", "3 тыс.", "1.2K". */
const THOUSANDS = `(?:(?:мың|тыс\\.?|k)(?![\\p{L}]))`;
/** A count of views as written: "12 345", "1,2 мың". */
const VIEW_COUNT = `\\d[\\d\\s.,]*${THOUSANDS}?`;
/** Any character that does not end a sentence followed by another: a line's tail stays in its sentence. */
const NO_SENTENCE_END = `(?:(?![.!?…]\\s+\\S).)`;
const VIEWS_LABEL = `(?:көрілімдер|көрілім|қаралымдар|қаралым|қаралды|просмотрено|просмотры|просмотров|просмотр)`;
/** The word for times after a count: "1 214 рет қаралды", "Просмотрено 1 214 раз". */
const TIMES = `(?:\\s*(?:рет|раза?)${NOT_BEFORE_LETTER})?`;
const SOURCE_LABEL = `(?:дереккөз(?:і)?|ақпарат көзі|түпнұсқа|источник|первоисточник|оригинал)`;
const COMMENT_WORD = `(?:пікірлер|пікір|комментарии|комментариев|комментарий|комментария)`;
const COMMENTS_PLURAL = `(?:пікірлер|комментарии|комментариев)`;
const READ_ALSO = `(?:тағы\\s+да\\s+оқыңыз|сондай-ақ оқыңыз|сондай-ақ оқи отырыңыз|тағы оқыңыз|оқи отырыңыз|оқыңыз|ұқсас жаңалықтар|тақырып\\p{L}* қатысты|(?:также|ещё|еще)\\s+читайте|также\\s+смотрите|читайте также|читайте ещ[её]|читайте|смотрите также|похожие новости|по теме)`;
const LIST_HEADINGS = [
  'ең көп оқылғандар', 'ең көп оқылған', 'көп оқылғандар', 'ең көп қаралғандар', 'соңғы жаңалықтар', 'танымал жаңалықтар', 'танымал',
  'қазір ең көп талқыланатын оқиғалар', 'күннің ең жаңа және өзекті оқиғалары',
  'самые читаемые', 'популярное', 'популярные новости', 'последние новости', 'самые обсуждаемые события сейчас',
  'самые новые и актуальные события дня', 'лента новостей',
];

/** The lines of an article page, by kind. Earlier rules win where one text could be two. */
const RULES: readonly LineRule<Kind>[] = [
  {
    // The aggregator's lead names the site that publishes ("… парақшасынан алынған деректерге
    // сүйене отырып, Qazaq24.com жаңалық жариялайды"). A photo's caption ("Сурет … Facebook
    // парақшасынан алынған") or a sentence about someone who publishes news names none.
    kind: 'lead',
    find: rx(`${LEAD_FROM}\\s+алынған|публикует\\s+новост`),
    line: rx(`^(?=.*qazaq24)(?:.{1,120}?\\s*${LEAD_FROM}\\s+алынған${NO_SENTENCE_END}{0,160}|.{0,60}публикует\\s+новост\\p{L}*\\s${NO_SENTENCE_END}{0,200})$`),
  },
  {
    kind: 'archived',
    find: rx(`мұрағатталған|мұрағаттал|заархивирован|архивирован|архивации`),
    cutBefore: rx(`бұл\\s+хабарлама|эта\\s+новость|данная\\s+новость|новость\\s+заархивирован`),
    // With the time it was archived, or saying that it is this message that was: "the case was
    // archived in 2021" is a sentence of an article.
    // Or the label of a cell whose value is the next ("Мұрағатталған уақыты", "Время архивации").
    line: rx(`^(?=.*\\d{1,2}:\\d{2}|.{0,20}(?:бұл\\s+(?:хабарлама|жаңалық|материал)|(?:эта|данная)\\s+(?:новость|публикация|статья)|(?:новость|материал)\\s+заархивирован)|(?:мұрағатталған\\s+(?:уақыты|күні)|(?:время|дата)\\s+архивации)\\s*:?\\s*$)` +
      `.{0,70}(?:мұрағатталған|мұрағатталды|заархивирован\\p{L}*|архивирован\\p{L}*|архивации)(?:\\s+из\\s+источника)?\\s*:?\\s*.{0,40}$`),
  },
  {
    kind: 'views',
    alone: true,
    find: rx(`${NOT_AFTER_LETTER}${VIEWS_LABEL}`),
    // Not between a count and its label: "12 345 просмотров" and "1 214 рет қаралды" are one line.
    cutBefore: rx(`(?<!\\d[\\s\\u00a0\\u202f]*(?:(?:рет|раза?)\\s*)?)${NOT_AFTER_LETTER}${VIEWS_LABEL}`),
    // "Просмотры: 1 024", "Просмотры — 1 024", "12 345 просмотров", "1 214 рет қаралды", "Просмотрено 1 214 раз", the label alone.
    line: rx(`^(?:${VIEW_COUNT}${TIMES}\\s*)?${VIEWS_LABEL}(?:\\s*:?\\s*(?:${VIEW_COUNT}${TIMES})?|\\s*[—–-]\\s*${VIEW_COUNT})$`),
  },
  {
    kind: 'source',
    alone: true,
    find: rx(`${NOT_AFTER_LETTER}${SOURCE_LABEL}${NOT_BEFORE_LETTER}`),
    cutBefore: rx(`${NOT_AFTER_LETTER}${SOURCE_LABEL}\\s*:`),
    // The label alone, or with a colon, or with an address or a name of three words at most
    // after a dash or of two after a space: "Источник в акимате подтвердил…", "Источник —
    // постановление правительства, вступившее…" and "Дереккөз мәліметінше, …" are sentences.
    // (A line that points nowhere is the article's credit: see sitesLines.)
    line: rx(`^${SOURCE_LABEL}(?:\\s*:.{0,200}|\\s*[—–]\\s*(?:\\S+\\.[a-z]{2,}\\S*|[^\\s.,;!?…]+(?:\\s+[^\\s.,;!?…]+){0,2})|\\s+(?:https?:\\/\\/|www\\.)\\S+|(?:\\s+[^\\s.,;!?…]+){0,2})\\s*$`),
  },
  {
    kind: 'commentPrompt',
    alone: true,
    find: rx(`пікір\\s+қалдыр|бірінші\\s+жауап|пікір\\s+жаз|пікір\\s+білдір|пікір\\p{L}*\\s+жоқ|оставить\\s+комментари|будьте\\s+первым|первым,?\\s+кто|написать\\s+комментари|прокомментировать|комментари\\p{L}*\\s+(?:пока\\s+)?нет|нет\\s+комментари`),
    // A short line: the prompt alone, or a whole prompt's phrase of signing in or of being
    // first. "Жители могут оставить комментарии к публикации…" is a sentence of an article.
    line: rx(
      `^(?=.{0,80}$)(?:[^\\p{L}]*(?:пікір\\s+қалдыру|пікір\\s+жазу|оставить\\s+комментарий|написать\\s+комментарий)[^\\p{L}]*|` +
        // A comment widget's words: "Facebook арқылы пікір қалдырыңыз", "Әзірге пікірлер жоқ", "Комментариев пока нет".
        `(?:[\\p{L}.]+\\s+){0,3}пікір\\s+(?:қалдырыңыз|жазыңыз)[^\\p{L}]*|(?:әзірге\\s+)?(?:пікірлер\\s+жоқ|пікір\\s+жоқ(?=.*әзірге)|пікір\\s+әлі\\s+жоқ)[^\\p{L}]*|(?:әзірге\\s+)?пікірлер\\s+әлі\\s+жоқ[^\\p{L}]*|` +
        `(?:комментариев\\s+(?:пока\\s+|ещ[её]\\s+)?нет|(?:пока\\s+|ещ[её]\\s+)?нет\\s+комментариев)[^\\p{L}]*|` +
        `.*(?:кіру,?\\s+пікір\\s+(?:қалдыру|жазу)\\s+үшін|бірінші\\s+(?:болып\\s+)?жауап\\s+беріңіз|пікір\\s+(?:қалдыру|жазу|білдіру)\\s+үшін\\s+(?:жүйеге\\s+)?(?:кіріңіз|тіркеліңіз|авторизациядан\\s+өтіңіз)|` +
        `(?:войдите|авторизуйтесь|зарегистрируйтесь),?\\s+чтобы\\s+(?:(?:оставить|написать)\\s+комментари|прокомментировать)|чтобы\\s+(?:(?:оставить|написать)\\s+комментари\\p{L}*|прокомментировать),?\\s+(?:войдите|авторизуйтесь|зарегистрируйтесь)|будьте\\s+первым|первым,?\\s+кто\\s+(?:ответит|оставит|прокомментирует|напишет)).*)$`,
    ),
  },
  {
    kind: 'commentCount',
    alone: true,
    find: rx(`${NOT_AFTER_LETTER}${COMMENT_WORD}${NOT_BEFORE_LETTER}`),
    cutBefore: rx(`\\d+\\s*${COMMENT_WORD}${NOT_BEFORE_LETTER}`),
    // "0 Пікірлер", "Комментарии (3)", "Пікірлер": a singular word alone is a heading of the
    // article ("Комментарий" before an expert's words), with a count it is the comments'.
    line: rx(`^(?:(?:\\d+\\s*)?${COMMENTS_PLURAL}\\s*(?:\\(\\d+\\)|\\d+)?|\\d+\\s*${COMMENT_WORD}|${COMMENT_WORD}\\s*(?:\\(\\d+\\)|\\d+))\\s*:?$`),
  },
  {
    kind: 'listHeading',
    alone: true,
    find: rx(`(?:${LIST_HEADINGS.map((h) => h.replace(/ /g, '\\s+')).join('|')})`),
    line: rx(`^(?:${LIST_HEADINGS.map((h) => h.replace(/ /g, '\\s+')).join('|')})[.:!]?$`),
  },
  {
    kind: 'readAlso',
    alone: true,
    find: rx(`${NOT_AFTER_LETTER}${READ_ALSO}\\s*[:.!-]`),
    cutBefore: rx(`${NOT_AFTER_LETTER}${READ_ALSO}\\s*[:.!-]`),
    line: rx(`^${READ_ALSO}\\s*[:.!-]?.{0,300}$`),
    // At the end of a paragraph, after its last sentence: with the headline it links to.
    afterSentence: endsWithHeadlineLink,
  },
  {
    kind: 'promo',
    find: rx(`qazaq24`),
    line: rx(`^(?=.{0,250}$)(?:.{0,12}qazaq24(?:\\.com|\\.kz)?.{0,12}|(?=.*qazaq24)(?=.*(?:бақылаңыз|жазылыңыз|оқыңыз|сайтын|сайтында|следите|подписывайтесь|читайте|на сайте|©|\\(c\\)|барлық құқық|все права)).*)$`),
  },
];

/** Whether a line ends with a headline link: "Сондай-ақ оқыңыз: <a>…</a>", nothing after it. */
function endsWithHeadlineLink(nodes: readonly Node[]): boolean {
  const last = [...nodes].reverse().find((n) => /\S/.test(n.textContent ?? ''));
  if (!last || !isElement(last)) return false;
  const link = LINK(last) ? last : allUnder(last, LINK).pop();
  return !!link && isHeadlineLink(link) && visibleText(last).endsWith(visibleText(link));
}

/** "Оригинал:" names the source only in the site's info block: in the article it points to a document. */
const ORIGINAL_LABEL = rx(`^(?:түпнұсқа|первоисточник|оригинал)`);

/**
 * The page's lines that are the site's: a source line that points nowhere (no link, no
 * address) and stands with no other info line is a credit the article writes (under a table
 * or a chart), its own text, neither a cut nor metadata. Standing in the info block, beside
 * the views or the archived time, it is the site's, link or not. A source line before the
 * trailer, with the site's own after it, is the article's credit, link or not.
 */
function sitesLines(root: Node, lines: readonly Line<Kind>[], credits: ReadonlySet<Line<Kind>>): Line<Kind>[] {
  if (credits.size) lines = lines.filter((l) => !credits.has(l));
  const pointless = lines.filter((l) => l.kind === 'source' && (!pointsToSource(l) || ORIGINAL_LABEL.test(foldForMatch(l.text))));
  if (!pointless.length) return [...lines];
  const info = lines.filter((l) => INFO.has(l.kind));
  const together = standsInBlock(root, info.map((l) => l.nodes));
  const inBlock = new Set(info.filter((_, i) => together[i]));
  return lines.filter((l) => !pointless.includes(l) || inBlock.has(l));
}

/**
 * Source lines the article writes itself ("Дереккөз: <a>stat.gov.kz</a>" under its figures):
 * before the site's trailer, where a source line of the site's own follows the trailer, standing
 * with no other info line. A line that points where the site's does (a copy of it), shows one
 * address and links to another, or carries a link no reader can trust is the site's, and goes.
 */
function creditsBeforeTrailer(root: Node, lines: readonly Line<Kind>[], base: string): Set<Line<Kind>> {
  const siteHosts = new Set<string>();
  const candidates: Line<Kind>[] = [];
  let trailerBetween = false;
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i]!;
    if (line.kind === 'source') {
      if (trailerBetween) candidates.push(line);
      else siteHosts.add(hostOfUrl(sourceUrlFrom(line, base)) ?? '');
    } else if (line.kind === 'promo' && siteHosts.size) trailerBetween = true;
  }
  const own = candidates.filter((line) => {
    const url = sourceUrlFrom(line, base);
    if (!url) return !pointsToSource(line);
    const host = hostOfUrl(url);
    const shown = shownHost(line);
    return !!host && !siteHosts.has(host) && (!shown || shown === host);
  });
  if (!own.length) return new Set();
  const info = lines.filter((l) => INFO.has(l.kind));
  const together = standsInBlock(root, info.map((l) => l.nodes));
  const inBlock = new Set(info.filter((_, i) => together[i]));
  return new Set(own.filter((l) => !inBlock.has(l)));
}

/** The longest value a label's own cell can hold: a count, an address, a date and time. */
const MAX_VALUE_CELL = 120;
const SOURCE_LABEL_ONLY = rx(`^${SOURCE_LABEL}\\s*:?$`);

/** Whether an info line is its label alone, its value in a cell of its own (`<dt>Просмотры:</dt><dd>327</dd>`). */
function isLabelOnly(line: Line<Kind>): boolean {
  const text = foldForMatch(line.text);
  if (line.kind === 'source') return SOURCE_LABEL_ONLY.test(text) && !line.nodes.some((n) => isElement(n) && (LINK(n) || firstUnder(n, LINK)));
  return (line.kind === 'views' || line.kind === 'archived') && !/\d/.test(text);
}

/**
 * Info lines written as a label and a value in separate cells (a list of terms, a table): the
 * label's line with the cell after it, where that cell is short and holds no line of its own.
 */
function withValueCells(lines: Line<Kind>[]): Line<Kind>[] {
  if (!lines.some((l) => INFO.has(l.kind) && isLabelOnly(l))) return lines;
  const taken = new Set<Node>(lines.flatMap((l) => l.nodes));
  return lines.map((line) => {
    if (!INFO.has(line.kind) || !isLabelOnly(line)) return line;
    const cell = nextNonBlank(line.nodes[line.nodes.length - 1]!.nextSibling);
    if (!cell || taken.has(cell) || (isElement(cell) && lines.some((l) => l.nodes.some((n) => cell.contains(n))))) return line;
    const value = visibleText(cell).trim();
    if (!value || value.length > MAX_VALUE_CELL) return line;
    taken.add(cell);
    return { ...line, nodes: [...line.nodes, cell], text: `${line.text} ${value}` };
  });
}

/** "Пікірлер", "Комментарии": the comments' word with no count, which may head a part of the article. */
const isCommentsWordAlone = (line: Line<Kind>) => line.kind === 'commentCount' && !/\d/.test(line.text);

/** Running text in the block after a heading that makes it the article's own. */
const PROSE_UNDER_HEADING = 40;

/** Whether the article's running text follows the line, in the next block with text. */
function headsProse(line: Line<Kind>): boolean {
  for (let node: Node | null = line.nodes[line.nodes.length - 1]!; node; node = node.parentNode) {
    for (let next = node.nextSibling; next; next = next.nextSibling) {
      const text = next.textContent ?? '';
      if (!/\p{L}/u.test(text)) continue;
      return wordLetters(isElement(next) ? visibleText(next) : text) >= PROSE_UNDER_HEADING;
    }
  }
  return false;
}

/** Lines that end the article: nothing after the first of them is body. */
const HARD: ReadonlySet<Kind> = new Set(['commentPrompt', 'listHeading']);

/**
 * Whether a line ends the article. A list's heading does where it heads one of the page's
 * headline lists (or nothing but lists and links follow it); with the article's prose after
 * it, it is a subheading of the article ("Ең көп оқылғандар" in a piece about books).
 */
function endsArticle(line: Line<Kind>, lists: readonly Element[]): boolean {
  if (!HARD.has(line.kind)) return false;
  return line.kind !== 'listHeading' || headsHeadlineList(line.nodes[line.nodes.length - 1]!, lists);
}

function firstOf(lines: readonly Line<Kind>[], kind: Kind): Line<Kind> | undefined {
  return lines.find((l) => l.kind === kind);
}

/** A count in thousands, its decimal mark a comma or a point: "1,2 мың", "1.2K", "3 тыс.". */
const IN_THOUSANDS = rx(`(?<![\\d.,])(\\d[\\d\\s\\u00a0\\u202f]*?)(?:[.,](\\d+))?\\s*${THOUSANDS}`);

function viewsFrom(line: Line | undefined): number | null {
  const text = line ? foldForMatch(line.text) : '';
  const inThousands = IN_THOUSANDS.exec(text);
  if (inThousands) return Math.round(Number(`${inThousands[1]!.replace(/\\D/g, '')}.${inThousands[2] ?? 0}`) * 1000);
  const digits = text.match(/\d[\d\s.,\u00a0\u202f]*/)?.[0].replace(/\D/g, '');
  return digits ? Number(digits) : null;
}

const INFO: ReadonlySet<Kind> = new Set(['views', 'source', 'archived']);

/**
 * The info lines to read: outside the body, the site's info block (lines standing together)
 * before a lone line, the last after the body before one above it.
 */
function infoLine(lines: readonly Line<Kind>[], kind: Kind, inBlock: ReadonlyMap<Line<Kind>, boolean>, region: Region): Line<Kind> | undefined {
  const own = lines.filter((l) => l.kind === kind).map((line) => ({ line, inBlock: inBlock.get(line) ?? false }));
  return chooseSourceLine(own, region) as Line<Kind> | undefined;
}

/**
 * When the article was archived: the machine time of a `<time datetime>` in its line, where
 * there is one (the line may show "2 сағат бұрын" or "вчера в 14:05"), else the time written.
 */
function archivedTime(line: Line<Kind>): string | null {
  for (const node of line.nodes) {
    const el = isElement(node) ? (node.matches('[datetime]') ? node : node.querySelector('[datetime]')) : node.parentElement?.closest('[datetime]');
    // With its time of day: a date alone says less than the line's written time.
    const machine = el?.getAttribute('datetime') ?? '';
    const at = /\d[T ]\d{2}:\d{2}/.test(machine) ? inLocalTime(machine) : null;
    if (at) return at;
  }
  return parseLocalDateTime(line.text);
}

function readMetadata(work: Document, address: string, lines: readonly Line<Kind>[], title: string | null, region: Region): PageMetadata {
  const workBase = baseUrlOf(work);
  const base = workBase && workBase !== 'about:blank' ? workBase : address;
  const info = lines.filter((l) => INFO.has(l.kind));
  // Which lines stand together matters only where a kind has more than one line to choose from.
  const choice = [...INFO].some((kind) => info.filter((l) => l.kind === kind).length > 1);
  const together = choice ? standsInBlock(work.body ?? work.documentElement, info.map((l) => l.nodes)) : info.map(() => true);
  const inBlock = new Map(info.map((l, i) => [l, together[i]!]));
  const archived = infoLine(lines, 'archived', inBlock, region);
  return {
    title,
    lang: null,
    url: address,
    source: readSource(infoLine(lines, 'source', inBlock, region), firstOf(lines, 'lead'), base),
    views: viewsFrom(infoLine(lines, 'views', inBlock, region)),
    archivedAt: archived ? archivedTime(archived) : null,
    publishedAt: normalizeIsoDate(firstTagged(work, 'meta', 'property', 'article:published_time')?.getAttribute('content')),
  };
}

const LINK = tagged('a');
const LINK_WITH_HREF = taggedWith('href', 'a');
const IMG = tagged('img');
const LINK_BLOCK = tagged('p', 'div', 'li', 'h3', 'h4', 'h5', 'h6');

/** Removes a "read also" line and, where its links sit in the next block, that block too. */
function removeReadAlso(line: Line): void {
  const last = line.nodes[line.nodes.length - 1]!;
  const hasLink = line.nodes.some((n) => isElement(n) && (n.tagName === 'A' || firstUnder(n, LINK)));
  let next = last.nextSibling;
  while (next && !isElement(next) && !/\S/.test(next.textContent ?? '')) next = next.nextSibling;
  removeLine(line);
  if (hasLink || !isElement(next)) return;
  const links = allUnder(next, LINK).filter(isHeadlineLink);
  const linkLetters = links.reduce((n, a) => n + visibleText(a).length, 0);
  if (links.length && linkLetters >= 0.6 * visibleText(next).length) remove(next);
}

/**
 * A block that is one link to another article of the site, with at most a date or a view count
 * beside it: a "read also" without a label, or an item of a short list of them.
 */
function removeLinkOnlyBlocks(root: Element, pageUrl: URL): void {
  for (const block of allUnder(root, LINK_BLOCK)) {
    if (!block.isConnected || firstUnder(block, IMG) || moreElementChildren(block, 3)) continue;
    const links = allUnder(block, LINK_WITH_HREF);
    if (links.length !== 1 || !isLoneHeadlineLink(links[0]!)) continue;
    const linkText = visibleText(links[0]!);
    const blockText = visibleText(block);
    if (!blockText.startsWith(linkText) && !blockText.endsWith(linkText)) continue;
    if (!isListingDetail(blockText.startsWith(linkText) ? blockText.slice(linkText.length) : blockText.slice(0, -linkText.length))) continue;
    if (otherPageOfSite(links[0]!, pageUrl)) remove(block);
  }
}

/** The page of the site a link leads to, where it is another than this one; else null. */
function otherPageOfSite(a: Element, pageUrl: URL): URL | null {
  const href = absoluteUrl(a.getAttribute('href') ?? '', pageUrl.href);
  if (!href) return null;
  const target = new URL(href);
  return HOST.test(target.hostname) && target.pathname !== pageUrl.pathname ? target : null;
}

/** A teaser's text under its headline: a sentence or two. */
const MAX_TEASER_LETTERS = 300;
/** A card's whole text, with its markup's white space, at most. */
const MAX_TEASER_CARD_TEXT = 1200;
const TEASER_BLOCK = tagged('div', 'li', 'article', 'section');

/** The site's article a link leads to, other than this page: a headline link of the site. */
function linksToOtherArticle(a: Element, pageUrl: URL): boolean {
  const target = otherPageOfSite(a, pageUrl);
  return !!target && /\/news\//.test(target.pathname) && isLoneHeadlineLink(a);
}

/**
 * A teaser card: a headline link of another article of the site on a line of its own, then a
 * sentence or two of teaser, and nothing else (no picture kept apart, no second link).
 */
function isTeaserCard(el: Element, pageUrl: URL): boolean {
  const links = allUnder(el, LINK_WITH_HREF);
  if (!links.length || links.length > 2 || new Set(links.map((a) => a.getAttribute('href'))).size !== 1) return false;
  const headline = links[links.length - 1]!;
  if (!linksToOtherArticle(headline, pageUrl)) return false;
  const text = visibleText(el);
  const title = visibleText(headline);
  if (!text.startsWith(title)) return false;
  const rest = text.slice(title.length).trim();
  return rest.length > 0 && rest.length <= MAX_TEASER_LETTERS;
}

/**
 * Runs of two teaser cards or more standing side by side, with no label: other articles of the
 * site offered in the middle of the body. One card alone may be the article's own link.
 */
function removeTeaserRuns(root: Element, pageUrl: URL, stats: ReadonlyMap<Element, TextStats>): void {
  // Only small blocks are read closer (the sizes were taken before the cleaning, which only shrinks them).
  const small = (el: Element) => (stats.get(el)?.length ?? Infinity) <= MAX_TEASER_CARD_TEXT;
  for (const parent of [root, ...allUnder(root, (el) => el.childElementCount >= 2)]) {
    let run: Element[] = [];
    const flush = () => {
      if (run.length >= 2) run.forEach(remove);
      run = [];
    };
    for (let child = parent.firstElementChild; child; child = child.nextElementSibling) {
      if (TEASER_BLOCK(child) && small(child) && isTeaserCard(child, pageUrl)) run.push(child);
      else flush();
    }
    flush();
  }
}

/** What is never article text, whatever page it is on. */
const NEVER_BODY_TAG = tagged('nav', 'form', 'button', 'input', 'select', 'textarea', 'label');
const NEVER_BODY_ROLE = /^(?:navigation|button)$/i;
const isNeverBody = (el: Element) => NEVER_BODY_TAG(el) || NEVER_BODY_ROLE.test(el.getAttribute('role') ?? '') || el.hasAttribute('hidden');

function cleanBody(article: Element, url: URL, title: string | null, headlines: ReadonlySet<string>, credits: ReadonlySet<string>): void {
  const base = baseUrlOf(article.ownerDocument) || url.href;
  // Sizes of text, gathered once for the ad and insert steps.
  const stats = textStats(article);
  // The boxes of headline links, before anything takes their links out: a label left alone in one goes at the end.
  const boxes = boxesOfHeadlines(article);
  removeAds(article, stats, siteOf(base, HOST));
  const lines = sitesLines(article, withValueCells(findLines(article, RULES)), new Set()).filter((l) => l.kind !== 'source' || !credits.has(foldForMatch(l.text)));
  const lists = lines.some((l) => l.kind === 'listHeading') ? findHeadlineLists(article) : [];
  for (const line of lines) {
    if (line.kind === 'readAlso') removeReadAlso(line);
    else if (isCommentsWordAlone(line) && headsProse(line)) continue;
    else if (line.kind !== 'listHeading' || endsArticle(line, lists)) removeLine(line);
  }
  // Before anything that weighs links: an embed's card is one link with little text beside it.
  const cards = embedsToCards(article, base);
  for (const el of allUnder(article, isNeverBody)) remove(el);
  removeGlyphs(article, { textLevel: true });
  removeInserts(article, { pageUrl: url, siteHost: HOST, keep: cards, stats });
  removeListsWithLabels(findHeadlineLists(article));
  removeLinkRuns(article);
  removeKnownHeadlines(article, headlines);
  removeLinkOnlyBlocks(article, url);
  removeTeaserRuns(article, url, stats);
  removeControlLinks(article);
  if (title) for (const el of titleElements(article, title)) remove(el);
  removeOrphanLabels(boxes);
  ampImagesToImg(article);
  useNoscriptImages(article, base);
  resolveImages(article, base);
  dedupeImages(article);
  removeSlideCounters(article);
  removeEmptyContainers(article);
}

/**
 * An AMP or mobile page's article at its desktop address, where the page names none (AMP pages
 * and most mobile ones do, with their canonical link): the `m.` or `amp.` host and the `/amp`
 * part of the path taken off.
 */
export function desktopAddress(address: string): string {
  let parsed: URL;
  try {
    parsed = new URL(address);
  } catch {
    return address;
  }
  if (!HOST.test(parsed.hostname)) return address;
  const host = parsed.hostname.replace(/^(?:m|mobile|amp)\./i, '');
  const path = parsed.pathname.replace(/\/amp(?=\/|$)/gi, '') || '/';
  if (host === parsed.hostname && path === parsed.pathname && !parsed.searchParams.has('amp')) return address;
  parsed.hostname = host;
  parsed.pathname = path;
  parsed.searchParams.delete('amp');
  parsed.hash = '';
  return parsed.href;
}

/**
 * Where the page holds several articles (an infinite scroll, a feed), its articles in page
 * order; null where it holds one.
 */
function articleSpans(body: Element, lines: readonly Line<Kind>[], lists: readonly Element[]): ArticleSpan[] | null {
  // One article's worth of lines (each info line once, one lead at most): nothing to choose between.
  const info = lines.filter((l) => INFO.has(l.kind));
  if (new Set(info.map((l) => l.kind)).size === info.length && lines.filter((l) => l.kind === 'lead').length <= 1) return null;
  return splitArticles(
    body,
    {
      info: info.map((l) => l.nodes),
      leads: lines.filter((l) => l.kind === 'lead').map((l) => l.nodes),
      hard: lines.filter((l) => endsArticle(l, lists)).map((l) => l.nodes),
      all: lines.map((l) => l.nodes),
    },
    { siteNames: SITE_NAMES, lists },
  );
}

/**
 * The page is read where it stands and only the article's part of it copied, into a document
 * of its own: a copy of the whole page costs about as much as all the reading. Where reading
 * would change the page (a text node to cut where a line starts inside it) or the page is
 * nested too deep to copy a part at once, a copy of the whole page is read instead, by the same
 * steps.
 */
function prepare(page: Document, url: URL): PreparedArticle {
  const inPlace = !!page.body && !deeperThan(page, MAX_TREE_DEPTH);
  return (inPlace && readArticle(page, url, false)) || readArticle(workingCopy(page), url, true)!;
}

/**
 * Reads the article of doc: the page itself, left as it is (null where that cannot be done),
 * or a copy of it that is `owned` and cut down to the article.
 */
function readArticle(doc: Document, url: URL, owned: boolean): PreparedArticle | null {
  let body = doc.body ?? doc.documentElement.appendChild(doc.createElement('body'));
  // Read in place, the page's text nodes stay as they are: listed once for every step below.
  let order = owned ? null : textNodesInLinks(body);
  // The lines first: where one must be cut out of a text node, the page is left at once. (The
  // headline lists read the same either way: a cut changes no element's text.)
  const found = findLines(body, RULES, { cut: owned, texts: order?.texts });
  if (!found) return null;
  const all = withValueCells(found);
  // The article's own credits: kept as its text by the cleaning of the cut body too, where the site's source line is gone.
  const ownCredits = creditsBeforeTrailer(body, all, url.href);
  const credits = new Set([...ownCredits].map((l) => foldForMatch(l.text)));
  let lines = sitesLines(body, all, ownCredits);
  const { lists, headlines } = headlineListsAndTexts(body);

  let title = findTitle(doc, SITE_NAMES);
  let address = canonicalUrl(doc, url);
  let titleEl: Element | null;
  const spans = articleSpans(body, lines, lists);
  const chosen = spans ? chooseArticle(doc, body, url, spans, { siteNames: SITE_NAMES, lists }, SITE_NAMES) : null;
  if (chosen) {
    // The rest is read in the named article's part of the page alone, in a copy of it where the page is read in place.
    const part = owned ? doc : copyWithEmptyBody(doc);
    part.body!.replaceChildren(cloneRegion(part, body, chosen.span, { take: owned }));
    [doc, body, owned, order] = [part, part.body!, true, null];
    title = chosen.title ?? title;
    address = chosen.url;
  }
  address = desktopAddress(address);
  let bodyLists = lists;
  if (chosen) {
    const again = withValueCells(findLines(body, RULES));
    const ownAgain = creditsBeforeTrailer(body, again, url.href);
    for (const l of ownAgain) credits.add(foldForMatch(l.text));
    lines = sitesLines(body, again, ownAgain);
    bodyLists = findHeadlineLists(body);
    titleEl = title ? mainTitleElement(elementsShowing(body, title, { siteNames: SITE_NAMES, lists: bodyLists })) : null;
  } else {
    order ??= textNodesInLinks(body);
    titleEl = title ? mainTitleElement(titleElements(body, title, order.texts)) : null;
  }
  if (title) headlines.delete(foldForMatch(title));

  // The trailer ("… Qazaq24.com сайтын бақылаңыз") ends the article's text: info lines after it open the page's tail.
  // (After the title: the logo's "Qazaq24.com" above it is a promo line too.)
  const trailer = titleEl ? lines.find((l) => l.kind === 'promo' && precedes(titleEl!, l.nodes[0]!)) : undefined;
  const afterTrailer = (l: Line<Kind>) => !!trailer && precedes(trailer.nodes[trailer.nodes.length - 1]!, l.nodes[0]!);
  // The last promo line before the info lines ends the text, whatever follows it; one before it
  // (a call to follow the site's channel set in the body) may be an insert.
  const promos = titleEl ? lines.filter((l) => l.kind === 'promo' && precedes(titleEl!, l.nodes[0]!)) : [];
  const firstInfo = promos.length > 1 ? lines.find((l) => INFO.has(l.kind) && precedes(promos[0]!.nodes[0]!, l.nodes[0]!)) : undefined;
  const closing = [...promos].reverse().find((l) => !firstInfo || precedes(l.nodes[l.nodes.length - 1]!, firstInfo.nodes[0]!)) ?? promos[promos.length - 1];
  // A comments word with no count before the trailer heads a part of the article ("Пікірлер" over people's views).
  const subheading = (l: Line<Kind>) => isCommentsWordAlone(l) && !!trailer && precedes(l.nodes[l.nodes.length - 1]!, trailer.nodes[0]!);
  const boundaries: Boundary[] = lines
    .filter((l) => l.kind !== 'readAlso' && (l.kind !== 'listHeading' || endsArticle(l, bodyLists)) && !subheading(l))
    .map((l) => ({
      nodes: l.nodes,
      hard: HARD.has(l.kind),
      opensAside: l.kind === 'commentCount',
      soft: INFO.has(l.kind) || l.kind === 'lead',
      opens: l.kind === 'lead',
      insert: l.kind === 'promo' && l !== closing,
      info: INFO.has(l.kind) && afterTrailer(l),
    }));
  // Readers' comments under a heading no rule knows, before the trailer: known by their entries.
  const stops = lines.map((l) => l.nodes[0]!);
  const infoAfterTitle = titleEl ? lines.find((l) => INFO.has(l.kind) && precedes(titleEl!, l.nodes[0]!)) : undefined;
  const comments = findCommentEntries(body, titleEl, stops, (a) => /\/news\//.test(otherPageOfSite(a, url)?.pathname ?? ''), {
    order: order ?? undefined,
    until: infoAfterTitle?.nodes[0] ?? null,
  });
  if (comments) boundaries.push({ nodes: comments.start, hard: true, final: true });
  const region = findBodyRegion(body, titleEl, boundaries, order ?? undefined);
  const meta = readMetadata(doc, address, lines, title, region);

  const work = owned ? doc : copyWithEmptyBody(doc);
  const article = work.createElement('article');
  article.appendChild(cloneRegion(work, body, region, { take: owned }));
  work.body!.replaceChildren(article);
  cleanBody(article, url, title, headlines, credits);
  meta.lang = editionLang(doc, url) ?? detectLang(work, url, `${title ?? ''}\n${article.textContent ?? ''}`);
  return { meta, work, stripGlyphText: true, headlines, bodyIsCut: true };
}

/**
 * The edition the article is in: the Russian one where its address says so (`/ru/`, `ru.`), else the
 * edition the page declares (`<html lang>`). An article in Russian on the Kazakh edition is
 * still the Kazakh edition's; where the page says nothing, the article's letters tell.
 */
function editionLang(doc: Document, url: URL): 'kk' | 'ru' | null {
  if (/^\/ru(?:\/|$)/i.test(url.pathname) || /^ru\./i.test(url.hostname)) return 'ru';
  const declared = primaryLang(doc.documentElement?.getAttribute('lang'));
  return declared === 'kk' || declared === 'ru' ? declared : null;
}

export const qazaq24: SiteProfile = { ...qazaq24Page, prepare };
