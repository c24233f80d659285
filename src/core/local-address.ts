/**
 * Whether an address points into the reader's own machine or network (loopback, private,
 * link-local, or a name only a local resolver knows). Decided by the host as written in the URL,
 * not by where DNS sends it: Oqy cannot see that, and a page cannot change what it wrote.
 * Article images at such addresses are neither shown nor fetched, so that a web page cannot
 * make Oqy reach a router or a service on localhost that the page itself could not.
 */

/** Top-level names that only a local resolver answers for (RFC 6761, RFC 8375, ICANN's .internal, common home routers). */
const LOCAL_SUFFIXES = ['localhost', 'local', 'lan', 'internal', 'intranet', 'home.arpa', 'home', 'corp', 'localdomain'];

/** True where `url` is not a URL, or its host is local as described above. */
export function isLocalAddress(url: string | URL): boolean {
  let host: string;
  try {
    host = (typeof url === 'string' ? new URL(url) : url).hostname.toLowerCase();
  } catch {
    return true;
  }
  host = host.replace(/\.+$/, '');
  if (!host) return true;
  if (host.startsWith('[')) return isLocalIpv6(host.slice(1, -1));
  // The URL parser has already turned 2130706433, 0x7f.1 and 017700000001 into 127.0.0.1.
  const v4 = ipv4Bytes(host);
  if (v4) return isLocalIpv4(v4);
  // A name without a dot is looked up in the local network's search domains (http://router/).
  if (!host.includes('.')) return true;
  return LOCAL_SUFFIXES.some((suffix) => host === suffix || host.endsWith(`.${suffix}`));
}

function ipv4Bytes(host: string): number[] | null {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  if (!m) return null;
  const bytes = m.slice(1).map(Number);
  return bytes.every((b) => b <= 255) ? bytes : null;
}

function isLocalIpv4([a, b, c]: number[]): boolean {
  if (a === undefined || b === undefined || c === undefined) return true;
  return (
    a === 0 || // "this network"
    a === 10 ||
    a === 127 ||
    (a === 100 && b >= 64 && b <= 127) || // carrier-grade NAT, often the ISP's own boxes
    (a === 169 && b === 254) ||
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168) ||
    (a === 192 && b === 0 && c === 0) ||
    (a === 198 && (b === 18 || b === 19)) ||
    a >= 224 // multicast, reserved, broadcast
  );
}

/** The eight 16-bit groups of an IPv6 address as the URL parser writes it (compressed, hex); null if it is not one. */
function ipv6Groups(text: string): number[] | null {
  let address = text;
  // A dotted IPv4 tail (the parser normally rewrites it, but not every caller has parsed).
  const tail = /(\d+\.\d+\.\d+\.\d+)$/.exec(address);
  if (tail) {
    const v4 = ipv4Bytes(tail[1]!);
    if (!v4) return null;
    address = `${address.slice(0, -tail[1]!.length)}${((v4[0]! << 8) | v4[1]!).toString(16)}:${((v4[2]! << 8) | v4[3]!).toString(16)}`;
  }
  const halves = address.split('::');
  if (halves.length > 2) return null;
  const parse = (part: string) => (part ? part.split(':').map((g) => (/^[0-9a-f]{1,4}$/i.test(g) ? parseInt(g, 16) : NaN)) : []);
  const head = parse(halves[0]!);
  const rest = halves.length === 2 ? parse(halves[1]!) : [];
  const missing = 8 - head.length - rest.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return null;
  const groups = [...head, ...Array<number>(halves.length === 2 ? missing : 0).fill(0), ...rest];
  return groups.some(Number.isNaN) ? null : groups;
}

function isLocalIpv6(text: string): boolean {
  const g = ipv6Groups(text);
  if (!g) return true;
  const [g0, g1, g2, g3, g4, g5, g6, g7] = g as [number, number, number, number, number, number, number, number];
  const embedded = (hi: number, lo: number) => isLocalIpv4([hi >> 8, hi & 0xff, lo >> 8, lo & 0xff]);
  const zeroTo = (n: number) => g.slice(0, n).every((x) => x === 0);
  if (zeroTo(7) && (g7 === 0 || g7 === 1)) return true; // :: and ::1
  if (zeroTo(5) && g5 === 0xffff) return embedded(g6, g7); // ::ffff:a.b.c.d
  if (zeroTo(6)) return embedded(g6, g7); // ::a.b.c.d (deprecated IPv4-compatible)
  if (g0 === 0x64 && g1 === 0xff9b && g2 === 0 && g3 === 0 && g4 === 0 && g5 === 0) return embedded(g6, g7); // NAT64
  if (g0 === 0x2002) return embedded(g1, g2); // 6to4
  return (
    (g0 & 0xfe00) === 0xfc00 || // unique local
    (g0 & 0xffc0) === 0xfe80 || // link-local
    (g0 & 0xffc0) === 0xfec0 || // site-local (deprecated, still routed inside some networks)
    (g0 & 0xff00) === 0xff00 // multicast
  );
}
