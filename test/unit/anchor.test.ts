/**
 * Anchoring on the text (src/core/anchor): passages described in the original Cyrillic text and
 * found again in the shown text after the Latin script rewrote it, marks drawn over split text
 * nodes, passages that recur, edits around them, and the reading position's fingerprint and
 * percentages.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { JSDOM } from 'jsdom';
import { buildTextMap, blockAt, blockText, originalOffset, shownOffsets, shownPoint } from '../../src/core/anchor/text-map.ts';
import { describeQuote, locateQuote, type TextQuote } from '../../src/core/anchor/quote.ts';
import { clearMarks, paintMarks } from '../../src/core/anchor/marks.ts';
import { findBlock, fingerprintOf, nextPosition, percentRead, progressOf, unreadRank } from '../../src/core/anchor/position.ts';
import { applyLatinScript } from '../../src/core/translit/dom-latin.ts';
import { textNodes } from '../../src/core/dom.ts';

const FIXTURES = resolve(import.meta.dirname, '../../../shared/fixtures/qazaq24');
const eagle = JSON.parse(readFileSync(resolve(FIXTURES, 'article-eagle-kk.json'), 'utf8')) as { text: string[] };

/** A body as the reader shows it: paragraphs, one with bold words inside (text split over nodes). */
function body(paragraphs: readonly string[] = eagle.text): HTMLElement {
  const dom = new JSDOM('<!doctype html><div id="b"></div>');
  const doc = dom.window.document;
  const root = doc.getElementById('b')!;
  for (const text of paragraphs) {
    const p = doc.createElement('p');
    const cut = text.indexOf(' ', 20);
    if (cut > 0 && text.length > 60) {
      const b = doc.createElement('b');
      b.textContent = text.slice(cut + 1, cut + 25);
      p.append(text.slice(0, cut + 1), b, text.slice(cut + 25));
    } else p.textContent = text;
    root.append(p);
  }
  return root;
}

/** The body shown in Latin letters, with the originals captured first (what ArticleBody hands over). */
function latinBody(paragraphs?: readonly string[]): { root: HTMLElement; originals: string[] } {
  const root = body(paragraphs);
  const originals = textNodes(root).map((n) => n.data);
  applyLatinScript(root);
  return { root, originals };
}

/** The shown text between the points a passage maps to. */
function shownText(root: HTMLElement, originals: string[] | undefined, quote: TextQuote): string {
  const map = buildTextMap(root, originals);
  const at = locateQuote(map.text, quote, (o) => blockAt(map, o))!;
  const start = shownPoint(map, at.start)!;
  const end = shownPoint(map, at.end, true)!;
  const range = root.ownerDocument.createRange();
  range.setStart(start.node, start.offset);
  range.setEnd(end.node, end.offset);
  return range.toString();
}

function quoteOf(root: HTMLElement, phrase: string, occurrence = 0): TextQuote {
  const map = buildTextMap(root);
  let at = -1;
  for (let i = 0; i <= occurrence; i++) at = map.text.indexOf(phrase, at + 1);
  expect(at, phrase).toBeGreaterThanOrEqual(0);
  return describeQuote(map.text, at, at + phrase.length, blockAt(map, at))!;
}

