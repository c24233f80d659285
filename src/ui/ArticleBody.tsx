import { useLayoutEffect, useRef } from 'preact/hooks';
import { sanitizeToFragment } from '../core/sanitize.ts';
import { applyLatinScript } from '../core/translit/dom-latin.ts';
import { textNodes } from '../core/dom.ts';

/**
 * The article's body, sanitized again by this page's own DOMPurify and inserted as nodes:
 * whatever the HTML came from, nothing in it runs here.
 */
export function ArticleBody(props: {
  html: string;
  class?: string;
  onShown?: () => void;
  imageUrls?: ReadonlyMap<string, string>;
  latin?: boolean;
  /** Called once the body is in place, with its text nodes' data before any change of script (highlights anchor on it). */
  onRendered?: (el: HTMLElement, originals: string[]) => void;
}) {
  const { html, class: className = 'body', onShown, imageUrls, latin = false, onRendered } = props;
  const ref = useRef<HTMLDivElement>(null);
  // Before the first paint: the reader must never show without its text (auto mode lifts its veil then).
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    el.replaceChildren(sanitizeToFragment(html, el.ownerDocument.defaultView ?? window));
    if (imageUrls) showStoredImages(el, imageUrls);
    const originals = onRendered ? textNodes(el).map((n) => n.data) : [];
    if (latin) applyLatinScript(el);
    onRendered?.(el, originals);
    if (onShown) requestAnimationFrame(() => onShown());
  }, [html, imageUrls, latin]);
  return <div class={className} data-testid="body" ref={ref} />;
}

/** Images of a saved article from the library (blob: URLs); one that was never fetched says so. */
function showStoredImages(root: HTMLElement, urls: ReadonlyMap<string, string>): void {
  for (const img of Array.from(root.querySelectorAll('img'))) {
    const stored = urls.get(img.getAttribute('src') ?? '');
    if (stored) img.setAttribute('src', stored);
    else {
      img.removeAttribute('src');
      img.classList.add('oqy-missing-image');
      img.setAttribute('data-missing', 'true');
    }
  }
}
