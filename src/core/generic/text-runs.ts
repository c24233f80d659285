/**
 * Where things are in a body's text, measured in characters (each text node's trimmed length):
 * the offset at which given elements start, and the runs of text between block edges. One
 * iterative walk each, so a page of any size or depth costs one pass.
 */
import { isBlock, isBreak, isElement, isNonText, isText } from '../dom.ts';
import { spacedLength } from '../text/letters.ts';

export interface Run {
  start: number;
  length: number;
  /** The length as if written with spaces (see spacedLength): what tells prose from a line. */
  spaced: number;
}

/** Offsets of the given elements in root's text: the characters before them. */
export function offsetsOf(root: Element, targets: ReadonlySet<Element>): Map<Element, number> {
  const out = new Map<Element, number>();
  let offset = 0;
  const stack: Node[] = [root];
  while (stack.length) {
    const node = stack.pop()!;
    if (isText(node)) {
      offset += node.data.trim().length;
      continue;
    }
    if (!isElement(node) || (node !== root && isNonText(node))) continue;
    if (targets.has(node)) out.set(node, offset);
    for (let i = node.childNodes.length - 1; i >= 0; i--) stack.push(node.childNodes[i]!);
  }
  return out;
}

/** The runs of text between block edges and line breaks, in order. */
export function runsOf(root: Element): Run[] {
  const runs: Run[] = [];
  let offset = 0;
  let run: Run = { start: 0, length: 0, spaced: 0 };
  const close = () => {
    if (run.length) runs.push(run);
    run = { start: offset, length: 0, spaced: 0 };
  };
  const stack: { node: Node; exit: boolean }[] = [{ node: root, exit: false }];
  while (stack.length) {
    const { node, exit } = stack.pop()!;
    if (exit) {
      close();
      continue;
    }
    if (isText(node)) {
      const text = node.data.trim();
      if (!run.length) run.start = offset;
      run.length += text.length;
      run.spaced += spacedLength(text);
      offset += text.length;
      continue;
    }
    if (!isElement(node) || (node !== root && isNonText(node))) continue;
    if (isBreak(node)) {
      close();
      continue;
    }
    if (isBlock(node)) {
      close();
      stack.push({ node, exit: true });
    }
    for (let i = node.childNodes.length - 1; i >= 0; i--) stack.push({ node: node.childNodes[i]!, exit: false });
  }
  close();
  return runs;
}
