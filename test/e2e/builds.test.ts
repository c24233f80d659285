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

  it('zips each build for its store', () => {
    for (const target of ['chrome', 'firefox'] as const) {
      const entries = unzip(resolve(DIST, `oqy-${target}.zip`));
      const zipped = JSON.parse(entries.get('manifest.json')!.toString('utf8'));
      expect(zipped).toEqual(manifest(target));
      expect([...entries.keys()]).toContain('_locales/kk/messages.json');
    }
  });

  it('passes web-ext lint with no errors', async () => {
    const result = (await webExt.cmd.lint(
      { sourceDir: resolve(DIST, 'firefox'), output: 'json', selfHosted: false },
      { shouldExitProgram: false },
    )) as { summary: { errors: number }; errors: { code: string; message: string }[] };
    expect(result.errors.map((e) => `${e.code}: ${e.message}`)).toEqual([]);
    expect(result.summary.errors).toBe(0);
  });
});
