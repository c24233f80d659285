/**
 * The extension pages' Content-Security-Policy: as written in both built manifests (no eval, no
 * inline or remote scripts, no objects, no frames, no <base>), and as each browser enforces it
 * in an extension page (the popup): an inline <script> added to it does not run, eval throws, an
 * <iframe> of a remote page and a <script src> from the beacon are not loaded, and the same for
 * the policy's other refusals (objects, forms, <base>, javascript: addresses, inline handlers,
 * media and fonts from the network). The beacon host resolves to the fixture server, which
 * records every request.
 *
 * Needs `npm run build` first.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { startFixtureServer, type FixtureServer } from '../harness/fixture-server.ts';
import { CHROME_DIST } from '../harness/chromium.ts';
import { BROWSERS, launchDriver, pollUntil, POPUP_PATH, type Driver, type Tab } from '../harness/driver.ts';
import type { ChromiumDriver, ChromiumTab } from '../harness/driver-chromium.ts';
import { DIST_FIREFOX } from '../harness/firefox.ts';
import { BEACON_HOST, beaconUrl } from '../hostile/payloads.ts';
import { hitsSince, routeBeacon } from '../hostile/beacon.ts';

type Policy = Map<string, string[]>;

function parsePolicy(text: string): Policy {
  const policy: Policy = new Map();
  for (const part of text.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (!name) continue;
    // The first occurrence of a directive is the one that counts.
    if (!policy.has(name.toLowerCase())) policy.set(name.toLowerCase(), sources);
  }
  return policy;
}

function builtPolicy(dist: string): { text: string; policy: Policy } {
  const manifest = JSON.parse(readFileSync(resolve(dist, 'manifest.json'), 'utf8')) as { content_security_policy?: { extension_pages?: string } };
  const text = manifest.content_security_policy?.extension_pages ?? '';
  return { text, policy: parsePolicy(text) };
}

/** What a script source list allows beyond the extension's own files. */
function scriptSourceProblems(sources: readonly string[]): string[] {
  const ALLOWED = new Set(["'self'", "'wasm-unsafe-eval'", "'none'"]);
  return sources.filter((s) => !ALLOWED.has(s.toLowerCase()));
}

describe('extension pages Content-Security-Policy, as built', () => {
  for (const [browser, dist] of [
    ['chrome', CHROME_DIST],
    ['firefox', DIST_FIREFOX],
  ] as const) {
    it(`${browser}: no eval, no inline or remote script, object-src/base-uri/frame-src 'none'`, () => {
      const { text, policy } = builtPolicy(dist);
      expect(text, `${dist}/manifest.json has content_security_policy.extension_pages`).not.toBe('');
      const scripts = policy.get('script-src') ?? policy.get('default-src');
      expect(scripts, 'script-src').toBeDefined();
      expect(scriptSourceProblems(scripts!), `script-src ${scripts!.join(' ')}`).toEqual([]);
      // script-src-elem / script-src-attr, if ever added, must not open what script-src closes.
      for (const name of ['script-src-elem', 'script-src-attr', 'worker-src']) {
        if (policy.has(name)) expect(scriptSourceProblems(policy.get(name)!), name).toEqual([]);
      }
      expect(text, 'no directive allows eval').not.toMatch(/'unsafe-eval'/);
      expect(policy.get('default-src')).toEqual(["'self'"]);
      expect(policy.get('object-src')).toEqual(["'none'"]);
      expect(policy.get('base-uri')).toEqual(["'none'"]);
      expect(policy.get('frame-src')).toEqual(["'none'"]);
      expect(policy.get('form-action')).toEqual(["'none'"]);
      expect(policy.get('frame-ancestors')).toEqual(["'none'"]);
    });
  }

  it('is the policy manifest.json declares; Chrome\'s also has its pages count as public for Local Network Access', () => {
    const source = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../manifest.json'), 'utf8')) as { content_security_policy: { extension_pages: string } };
    expect(builtPolicy(CHROME_DIST).text).toBe(`${source.content_security_policy.extension_pages}; treat-as-public-address`);
    expect(builtPolicy(CHROME_DIST).policy.has('treat-as-public-address')).toBe(true);
    // Firefox does not know the directive (it would warn): its policy is the declared one.
    expect(builtPolicy(DIST_FIREFOX).text).toBe(source.content_security_policy.extension_pages);
  });
});

