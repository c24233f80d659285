/**
 * The extractor command: `npm run -s extract -- --url URL FILE` prints the article's JSON.
 * Exit 0 for any page it could read (a non-article is `isArticle: false`), 2 with one line on
 * stderr for input it cannot read.
 */
import { readFileSync, statSync } from 'node:fs';
import { JSDOM, VirtualConsole } from 'jsdom';
import { extract } from '../core/extract.ts';
import { decodePage, UnreadablePage } from './decode-page.ts';
import { pageType } from './page-type.ts';

const USAGE = 'usage: npm run -s extract -- --url URL FILE';

interface Args {
  url: string | null;
  file: string;
}

function parseArgs(argv: readonly string[]): Args {
  let url: string | null = null;
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--url') url = argv[++i] ?? null;
    else if (a.startsWith('--url=')) url = a.slice(6);
    else rest.push(a);
  }
  if (rest.length !== 1) throw new UnreadablePage(USAGE);
  if (url !== null) {
    try {
      new URL(url);
    } catch {
      throw new UnreadablePage(`not a URL: ${url}`);
    }
  }
  return { url, file: rest[0]! };
}

function readPage(file: string): string {
  let size: number;
  try {
    const stat = statSync(file);
    if (stat.isDirectory()) throw new UnreadablePage(`cannot read ${file}: it is a directory`);
    size = stat.size;
  } catch (e) {
    if (e instanceof UnreadablePage) throw e;
    throw new UnreadablePage(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`);
  }
  if (size > 64 * 1024 * 1024) throw new UnreadablePage(`cannot read ${file}: larger than 64 MB`);
  return decodePage(readFileSync(file));
}

function parseDom(html: string, url: string): JSDOM {
  const quiet = new VirtualConsole();
  const type = pageType(html);
  if (type !== 'text/html') {
    try {
      return new JSDOM(html, { url, contentType: type, virtualConsole: quiet });
    } catch {
      // Not well-formed XML: read as HTML, as a browser shows a broken feed's text.
    }
  }
  try {
    return new JSDOM(html, { url, contentType: 'text/html', virtualConsole: quiet });
  } catch {
    // Some stylesheets make the CSS parser throw; the article does not need them.
    const unstyled = html.replace(/<style[\s\S]*?<\/style\s*>/gi, '').replace(/\sstyle\s*=\s*("[^"]*"|'[^']*')/gi, '');
    try {
      return new JSDOM(unstyled, { url, contentType: 'text/html', virtualConsole: quiet });
    } catch (e) {
      throw new UnreadablePage(`cannot parse the page: ${(e as Error).message.split('\n')[0]}`);
    }
  }
}

function main(argv: readonly string[]): number {
  try {
    const args = parseArgs(argv);
    const html = readPage(args.file);
    const url = args.url ?? new URL(`file://${process.cwd()}/`).href.replace(/\/$/, '/') + args.file;
    const dom = parseDom(html, url);
    const result = extract(dom.window.document, url, { window: dom.window as unknown as Window });
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    // No window.close(): jsdom tears the tree down recursively, which overflows on a deeply
    // nested page after the answer is out; the process ends here anyway.
    return 0;
  } catch (e) {
    const message = e instanceof UnreadablePage ? e.message : `cannot extract: ${String((e as Error)?.message ?? e).split('\n')[0]}`;
    process.stderr.write(`${message}\n`);
    return 2;
  }
}

process.exitCode = main(process.argv.slice(2));
