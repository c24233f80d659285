/** The site detectors alone: what every page load needs, without any cleaning code. */
import type { SiteDetector } from './profile.ts';
import { qazaq24Page } from './qazaq24/page.ts';

export const SITE_DETECTORS: readonly SiteDetector[] = [qazaq24Page];

export function siteDetectorFor(url: URL): SiteDetector | null {
  return SITE_DETECTORS.find((d) => d.matches(url)) ?? null;
}
