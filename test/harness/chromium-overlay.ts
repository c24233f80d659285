/**
 * Oqy's in-page reader, read and used from outside its closed shadow root, in Chromium, the way
 * only a test can: the DevTools protocol finds the root (DOM.getDocument with `pierce`) and
 * hands it to a world of the test's own (Page.createIsolatedWorld), where the test's functions
 * run with it. The page's scripts never see it; neither does Oqy's content script. Clicks are
 * real mouse clicks at the element's centre (page.mouse), so the reader receives trusted events,
 * as from a person.
 *
 *   const reader = overlayIn(page).locator('.oqy-reader');
 *   await reader.waitFor();
 *   await reader.locator('[data-step="size-more"]').click();
 *   const text = await overlayEvaluate(page, (root) => root?.querySelector('h1')?.textContent ?? null);
 */
import type { CDPSession, Page } from 'playwright-core';

/** The id of the reader's host, a direct child of <html>. */
export const HOST_ID = 'oqy-reader-host';
const WORLD = 'oqy-test-overlay';

const sessions = new WeakMap<Page, Promise<CDPSession>>();

function sessionFor(page: Page): Promise<CDPSession> {
  let session = sessions.get(page);
  if (!session) {
    session = page.context().newCDPSession(page);
    sessions.set(page, session);
    page.once('close', () => sessions.delete(page));
  }
  return session;
}

interface DomNode {
  nodeName: string;
  backendNodeId: number;
  attributes?: string[];
  children?: DomNode[];
  shadowRoots?: DomNode[];
}

/** The backend id of the reader's shadow root: the root of the host that is a direct child of <html>. */
async function readerRootId(cdp: CDPSession): Promise<number | null> {
  const { root } = (await cdp.send('DOM.getDocument', { depth: 2, pierce: true })) as { root: DomNode };
  const html = root.children?.find((n) => n.nodeName === 'HTML');
  for (const child of html?.children ?? []) {
    const attrs = child.attributes ?? [];
    const id = attrs[attrs.indexOf('id') + 1];
    if (child.nodeName === 'DIV' && attrs.indexOf('id') % 2 === 0 && id === HOST_ID && child.shadowRoots?.length) return child.shadowRoots[0]!.backendNodeId;
  }
  return null;
}

async function testWorld(cdp: CDPSession): Promise<number> {
  const { frameTree } = (await cdp.send('Page.getFrameTree')) as { frameTree: { frame: { id: string } } };
  const { executionContextId } = (await cdp.send('Page.createIsolatedWorld', { frameId: frameTree.frame.id, worldName: WORLD })) as { executionContextId: number };
  return executionContextId;
}

interface RemoteObject {
  type: string;
  value?: unknown;
  objectId?: string;
}

interface CallResult {
  result: RemoteObject;
  exceptionDetails?: { text?: string; exception?: { description?: string } };
}

function failed(r: CallResult, what: string): never {
  throw new Error(`${what}: ${r.exceptionDetails?.exception?.description ?? r.exceptionDetails?.text ?? 'failed'}`);
}

/**
 * Runs `fn(root, arg)` in the test's world, with the reader's shadow root (null while no reader
 * is open). `fn` is sent as source: it may use only its parameters. Returns its value, by value.
 */
export async function overlayEvaluate<T, A = undefined>(page: Page, fn: (root: ShadowRoot | null, arg: A) => T | Promise<T>, arg?: A): Promise<T> {
  const r = await callWithRoot(page, fn as (root: ShadowRoot | null, arg: unknown) => unknown, arg, true);
  return r.value as T;
}

/**
 * The same, keeping the result as a remote object of the test's world, for protocol commands
 * that take one (DOM.requestNode, Accessibility...). `use` runs while it exists.
 */
export async function withOverlayObject<T>(
  page: Page,
  fn: (root: ShadowRoot | null) => unknown,
  use: (cdp: CDPSession, objectId: string | null) => Promise<T>,
): Promise<T> {
  const cdp = await sessionFor(page);
  const r = await callWithRoot(page, fn as (root: ShadowRoot | null, arg: unknown) => unknown, undefined, false);
  try {
    return await use(cdp, r.objectId ?? null);
  } finally {
    if (r.objectId) await cdp.send('Runtime.releaseObject', { objectId: r.objectId }).catch(() => undefined);
  }
}

