/**
 * The EPUB builder (src/core/epub) read back by an independent reader of the format
 * (test/harness/reading-check.ts: zip layout, container, package, manifest, navigation,
 * well-formed XHTML), with sanitized article HTML, hostile text and missing images; the Markdown
 * export of highlights; and the search of highlights with the library's folding.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { JSDOM } from 'jsdom';
import { strToU8, unzipSync, zipSync, type Zippable } from 'fflate';
import { buildEpub, imageName, type EpubArticle, type EpubFont } from '../../src/core/epub/book.ts';
import { prepareBody, serializeChildren } from '../../src/core/epub/chapter.ts';
import { sanitizeToFragment } from '../../src/core/sanitize.ts';
import { applyLatinScript } from '../../src/core/translit/dom-latin.ts';
import { escapeMarkdown, fileNameOf, highlightsMarkdown } from '../../src/core/highlights/markdown.ts';
import { highlightMatcher, highlightWords } from '../../src/core/highlights/search.ts';
import { readEpub } from '../harness/reading-check.ts';

const FIXTURES = resolve(import.meta.dirname, '../../../shared/fixtures/qazaq24');
const FONTS = resolve(import.meta.dirname, '../../public/fonts');
const gold = (name: string) => JSON.parse(readFileSync(resolve(FIXTURES, `${name}.json`), 'utf8')) as { url: string; title: string; text: string[]; images: string[]; lang: string };

const PNG = Uint8Array.from(readFileSync(resolve(import.meta.dirname, '../../public/icons/oqy-16.png')));

/** A chapter as the library makes it: sanitized HTML into a DOM, the images pointed into the book, serialized as XML. */
function chapter(html: string, meta: { title: string; url: string; lang: string }, index: number, images: string[], latin = false): EpubArticle {
  const dom = new JSDOM('<!doctype html><div id="c"></div>');
  const win = dom.window as unknown as Window;
  const container = dom.window.document.getElementById('c')!;
  container.append(sanitizeToFragment(html, win));
  if (latin) applyLatinScript(container);
  const paths = new Map(images.map((url, k) => [url, `../images/${imageName(index, k, 'image/png')}`]));
  prepareBody(container, (url) => paths.get(url) ?? null);
  const serializer = new dom.window.XMLSerializer();
  return {
    title: meta.title,
    url: meta.url,
    lang: latin ? 'kk-Latn' : meta.lang,
    source: { name: 'Kazinform & Co <1>', url: 'https://www.inform.kz/?a=1&b=2' },
    archived: '30 January 2026, 10:54',
    bodyXhtml: serializeChildren(container, (n) => serializer.serializeToString(n)),
    images: images.map((url) => ({ url, bytes: PNG, type: 'image/png' })),
  };
}

const FONT_FILES: EpubFont[] = ['cyrillic', 'cyrillic-ext', 'latin', 'latin-ext'].map((subset) => ({
  file: `pt-serif-${subset}-400-normal.woff2`,
  bytes: Uint8Array.from(readFileSync(resolve(FONTS, `pt-serif-${subset}-400-normal.woff2`))),
  family: 'PT Serif',
  weight: 400,
  style: 'normal' as const,
  unicodeRange: 'U+0000-FFFF',
}));

const LABELS = { bookTitle: 'Oqy: 2', contents: 'Contents', source: 'Source', original: 'Original', archived: 'Archived' };

function eagleHtml(): string {
  const g = gold('article-eagle-kk');
  return g.text.map((p, i) => (i === 2 ? `<figure><img src="${g.images[0]}" alt="Бүркіт"><figcaption>${p}</figcaption></figure>` : `<p>${p}</p>`)).join('') + `<p><img src="${g.images[1]}" alt=""></p>`;
}

