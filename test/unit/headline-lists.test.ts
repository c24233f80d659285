import { describe, expect, it } from 'vitest';
import { findHeadlineLists, isListingDetail, removeKnownHeadlines, removeLinkRuns, headlinesOf } from '../../src/core/clean/headline-lists.ts';
import { foldForMatch } from '../../src/core/text/normalize.ts';
import { parse } from './dom-env.ts';

const HEADLINES = [
  'Ата Заңға түзету енгізу тек жалпыхалықтық референдум арқылы жүзеге асады',
  'Парсы шығанағындағы шиеленіс аясында мұнай бағасы 70 долларлық межеден асты',
  'Жоғарғы кеңестен Құрылтайға дейін: Қазақстан парламентінің тарихы',
  'Cенатта Ұлттық мүдде диалог алаңының отырысы өтті',
];
const PROSE =
  'Елімізде түрлі этнос өкілдері тату-тәтті өмір сүріп келеді. Мыңжылдық тарихы бар кең-байтақ жеріміз көптің ортақ шаңырағына айналды. Олардың тілі, мәдениеті, дәстүрі мен өнері арқылы ұлттың рухани байлығы еселеніп келеді.';

const link = (t: string, i: number) => `<a href="/news/n${i}">${t}</a>`;

function body(html: string): HTMLElement {
  return parse(`<!doctype html><body>${html}</body>`).window.document.body;
}

describe('headline lists', () => {
  it.each([
    ['a <ul> with dates and view counts', `<ul>${HEADLINES.map((h, i) => `<li>${link(h, i)}<span>30 Қаңтар 2026 17:19</span><i>see</i>113</li>`).join('')}</ul>`],
    ['<div> cards', `<div>${HEADLINES.map((h, i) => `<div><div>${link(h, i)}</div><div>30.01.2026</div></div>`).join('')}</div>`],
    ['links between <br>s', `<div>${HEADLINES.map((h, i) => link(h, i)).join('<br>')}</div>`],
    ['a table', `<table>${HEADLINES.map((h, i) => `<tr><td>${link(h, i)}</td><td>104</td></tr>`).join('')}</table>`],
    ['<p>s with a heading', `<section><h3>Ең көп оқылғандар</h3>${HEADLINES.map((h, i) => `<p>${link(h, i)}</p>`).join('')}</section>`],
    ['a table with a header over one cell a row', `<table><tr><th>Ең көп оқылғандар</th></tr>${HEADLINES.map((h, i) => `<tr><td>${link(h, i)}</td></tr>`).join('')}</table>`],
  ])('finds %s and leaves the prose beside it', (_name, list) => {
    const root = body(`<div><p>${PROSE}</p></div>${list}<div><p>${PROSE}</p></div>`);
    const lists = findHeadlineLists(root);
    expect(lists).toHaveLength(1);
    for (const el of lists) el.remove();
    for (const h of HEADLINES) expect(root.textContent).not.toContain(h);
    expect(root.textContent!.split(PROSE)).toHaveLength(3);
  });

  it('leaves a table of data whose rows name things with links: header cells over rows of several cells', () => {
    const names = ['Казахский национальный университет имени аль-Фараби', 'Евразийский национальный университет имени Гумилёва', 'Казахский национальный технический университет имени Сатпаева', 'Карагандинский университет имени Букетова'];
    const table = `<table><thead><tr><th>Университет</th><th>Город</th><th>Место</th></tr></thead><tbody>${names.map((n, i) => `<tr><td><a href="https://u${i}.example.kz">${n}</a></td><td>Алматы</td><td>${i + 1}</td></tr>`).join('')}</tbody></table>`;
    for (const html of [table, `<div>${table}</div>`, table.replace(/<\/?thead>/g, '')]) expect(findHeadlineLists(body(`<p>${PROSE}</p>${html}<p>${PROSE}</p>`))).toEqual([]);
    // A box of headlines headed as a table, its other column times: headlines still.
    const box = `<table><tr><th>Время</th><th>Последние новости</th></tr>${HEADLINES.map((h, i) => `<tr><td>1${i}:05</td><td>${link(h, i)}</td></tr>`).join('')}</table>`;
    expect(findHeadlineLists(body(`<p>${PROSE}</p>${box}<p>${PROSE}</p>`))).toHaveLength(1);
    // Without the header, the same rows are a box of headlines with their dates.
    expect(findHeadlineLists(body(`<p>${PROSE}</p>${table.replace(/<thead>.*<\/thead>/, '')}<p>${PROSE}</p>`))).toHaveLength(1);
  });

  it('does not take prose with links in it for a list', () => {
    const root = body(`<p>${PROSE} ${link(HEADLINES[0]!, 0)} ${PROSE} ${link(HEADLINES[1]!, 1)} ${PROSE} ${link(HEADLINES[2]!, 2)}</p>`);
    expect(findHeadlineLists(root)).toEqual([]);
  });

  it('does not swallow a short article beside a list', () => {
    const short = 'Павлодар облысындағы төрт жасар қыз өзінің алғашқы ертегілер кітабын шығарды. Кітапқа бала өзі ойлап тапқан он ертегі енген.';
    const root = body(`<div><p>${short}</p><ul>${HEADLINES.map((h, i) => `<li>${link(h, i)}</li>`).join('')}</ul></div>`);
    const lists = findHeadlineLists(root);
    expect(lists.map((l) => l.tagName)).toEqual(['UL']);
  });

  it('removes a bare run of headline links inside running text', () => {
    const root = body(`<div>${PROSE}<br><br>${link(HEADLINES[0]!, 0)}<br>${link(HEADLINES[1]!, 1)}<br><br>${PROSE}</div>`);
    expect(removeLinkRuns(root)).toBe(2);
    expect(root.textContent).not.toContain(HEADLINES[0]);
    expect(root.textContent).not.toContain(HEADLINES[1]);
    expect(root.textContent!.split(PROSE)).toHaveLength(3);
  });

  it('keeps a single link in a sentence', () => {
    const root = body(`<p>${PROSE} Толығырақ ${link(HEADLINES[0]!, 0)} мақаласында.</p>`);
    expect(removeLinkRuns(root)).toBe(0);
    expect(root.textContent).toContain(HEADLINES[0]);
  });

  it('removes elsewhere what repeats a known headline, even typed with a look-alike letter', () => {
    const ticker = body(`<div>${HEADLINES.map((h, i) => link(h, i)).join('')}</div>`);
    const known = headlinesOf(findHeadlineLists(ticker));
    expect(known.has(foldForMatch(HEADLINES[3]!))).toBe(true);
    const root = body(`<p>${PROSE}</p><p><strong>Сенатта Ұлттық мүдде диалог алаңының отырысы өтті</strong></p>`);
    expect(removeKnownHeadlines(root, known)).toBe(1);
    expect(root.textContent).toBe(PROSE);
  });
});

describe('isListingDetail: what a list puts beside a headline', () => {
  it.each(['', ' ', ' | ', '30 Қаңтар 2026 17:19', '30 января 2026, 16:36', '12:05', '113', 'see113', ' · 1 Мамыр'])('takes %j', (text) => {
    expect(isListingDetail(text)).toBe(true);
  });

  it.each(['Марат', 'Сенат 2026', 'деп хабарлады', '30 Қаңтар 2026 жылы', 'Толығырақ', 'мамыр айында 5'])('refuses %j', (text) => {
    expect(isListingDetail(text)).toBe(false);
  });
});
