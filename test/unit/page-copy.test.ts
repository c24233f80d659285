/**
 * The page's copy made in slices and handed over in parts (src/content/page-copy.ts) parses to
 * the same document as the page: every node's kind, namespace, name, attributes and text are
 * compared, walked without recursion. And the parts protocol: parts in order, each taken once,
 * the copy dropped when taken, when dropped, when another starts and when nobody asks for it.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { JSDOM, VirtualConsole } from 'jsdom';
import { pageCopyAgent, type CopyRealm, type CopyReply, type CopyTuning } from '../../src/content/page-copy.ts';
import { takeCopy, ticketOf } from '../../src/content/page-copy-parts.ts';

/** Parsed as a page with scripting on (as the content script sees it): noscript holds raw text. */
function parse(html: string): JSDOM {
  return new JSDOM(html, { url: 'https://qazaq24.com/news/copy-1000001', runScripts: 'dangerously', virtualConsole: new VirtualConsole() });
}

function realmOf(dom: JSDOM): CopyRealm {
  const w = dom.window;
  return {
    document: w.document,
    Node: w.Node,
    Element: w.Element,
    Attr: w.Attr,
    CharacterData: w.CharacterData,
    Document: w.Document,
    DocumentType: w.DocumentType,
    NamedNodeMap: w.NamedNodeMap,
    ProcessingInstruction: w.ProcessingInstruction,
    HTMLTemplateElement: w.HTMLTemplateElement,
  };
}

function ok<T extends CopyReply>(reply: CopyReply): Extract<T, { ok: true }> {
  if (!reply.ok) throw new Error(`the agent said: ${reply.error}`);
  return reply as Extract<T, { ok: true }>;
}

/** Starts a copy of `dom` and takes every part in order; the parts as they came. */
async function copyParts(dom: JSDOM, tuning?: CopyTuning, between?: (index: number) => void): Promise<{ parts: string[]; progress: number[]; url: string }> {
  const realm = realmOf(dom);
  const start = await pageCopyAgent({ op: 'start' }, realm, tuning);
  if (!start.ok || !('ticket' in start)) throw new Error(`no ticket: ${JSON.stringify(start)}`);
  const parts: string[] = [];
  const progress: number[] = [];
  for (let index = 0; ; index++) {
    between?.(index);
    const reply = await pageCopyAgent({ op: 'part', id: start.ticket.id, index }, realm, tuning);
    if (!reply.ok || !('part' in reply)) throw new Error(`part ${index}: ${JSON.stringify(reply)}`);
    parts.push(reply.part);
    progress.push(reply.progress);
    if (reply.last) break;
    if (index > 1_000_000) throw new Error('the parts never end');
  }
  return { parts, progress, url: start.ticket.url };
}

const copyOf = async (dom: JSDOM, tuning?: CopyTuning) => (await copyParts(dom, tuning)).parts.join('');

/** Every node in document order (template contents included), as comparable lines; no recursion. */
function dump(doc: Document): string[] {
  const out: string[] = [];
  const doctype = doc.doctype;
  out.push(doctype ? `doctype ${doctype.name}` : 'no doctype', `mode ${doc.compatMode}`);
  const stack: Array<{ node: Node; depth: number }> = [{ node: doc.documentElement!, depth: 0 }];
  while (stack.length) {
    const { node, depth } = stack.pop()!;
    const pad = String(depth);
    if (node.nodeType === 1) {
      const el = node as Element;
      const attrs = [...el.attributes].map((a) => `${a.namespaceURI ?? ''}|${a.prefix ?? ''}|${a.localName}=${JSON.stringify(a.value)}`);
      out.push(`${pad} <${el.namespaceURI}|${el.localName}> ${attrs.join(' ')}`);
      const container: Node = el.localName === 'template' && el.namespaceURI === 'http://www.w3.org/1999/xhtml' ? (el as HTMLTemplateElement).content : el;
      const children = [...container.childNodes];
      for (let i = children.length - 1; i >= 0; i--) stack.push({ node: children[i]!, depth: depth + 1 });
    } else if (node.nodeType === 3) out.push(`${pad} text ${JSON.stringify((node as Text).data)}`);
    else if (node.nodeType === 8) out.push(`${pad} comment ${JSON.stringify((node as Comment).data)}`);
    else out.push(`${pad} node ${node.nodeType}`);
  }
  return out;
}

