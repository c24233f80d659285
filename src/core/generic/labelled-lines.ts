/**
 * What the labelled lines of a body say goes: a comments heading in the body's second half
 * ends the article, and so does a paywall's prompt after its free part; a "Read also" line
 * goes with the list of links it heads; share, follow, subscribe, advertisement and copyright
 * lines go alone.
 */
import { foldForMatch, withoutGreekAccents } from '../text/normalize.ts';
import { isBlock, isBreak, isElement, isText, nextNonBlank, remove } from '../dom.ts';
import { greekFreeRegExp, isSubheadingLikeComments, labelOf, opensWithRelatedLabel, type LabelKind } from './labels.ts';
import { shortLines, textLengths } from './lines.ts';
import { offsetsOf } from './text-runs.ts';

/** A comments label this far into the body's text (or further) starts the comments. */
export const COMMENTS_FROM = 0.5;
/** A block is a list of links where links hold at least this share of its letters. */
const LINK_SHARE = 0.5;
/** A "related" section is never larger than this many characters. */
const MAX_SECTION = 4000;
/** A teaser list has a link for at most this many letters. */
const TEASER_LETTERS_PER_LINK = 250;
/** The longest teaser text; a longer run of text is an article's paragraph. */
const MAX_TEASER = 320;

export interface LabelReport {
  comments: number;
  related: number;
  chrome: number;
}

const LETTER = /\p{L}/gu;

/** Letters in links and in all, under el. */
export function linkLetters(el: Element): { inLinks: number; all: number; links: number } {
  let inLinks = 0;
  let all = 0;
  let links = 0;
  const stack: { node: Node; inLink: boolean }[] = [{ node: el, inLink: false }];
  while (stack.length) {
    const { node, inLink } = stack.pop()!;
    if (isText(node)) {
      const n = node.data.match(LETTER)?.length ?? 0;
      all += n;
      if (inLink) inLinks += n;
      continue;
    }
    if (!isElement(node)) continue;
    const tag = node.tagName.toUpperCase();
    if (tag === 'SCRIPT' || tag === 'STYLE' || tag === 'NOSCRIPT' || tag === 'TEMPLATE') continue;
    const link = tag === 'A' && node.hasAttribute('href');
    if (link && !inLink) links++;
    for (let i = node.childNodes.length - 1; i >= 0; i--) stack.push({ node: node.childNodes[i]!, inLink: inLink || link });
  }
  return { inLinks, all, links };
}

function isLinkList(el: Element, minus = 0): boolean {
  const s = linkLetters(el);
  const all = s.all - minus;
  return s.links >= 1 && all > 0 && s.inLinks >= LINK_SHARE * all;
}

/** Removes el and everything after it under root. */
function removeFromHereOn(el: Element, root: Element): void {
  let cur: Node = el;
  while (cur !== root && cur.parentNode) {
    while (cur.nextSibling) remove(cur.nextSibling);
    const parent: Node = cur.parentNode;
    if (cur === el) remove(cur);
    cur = parent;
  }
}

/** Letters, letters in links, links, and the longest run of text outside links within one block. */
export function sectionShape(el: Element): { all: number; inLinks: number; links: number; longestProse: number } {
  let all = 0;
  let inLinks = 0;
  let links = 0;
  let longestProse = 0;
  let run = 0;
  type Step = { node: Node; inLink: boolean; exit: boolean };
  const stack: Step[] = [{ node: el, inLink: false, exit: false }];
  while (stack.length) {
    const { node, inLink, exit } = stack.pop()!;
    if (exit) {
      longestProse = Math.max(longestProse, run);
      run = 0;
      continue;
    }
    if (isText(node)) {
      const n = node.data.match(LETTER)?.length ?? 0;
      all += n;
      if (inLink) inLinks += n;
      else run += n;
      continue;
    }
    if (!isElement(node)) continue;
    const tag = node.tagName.toUpperCase();
    if (tag === 'SCRIPT' || tag === 'STYLE' || tag === 'NOSCRIPT' || tag === 'TEMPLATE') continue;
    const link = tag === 'A' && node.hasAttribute('href');
    if (link && !inLink) links++;
    if (isBlock(node) || tag === 'BR') {
      longestProse = Math.max(longestProse, run);
      run = 0;
      stack.push({ node, inLink, exit: true });
    }
    for (let i = node.childNodes.length - 1; i >= 0; i--) stack.push({ node: node.childNodes[i]!, inLink: inLink || link, exit: false });
  }
  return { all, inLinks, links, longestProse: Math.max(longestProse, run) };
}

