/**
 * JSON-LD's articleBody as a second opinion on the body: where the page states its article's
 * text and the body found covers little of it, Readability took the wrong part of the page, and
 * the stated text (plain text, one paragraph a line) is shown instead.
 */
import { blockText } from '../dom.ts';

/** Shorter stated bodies are often summaries, not the article. */
export const MIN_STATED_BODY = 500;
/** Below this share of the stated body's words, the body found is not the article. */
export const MIN_COVERAGE = 0.5;

const words = (text: string) => text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];

/** Share of the stated body's distinct words that the found body holds. */
export function coverage(found: string, stated: string): number {
  const have = new Set(words(found));
  const want = new Set(words(stated));
  if (!want.size) return 1;
  let hit = 0;
  for (const w of want) if (have.has(w)) hit++;
  return hit / want.size;
}

/** The stated body as paragraphs in body's document, where it should replace what body holds; else null. */
export function statedBodyInstead(body: Element, stated: string | null): Element | null {
  if (!stated || stated.length < MIN_STATED_BODY) return null;
  if (coverage(blockText(body), stated) >= MIN_COVERAGE) return null;
  const doc = body.ownerDocument;
  const out = doc.createElement('div');
  for (const para of stated.split(/\r?\n\s*\n|\r?\n|(?<=[.!?])\s{2,}/)) {
    const text = para.replace(/\s+/g, ' ').trim();
    if (!text) continue;
    const p = doc.createElement('p');
    p.textContent = text;
    out.appendChild(p);
  }
  return out.childNodes.length ? out : null;
}
