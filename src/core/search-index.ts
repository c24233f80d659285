/**
 * The library's search index, kept in memory by the library page: for every folded word (as
 * search-fold's indexWords gives them), the articles that have it. A query is answered as the
 * library's search always answered it: every word of the query whole, the last one as a prefix,
 * in the title or the text (queryWords). Titles have an index of their own, for ranking: an
 * article with more of the query's words in its title comes first.
 *
 * Articles are numbered (ordinals) in the order they are added; a set of articles is a bitset
 * over the ordinals. A word's articles are kept as a sorted list of ordinals, or as a bitset where
 * the word is in more than one article of 32 (the bitset is then the smaller). The vocabulary is
 * a sorted array, so a prefix is a range found by binary search. What is added after the index
 * is built (an undone delete, an import) waits in a side table, folded in once it has grown to
 * half the index. Each article carries a stamp (a hash of its words, given by the caller), so
 * that an index saved as a snapshot can tell which articles changed since.
 */
import { queryWords } from './search-fold.ts';

/** One article as the index takes it: its id, its folded words (of the title, and of the whole text with the title), and a stamp of them. */
export interface IndexEntry {
  id: string;
  title: readonly string[];
  words: readonly string[];
  stamp: number;
}

type Bits = Uint32Array;

const wordsFor = (n: number) => (n + 31) >>> 5;

function setBit(bits: Bits, ordinal: number): void {
  bits[ordinal >>> 5]! |= 1 << (ordinal & 31);
}

function hasBit(bits: Bits, ordinal: number): boolean {
  const word = ordinal >>> 5;
  return word < bits.length && (bits[word]! & (1 << (ordinal & 31))) !== 0;
}

function popcount(bits: Bits): number {
  let n = 0;
  for (let i = 0; i < bits.length; i++) {
    let v = bits[i]!;
    v -= (v >>> 1) & 0x55555555;
    v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
    n += (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
  }
  return n;
}

/** First index in sorted `list` whose word is not below `word`. */
function lowerBound(list: readonly string[], word: string): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid]! < word) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** A table of postings as a snapshot keeps it: all the lists end to end. */
export interface PostingsData {
  /** The words, sorted, separated by a line break (words are letters and digits). */
  vocab: string;
  /** Where each word's list starts in `data`; one more entry at the end. */
  offsets: Uint32Array;
  /** 1 where the word's list is a bitset. */
  dense: Uint8Array;
  data: Uint32Array;
}

/** Word → ordinals. */
class Postings {
  /** Sorted. */
  private readonly vocab: string[];
  /** Per word of vocab: its ordinals ascending, or where `dense` says so a bitset (views into one buffer). */
  private readonly lists: Uint32Array[];
  private readonly dense: Uint8Array;
  private readonly data: Uint32Array;
  private readonly offsets: Uint32Array;
  /** Added since the build: word → ordinals ascending. */
  private readonly added = new Map<string, number[]>();
  private addedWords: string[] | null = null;
  /** Postings in the built part, and added since. */
  readonly built: number;
  pending = 0;

  private constructor(vocab: string[], offsets: Uint32Array, dense: Uint8Array, data: Uint32Array, built: number) {
    this.vocab = vocab;
    this.offsets = offsets;
    this.dense = dense;
    this.data = data;
    this.built = built;
    this.lists = vocab.map((_, i) => data.subarray(offsets[i]!, offsets[i + 1]!));
  }

  /** From word → ordinals (ascending) over `n` ordinals. */
  static build(map: Map<string, number[]>, n: number): Postings {
    const vocab = [...map.keys()].sort();
    const dense = new Uint8Array(vocab.length);
    const offsets = new Uint32Array(vocab.length + 1);
    // A list costs 4 bytes an article, a bitset 1 bit for every article of the library.
    const denseFrom = n / 32;
    let size = 0;
    let postings = 0;
    vocab.forEach((word, i) => {
      const count = map.get(word)!.length;
      postings += count;
      offsets[i] = size;
      if (count > denseFrom) dense[i] = 1;
      size += dense[i] ? wordsFor(n) : count;
    });
    offsets[vocab.length] = size;
    const data = new Uint32Array(size);
    vocab.forEach((word, i) => {
      const ordinals = map.get(word)!;
      if (dense[i]) {
        const bits = data.subarray(offsets[i]!, offsets[i + 1]!);
        for (const o of ordinals) setBit(bits, o);
      } else data.set(ordinals, offsets[i]!);
    });
    return new Postings(vocab, offsets, dense, data, postings);
  }

