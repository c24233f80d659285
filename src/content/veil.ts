/**
 * Keeps the page from painting while auto mode decides: a style on the root element, added
 * before the page has any content. The reader's own host overrides it (it resets everything).
 */
export interface Veil {
  lift(): void;
}

export function veilPage(): Veil {
  const style = document.createElement('style');
  style.id = 'oqy-veil';
  style.textContent = 'html { visibility: hidden !important; }';
  (document.head ?? document.documentElement).appendChild(style);
  return { lift: () => style.remove() };
}
