/**
 * Readers' comments known by their shape, whatever their heading says: a run of entries, each
 * a line of a name and when it was written ("Марат 05.02.2026 18:20", "Gulnara_K · 2 сағат
 * бұрын"), then the comment. One such line alone is no comment (a byline with its time under
 * the title reads the same); two or more close together, each followed by some text, are.
 */
import { closestTag, isElement, isText, textNodesInLinks, type TextsInLinks } from '../dom.ts';
import { letterCount } from '../text/letters.ts';
import { findLines, type Line, type LineRule } from './lines.ts';

const MONTH =
  '(?:янв|фев|мар|апр|ма[йя]|июн|июл|авг|сен|окт|ноя|дек)\\p{L}*|қаңтар\\p{L}*|ақпан\\p{L}*|наурыз\\p{L}*|сәуір\\p{L}*|мамыр\\p{L}*|маусым\\p{L}*|шілде\\p{L}*|тамыз\\p{L}*|қыркүйек\\p{L}*|қазан\\p{L}*|қараша\\p{L}*|желтоқсан\\p{L}*';
const TIME = '\\d{1,2}:\\d{2}';
const AT_TIME = `(?:,?\\s*(?:в\\s+|сағат\\s+)?${TIME})`;
const DATE = `(?:\\d{1,2}[./]\\d{1,2}[./]\\d{2,4}|\\d{1,2}\\s+(?:${MONTH})(?:\\s+\\d{4}(?:\\s*(?:г\\.|ж\\.|жыл\\p{L}*))?)?)`;
const AGO = '\\d+\\s+(?:секунд|минут|мин|час|дн|день|недел|месяц|сағат|күн|апта|ай|жыл)\\p{L}*\\.?\\s+(?:назад|бұрын)';
/** When a comment was written, as its line shows it: a day, or how long ago (a time alone starts a live report's entries). */
const WHEN = `(?:${DATE}${AT_TIME}?|(?:вчера|сегодня|кеше|бүгін)${AT_TIME}|${AGO})`;
/** A reader's name or handle: one to three words, no sentence in it, no label's colon. */
const NAME = `[@\\p{L}][\\p{L}\\p{N}_.'’-]*(?:\\s+[\\p{L}\\p{N}_.'’-]+){0,2}`;
const SEPARATOR = '\\s*[,·•|—–-]?\\s*';

const ENTRY: LineRule<'entry'> = {
  kind: 'entry',
  find: new RegExp(`(?<![\\p{L}\\p{N}])(?:${WHEN})`, 'u'),
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

/**
 * Where the readers' comments start under root: the first run of two entries or more after
 * the article's first running text. `after` is the node the article's text comes after (its
 * title); `isArticleLink` tells a link to another article (a list of headlines with their
 * times is no run of comments). null where there is no such run.
 */
export function findCommentEntries(
  root: Node,
  after: Node | null,
  isArticleLink: (a: Element) => boolean,
  order: TextsInLinks = textNodesInLinks(root),
): CommentEntries | null {
  const found = findLines(root, RULES, { cut: false, texts: order.texts });
  const entries = (found ?? []).filter((l) => !l.nodes.some((n) => holdsArticleLink(n, isArticleLink)));
  if (entries.length < 2) return null;
  const index = new Map<Node, number>();
  order.texts.forEach((t, i) => index.set(t, i));
  const span = (line: Line) => {
    const inner = line.nodes.flatMap((n) => (isText(n) ? [n] : textNodesInLinks(n).texts));
    const at = inner.map((t) => index.get(t)).filter((i): i is number => i !== undefined);
    return at.length ? { first: Math.min(...at), last: Math.max(...at) } : null;
  };
  const afterIndex = after ? lastIndexUnder(after, index) : -1;
  const spans = entries.map(span);
  // Letters outside links from the title up to the entry looked at, counted once as the entries go down the page.
  let counted = afterIndex + 1;
  let letters = 0;
  for (let i = 0; i + 1 < entries.length; i++) {
    const a = spans[i];
    const b = spans[i + 1];
    if (!a || !b || a.first <= afterIndex) continue;
    // Running text of the article before the run.
    if (a.first > counted) {
      letters += lettersOutsideLinks(order, counted, a.first);
      counted = a.first;
    }
    if (letters < PROSE_BEFORE) continue;
    const between = textLength(order, a.last + 1, b.first);
    if (between > MAX_COMMENT_TEXT || lettersOutsideLinks(order, a.last + 1, b.first) === 0) continue;
    return { start: withHeading(entries[i]!.nodes) };
  }
  return null;
}

function lastIndexUnder(node: Node, index: ReadonlyMap<Node, number>): number {
  const texts = isText(node) ? [node] : textNodesInLinks(node).texts;
  let last = -1;
  for (const t of texts) last = Math.max(last, index.get(t) ?? -1);
  return last;
}

function lettersOutsideLinks(order: TextsInLinks, from: number, to: number): number {
  let n = 0;
  for (let i = Math.max(0, from); i < to; i++) if (!order.inLink[i]) n += letterCount(order.texts[i]!.data);
  return n;
}

function textLength(order: TextsInLinks, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to && n <= MAX_COMMENT_TEXT; i++) n += order.texts[i]!.data.trim().length;
  return n;
}

function holdsArticleLink(node: Node, isArticleLink: (a: Element) => boolean): boolean {
  if (isText(node)) {
    const a = closestTag(node, 'A');
    return !!a && isArticleLink(a);
  }
  if (!isElement(node)) return false;
  if (node.tagName === 'A' && isArticleLink(node)) return true;
  return [...node.getElementsByTagName('a')].some(isArticleLink);
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
