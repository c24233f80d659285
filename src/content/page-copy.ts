/**
 * A copy of the page as HTML, made in slices that give the page's own scripts their turn between
 * them, and handed over in parts of at most PART_CHARS characters (250,000), so that neither the copy nor
 * its passage to an extension page holds the page up for long (a 10 MB article as one outerHTML
 * and one message did, for about 400 ms).
 *
 * The copy parses to the same document as the page's `outerHTML` would (the HTML fragment
 * serialisation algorithm; test/unit/page-copy.test.ts checks it against the parser): escaped text
 * and attributes, raw text in script, style and the like, the newline a parser drops after
 * `<pre>`, `<textarea>` and `<listing>`, void elements, template contents, svg and math. It is
 * walked without recursion, so no depth of nesting stops it, and a long text is escaped a piece
 * at a time. The document type goes first, so the copy is read in the same mode as the page.
 *
 * The page may change while it is copied: the copy is then a snapshot that may mix the page as
 * it was and as it became (always well-formed: every end tag comes from the walk's own stack of
 * open elements), bounded by MAX_COPY characters and by a number of nodes that a page moving its
 * nodes about cannot stretch forever. For an article that gains an advertisement meanwhile, the
 * difference does not matter; a restart on every change could never finish on a page that
 * changes all the time.
 *
 * The copy lives in the extension's own world in the page (never seen by the page) until its last part
 * is taken, or until no part was asked for in IDLE_MS (the popup that asked was closed), then it
 * is dropped; starting a new copy drops the old one.
 *
 * `pageCopyAgent` is one self-contained function, referring to nothing outside itself, because
 * it is run by scripting.executeScript (which sends only the function's text), only when a copy
 * is wanted: the content script every Qazaq24 page loads does not carry it. Its state lives in a
 * global of that world between calls.
 */

export type CopyRequest =
  | { op: 'start' }
  | { op: 'part'; id: string; index: number }
  | { op: 'drop'; id: string };

/** Where a copy can be asked for its parts. */
export interface CopyTicket {
  id: string;
  url: string;
}

export type CopyReply =
  | { ok: true; ticket: CopyTicket }
  /** `last`: no part follows. `progress`: how far the copy is, 0 to 1. */
  | { ok: true; part: string; last: boolean; progress: number }
  | { ok: true; dropped: true }
  | { ok: false; error: string };

/** What the agent reads the document with; the page's own realm's interfaces in tests. */
export interface CopyRealm {
  document: Document;
  Node: typeof Node;
  Element: typeof Element;
  Attr: typeof Attr;
  CharacterData: typeof CharacterData;
  Document: typeof Document;
  DocumentType: typeof DocumentType;
  NamedNodeMap: typeof NamedNodeMap;
  ProcessingInstruction: typeof ProcessingInstruction;
  HTMLTemplateElement: typeof HTMLTemplateElement;
}

/** Sizes the agent works in; smaller in tests, to cut text and parts at awkward places. */
export interface CopyTuning {
  partChars?: number;
  sliceMs?: number;
  textPiece?: number;
  idleMs?: number;
}

