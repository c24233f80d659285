/**
 * The library file read a piece at a time (src/shared/library-file-reader.ts): whatever the
 * pieces, the same fields and the same articles come out, each article's text parsing to what
 * the file holds; a frame that is not JSON is refused, never taken in part or hung on; an
 * article past the limits is passed over without being kept.
 */
import { describe, expect, it } from 'vitest';
import { FileSyntaxError, LibraryFileReader, TOO_LONG, type FileEvent, type ReaderLimits } from '../../src/shared/library-file-reader.ts';

const FIELDS = new Set(['format', 'version', 'exportedAt', 'articles']);
const LIMITS: ReaderLimits = { maxArticle: 1 << 20, maxDepth: 32, maxField: 1000 };

/** Everything the reader gives for `text` cut into pieces of `size` characters. */
function read(text: string, size = text.length || 1, limits = LIMITS): FileEvent[] {
  const reader = new LibraryFileReader(FIELDS, limits);
  const events: FileEvent[] = [];
  for (let at = 0; at < text.length; at += size) events.push(...reader.push(text.slice(at, at + size)));
  reader.end();
  return events;
}

/** The events with each JSON text parsed: what the file says, not how it was written. */
const meaning = (events: FileEvent[]) => events.map((e) => ('json' in e && typeof e.json === 'string' ? { ...e, json: JSON.parse(e.json) as unknown } : e));

const tricky = [
  { id: 'a', title: 'Кавычки "внутри" и \\ обратная черта \\', text: 'конец строки \\\\', n: [1, { deep: [2, [3]] }] },
  { id: 'b', title: '\\"', text: '"\\\\"', empty: {}, list: [], x: null, t: true, f: false, num: -1.5e-3 },
  { id: 'c', title: 'ключ с } и ] и , внутри', '{"': '"}' },
];

describe('a library file read a piece at a time', () => {
  const file = `{"format":"oqy-library","version":2,"exportedAt":"2026-02-01T08:00:00.000Z","other":{"x":[1,2,{"y":"}"}]},"articles":[${tricky.map((a) => JSON.stringify(a)).join(',\n')}]}\n`;
  const expected: FileEvent[] = [
    { kind: 'field', key: 'format', json: '"oqy-library"' },
    { kind: 'field', key: 'version', json: '2' },
    { kind: 'field', key: 'exportedAt', json: '"2026-02-01T08:00:00.000Z"' },
    { kind: 'list' },
    ...tricky.map((a, index) => ({ kind: 'article' as const, index, json: JSON.stringify(a) })),
    { kind: 'end' },
  ];

  it('gives the fields it keeps and each article\'s text, the same for pieces of every size', () => {
    expect(read(file)).toEqual(expected);
    for (let size = 1; size <= 40; size++) expect(read(file, size), `pieces of ${size}`).toEqual(expected);
  });

  it('reads whitespace anywhere JSON allows it, escaped keys, and fields in any order', () => {
    const spaced = ` \n{ "articles" : [ ${JSON.stringify(tricky[0])} , ${JSON.stringify(tricky[1])} ] ,\r\n\t"\\u0066ormat" : "oqy-library" , "version" : 2 }  \n`;
    for (const size of [1, 3, 7, spaced.length]) {
      expect(meaning(read(spaced, size)), `pieces of ${size}`).toEqual([
        { kind: 'list' },
        { kind: 'article', index: 0, json: tricky[0] },
        { kind: 'article', index: 1, json: tricky[1] },
        { kind: 'field', key: 'format', json: 'oqy-library' },
        { kind: 'field', key: 'version', json: 2 },
        { kind: 'end' },
      ]);
    }
    expect(read('{}')).toEqual([{ kind: 'end' }]);
    expect(read('{"articles":[]}')).toEqual([{ kind: 'list' }, { kind: 'end' }]);
  });

  it('gives a value that is not a list under "articles" as a field, and a field longer than it keeps as too long', () => {
    expect(meaning(read('{"articles":{"a":1}}'))).toEqual([{ kind: 'field', key: 'articles', json: { a: 1 } }, { kind: 'end' }]);
    expect(read(`{"format":"${'x'.repeat(2000)}"}`, 100)).toEqual([{ kind: 'field', key: 'format', json: TOO_LONG }, { kind: 'end' }]);
  });

  it('passes over an article past the size or the depth it keeps, and goes on with the next', () => {
    const limits = { ...LIMITS, maxArticle: 100 };
    const long = { id: 'long', text: 'ы'.repeat(500) };
    const deep = `${'['.repeat(5000)}${']'.repeat(5000)}`;
    const text = `{"articles":[${JSON.stringify(long)},{"id":"deep","n":${deep}},{"id":"ok"}]}`;
    for (const size of [1, 64, text.length]) {
      expect(read(text, size, limits), `pieces of ${size}`).toEqual([
        { kind: 'list' },
        { kind: 'article', index: 0, json: null, fault: 'long' },
        { kind: 'article', index: 1, json: null, fault: 'deep' },
        { kind: 'article', index: 2, json: '{"id":"ok"}' },
        { kind: 'end' },
      ]);
    }
    // Nesting a million deep outside the articles is scanned without recursion and passed over.
    expect(read(`{"other":${'['.repeat(1e6)}${']'.repeat(1e6)},"version":2}`)).toEqual([{ kind: 'field', key: 'version', json: '2' }, { kind: 'end' }]);
  });

  it('refuses a frame that is not JSON: cut short anywhere, a comma missing or extra, text after the end, a key twice', () => {
    for (let cut = 0; cut < file.trimEnd().length; cut++) {
      expect(() => read(file.slice(0, cut), 5), `cut at ${cut}`).toThrow(FileSyntaxError);
    }
    const faults = [
      '{"articles":[{"id":"a"} {"id":"b"}]}',
      '{"articles":[{"id":"a"},]}',
      '{"articles":[,{"id":"a"}]}',
      '{"version":2,}',
      '{"version":2 "format":"oqy-library"}',
      '{"version" 2}',
      '{version:2}',
      '{"version":2}{}',
      '{"version":2} x',
      '{"version":2,"version":3}',
      '{"articles":[],"articles":[]}',
      '{"articles":[{"id":"a"}}}',
    ];
    for (const text of faults) expect(() => read(text), text).toThrow(FileSyntaxError);
  });

  it('says a file that is not a JSON object is none, whatever it is', () => {
    for (const text of ['', '   ', '[]', 'null', '"oqy-library"', '<!doctype html>', '\ufeff{}']) {
      let error: unknown = null;
      try {
        read(text);
      } catch (e) {
        error = e;
      }
      expect(error, JSON.stringify(text)).toBeInstanceOf(FileSyntaxError);
      expect((error as FileSyntaxError).notObject, JSON.stringify(text)).toBe(true);
    }
  });
});
