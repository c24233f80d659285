/**
 * The saver's image fetch (src/background/fetch-image.ts) against a stand-in fetch: what is
 * never asked for, what is never followed, and how little of a too-large image is read.
 */
import { describe, expect, it } from 'vitest';
import { fetchImage } from '../../src/background/fetch-image.ts';

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4]);

interface Call {
  url: string;
  init: RequestInit;
}

/** A fetch that records its calls and answers with `answer(url)`. */
function standIn(answer: (url: string) => Response) {
  const calls: Call[] = [];
  const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    calls.push({ url, init: init ?? {} });
    return answer(url);
  }) as typeof globalThis.fetch;
  return { calls, fetch };
}

/** A body of `chunks` pieces of `size` bytes, counting how many pieces were pulled. */
function countedBody(chunks: number, size: number) {
  const state = { pulled: 0, cancelled: false };
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (state.pulled >= chunks) return controller.close();
      state.pulled += 1;
      controller.enqueue(new Uint8Array(size));
    },
    cancel() {
      state.cancelled = true;
    },
  }, { highWaterMark: 0 });
  return { stream, state };
}

describe('fetchImage', () => {
  it('fetches a public image, without credentials or referrer, asking for no redirect and a public address', async () => {
    const { calls, fetch } = standIn(() => new Response(PNG, { headers: { 'content-type': 'image/png' } }));
    const blob = await fetchImage('https://qazaq24.com/storage/a.png', { fetch });
    expect(blob?.type).toBe('image/png');
    expect(new Uint8Array(await blob!.arrayBuffer())).toEqual(PNG);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.init).toMatchObject({ credentials: 'omit', referrerPolicy: 'no-referrer', redirect: 'manual', targetAddressSpace: 'public' });
  });

  it.each(['http://127.0.0.1:8080/a.png', 'http://192.168.1.1/cgi-bin/reboot', 'http://router.lan/a.png', 'http://[::1]/a.png', 'http://localhost/a.png'])(
    'never asks for %s',
    async (url) => {
      const { calls, fetch } = standIn(() => new Response(PNG, { headers: { 'content-type': 'image/png' } }));
      expect(await fetchImage(url, { fetch })).toBeNull();
      expect(calls).toEqual([]);
    },
  );

  it('does not follow a redirect (its target cannot be seen before it is asked for)', async () => {
    const { calls, fetch } = standIn(() => {
      const r = new Response(null, { status: 200 });
      Object.defineProperty(r, 'type', { value: 'opaqueredirect' });
      return r;
    });
    expect(await fetchImage('https://images.example.kz/a.png', { fetch })).toBeNull();
    expect(calls.map((c) => c.url)).toEqual(['https://images.example.kz/a.png']);
  });

  it('refuses an answer that was redirected anyway, or whose address is local', async () => {
    const redirected = standIn(() => {
      const r = new Response(PNG, { headers: { 'content-type': 'image/png' } });
      Object.defineProperty(r, 'redirected', { value: true });
      return r;
    });
    expect(await fetchImage('https://images.example.kz/a.png', { fetch: redirected.fetch })).toBeNull();
    const local = standIn(() => {
      const r = new Response(PNG, { headers: { 'content-type': 'image/png' } });
      Object.defineProperty(r, 'url', { value: 'http://10.0.0.1/a.png' });
      return r;
    });
    expect(await fetchImage('https://images.example.kz/a.png', { fetch: local.fetch })).toBeNull();
  });

  it.each(['text/html', 'application/octet-stream', 'image/svg+xml', ''])('refuses content of type %j', async (type) => {
    const { fetch } = standIn(() => new Response(PNG, { headers: type ? { 'content-type': type } : {} }));
    expect(await fetchImage('https://qazaq24.com/storage/a.png', { fetch })).toBeNull();
  });

  it('refuses a failed answer and a fetch that throws', async () => {
    expect(await fetchImage('https://qazaq24.com/a.png', { fetch: standIn(() => new Response('no', { status: 404, headers: { 'content-type': 'image/png' } })).fetch })).toBeNull();
    const throwing = (async () => {
      throw new TypeError('Failed to fetch');
    }) as typeof globalThis.fetch;
    expect(await fetchImage('https://qazaq24.com/a.png', { fetch: throwing })).toBeNull();
  });

  it('refuses by Content-Length before reading any of the body', async () => {
    const body = countedBody(64, 1024 * 1024);
    const { fetch } = standIn(() => new Response(body.stream, { headers: { 'content-type': 'image/jpeg', 'content-length': String(64 * 1024 * 1024) } }));
    expect(await fetchImage('https://qazaq24.com/big.jpg', { fetch, maxBytes: 15 * 1024 * 1024 })).toBeNull();
    expect(body.state.pulled).toBe(0);
  });

  it('stops reading a body without a length as soon as it passes the limit', async () => {
    const body = countedBody(64, 1024 * 1024);
    const { fetch } = standIn(() => new Response(body.stream, { headers: { 'content-type': 'image/jpeg' } }));
    expect(await fetchImage('https://qazaq24.com/big.jpg', { fetch, maxBytes: 3 * 1024 * 1024 })).toBeNull();
    expect(body.state.pulled).toBeLessThanOrEqual(5);
    expect(body.state.cancelled).toBe(true);
  });

  it('keeps an image exactly at the limit, and one whose Content-Length lies low is still cut at the limit', async () => {
    const exact = countedBody(2, 1024);
    expect((await fetchImage('https://qazaq24.com/a.jpg', { fetch: standIn(() => new Response(exact.stream, { headers: { 'content-type': 'image/jpeg' } })).fetch, maxBytes: 2048 }))?.size).toBe(2048);
    const liar = countedBody(10, 1024);
    const { fetch } = standIn(() => new Response(liar.stream, { headers: { 'content-type': 'image/jpeg', 'content-length': '10' } }));
    expect(await fetchImage('https://qazaq24.com/a.jpg', { fetch, maxBytes: 2048 })).toBeNull();
    expect(liar.state.pulled).toBeLessThanOrEqual(4);
  });
});
