/**
 * In a page with Oqy's in-page reader open: whether the reader's bundled faces are in the
 * document and loaded. They arrive as bytes from the background a moment after the reader
 * shows, and the text (the toolbar's buttons too) moves when they take over from the fallback:
 * a test clicks a button once they have, as a person would click what they see.
 */
export const READER_FONTS_SETTLED = `(() => {
  if (document.fonts.status !== 'loaded') return false;
  return Array.from(document.fonts).some((face) => /^"?Oqy (Serif|Sans)"?$/.test(face.family) && face.status === 'loaded');
})()`;
