/** The site profiles with their cleaning, loaded with the parser. The generic reader is apart. */
import type { SiteProfile } from './profile.ts';
import { qazaq24 } from './qazaq24/article.ts';

export const SITE_PROFILES: readonly SiteProfile[] = [qazaq24];

export function siteProfileFor(url: URL): SiteProfile | null {
  return SITE_PROFILES.find((p) => p.matches(url)) ?? null;
}
