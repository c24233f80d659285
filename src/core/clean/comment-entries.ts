/**
 * Readers' comments known by their shape, whatever their heading says: a run of entries, each
 * a line of a name and when it was written ("Марат 05.02.2026 18:20", "Gulnara_K · 2 сағат
 * бұрын"), then the comment. One such line alone is no comment (a byline with its time under
 * the title reads the same); two or more close together, each followed by some text, with
 * nothing after them but the page's next line, are.
 */
import { closestTag, isBlock, isElement, isText, textNodesInLinks, type TextsInLinks } from '../dom.ts';
import { letterCount } from '../text/letters.ts';
import { findLines, type LineRule } from './lines.ts';
import { firstUnder } from '../find.ts';

const MONTH =
  '(?:янв|фев|мар|апр|ма[йя]|июн|июл|авг|сен|окт|ноя|дек)\\p{L}*|қаңтар\\p{L}*|ақпан\\p{L}*|наурыз\\p{L}*|сәуір\\p{L}*|мамыр\\p{L}*|маусым\\p{L}*|шілде\\p{L}*|тамыз\\p{L}*|қыркүйек\\p{L}*|қазан\\p{L}*|қараша\\p{L}*|желтоқсан\\p{L}*';
const TIME = '\\d{1,2}:\\d{2}(?![\\d:])';
const AT_TIME = `,?\\s*(?:в\\s+|сағат\\s+)?${TIME}`;
const DATE = `(?:\\d{1,2}[./]\\d{1,2}[./]\\d{2,4}|\\d{1,2}\\s+(?:${MONTH})(?:\\s+\\d{4}(?:\\s*(?:г\\.|ж\\.|жыл\\p{L}*))?)?)`;
const AGO = '\\d+\\s+(?:секунд|минут|мин|час|дн|день|недел|месяц|сағат|күн|апта|ай|жыл)\\p{L}*\\.?\\s+(?:назад|бұрын)';
/**
 * When a comment was written, as its line shows it: a day with its time, or how long ago. A
 * day alone heads a chronicle's entry or follows a dateline's place ("Астана, 5 февраля").
 */
const WHEN = `(?:${DATE}${AT_TIME}|(?:вчера|сегодня|кеше|бүгін)${AT_TIME}|${AGO})`;
/** Words that stamp an update or a publication, not a reader's name. */
const STAMP_WORDS = '(?:обновлено|опубликовано|изменено|добавлено|дата|время|жаңартылды|жарияланды|өзгертілді|уақыты|updated|published|posted)';
/** A reader's name or handle: one to three words, no sentence in it, no label's colon. */
const NAME = `(?!${STAMP_WORDS}(?![\\p{L}]))[@\\p{L}][\\p{L}\\p{N}_.'’-]*(?:\\s+[\\p{L}\\p{N}_.'’-]+){0,2}`;
const SEPARATOR = '\\s*[·•|—–-]?\\s*';

const ENTRY: LineRule<'entry'> = {
  kind: 'entry',
  find: new RegExp(`(?<![\\d:])\\d{1,2}:\\d{2}(?![\\d:])|(?:назад|бұрын)(?![\\p{L}])`, 'u'),
  // The name first: "18:20 — Начало заседания" and "5 февраля — Совет…" are a chronicle's entries.
  line: new RegExp(`^(?=.{1,64}$)${NAME}${SEPARATOR}${WHEN}$`, 'u'),
  alone: true,
};
const RULES = [ENTRY];

/** Text between two entries of one run, at most: a comment, not an article. */
const MAX_COMMENT_TEXT = 1500;
/** Letters of running text after the title before a run can start: comments follow the article. */
const PROSE_BEFORE = 100;
/** A heading over the comments: short, no sentence. */
const MAX_HEADING = 40;

export interface CommentEntries {
  /** The first entry of the first run, with the heading over the comments where one stands right above it. */
  start: Node[];
}

interface Span {
  first: number;
  last: number;
}

/**
 * Where the readers' comments start under root: the first run of two entries or more after
 * the article's first running text, each entry's text a comment's (some text, not more than a
 * comment holds), and nothing after the last one's text but the page's next line (`stops`:
 * the trailer, the info lines, a prompt): a quoted chat, an article's updates or a chronicle
 * go on with the article's text after them. `after` is the node the article's text comes after
 * (its title); `isArticleLink` tells a link to another article (a list of headlines with their
 * times is no run of comments). null where there is no such run.
 */
