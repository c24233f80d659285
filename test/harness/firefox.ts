/**
 * Drives Firefox ESR over WebDriver BiDi (no Playwright: it cannot drive stock Firefox) with the
 * built add-on installed as a temporary add-on, all HTTP going through a local proxy (the
 * fixture server), so http://qazaq24.com/... is answered on loopback and the content script's
 * real match patterns fire. https:// for qazaq24.com is answered too (TLS ended on loopback, then
 * the same proxy), because Firefox upgrades an extension page's http:// requests to https://.
 * Nothing leaves the machine: other https hosts are refused.
 *
 *   const ff = await launchFirefoxWithExtension({ proxyPort: server.port });
 *   const tab = await ff.openTab('http://qazaq24.com/');
 *   const popup = await ff.openExtensionPage('src/popup/index.html?url=...');
 *   await ff.waitFor(popup, `document.querySelector('main')?.dataset.state === 'article'`);
 *   await ff.close();
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer, request as httpRequest } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import WebSocket from 'ws';
import { guardServer, guardStream } from './net-guard.ts';

export const FIREFOX_BIN = process.env.FIREFOX_BIN ?? '/usr/bin/firefox-esr';
/** The add-on's id: `GECKO_ID` in vite.config.ts. */
export const ADDON_ID = 'oqy@oqy.kz';
export const DIST_FIREFOX = resolve(import.meta.dirname, '../../dist/firefox');

export interface LaunchOptions {
  /** Port of the HTTP proxy on 127.0.0.1 that every http:// request goes through. */
  proxyPort: number;
  /** A profile directory to use (created if missing, kept on close). Default: a temporary one, removed on close. */
  profileDir?: string;
  /** Default true. */
  headless?: boolean;
  /** The unpacked add-on. Default: dist/firefox. */
  extensionDir?: string;
  /** How long to wait for Firefox to listen. Default 30 s. */
  startTimeoutMs?: number;
  /**
   * Hosts whose https:// requests are answered too: TLS is ended on loopback (a throwaway
   * self-signed certificate, accepted through the session's `acceptInsecureCerts`) and the
   * request goes on to the proxy as plain http. Needed because Firefox upgrades an extension
   * page's http:// requests to https:// (MV3's default CSP has `upgrade-insecure-requests`), so
   * the popup asks for images at https://qazaq24.com/... Default: qazaq24.com and its
   * subdomains; `null` leaves https unproxied (it then fails offline). Other hosts' https is refused.
   */
  httpsHosts?: RegExp | null;
  /**
   * More prefs for the profile's user.js, added after (and so overriding) the harness's own.
   * E.g. `{ 'extensions.webextOptionalPermissionPrompts': false }` grants optional permissions
   * an add-on asks for without showing the prompt.
   */
  prefs?: Readonly<Record<string, string | number | boolean>>;
  /**
   * The add-on's internal UUID (its moz-extension:// host), pinned in the profile. Default: a
   * fresh random one. Pass the `uuid` of an earlier session on the same `profileDir` to find that
   * session's extension storage (IndexedDB, storage.local) again: it is keyed by the origin
   * moz-extension://UUID.
   */
  uuid?: string;
}

export interface ScreenshotOptions {
  /** 'viewport' (default) or the whole 'document'. */
  origin?: 'viewport' | 'document';
}