async function callWithRoot(page: Page, fn: (root: ShadowRoot | null, arg: unknown) => unknown, arg: unknown, byValue: boolean): Promise<RemoteObject> {
  const cdp = await sessionFor(page);
  const contextId = await testWorld(cdp);
  const rootId = await readerRootId(cdp);
  const source = `function (arg) { return (${fn.toString()})(this === undefined || this === globalThis ? null : this, arg); }`;
  let rootObject: string | undefined;
  if (rootId !== null) {
    const { object } = (await cdp.send('DOM.resolveNode', { backendNodeId: rootId, executionContextId: contextId })) as { object: RemoteObject };
    rootObject = object.objectId;
  }
  try {
    const r = rootObject
      ? ((await cdp.send('Runtime.callFunctionOn', {
          objectId: rootObject,
          functionDeclaration: source,
          arguments: [{ value: arg }],
          awaitPromise: true,
          returnByValue: byValue,
        })) as CallResult)
      : ((await cdp.send('Runtime.callFunctionOn', {
          executionContextId: contextId,
          functionDeclaration: source,
          arguments: [{ value: arg }],
          awaitPromise: true,
          returnByValue: byValue,
        })) as CallResult);
    if (r.exceptionDetails) failed(r, 'in the reader');
    return r.result;
  } finally {
    if (rootObject) await cdp.send('Runtime.releaseObject', { objectId: rootObject }).catch(() => undefined);
  }
}

/**
 * overlayEvaluate for source text: `source` is a function's source, `(root, arg) => ...`, or an
 * expression using `root` when `asExpression` is set.
 */
export function overlayRun<T>(page: Page, source: string, { arg, asExpression = false }: { arg?: unknown; asExpression?: boolean } = {}): Promise<T> {
  const fn = new Function('root', 'arg', asExpression ? `return (${source});` : `return (${source})(root, arg);`) as (root: ShadowRoot | null, arg: unknown) => T;
  return overlayEvaluate(page, fn, arg);
}

/** Polls `fn` until it returns something truthy; returns it. Throws with the last value after `timeoutMs`. */
export async function overlayWaitFor<T, A = undefined>(page: Page, fn: (root: ShadowRoot | null, arg: A) => T, arg?: A, timeoutMs = 15_000, what = 'the reader'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  let pause = 25;
  for (;;) {
    try {
      last = await overlayEvaluate(page, fn, arg);
      if (last) return last as T;
    } catch (e) {
      last = e; // between documents
    }
    if (Date.now() > deadline) throw new Error(`${what}: waited ${timeoutMs} ms; last: ${last instanceof Error ? last.message : JSON.stringify(last)}`);
    await new Promise((done) => setTimeout(done, pause));
    pause = Math.min(pause * 2, 200);
  }
}

/** Where an element is, for a locator: a CSS selector inside the root, and which match. */
interface Target {
  selector: string;
  index: number;
}

/** The element a Target names, in the root; runs in the page (sent as source). */
const PICK = `(root, t) => (root ? Array.from(root.querySelectorAll(t.selector))[t.index < 0 ? 0 : t.index] ?? null : null)`;

/**
 * A small stand-in for a Playwright locator, for elements inside the reader's closed root: the
 * calls the tests make, with the same names. It takes the first match where Playwright would
 * insist on one.
 */
export class OverlayLocator {
  constructor(
    readonly page: Page,
    private readonly target: Target,
  ) {}

  locator(selector: string): OverlayLocator {
    return new OverlayLocator(this.page, { selector: `${this.target.selector} ${selector}`, index: -1 });
  }

  first(): OverlayLocator {
    return new OverlayLocator(this.page, { ...this.target, index: 0 });
  }

  nth(index: number): OverlayLocator {
    return new OverlayLocator(this.page, { ...this.target, index });
  }

  /** Runs `fn(element, arg)` on the element in the test's world; throws if there is none. */
  async evaluate<T, A = undefined>(fn: (el: HTMLElement, arg: A) => T | Promise<T>, arg?: A): Promise<T> {
    const source = fn.toString();
    return overlayEvaluate(
      this.page,
      new Function('root', 'a', `const el = (${PICK})(root, a.t); if (!el) throw new Error('no element for ' + a.t.selector); return (${source})(el, a.arg);`) as (root: ShadowRoot | null, a: { t: Target; arg: unknown }) => T,
      { t: this.target, arg },
    );
  }

  /** Runs `fn(elements, arg)` on every match. */
  async evaluateAll<T, A = undefined>(fn: (els: HTMLElement[], arg: A) => T, arg?: A): Promise<T> {
    const source = fn.toString();
    return overlayEvaluate(
      this.page,
      new Function('root', 'a', `return (${source})(root ? Array.from(root.querySelectorAll(a.selector)) : [], a.arg);`) as (root: ShadowRoot | null, a: { selector: string; arg: unknown }) => T,
      { selector: this.target.selector, arg },
    );
  }

