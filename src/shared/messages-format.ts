/** The `_locales` message format: named placeholders (`$COUNT$`) standing for `$1`…`$9`. */

export type Catalog = Record<string, { message: string; placeholders?: Record<string, { content: string }> }>;

export function formatMessage(catalog: Catalog, key: string, substitutions?: string | string[]): string | null {
  const entry = catalog[key];
  if (!entry) return null;
  const subs = substitutions === undefined ? [] : Array.isArray(substitutions) ? substitutions : [substitutions];
  const named = entry.placeholders ?? {};
  const withNamed = entry.message.replace(/\$([A-Za-z0-9_@]+)\$/g, (whole, name: string) => {
    const placeholder = Object.entries(named).find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1];
    return placeholder ? placeholder.content : whole;
  });
  return withNamed.replace(/\$(\d)/g, (_whole, n: string) => subs[Number(n) - 1] ?? '').replace(/\$\$/g, '$');
}
