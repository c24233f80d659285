import { useEffect, useRef } from 'preact/hooks';
import { sanitizeToFragment } from '../core/sanitize.ts';

/**
 * The article's body, sanitized again by this page's own DOMPurify and inserted as nodes:
 * whatever the HTML came from, nothing in it runs here.
 */
export function ArticleBody({ html, class: className = 'body', onShown }: { html: string; class?: string; onShown?: () => void }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    el.replaceChildren(sanitizeToFragment(html, el.ownerDocument.defaultView ?? window));
    if (onShown) requestAnimationFrame(() => onShown());
  }, [html]);
  return <div class={className} data-testid="body" ref={ref} />;
}
