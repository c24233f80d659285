/**
 * The driver itself, in each browser: what the feature tests lean on must see what a person
 * would. An uncaught error of the page's own script is seen (and a parser's complaint is not),
 * a click by role and name lands on that element, a chord reaches the page as one, and the
 * reader's root is null while no reader is open.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixtureServer, type FixtureServer } from '../harness/fixture-server.ts';
import { BROWSERS, launchDriver, pollUntil, type Driver } from '../harness/driver.ts';

const PAGE = `<!doctype html><meta charset="utf-8"><title>driver</title>
<body><p>plain page</p>
<button id="one">First</button> <button id="two" aria-label="Second one">2</button>
<input id="field" value="">
<script>
  window.clicks = []; window.keys = [];
  for (const b of document.querySelectorAll('button')) b.addEventListener('click', (e) => clicks.push(b.id + (e.isTrusted ? ':trusted' : '')));
  addEventListener('keydown', (e) => keys.push((e.shiftKey ? 'Shift+' : '') + e.key));
  setTimeout(() => { throw new Error('the page broke on purpose'); }, 0);
</script>`;

describe.each(BROWSERS)('the end-to-end driver in %s', (browserName) => {
  let server: FixtureServer;
  let browser: Driver;

  beforeAll(async () => {
    server = await startFixtureServer([]);
    server.route('http://news.example.test/driver', { type: 'text/html; charset=utf-8', body: PAGE });
    browser = await launchDriver(browserName, { server, extraHosts: ['news.example.test'] });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("sees the page's uncaught error, clicks by role and name, presses a chord, and finds no reader", async () => {
    const tab = await browser.openTab('http://news.example.test/driver');
    try {
      expect(await tab.text('p')).toBe('plain page');
      await pollUntil(async () => tab.errors().length > 0, { what: "the page's error to be reported" });
      expect(tab.errors().join('\n')).toContain('the page broke on purpose');

      await tab.clickRole('button', 'Second one');
      await tab.click('#one');
      expect(await tab.evaluate(() => (window as unknown as { clicks: string[] }).clicks)).toEqual(['two:trusted', 'one:trusted']);

      await tab.click('#field');
      await tab.press('Shift+Tab');
      await tab.type('ab');
      expect(await tab.evaluate(() => (window as unknown as { keys: string[] }).keys)).toEqual(['Shift+Shift', 'Shift+Tab', 'a', 'b']);

      expect(await tab.reader.evaluate((root) => root === null)).toBe(true);
    } finally {
      await tab.close();
    }
  });
});
