/**
 * The servers the end-to-end tests open survive what browsers do to connections: a proxy tunnel
 * refused and then reset by the client, a response cut off mid-body (plain or through the TLS
 * proxy), bytes that are not HTTP. Any of these on a socket with no 'error' handler is an uncaught
 * exception that fails the whole test run after every test has passed.
 */
import { connect, type Socket } from 'node:net';
import { connect as tlsConnect, type TLSSocket } from 'node:tls';
import { get } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFixtureServer, type FixtureServer } from '../harness/fixture-server.ts';
import { selfSignedCertificate, startTlsFront, type TlsFront } from '../harness/firefox.ts';

let fixtures: FixtureServer;
let tlsFront: TlsFront;
let certDir: string;
const uncaught: Error[] = [];
const record = (e: Error) => uncaught.push(e);

beforeAll(async () => {
  fixtures = await startFixtureServer([]);
  fixtures.route('http://qazaq24.com/slow', { type: 'text/html', body: 'a'.repeat(200_000), pauses: [{ at: 1000, pauseMs: 200 }] });
  fixtures.route('http://qazaq24.com/ok', { type: 'text/plain', body: 'fine' });
  fixtures.route('https://qazaq24.com/slow', { type: 'text/html', body: 'a'.repeat(200_000), pauses: [{ at: 1000, pauseMs: 200 }] });
  certDir = mkdtempSync(join(tmpdir(), 'oqy-cert-'));
  const credentials = selfSignedCertificate(certDir);
  if (!credentials) throw new Error('openssl is needed to make the test certificate (apt-get install openssl)');
  tlsFront = await startTlsFront(fixtures.port, /^(?:.+\.)?qazaq24\.com$/i, credentials);
});
afterAll(async () => {
  await tlsFront?.close();
  await fixtures?.close();
  rmSync(certDir, { recursive: true, force: true });
});
beforeEach(() => {
  uncaught.length = 0;
  process.on('uncaughtException', record);
});
afterEach(() => {
  process.off('uncaughtException', record);
});

/** Resolves once `pattern` is in what the server sent back on `socket`. */
function readUntil(socket: Socket | TLSSocket, pattern: RegExp): Promise<string> {
  return new Promise((done, fail) => {
    let seen = '';
    socket.on('data', (d: Buffer) => {
      seen += d.toString('latin1');
      if (pattern.test(seen)) done(seen);
    });
    socket.once('error', fail);
    socket.once('close', () => (pattern.test(seen) ? done(seen) : fail(new Error(`closed before ${pattern}: ${JSON.stringify(seen.slice(0, 200))}`))));
  });
}

function open(port: number): Promise<Socket> {
  return new Promise((done, fail) => {
    const socket = connect(port, '127.0.0.1', () => done(socket));
    socket.once('error', fail);
  });
}

/** Waits until `server` has closed every connection, so an error on one would have been raised. */
async function settled(server: { openConnections(): Promise<number> }): Promise<void> {
  const deadline = Date.now() + 20_000;
  while ((await server.openConnections()) > 0) {
    if (Date.now() > deadline) throw new Error('the server kept a reset connection open for 20 s');
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** A plain request through the fixture server as a proxy, on a fresh connection. */
function fetchOk(): Promise<string> {
  return new Promise((done, fail) => {
    get({ agent: false, host: '127.0.0.1', port: fixtures.port, path: 'http://qazaq24.com/ok', headers: { host: 'qazaq24.com' } }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d));
      res.on('end', () => done(`${res.statusCode} ${body}`));
      res.on('error', fail);
    }).on('error', fail);
  });
}

describe('the fixture server under connection resets', () => {
  it('survives a refused tunnel that the client resets', async () => {
    const socket = await open(fixtures.port);
    socket.write('CONNECT qazaq24.com:443 HTTP/1.1\r\nHost: qazaq24.com:443\r\n\r\n');
    expect(await readUntil(socket, /502 Bad Gateway/)).toMatch(/^HTTP\/1\.1 502/);
    socket.resetAndDestroy();
    await settled(fixtures);
    expect(uncaught).toEqual([]);
    expect(await fetchOk()).toBe('200 fine');
  });

  it('survives a response reset half-way through its body', async () => {
    const socket = await open(fixtures.port);
    socket.write('GET http://qazaq24.com/slow HTTP/1.1\r\nHost: qazaq24.com\r\n\r\n');
    await readUntil(socket, /\r\n\r\n[0-9a-f]+\r\naaaa/);
    socket.resetAndDestroy();
    await settled(fixtures);
    expect(uncaught).toEqual([]);
    expect(await fetchOk()).toBe('200 fine');
  });

  it('survives bytes that are not HTTP, then a reset', async () => {
    const socket = await open(fixtures.port);
    socket.write('\x16\x03\x01\x02\x00garbage\r\n\r\n');
    socket.resetAndDestroy();
    await settled(fixtures);
    expect(uncaught).toEqual([]);
    expect(await fetchOk()).toBe('200 fine');
  });
});

describe("Firefox's https proxy under connection resets", () => {
  it('survives a tunnel to a host it refuses, reset by the client', async () => {
    const socket = await open(tlsFront.port);
    socket.write('CONNECT elsewhere.test:443 HTTP/1.1\r\nHost: elsewhere.test:443\r\n\r\n');
    await readUntil(socket, /502 Bad Gateway/);
    socket.resetAndDestroy();
    await settled(tlsFront);
    expect(uncaught).toEqual([]);
  });

  it('survives a client that resets in the middle of a proxied response', async () => {
    const socket = await open(tlsFront.port);
    socket.write('CONNECT qazaq24.com:443 HTTP/1.1\r\nHost: qazaq24.com:443\r\n\r\n');
    await readUntil(socket, /200 Connection Established\r\n\r\n/);
    const secure = tlsConnect({ socket, servername: 'qazaq24.com', rejectUnauthorized: false });
    await new Promise<void>((done, fail) => secure.once('secureConnect', done).once('error', fail));
    secure.write('GET /slow HTTP/1.1\r\nHost: qazaq24.com\r\n\r\n');
    await readUntil(secure, /\r\n\r\n[0-9a-f]+\r\naaaa/);
    socket.resetAndDestroy();
    await settled(tlsFront);
    expect(uncaught).toEqual([]);
    expect(await fetchOk()).toBe('200 fine');
  });
});
