/**
 * Auto reader mode. The background registers this script only for the sites the reader turned
 * auto mode on for; it runs at document_start. It veils the page at once, decides once the page
 * is parsed, and either opens the reader over it or lifts the veil: never blank for longer than
 * DEADLINE_MS, after which the page shows as it is and stays so.
 *
 * Self-contained (built as one IIFE): on sites other than Qazaq24 it cannot load chunks.
 */
import browser from 'webextension-polyfill';
import { veilPage } from './veil.ts';
import { closeReader, isReaderOpen, onReaderClosed, openReader } from './reader-overlay.tsx';
import { extract, profileFor } from '../core/extract.ts';
import type { AutoProblem } from '../shared/messages.ts';

/** The longest the page stays veiled. Past it the original shows, and the reader does not pop up over it. */
export const DEADLINE_MS = 2500;
/** After the site changes page without a load, its new content needs a moment to arrive. */
const SOFT_NAVIGATION_SETTLE_MS = 400;

function report(problem: AutoProblem): void {
  browser.runtime.sendMessage({ type: 'oqy/auto-problem', problem }).catch(() => undefined);
}

function isArticleHere(): boolean {
  const url = new URL(location.href);
  return profileFor(url).isArticle(document, url);
}

/** A page's address without its fragment: `#` links (the site's own "up") do not change the page. */
const pageAddress = (href: string) => href.split('#')[0]!;

/** "Show original" (closing the reader) holds for the address it was shown for, until the page reloads. */
const originalChosenFor = new Set<string>();
/** The address the reader was opened for by this script. */
let shownFor: string | null = null;
/** True while the reader is closed because the page changed, not by the reader's choice. */
let leaving = false;

async function decide(deadlinePassed: () => boolean): Promise<void> {
  const here = location.href;
  if (originalChosenFor.has(pageAddress(here)) || isReaderOpen() || !isArticleHere()) return;
  let article;
  try {
    article = extract(document, here, { window });
  } catch (e) {
    report({ kind: 'failed', detail: String((e as Error)?.message ?? e) });
    return;
  }
  if (!article.isArticle) return;
  if (deadlinePassed()) {
    report({ kind: 'timeout', detail: `${DEADLINE_MS} ms` });
    return;
  }
  await openReader(article, { auto: true });
  shownFor = pageAddress(here);
}

function onFirstLoad(): void {
  const veil = veilPage();
  let passed = false;
  const deadline = setTimeout(() => {
    passed = true;
    veil.lift();
  }, DEADLINE_MS);
  const finish = () => {
    clearTimeout(deadline);
    veil.lift();
  };
  const run = () => {
    decide(() => passed)
      .catch((e) => report({ kind: 'failed', detail: String((e as Error)?.message ?? e) }))
      .finally(finish);
  };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', run, { once: true });
  else run();
}

/** Pages changed with history.pushState: no load event, so the address is watched. */
function watchSoftNavigation(): void {
  let last = pageAddress(location.href);
  const check = () => {
    const now = pageAddress(location.href);
    if (now === last) return;
    last = now;
    leaving = true;
    if (isReaderOpen()) closeReader();
    leaving = false;
    setTimeout(() => void decide(() => false).catch(() => undefined), SOFT_NAVIGATION_SETTLE_MS);
  };
  window.addEventListener('popstate', check);
  const navigation = (window as unknown as { navigation?: EventTarget }).navigation;
  navigation?.addEventListener('navigatesuccess', check);
  // pushState fires no event a content script hears in every browser.
  setInterval(check, 1000);
}

if (!(window as unknown as { __oqyAuto?: boolean }).__oqyAuto) {
  (window as unknown as { __oqyAuto?: boolean }).__oqyAuto = true;
  onReaderClosed(() => {
    if (!leaving) originalChosenFor.add(shownFor ?? pageAddress(location.href));
    shownFor = null;
  });
  onFirstLoad();
  watchSoftNavigation();
}