/** The copy of `html`'s page, parsed again, is the same document as the page. */
async function expectSameAfterCopy(html: string, tuning?: CopyTuning): Promise<string> {
  const dom = parse(html);
  const copy = await copyOf(dom, tuning);
  expect(dump(parse(copy).window.document)).toEqual(dump(dom.window.document));
  return copy;
}

const TRICKY = `<!doctype html><html lang="kk" data-x='a"b'><head><meta charset="utf-8"><title>A &amp; B &lt;c&gt; "d" ' \u00a0</title>
<style>p > a { content: "</p>&amp;" }</style>
<script type="text/plain">if (1 < 2 && "</div>") { x = '&amp;' }</script>
</head><body class="a&amp;b" title="x < y > z &quot; ' \u00a0 &amp;amp;">
<p>Text &amp; &lt;tags&gt; and "quotes" and 'apostrophes' and\u00a0no-break&nbsp;spaces, &amp;amp; not an entity</p>
<textarea>

first line after a newline the parser drops &lt;/textarea&gt; &amp;</textarea>
<pre>

two newlines, one dropped by the parser</pre>
<listing>
listing</listing>
<pre>no newline</pre>
<xmp>raw <b>bold</b> &amp;</xmp>
<noscript><p>raw while scripting is on &amp;</p></noscript>
<p>void: <br><img src="a.png" alt="x&quot;y"><input value="a&b"><hr><wbr></p>
<template id="t"><p>in a template &amp;</p><template><b>nested</b></template></template>
<!-- a comment with <b>tags</b> & -- dashes -->
<svg viewBox="0 0 10 10" xmlns:xlink="http://www.w3.org/1999/xlink"><foreignObject><p>html in svg</p></foreignObject><a xlink:href="#x"><text x="1">&lt;svg text&gt;</text></a><path d="M0 0"/></svg>
<math><mi>x</mi><annotation-xml encoding="text/html"><p>html in math</p></annotation-xml></math>
<table><tbody><tr><td>cell</td></tr></tbody></table>
<p>Кирилл әріптері: Қазақстан, Өскемен, Үржар — “quotes” 😀</p>
</body></html>`;

afterEach(() => {
  vi.useRealTimers();
});

