/**
 * The reader's settings as one page shows them while it also writes them. A page changes a
 * setting at once and writes it to storage; storage then tells every page, this one included,
 * each new value, later and in order. Shown naively, the echo of an earlier write of this page
 * arriving after a later change puts the older value back, and the next step of a stepper starts
 * from it: quick clicks on "larger text" would be lost. This keeps the page's own changes on top
 * until storage has caught up with them, and still takes every change made elsewhere.
 */
import type { ReaderSettings, Settings } from './settings-schema.ts';

export class ReaderSettingsFollower {
  /** The page's changes not yet written, oldest first. */
  private readonly unwritten: Partial<ReaderSettings>[] = [];
  /** The reader settings this page wrote whose echo has not arrived, oldest first (as JSON). */
  private readonly echoes: string[] = [];
  /** The reader settings of the last value storage reported (as JSON). */
  private lastStored: string | null = null;

  constructor(private shown: Settings) {}

  get settings(): Settings {
    return this.shown;
  }

  /** The page changes `patch`: shown at once; the caller writes it and reports with `written`. */
  change(patch: Partial<ReaderSettings>): Settings {
    this.unwritten.push(patch);
    this.shown = { ...this.shown, reader: { ...this.shown.reader, ...patch } };
    return this.shown;
  }

  /** The write of `patch` ended: with the settings as stored, or failed (null: kept for this page only). */
  written(patch: Partial<ReaderSettings>, stored: Settings | null): void {
    const at = this.unwritten.indexOf(patch);
    if (at >= 0) this.unwritten.splice(at, 1);
    // An echo may come before the write is reported ended: then there is none to wait for.
    if (stored && JSON.stringify(stored.reader) !== this.lastStored) this.echoes.push(JSON.stringify(stored.reader));
  }

  /** Storage says the settings are now `next`; returns what to show. */
  stored(next: Settings): Settings {
    const value = JSON.stringify(next.reader);
    this.lastStored = value;
    const echo = this.echoes.indexOf(value);
    let reader: ReaderSettings;
    if (echo >= 0) {
      // This page's own write coming back: anything older is passed too.
      this.echoes.splice(0, echo + 1);
      // A newer write of this page is still to come back: what is shown is newer than this.
      reader = this.echoes.length ? this.shown.reader : next.reader;
    } else {
      reader = next.reader;
    }
    this.shown = { ...next, reader: Object.assign({}, reader, ...this.unwritten) };
    return this.shown;
  }
}