  /** From a snapshot's table over `n` ordinals; null where it does not hold together. */
  static restore(raw: unknown, n: number): Postings | null {
    if (typeof raw !== 'object' || raw === null) return null;
    const { vocab, offsets, dense, data } = raw as Partial<PostingsData>;
    if (typeof vocab !== 'string' || !(offsets instanceof Uint32Array) || !(dense instanceof Uint8Array) || !(data instanceof Uint32Array)) return null;
    const words = vocab ? vocab.split('\n') : [];
    if (offsets.length !== words.length + 1 || dense.length !== words.length || offsets[words.length] !== data.length) return null;
    let postings = 0;
    for (let i = 0; i < words.length; i++) {
      const length = offsets[i + 1]! - offsets[i]!;
      if (length < 0 || (dense[i] && length !== wordsFor(n))) return null;
      if (dense[i]) postings += popcount(data.subarray(offsets[i]!, offsets[i + 1]!));
      else {
        for (let k = offsets[i]!; k < offsets[i + 1]!; k++) if (data[k]! >= n) return null;
        postings += length;
      }
    }
    return new Postings(words, offsets, dense, data, postings);
  }

  add(word: string, ordinal: number): void {
    const list = this.added.get(word);
    if (list) list.push(ordinal);
    else {
      this.added.set(word, [ordinal]);
      this.addedWords = null;
    }
    this.pending++;
  }

  /** Sets in `out` the ordinals of `word`. */
  exact(word: string, out: Bits): void {
    const i = lowerBound(this.vocab, word);
    if (this.vocab[i] === word) this.orInto(i, out);
    for (const o of this.added.get(word) ?? []) setBit(out, o);
  }

  /** Sets in `out` the ordinals of every word that starts with `prefix`. */
  prefix(prefix: string, out: Bits): void {
    // No indexed word has U+FFFF (words are letters and digits): every word with the prefix sorts below this.
    const end = `${prefix}\uffff`;
    for (let i = lowerBound(this.vocab, prefix), stop = lowerBound(this.vocab, end); i < stop; i++) this.orInto(i, out);
    if (!this.added.size) return;
    const words = (this.addedWords ??= [...this.added.keys()].sort());
    for (let i = lowerBound(words, prefix), stop = lowerBound(words, end); i < stop; i++) for (const o of this.added.get(words[i]!)!) setBit(out, o);
  }

  private orInto(i: number, out: Bits): void {
    const list = this.lists[i]!;
    if (this.dense[i]) for (let k = 0; k < list.length; k++) out[k]! |= list[k]!;
    else for (let k = 0; k < list.length; k++) setBit(out, list[k]!);
  }

  /** Every word and its ordinals ascending, built and added together, each ordinal through `map` (-1: left out). */
  decode(map: (ordinal: number) => number = (o) => o): Map<string, number[]> {
    const out = new Map<string, number[]>();
    const put = (word: string, ordinal: number) => {
      const to = map(ordinal);
      if (to < 0) return;
      const list = out.get(word);
      if (list) list.push(to);
      else out.set(word, [to]);
    };
    this.vocab.forEach((word, i) => {
      const list = this.lists[i]!;
      if (!this.dense[i]) for (let k = 0; k < list.length; k++) put(word, list[k]!);
      else for (let k = 0; k < list.length; k++) for (let v = list[k]!, b = 0; v; v >>>= 1, b++) if (v & 1) put(word, k * 32 + b);
    });
    // Added ordinals are all newer than the built ones: appending keeps the order.
    for (const [word, ordinals] of this.added) for (const o of ordinals) put(word, o);
    return out;
  }

  serialize(): PostingsData {
    return { vocab: this.vocab.join('\n'), offsets: this.offsets, dense: this.dense, data: this.data };
  }

  bytes(): IndexBytes {
    let typed = this.dense.byteLength + this.offsets.byteLength + this.data.byteLength;
    let strings = 0;
    for (const word of this.vocab) strings += stringBytes(word);
    for (const [word, list] of this.added) {
      strings += stringBytes(word);
      typed += list.length * 8;
    }
    return { typed, strings, words: this.vocab.length + this.added.size };
  }
}

/** A string's size in a JavaScript heap, about: a header and two bytes a character (one where all are Latin-1). */
function stringBytes(s: string): number {
  return 16 + (/^[\u0000-\u00ff]*$/.test(s) ? s.length : 2 * s.length);
}

