/**
 * The info block written as one row, its items side by side with a separator between them
 * (`Көрілімдер:104 · Дереккөз: egemen.kz · Бұл хабарлама…`): each item is still a line of its
 * own, so the views, the source and the archived time are read as from a block of lines, and
 * none of them shows in the body.
 */
import { describe, expect, it } from 'vitest';
import { extractHtml } from './dom-env.ts';
import { articleFixtures } from './fixture-insert.ts';
import { collapse } from '../../src/core/text/normalize.ts';

const ITEMS = /(?:\s*<div class="post__info-item">([\s\S]*?)<\/div>)+/;

/** The page with its info items as spans on one row, `separator` between them. */
function asRow(html: string, separator: string): string {
  const block = ITEMS.exec(html);
  if (!block) throw new Error('no info block');
  const items = [...block[0].matchAll(/<div class="post__info-item">([\s\S]*?)<\/div>/g)].map((m) => `<span>${m[1]}</span>`);
  return html.replace(block[0], `<div>${items.join(separator)}</div>`);
}

describe('the info block as one row', () => {
  for (const f of articleFixtures()) {
    for (const separator of [' · ', ' | ', ' • ']) {
      it(`${f.name}, items separated by "${separator.trim()}"`, () => {
        const out = extractHtml(asRow(f.html, separator), f.gold.url);
        expect([out.source?.url, out.views, out.archivedAt]).toEqual([f.gold.source.url, f.gold.views, f.gold.archivedAt]);
        const text = collapse(out.textContent);
        for (const t of f.gold.text) expect(text).toContain(collapse(t));
        expect(text).not.toMatch(/Көрілімдер|Просмотры|Дереккөз|Источник|мұрағатталған|заархивирована/);
      });
    }
  }
});

describe('view counts as they may be written', () => {
  const fixtures = articleFixtures();
  const kk = fixtures.find((f) => f.gold.lang === 'kk')!;
  const ru = fixtures.find((f) => f.gold.lang === 'ru')!;
  it.each([
    ['kk', 'Көрілімдер:1,2 мың', 1200],
    ['kk', 'Көрілімдер:1,25 мың', 1250],
    ['kk', 'Көрілімдер: 1 204', 1204],
    ['ru', 'Просмотры: 1.2K', 1200],
    ['ru', 'Просмотры: 3 тыс.', 3000],
    // The count before its label, in the label's text or in an element of its own.
    ['ru', '12 345 просмотров', 12345],
    ['ru', '<span>12 345</span> просмотров', 12345],
    ['kk', '<b>1 204</b> көрілім', 1204],
  ])('%s: %s', (lang, line, views) => {
    const f = lang === 'kk' ? kk : ru;
    const html = f.html.replace(/(Көрілімдер|Просмотры):\d+/, line);
    expect(html).toContain(line);
    const out = extractHtml(html, f.gold.url);
    expect(out.views).toBe(views);
    const count = line.replace(/<[^>]+>/g, '').match(/\d[\d\s.,]*\d|\d/)![0];
    expect(collapse(out.textContent)).not.toContain(count);
    expect(out.textContent).not.toMatch(/көрілім|просмотр/i);
    expect([out.source?.url, out.archivedAt]).toEqual([f.gold.source.url, f.gold.archivedAt]);
  });
});

describe('the archived time as it may be written', () => {
  const fixtures = articleFixtures();
  const kk = fixtures.find((f) => f.gold.lang === 'kk')!;
  const ru = fixtures.find((f) => f.gold.lang === 'ru')!;
  const ARCHIVED = /(Бұл хабарлама дереккөзден мұрағатталған|Эта новость заархивирована из источника) [^<]+/;
  it.each([
    // Shown relative or in words, exact in the machine time beside it.
    ['kk', 'Бұл хабарлама дереккөзден мұрағатталған <time datetime="2026-02-05T09:12:00+05:00">2 сағат бұрын</time>', '2026-02-05T09:12:00+05:00'],
    ['ru', 'Эта новость заархивирована из источника <time datetime="2026-02-04T14:05">вчера в 14:05</time>', '2026-02-04T14:05:00+05:00'],
    ['ru', 'Эта новость заархивирована из источника <time datetime="2026-02-05T04:12:00Z">сегодня, 09:12</time>', '2026-02-05T09:12:00+05:00'],
    // A machine date without its time says less than the time written.
    ['ru', 'Эта новость заархивирована из источника <time datetime="2026-01-30">30 Январь 2026 17:19</time>', '2026-01-30T17:19:00+05:00'],
    // Written with its seconds, or as a machine date in another zone.
    ['kk', 'Бұл хабарлама дереккөзден мұрағатталған 05 Ақпан 2026 09:12:45', '2026-02-05T09:12:45+05:00'],
    ['ru', 'Эта новость заархивирована из источника 2026-02-05T04:12:00Z', '2026-02-05T09:12:00+05:00'],
  ])('%s: %s', (lang, line, iso) => {
    const f = lang === 'kk' ? kk : ru;
    const html = f.html.replace(ARCHIVED, line);
    expect(html).toContain(line);
    const out = extractHtml(html, f.gold.url);
    expect(out.archivedAt).toBe(iso);
    expect([out.source?.url, out.views]).toEqual([f.gold.source.url, f.gold.views]);
    expect(out.textContent).not.toMatch(/мұрағатталған|заархивирована|бұрын|вчера|сегодня/);
  });
});
