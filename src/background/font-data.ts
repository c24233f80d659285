/**
 * The bundled fonts' bytes for the in-page reader, which builds FontFace objects from them: no
 * page may load the extension's font files (they are not web-accessible, so no page can probe
 * for the extension by them) and no address of the extension appears in the page.
 */
import browser from 'webextension-polyfill';
import { FONT_FILES, type FontKind } from '../reader/fonts.ts';
import type { FontData } from '../shared/messages.ts';

function base64(buffer: ArrayBuffer): string {
  const bytes = new Uint8Array(buffer);
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export async function fontData(kind: FontKind): Promise<FontData[]> {
  const files = FONT_FILES.filter((f) => f.kind === kind);
  return Promise.all(
    files.map(async (f) => ({ file: f.file, data: base64(await (await fetch(browser.runtime.getURL(`fonts/${f.file}`))).arrayBuffer()) })),
  );
}
