/**
 * Serves the fixture pages as if from their real addresses. Chromium reaches it through
 * host-resolver rules (qazaq24.com → 127.0.0.1:PORT); Firefox through it as an HTTP proxy
 * (requests then carry the absolute URL). Either way the page is found by host and path.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { AddressInfo } from 'node:net';
import { deflateSync } from 'node:zlib';
import { guardServer, guardStream } from './net-guard.ts';

export const FIXTURES_DIR = resolve(import.meta.dirname, '../../../shared/fixtures/qazaq24');
/** Pages of several articles, ads, inserts, media, AMP and mobile pages, forged source lines: test/fixtures/qazaq24-shapes. */
export const SHAPES_DIR = resolve(import.meta.dirname, '../fixtures/qazaq24-shapes');

export interface Fixture {
  name: string;
  /** The page's address as the gold answer gives it (https). */
  url: string;
  /** The address it is served at (http: no TLS on loopback). */
  servedUrl: string;
  html: string;
  gold: Record<string, unknown>;
}

export function loadFixtures(dir: string = FIXTURES_DIR): Fixture[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.html'))
    .sort()
    .map((f) => {
      const name = f.replace(/\.html$/, '');
      const gold = JSON.parse(readFileSync(resolve(dir, `${name}.json`), 'utf8')) as Record<string, unknown>;
      const url = String(gold.url);
      return { name, url, servedUrl: url.replace(/^https:/, 'http:'), html: readFileSync(resolve(dir, f), 'utf8'), gold };
    });
}

/**
 * The shape fixtures as routes, each at the address its gold answer reads it at (`pageUrl`,
 * an AMP or mobile address, where it has one), served over http.
 */
/** Finds a fixture by its name, or says which is missing. */
export function fixtureLookup(fixtures: Fixture[] = loadFixtures()): (name: string) => Fixture {
  const byName = new Map(fixtures.map((f) => [f.name, f]));
  return (name) => {
    const f = byName.get(name);
    if (!f) throw new Error(`fixture ${name} is missing from the fixtures folder`);
    return f;
  };
}

export function shapeRoutes(dir: string = SHAPES_DIR): Array<{ url: string; route: Route }> {
  return loadFixtures(dir).map((f) => ({
    url: String(f.gold.pageUrl ?? f.url).replace(/^https:/, 'http:'),
    route: { type: 'text/html; charset=utf-8', body: f.html },
  }));
}

/**
 * Where the body stops for a while: `pauseMs` at least, and, with `until`, also until it settles
 * (a condition the test waits for, such as frames drawn while the page loads; it must settle in
 * bounded time: the rest of the body goes out then, whether it resolved or rejected).
 */
export interface Pause {
  at: number;
  pauseMs: number;
  until?: () => Promise<unknown>;
}

export interface Route {
  status?: number;
  type: string;
  body: string | Uint8Array;
  /**
   * Optional: send the body in pieces, as a slow network would. The body is cut at each `at`
   * (a character offset into a string body, a byte offset into bytes) and the piece from there
   * on is sent `pauseMs` after the piece before it. Without it the body goes out at once.
   */
  pauses?: Pause[];
  /** Optional: more response headers (e.g. `location` for a redirect). */
  headers?: Record<string, string>;
}

export interface FixtureServer {
  port: number;
  /** Every request seen, as absolute http URLs, in order. */
  requests: string[];
  /** Adds or replaces a page at an absolute http(s) URL. */
  route(url: string, route: Route): void;
  /** How many connections are open now (tunnels refused and reset ones included until they close). */
  openConnections(): Promise<number>;
  close(): Promise<void>;
}

function key(url: URL): string {
  return `${url.hostname.toLowerCase()}${url.pathname}`;
}

/** A small grey PNG for article images (any path under /storage/). */
function placeholderPng(): Uint8Array {
  const w = 64;
  const h = 40;
  const raw = Buffer.alloc((w * 3 + 1) * h);
  for (let y = 0; y < h; y++) {
    raw[y * (w * 3 + 1)] = 0;
    for (let x = 0; x < w; x++) {
      const o = y * (w * 3 + 1) + 1 + x * 3;
      raw[o] = 150 + ((x * 2) % 60);
      raw[o + 1] = 170;
      raw[o + 2] = 190 - ((y * 2) % 60);
    }
  }
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf: Buffer) => {
    let c = 0xffffffff;
    for (const b of buf) c = crcTable[(c ^ b) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type), data]);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(body));
    return Buffer.concat([len, body, sum]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr[8] = 8;
  ihdr[9] = 2;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Writes `body` in pieces cut at the pauses' offsets, waiting before each piece after the first. */
async function sendInPieces(res: ServerResponse, body: string | Uint8Array, pauses: Pause[]): Promise<void> {
  const bytes = typeof body === 'string' ? Buffer.from(body) : Buffer.from(body);
  const toByte = (at: number) => (typeof body === 'string' ? Buffer.byteLength(body.slice(0, at)) : at);
  const cuts = pauses.map((p) => ({ ...p, at: Math.min(Math.max(toByte(p.at), 0), bytes.length) })).sort((a, b) => a.at - b.at);
  let from = 0;
  for (const cut of cuts) {
    if (res.destroyed) return;
    res.write(bytes.subarray(from, cut.at));
    from = cut.at;
    await Promise.all([new Promise((done) => setTimeout(done, cut.pauseMs)), cut.until?.().catch(() => undefined)]);
  }
  if (!res.destroyed) res.end(bytes.subarray(from));
}

export async function startFixtureServer(fixtures: Fixture[] = loadFixtures()): Promise<FixtureServer> {
  const routes = new Map<string, Route>();
  for (const f of fixtures) routes.set(key(new URL(f.url)), { type: 'text/html; charset=utf-8', body: f.html });
  const image = placeholderPng();
  const requests: string[] = [];

  const handle = (req: IncomingMessage, res: ServerResponse) => {
    let url: URL;
    try {
      url = new URL(req.url ?? '/', `http://${req.headers.host ?? 'localhost'}`);
    } catch {
      res.writeHead(400).end();
      return;
    }
    requests.push(url.href);
    const route = routes.get(key(url));
    if (route?.pauses?.length) {
      res.writeHead(route.status ?? 200, { 'content-type': route.type, 'cache-control': 'no-store', ...route.headers });
      sendInPieces(res, route.body, route.pauses).catch(() => res.destroy());
    } else if (route) {
      res.writeHead(route.status ?? 200, { 'content-type': route.type, 'cache-control': 'no-store', ...route.headers });
      res.end(route.body);
    } else if (/\/storage\/.+\.(?:jpe?g|png|webp|gif)$/i.test(url.pathname)) {
      res.writeHead(200, { 'content-type': 'image/png', 'cache-control': 'no-store' });
      res.end(image);
    } else {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
    }
  };

  const server = guardServer(
    createServer((req, res) => {
      // A browser that gives up on a response (an aborted image fetch) resets the connection.
      guardStream(req);
      guardStream(res);
      handle(req, res);
    }),
  );
  // Firefox may try to tunnel https through the proxy: refuse at once rather than hang.
  server.on('connect', (_req, socket) => {
    socket.end('HTTP/1.1 502 Bad Gateway\r\n\r\n');
  });
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', fail);
      done();
    });
  });
  server.on('error', () => undefined);
  const { port } = server.address() as AddressInfo;
  return {
    port,
    requests,
    route(url, route) {
      routes.set(key(new URL(url)), route);
    },
    openConnections: () =>
      new Promise<number>((done, fail) => server.getConnections((e, count) => (e ? fail(e) : done(count)))),
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}