describe('a passage anchored in the Cyrillic text', () => {
  it('is found again in the Latin script, mapped to the Latin letters shown', () => {
    const quote = quoteOf(body(), 'ақиық ең сирек кездесетін әрі ең бағалы түр');
    expect(quote.exact).toBe('ақиық ең сирек кездесетін әрі ең бағалы түр');
    expect(quote.block).toBe(3);
    const { root, originals } = latinBody();
    expect(shownText(root, originals, quote)).toBe('aqiyq eñ sirek kezdesetın ärı eñ bağaly tür');
  });

  it('maps every offset through letters that become two (Щ → Şş) or none (ъ)', () => {
    expect(shownOffsets('ащы', 'aşşy')).toEqual([0, 1, 3, 4]);
    expect(shownOffsets('съезд', 'sezd')).toEqual([0, 1, 1, 2, 3, 4]);
    expect(shownOffsets('same', 'same')).toBeNull();
    const { root, originals } = latinBody(['Ащы шөп пен съезд туралы мәтін мұнда жазылған, тағы да бір сөз бар екен.']);
    const map = buildTextMap(root, originals);
    const at = map.text.indexOf('съезд');
    const start = shownPoint(map, at)!;
    const end = shownPoint(map, at + 'съезд'.length, true)!;
    expect(start.node.data.slice(start.offset, end.node === start.node ? end.offset : undefined)).toBe('sezd');
  });

  it('is read from a selection made in the Latin text as the Cyrillic words', () => {
    const { root, originals } = latinBody();
    const map = buildTextMap(root, originals);
    const nodes = textNodes(root);
    const first = nodes.find((n) => n.data.includes('«Salburyn»'))!;
    const last = nodes.find((n) => n.data.includes('festivalı'))!;
    expect(first).not.toBe(last);
    const range = root.ownerDocument.createRange();
    range.setStart(first, first.data.indexOf('«Salburyn»'));
    range.setEnd(last, last.data.indexOf('festivalı') + 'festivalı'.length);
    const start = originalOffset(map, range.startContainer, range.startOffset);
    const end = originalOffset(map, range.endContainer, range.endOffset);
    const quote = describeQuote(map.text, start, end, blockAt(map, start))!;
    expect(quote.exact).toBe('«Салбурын» атты саятшылар фестивалі');
    expect(quote.block).toBe(10);
  });

  it('crossing a bold word and a block boundary, is drawn as marks whose text is the passage, in both scripts', () => {
    const phrase = 'қасиетті'; // not in the text: nothing found, nothing drawn
    const plain = body();
    expect(locateQuote(buildTextMap(plain).text, { exact: phrase, prefix: '', suffix: '', block: 0 })).toBeNull();

    const cyr = body();
    const map = buildTextMap(cyr);
    const from = map.text.indexOf('Бір жасар құсты');
    const to = map.text.indexOf('көне дәстүрі') + 'көне дәстүрі'.length;
    const quote = describeQuote(map.text, from, to, blockAt(map, from))!;
    const { root, originals } = latinBody();
    const latinMap = buildTextMap(root, originals);
    const at = locateQuote(latinMap.text, quote, (o) => blockAt(latinMap, o))!;
    const painted = paintMarks(latinMap, [{ id: 'h1', ...at }], (doc) => doc.createElement('mark'));
    const marks = Array.from(root.querySelectorAll('mark[data-highlight-id="h1"]'));
    // The passage's first paragraph is split around its bold words; the second is one node.
    expect(marks.length).toBeGreaterThanOrEqual(2);
    expect(new Set(marks.map((m) => m.closest('p')))).toHaveProperty('size', 2);
    expect(marks.map((m) => m.textContent).join('')).toBe(
      "Bır jasar qūsty «balapan», ekı jasaryn «qantübıt», üş jasaryn «tırnek» dep ataidy.Bürkıtpen añ aulau – qazaqtyñ köne dästürı",
    );
    // The map of the split text still reads the same original text, and marks can be taken out and drawn again.
    expect(painted.text).toBe(latinMap.text);
    clearMarks(root);
    expect(root.querySelectorAll('mark').length).toBe(0);
    paintMarks(painted, [{ id: 'h1', ...at }], (doc) => doc.createElement('mark'));
    expect(Array.from(root.querySelectorAll('mark'), (m) => m.textContent).join('')).toContain('köne dästürı');
    // The text shown is untouched by drawing and clearing.
    expect(root.textContent).toBe(latinBody().root.textContent);
  });

  it('of words that recur, is found at the right place by its prefix and suffix', () => {
    const root = body();
    const second = quoteOf(root, 'ақиық', 1);
    const first = quoteOf(root, 'ақиық', 0);
    const map = buildTextMap(root);
    const firstAt = map.text.indexOf('ақиық');
    const secondAt = map.text.indexOf('ақиық', firstAt + 1);
    expect(locateQuote(map.text, second)!.start).toBe(secondAt);
    expect(locateQuote(map.text, first)!.start).toBe(firstAt);
  });

  it('survives paragraphs added before it and whitespace changed inside it', () => {
    const quote = quoteOf(body(), 'бүркіттің табиғи ортадағы саны азайып');
    const edited = [...eagle.text];
    edited.splice(2, 0, 'Жаңа абзац мақаланың ортасына қосылды, онда бүркіт туралы тағы бір сөз бар.');
    edited[13] = edited[13]!.replace('табиғи ортадағы', 'табиғи   ортадағы');
    const root = body(edited);
    const map = buildTextMap(root);
    const at = locateQuote(map.text, quote, (o) => blockAt(map, o))!;
    expect(map.text.slice(at.start, at.end)).toBe('бүркіттің табиғи   ортадағы саны азайып');
    expect(blockAt(map, at.start)).toBe(13);
  });

  it('refuses an empty or whitespace selection', () => {
    expect(describeQuote('abc   def', 3, 6, 0)).toBeNull();
    expect(describeQuote('abc def', 2, 2, 0)).toBeNull();
  });
});