export function findCommentEntries(
  root: Node,
  after: Node | null,
  stops: readonly Node[],
  isArticleLink: (a: Element) => boolean,
  { order = textNodesInLinks(root), until = null }: { order?: TextsInLinks; until?: Node | null } = {},
): CommentEntries | null {
  const { texts, inLink } = order;
  const index = new Map<Node, number>();
  texts.forEach((t, i) => index.set(t, i));
  // Entries are looked for between the title and `until` (the site's info lines: comments after them are the page's tail).
  const from = after ? (spanOf(after, index)?.last ?? -1) + 1 : 0;
  const to = until ? (spanOf(until, index)?.first ?? texts.length) : texts.length;
  if (to - from < 4) return null;
  const found = findLines(root, RULES, { cut: false, texts: texts.slice(from, to) });
  const entries = (found ?? []).filter((l) => !l.nodes.some((n) => holdsArticleLink(n, isArticleLink)));
  if (entries.length < 2) return null;
  // Letters outside links and characters of text, prefix-summed: any stretch is counted at once.
  const letters = new Array<number>(texts.length + 1).fill(0);
  const chars = new Array<number>(texts.length + 1).fill(0);
  texts.forEach((t, i) => {
    letters[i + 1] = letters[i]! + (inLink[i] ? 0 : letterCount(t.data));
    chars[i + 1] = chars[i]! + t.data.trim().length;
  });
  const lettersIn = (a: number, b: number) => (b > a ? letters[b]! - letters[a]! : 0);
  const charsIn = (a: number, b: number) => (b > a ? chars[b]! - chars[a]! : 0);
  const afterIndex = from - 1;
  const spans = entries.map((l) => spanOf(l.nodes, index));
  const stopAt = stops.map((n) => spanOf(n, index)?.first ?? -1).filter((i) => i > afterIndex).sort((a, b) => a - b);
  const nextStop = (i: number) => stopAt.find((s) => s > i) ?? texts.length;
  const comment = (a: Span, b: number) => charsIn(a.last + 1, b) <= MAX_COMMENT_TEXT && lettersIn(a.last + 1, b) > 0;

  for (let i = 0; i + 1 < spans.length; ) {
    const a = spans[i];
    if (!a || a.first <= afterIndex || lettersIn(afterIndex + 1, a.first) < PROSE_BEFORE) {
      i++;
      continue;
    }
    // The run from this entry on, and the most blocks of text one entry's comment takes.
    let j = i;
    let blocks = 0;
    while (j + 1 < spans.length && spans[j + 1] && comment(spans[j]!, spans[j + 1]!.first)) {
      blocks = Math.max(blocks, blocksIn(texts, spans[j]!.last + 1, spans[j + 1]!.first));
      j++;
    }
    if (j > i) {
      const last = spans[j]!;
      const stop = nextStop(last.last);
      if (charsIn(last.last + 1, stop) <= MAX_COMMENT_TEXT && blocksIn(texts, last.last + 1, stop) <= blocks) return { start: withHeading(entries[i]!.nodes) };
    }
    i = j + 1;
  }
  return null;
}

/** The first and last of the texts under nodes, by their place in the order. */
function spanOf(nodes: Node | readonly Node[], index: ReadonlyMap<Node, number>): Span | null {
  let first = Infinity;
  let last = -Infinity;
  for (const n of Array.isArray(nodes) ? nodes : [nodes]) {
    for (const t of isText(n) ? [n] : textNodesInLinks(n).texts) {
      const i = index.get(t);
      if (i === undefined) continue;
      first = Math.min(first, i);
      last = Math.max(last, i);
    }
  }
  return Number.isFinite(first) ? { first, last } : null;
}

/** How many blocks hold the letters of the texts from `from` to `to` (a stretch of a comment's length at most). */
function blocksIn(texts: readonly Text[], from: number, to: number): number {
  const blocks = new Set<Node>();
  for (let i = from; i < to; i++) {
    const t = texts[i]!;
    if (!/[\p{L}\p{N}]/u.test(t.data)) continue;
    let block: Node | null = t.parentNode;
    while (block && isElement(block) && !isBlock(block)) block = block.parentNode;
    if (block) blocks.add(block);
  }
  return blocks.size;
}

function holdsArticleLink(node: Node, isArticleLink: (a: Element) => boolean): boolean {
  if (isText(node)) {
    const a = closestTag(node, 'A');
    return !!a && isArticleLink(a);
  }
  if (!isElement(node)) return false;
  if (node.tagName === 'A' && isArticleLink(node)) return true;
  return !!firstUnder(node, (el) => el.tagName === 'A' && isArticleLink(el));
}

const HEADING = /^H[1-6]$/;

/**
 * The entry's nodes, after the heading that stands right above its comment (the first thing
 * in each box that holds the entry first): "Обсуждение" over the first comment is the
 * comments', not the article's last line.
 */
function withHeading(nodes: Node[]): Node[] {
  for (let node: Node | null = nodes[0]!; node?.parentNode; node = node.parentNode) {
    const before = previousWithText(node);
    if (!before) continue;
    const text = (before.textContent ?? '').replace(/\s+/g, ' ').trim();
    const isHeading = isElement(before) && (HEADING.test(before.tagName) || before.getAttribute('role') === 'heading');
    return isHeading && text.length <= MAX_HEADING && !/[.!?…]$/.test(text) ? [before, ...nodes] : nodes;
  }
  return nodes;
}

function previousWithText(node: Node): Node | null {
  for (let cur = node.previousSibling; cur; cur = cur.previousSibling) if (/\S/.test(cur.textContent ?? '')) return cur;
  return null;
}