export interface FirefoxSession {
  /** The add-on's internal UUID (its moz-extension:// host). */
  readonly uuid: string;
  /** moz-extension://UUID/ */
  readonly extensionBase: string;
  /** The add-on id Firefox reports after installing it. */
  readonly addonId: string;
  /** Opens a new tab at `url` and waits for its load event. Returns the browsing-context id. */
  /** Opens `url` in a new tab and waits for its load (20 s unless told). */
  openTab(url: string, loadTimeoutMs?: number): Promise<string>;
  /**
   * Opens moz-extension://UUID/`path` in a new tab, selected unless `background`, and waits for
   * it to load.
   */
  openExtensionPage(path: string, options?: { background?: boolean }): Promise<string>;
  /** Evaluates `expression` in the page (promises awaited), returns the deserialized value. */
  evaluate<T = unknown>(context: string, expression: string): Promise<T>;
  /** Polls `expression` until it is truthy; returns its value. Throws with the last value/error after `timeoutMs`. */
  waitFor<T = unknown>(context: string, expression: string, timeoutMs?: number): Promise<T>;
  /** Sets the viewport (CSS pixels) of a tab. */
  setViewport(context: string, width: number, height: number): Promise<void>;
  /** Brings a tab to the front. */
  activate(context: string): Promise<void>;
  /** Writes a PNG of the tab to `file` (directories created). */
  screenshot(context: string, file: string, options?: ScreenshotOptions): Promise<void>;
  /**
   * A reference to the element `expression` evaluates to, for input actions and raw BiDi
   * commands. Elements inside (open) shadow roots work too. Throws if it is not an element.
   */
  elementRef(context: string, expression: string): Promise<ElementRef>;
  /**
   * A real mouse click (BiDi `input.performActions`: move, press, release of the left button)
   * at the centre of the element `expression` evaluates to, as a person would click it. The
   * element is scrolled into view first only when its centre is outside the viewport.
   */
  click(context: string, expression: string): Promise<void>;
  /**
   * Presses and releases one key with BiDi key actions, sent to whatever has focus in the tab:
   * a name from `KEYS` ('Escape', 'Enter', 'Tab', 'ArrowDown', …) or a single character.
   */
  press(context: string, key: string): Promise<void>;
  /**
   * Types `text` with BiDi key actions (a key down and up per character) into whatever has
   * focus in the tab, as a person types it.
   */
  type(context: string, text: string): Promise<void>;
  /** Turns the mouse wheel over the viewport's centre by `deltaY` (and `deltaX`) CSS pixels. */
  wheel(context: string, deltaY: number, deltaX?: number): Promise<void>;
  /**
   * Goes to `url` in an existing tab, as typing it in the address bar would (a new history
   * entry), and waits until that address has loaded.
   */
  navigate(context: string, url: string): Promise<void>;
  /**
   * Back (`delta` < 0) or forward (> 0) in the tab's session history (BiDi
   * `browsingContext.traverseHistory`, what the toolbar's Back and Forward do). With
   * `expectUrl`, waits until the tab shows that address, loaded (a page may come back from
   * the back-forward cache, without a new load).
   */
  traverseHistory(context: string, delta: number, expectUrl?: string): Promise<void>;
  /** Reloads a tab and waits until the new document has loaded. */
  reload(context: string): Promise<void>;
  /** Whether the browsing context (tab) still exists. */
  isOpen(context: string): Promise<boolean>;
  /** Closes a tab; nothing if it is already gone. */
  closeTab(context: string): Promise<void>;
  /**
   * Oqy's in-page reader, from outside its closed shadow root, as only a test can reach it:
   * the root is found by BiDi's own serialization (`includeShadowTree: 'all'`) and handed to
   * `fn`, source of `(root, arg) => ...`, run in a sandbox of the test's (the page's scripts do
   * not see it). `root` is null while no reader is open; `arg` goes as JSON.
   */
  overlayEvaluate<T = unknown>(context: string, fn: string, arg?: unknown): Promise<T>;
  /** A raw BiDi command, for anything the helpers do not cover. */
  send<T = Record<string, unknown>>(method: string, params?: Record<string, unknown>): Promise<T>;
  /** Calls `listener` with every BiDi event of the session (subscribe with `session.subscribe` first). */
  onEvent(listener: (method: string, params: unknown) => void): void;
  /** The last lines Firefox wrote to stderr/stdout (for error messages). */
  logTail(lines?: number): string;
  /** Ends the session, stops Firefox, removes the temporary profile. Safe to call twice. */
  close(): Promise<void>;
}

/** A BiDi SharedReference to a DOM node. */
export interface ElementRef {
  sharedId: string;
}

/** WebDriver's code points for the keys tests press by name (WebDriver spec, "keyboard actions"). */
export const KEYS: Readonly<Record<string, string>> = {
  Backspace: '\uE003',
  Tab: '\uE004',
  Enter: '\uE007',
  Shift: '\uE008',
  Control: '\uE009',
  Alt: '\uE00A',
  Delete: '\uE017',
  Escape: '\uE00C',
  Space: ' ',
  PageUp: '\uE00E',
  PageDown: '\uE00F',
  End: '\uE010',
  Home: '\uE011',
  ArrowLeft: '\uE012',
  ArrowUp: '\uE013',
  ArrowRight: '\uE014',
  ArrowDown: '\uE015',
};

/** A BiDi RemoteValue, loosely typed. */
interface RemoteValue {
  type: string;
  value?: unknown;
  [key: string]: unknown;
}

type EvaluateResult =
  | { type: 'success'; result: RemoteValue; realm: string }
  | { type: 'exception'; exceptionDetails: { text?: string; exception?: RemoteValue; lineNumber?: number }; realm: string };

interface TreeNode {
  context: string;
  url: string;
  children: TreeNode[] | null;
  parent?: string | null;
}

const COMMAND_TIMEOUT_MS = 30_000;
/**
 * The first commands of a session wait for Firefox to finish starting (its first window, the
 * add-on manager): on a busy two-core machine with other browsers starting, that has taken over
 * 30 s. A hang still ends.
 */
const STARTUP_COMMAND_TIMEOUT_MS = 90_000;