describe('the sliced copy of a page', () => {
  it('parses to the same document: escaping, raw text, newlines after pre and textarea, voids, templates, svg, math, comments', async () => {
    const copy = await expectSameAfterCopy(TRICKY);
    expect(copy.startsWith('<!DOCTYPE html><html')).toBe(true);
    // The parts the parser would read differently stay as they were meant.
    expect(copy).toContain('<textarea>\n\nfirst line');
    expect(copy).toContain('<pre>\n\ntwo newlines');
    expect(copy).toContain('<script type="text/plain">if (1 < 2 && "</div>") { x = \'&amp;\' }</script>');
    expect(copy).toContain('alt="x&quot;y"');
    expect(copy).toContain('&nbsp;');
    expect(copy).not.toContain('</br>');
  });

  it('is the same document again when text, attributes and parts are cut at every few characters', async () => {
    await expectSameAfterCopy(TRICKY, { partChars: 7, textPiece: 3, sliceMs: 0 });
  });

  it('keeps a document without a doctype in quirks mode, as the page is', async () => {
    const copy = await expectSameAfterCopy('<html><body><p>quirks <table><tr><td>x</td></tr></table></p></body></html>');
    expect(copy.startsWith('<html>')).toBe(true);
  });

  it('keeps noscript as the parser saw it: markup when scripting is off', async () => {
    const dom = new JSDOM('<!doctype html><body><noscript><p>seen as markup &amp;</p></noscript></body>', { url: 'https://qazaq24.com/news/x-1' });
    const copy = await copyOf(dom);
    const again = new JSDOM(copy);
    expect(dump(again.window.document)).toEqual(dump(dom.window.document));
  });

  it('copies a single 10 MB text node in pieces and parts of at most 250,000 characters', async () => {
    const unit = 'Қазақстан & <b> "x" \u00a0 ';
    const text = unit.repeat(Math.ceil(10_000_000 / unit.length));
    const dom = parse('<!doctype html><html><head><title>t</title></head><body><p id="long"></p></body></html>');
    dom.window.document.getElementById('long')!.textContent = text;
    const { parts, progress } = await copyParts(dom, { sliceMs: 5 });
    expect(parts.length).toBeGreaterThan(40);
    for (const part of parts) expect(part.length).toBeLessThanOrEqual(250_000);
    expect(progress.at(-1)).toBe(1);
    const again = parse(parts.join('')).window.document;
    expect(again.getElementById('long')!.textContent).toBe(text);
  });

  it('copies nesting 5,000 deep without recursing (jsdom itself cannot hold much deeper)', async () => {
    const nested = `${'<section><div>'.repeat(2500)}the bottom${'</div></section>'.repeat(2500)}`;
    const dom = parse(`<!doctype html><html><head></head><body>${nested}</body></html>`);
    expect(dom.window.document.getElementsByTagName('*').length).toBe(5003);
    expect(await copyOf(dom, { sliceMs: 2 })).toBe(`<!DOCTYPE html><html><head></head><body>${nested}</body></html>`);
  }, 120_000);

  it('copies an element named so as to clobber the document and form properties it reads', async () => {
    await expectSameAfterCopy(
      '<!doctype html><body><form name="documentElement"><input name="attributes"><input name="firstChild"><input name="nextSibling"><input name="localName"></form><img name="doctype"><p>after</p></body>',
    );
  });

  it('gives the page its turn between slices: a change made meanwhile can show in the copy, which stays well-formed', async () => {
    const dom = parse(`<!doctype html><body>${'<p>абзац</p>'.repeat(5000)}</body>`);
    const doc = dom.window.document;
    const { parts } = await copyParts(dom, { sliceMs: 0, partChars: 1000 }, (index) => {
      if (index === 1) {
        // The page adds an element at its end and removes one from its start while the copy is under way.
        doc.body.append(Object.assign(doc.createElement('aside'), { textContent: 'added meanwhile' }));
        doc.body.firstElementChild!.remove();
      }
    });
    const again = parse(parts.join('')).window.document;
    expect(again.querySelector('aside')?.textContent, 'the walk had not reached the end when the page changed').toBe('added meanwhile');
    expect(again.body.lastElementChild!.localName).toBe('aside');
    expect(again.querySelectorAll('p').length).toBeGreaterThanOrEqual(4999);
  });
});