export interface IndexBytes {
  /** Typed arrays (postings, bitsets, stamps): exact. */
  typed: number;
  /** The words and ids as strings: an estimate (header and characters). */
  strings: number;
  /** Distinct words. */
  words: number;
}

/** The index as it can be stored and read back (structured-cloneable). */
export interface IndexSnapshot {
  format: typeof SNAPSHOT_FORMAT;
  /** The ids, by ordinal, separated by a line break. */
  ids: string;
  stamps: Uint32Array;
  words: PostingsData;
  titles: PostingsData;
}

export const SNAPSHOT_FORMAT = 1;

/** Collects articles, then builds the index in one go. */
export class SearchIndexBuilder {
  readonly ids: string[] = [];
  readonly stamps: number[] = [];
  readonly words = new Map<string, number[]>();
  readonly titles = new Map<string, number[]>();

  add(entry: IndexEntry): void {
    const ordinal = this.ids.length;
    this.ids.push(entry.id);
    this.stamps.push(entry.stamp);
    for (const word of entry.words) push(this.words, word, ordinal);
    for (const word of entry.title) push(this.titles, word, ordinal);
  }

  build(): SearchIndex {
    const n = this.ids.length;
    return new SearchIndex(this.ids, Uint32Array.from(this.stamps), Postings.build(this.words, n), Postings.build(this.titles, n));
  }
}

function push(map: Map<string, number[]>, word: string, ordinal: number): void {
  const list = map.get(word);
  if (list) {
    if (list[list.length - 1] !== ordinal) list.push(ordinal);
  } else map.set(word, [ordinal]);
}

export class SearchIndex {
  private readonly ids: string[];
  private stamps: Uint32Array;
  private readonly ordinals = new Map<string, number>();
  private alive: Bits;
  private words: Postings;
  private titles: Postings;

  /** (Through SearchIndexBuilder or fromSnapshot.) A later ordinal with the same id is the article as it is now. */
  constructor(ids: string[], stamps: Uint32Array, words: Postings, titles: Postings) {
    this.ids = ids;
    this.stamps = stamps;
    this.words = words;
    this.titles = titles;
    this.alive = new Uint32Array(wordsFor(ids.length));
    ids.forEach((id, ordinal) => {
      const before = this.ordinals.get(id);
      if (before !== undefined) this.alive[before >>> 5]! &= ~(1 << (before & 31));
      this.ordinals.set(id, ordinal);
      setBit(this.alive, ordinal);
    });
  }

  static build(entries: Iterable<IndexEntry>): SearchIndex {
    const builder = new SearchIndexBuilder();
    for (const entry of entries) builder.add(entry);
    return builder.build();
  }

  /** The index a snapshot holds; null where it is not one this code wrote, or does not hold together. */
  static fromSnapshot(raw: unknown): SearchIndex | null {
    if (typeof raw !== 'object' || raw === null) return null;
    const s = raw as Partial<IndexSnapshot>;
    if (s.format !== SNAPSHOT_FORMAT || typeof s.ids !== 'string' || !(s.stamps instanceof Uint32Array)) return null;
    const ids = s.ids ? s.ids.split('\n') : [];
    if (ids.length !== s.stamps.length || new Set(ids).size !== ids.length) return null;
    const words = Postings.restore(s.words, ids.length);
    const titles = Postings.restore(s.titles, ids.length);
    return words && titles ? new SearchIndex(ids, s.stamps, words, titles) : null;
  }

  /** Articles in the index. */
  get size(): number {
    return this.ordinals.size;
  }

  /** The ids in the index. */
  idList(): string[] {
    return [...this.ordinals.keys()];
  }

  /** The stamp the article of `id` was indexed with; undefined where it is not in the index. */
  stampOf(id: string): number | undefined {
    const ordinal = this.ordinals.get(id);
    return ordinal === undefined ? undefined : this.stamps[ordinal];
  }

  /** Adds an article, or replaces the one of the same id. */
  add(entry: IndexEntry): void {
    this.remove(entry.id);
    const ordinal = this.ids.length;
    this.ids.push(entry.id);
    this.ordinals.set(entry.id, ordinal);
    if (ordinal >= this.stamps.length) {
      const grown = new Uint32Array(Math.max(16, this.stamps.length * 2));
      grown.set(this.stamps);
      this.stamps = grown;
    }
    this.stamps[ordinal] = entry.stamp;
    if (wordsFor(ordinal + 1) > this.alive.length) {
      const grown = new Uint32Array(Math.max(wordsFor(ordinal + 1), this.alive.length * 2));
      grown.set(this.alive);
      this.alive = grown;
    }
    setBit(this.alive, ordinal);
    for (const word of new Set(entry.words)) this.words.add(word, ordinal);
    for (const word of new Set(entry.title)) this.titles.add(word, ordinal);
    // Folded in once the side table is half the index: each posting is rebuilt a few times at most.
    if (this.words.pending > 50_000 + this.words.built / 2) this.compact();
  }

