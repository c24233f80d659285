/**
 * Sentences of a text block, with their places in it, for reading aloud one at a time and
 * marking the one being read. A full stop after a number or a one-letter initial (`І.Жансүгіров`,
 * `1995 ж.`) does not end a sentence; quotes and brackets after the end stay with it.
 */
export interface Sentence {
  text: string;
  start: number;
  end: number;
}

const END = /[.!?…]+["»”’)\]]*(?=\s+|$)/g;

export function sentencesOf(text: string): Sentence[] {
  const out: Sentence[] = [];
  let start = 0;
  const push = (end: number) => {
    const raw = text.slice(start, end);
    const lead = raw.length - raw.trimStart().length;
    const piece = raw.trim();
    if (/[\p{L}\p{N}]/u.test(piece)) out.push({ text: piece, start: start + lead, end: start + lead + piece.length });
    start = end;
  };
  for (const m of text.matchAll(END)) {
    const end = m.index + m[0].length;
    const before = text.slice(Math.max(0, m.index - 3), m.index);
    // "І." "А." initials and "ж." "г." abbreviations, and a number before a full stop ("2025 ж."), run on.
    if (m[0] === '.' && /(?:^|[\s(«"])\p{Lu}$|(?:^|\s)(?:ж|г|т\.б|т\.с|млн|млрд|тг|руб)$/u.test(before)) continue;
    // Direct speech: «Кел, бала!» деді ол. goes on after the quote.
    if (/^\s+\p{Ll}/u.test(text.slice(end))) continue;
    push(end);
  }
  push(text.length);
  return out;
}