/** Converts a BiDi RemoteValue into a plain JS value (nodes and functions become short descriptions). */
export function deserialize(v: RemoteValue): unknown {
  switch (v.type) {
    case 'undefined':
      return undefined;
    case 'null':
      return null;
    case 'string':
    case 'boolean':
      return v.value;
    case 'number':
      if (v.value === 'NaN') return NaN;
      if (v.value === '-0') return -0;
      if (v.value === 'Infinity') return Infinity;
      if (v.value === '-Infinity') return -Infinity;
      return v.value;
    case 'bigint':
      return BigInt(v.value as string);
    case 'array':
    case 'set':
    case 'nodelist':
    case 'htmlcollection':
      return ((v.value as RemoteValue[] | undefined) ?? []).map(deserialize);
    case 'object':
    case 'map': {
      const out: Record<string, unknown> = {};
      for (const [k, val] of (v.value as [string | RemoteValue, RemoteValue][] | undefined) ?? []) {
        out[typeof k === 'string' ? k : String(deserialize(k))] = deserialize(val);
      }
      return out;
    }
    case 'date':
      return new Date(v.value as string);
    case 'regexp': {
      const r = v.value as { pattern: string; flags?: string };
      return new RegExp(r.pattern, r.flags);
    }
    case 'node': {
      const n = v.value as { localName?: string; nodeType?: number } | undefined;
      return `[node ${n?.localName ?? n?.nodeType ?? '?'}]`;
    }
    default:
      return `[${v.type}]`;
  }
}

/** Prefs for a quiet, offline, test-only profile. */
function userJs(
  proxyPort: number,
  tlsPort: number | null,
  uuid: string,
  addonId: string,
  extra: Readonly<Record<string, string | number | boolean>> = {},
): string {
  const prefs: Record<string, string | number | boolean> = {
    // Every http:// request goes to the fixture server; https:// to the TLS front (if any).
    'network.proxy.type': 1,
    'network.proxy.http': '127.0.0.1',
    'network.proxy.http_port': proxyPort,
    ...(tlsPort ? { 'network.proxy.ssl': '127.0.0.1', 'network.proxy.ssl_port': tlsPort } : {}),
    'network.proxy.share_proxy_settings': false,
    'network.proxy.no_proxies_on': '',
    'network.proxy.allow_hijacking_localhost': true,
    'network.proxy.failover_direct': false,
    'network.dns.disablePrefetch': true,
    'network.prefetch-next': false,
    'network.http.speculative-parallel-limit': 0,
    'network.captive-portal-service.enabled': false,
    'network.connectivity-service.enabled': false,
    'network.trr.mode': 5,
    // The fixture pages are plain http: no upgrades.
    'dom.security.https_only_mode': false,
    'dom.security.https_first': false,
    'dom.security.https_first_schemeless': false,
    'browser.fixup.fallback-to-https': false,
    // The add-on: a fixed UUID so moz-extension://UUID/ is known in advance.
    'extensions.webextensions.uuids': JSON.stringify({ [addonId]: uuid }),
    'xpinstall.signatures.required': false,
    'extensions.autoDisableScopes': 0,
    'extensions.enabledScopes': 5,
    'extensions.update.enabled': false,
    'extensions.update.autoUpdateDefault': false,
    'extensions.getAddons.cache.enabled': false,
    'extensions.systemAddon.update.enabled': false,
    'extensions.recommendations.enabled': false,
    'extensions.originControls.grantByDefault': true,
    // No updates, telemetry, reports or background chatter.
    'app.update.enabled': false,
    'app.update.auto': false,
    'app.update.checkInstallTime': false,
    'app.normandy.enabled': false,
    'app.shield.optoutstudies.enabled': false,
    'datareporting.policy.dataSubmissionEnabled': false,
    'datareporting.healthreport.uploadEnabled': false,
    'toolkit.telemetry.enabled': false,
    'toolkit.telemetry.unified': false,
    'toolkit.telemetry.archive.enabled': false,
    'toolkit.telemetry.server': '',
    'browser.crashReports.unsubmittedCheck.enabled': false,
    'browser.tabs.crashReporting.sendReport': false,
    'browser.ping-centre.telemetry': false,
    'browser.safebrowsing.malware.enabled': false,
    'browser.safebrowsing.phishing.enabled': false,
    'browser.safebrowsing.downloads.enabled': false,
    'browser.safebrowsing.blockedURIs.enabled': false,
    'browser.safebrowsing.provider.mozilla.updateURL': '',
    'browser.search.update': false,
    'browser.search.geoip.url': '',
    'browser.region.update.enabled': false,
    'browser.region.network.url': '',
    'services.settings.server': 'http://127.0.0.1:9/',
    'browser.topsites.contile.enabled': false,
    'browser.newtabpage.enabled': false,
    'browser.newtabpage.activity-stream.feeds.system.topstories': false,
    'browser.newtabpage.activity-stream.feeds.section.topstories': false,
    'browser.newtabpage.activity-stream.telemetry': false,
    'browser.newtabpage.activity-stream.showSponsored': false,
    'browser.newtabpage.activity-stream.showSponsoredTopSites': false,
    'captivedetect.canonicalURL': '',
    'media.gmp-manager.updateEnabled': false,
    'media.gmp-gmpopenh264.enabled': false,
    'identity.fxaccounts.enabled': false,
    'messaging-system.rsexperimentloader.enabled': false,
    // No first-run pages, default-browser questions or session restore.
    'browser.shell.checkDefaultBrowser': false,
    'browser.startup.page': 0,
    'browser.startup.homepage': 'about:blank',
    'browser.startup.homepage_override.mstone': 'ignore',
    'startup.homepage_welcome_url': 'about:blank',
    'startup.homepage_welcome_url.additional': '',
    'browser.aboutwelcome.enabled': false,
    'trailhead.firstrun.didSeeAboutWelcome': true,
    'browser.sessionstore.resume_from_crash': false,
    'browser.tabs.warnOnClose': false,
    'browser.warnOnQuit': false,
    'toolkit.startup.max_resumed_crashes': -1,
    'browser.uitour.enabled': false,
    'datareporting.policy.firstRunURL': '',
    // Timers in tabs that are not in front should not be slowed down.
    'dom.min_background_timeout_value': 4,
    'dom.timeout.enable_budget_timer_throttling': false,
    'browser.tabs.loadDivertedInBackground': false,
    // Steady rendering for screenshots.
    'ui.systemUsesDarkTheme': 0,
    'layout.css.prefers-color-scheme.content-override': 1,
    'ui.prefersReducedMotion': 1,
    ...extra,
  };
  return Object.entries(prefs)
    .map(([k, v]) => `user_pref(${JSON.stringify(k)}, ${JSON.stringify(v)});`)
    .join('\n')
    .concat('\n');
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: () => string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(what())), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

