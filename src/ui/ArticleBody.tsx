import { useEffect, useRef } from 'preact/hooks';
import { sanitizeToFragment } from '../core/sanitize.ts';

/**
 * The article's body, sanitized again by this page's own DOMPurify and inserted as nodes:
 * whatever the HTML came from, nothing in it runs here.
 */
export function ArticleBody({ html, class: className = 'body' }: { html: string; class?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (el) el.replaceChildren(sanitizeToFragment(html, el.ownerDocument.defaultView ?? window));
  }, [html]);
  return <div class={className} data-testid="body" ref={ref} />;
}
