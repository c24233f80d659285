/**
 * The beacon host for the hostile-HTML end-to-end tests: beacon.oqy.test resolves to the
 * fixture server (Chromium: a host-resolver rule; Firefox: it is the proxy), which records
 * every request. Each payload's /hit/<id> answers 204 No Content, so that a refresh or a form
 * submission to it leaves the page where it is; anything else on the host answers 404 (and is
 * recorded just the same).
 */
import type { FixtureServer } from '../harness/fixture-server.ts';
import { beaconHits } from './checks.ts';
import { PAYLOADS, beaconUrl } from './payloads.ts';
import type { HostilePage } from './pages.ts';

/** Extra ids the tests fetch themselves, to prove the beacon is reachable from where they look. */
export const CONTROL_IDS = ['control-extension-page', 'control-page-world', 'csp-inline-script', 'csp-script-src', 'csp-iframe', 'csp-object', 'csp-form', 'csp-base', 'csp-meta-refresh', 'csp-media', 'csp-font', 'csp-js-url', 'csp-handler'];

export function routeBeacon(server: FixtureServer): void {
  for (const id of [...PAYLOADS.map((p) => p.id), ...CONTROL_IDS]) {
    server.route(beaconUrl(id), { status: 204, type: 'text/plain', body: '' });
  }
}

export function routeHostilePages(server: FixtureServer, pages: readonly HostilePage[]): void {
  for (const page of pages) server.route(page.servedUrl, { type: 'text/html; charset=utf-8', body: page.html });
}

/** The beacon requests (as payload ids) the server has seen since `mark` (an index into server.requests). */
export function hitsSince(server: FixtureServer, mark: number): string[] {
  return beaconHits(server.requests.slice(mark));
}

/** The full beacon requests since `mark`, for reports. */
export function beaconRequestsSince(server: FixtureServer, mark: number): string[] {
  return server.requests.slice(mark).filter((r) => beaconHits([r]).length > 0);
}
