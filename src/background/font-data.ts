/**
 * The bundled fonts' bytes for the in-page reader on sites other than Qazaq24: only Qazaq24
 * pages may load the extension's font files (web-accessible there alone, so other sites cannot
 * probe for the extension), so elsewhere the reader builds FontFace objects from these bytes.
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
