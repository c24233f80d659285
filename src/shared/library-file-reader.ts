/**
 * Reads a library file (docs/library-format.md) a piece at a time: the text goes in as it is
 * read from the file, in pieces of any size, and out come the file's top-level fields and, one
 * by one, the text of each element of its `articles` list, to be parsed alone. No string as
 * large as the file is ever made, and no piece of work is longer than one article.
 *
 * This reader only finds where values begin and end (strings, nesting, commas, the frame): each
 * value it gives is checked by JSON.parse where it is used. What it refuses (throws
 * FileSyntaxError for) is a file whose frame is not JSON: cut short, a missing comma between two
 * articles, text after the end, a top-level value that is not an object.
 */

/** A fault in the frame of the file: not JSON, or not a JSON object. */
export class FileSyntaxError extends Error {
  constructor(
    message: string,
    /** Characters of the file read before the fault. */
    readonly at: number,
    /** True where the file does not start as a JSON object at all. */
    readonly notObject = false,
  ) {
    super(message);
  }
}

/** A top-level value kept whole was longer than the reader keeps. */
export const TOO_LONG: unique symbol = Symbol('too long');

export type FileEvent =
  /** A top-level field the reader was asked to keep, as its JSON text (or TOO_LONG). */
  | { kind: 'field'; key: string; json: string | typeof TOO_LONG }
  /** The `articles` field begins, and is a list. */
  | { kind: 'list' }
  /**
   * One element of the list, as its JSON text; null where it is longer than `maxArticle`
   * characters, or nested deeper than `maxDepth` (it is then left unread: `fault` says which).
   */
  | { kind: 'article'; index: number; json: string | null; fault?: 'long' | 'deep' }
  /** The top-level object closed. */
  | { kind: 'end' };

export interface ReaderLimits {
  /** Characters of one article's JSON text kept; past that it is given as null. */
  maxArticle: number;
  /** Nesting depth of one article (its own object is 1) past which it is given as null. */
  maxDepth: number;
  /** Characters of a kept top-level field. */
  maxField: number;
}

const enum State {
  /** Before the top-level object. */
  Start,
  /** After `{` or `,` in the top-level object: a key (or `}` right after `{`). */
  Key,
  /** Between a key and its `:`. */
  Colon,
  /** After `:`: the value begins. */
  Value,
  /** After a top-level value: `,` or `}`. */
  AfterValue,
  /** After the list's `[` or `,`: an element (or `]` right after `[`). */
  Element,
  /** After an element: `,` or `]`. */
  AfterElement,
  /** Inside a value being scanned (a key, a top-level value, an element). */
  Scanning,
  /** After the top-level object: only whitespace. */
  Done,
}

/** What a value being scanned is. */
const enum Scan {
  Key,
  Field,
  List,
  Element,
}

const QUOTE = 34;
const BACKSLASH = 92;
const isSpace = (c: number) => c === 32 || c === 10 || c === 13 || c === 9;
/** A character that ends a number, true, false or null. */
const endsScalar = (c: number) => c === 44 || c === 125 || c === 93 || isSpace(c);

export class LibraryFileReader {
  private state = State.Start;
  private scanning = Scan.Key;
  /** Characters of the file before the piece being read. */
  private read = 0;
  private key = '';
  private keys = new Set<string>();
  private elements = 0;
  private afterFirst = false;

  // The value being scanned.
  private depth = 0;
  private inString = false;
  private escaped = false;
  private scalar = false;
  private keep = false;
  private kept = 0;
  private tooLong = false;
  private tooDeep = false;
  private pieces: string[] = [];

  constructor(
    /** Top-level keys whose values are kept (the others are passed over). */
    private readonly fields: ReadonlySet<string>,
    private readonly limits: ReaderLimits,
  ) {}

  /** Reads the next piece of the file; gives what it completed. */
  push(text: string): FileEvent[] {
    const out: FileEvent[] = [];
    const n = text.length;
    let i = 0;
    while (i < n) {
      if (this.state === State.Scanning) {
        const start = i;
        const end = this.scan(text, i);
        if (end < 0) {
          this.keepPiece(text, start, n);
          break;
        }
        this.keepPiece(text, start, end);
        i = end;
        this.finish(out, this.read + i);
        continue;
      }
      const c = text.charCodeAt(i);
      if (isSpace(c)) {
        i++;
        continue;
      }
      const at = this.read + i;
      switch (this.state) {
        case State.Start:
          if (c !== 123) throw new FileSyntaxError('not a JSON object', at, true);
          this.state = State.Key;
          this.afterFirst = false;
          i++;
          break;
        case State.Key:
          if (c === 125 && !this.afterFirst) {
            this.state = State.Done;
            out.push({ kind: 'end' });
            i++;
          } else if (c === QUOTE) this.begin(Scan.Key, true);
          else throw new FileSyntaxError(`a key expected at character ${at}`, at);
          break;
        case State.Colon:
          if (c !== 58) throw new FileSyntaxError(`":" expected at character ${at}`, at);
          this.state = State.Value;
          i++;
          break;
        case State.Value:
          if (this.keys.has(this.key)) throw new FileSyntaxError(`"${this.key.slice(0, 40)}" twice`, at);
          this.keys.add(this.key);
          if (this.key === 'articles' && c === 91) {
            out.push({ kind: 'list' });
            this.state = State.Element;
            this.afterFirst = false;
            i++;
          } else {
            this.startValue(c, at);
            this.begin(Scan.Field, this.fields.has(this.key));
          }
          break;
        case State.AfterValue:
          if (c === 44) {
            this.state = State.Key;
            this.afterFirst = true;
          } else if (c === 125) {
            this.state = State.Done;
            out.push({ kind: 'end' });
          } else throw new FileSyntaxError(`"," or "}" expected at character ${at}`, at);
          i++;
          break;
        case State.Element:
          if (c === 93 && !this.afterFirst) {
            this.state = State.AfterValue;
            i++;
          } else {
            this.startValue(c, at);
            this.begin(Scan.Element, true);
          }
          break;
        case State.AfterElement:
          if (c === 44) {
            this.state = State.Element;
            this.afterFirst = true;
          } else if (c === 93) this.state = State.AfterValue;
          else throw new FileSyntaxError(`"," or "]" expected at character ${at}`, at);
          i++;
          break;
        case State.Done:
          throw new FileSyntaxError(`text after the end, at character ${at}`, at);
      }
    }
    this.read += n;
    return out;
  }

