/** The interface in three languages: same keys everywhere, nothing empty, nothing English hard-coded in components. */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { formatMessage, type Catalog } from '../../src/shared/messages-format.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const LOCALES = ['en', 'kk', 'ru'];
const catalogs = Object.fromEntries(
  LOCALES.map((l) => [l, JSON.parse(readFileSync(join(ROOT, 'public/_locales', l, 'messages.json'), 'utf8')) as Catalog]),
);

describe('locales', () => {
  it('has exactly these locales', () => {
    expect(readdirSync(join(ROOT, 'public/_locales')).sort()).toEqual(LOCALES);
  });

  it('has the same keys in every locale', () => {
    const keys = Object.keys(catalogs.en!).sort();
    for (const l of LOCALES) expect(Object.keys(catalogs[l]!).sort(), l).toEqual(keys);
  });

  it('has no empty message and the same placeholders in every locale', () => {
    for (const l of LOCALES) {
      for (const [key, entry] of Object.entries(catalogs[l]!)) {
        expect(entry.message.trim(), `${l}.${key}`).not.toBe('');
        const named = (m: string) => (m.match(/\$[A-Z_]+\$/g) ?? []).sort();
        expect(named(entry.message), `${l}.${key}`).toEqual(named(catalogs.en![key]!.message));
        for (const name of named(entry.message)) expect(Object.keys(entry.placeholders ?? {}).map((k) => `$${k.toUpperCase()}$`), `${l}.${key}`).toContain(name);
      }
    }
  });

  it('writes Kazakh in Kazakh letters where the English is a sentence', () => {
    const kazakhLetters = /[әғқңөұүһі]/i;
    const sentences = Object.entries(catalogs.en!).filter(([, e]) => e.message.split(' ').length >= 5);
    const inKazakh = sentences.filter(([key]) => kazakhLetters.test(catalogs.kk![key]!.message));
    expect(inKazakh.length / sentences.length).toBeGreaterThan(0.8);
  });

  it('fills named placeholders from the substitutions', () => {
    expect(formatMessage(catalogs.en!, 'popupViews', '104')).toBe('Views: 104');
    expect(formatMessage(catalogs.ru!, 'popupViews', '104')).toBe('Просмотров: 104');
    expect(formatMessage(catalogs.kk!, 'readerOriginal', 'Egemen.KZ')).toBe('Түпнұсқасы: Egemen.KZ');
    expect(formatMessage(catalogs.en!, 'noSuchKey')).toBeNull();
  });
});

/** Source without its comments: a comment may quote markup, like `beside <body>`. */
function withoutComments(source: string): string {
  return source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|\s)\/\/.*$/gm, '$1');
}

/** Every .tsx file under src. */
function components(dir = join(ROOT, 'src')): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? components(path) : path.endsWith('.tsx') ? [path] : [];
  });
}

describe('components', () => {
  it('has no English text written into the markup', () => {
    const offenders: string[] = [];
    for (const file of components()) {
      const source = withoutComments(readFileSync(file, 'utf8'));
      // Text between tags, and the attributes a person reads or hears.
      for (const m of source.matchAll(/>\s*([^<>{}()=;]*[A-Za-z]{3,}[^<>{}()=;]*?)(\s*)</g)) {
        const text = m[1]!.trim();
        const generic = m[2] === '' && /^[A-Za-z_$][\w$.]*$/.test(text); // Promise<T>, not text
        if (!generic && !/^(Oqy|Aa|Esc)$/.test(text)) offenders.push(`${file}: ${text}`);
      }
      for (const m of source.matchAll(/\b(?:aria-label|title|placeholder|alt)="([^"]*[A-Za-z]{3,}[^"]*)"/g)) {
        if (!/^(Oqy|Esc)$/.test(m[1]!)) offenders.push(`${file}: ${m[0]}`);
      }
    }
    expect(offenders).toEqual([]);
  });
});