  count(): Promise<number> {
    return overlayEvaluate(this.page, (root, selector: string) => (root ? root.querySelectorAll(selector).length : 0), this.target.selector);
  }

  innerText(): Promise<string> {
    return this.evaluate((el) => el.innerText);
  }

  textContent(): Promise<string | null> {
    return this.evaluate((el) => el.textContent);
  }

  getAttribute(name: string): Promise<string | null> {
    return this.evaluate((el, n) => el.getAttribute(n), name);
  }

  async isVisible(): Promise<boolean> {
    return overlayEvaluate(
      this.page,
      new Function('root', 't', `const el = (${PICK})(root, t); return !!el && el.checkVisibility({ visibilityProperty: true, opacityProperty: true });`) as (root: ShadowRoot | null, t: Target) => boolean,
      this.target,
    );
  }

  /** Waits until the element is there (and drawn, unless `state` is 'attached'). */
  async waitFor(options: { timeout?: number; state?: 'attached' | 'visible' } = {}): Promise<void> {
    const visible = options.state !== 'attached';
    await overlayWaitFor(
      this.page,
      new Function(
        'root',
        'a',
        `const el = (${PICK})(root, a.t); return !!el && (!a.visible || el.checkVisibility({ visibilityProperty: true, opacityProperty: true }));`,
      ) as (root: ShadowRoot | null, a: { t: Target; visible: boolean }) => boolean,
      { t: this.target, visible },
      options.timeout ?? 15_000,
      `waiting for ${this.target.selector} in the reader`,
    );
  }

  /** The element's box in the viewport, or null where it has none. */
  boundingBox(): Promise<{ x: number; y: number; width: number; height: number } | null> {
    return this.evaluate((el) => {
      const r = el.getBoundingClientRect();
      return r.width || r.height ? { x: r.left, y: r.top, width: r.width, height: r.height } : null;
    });
  }

  /** Scrolls the element to the middle of the view, only where it is not in view already. */
  async scrollIntoViewIfNeeded(): Promise<void> {
    await this.evaluate((el) => {
      const r = el.getBoundingClientRect();
      const x = r.left + r.width / 2;
      const y = r.top + r.height / 2;
      if (x < 0 || y < 0 || x >= innerWidth || y >= innerHeight) el.scrollIntoView({ block: 'center', inline: 'center' });
    });
  }

  /**
   * A real click at the element's centre, after scrolling it into view if needed. Refuses (as
   * Playwright would) where something else would take the click.
   */
  async click(): Promise<void> {
    await this.scrollIntoViewIfNeeded();
    const point = await this.evaluate((el) => {
      const r = el.getBoundingClientRect();
      const x = r.left + r.width / 2;
      const y = r.top + r.height / 2;
      const root = el.getRootNode() as ShadowRoot;
      const hit = root.elementFromPoint(x, y);
      return { x, y, receives: !!hit && (hit === el || el.contains(hit)), hit: hit ? `${hit.localName}.${hit.className}` : null };
    });
    if (!point.receives) throw new Error(`click on ${this.target.selector}: ${point.hit} would receive it`);
    await this.page.mouse.click(point.x, point.y);
  }
}

/** The reader's shadow root as a locator scope. */
export function overlayIn(page: Page): { locator(selector: string): OverlayLocator } {
  return { locator: (selector) => new OverlayLocator(page, { selector, index: -1 }) };
}

/** The accessible names of the elements matching `selector` in the reader, from the browser's accessibility tree. */
export async function accessibleNames(page: Page, selector: string): Promise<string[]> {
  return withOverlayObject(
    page,
    new Function('root', `return root ? Array.from(root.querySelectorAll(${JSON.stringify(selector)})) : [];`) as (root: ShadowRoot | null) => unknown,
    async (cdp, arrayId) => {
      if (!arrayId) return [];
      const { result } = (await cdp.send('Runtime.getProperties', { objectId: arrayId, ownProperties: true })) as { result: { name: string; value?: RemoteObject }[] };
      const elements = result.filter((p) => /^\d+$/.test(p.name)).sort((a, b) => Number(a.name) - Number(b.name));
      const names: string[] = [];
      for (const el of elements) {
        const { nodeId } = (await cdp.send('DOM.requestNode', { objectId: el.value!.objectId! })) as { nodeId: number };
        const { nodes } = (await cdp.send('Accessibility.getPartialAXTree', { nodeId, fetchRelatives: false })) as { nodes: { name?: { value?: string } }[] };
        names.push(String(nodes[0]?.name?.value ?? '').trim());
      }
      return names;
    },
  );
}