describe('an EPUB of saved articles', () => {
  it('reads back whole: mimetype first and stored, container, complete manifest, nav, two chapters with images, fonts, Kazakh letters', () => {
    const eagle = gold('article-eagle-kk');
    const unity = gold('article-unity-kk');
    const bytes = buildEpub({
      identifier: 'urn:uuid:00000000-0000-4000-8000-000000000001',
      modified: new Date('2026-02-01T08:00:00.123Z'),
      uiLang: 'en',
      articles: [
        chapter(eagleHtml(), eagle, 0, eagle.images),
        chapter(unity.text.map((p) => `<p>${p}</p>`).join(''), unity, 1, []),
      ],
      fonts: FONT_FILES,
      labels: LABELS,
    });
    const book = readEpub(bytes);
    expect(book.problems).toEqual([]);
    expect(book.languages).toEqual(['kk']);
    expect(book.chapters.map((c) => c.title)).toEqual([eagle.title, unity.title]);
    expect(book.chapters.map((c) => c.lang)).toEqual(['kk', 'kk']);
    expect(book.chapters[0]!.images.map((i) => i.path)).toEqual(['OEBPS/images/a001-01.png', 'OEBPS/images/a001-02.png']);
    for (const image of book.chapters[0]!.images) expect([...image.bytes]).toEqual([...PNG]);
    const text = book.chapters[0]!.text.replace(/\s+/g, ' ');
    for (const p of eagle.text) expect(text).toContain(p);
    expect(text).toContain('Kazinform & Co <1>');
    // һ is rare and in neither sample; the other eight are there.
    for (const letter of 'әғқңөұүі') expect(book.chapters.map((c) => c.text).join(''), letter).toContain(letter);
    expect(book.fonts.sort()).toEqual(FONT_FILES.map((f) => `OEBPS/fonts/${f.file}`).sort());
    expect(book.files[0]).toBe('mimetype');
  });

  it('stays well-formed with hostile article HTML: scripts, handlers, XML-forbidden characters, bad links', () => {
    const hostile =
      '<p onclick="alert(1)">Қыран\u0001 бүркіт \uFFFE<script>alert(1)</script><a href="javascript:alert(1)">сілтеме</a> <a href="https://example.org/?a=1&b=<2>">ok</a></p>' +
      '<img src="https://qazaq24.com/missing.jpg" alt="Жоқ сурет" onerror="alert(1)"><iframe src="https://evil.example"></iframe><svg><script>alert(1)</script></svg>' +
      '<table><tr><td colspan="2" style="color:red">ұяшық &amp; &lt;тег&gt;</td></tr></table><p>Жол<br>үзілісі<hr></p>\uD800';
    const bytes = buildEpub({
      identifier: 'urn:uuid:00000000-0000-4000-8000-000000000002',
      modified: new Date('2026-02-01T08:00:00Z'),
      uiLang: 'kk',
      articles: [chapter(hostile, { title: 'Тақырып <&> "', url: 'https://qazaq24.com/news/x?a=1&b=2', lang: 'kk' }, 0, [])],
      fonts: [],
      labels: LABELS,
    });
    const book = readEpub(bytes);
    expect(book.problems).toEqual([]);
    const chapterText = book.chapters[0]!.text;
    expect(chapterText).toContain('[Жоқ сурет]');
    expect(chapterText).toContain('ұяшық & <тег>');
    expect(chapterText).not.toContain('alert');
    expect(book.chapters[0]!.title).toBe('Тақырып <&> "');
  });

  it('writes a Kazakh article in Latin letters when the reader reads them so', () => {
    const eagle = gold('article-eagle-kk');
    const book = readEpub(
      buildEpub({
        identifier: 'urn:uuid:00000000-0000-4000-8000-000000000003',
        modified: new Date('2026-02-01T08:00:00Z'),
        uiLang: 'kk',
        articles: [chapter(eagle.text.map((p) => `<p>${p}</p>`).join(''), { ...eagle, title: 'Qyran bürkıt türlerı' }, 0, [], true)],
        fonts: [],
        labels: LABELS,
      }),
    );
    expect(book.problems).toEqual([]);
    expect(book.chapters[0]!.lang).toBe('kk-Latn');
    expect(book.languages).toEqual(['kk']);
    expect(book.chapters[0]!.text).toContain('«Salburyn» atty saiatşylar festivalı');
    expect(book.chapters[0]!.text).not.toMatch(/[әғқңөұүһі]/);
  });

  it('the reader of the format does find faults: a chapter not well-formed, a compressed or misplaced mimetype, a file outside the manifest', () => {
    const base = { identifier: 'urn:uuid:x', modified: new Date('2026-02-01T08:00:00Z'), uiLang: 'en', fonts: [], labels: LABELS };
    const broken = readEpub(buildEpub({ ...base, articles: [{ title: 'T', url: 'https://qazaq24.com/', lang: 'kk', source: null, archived: null, bodyXhtml: '<p>ашық тег', images: [] }] }));
    expect(broken.problems.join('\n')).toMatch(/chapter-001\.xhtml is not well-formed/);
    const files = unzipSync(buildEpub({ ...base, articles: [] }));
    const compressed: Zippable = { mimetype: [files.mimetype!, { level: 9 }] };
    for (const [path, data] of Object.entries(files)) if (path !== 'mimetype') compressed[path] = data;
    compressed['OEBPS/stray.txt'] = strToU8('stray');
    const problems = readEpub(zipSync(compressed)).problems.join('\n');
    expect(problems).toMatch(/mimetype is compressed/);
    expect(problems).toMatch(/stray\.txt is in the zip but not in the manifest/);
    const { mimetype, ...rest } = files;
    expect(readEpub(zipSync({ ...rest, mimetype: [mimetype!, { level: 0 }] })).problems.join('\n')).toMatch(/first entry is META-INF/);
  });

  it('names a book of one article after its title', () => {
    expect(fileNameOf('Қыран бүркіт: түрлері?', 'epub')).toBe('Қыран-бүркіт-түрлері.epub');
    expect(fileNameOf('***', 'md')).toBe('oqy.md');
  });
});