  /** The file has ended: throws where it was cut short. */
  end(): void {
    if (this.state !== State.Done) throw new FileSyntaxError(this.state === State.Start ? 'empty' : `cut short at character ${this.read}`, this.read, this.state === State.Start);
  }

  private startValue(c: number, at: number): void {
    // A value begins with one of these: anything else (a comma, a closing bracket) is not JSON.
    if (!(c === QUOTE || c === 123 || c === 91 || c === 45 || (c >= 48 && c <= 57) || c === 116 || c === 102 || c === 110)) {
      throw new FileSyntaxError(`a value expected at character ${at}`, at);
    }
  }

  private begin(kind: Scan, keep: boolean): void {
    this.state = State.Scanning;
    this.scanning = kind;
    this.depth = 0;
    this.inString = false;
    this.escaped = false;
    this.scalar = false;
    this.keep = keep;
    this.kept = 0;
    this.tooLong = false;
    this.tooDeep = false;
    this.pieces = [];
  }

  private keepPiece(text: string, from: number, to: number): void {
    if (!this.keep || to <= from) return;
    const max = this.scanning === Scan.Element ? this.limits.maxArticle : this.limits.maxField;
    this.kept += to - from;
    if (this.kept > max) {
      this.keep = false;
      this.tooLong = true;
      this.pieces = [];
      return;
    }
    this.pieces.push(from === 0 && to === text.length ? text : text.slice(from, to));
  }

  /** The value scanned has ended. */
  private finish(out: FileEvent[], at: number): void {
    const json = this.tooLong || this.tooDeep ? null : this.pieces.join('');
    this.pieces = [];
    switch (this.scanning) {
      case Scan.Key: {
        // The key's own text, escapes read (a key can be written with \u escapes).
        let key: string;
        try {
          key = this.tooLong ? '' : (JSON.parse(json ?? '""') as string);
        } catch {
          throw new FileSyntaxError(`a key that is not a string, before character ${at}`, at);
        }
        // A key too long to keep is none the reader knows: named by its place, it is never "twice".
        this.key = this.tooLong ? `\u0000${at}` : key;
        this.state = State.Colon;
        return;
      }
      case Scan.Field:
        if (this.fields.has(this.key)) out.push({ kind: 'field', key: this.key, json: json ?? TOO_LONG });
        this.state = State.AfterValue;
        return;
      case Scan.Element:
        out.push({ kind: 'article', index: this.elements++, json, ...(this.tooDeep ? { fault: 'deep' as const } : this.tooLong ? { fault: 'long' as const } : {}) });
        this.state = State.AfterElement;
        return;
      default:
        return;
    }
  }

  /**
   * Scans the value begun from `i`: gives where it ends (the index after it), or -1 where it
   * goes on past this piece.
   */
  private scan(text: string, i: number): number {
    const n = text.length;
    for (;;) {
      if (this.inString) {
        let from = i;
        if (this.escaped) {
          if (from >= n) return -1;
          from++;
          this.escaped = false;
        }
        for (;;) {
          const q = text.indexOf('"', from);
          if (q < 0) {
            let k = n - 1;
            while (k >= from && text.charCodeAt(k) === BACKSLASH) k--;
            this.escaped = ((n - 1 - k) & 1) === 1;
            return -1;
          }
          // A quote after an odd number of backslashes is part of the string.
          let k = q - 1;
          while (k >= from && text.charCodeAt(k) === BACKSLASH) k--;
          if (((q - 1 - k) & 1) === 0) {
            i = q + 1;
            break;
          }
          from = q + 1;
        }
        this.inString = false;
        if (this.depth === 0) return i;
        continue;
      }
      if (i >= n) return -1;
      const c = text.charCodeAt(i);
      if (this.scalar) {
        if (endsScalar(c)) return i;
        i++;
        continue;
      }
      if (c === QUOTE) {
        this.inString = true;
        i++;
      } else if (c === 123 || c === 91) {
        if (++this.depth > this.limits.maxDepth && this.scanning === Scan.Element && !this.tooDeep) {
          this.tooDeep = true;
          this.keep = false;
          this.pieces = [];
        }
        i++;
      } else if (c === 125 || c === 93) {
        i++;
        if (--this.depth === 0) return i;
        if (this.depth < 0) throw new FileSyntaxError(`an unopened bracket at character ${this.read + i - 1}`, this.read + i - 1);
      } else {
        if (this.depth === 0) this.scalar = true;
        i++;
      }
    }
  }
}
