/**
 * Esc leaves the reader, unless a part of the reader takes that Esc for itself (a note editor
 * closes, the reader stays). Over a page the overlay hears every key first, on the window; it
 * decides once the key has reached the reader. The set lives in the extension's own world:
 * the page's scripts cannot mark or read it.
 */
const taken = new WeakSet<Event>();

/** A reader part used this Esc for itself. */
export function takeEscape(e: Event): void {
  taken.add(e);
}

export function escapeTaken(e: Event): boolean {
  return taken.has(e);
}