const delay = (ms: number) => new Promise((done) => setTimeout(done, ms));
/** A delay that does not keep Node alive on its own (for races against a process exit). */
const quietDelay = (ms: number) => new Promise((done) => setTimeout(done, ms).unref());

export interface TlsFront {
  port: number;
  /** Connections open to the proxy now (tunnels included until they close). */
  openConnections(): Promise<number>;
  close(): Promise<void>;
}

/** A throwaway self-signed certificate for `hosts` (openssl), or null where openssl is missing. */
export function selfSignedCertificate(dir: string): { key: Buffer; cert: Buffer } | null {
  const key = join(dir, 'tls-key.pem');
  const cert = join(dir, 'tls-cert.pem');
  try {
    execFileSync(
      'openssl',
      ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', key, '-out', cert,
        '-days', '2', '-subj', '/CN=qazaq24.com', '-addext', 'subjectAltName=DNS:qazaq24.com,DNS:*.qazaq24.com'],
      { stdio: 'ignore', timeout: 10_000 },
    );
    return { key: readFileSync(key), cert: readFileSync(cert) };
  } catch {
    return null;
  }
}

/**
 * Firefox's https proxy: answers CONNECT for `hosts` by ending TLS here and passing each request
 * on to the plain proxy at `upstreamPort` with its absolute https:// address; refuses the rest.
 */
