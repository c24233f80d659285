/**
 * The parts of a driver's Tab that are the same in every browser: they are built on the
 * browser's own `evaluate`, `evaluateSource` and click-at-a-point.
 */
import { pollUntil, type Driver, type ReaderOverlay, type Tab, type WaitOptions } from './driver.ts';

type Evaluate = Tab['evaluate'];

/** Polls `fn(arg)` in the page until it is truthy. */
export function waitInPage(evaluate: Evaluate) {
  return <T, A = undefined>(fn: (arg: A) => T | Promise<T>, arg?: A, options: WaitOptions = {}): Promise<T> =>
    pollUntil(() => evaluate(fn, arg as A), { what: 'a condition in the page', ...options });
}

/** The innerText of the first match of `selector` (default the body), or null. */
export function textInPage(evaluate: Evaluate) {
  return (selector = 'body'): Promise<string | null> =>
    evaluate((s: string) => {
      const el = document.querySelector(s);
      return el instanceof HTMLElement ? el.innerText : (el?.textContent ?? null);
    }, selector);
}

/** Chooses an option of a <select> as a person's choice in its list does. */
export function selectOptionInPage(evaluate: Evaluate) {
  return async (selector: string, value: string): Promise<void> => {
    const done = await evaluate(
      ({ selector, value }) => {
        const select = document.querySelector(selector);
        if (!(select instanceof HTMLSelectElement)) return `no <select> ${selector}`;
        if (!Array.from(select.options).some((o) => o.value === value)) return `${selector} has no option ${value}`;
        select.value = value;
        select.dispatchEvent(new Event('input', { bubbles: true }));
        select.dispatchEvent(new Event('change', { bubbles: true }));
        return 'ok';
      },
      { selector, value },
    );
    if (done !== 'ok') throw new Error(`selectOption: ${done}`);
  };
}

/** Waits for a visible element matching `selector`. */
export function waitForSelectorInPage(evaluate: Evaluate) {
  return async (selector: string, options: WaitOptions = {}): Promise<void> => {
    await pollUntil(
      () =>
        evaluate((s: string) => {
          const el = document.querySelector(s);
          if (!el) return false;
          const r = el.getBoundingClientRect();
          return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden';
        }, selector),
      { what: `${selector} to be visible`, ...options },
    );
  };
}

/** The parts of the reader overlay built on its `evaluate` and a click at a point in the page. */
export function readerOverlay(
  evaluate: ReaderOverlay['evaluate'],
  clickAt: (x: number, y: number) => Promise<void>,
): ReaderOverlay {
  return {
    evaluate,
    waitFor: (fn, arg, options = {}) => pollUntil(() => evaluate(fn, arg as never), { what: 'the reader', ...options }),
    text: (selector) =>
      evaluate((root, s: string | null) => {
        if (!root) return null;
        const el = s ? root.querySelector(s) : root.firstElementChild;
        return el instanceof HTMLElement ? el.innerText : (el?.textContent ?? null);
      }, selector ?? null),
    async click(selector) {
      const point = await evaluate((root, s: string) => {
        const el = root?.querySelector(s);
        if (!el) return { error: `no ${s} in the reader` };
        let r = el.getBoundingClientRect();
        let x = r.left + r.width / 2;
        let y = r.top + r.height / 2;
        if (x < 0 || y < 0 || x >= innerWidth || y >= innerHeight) {
          el.scrollIntoView({ block: 'center', inline: 'center' });
          r = el.getBoundingClientRect();
          x = r.left + r.width / 2;
          y = r.top + r.height / 2;
        }
        const hit = (el.getRootNode() as ShadowRoot).elementFromPoint(x, y);
        if (!hit || (hit !== el && !el.contains(hit))) return { error: `${s} is covered by ${hit ? `${hit.localName}.${hit.className}` : 'nothing'}` };
        return { x, y };
      }, selector);
      if ('error' in point) throw new Error(`click in the reader: ${point.error}`);
      await clickAt(point.x, point.y);
    },
  };
}

/** The extension's id for the tab showing `url` (exactly), asked through the tabs API. */
export async function tabIdByUrl(inExtension: Driver['inExtension'], url: string): Promise<number> {
  const id = await inExtension(
    async (api: { tabs: { query(q: object): Promise<Array<{ id?: number; url?: string }>> } }, address: string) =>
      (await api.tabs.query({})).find((t) => t.url === address)?.id ?? null,
    url,
  );
  if (id === null) throw new Error(`no tab shows ${url}`);
  return id;
}

/** The toolbar button's tooltip for a tab, and a wait for one of some tooltips, through `inExtension`. */
export function toolbarTitles(inExtension: Driver['inExtension']): Pick<Driver, 'toolbarTitle' | 'waitForToolbarTitle'> {
  const toolbarTitle = async (target: Tab) =>
    inExtension((api: { action: { getTitle(d: object): Promise<string> } }, tabId: number) => api.action.getTitle({ tabId }), await target.id());
  return {
    toolbarTitle,
    waitForToolbarTitle: async (target, expected, timeoutMs = 15_000) =>
      pollUntil<string>(
        async () => {
          const title = await toolbarTitle(target);
          return (expected.includes(title) ? title : null) as string;
        },
        { timeoutMs, what: `the toolbar title of ${await target.url()} to be one of ${JSON.stringify(expected)}` },
      ),
  };
}
