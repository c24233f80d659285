/** The two builds as the stores take them: manifests per browser, zips, and Mozilla's linter. */
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import webExt from 'web-ext';

const DIST = resolve(import.meta.dirname, '../../dist');

function manifest(target: 'chrome' | 'firefox'): Record<string, any> {
  const file = resolve(DIST, target, 'manifest.json');
  if (!existsSync(file)) throw new Error(`${file} is missing: run npm run build first`);
  return JSON.parse(readFileSync(file, 'utf8'));
}

/** Names and contents of the entries of a zip file (stored or deflated), from its central directory. */
function unzip(file: string): Map<string, Buffer> {
  const zip = readFileSync(file);
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const out = new Map<string, Buffer>();
  for (let i = 0; i < count; i++) {
    const method = zip.readUInt16LE(at + 10);
    const size = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const extra = zip.readUInt16LE(at + 30);
    const comment = zip.readUInt16LE(at + 32);
    const local = zip.readUInt32LE(at + 42);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    const dataAt = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const data = zip.subarray(dataAt, dataAt + size);
    out.set(name, method === 8 ? inflateRawSync(data) : Buffer.from(data));
    at += 46 + nameLength + extra + comment;
  }
  return out;
}

interface LintMessage {
  code: string;
  message: string;
  file?: string;
  line?: number;
  column?: number;
}

/**
 * The innerHTML assignments the linter finds in the bundled libraries, each recognised by the
 * code around it (the README's security section says why each is safe). Oqy's own code assigns
 * no HTML: a warning anywhere else is a finding.
 */
const LIBRARY_SITES: { library: string; around: RegExp }[] = [
  { library: 'Readability: restores its page copy between attempts', around: /_charThreshold[\s\S]*innerHTML=|innerHTML=[\s\S]*_attempts\.push/ },
  { library: 'Readability: unwraps <noscript> images into a detached div', around: /_isSingleImage[\s\S]*innerHTML=\w+\.innerHTML/ },
  { library: 'DOMPurify: its fallback parser for browsers without DOMParser', around: /createDocument\([^)]*`template`[\s\S]*documentElement\.innerHTML=/ },
  { library: 'Preact: the dangerouslySetInnerHTML prop (Oqy never sets it)', around: /__html[\s\S]*\.innerHTML=\w+\.__html/ },
];

function librarySite(w: LintMessage): string | null {
  if (!w.file || !w.line) return null;
  const line = readFileSync(resolve(DIST, 'firefox', w.file), 'utf8').split('\n')[w.line - 1] ?? '';
  const at = w.column ?? 0;
  const around = line.slice(Math.max(0, at - 400), at + 200);
  return LIBRARY_SITES.find((site) => site.around.test(around))?.library ?? null;
}

describe('builds', () => {
  it('gives Chrome a service worker and Firefox background scripts with its gecko settings', () => {
    const chrome = manifest('chrome');
    const firefox = manifest('firefox');
    expect(chrome.manifest_version).toBe(3);
    expect(chrome.background.service_worker).toBeTruthy();
    expect(chrome.browser_specific_settings).toBeUndefined();
    expect(firefox.background.scripts).toHaveLength(1);
    expect(firefox.background.service_worker).toBeUndefined();
    expect(firefox.browser_specific_settings.gecko).toMatchObject({ id: 'oqy@oqy.kz', data_collection_permissions: { required: ['none'] } });
  });

  it('asks for host access to Qazaq24 only', () => {
    for (const target of ['chrome', 'firefox'] as const) {
      const m = manifest(target);
      expect(m.host_permissions).toEqual(['*://qazaq24.com/*', '*://*.qazaq24.com/*']);
      expect(m.content_scripts.flatMap((c: { matches: string[] }) => c.matches).sort()).toEqual(['*://*.qazaq24.com/*', '*://qazaq24.com/*']);
      expect(m.permissions ?? []).not.toContain('<all_urls>');
      expect(m.permissions ?? []).not.toContain('tabs');
    }
  });

  it('loads one small file on every Qazaq24 page, imports nothing more, and makes no file web-accessible', () => {
    for (const target of ['chrome', 'firefox'] as const) {
      const m = manifest(target);
      const files: string[] = m.content_scripts.flatMap((c: { js: string[] }) => c.js);
      expect(files, target).toHaveLength(1);
      const code = readFileSync(resolve(DIST, target, files[0]!), 'utf8');
      // The every-page budget of the speed targets (docs/benchmarks.md).
      expect(code.length, `${target}: ${files[0]} is ${code.length} bytes`).toBeLessThanOrEqual(10 * 1024);
      expect(code, target).not.toMatch(/\bimport\s*\(|\bimport\s*[{*\w][^;]*\bfrom\s*["']|runtime\.getURL/);
      expect(m.web_accessible_resources ?? [], target).toEqual([]);
    }
  });

  it('zips each build for its store', () => {
    for (const target of ['chrome', 'firefox'] as const) {
      const entries = unzip(resolve(DIST, `oqy-${target}.zip`));
      const zipped = JSON.parse(entries.get('manifest.json')!.toString('utf8'));
      expect(zipped).toEqual(manifest(target));
      expect([...entries.keys()]).toContain('_locales/kk/messages.json');
    }
  });

  it('passes web-ext lint with no errors, and warns only of the libraries\' innerHTML named in the README', async () => {
    const result = (await webExt.cmd.lint(
      { sourceDir: resolve(DIST, 'firefox'), output: 'json', selfHosted: false },
      { shouldExitProgram: false },
    )) as { summary: { errors: number }; errors: LintMessage[]; warnings: LintMessage[] };
    expect(result.errors.map((e) => `${e.code}: ${e.message}`)).toEqual([]);
    expect(result.summary.errors).toBe(0);
    const unexplained = result.warnings
      .filter((w) => !(w.code === 'UNSAFE_VAR_ASSIGNMENT' && librarySite(w)))
      .map((w) => `${w.code} ${w.file}:${w.line}:${w.column}: ${w.message}`);
    expect(unexplained).toEqual([]);
  });
});
