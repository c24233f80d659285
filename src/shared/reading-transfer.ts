/**
 * The reader's state in the library file (format version 2): each article may carry `reading`
 * (where the reader stopped) and `highlights` (the passages marked, with notes). Version 1 files
 * have neither; they are read through `upgradeLibraryFile`, which brings them to version 2.
 * The format is documented in docs/library-format.md.
 */
import { checkHighlight, checkPosition, HIGHLIGHT_LIMITS, sortHighlights, type Highlight, type ReadingRecord } from './reading-db.ts';
import type { FullArticle } from './library-db.ts';

export interface ExportedReading {
  block: number;
  fingerprint: string;
  percent: number;
  finished: boolean;
  updatedAt: number;
}

export interface ExportedHighlight {
  id: string;
  color: string;
  exact: string;
  prefix: string;
  suffix: string;
  block: number;
  note: string;
  createdAt: number;
  updatedAt: number;
}

/** An article's reading fields as the file writes them. */
export function exportReading(entry: Pick<FullArticle, 'reading' | 'highlights'>): { reading: ExportedReading | null; highlights: ExportedHighlight[] } {
  const r = entry.reading;
  return {
    reading: r ? { block: r.block, fingerprint: r.fingerprint, percent: r.percent, finished: r.finished, updatedAt: r.updatedAt } : null,
    highlights: (entry.highlights ?? []).map((h) => ({
      id: h.id,
      color: h.color,
      exact: h.exact,
      prefix: h.prefix,
      suffix: h.suffix,
      block: h.block,
      note: h.note,
      createdAt: h.createdAt,
      updatedAt: h.updatedAt,
    })),
  };
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * A parsed file of any version this Oqy reads, as version 2. Version 1 had no reading fields,
 * and its readers ignored unknown fields: any `reading` or `highlights` in a version 1 file is
 * not Oqy's and is dropped, so the library keeps what it has for those articles.
 */
export function upgradeLibraryFile(data: Json): Json {
  if (data.version === 2) return data;
  if (data.version !== 1 || !Array.isArray(data.articles)) return data;
  return {
    ...data,
    version: 2,
    articles: data.articles.map((a: unknown) => {
      if (!isObject(a)) return a;
      const { reading: _r, highlights: _h, ...rest } = a;
      return rest;
    }),
  };
}

/**
 * The reading fields of one article of a version 2 file, checked. Absent fields leave the
 * library's own state for the article as it is (undefined); present ones replace it.
 */
export function parseReadingFields(raw: Json, path: string, articleId: string, fail: (path: string, what: string) => never): Pick<FullArticle, 'reading' | 'highlights'> {
  const out: Pick<FullArticle, 'reading' | 'highlights'> = {};
  if ('reading' in raw) {
    if (raw.reading === null) out.reading = null;
    else {
      const position = checkPosition(raw.reading);
      if (!position) fail(`${path}.reading`, 'not a reading position');
      const updatedAt = (raw.reading as Json).updatedAt;
      if (typeof updatedAt !== 'number' || !Number.isFinite(updatedAt) || updatedAt < 0) fail(`${path}.reading.updatedAt`, 'not a time');
      out.reading = { id: articleId, ...position, updatedAt } satisfies ReadingRecord;
    }
  }
  if ('highlights' in raw) {
    if (!Array.isArray(raw.highlights)) fail(`${path}.highlights`, 'not a list');
    if (raw.highlights.length > HIGHLIGHT_LIMITS.perArticle) fail(`${path}.highlights`, `more than ${HIGHLIGHT_LIMITS.perArticle}`);
    const seen = new Set<string>();
    const list: Highlight[] = raw.highlights.map((h: unknown, i: number) => {
      const checked = checkHighlight(h, articleId);
      if (typeof checked === 'string') fail(`${path}.highlights[${i}]`, `bad ${checked}`);
      if (seen.has(checked.id)) fail(`${path}.highlights[${i}].id`, 'the same id twice');
      seen.add(checked.id);
      return checked;
    });
    out.highlights = sortHighlights(list);
  }
  return out;
}
