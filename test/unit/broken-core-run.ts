/**
 * Runs the content script's side on one broken input in jsdom, in a process of its own so a
 * hang can be stopped: `node --import tsx test/unit/broken-core-run.ts NAME`. Parses the input
 * the way a browser would (HTML, or XML for a feed and an SVG), then runs detectPage and
 * extract() on the live document, as the content script does. Prints one JSON line: what each
 * step gave or threw, how long each took, and whether the live document was left as it was.
 */
import { JSDOM, VirtualConsole } from 'jsdom';
import { detectPage } from '../../src/core/detect.ts';
import { extract } from '../../src/core/extract.ts';
import { ARTICLE_URL, BROKEN_INPUTS } from './broken-pages.ts';

export interface CoreRun {
  name: string;
  parseMs: number;
  parseError?: string;
  detectMs?: number;
  detect?: { site: string; isArticle: boolean; lang: string | null };
  detectError?: string;
  extractMs?: number;
  extract?: { isArticle: boolean; site: string; wordCount: number; title: string | null; textStart: string; jsonBytes: number };
  extractError?: string;
  /** The live document's size before and after: extraction must not change the page. */
  pageBefore?: string;
  pageAfter?: string;
}

function describeError(e: unknown): string {
  const err = e as Error;
  const frames = (err?.stack ?? '').split('\n').filter((l) => /^\s+at /.test(l) && !l.includes('node_modules'));
  return `${err?.name ?? 'Error'}: ${String(err?.message ?? e).split('\n')[0]}${frames.length ? ` (${frames[0]!.trim()})` : ''}`;
}

function fingerprint(doc: Document): string {
  return `${doc.getElementsByTagName('*').length} elements, ${doc.documentElement?.textContent?.length ?? 0} characters`;
}

function run(name: string): CoreRun {
  const input = BROKEN_INPUTS.find((i) => i.name === name);
  if (!input) throw new Error(`no broken input named ${JSON.stringify(name)}`);
  // A browser shows any bytes it is sent: undecodable ones as U+FFFD.
  const source = new TextDecoder('utf-8').decode(input.bytes());
  const out: CoreRun = { name, parseMs: 0 };
  let t = performance.now();
  let dom: JSDOM;
  try {
    dom = new JSDOM(source, { url: ARTICLE_URL, contentType: input.contentType, virtualConsole: new VirtualConsole() });
  } catch (e) {
    out.parseMs = performance.now() - t;
    out.parseError = describeError(e);
    return out;
  }
  out.parseMs = performance.now() - t;
  const doc = dom.window.document;
  out.pageBefore = fingerprint(doc);

  t = performance.now();
  try {
    const s = detectPage(doc, ARTICLE_URL);
    out.detect = { site: s.site, isArticle: s.isArticle, lang: s.lang };
  } catch (e) {
    out.detectError = describeError(e);
  }
  out.detectMs = performance.now() - t;

  t = performance.now();
  try {
    const r = extract(doc, ARTICLE_URL, { window: dom.window as unknown as Window });
    out.extract = {
      isArticle: r.isArticle,
      site: r.site,
      wordCount: r.wordCount,
      title: r.title,
      textStart: r.textContent.slice(0, 200),
      jsonBytes: JSON.stringify(r).length,
    };
  } catch (e) {
    out.extractError = describeError(e);
  }
  out.extractMs = performance.now() - t;
  out.pageAfter = fingerprint(doc);
  // No window.close(): jsdom detaches the tree recursively, which overflows on a deep page;
  // the process ends here anyway.
  return out;
}

process.stdout.write(`${JSON.stringify(run(process.argv[2] ?? ''))}\n`);
