/**
 * Extraction speed against plain Readability, on the same pages and the same DOM, in one run;
 * the cost of detection on every page load against Readability's own check
 * (isProbablyReaderable, what Firefox runs to offer its reader view); and the bytes of code
 * the content script loads on every Qazaq24 page before any extraction.
 *
 *   npm run bench [-- --runs 40]
 */
import { readFileSync, existsSync } from 'node:fs';
import { resolve, dirname } from 'node:path';
import { gzipSync } from 'node:zlib';
import { performance } from 'node:perf_hooks';
import { JSDOM } from 'jsdom';
import { Readability, isProbablyReaderable } from '@mozilla/readability';
import { extract } from '../../src/core/extract.ts';
import { detectPage } from '../../src/core/detect.ts';
import { loadFixtures } from '../harness/fixture-server.ts';

const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 30;
const WARMUP = 5;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

function time(fn: () => void): number[] {
  for (let i = 0; i < WARMUP; i++) fn();
  const out: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    fn();
    out.push(performance.now() - t);
  }
  return out;
}

const f = (n: number, digits = 2) => n.toFixed(digits);

console.log(`Extraction, median of ${RUNS} runs per page (jsdom ${JSON.parse(readFileSync(resolve(import.meta.dirname, '../../node_modules/jsdom/package.json'), 'utf8')).version}, Node ${process.version})`);
console.log('| page | Oqy ms | Readability ms | ratio | Oqy detect ms | isProbablyReaderable ms | ratio |');
console.log('|---|---|---|---|---|---|---|');
const ratios: number[] = [];
for (const fixture of loadFixtures()) {
  const dom = new JSDOM(fixture.html, { url: fixture.url });
  const doc = dom.window.document;
  const win = dom.window as unknown as Window;
  const oqy = median(time(() => extract(doc, fixture.url, { window: win })));
  const plain = median(time(() => new Readability(doc.cloneNode(true) as Document).parse()));
  const detect = median(time(() => detectPage(doc, fixture.url)));
  const readerable = median(time(() => isProbablyReaderable(doc)));
  ratios.push(oqy / plain);
  console.log(`| ${fixture.name} | ${f(oqy)} | ${f(plain)} | ${f(oqy / plain)} | ${f(detect, 3)} | ${f(readerable, 3)} | ${f(detect / readerable)} |`);
  dom.window.close();
}
console.log(`\nOqy / Readability, median over pages: ${f(median(ratios))}`);

/** The content script's code: the manifest's entry and every chunk it imports statically. */
function contentScriptBytes(dist: string): { files: string[]; raw: number; gzip: number } {
  const manifest = JSON.parse(readFileSync(resolve(dist, 'manifest.json'), 'utf8'));
  const seen = new Set<string>();
  const queue: string[] = manifest.content_scripts.flatMap((c: { js: string[] }) => c.js);
  while (queue.length) {
    const file = queue.shift()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const code = readFileSync(resolve(dist, file), 'utf8');
    // The loader reaches its module with one dynamic import of a runtime URL; chunks import each other statically.
    for (const m of code.matchAll(/chrome\.runtime\.getURL\(\s*["']([^"']+)["']\s*\)/g)) queue.push(m[1]!.replace(/^\//, ''));
    for (const m of code.matchAll(/(?:import|from)\s*["'](\.{1,2}\/[^"']+)["']/g)) queue.push(resolve('/', dirname(file), m[1]!).slice(1));
  }
  let raw = 0;
  let gzip = 0;
  for (const file of seen) {
    const bytes = readFileSync(resolve(dist, file));
    raw += bytes.length;
    gzip += gzipSync(bytes).length;
  }
  return { files: [...seen], raw, gzip };
}

const dist = resolve(import.meta.dirname, '../../dist/chrome');
if (existsSync(resolve(dist, 'manifest.json'))) {
  const cs = contentScriptBytes(dist);
  console.log(`\nContent script loaded on every Qazaq24 page: ${f(cs.raw / 1024, 1)} KB (${f(cs.gzip / 1024, 1)} KB gzip) in ${cs.files.length} files: ${cs.files.join(', ')}`);
} else {
  console.log('\n(dist/chrome is missing: run npm run build for the content script size)');
}