  remove(id: string): void {
    const ordinal = this.ordinals.get(id);
    if (ordinal === undefined) return;
    this.ordinals.delete(id);
    this.alive[ordinal >>> 5]! &= ~(1 << (ordinal & 31));
  }

  /** Builds again with everything added since (the ordinals stay). */
  private compact(): void {
    const n = this.ids.length;
    this.words = Postings.build(this.words.decode(), n);
    this.titles = Postings.build(this.titles.decode(), n);
  }

  /** The index as it is, numbered afresh (without removed articles), for storing. */
  toSnapshot(): IndexSnapshot {
    const renumber = new Int32Array(this.ids.length).fill(-1);
    const ids: string[] = [];
    const stamps: number[] = [];
    this.ids.forEach((id, ordinal) => {
      if (!hasBit(this.alive, ordinal)) return;
      renumber[ordinal] = ids.length;
      ids.push(id);
      stamps.push(this.stamps[ordinal]!);
    });
    const map = (o: number) => renumber[o]!;
    const n = ids.length;
    return {
      format: SNAPSHOT_FORMAT,
      ids: ids.join('\n'),
      stamps: Uint32Array.from(stamps),
      words: Postings.build(this.words.decode(map), n).serialize(),
      titles: Postings.build(this.titles.decode(map), n).serialize(),
    };
  }

  /**
   * The articles that have every word of `query` (the last as a prefix) in their title or text;
   * null for a query without words (no filter).
   */
  search(query: string): SearchResult | null {
    const words = queryWords(query);
    if (!words.length) return null;
    const size = wordsFor(this.ids.length);
    const match = (table: Postings, word: string, last: boolean): Bits => {
      const bits = new Uint32Array(size);
      if (last) table.prefix(word, bits);
      else table.exact(word, bits);
      return bits;
    };
    const hits = this.alive.slice(0, size);
    for (const [i, word] of words.entries()) {
      const found = match(this.words, word, i === words.length - 1);
      let any = 0;
      for (let k = 0; k < size; k++) any |= hits[k]! &= found[k]!;
      if (!any) return new SearchResult(this.ordinals, hits, []);
    }
    return new SearchResult(this.ordinals, hits, words.map((word, i) => match(this.titles, word, i === words.length - 1)));
  }

  bytes(): IndexBytes {
    const words = this.words.bytes();
    const titles = this.titles.bytes();
    let strings = words.strings + titles.strings;
    for (const id of this.ids) strings += stringBytes(id);
    return { typed: words.typed + titles.typed + this.alive.byteLength + this.stamps.byteLength, strings, words: words.words };
  }
}

/** The articles a query found, and how many of its words each has in its title. */
export class SearchResult {
  readonly size: number;

  constructor(
    private readonly ordinals: ReadonlyMap<string, number>,
    private readonly hits: Bits,
    private readonly inTitle: readonly Bits[],
  ) {
    this.size = popcount(hits);
  }

  has(id: string): boolean {
    const ordinal = this.ordinals.get(id);
    return ordinal !== undefined && hasBit(this.hits, ordinal);
  }

  /** How many of the query's words (the last as a prefix) the title of `id` has. */
  titleMatches(id: string): number {
    const ordinal = this.ordinals.get(id);
    if (ordinal === undefined) return 0;
    let n = 0;
    for (const bits of this.inTitle) if (hasBit(bits, ordinal)) n++;
    return n;
  }

  /** The ids found. */
  ids(): Set<string> {
    const out = new Set<string>();
    for (const [id, ordinal] of this.ordinals) if (hasBit(this.hits, ordinal)) out.add(id);
    return out;
  }

  /**
   * `list` (in the order it is shown) narrowed to what was found, articles with more of the
   * query in their title first; the order of `list` kept otherwise.
   */
  rank<T>(list: readonly T[], idOf: (item: T) => string): T[] {
    const tiers: T[][] = [];
    for (const item of list) {
      const id = idOf(item);
      if (!this.has(id)) continue;
      const tier = this.inTitle.length - this.titleMatches(id);
      (tiers[tier] ??= []).push(item);
    }
    return tiers.flatMap((tier) => tier ?? []);
  }
}
