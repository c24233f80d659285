/**
 * Draws the toolbar and store icons (an open book on a teal tile; grey when no article is on
 * the page) as PNGs into public/icons. Run: node --import tsx test/tools/make-icons.ts
 */
import { deflateSync } from 'node:zlib';
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

type RGBA = [number, number, number, number];

function crc32(buf: Uint8Array): number {
  let c = ~0;
  for (const b of buf) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), Buffer.from(data)]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

function png(size: number, pixel: (x: number, y: number) => RGBA): Buffer {
  const raw = Buffer.alloc((size * 4 + 1) * size);
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    for (let x = 0; x < size; x++) {
      // 4x4 supersampling for smooth edges.
      const acc = [0, 0, 0, 0];
      for (let sy = 0; sy < 4; sy++)
        for (let sx = 0; sx < 4; sx++) {
          const p = pixel((x + (sx + 0.5) / 4) / size, (y + (sy + 0.5) / 4) / size);
          acc[0]! += p[0] * p[3];
          acc[1]! += p[1] * p[3];
          acc[2]! += p[2] * p[3];
          acc[3]! += p[3];
        }
      const a = acc[3]!;
      const o = y * (size * 4 + 1) + 1 + x * 4;
      raw[o] = a ? Math.round(acc[0]! / a) : 0;
      raw[o + 1] = a ? Math.round(acc[1]! / a) : 0;
      raw[o + 2] = a ? Math.round(acc[2]! / a) : 0;
      raw[o + 3] = Math.round(a / 16);
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8;
  ihdr[9] = 6;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', new Uint8Array()),
  ]);
}

function icon(tile: RGBA) {
  return (x: number, y: number): RGBA => {
    const r = 0.2;
    const dx = Math.max(0, Math.abs(x - 0.5) - (0.5 - r));
    const dy = Math.max(0, Math.abs(y - 0.5) - (0.5 - r));
    if (dx * dx + dy * dy > r * r) return [0, 0, 0, 0];
    // An open book: two pages rising from the spine, seen from the front.
    const page = (px: number) => {
      const sag = 0.06 * Math.sin(Math.PI * px);
      return y > 0.3 + sag && y < 0.72 + sag * 0.5;
    };
    const left = x > 0.17 && x < 0.485 && page((0.485 - x) / 0.315);
    const right = x > 0.515 && x < 0.83 && page((x - 0.515) / 0.315);
    if (left || right) {
      const line = (y - 0.39) % 0.09;
      const ruled = y > 0.38 && y < 0.66 && line > 0 && line < 0.025 && ((left && x > 0.22 && x < 0.45) || (right && x > 0.55 && x < 0.78));
      return ruled ? [tile[0], tile[1], tile[2], 140] : [255, 255, 255, 255];
    }
    return tile;
  };
}

const out = resolve(import.meta.dirname, '../../public/icons');
mkdirSync(out, { recursive: true });
const ON: RGBA = [11, 93, 102, 255];
const OFF: RGBA = [128, 132, 140, 255];
for (const size of [16, 32, 48, 128]) writeFileSync(resolve(out, `oqy-${size}.png`), png(size, icon(ON)));
for (const size of [16, 32]) writeFileSync(resolve(out, `oqy-off-${size}.png`), png(size, icon(OFF)));
console.log(`icons written to ${out}`);