describe('the reading position', () => {
  it('fingerprints a block the same way in whatever case or with look-alike letters', () => {
    expect(fingerprintOf('Қазақ халқы ежелден бүркітті')).toBe(fingerprintOf('ҚАЗАҚ  халқы, ежелден бүркітті!'));
    expect(fingerprintOf('Cаятшылық өнері')).toBe(fingerprintOf('Саятшылық өнері'));
    expect(fingerprintOf('a '.repeat(100)).length).toBeLessThanOrEqual(40);
  });

  it('finds the same paragraph after paragraphs are added above it, and falls back to the index', () => {
    const root = body();
    const map = buildTextMap(root);
    const prints = map.blocks.map((_, i) => fingerprintOf(blockText(map, i)));
    expect(prints).toHaveLength(eagle.text.length);
    const position = { block: 10, fingerprint: prints[10]! };
    expect(findBlock(prints, position)).toBe(10);
    const moved = ['Бірінші жаңа абзац.', 'Екінші жаңа абзац.', ...eagle.text];
    const movedMap = buildTextMap(body(moved));
    const movedPrints = movedMap.blocks.map((_, i) => fingerprintOf(blockText(movedMap, i)));
    expect(findBlock(movedPrints, position)).toBe(12);
    expect(findBlock(movedPrints, { block: 99, fingerprint: 'nothing like it' })).toBe(movedPrints.length - 1);
    expect(findBlock([], position)).toBe(0);
  });

  it('is the same block in the Latin script (the fingerprint is of the original text)', () => {
    const cyr = buildTextMap(body());
    const { root, originals } = latinBody();
    const lat = buildTextMap(root, originals);
    expect(lat.blocks.map((_, i) => fingerprintOf(blockText(lat, i)))).toEqual(cyr.blocks.map((_, i) => fingerprintOf(blockText(cyr, i))));
  });

  it('computes the percentage by characters above the top block, 100 at the end', () => {
    expect(percentRead([100, 100, 200], 0, false)).toBe(0);
    expect(percentRead([100, 100, 200], 2, false)).toBe(50);
    expect(percentRead([100, 100, 200], 2, true)).toBe(100);
    expect(percentRead([100, 100, 200], 3, false)).toBe(99);
    expect(percentRead([], 0, false)).toBe(0);
  });

  it('tells unread, part read and finished, and orders them so', () => {
    expect(progressOf(null)).toEqual({ kind: 'unread' });
    expect(progressOf({ percent: 37.4, finished: false })).toEqual({ kind: 'reading', percent: 37 });
    expect(progressOf({ percent: 100, finished: false })).toEqual({ kind: 'finished' });
    expect(progressOf({ percent: 20, finished: true })).toEqual({ kind: 'finished' });
    const ranks = [progressOf({ percent: 20, finished: true }), progressOf(undefined), progressOf({ percent: 5, finished: false })].map(unreadRank);
    expect(ranks).toEqual([2, 0, 1]);
    expect(nextPosition({ block: 9, fingerprint: 'x', percent: 100, finished: true }, { block: 1, fingerprint: 'y', percent: 10, finished: false })).toEqual({
      block: 1,
      fingerprint: 'y',
      percent: 10,
      finished: true,
    });
  });
});