/** Teasers of other articles: a link at least every few hundred letters, and no paragraph of prose. */
function isTeaserList(el: Element, labelLetters: number): boolean {
  const s = sectionShape(el);
  const letters = s.all - labelLetters;
  return letters > 0 && s.links >= Math.max(2, letters / TEASER_LETTERS_PER_LINK) && s.longestProse <= MAX_TEASER;
}

/**
 * The list a "related" label heads goes with it: the largest element that starts with the
 * label where that is a list of teasers, else the lists of links right after the label.
 */
function removeRelated(el: Element, root: Element, labelLetters: number, offsets: Map<Element, number>): void {
  const at = offsets.get(el) ?? 0;
  const own = el.textContent?.length ?? 0;
  // The first element around the label that holds more than the label: the box it heads.
  let box: Element | null = el.parentElement;
  while (box && box !== root && (box.textContent?.length ?? 0) <= own) box = box.parentElement;
  if (box && box !== root && at - (offsets.get(box) ?? 0) <= 20 && (box.textContent?.length ?? 0) <= MAX_SECTION && isTeaserList(box, labelLetters)) {
    remove(box);
    return;
  }
  let next = el.nextSibling;
  remove(el);
  while (next) {
    const after: ChildNode | null = next.nextSibling;
    if (isText(next)) {
      if (next.data.trim()) break;
    } else if (isElement(next) && (next.textContent?.trim().length ?? 0) > 0) {
      if ((next.textContent?.length ?? 0) > MAX_SECTION || !(isLinkList(next) || isTeaserList(next, 0))) break;
      remove(next);
    }
    next = after;
  }
}

/** A line a comment carries: its time stamp, or a button to answer or rate it. */
const COMMENT_DETAIL = new RegExp(
  withoutGreekAccents(
    [
      String.raw`\d{1,2}[:.]\d{2}(?:\s*(?:am|pm))?\]?$`,
      String.raw`\b(?:\d+|an?|one)\s+(?:second|minute|hour|day|week|month|year)s?\s+ago$`,
      String.raw`\d+\s*(?:秒|分钟|分鐘|分|小时|小時|時間|天|日|周|週|个月|個月|ヶ月|年|초|분|시간|일|주|개월|년)\s*(?:前|전)$`,
      String.raw`^(?:回复|回覆|举报|舉報|支持|反对|反對|返信|通報|답글|신고)(?:\s*[(（]?\d*[)）]?)?$`,
      String.raw`^(?:reply|odpowiedz|odpowiedź|απάντηση|ответить|жауап беру|antworten|répondre|responder|rispondi|responder|report(?: abuse)?|zgłoś(?: nadużycie)?|válasz|reageren|răspunde|odpovědět|like|recommend|ocena:.*|pokaż \d+ ukryt.*)$`,
    ].join('|'),
  ),
  'i',
);
/** Lines of that kind after a comments label that show it starts the comments. */
const COMMENT_EVIDENCE = 2;
/** The longest name a comment is signed with. */
const MAX_SIGNATURE = 40;
/**
 * Comments signed with this many different names after a comments label show it starts the
 * comments (a name alone says less than a time stamp; an interview alternates two names).
 */
const SIGNED_EVIDENCE = 3;
/** The first of those comes within this much text after the label's start. */
const SIGNED_NEAR = 200;

/**
 * A comment's signature: its author's name set apart at the start of its block, then a line
 * break and the comment (`<p><b>Lindsay Gray</b><br>I wonder…</p>`). A name, not a sentence.
 */
function isSignature(line: { el: Element; text: string }, lengths: Map<Element, number>): boolean {
  const { el, text } = line;
  if (isBlock(el) || text.length > MAX_SIGNATURE) return false;
  // A sentence's end, where it is not a name's initial ("John S.").
  if (/[.!?:;,]$/.test(text) && !/(?:^|\s)\p{Lu}\.$/u.test(text)) return false;
  const next = nextNonBlank(el.nextSibling);
  if (!next || !isBreak(next)) return false;
  const block = el.parentElement;
  if (!block || !isBlock(block)) return false;
  // First in its block, with text after the break.
  for (let prev = el.previousSibling; prev; prev = prev.previousSibling) {
    if (isText(prev) ? !!prev.data.trim() : isElement(prev) && (lengths.get(prev) ?? 0) > 0) return false;
  }
  return (lengths.get(block) ?? 0) > text.length + 20;
}
/** Text before a comments label that makes it the end of an article, not a count beside its byline. */
const MIN_ARTICLE_BEFORE = 200;

