/**
 * Highlighted text stays readable: in every theme, the text and link colours over each
 * highlight colour (a translucent colour laid over the page, as reader.css declares it) meet
 * WCAG AA's 4.5:1. The colours are read from reader.css, not repeated here.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { THEMES, contrastRatio, type ThemeName } from '../../src/reader/themes.ts';

const CSS = readFileSync(resolve(import.meta.dirname, '../../src/reader/reader.css'), 'utf8');
const COLORS = ['yellow', 'green', 'blue', 'pink'] as const;

/** The --oqy-hl-* values of the rule whose selector is exactly `selector`. */
function highlightVars(selector: string): Record<string, [number, number, number, number]> {
  const escaped = selector.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const blocks = [...CSS.matchAll(new RegExp(`(?:^|\\n)${escaped}\\s*\\{([^}]*)\\}`, 'g'))].map((m) => m[1]!);
  const out: Record<string, [number, number, number, number]> = {};
  for (const block of blocks) {
    for (const m of block.matchAll(/--oqy-hl-(\w+):\s*rgba\((\d+),\s*(\d+),\s*(\d+),\s*([\d.]+)\)/g)) out[m[1]!] = [Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5])];
  }
  return out;
}

function over(top: [number, number, number, number], hex: string): string {
  const base = hex.replace('#', '');
  const full = base.length === 3 ? [...base].map((c) => c + c).join('') : base;
  const rgb = [0, 2, 4].map((i) => parseInt(full.slice(i, i + 2), 16));
  const mixed = rgb.map((c, i) => Math.round(top[i]! * top[3] + c * (1 - top[3])));
  return `#${mixed.map((c) => c.toString(16).padStart(2, '0')).join('')}`;
}

describe('highlight colours', () => {
  const light = highlightVars('.oqy-reader');
  const dark = { ...light, ...highlightVars(".oqy-reader[data-theme='dark']") };

  it('are declared for every colour, again for the dark theme, and the same for the system theme in dark mode', () => {
    expect(Object.keys(light).sort()).toEqual([...COLORS].sort());
    expect(Object.keys(highlightVars(".oqy-reader[data-theme='dark']")).sort()).toEqual([...COLORS].sort());
    const media = /@media \(prefers-color-scheme: dark\) \{\s*\.oqy-reader\[data-theme='system'\] \{([^}]*)\}/.exec(CSS);
    expect(media, 'a dark-mode rule for the system theme').not.toBeNull();
    const system = Object.fromEntries([...media![1]!.matchAll(/--oqy-hl-(\w+):\s*(rgba\([^)]*\))/g)].map((m) => [m[1], m[2]]));
    const darkText = Object.fromEntries(Object.entries(highlightVars(".oqy-reader[data-theme='dark']")).map(([k, v]) => [k, `rgba(${v.slice(0, 3).join(', ')}, ${v[3]})`]));
    expect(system).toEqual(darkText);
  });

  for (const theme of Object.keys(THEMES) as ThemeName[]) {
    it(`keep text and links at 4.5:1 or more in the ${theme} theme`, () => {
      const tokens = THEMES[theme];
      const vars = theme === 'dark' ? dark : light;
      for (const color of COLORS) {
        const background = over(vars[color]!, tokens.background);
        expect(contrastRatio(tokens.text, background), `${theme} text on ${color} (${background})`).toBeGreaterThanOrEqual(4.5);
        expect(contrastRatio(tokens.link, background), `${theme} link on ${color} (${background})`).toBeGreaterThanOrEqual(4.5);
      }
    });
  }
});