export async function startTlsFront(upstreamPort: number, hosts: RegExp, credentials: { key: Buffer; cert: Buffer }): Promise<TlsFront> {
  const inner = guardServer(createHttpsServer(credentials, (req, res) => {
    const url = `https://${req.headers.host ?? 'qazaq24.com'}${req.url ?? '/'}`;
    const upstream = httpRequest(
      { host: '127.0.0.1', port: upstreamPort, method: req.method, path: url, headers: req.headers },
      (reply) => {
        guardStream(reply);
        res.writeHead(reply.statusCode ?? 502, reply.headers);
        reply.pipe(res);
      },
    );
    upstream.on('error', () => {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
    guardStream(req).pipe(upstream);
  }));
  inner.on('tlsClientError', () => undefined);
  const front = guardServer(createHttpServer((_req, res) => res.writeHead(405).end()));
  const sockets = new Set<Socket>();
  front.on('connect', (req, socket: Socket, head: Buffer) => {
    const host = (req.url ?? '').replace(/:\d+$/, '');
    if (!hosts.test(host)) {
      socket.end('HTTP/1.1 502 Bad Gateway\r\n\r\n');
      return;
    }
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
    if (head.length) socket.unshift(head);
    inner.emit('connection', socket);
  });
  await new Promise<void>((done) => front.listen(0, '127.0.0.1', done));
  return {
    port: (front.address() as AddressInfo).port,
    openConnections: () => new Promise<number>((done, fail) => front.getConnections((e, n) => (e ? fail(e) : done(n)))),
    close: async () => {
      for (const socket of sockets) socket.destroy();
      front.closeAllConnections();
      inner.closeAllConnections();
      await new Promise<void>((done) => front.close(() => done()));
      await new Promise<void>((done) => inner.close(() => done()));
    },
  };
}

export async function launchFirefoxWithExtension(options: LaunchOptions): Promise<FirefoxSession> {
  const extensionDir = resolve(options.extensionDir ?? DIST_FIREFOX);
  if (!existsSync(join(extensionDir, 'manifest.json'))) {
    throw new Error(`${join(extensionDir, 'manifest.json')} is missing: run \`npm run build\` first`);
  }
  if (!existsSync(FIREFOX_BIN)) throw new Error(`Firefox not found at ${FIREFOX_BIN} (apt-get install firefox-esr, or set FIREFOX_BIN)`);

  const ownProfile = !options.profileDir;
  const profileDir = options.profileDir ? resolve(options.profileDir) : mkdtempSync(join(tmpdir(), 'oqy-firefox-'));
  mkdirSync(profileDir, { recursive: true });
  const uuid = options.uuid ?? randomUUID();
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(uuid)) throw new Error(`not a UUID: ${JSON.stringify(uuid)}`);
  const httpsHosts = options.httpsHosts === undefined ? /^(?:.+\.)?qazaq24\.com$/i : options.httpsHosts;
  let tlsFront: TlsFront | null = null;
  if (httpsHosts) {
    const credentials = selfSignedCertificate(profileDir);
    if (credentials) tlsFront = await startTlsFront(options.proxyPort, httpsHosts, credentials);
    else console.warn('[firefox harness] openssl is missing: https:// requests are not served');
  }
  writeFileSync(join(profileDir, 'user.js'), userJs(options.proxyPort, tlsFront?.port ?? null, uuid, ADDON_ID, options.prefs));

  const log: string[] = [];
  const remember = (text: string) => {
    log.push(text);
    if (log.length > 400) log.splice(0, log.length - 200);
  };
  const logTail = (lines = 30) => log.join('').split('\n').slice(-lines).join('\n');

  const env: NodeJS.ProcessEnv = { ...process.env, MOZ_CRASHREPORTER_DISABLE: '1' };
  if (options.headless === false) delete env.MOZ_HEADLESS;
  else env.MOZ_HEADLESS = '1';
  const args = ['--no-remote', '--profile', profileDir, '--remote-debugging-port', '0', '--remote-allow-system-access'];
  if (options.headless ?? true) args.unshift('--headless');
  const child: ChildProcess = spawn(FIREFOX_BIN, args, {
    // Its own process group, so close() can stop the content processes with it.
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env,
  });
  let exited = false;
  const exitPromise = new Promise<void>((done) =>
    child.once('exit', (code, signal) => {
      exited = true;
      remember(`\n[firefox exited: code ${code}, signal ${signal}]\n`);
      done();
    }),
  );
  child.stdout?.on('data', (d: Buffer) => remember(d.toString()));

  const kill = (signal: NodeJS.Signals) => {
    if (exited || child.pid === undefined) return;
    try {
      process.kill(-child.pid, signal);
    } catch {
      try {
        child.kill(signal);
      } catch {
        /* already gone */
      }
    }
  };
  // If the test process dies first, do not leave Firefox behind.
  const onExit = () => kill('SIGKILL');
  process.once('exit', onExit);

  let socket: WebSocket | undefined;
  let closed = false;
  const removeProfile = () => {
    if (ownProfile) rmSync(profileDir, { recursive: true, force: true, maxRetries: 3 });
  };
  const stopProcess = async () => {
    kill('SIGTERM');
    if (!exited) await Promise.race([exitPromise, quietDelay(5_000)]);
    kill('SIGKILL');
    if (!exited) await Promise.race([exitPromise, quietDelay(5_000)]);
    process.removeListener('exit', onExit);
    await tlsFront?.close();
  };

  try {
    const wsUrl = await withTimeout(
      new Promise<string>((done, fail) => {
        let seen: string | null = '';
        child.stderr?.on('data', (d: Buffer) => {
          const text = d.toString();
          remember(text);
          if (seen === null) return;
          seen += text;
          const m = /WebDriver BiDi listening on (ws:\/\/\S+)/.exec(seen);
          if (m) {
            seen = null;
            done(m[1]!);
          }
        });
        child.once('error', fail);
        void exitPromise.then(() => fail(new Error('Firefox exited before WebDriver BiDi was listening')));
      }),
      options.startTimeoutMs ?? 30_000,
      () => `Firefox did not report "WebDriver BiDi listening" in time`,
    ).catch((e: Error) => {
      throw new Error(`${e.message}\n--- firefox output (tail) ---\n${logTail()}`);
    });

    const ws = new WebSocket(`${wsUrl.replace(/\/$/, '')}/session`);
    socket = ws;
    // A reset when Firefox quits is expected: 'close' then fails whatever is still pending.
    ws.on('error', (e) => remember(`\n[BiDi socket error: ${e.message}]\n`));
    await withTimeout(
      new Promise<void>((done, fail) => {
        ws.once('open', () => done());
        ws.once('error', fail);
      }),
      10_000,
      () => `could not connect to ${wsUrl}`,
    );

    let nextId = 1;
    const eventListeners: Array<(method: string, params: unknown) => void> = [];
    const pending = new Map<number, { done: (v: unknown) => void; fail: (e: Error) => void; method: string }>();
    ws.on('message', (data) => {
      let msg: { id?: number; type?: string; method?: string; params?: unknown; result?: unknown; error?: string; message?: string; stacktrace?: string };
      try {
        msg = JSON.parse(data.toString());
      } catch {
        return;
      }
      if (msg.id === undefined) {
        if (msg.method) for (const listener of eventListeners) listener(msg.method, msg.params);
        return;
      }
      const p = pending.get(msg.id);
      if (!p) return;
      pending.delete(msg.id);
      if (msg.type === 'error') p.fail(new Error(`BiDi ${p.method}: ${msg.error}: ${msg.message ?? ''}`));
      else p.done(msg.result);
    });
    ws.on('close', () => {
      for (const p of pending.values()) p.fail(new Error(`BiDi ${p.method}: connection closed`));
      pending.clear();
    });

    const send = <T = Record<string, unknown>>(method: string, params: Record<string, unknown> = {}, timeoutMs = COMMAND_TIMEOUT_MS): Promise<T> => {
      if (ws.readyState !== WebSocket.OPEN) return Promise.reject(new Error(`BiDi ${method}: not connected`));
      const id = nextId++;
      const reply = new Promise<T>((done, fail) => pending.set(id, { done: done as (v: unknown) => void, fail, method }));
      ws.send(JSON.stringify({ id, method, params }));
      return withTimeout(reply, timeoutMs, () => {
        pending.delete(id);
        return `BiDi ${method}: no answer in ${timeoutMs} ms\n--- firefox output (tail) ---\n${logTail()}`;
      });
    };

    await send('session.new', { capabilities: { alwaysMatch: { acceptInsecureCerts: true } } }, STARTUP_COMMAND_TIMEOUT_MS);
    // A temporary add-on is read from its directory while it runs: install a snapshot, so that
    // a rebuild of dist/ during the run cannot change files under the running add-on.
    const snapshot = join(profileDir, 'extension-under-test');
    rmSync(snapshot, { recursive: true, force: true });
    cpSync(extensionDir, snapshot, { recursive: true });
    if (!existsSync(join(snapshot, 'manifest.json'))) throw new Error(`${extensionDir} changed while it was copied: is a build running?`);
    const installed = await send<{ extension: string }>('webExtension.install', { extensionData: { type: 'path', path: snapshot } }, STARTUP_COMMAND_TIMEOUT_MS);
    const extensionBase = `moz-extension://${uuid}/`;

    const tree = async (scope?: 'chrome'): Promise<TreeNode[]> => {
      const params: Record<string, unknown> = { maxDepth: 0 };
      if (scope) params['moz:scope'] = scope;
      return (await send<{ contexts: TreeNode[] }>('browsingContext.getTree', params)).contexts;
    };

    const evaluateRaw = (context: string, expression: string) =>
      send<EvaluateResult>('script.evaluate', {
        expression,
        target: { context },
        awaitPromise: true,
        resultOwnership: 'none',
        serializationOptions: { maxObjectDepth: 10, maxDomDepth: 0 },
      });

    const evaluate = async <T = unknown>(context: string, expression: string): Promise<T> => {
      const r = await evaluateRaw(context, expression);
      if (r.type === 'exception') {
        const ex = r.exceptionDetails;
        const detail = ex.exception ? deserialize(ex.exception) : undefined;
        throw new Error(`evaluate failed: ${ex.text ?? ''}${detail && typeof detail !== 'object' ? ` (${String(detail)})` : ''}\n  in: ${expression.slice(0, 300)}`);
      }
      return deserialize(r.result) as T;
    };

    const waitFor = async <T = unknown>(context: string, expression: string, timeoutMs = 15_000): Promise<T> => {
      const deadline = Date.now() + timeoutMs;
      let last: unknown;
      let lastError: unknown;
      let pause = 25;
      for (;;) {
        try {
          last = await evaluate<T>(context, expression);
          lastError = undefined;
          if (last) return last as T;
        } catch (e) {
          lastError = e; // the page may be between documents
        }
        if (Date.now() >= deadline) {
          const why = lastError ? `last error: ${(lastError as Error).message}` : `last value: ${JSON.stringify(last)}`;
          throw new Error(`waitFor timed out after ${timeoutMs} ms: ${expression}\n  ${why}`);
        }
        await delay(pause);
        pause = Math.min(pause * 2, 250);
      }
    };

    const waitForLoad = (context: string, timeoutMs = 20_000) =>
      waitFor(context, `document.readyState === 'complete' && location.href !== 'about:blank'`, timeoutMs);

    const openTab = async (url: string, loadTimeoutMs = 20_000): Promise<string> => {
      const { context } = await send<{ context: string }>('browsingContext.create', { type: 'tab' });
      // Not `wait: 'complete'`: Firefox fails that navigation ("Address rejected") when a
      // subframe shows an error page, as an unreachable https video embed does offline.
      await send('browsingContext.navigate', { context, url, wait: 'none' });
      const target = JSON.stringify(new URL(url).href);
      await waitFor(context, `document.readyState === 'complete' && location.href === ${target}`, loadTimeoutMs).catch(async (e: Error) => {
        const uri = await evaluate<string>(context, 'document.documentURI').catch(() => '?');
        throw new Error(`${url} did not load (document: ${uri})\n${e.message}`);
      });
      if (/^about:(?:neterror|certerror|blocked)/.test(await evaluate<string>(context, 'document.documentURI'))) {
        throw new Error(`${url} shows a browser error page: is the proxy (127.0.0.1:${options.proxyPort}) serving it?`);
      }
      return context;
    };

    const openExtensionPage = async (path: string, { background = false } = {}): Promise<string> => {
      const url = new URL(path.replace(/^\//, ''), extensionBase).href;
      const before = new Set((await tree()).map((c) => c.context));
      const [chrome] = await tree('chrome');
      if (!chrome) throw new Error('no chrome window to open an extension page from');
      // BiDi will not navigate to moz-extension://; the browser window itself can open it.
      await evaluate(
        chrome.context,
        `(() => {
          const tab = gBrowser.addTab(${JSON.stringify(url)}, {
            triggeringPrincipal: Services.scriptSecurityManager.getSystemPrincipal(),
          });
          if (!${background}) gBrowser.selectedTab = tab;
          return true;
        })()`,
      );
      const deadline = Date.now() + 15_000;
      let context: string | undefined;
      while (!context) {
        context = (await tree()).find((c) => !before.has(c.context) && c.url === url)?.context;
        if (context) break;
        if (Date.now() > deadline) throw new Error(`the tab for ${url} did not appear\n--- firefox output (tail) ---\n${logTail()}`);
        await delay(50);
      }
      await waitForLoad(context);
      return context;
    };

    const elementRef = async (context: string, expression: string): Promise<ElementRef> => {
      const r = await send<EvaluateResult>('script.evaluate', {
        expression,
        target: { context },
        awaitPromise: true,
        resultOwnership: 'none',
        serializationOptions: { maxObjectDepth: 0, maxDomDepth: 0 },
      });
      if (r.type === 'exception') throw new Error(`elementRef failed: ${r.exceptionDetails.text ?? ''}\n  in: ${expression.slice(0, 300)}`);
      const sharedId = r.result['sharedId'];
      const nodeType = (r.result.value as { nodeType?: number } | undefined)?.nodeType;
      if (r.result.type !== 'node' || typeof sharedId !== 'string' || nodeType !== 1) {
        throw new Error(`elementRef: not an element (${r.result.type}): ${expression.slice(0, 300)}`);
      }
      return { sharedId };
    };

    /** The sandbox the overlay helpers run in: the test's own realm in the page. */
    const OVERLAY_SANDBOX = 'oqy-test-overlay';

    /** The sharedId of the reader's (closed) shadow root: the host is a direct child of <html>. */
    const overlayRootId = async (context: string): Promise<string | null> => {
      const r = await send<EvaluateResult>('script.evaluate', {
        expression: `Array.from(document.documentElement?.children ?? []).find((el) => el.localName === 'div' && el.id === 'oqy-reader-host') ?? null`,
        target: { context, sandbox: OVERLAY_SANDBOX },
        awaitPromise: false,
        resultOwnership: 'none',
        serializationOptions: { maxDomDepth: 0, includeShadowTree: 'all' },
      });
      if (r.type === 'exception') throw new Error(`finding the reader's host: ${r.exceptionDetails.text ?? ''}`);
      const shadow = (r.result.value as { shadowRoot?: { sharedId?: string } | null } | undefined)?.shadowRoot;
      return shadow?.sharedId ?? null;
    };

    const overlayCall = async (context: string, fn: string, arg: unknown, maxObjectDepth: number) => {
      const root = await overlayRootId(context);
      const r = await send<EvaluateResult>('script.callFunction', {
        functionDeclaration: `(root, arg) => (${fn})(root, arg === undefined ? undefined : JSON.parse(arg))`,
        arguments: [root ? { sharedId: root } : { type: 'null' }, arg === undefined ? { type: 'undefined' } : { type: 'string', value: JSON.stringify(arg) }],
        target: { context, sandbox: OVERLAY_SANDBOX },
        awaitPromise: true,
        resultOwnership: 'none',
        serializationOptions: { maxObjectDepth, maxDomDepth: 0 },
      });
      if (r.type === 'exception') {
        const detail = r.exceptionDetails.exception ? deserialize(r.exceptionDetails.exception) : undefined;
        throw new Error(`in the reader: ${r.exceptionDetails.text ?? ''}${detail && typeof detail !== 'object' ? ` (${String(detail)})` : ''}\n  in: ${fn.slice(0, 300)}`);
      }
      return r.result;
    };

    const overlayEvaluate = async <T = unknown>(context: string, fn: string, arg?: unknown): Promise<T> =>
      deserialize(await overlayCall(context, fn, arg, 10)) as T;

    const actions = async (context: string, sources: Record<string, unknown>[]) => {
      try {
        await send('input.performActions', { context, actions: sources });
      } finally {
        await send('input.releaseActions', { context }).catch(() => undefined);
      }
    };

    const session: FirefoxSession = {
      uuid,
      extensionBase,
      addonId: installed.extension,
      openTab,
      openExtensionPage,
      evaluate,
      waitFor,
      async setViewport(context, width, height) {
        await send('browsingContext.setViewport', { context, viewport: { width, height } });
      },
      async activate(context) {
        await send('browsingContext.activate', { context });
      },
      async screenshot(context, file, shotOptions = {}) {
        await send('browsingContext.activate', { context });
        const { data } = await send<{ data: string }>('browsingContext.captureScreenshot', {
          context,
          origin: shotOptions.origin ?? 'viewport',
        });
        mkdirSync(dirname(resolve(file)), { recursive: true });
        writeFileSync(file, Buffer.from(data, 'base64'));
      },
      elementRef,
      async click(context, expression) {
        // Scroll only if needed: a person does not scroll to a button already in sight.
        await evaluate(
          context,
          `(() => {
            const el = (${expression});
            if (!(el instanceof Element)) throw new Error('click: not an element');
            const r = el.getBoundingClientRect();
            const x = r.left + r.width / 2;
            const y = r.top + r.height / 2;
            if (x < 0 || y < 0 || x >= innerWidth || y >= innerHeight) el.scrollIntoView({ block: 'center', inline: 'center' });
            return true;
          })()`,
        );
        const element = await elementRef(context, expression);
        await actions(context, [
          {
            type: 'pointer',
            id: 'mouse',
            parameters: { pointerType: 'mouse' },
            actions: [
              { type: 'pointerMove', x: 0, y: 0, origin: { type: 'element', element } },
              { type: 'pointerDown', button: 0 },
              { type: 'pointerUp', button: 0 },
            ],
          },
        ]);
      },
      async press(context, key) {
        const value = KEYS[key] ?? key;
        if ([...value].length !== 1) throw new Error(`press: unknown key "${key}"`);
        await actions(context, [
          {
            type: 'key',
            id: 'keyboard',
            actions: [
              { type: 'keyDown', value },
              { type: 'keyUp', value },
            ],
          },
        ]);
      },
      async type(context, text) {
        const keys = [...text].flatMap((value) => [
          { type: 'keyDown', value },
          { type: 'keyUp', value },
        ]);
        if (keys.length) await actions(context, [{ type: 'key', id: 'keyboard', actions: keys }]);
      },
      async wheel(context, deltaY, deltaX = 0) {
        const { w, h } = await evaluate<{ w: number; h: number }>(context, '({ w: innerWidth, h: innerHeight })');
        await actions(context, [
          {
            type: 'wheel',
            id: 'wheel',
            actions: [{ type: 'scroll', x: Math.floor(w / 2), y: Math.floor(h / 2), deltaX, deltaY, origin: 'viewport' }],
          },
        ]);
      },
      async navigate(context, url) {
        await send('browsingContext.navigate', { context, url, wait: 'none' });
        const target = JSON.stringify(new URL(url).href);
        await waitFor(context, `document.readyState === 'complete' && location.href === ${target}`, 20_000).catch(async (e: Error) => {
          const uri = await evaluate<string>(context, 'document.documentURI').catch(() => '?');
          throw new Error(`${url} did not load (document: ${uri})\n${e.message}`);
        });
      },
      async traverseHistory(context, delta, expectUrl) {
        await send('browsingContext.traverseHistory', { context, delta });
        if (expectUrl === undefined) return;
        const target = JSON.stringify(new URL(expectUrl).href);
        await waitFor(context, `document.readyState === 'complete' && location.href === ${target}`, 20_000);
      },
      async reload(context) {
        // The old document is also "complete": mark it, and wait for a document without the mark.
        const mark = `__harnessReload${Date.now()}`;
        await evaluate(context, `window[${JSON.stringify(mark)}] = true`);
        await send('browsingContext.reload', { context, wait: 'none' });
        await waitFor(context, `document.readyState === 'complete' && !window[${JSON.stringify(mark)}]`, 20_000);
      },
      async isOpen(context) {
        const all: TreeNode[] = [];
        const walk = (nodes: TreeNode[] | null) => nodes?.forEach((n) => (all.push(n), walk(n.children)));
        walk((await send<{ contexts: TreeNode[] }>('browsingContext.getTree', {})).contexts);
        return all.some((n) => n.context === context);
      },
      async closeTab(context) {
        if (await session.isOpen(context)) await send('browsingContext.close', { context });
      },
      overlayEvaluate,
      send,
      onEvent(listener) {
        eventListeners.push(listener);
      },
      logTail,
      async close() {
        if (closed) return;
        closed = true;
        try {
          if (ws.readyState === WebSocket.OPEN) {
            // browser.close ends the session and quits; give it a moment, then make sure.
            await withTimeout(send('browser.close').catch(() => undefined), 5_000, () => 'browser.close timed out').catch(() => undefined);
          }
        } finally {
          ws.terminate();
          await stopProcess();
          removeProfile();
        }
      },
    };
    return session;
  } catch (e) {
    closed = true;
    socket?.terminate();
    await stopProcess();
    removeProfile();
    throw e;
  }
}