interface Signature {
  el: Element;
  /** The name, folded. */
  name: string;
  /** Its place among the short lines. */
  index: number;
}

interface CommentsContext {
  offsets: Map<Element, number>;
  total: number;
  lines: readonly { el: Element }[];
  details: readonly boolean[];
  commentsAfter: number;
  /** The label's place among the short lines. */
  index: number;
  signatures: readonly Signature[];
  /**
   * The label may as well be the article's own subheading ("Opinie", "Discussion"): time
   * stamps and reply buttons tell, and signed blocks only where they are short, as readers'
   * comments are; experts' words signed the same way are paragraphs.
   */
  subheadingLike: boolean;
  lengths: Map<Element, number>;
}

/** A reader's comment is a line or two; a quoted expert's words under a name run longer. */
const SHORT_COMMENT = 120;

/** The text a signature signs: its block's, less the name. */
const signedLength = (s: Signature, lengths: Map<Element, number>) => (s.el.parentElement ? (lengths.get(s.el.parentElement) ?? 0) : 0) - s.name.length;

/** Enough different names among `signatures` for them to be readers' comments. */
const signedByMany = (signatures: readonly Signature[]) => new Set(signatures.map((s) => s.name)).size >= SIGNED_EVIDENCE;

/**
 * A comments label heads the readers' comments. Where they have a container of their own (the
 * largest element that starts with the label), that container goes, and the article may go on
 * after it. Where they follow as the label's siblings, everything from the label on goes, if the
 * label ends an article: past the body's middle, or with comment time stamps and reply buttons
 * after it.
 */
function removeComments(el: Element, root: Element, ctx: CommentsContext): void {
  const at = ctx.offsets.get(el) ?? 0;
  const signedAfter = ctx.signatures.filter((s) => s.index > ctx.index && (!ctx.subheadingLike || signedLength(s, ctx.lengths) <= SHORT_COMMENT));
  // The smallest element that starts with the label and holds the comments' time stamps or signed comments.
  for (let a = el.parentElement; a && a !== root && at - (ctx.offsets.get(a) ?? 0) <= 20; a = a.parentElement) {
    let inside = 0;
    ctx.lines.forEach((l, i) => ctx.details[i] && a.contains(l.el) && inside++);
    if (inside >= COMMENT_EVIDENCE || signedByMany(signedAfter.filter((s) => a.contains(s.el)))) {
      remove(a);
      return;
    }
  }
  let section = el;
  for (let a = el.parentElement; a && a !== root && at - (ctx.offsets.get(a) ?? 0) <= 20 && (a.textContent?.length ?? 0) <= (el.textContent?.length ?? 0); a = a.parentElement) section = a;
  // Signed comments count where the first of them comes right after the label.
  const first = signedAfter[0] ? ctx.offsets.get(signedAfter[0].el) : undefined;
  const signed = first !== undefined && first - at <= SIGNED_NEAR && signedByMany(signedAfter);
  const evidence = ctx.commentsAfter >= COMMENT_EVIDENCE || signed;
  if (ctx.subheadingLike && !evidence) return;
  if (ctx.total > 0 && (at >= COMMENTS_FROM * ctx.total || (at >= MIN_ARTICLE_BEFORE && evidence))) removeFromHereOn(section, root);
  else remove(el);
}

/** A paywall's prompt this far into the body's text (or further) ends the free part. */
const PAYWALL_FROM = 0.3;

/**
 * A paywall's prompt after the article's free part: the offer, its terms and the log-in line
 * follow it, and nothing of the article does. Near the body's start it may be a line of the
 * page's header left in: then it goes alone.
 */
function removePaywall(el: Element, root: Element, at: number, total: number): void {
  if (total > 0 && at >= MIN_ARTICLE_BEFORE && at >= PAYWALL_FROM * total) removeFromHereOn(el, root);
  else remove(el);
}

/** A share of a line's letters in links that makes "Read also: <a>headline</a>" a line of links. */
const LINK_LINE_SHARE = 0.6;