describe('highlights as Markdown', () => {
  it('writes a section per article with its link and source, each passage quoted, notes under them', () => {
    const md = highlightsMarkdown(
      [
        {
          title: 'Қыран бүркіт [түрлері]',
          url: 'https://qazaq24.com/news/qyran (1)',
          source: { name: 'Kazinform', url: 'https://www.inform.kz' },
          highlights: [
            { exact: 'ақиық ең сирек *түр*', note: '' },
            { exact: 'бірінші жол\nекінші жол', note: 'Жазба\nекі жол' },
          ],
        },
        { title: 'Бос', url: 'https://qazaq24.com/news/empty', source: null, highlights: [] },
      ],
      { heading: 'Белгілер', note: 'Жазба', source: 'Дереккөз' },
    );
    expect(md).toBe(
      [
        '# Белгілер',
        '',
        '## [Қыран бүркіт \\[түрлері\\]](https://qazaq24.com/news/qyran%20%281%29)',
        '',
        'Дереккөз: [Kazinform](https://www.inform.kz)',
        '',
        '> ақиық ең сирек \\*түр\\*',
        '',
        '> бірінші жол',
        '> екінші жол',
        '',
        '**Жазба:** Жазба  ',
        'екі жол',
        '',
      ].join('\n'),
    );
    expect(escapeMarkdown('<script> # _x_')).toBe('\\<script\\> \\# \\_x\\_');
  });
});

describe('searching highlights', () => {
  it('folds case, ё and look-alike letters, finds Kazakh in either script, the last word as a prefix', () => {
    const words = highlightWords(['«Салбурын» атты саятшылар фестивалі', 'Келесі жылы барамыз', 'Қыран бүркіт түрлері'], 'kk');
    const finds = (q: string) => highlightMatcher(q)!(words);
    expect(finds('салбурын')).toBe(true);
    expect(finds('CАЛБУРЫН')).toBe(true);
    expect(finds('salburyn')).toBe(true);
    expect(finds('saiatshy')).toBe(false);
    expect(finds('saiatşy')).toBe(true);
    expect(finds('фестивалі сал')).toBe(true);
    expect(finds('фести жыл')).toBe(false);
    expect(finds('бүркіт')).toBe(true);
    expect(finds('жирафтар')).toBe(false);
    expect(highlightMatcher('  ')).toBeNull();
    const russian = highlightWords(['Ёлка и ещё'], 'ru');
    expect(highlightMatcher('елка')!(russian)).toBe(true);
  });
});