describe.each(BROWSERS)('extension pages Content-Security-Policy, enforced in %s (the popup page)', (browserName) => {
  let server: FixtureServer;
  let browser: Driver;
  let popup: Tab;

  beforeAll(async () => {
    server = await startFixtureServer();
    routeBeacon(server);
    browser = await launchDriver(browserName, { server, extraHosts: [BEACON_HOST] });
    popup = await browser.openExtensionPage(POPUP_PATH);
    await popup.waitFor(() => (document.querySelector<HTMLElement>('main.popup')?.dataset['state'] ?? 'loading') !== 'loading', undefined, {
      timeoutMs: 30_000,
      what: 'the popup to leave "loading"',
    });
    // Every refusal is reported to the page as a securitypolicyviolation event: keep them.
    await popup.evaluate(() => {
      const w = window as unknown as { __violations: string[] };
      w.__violations = [];
      document.addEventListener('securitypolicyviolation', (e) => w.__violations.push(`${e.effectiveDirective} ${e.blockedURI}`));
    });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const violations = () => popup.evaluate(() => (window as unknown as { __violations: string[] }).__violations.slice());
  const flag = (name: string) => popup.evaluate((n) => (window as unknown as Record<string, unknown>)[n] ?? null, name);
  /**
   * Runs `act` in the popup and waits until the page has reported a refusal starting with each
   * of `refusals` ("directive blocked-address", the browser refuses at the moment it would load
   * or run); returns the beacon hits and the new violations.
   */
  async function attempt(act: () => Promise<unknown>, refusals: readonly string[]): Promise<{ hits: string[]; violations: string[] }> {
    const mark = server.requests.length;
    const before = (await violations()).length;
    await act();
    const seen = await pollUntil<string[]>(
      async () => {
        const v = (await violations()).slice(before);
        return (refusals.every((r) => v.some((x) => x.startsWith(r))) ? v : null) as string[];
      },
      { timeoutMs: 15_000, what: `refusals ${refusals.join(', ')}` },
    ).catch(async (e: Error) => {
      throw new Error(`${e.message}; the page reported: ${(await violations()).slice(before).join(' | ')}`);
    });
    return { hits: hitsSince(server, mark), violations: seen };
  }

  it('the beacon is reachable from the popup (fetch is allowed: connect-src http:)', async () => {
    // The answer is not readable (no CORS headers, no host access); the request arriving is what counts.
    const mark = server.requests.length;
    await popup.evaluate((url) => fetch(url).then(() => 'ok', (e) => String(e)), beaconUrl('control-extension-page'));
    expect(await pollUntil(async () => hitsSince(server, mark).length > 0, { what: 'the beacon to see the request' })).toBe(true);
    expect(hitsSince(server, mark)).toEqual(['control-extension-page']);
  });

  it('an inline <script> added to the page does not run', async () => {
    const { hits } = await attempt(
      () =>
        popup.evaluate((url) => {
          const s = document.createElement('script');
          s.textContent = `window.__cspInline = 1; fetch(${JSON.stringify(url)});`;
          document.head.append(s);
        }, beaconUrl('csp-inline-script')),
      ['script-src-elem inline'],
    );
    expect(await flag('__cspInline')).toBeNull();
    expect(hits).toEqual([]);
  });

  it('eval, new Function and string timers throw or do nothing', async () => {
    // The test's own evaluation may be exempt from the page's eval rule (DevTools may eval), so
    // the page's code is reached the way the page runs it: in a later task of its own.
    const later = await popup.evaluate(
      () =>
        new Promise<Record<string, string>>((done) => {
          setTimeout(() => {
            const out: Record<string, string> = {};
            try {
              out['eval'] = String(eval('1'));
            } catch (e) {
              out['eval'] = (e as Error).name;
            }
            try {
              out['function'] = String(new Function('return 1')());
            } catch (e) {
              out['function'] = (e as Error).name;
            }
            (setTimeout as unknown as (code: string, ms: number) => void)('window.__cspTimer = 1', 0);
            setTimeout(() => {
              out['timer'] = String((window as unknown as { __cspTimer?: number }).__cspTimer ?? 'did not run');
              done(out);
            }, 100);
          }, 0);
        }),
    );
    expect(later).toEqual({ eval: 'EvalError', function: 'EvalError', timer: 'did not run' });
    if (browserName === 'chromium') {
      // The same through CDP without the DevTools exemption: a door only Chromium's protocol has.
      const cdp = await (browser as ChromiumDriver).chromium.context.newCDPSession((popup as ChromiumTab).page);
      try {
        const direct = await cdp.send('Runtime.evaluate', {
          expression: `(() => { try { return String(eval('1')); } catch (e) { return e.name; } })()`,
          allowUnsafeEvalBlockedByCSP: false,
          returnByValue: true,
        });
        expect(direct.result.value).toBe('EvalError');
      } finally {
        await cdp.detach();
      }
    }
    await pollUntil(async () => (await violations()).some((x) => x.startsWith('script-src eval')), { what: 'an eval refusal reported to the page' });
  });

  it('a <script src> from the beacon is not loaded', async () => {
    const { hits, violations: v } = await attempt(
      () =>
        popup.evaluate((url) => {
          const s = document.createElement('script');
          s.src = url;
          document.head.append(s);
        }, beaconUrl('csp-script-src')),
      [`script-src-elem ${beaconUrl('csp-script-src')}`],
    );
    expect(hits).toEqual([]);
    expect(v).toContain(`script-src-elem ${beaconUrl('csp-script-src')}`);
  });

  it('an <iframe> of a remote page is not loaded', async () => {
    const { hits, violations: v } = await attempt(
      () =>
        popup.evaluate((url) => {
          const f = document.createElement('iframe');
          f.src = url;
          document.body.append(f);
        }, beaconUrl('csp-iframe')),
      ['frame-src '],
    );
    expect(hits).toEqual([]);
    // A refused cross-origin frame is reported by its origin (Chromium) or its whole address (Firefox).
    expect(v.some((x) => x === `frame-src ${new URL(beaconUrl('csp-iframe')).origin}` || x === `frame-src ${beaconUrl('csp-iframe')}`), v.join(' | ')).toBe(true);
  });

  it('objects, form submissions, <base>, javascript: addresses, inline handlers, network media and fonts are refused too', async () => {
    // The javascript: address is refused as inline script.
    const refusals = ['object-src ', 'base-uri ', 'script-src-attr ', 'media-src ', 'font-src ', 'form-action ', 'script-src-elem inline'];
    const { hits } = await attempt(
      () =>
        popup.evaluate((urls) => {
          const o = document.createElement('object');
          o.data = urls.object;
          o.type = 'text/html';
          document.body.append(o);

          const b = document.createElement('base');
          b.href = urls.base;
          document.head.prepend(b);

          const img = document.createElement('img');
          img.setAttribute('onerror', 'window.__cspHandler = 1');
          img.src = 'http://qazaq24.com/hostile-missing/csp.png';
          document.body.append(img);

          const v = document.createElement('video');
          v.src = urls.media;
          v.preload = 'auto';
          document.body.append(v);

          const style = document.createElement('style');
          style.textContent = `@font-face { font-family: oqycsp; src: url(${urls.font}); } body { font-family: oqycsp; }`;
          document.head.append(style);

          const a = document.createElement('a');
          a.href = 'javascript:window.__cspJsUrl = 1';
          document.body.append(a);
          a.click();

          const form = document.createElement('form');
          form.action = urls.form;
          form.method = 'get';
          document.body.append(form);
          try {
            form.submit();
          } catch {
            // Firefox refuses the submission by throwing as well as reporting it.
          }
        }, { object: beaconUrl('csp-object'), base: `${beaconUrl('csp-base')}/`, media: beaconUrl('csp-media'), font: beaconUrl('csp-font'), form: beaconUrl('csp-form') }),
      refusals,
    );
    expect(hits).toEqual([]);
    expect(await flag('__cspHandler')).toBeNull();
    expect(await flag('__cspJsUrl')).toBeNull();
    // <base> was refused: addresses still resolve against the extension.
    expect(await popup.evaluate(() => document.baseURI)).toBe(browser.extensionUrl(POPUP_PATH));
    expect(await popup.url()).toBe(browser.extensionUrl(POPUP_PATH));
  });
});
