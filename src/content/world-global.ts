/**
 * Values the content scripts keep on their world's global, which the page's scripts never see.
 * The page's elements can still show through: an element with an id or a name is a property of
 * every world's window (DOM clobbering), found on the window's prototype chain, never as its own
 * property. Only the window's own properties count here.
 */
type Globals = Record<string, unknown>;

export function worldGlobal<T>(key: string): T | undefined {
  return Object.prototype.hasOwnProperty.call(window, key) ? ((window as unknown as Globals)[key] as T) : undefined;
}

/** Sets it as the window's own property, above any element of the page named the same. */
export function setWorldGlobal<T>(key: string, value: T): T {
  (window as unknown as Globals)[key] = value;
  return value;
}

/** Where the reader's state is kept (reader-host.ts): whether a reader is open over the page. */
export const READER_STATE_KEY = '__oqyReaderState';
