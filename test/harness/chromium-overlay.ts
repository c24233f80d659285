/**
 * Oqy's in-page reader, read and used from outside its closed shadow root, in Chromium, the way
 * only a test can: the DevTools protocol finds the root (DOM.getDocument with `pierce`) and
 * hands it to a world of the test's own (Page.createIsolatedWorld), where the test's functions
 * run with it. The page's scripts never see it; neither does Oqy's content script. The driver
 * (driver-chromium.ts) builds `tab.reader` on it.
 */
import type { CDPSession, Page } from 'playwright-core';

/** The id of the reader's host, a direct child of <html>. */
const HOST_ID = 'oqy-reader-host';
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
