/**
 * Sites a reader turns auto mode on for, written as they would type them (`example.kz`,
 * `*.example.kz`, `https://example.kz/news/*`), turned into WebExtension match patterns, with
 * a reason when one cannot be.
 */

export type PatternResult = { ok: true; pattern: string } | { ok: false; reason: PatternProblem };
export type PatternProblem = 'empty' | 'scheme' | 'host' | 'too-wide' | 'path';

const HOST_LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

function validHost(host: string): boolean {
  if (host === 'localhost') return true;
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(host)) return host.split('.').every((n) => Number(n) <= 255);
  const labels = host.split('.');
  return labels.length >= 2 && labels.every((l) => HOST_LABEL.test(l)) && /[a-z]/.test(labels[labels.length - 1]!);
}

/** A typed site to a match pattern: scheme `*://` unless given, path `/*` unless given. */
export function toMatchPattern(input: string): PatternResult {
  let text = input.trim().toLowerCase();
  if (!text) return { ok: false, reason: 'empty' };
  let scheme = '*';
  const schemeMatch = /^([a-z*][a-z0-9+.-]*):\/\//.exec(text);
  if (schemeMatch) {
    scheme = schemeMatch[1]!;
    if (!['http', 'https', '*'].includes(scheme)) return { ok: false, reason: 'scheme' };
    text = text.slice(schemeMatch[0].length);
  }
  const slash = text.indexOf('/');
  let host = slash < 0 ? text : text.slice(0, slash);
  let path = slash < 0 ? '/*' : text.slice(slash);
  host = host.replace(/:\d+$/, ''); // match patterns do not take ports
  if (host === '*' || host === '') return { ok: false, reason: host ? 'too-wide' : 'host' };
  let wildcard = false;
  if (host.startsWith('*.')) {
    wildcard = true;
    host = host.slice(2);
  }
  // `*.kz` would be every site in a country: too wide to ask for.
  if (wildcard && !host.includes('.') && HOST_LABEL.test(host)) return { ok: false, reason: 'too-wide' };
  if (host.includes('*') || !validHost(host)) return { ok: false, reason: 'host' };
  if (/[\s"'<>\\]/.test(path)) return { ok: false, reason: 'path' };
  if (!path.endsWith('*')) path = `${path}*`;
  return { ok: true, pattern: `${scheme}://${wildcard ? '*.' : ''}${host}${path}` };
}

/** Whether a URL falls under a match pattern (scheme, host with `*.` subdomains, path with `*`). */
export function matchesPattern(pattern: string, url: string): boolean {
  const m = /^(\*|https?):\/\/(\*\.)?([^/]+)(\/.*)$/.exec(pattern);
  if (!m) return false;
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  const [, scheme, sub, host, path] = m;
  if (scheme === '*' ? !/^https?:$/.test(u.protocol) : u.protocol !== `${scheme}:`) return false;
  const h = u.hostname.toLowerCase();
  if (!(h === host || (sub && h.endsWith(`.${host}`)))) return false;
  const re = new RegExp(`^${path!.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
  return re.test(u.pathname + u.search);
}
