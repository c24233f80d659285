/**
 * The reader's bundled faces in the page. They come as bytes from the background and go in as
 * FontFace objects: no address of the extension's files appears in the page (a page could read
 * it from a stylesheet, and the files would have to be open to every page to load).
 *
 * Auto mode's reader asks for them once its text is painted: turning the bytes into faces takes
 * the page's main thread for tens of milliseconds, which the first paint of the text must not
 * wait for. The reader opened by hand asks as it opens. They come in two parts (fonts.ts): the
 * faces of running text first, italics and extended Latin after. Whatever is not in yet never
 * holds the text back: it shows at once in the next face of the family list and takes the
 * bundled one when it is in (font-display: swap).
 */
import type { FontKind, FontPart } from '../reader/fonts.ts';
import type { FontData } from '../shared/messages.ts';
import { ask } from './extension-api.ts';
import { shared, type FaceSet } from './reader-host.ts';
import { mark } from './auto-timing.ts';

function bytesOf(base64: string): Uint8Array<ArrayBuffer> {
  const fromBase64 = (Uint8Array as unknown as { fromBase64?: (text: string) => Uint8Array<ArrayBuffer> }).fromBase64;
  if (fromBase64) return fromBase64(base64);
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** One part of a kind's faces, loaded, then put into the page all at once: one change of layout, not one a face. */
async function addPart(set: FaceSet, kind: FontKind, part: FontPart): Promise<void> {
  const files = await ask<FontData[]>({ type: 'oqy/font-data', kind, part });
  const faces = files.map(({ family, data, ...descriptors }) => new FontFace(family, bytesOf(data), { ...descriptors, display: 'swap' }));
  const loaded = await Promise.all(faces.map((face) => face.load()));
  // Taken back while they loaded (auto mode left the page as it was): they stay out.
  if (set.withdrawn) return;
  for (const face of loaded) document.fonts.add(face);
  set.faces.push(...loaded);
  mark(`faces-${part}-in`);
}

/**
 * Puts the faces of `kind` into the page, once per page. Resolves when the faces for running
 * text are in (or could not be); the rest follow.
 */
export function addFontFaces(kind: FontKind): Promise<void> {
  const fonts = shared().fonts;
  let set = fonts.get(kind);
  if (!set) {
    const fresh: FaceSet = { faces: [], withdrawn: false, text: Promise.resolve() };
    fresh.text = addPart(fresh, kind, 'text').then(
      () => void addPart(fresh, kind, 'rest').catch(() => undefined),
      () => {
        // Tried again the next time they are asked for.
        if (fonts.get(kind) === fresh) fonts.delete(kind);
      },
    );
    fonts.set(kind, fresh);
    set = fresh;
  }
  return set.text;
}

/** Takes Oqy's faces out of the page again: auto mode found no article here. */
export function removeFontFaces(): void {
  const fonts = shared().fonts;
  for (const set of fonts.values()) {
    set.withdrawn = true;
    for (const face of set.faces) document.fonts.delete(face);
  }
  fonts.clear();
}
