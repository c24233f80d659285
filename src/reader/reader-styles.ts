/** Everything the reader's look needs as CSS text: layout, theme colours, font families. */
import readerCss from './reader.css?inline';
import { THEME_CSS } from './themes.ts';
import { FONT_FAMILIES } from './fonts.ts';

export const READER_CSS = `
.oqy-reader {
  --oqy-font-serif: ${FONT_FAMILIES.serif};
  --oqy-font-sans: ${FONT_FAMILIES.sans};
}
${THEME_CSS}
${readerCss}`;
