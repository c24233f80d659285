/**
 * The Latin script applied to an article in the page: text nodes only (the DOM keeps its
 * shape), and only Kazakh text: blocks in Russian, anything marked with another `lang`,
 * addresses and code are left as they are.
 */
import { isBlock, isElement, textNodes } from '../dom.ts';
import { toLatin2021 } from './kazakh-latin.ts';

const LEAVE = new Set(['CODE', 'PRE', 'KBD', 'SAMP', 'SCRIPT', 'STYLE', 'TEXTAREA']);
const ADDRESS = /(?:https?:\/\/|www\.)\S+|\S+@\S+\.\S+/g;

/** The text in Latin letters, web and mail addresses in it kept as written. */
function latinExceptAddresses(text: string): string {
  let out = '';
  let last = 0;
  for (const m of text.matchAll(ADDRESS)) {
    out += toLatin2021(text.slice(last, m.index)) + m[0];
    last = m.index + m[0].length;
  }
  return out + toLatin2021(text.slice(last));
}

const KAZAKH_LETTERS = /[әғқңөұүһі]/i;
const RUSSIAN_LETTERS = /[ёщъэь]/i;
const RUSSIAN_WORDS = /(?:^|[^\u0400-\u04ff])(?:в|и|на|не|что|по|с|со|для|из|к|о|об|от|это|как|он|она|они|был|была|были)(?=$|[^\u0400-\u04ff])/i;

/**
 * A block in Russian inside a Kazakh article (a quote, a statement): no Kazakh letter, and a
 * letter or a small word only Russian has. Short Kazakh sentences without the nine letters
 * have neither, so they stay Kazakh.
 */
export function looksRussian(text: string): boolean {
  if (KAZAKH_LETTERS.test(text)) return false;
  return RUSSIAN_LETTERS.test(text) || RUSSIAN_WORDS.test(text);
}

function declaredLang(node: Node, root: Node): string | null {
  for (let el: Node | null = node.parentNode; el && el !== root.parentNode; el = el.parentNode) {
    if (isElement(el) && el.hasAttribute('lang')) return (el.getAttribute('lang') ?? '').toLowerCase().split('-')[0] ?? null;
  }
  return null;
}

function blockOf(node: Node, root: Node): Node {
  for (let el: Node | null = node.parentNode; el; el = el.parentNode) {
    if (el === root || isBlock(el)) return el;
  }
  return root;
}

/** Transliterates root's Kazakh text in place; returns a function that puts the Cyrillic back. */
export function applyLatinScript(root: Node): () => void {
  const originals = new Map<Text, string>();
  const blockIsRussian = new Map<Node, boolean>();
  for (const node of textNodes(root)) {
    if (!/[\u0400-\u04ff]/.test(node.data)) continue;
    let skip = false;
    for (let el: Node | null = node.parentNode; el && el !== root; el = el.parentNode) if (LEAVE.has((el as Element).tagName)) skip = true;
    if (skip) continue;
    const declared = declaredLang(node, root);
    if (declared && declared !== 'kk') continue;
    const block = blockOf(node, root);
    if (!blockIsRussian.has(block)) blockIsRussian.set(block, looksRussian(block.textContent ?? ''));
    if (blockIsRussian.get(block)) continue;
    const latin = latinExceptAddresses(node.data);
    if (latin !== node.data) {
      originals.set(node, node.data);
      node.data = latin;
    }
  }
  return () => {
    for (const [node, data] of originals) node.data = data;
  };
}
