/**
 * The extension's own stylesheets, read as a browser would: a rule left open makes every later
 * rule of its file a nested one (CSS nesting), which matches nothing, and no tool says so. Oqy
 * writes no nested style rules, so any style rule inside another is such a slip; every block
 * closes, and none closes twice.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');

function cssFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? cssFiles(join(dir, e.name)) : e.name.endsWith('.css') ? [join(dir, e.name)] : [],
  );
}

/** The slips in `css`: a style rule inside a style rule, a block never closed, a brace with no block. */
function nestingSlips(css: string): string[] {
  const slips: string[] = [];
  const open: { kind: 'at' | 'style'; prelude: string; line: number }[] = [];
  let prelude = '';
  let line = 1;
  for (let i = 0; i < css.length; i++) {
    const c = css[i]!;
    if (c === '\n') line++;
    if (c === '/' && css[i + 1] === '*') {
      const end = css.indexOf('*/', i + 2);
      const stop = end < 0 ? css.length : end + 2;
      line += (css.slice(i, stop).match(/\n/g) ?? []).length;
      i = stop - 1;
      continue;
    }
    if (c === '"' || c === "'") {
      let j = i + 1;
      while (j < css.length && css[j] !== c) j += css[j] === '\\' ? 2 : 1;
      prelude += css.slice(i, j + 1);
      i = j;
      continue;
    }
    if (c === '{') {
      const text = prelude.trim();
      const kind = text.startsWith('@') ? 'at' : 'style';
      const parent = open[open.length - 1];
      if (kind === 'style' && parent?.kind === 'style') slips.push(`line ${line}: "${text}" is nested in "${parent.prelude}" (line ${parent.line}), left open`);
      open.push({ kind, prelude: text, line });
      prelude = '';
    } else if (c === '}') {
      if (!open.pop()) slips.push(`line ${line}: a closing brace with no block`);
      prelude = '';
    } else if (c === ';') {
      prelude = '';
    } else {
      prelude += c;
    }
  }
  for (const block of open) slips.push(`line ${block.line}: "${block.prelude}" is never closed`);
  return slips;
}

describe('the stylesheets', () => {
  it('finds the slips it is meant to find', () => {
    expect(nestingSlips('.a { color: red; }\n.b { margin: 0; }')).toEqual([]);
    expect(nestingSlips('@media (min-width: 1px) { .a { color: red; } }')).toEqual([]);
    expect(nestingSlips('.a { content: "}"; } /* { */ .b { x: y; }')).toEqual([]);
    expect(nestingSlips('.a {\n  color: red;\n.b { margin: 0; }')).toEqual(['line 3: ".b" is nested in ".a" (line 1), left open', 'line 1: ".a" is never closed']);
    expect(nestingSlips('.a { color: red; } }')).toEqual(['line 1: a closing brace with no block']);
  });

  const files = cssFiles(join(ROOT, 'src'));
  it('are there to check', () => expect(files.length).toBeGreaterThan(3));
  it.each(files.map((f) => [relative(ROOT, f), f]))('%s: every rule closes, none inside another', (_name, file) => {
    expect(nestingSlips(readFileSync(file, 'utf8'))).toEqual([]);
  });
});
