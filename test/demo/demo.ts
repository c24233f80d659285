/**
 * npm run demo: builds Oqy, opens a Qazaq24 article in Chromium with the extension, opens the
 * popup for it, and leaves two pictures in demo-output/: page.png (the page as the site serves
 * it) and popup.png (what Oqy shows). The pages come from the local fixture server, which
 * answers for qazaq24.com; nothing goes to the network.
 */
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadFixtures, startFixtureServer, type FixtureServer } from '../harness/fixture-server.ts';
import { launchChromiumWithExtension, tabIdFor, waitForToolbarTitle, type ChromiumWithExtension } from '../harness/chromium.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const OUT = resolve(ROOT, 'demo-output');
const ARTICLE = 'article-unity-kk';
const TITLE_READY = 'Oqy: read this article';
const TITLE_NOT_ARTICLE = 'Oqy: this Qazaq24 page is not an article';

function build(): Promise<void> {
  return new Promise((done, fail) => {
    const child = spawn('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
    child.on('error', (e) => fail(new Error(`could not run npm run build: ${e.message}`)));
    child.on('exit', (code, signal) =>
      code === 0 ? done() : fail(new Error(`npm run build failed (${signal ?? `exit code ${code}`})`)),
    );
  });
}

const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();

async function main(): Promise<void> {
  await build();
  mkdirSync(OUT, { recursive: true });

  const fixture = loadFixtures().find((f) => f.name === ARTICLE);
  if (!fixture) throw new Error(`fixture ${ARTICLE} not found`);

  let server: FixtureServer | undefined;
  let browser: ChromiumWithExtension | undefined;
  try {
    server = await startFixtureServer();
    browser = await launchChromiumWithExtension({ serverPort: server.port });

    // The reader opens the article; the toolbar button lights up once the content script has looked.
    const page = await browser.context.newPage();
    const response = await page.goto(fixture.servedUrl);
    if (response?.status() !== 200) throw new Error(`${fixture.servedUrl} answered ${response?.status()}`);
    const toolbar = await waitForToolbarTitle(browser.worker, fixture.servedUrl, [TITLE_READY, TITLE_NOT_ARTICLE]);
    if (toolbar !== TITLE_READY) throw new Error(`the toolbar button says "${toolbar}" on the article`);
    await page.screenshot({ path: resolve(OUT, 'page.png') });

    // The popup, opened as a page of a popup's size for that tab.
    const tabId = await tabIdFor(browser.worker, fixture.servedUrl);
    const popup = await browser.context.newPage();
    await popup.setViewportSize({ width: 460, height: 640 });
    await popup.goto(browser.popupUrl({ tab: tabId }));
    const main = popup.locator('main.popup');
    await popup.locator('main.popup:not([data-state="loading"])').waitFor({ timeout: 30_000 });
    const state = await main.getAttribute('data-state');
    if (state !== 'article') throw new Error(`the popup shows "${state}": ${oneLine(await main.innerText()).slice(0, 200)}`);
    await popup.screenshot({ path: resolve(OUT, 'popup.png') });

    const text = async (id: string) => oneLine(await popup.getByTestId(id).innerText());
    const source = popup.getByTestId('source');
    const body = await text('body');
    const words = body.split(' ').filter((w) => /[\p{L}\p{N}]/u.test(w)).length;

    console.log(`
Oqy demo: screenshots in ${OUT}
  page.png   the article as Qazaq24 serves it
  popup.png  the Oqy popup for that tab
Title:     ${await text('title')}
Source:    ${await text('source')} (${(await source.getAttribute('href')) ?? 'no link'})
Views:     ${await text('views')}
Archived:  ${await text('archived')}
Body:      ${words} words`);
  } finally {
    await browser?.close();
    await server?.close();
  }
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    // The first line says it; Playwright's call logs follow on later lines.
    console.error(`demo failed: ${String((e as Error)?.message ?? e).split('\n')[0]}`);
    process.exit(1);
  },
);
