/**
 * The bundled fonts' bytes for the in-page reader, which builds FontFace objects from them: no
 * page may load the extension's font files (they are not web-accessible, so no page can probe
 * for the extension by them) and no address of the extension appears in the page.
 *
 * Every reader in a page asks (auto mode's on every article it opens): the encoded files are
 * kept for as long as the background lives, so each ask after the first is answered from memory.
 */
import browser from 'webextension-polyfill';
import { FONT_FILES, fontPartOf, type FontKind, type FontPart } from '../reader/fonts.ts';
import type { FontData } from '../shared/messages.ts';

function base64(buffer: ArrayBuffer): string {
  const bytes = new Uint8Array(buffer);
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

const encoded = new Map<string, Promise<FontData[]>>();

async function read(kind: FontKind, part: FontPart): Promise<FontData[]> {
  const files = FONT_FILES.filter((f) => f.kind === kind && fontPartOf(f) === part);
  return Promise.all(
    files.map(async (f) => ({
      family: f.family,
      weight: String(f.weight),
      style: f.style,
      unicodeRange: f.unicodeRange,
      data: base64(await (await fetch(browser.runtime.getURL(`fonts/${f.file}`))).arrayBuffer()),
    })),
  );
}

export function fontData(kind: FontKind, part: FontPart): Promise<FontData[]> {
  const key = `${kind} ${part}`;
  let pending = encoded.get(key);
  if (!pending) {
    pending = read(kind, part);
    encoded.set(key, pending);
    // A failed read is tried again next time.
    pending.catch(() => encoded.delete(key));
  }
  return pending;
}