describe('the parts of a copy', () => {
  it('are taken in order once each, then the copy is gone', async () => {
    const dom = parse(`<!doctype html><body>${'<p>абзац</p>'.repeat(100)}</body>`);
    const realm = realmOf(dom);
    const start = ok(await pageCopyAgent({ op: 'start' }, realm, { partChars: 500 }));
    if (!('ticket' in start)) throw new Error('no ticket');
    expect(start.ticket.url).toBe('https://qazaq24.com/news/copy-1000001');
    const first = ok(await pageCopyAgent({ op: 'part', id: start.ticket.id, index: 0 }, realm));
    expect('part' in first && first.part.length).toBe(500);
    const again = await pageCopyAgent({ op: 'part', id: start.ticket.id, index: 0 }, realm);
    expect(again.ok).toBe(false);
    expect(!again.ok && again.error).toMatch(/already taken/);
    let index = 1;
    for (;;) {
      const reply = ok(await pageCopyAgent({ op: 'part', id: start.ticket.id, index: index++ }, realm));
      if ('last' in reply && reply.last) break;
    }
    const after = await pageCopyAgent({ op: 'part', id: start.ticket.id, index }, realm);
    expect(!after.ok && after.error).toMatch(/gone/);
  });

  it('are gone once the copy is dropped, or another copy starts', async () => {
    const dom = parse('<!doctype html><body><p>a</p></body>');
    const realm = realmOf(dom);
    const one = ok(await pageCopyAgent({ op: 'start' }, realm));
    const two = ok(await pageCopyAgent({ op: 'start' }, realm));
    if (!('ticket' in one) || !('ticket' in two)) throw new Error('no ticket');
    expect(two.ticket.id).not.toBe(one.ticket.id);
    const old = await pageCopyAgent({ op: 'part', id: one.ticket.id, index: 0 }, realm);
    expect(!old.ok && old.error).toMatch(/gone/);
    ok(await pageCopyAgent({ op: 'drop', id: two.ticket.id }, realm));
    const dropped = await pageCopyAgent({ op: 'part', id: two.ticket.id, index: 0 }, realm);
    expect(!dropped.ok && dropped.error).toMatch(/gone/);
  });

  it('are dropped when nobody asks for them for a while (the popup was closed)', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const dom = parse('<!doctype html><body><p>a</p></body>');
    const realm = realmOf(dom);
    const start = ok(await pageCopyAgent({ op: 'start' }, realm, { idleMs: 1000 }));
    if (!('ticket' in start)) throw new Error('no ticket');
    vi.advanceTimersByTime(1001);
    const late = await pageCopyAgent({ op: 'part', id: start.ticket.id, index: 0 }, realm);
    expect(!late.ok && late.error).toMatch(/gone/);
  });

  it('are refused for a page beyond 24 million characters, with a clear message', async () => {
    const dom = parse('<!doctype html><body><p id="p"></p></body>');
    dom.window.document.getElementById('p')!.textContent = 'x'.repeat(24_500_000);
    const realm = realmOf(dom);
    const start = ok(await pageCopyAgent({ op: 'start' }, realm));
    if (!('ticket' in start)) throw new Error('no ticket');
    let reply: CopyReply;
    let index = 0;
    do reply = await pageCopyAgent({ op: 'part', id: start.ticket.id, index: index++ }, realm);
    while (reply.ok && 'last' in reply && !reply.last);
    expect(reply.ok).toBe(false);
    expect(!reply.ok && reply.error).toMatch(/too big to read \(more than 24 million characters\)/);
  });
});

describe('taking a copy part by part (the popup, the reader tab)', () => {
  it('joins the parts into the page and tells how far it is', async () => {
    const dom = parse(`<!doctype html><body>${'<p>абзац</p>'.repeat(300)}</body>`);
    const realm = realmOf(dom);
    const ask = (request: Parameters<typeof pageCopyAgent>[0]) => pageCopyAgent(request, realm, { partChars: 1000 });
    const ticket = ticketOf(await ask({ op: 'start' }));
    const seen: number[] = [];
    const html = await takeCopy(ask, ticket, (done) => seen.push(done));
    expect(html).toBe(`<!DOCTYPE html><html><head></head><body>${'<p>абзац</p>'.repeat(300)}</body></html>`);
    expect(seen.length).toBe(Math.ceil(html.length / 1000));
    expect(seen.at(-1)).toBe(1);
    for (let i = 1; i < seen.length; i++) expect(seen[i]!).toBeGreaterThanOrEqual(seen[i - 1]!);
  });

  it("says the page's reason where the copy fails, and when the page answers nothing or something else", async () => {
    await expect(takeCopy(async () => ({ ok: false, error: 'the page is too big to read' }), { id: 'x', url: '' })).rejects.toThrow('the page is too big to read');
    await expect(takeCopy(async () => undefined as unknown as CopyReply, { id: 'x', url: '' })).rejects.toThrow(/no answer from the page/);
    await expect(takeCopy(async () => ({ ok: true, dropped: true }), { id: 'x', url: '' })).rejects.toThrow(/something other than its copy/);
    expect(() => ticketOf({ ok: false, error: 'the page has no document to copy' })).toThrow('the page has no document to copy');
  });

  it('gives up on a page whose parts never end', async () => {
    const asked: string[] = [];
    const endless = async (request: Parameters<typeof pageCopyAgent>[0]): Promise<CopyReply> => {
      asked.push(request.op);
      return request.op === 'part' ? { ok: true, part: 'x', last: false, progress: 0.5 } : { ok: true, dropped: true };
    };
    await expect(takeCopy(endless, { id: 'x', url: '' })).rejects.toThrow(/did not end/);
    expect(asked.filter((op) => op === 'part').length).toBe(100);
    expect(asked.at(-1)).toBe('drop');
  });
});
