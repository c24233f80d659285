/** The site profiles, one file each. The generic reader is not here: it loads with the parser. */
import type { SiteProfile } from './profile.ts';
import { qazaq24 } from './qazaq24.ts';

export const SITE_PROFILES: readonly SiteProfile[] = [qazaq24];

export function siteProfileFor(url: URL): SiteProfile | null {
  return SITE_PROFILES.find((p) => p.matches(url)) ?? null;
}
