/**
 * The content script reads an article ahead of the popup only on a page small enough to read in
 * idle time (src/content/prepare-ahead.ts): the fixture articles are, a page of very many
 * elements or very much text is not, and the count stops at the limit.
 */
import { describe, expect, it } from 'vitest';
import { JSDOM } from 'jsdom';
import { readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { smallEnoughToPrepare } from '../../src/content/prepare-ahead.ts';

const PAGES = resolve(import.meta.dirname, '../../../shared/fixtures/qazaq24');

const doc = (html: string) => new JSDOM(html).window.document;

describe('smallEnoughToPrepare', () => {
  it('takes every fixture article', () => {
    const articles = readdirSync(PAGES).filter((f) => f.startsWith('article-') && f.endsWith('.html'));
    expect(articles.length).toBeGreaterThan(0);
    for (const file of articles) expect(smallEnoughToPrepare(doc(readFileSync(resolve(PAGES, file), 'utf8'))), file).toBe(true);
  });

  it('leaves a page of very many elements to be read when asked', () => {
    expect(smallEnoughToPrepare(doc(`<body>${'<span>a</span>'.repeat(14_000)}</body>`))).toBe(true);
    expect(smallEnoughToPrepare(doc(`<body>${'<span>a</span>'.repeat(16_000)}</body>`))).toBe(false);
  });

  it('leaves a page of very much text to be read when asked, in few elements too', () => {
    expect(smallEnoughToPrepare(doc(`<body><p>${'слово '.repeat(50_000)}</p></body>`))).toBe(true);
    expect(smallEnoughToPrepare(doc(`<body><p>${'слово '.repeat(70_000)}</p></body>`))).toBe(false);
    expect(smallEnoughToPrepare(doc(`<body>${`<p>${'сөз '.repeat(10)}</p>`.repeat(12_000)}</body>`))).toBe(false);
  });

  it('leaves a page nested very deep to be read when asked, and counts text after a deep branch', () => {
    const nested = (n: number) => `${'<div>'.repeat(n)}сөз${'</div>'.repeat(n)}`;
    expect(smallEnoughToPrepare(doc(`<body>${nested(250)}</body>`))).toBe(true);
    expect(smallEnoughToPrepare(doc(`<body>${nested(400)}</body>`))).toBe(false);
    // Back out of a deep branch, the text of the siblings that follow still counts.
    expect(smallEnoughToPrepare(doc(`<body>${nested(250)}<p>${'слово '.repeat(70_000)}</p></body>`))).toBe(false);
    expect(smallEnoughToPrepare(doc(`<body>${nested(250)}${nested(250)}<p>a</p></body>`))).toBe(true);
  });

  it('does not count an inline script or style as text to read', () => {
    const big = 'x'.repeat(500_000);
    expect(smallEnoughToPrepare(doc(`<body><p>сөз</p><script>var data = "${big}";</script><style>/* ${big} */</style></body>`))).toBe(true);
  });

  it('leaves a document without a body alone', () => {
    const xml = doc('').implementation.createDocument(null, 'feed');
    expect(xml.body).toBeFalsy();
    expect(smallEnoughToPrepare(xml)).toBe(false);
  });
});