export function pageCopyAgent(request: CopyRequest, realm?: CopyRealm, tuning?: CopyTuning): Promise<CopyReply> {
  /**
   * A part's size: at most about half a megabyte as a message. A message is serialised on the
   * page's thread, about 150 ms for a million characters on a busy two-core machine.
   */
  const PART_CHARS = tuning?.partChars ?? 250_000;
  /** A slice of the page's time; the budget is checked often enough that a slice ends close to it. */
  const SLICE_MS = tuning?.sliceMs ?? 25;
  /** A long text is escaped this many characters at a time. */
  const TEXT_PIECE = tuning?.textPiece ?? 200_000;
  /** The copy is dropped when no part was asked for in this long: whoever asked went away. */
  const IDLE_MS = tuning?.idleMs ?? 20_000;
  /** A message is refused past 64 MB of JSON, which Cyrillic text reaches at about 32 million. */
  const MAX_COPY = 24_000_000;
  const KEY = '__oqyPageCopy';

  type Part = { part: string; last: boolean; progress: number };
  interface Job {
    id: string;
    parts: Array<string | undefined>;
    /** Parts made so far; the last one is `last`. */
    made: number;
    finished: boolean;
    error: string | null;
    progress: number;
    waiters: Array<() => void>;
    idle: ReturnType<typeof setTimeout> | undefined;
    stop: boolean;
  }
  interface State {
    job: Job | null;
  }

  const g = globalThis as unknown as Record<string, State | undefined>;
  const state: State = g[KEY] ?? (g[KEY] = { job: null });

  const drop = (job: Job) => {
    job.stop = true;
    job.parts = [];
    clearTimeout(job.idle);
    job.waiters.splice(0).forEach((w) => w());
    if (state.job === job) state.job = null;
  };
  const touch = (job: Job) => {
    clearTimeout(job.idle);
    job.idle = setTimeout(() => drop(job), IDLE_MS);
  };

  if (request.op === 'drop') {
    if (state.job?.id === request.id) drop(state.job);
    return Promise.resolve({ ok: true, dropped: true });
  }

  if (request.op === 'part') {
    const job = state.job;
    if (!job || job.id !== request.id) return Promise.resolve({ ok: false, error: 'the copy of the page is gone (asked too late, or the page started another)' });
    const index = request.index;
    touch(job);
    return new Promise<CopyReply>((resolve) => {
      const answer = () => {
        if (job.stop && state.job !== job) return resolve({ ok: false, error: 'the copy of the page was dropped' });
        if (index < job.made) {
          const part = job.parts[index];
          if (part === undefined) return resolve({ ok: false, error: `part ${index} of the copy was already taken` });
          // Taken once: the content script keeps no more of the copy than it has to.
          job.parts[index] = undefined;
          const last = job.finished && index === job.made - 1;
          const reply: Part = { part, last, progress: last ? 1 : job.progress };
          if (last) drop(job);
          else touch(job);
          return resolve({ ok: true, ...reply });
        }
        if (job.error) {
          const error = job.error;
          drop(job);
          return resolve({ ok: false, error });
        }
        job.waiters.push(answer);
      };
      answer();
    });
  }

  if (request.op !== 'start') return Promise.resolve({ ok: false, error: `no such request to the copy: ${String((request as { op?: unknown }).op)}` });
  // A new copy, in place of any other.
  if (state.job) drop(state.job);

  const win = globalThis as unknown as CopyRealm;
  const r: CopyRealm = realm ?? {
    document: win.document,
    Node: win.Node,
    Element: win.Element,
    Attr: win.Attr,
    CharacterData: win.CharacterData,
    Document: win.Document,
    DocumentType: win.DocumentType,
    NamedNodeMap: win.NamedNodeMap,
    ProcessingInstruction: win.ProcessingInstruction,
    HTMLTemplateElement: win.HTMLTemplateElement,
  };

  // Read through the interfaces' own getters: a form's named controls or the document's named
  // elements ("attributes", "firstChild", "documentElement") cannot stand in for them.
  const getter = <T>(proto: object, name: string): ((self: unknown) => T) => {
    for (let p: object | null = proto; p; p = Object.getPrototypeOf(p)) {
      const d = Object.getOwnPropertyDescriptor(p, name);
      if (d?.get) {
        const get = d.get;
        return (self) => Reflect.apply(get, self, []) as T;
      }
    }
    throw new Error(`the browser has no ${name}`);
  };
  const method = <T>(proto: object, name: string): ((self: unknown, ...args: unknown[]) => T) => {
    const f = (proto as Record<string, unknown>)[name] as (...args: unknown[]) => T;
    return (self, ...args) => Reflect.apply(f, self, args);
  };
  const nodeType = getter<number>(r.Node.prototype, 'nodeType');
  const firstChild = getter<Node | null>(r.Node.prototype, 'firstChild');
  const nextSibling = getter<Node | null>(r.Node.prototype, 'nextSibling');
  const localName = getter<string>(r.Element.prototype, 'localName');
  const namespaceURI = getter<string | null>(r.Element.prototype, 'namespaceURI');
  const tagName = getter<string>(r.Element.prototype, 'tagName');
  const attributes = getter<NamedNodeMap>(r.Element.prototype, 'attributes');
  const mapLength = getter<number>(r.NamedNodeMap.prototype, 'length');
  const mapItem = method<Attr | null>(r.NamedNodeMap.prototype, 'item');
  const attrLocalName = getter<string>(r.Attr.prototype, 'localName');
  const attrNamespace = getter<string | null>(r.Attr.prototype, 'namespaceURI');
  const attrName = getter<string>(r.Attr.prototype, 'name');
  const attrValue = getter<string>(r.Attr.prototype, 'value');
  const data = getter<string>(r.CharacterData.prototype, 'data');
  const piTarget = getter<string>(r.ProcessingInstruction.prototype, 'target');
  const doctypeName = getter<string>(r.DocumentType.prototype, 'name');
  const templateContent = getter<DocumentFragment>(r.HTMLTemplateElement.prototype, 'content');
  const documentElement = getter<Element | null>(r.Document.prototype, 'documentElement');
  const doctype = getter<DocumentType | null>(r.Document.prototype, 'doctype');
  const elementCount = (d: Document) => {
    const all = method<HTMLCollection>(r.Document.prototype, 'getElementsByTagName')(d, '*');
    return getter<number>(Object.getPrototypeOf(all) as object, 'length')(all);
  };

  const HTML = 'http://www.w3.org/1999/xhtml';
  const VOID = new Set(['area', 'base', 'basefont', 'bgsound', 'br', 'col', 'embed', 'frame', 'hr', 'img', 'input', 'keygen', 'link', 'meta', 'param', 'source', 'track', 'wbr']);
  // noscript's text is raw where scripting is on, as in the page the content script runs in.
  const RAW = new Set(['style', 'script', 'xmp', 'iframe', 'noembed', 'noframes', 'plaintext', 'noscript']);
  const LEADING_NEWLINE = new Set(['pre', 'textarea', 'listing']);
  const escapeText = (s: string) =>
    s.replace(/[&<>\u00a0]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&nbsp;'));
  const escapeAttr = (s: string) =>
    s.replace(/[&<>"\u00a0]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : '&nbsp;'));

  const doc = r.document;
  // An unforgeable property of the document itself: no element of the page can stand in for it.
  const url = String(doc.location?.href ?? '');
  const root = documentElement(doc);
  if (!root) return Promise.resolve({ ok: false, error: 'the page has no document to copy' });

  const job: Job = {
    id: `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`,
    parts: [],
    made: 0,
    finished: false,
    error: null,
    progress: 0,
    waiters: [],
    idle: undefined,
    stop: false,
  };
  state.job = job;
  touch(job);

  const total = Math.max(1, elementCount(doc));
  /** Nodes a page that moves its nodes about during the copy could make the walk visit again and again. */
  const maxElements = total * 4 + 100_000;
  let elements = 0;
  let chars = 0;
  let pending: string[] = [];
  let pendingChars = 0;

  const flush = (last: boolean) => {
    job.parts[job.made++] = pending.join('');
    pending = [];
    pendingChars = 0;
    if (last) job.finished = true;
    job.waiters.splice(0).forEach((w) => w());
  };
  const emit = (s: string) => {
    chars += s.length;
    if (chars > MAX_COPY) throw new Error(`the page is too big to read (more than ${MAX_COPY / 1e6} million characters)`);
    while (s.length) {
      const room = PART_CHARS - pendingChars;
      const piece = s.length > room ? s.slice(0, room) : s;
      pending.push(piece);
      pendingChars += piece.length;
      s = s.slice(piece.length);
      if (pendingChars >= PART_CHARS) flush(false);
    }
  };

  const startTag = (el: Element) => {
    const ns = namespaceURI(el);
    const name = ns === HTML || ns === 'http://www.w3.org/2000/svg' || ns === 'http://www.w3.org/1998/Math/MathML' ? localName(el) : tagName(el);
    let s = `<${name}`;
    const attrs = attributes(el);
    const n = mapLength(attrs);
    for (let i = 0; i < n; i++) {
      const a = mapItem(attrs, i);
      if (!a) continue;
      const ans = attrNamespace(a);
      const local = attrLocalName(a);
      const qualified =
        ans === null
          ? local
          : ans === 'http://www.w3.org/XML/1998/namespace'
            ? `xml:${local}`
            : ans === 'http://www.w3.org/2000/xmlns/'
              ? local === 'xmlns'
                ? 'xmlns'
                : `xmlns:${local}`
              : ans === 'http://www.w3.org/1999/xlink'
                ? `xlink:${local}`
                : attrName(a);
      s += ` ${qualified}="${escapeAttr(attrValue(a))}"`;
    }
    return { s: `${s}>`, name, html: ns === HTML };
  };

  /** An open element: where to go on after its children, how to end it, how to write its text. */
  interface Frame {
    node: Node;
    end: string;
    raw: boolean;
  }
  const stack: Frame[] = [];
  /** The next node to write; with `textAt`, how much of a long text is written. */
  let current: Node | null = root;
  let textAt = 0;

  const type = doctype(doc);
  if (type) emit(`<!DOCTYPE ${doctypeName(type)}>`);

  /** Goes on past `node`: its next sibling, or the end of the elements it closes. */
  const advance = (node: Node) => {
    let next = node === root ? null : nextSibling(node);
    while (!next && stack.length) {
      const frame = stack.pop()!;
      emit(frame.end);
      next = frame.node === root ? null : nextSibling(frame.node);
    }
    current = next;
  };

  /** Writes for the page until `deadline`; false once the copy is complete. */
  const work = (deadline: number, now: () => number): boolean => {
    let count = 0;
    while (current) {
      if ((++count & 63) === 0 && now() >= deadline) return true;
      const node: Node = current;
      const t = nodeType(node);
      if (t === 1) {
        if (++elements > maxElements) throw new Error('the page kept changing while it was copied');
        const el = node as Element;
        const { s, name, html } = startTag(el);
        emit(s);
        if (html && VOID.has(name)) {
          advance(node);
          continue;
        }
        const container: Node = html && name === 'template' ? templateContent(el) : el;
        const first = firstChild(container);
        if (!first) {
          emit(`</${name}>`);
          advance(node);
          continue;
        }
        if (html && LEADING_NEWLINE.has(name) && nodeType(first) === 3 && data(first).startsWith('\n')) emit('\n');
        stack.push({ node, end: `</${name}>`, raw: html && RAW.has(name) });
        current = first;
        continue;
      }
      if (t === 3) {
        const text = data(node);
        const raw = stack.length ? stack[stack.length - 1]!.raw : false;
        const piece = text.slice(textAt, textAt + TEXT_PIECE);
        emit(raw ? piece : escapeText(piece));
        textAt += piece.length;
        if (textAt < text.length) {
          // A long text: the budget is looked at between its pieces too.
          if (now() >= deadline) return true;
          continue;
        }
        textAt = 0;
      } else if (t === 8) emit(`<!--${data(node)}-->`);
      else if (t === 7) emit(`<?${piTarget(node)} ${data(node)}>`);
      advance(node);
    }
    return false;
  };

  const now = () => (typeof performance !== 'undefined' ? performance.now() : Date.now());
  // A task of its own, without the timers' clamping: a page in a background tab runs its timers
  // once a second at most, which would stretch 40 slices to 40 seconds.
  const nextTask = (run: () => void) => {
    try {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        channel.port1.close();
        run();
      };
      channel.port2.postMessage(null);
    } catch {
      setTimeout(run, 0);
    }
  };

  const slice = () => {
    if (job.stop) return;
    try {
      const more = work(now() + SLICE_MS, now);
      job.progress = Math.min(0.99, elements / total);
      if (more) {
        nextTask(slice);
        return;
      }
      flush(true);
    } catch (e) {
      job.error = String((e as Error)?.message ?? e);
      job.parts = [];
      job.made = 0;
      job.waiters.splice(0).forEach((w) => w());
    }
  };
  nextTask(slice);
  return Promise.resolve({ ok: true, ticket: { id: job.id, url } });
}