/** A line that a related label opens and a link to another article fills: "Read also: <a>…</a>". */
function isRelatedLinkLine(line: { el: Element; text: string }): boolean {
  if (!opensWithRelatedLabel(foldForMatch(line.text))) return false;
  const s = linkLetters(line.el);
  return s.links >= 1 && s.links <= 2 && s.inLinks >= LINK_LINE_SHARE * s.all;
}

/**
 * The words that send the reader to another article, before a headline written as plain text
 * ("Recommended: 150 minutes of exercise a week" is advice, not a headline).
 */
const READ_ALSO_LEAD = greekFreeRegExp(
  String.raw`^(?:read (?:also|more)|see also|also read|czytaj (?:też|także|również)|zobacz (?:też|także|również)|przeczytaj (?:też|także|również)|читайте (?:также|еще|ещё)|смотрите также|διαβάστε (?:επίσης|ακόμη|ακόμα)|lesen sie auch|(?:à )?lire aussi|lee también|leggi anche|leia também|čtěte (?:také|též)|čítajte aj|citește și|lees ook)\s*[:：]\s*\S`,
);

/** The longest line of a related label and a headline written as plain text. */
const MAX_RELATED_TEXT_LINE = 160;
/** Words of a headline at least, after its label. */
const MIN_HEADLINE_WORDS = 3;

/**
 * A line that a related label opens and a headline in plain text follows: "Czytaj też: Rząd
 * przyjął projekt budżetu". A headline ends with no full stop, comma or colon; a sentence that
 * such words open does ("See also: the decision of 2019, when …").
 */
function isRelatedTextLine(line: { text: string }): boolean {
  const text = line.text.trim();
  if (text.length > MAX_RELATED_TEXT_LINE || /[.,;:…]$/.test(text)) return false;
  const folded = foldForMatch(text);
  if (!READ_ALSO_LEAD.test(withoutGreekAccents(folded))) return false;
  const headline = folded.replace(/^[^:：»>›|】\])]*[:：»>›|】\])]\s*/, '');
  return headline !== folded && headline.split(/\s+/).length >= MIN_HEADLINE_WORDS;
}

export function removeLabelledLines(root: Element): LabelReport {
  const report: LabelReport = { comments: 0, related: 0, chrome: 0 };
  const lengths = textLengths(root);
  const total = lengths.get(root) ?? 0;
  const found: { el: Element; kind: LabelKind; letters: number; commentsAfter: number; index: number }[] = [];
  const lines = shortLines(root, lengths);
  const details = lines.map((l) => COMMENT_DETAIL.test(withoutGreekAccents(l.text)));
  const kinds = lines.map((l) => labelOf(foldForMatch(l.text)));
  // Comment details after each line, counted from the end in one pass.
  const detailsAfter: number[] = new Array(lines.length).fill(0);
  for (let i = lines.length - 2; i >= 0; i--) detailsAfter[i] = detailsAfter[i + 1]! + (details[i + 1] ? 1 : 0);
  lines.forEach((line, i) => {
    const kind = kinds[i] ?? (isRelatedLinkLine(line) || isRelatedTextLine(line) ? 'chrome' : null);
    if (kind) found.push({ el: line.el, kind, letters: line.text.match(LETTER)?.length ?? 0, commentsAfter: detailsAfter[i]!, index: i });
  });
  if (!found.length) return report;
  const signatures: Signature[] = found.some((f) => f.kind === 'comments')
    ? lines.flatMap((l, index) => (!kinds[index] && isSignature(l, lengths) ? [{ el: l.el, name: foldForMatch(l.text), index }] : []))
    : [];
  const targets = new Set<Element>(signatures.map((s) => s.el));
  for (const f of found) for (let a: Element | null = f.el; a && a !== root; a = a.parentElement) targets.add(a);
  const offsets = offsetsOf(root, targets);
  for (const { el, kind, letters, commentsAfter, index } of found) {
    if (!root.contains(el)) continue;
    if (kind === 'comments') {
      const subheadingLike = isSubheadingLikeComments(foldForMatch(lines[index]!.text));
      removeComments(el, root, { offsets, total, lines, details, commentsAfter, index, signatures, subheadingLike, lengths });
      report.comments++;
    } else if (kind === 'related') {
      removeRelated(el, root, letters, offsets);
      report.related++;
    } else if (kind === 'paywall') {
      removePaywall(el, root, offsets.get(el) ?? 0, total);
      report.chrome++;
    } else {
      remove(el);
      report.chrome++;
    }
  }
  return report;
}
