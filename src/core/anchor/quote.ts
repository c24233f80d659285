/**
 * A passage of an article anchored on its text, after the W3C Web Annotation TextQuoteSelector:
 * the exact words, some text before and after them, and the block they began in as a hint.
 * Nothing here depends on one rendering (font, size, theme, script), so a passage is found
 * again after any of them change, and after the article is saved again with a slightly
 * different extraction. Matching ignores differences of whitespace.
 */

export interface TextQuote {
  exact: string;
  prefix: string;
  suffix: string;
  /** The block the passage began in, when it was made: breaks ties between equal passages. */
  block: number;
}

/** Characters of context kept on each side. */
export const CONTEXT = 32;
/** At most this many characters in a passage (a longer selection is refused by the caller). */
export const MAX_EXACT = 5000;

/** The quote of text[start, end) in `text`, trimmed of the whitespace at its ends. */
export function describeQuote(text: string, start: number, end: number, block: number): TextQuote | null {
  let s = Math.max(0, Math.min(start, end));
  let e = Math.min(text.length, Math.max(start, end));
  while (s < e && /\s/.test(text[s]!)) s++;
  while (e > s && /\s/.test(text[e - 1]!)) e--;
  if (s === e) return null;
  return {
    exact: text.slice(s, e),
    prefix: text.slice(Math.max(0, s - CONTEXT), s),
    suffix: text.slice(e, e + CONTEXT),
    block,
  };
}

/** `text` with every run of whitespace as one space, and where each character came from. */
export function collapse(text: string): { text: string; from: number[] } {
  let out = '';
  const from: number[] = [];
  let space = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (/\s/.test(ch)) {
      if (space) continue;
      space = true;
      out += ' ';
    } else {
      space = false;
      out += ch;
    }
    from.push(i);
  }
  from.push(text.length);
  return { text: out, from };
}

const squash = (s: string) => s.replace(/\s+/g, ' ');

/** How many characters at the end of `a` and `b` agree. */
function commonSuffix(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[a.length - 1 - n] === b[b.length - 1 - n]) n++;
  return n;
}

function commonPrefix(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n;
}

/**
 * Where `quote` is in `text`: its [start, end) there, or null where the exact words are no
 * longer in it. Among several places, the one whose surroundings agree most with the prefix and
 * suffix; then the one nearest the block hint (`blockOf` gives a place's block).
 */
export function locateQuote(text: string, quote: TextQuote, blockOf: (offset: number) => number = () => 0): { start: number; end: number } | null {
  const exact = squash(quote.exact).trim();
  if (!exact) return null;
  const hay = collapse(text);
  const prefix = squash(quote.prefix);
  const suffix = squash(quote.suffix);
  let best: { start: number; end: number; score: number; distance: number } | null = null;
  let tries = 0;
  for (let at = hay.text.indexOf(exact); at >= 0 && tries < 10_000; at = hay.text.indexOf(exact, at + 1), tries++) {
    const before = hay.text.slice(Math.max(0, at - prefix.length - 1), at);
    const after = hay.text.slice(at + exact.length, at + exact.length + suffix.length + 1);
    const score = commonSuffix(before.trimEnd(), prefix.trimEnd()) + commonPrefix(after.trimStart(), suffix.trimStart());
    const start = hay.from[at]!;
    const end = hay.from[at + exact.length - 1]! + 1;
    const distance = Math.abs(blockOf(start) - quote.block);
    if (!best || score > best.score || (score === best.score && distance < best.distance)) best = { start, end, score, distance };
  }
  return best && { start: best.start, end: best.end };
}
