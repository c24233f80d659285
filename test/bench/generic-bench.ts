/**
 * The generic reader's speed against plain Readability, on the pages of the generic corpus
 * (../shared/fixtures/generic), on the same DOM in the same run: Oqy's whole extraction (copy of
 * the page, Readability, cleaning, metadata, sanitizing) against Readability's parse of a copy.
 *
 *   node --import tsx test/bench/generic-bench.ts [--runs 3] [--limit N]
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { performance } from 'node:perf_hooks';
import { JSDOM, VirtualConsole } from 'jsdom';
import { Readability } from '@mozilla/readability';
import { extract } from '../../src/core/extract.ts';
import { decodePage } from '../../src/cli/decode-page.ts';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const RUNS = arg('--runs', 3);
const LIMIT = arg('--limit', Infinity);
const DIR = resolve(import.meta.dirname, '../../../shared/fixtures/generic');

if (!existsSync(resolve(DIR, 'ground-truth.json'))) {
  console.error(`no generic corpus at ${DIR}`);
  process.exit(2);
}
const truth = JSON.parse(readFileSync(resolve(DIR, 'ground-truth.json'), 'utf8')) as Record<string, { url: string; lang: string }>;

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const quantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))]!;

/** The median time of fn over RUNS runs, after one to warm up. */
function time(fn: () => void): number {
  fn();
  const out: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    fn();
    out.push(performance.now() - t);
  }
  return median(out);
}

interface Row {
  lang: string;
  oqy: number;
  plain: number;
}
const rows: Row[] = [];
for (const id of Object.keys(truth).slice(0, LIMIT)) {
  const { url, lang } = truth[id]!;
  const html = decodePage(gunzipSync(readFileSync(resolve(DIR, 'html', `${id}.html.gz`))));
  const dom = new JSDOM(html, { url, contentType: 'text/html', virtualConsole: new VirtualConsole() });
  const doc = dom.window.document;
  const win = dom.window as unknown as Window;
  const oqy = time(() => extract(doc, url, { window: win }));
  const plain = time(() => new Readability(doc.cloneNode(true) as Document).parse());
  rows.push({ lang, oqy, plain });
  dom.window.close();
}

const f = (n: number, d = 2) => n.toFixed(d);
console.log(`Generic extraction against plain Readability: ${rows.length} pages, median of ${RUNS} runs each (jsdom, Node ${process.version})`);
console.log('| pages | Oqy ms (median page) | Readability ms (median page) | ratio of medians | median ratio | 90th-percentile ratio | total ratio |');
console.log('|---|---|---|---|---|---|---|');
for (const lang of [...new Set(rows.map((r) => r.lang)), 'all']) {
  const rs = lang === 'all' ? rows : rows.filter((r) => r.lang === lang);
  const ratios = rs.map((r) => r.oqy / r.plain);
  const total = rs.reduce((n, r) => n + r.oqy, 0) / rs.reduce((n, r) => n + r.plain, 0);
  const o = median(rs.map((r) => r.oqy));
  const p = median(rs.map((r) => r.plain));
  console.log(`| ${lang} (${rs.length}) | ${f(o)} | ${f(p)} | ${f(o / p)} | ${f(median(ratios))} | ${f(quantile(ratios, 0.9))} | ${f(total)} |`);
}
