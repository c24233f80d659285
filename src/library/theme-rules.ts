/** The library's theme: the reader's tokens as custom properties on :root, keyed on its data-theme like the reader's. */
import { themeCss, type ThemeName } from '../reader/themes.ts';

export function themeRules(): string {
  const rule = (selector: string, name: ThemeName) => `${selector} { ${themeCss(name)} color-scheme: ${name === 'dark' ? 'dark' : 'light'}; }`;
  return [
    rule(':root, :root[data-theme="light"], :root[data-theme="system"]', 'light'),
    rule(':root[data-theme="sepia"]', 'sepia'),
    rule(':root[data-theme="dark"]', 'dark'),
    `@media (prefers-color-scheme: dark) { ${rule(':root[data-theme="system"]', 'dark')} }`,
  ].join('\n');
}
