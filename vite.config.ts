import { defineConfig, type Plugin, type PluginOption } from 'vite';
import { crx } from '@crxjs/vite-plugin';
import preact from '@preact/preset-vite';
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { configDefaults } from 'vitest/config';

type Target = 'chrome' | 'firefox';

/** The id Firefox knows the add-on by; fixed so storage survives updates. */
export const GECKO_ID = 'oqy@oqy.kz';

/**
 * Chrome only: extension pages count as public web pages for Local Network Access, so an image
 * in an article cannot make the popup, the reader tab or the library load from the reader's own
 * machine or network (a public name that resolves there included). Firefox does not know the
 * directive and would warn about it.
 */
const CHROME_CSP_EXTRA = '; treat-as-public-address';

/**
 * manifest.json is the one manifest. It is written for Chrome (plus Chrome's CSP directive
 * above); Firefox gets its background as event-page scripts and the gecko settings that
 * addons.mozilla.org requires.
 */
export function manifestFor(target: Target): Record<string, unknown> {
  const base = JSON.parse(readFileSync(resolve(import.meta.dirname, 'manifest.json'), 'utf8'));
  if (target === 'chrome') {
    const csp = base.content_security_policy;
    return { ...base, content_security_policy: { ...csp, extension_pages: `${csp.extension_pages}${CHROME_CSP_EXTRA}` } };
  }
  const { service_worker: worker } = base.background;
  return {
    ...base,
    background: { scripts: [worker], type: 'module' },
    browser_specific_settings: {
      gecko: {
        id: GECKO_ID,
        strict_min_version: '142.0',
        data_collection_permissions: { required: ['none'] },
      },
    },
  };
}

/** After the bundle is written, zip it the way the stores take it: dist/oqy-<target>.zip. */
function storeZip(target: Target): Plugin {
  return {
    name: 'oqy-store-zip',
    apply: 'build',
    // A failed build still closes its bundle, with its error: the zip is then not made, so the
    // build's own error is the one shown.
    async closeBundle(error?: Error) {
      if (error) return;
      const { default: webExt } = await import('web-ext');
      await webExt.cmd.build(
        {
          sourceDir: resolve(import.meta.dirname, 'dist', target),
          artifactsDir: resolve(import.meta.dirname, 'dist'),
          filename: `oqy-${target}.zip`,
          overwriteDest: true,
        },
        { shouldExitProgram: false },
      );
    },
  };
}

/**
 * The written manifest has no web-accessible files, so no site can probe for the extension by
 * an address of its files.
 *
 * - The content script on Qazaq24 pages is one self-contained file (CONTENT_SCRIPT below): it
 *   imports no chunks.
 * - Auto mode's script is registered at run time with scripting.registerContentScripts, and the
 *   reader's part is injected with scripting.executeScript: neither needs a web-accessible
 *   entry, but crxjs adds one for every http(s) site. It is taken out.
 * - The reader's fonts reach the page as bytes.
 */
function trimWebAccessible(target: Target): Plugin {
  return {
    name: 'oqy-manifest-war',
    apply: 'build',
    enforce: 'post',
    writeBundle(options) {
      const file = resolve(options.dir ?? resolve(import.meta.dirname, 'dist', target), 'manifest.json');
      const manifest = JSON.parse(readFileSync(file, 'utf8'));
      const kept = (manifest.web_accessible_resources ?? []).filter(
        (entry: { resources: string[] }) => !entry.resources.every((r) => r.startsWith('src/content/')),
      );
      if (kept.length) manifest.web_accessible_resources = kept;
      else delete manifest.web_accessible_resources;
      writeFileSync(file, `${JSON.stringify(manifest, null, 2)}\n`);
    },
  };
}

/**
 * A page's first script, built apart as one classic, self-contained file next to the page's
 * HTML: it runs as soon as the HTML is parsed, with nothing to fetch first (a module would wait
 * for its chunks), and draws the page's first screen while the rest of the page loads.
 * - The popup's asks the tab for its article (src/popup/first-screen.ts).
 * - The library's draws the newest saved articles' kept rows (src/library/first-screen.ts).
 */
interface FirstScript {
  entry: string;
  out: string;
  /** The global the IIFE would be named by (it exports nothing). */
  name: string;
}

const FIRST_SCRIPTS: readonly FirstScript[] = [
  { entry: 'src/popup/first-screen.ts', out: 'src/popup/first-screen.js', name: 'oqyPopupFirst' },
  { entry: 'src/library/first-screen.ts', out: 'src/library/first-screen.js', name: 'oqyLibraryFirst' },
];

async function buildFirstScript(target: Target, script: FirstScript): Promise<void> {
  const { build } = await import('vite');
  await build({
    configFile: false,
    logLevel: 'warn',
    build: {
      outDir: resolve(import.meta.dirname, 'dist', target),
      emptyOutDir: false,
      target: 'es2022',
      lib: { entry: resolve(import.meta.dirname, script.entry), formats: ['iife'], name: script.name, fileName: () => script.out },
    },
  });
}

function firstScripts(target: Target): Plugin {
  return {
    name: 'oqy-first-scripts',
    apply: 'build',
    // Sequential and first: written before the store zip (a later plugin's closeBundle) is made.
    closeBundle: {
      sequential: true,
      order: 'pre',
      handler: async (error?: Error) => {
        // After a failed build, nothing: its own error is the one to show.
        if (error) return;
        // One after the other: each is a whole vite build.
        for (const script of FIRST_SCRIPTS) await buildFirstScript(target, script);
      },
    },
  };
}

/**
 * The content script on every Qazaq24 page, built as one self-contained file: no loader, no
 * chunks for the page to fetch, nothing web-accessible. What it needs beyond detection, the
 * background injects (src/background/reader-part.ts).
 */
const CONTENT_SCRIPT = 'src/content/index.ts';

function targetFrom(mode: string): Target {
  return mode === 'firefox' ? 'firefox' : 'chrome';
}

export default defineConfig(({ mode }) => {
  const target = targetFrom(mode);
  // Under vitest the extension plugins stay out: crx would empty dist/ for its dev server.
  const extension = process.env.VITEST
    ? []
    : [
        crx({ manifest: manifestFor(target) as never, browser: target, contentScripts: { standaloneFiles: [CONTENT_SCRIPT] } }),
        trimWebAccessible(target),
        firstScripts(target),
        storeZip(target),
      ];
  const plugins: PluginOption[] = [preact(), ...extension];
  return {
    plugins,
    // Performance marks of auto mode's steps (src/content/auto-timing.ts), for the benchmark only.
    define: { __OQY_TIMING__: JSON.stringify(process.env.OQY_TIMING === '1') },
    build: {
      outDir: `dist/${target}`,
      emptyOutDir: true,
      modulePreload: false,
      rollupOptions: {
        // Pages the manifest does not name: the reader tab and the library.
        input: {
          reader: resolve(import.meta.dirname, 'src/reader/index.html'),
          library: resolve(import.meta.dirname, 'src/library/index.html'),
        },
      },
      target: 'es2022',
      sourcemap: false,
    },
    test: {
      // Two test files at a time, whatever the machine: the end-to-end files spend much of their
      // time waiting on the browsers, so two of them (or one and the unit files) fill two cores
      // without the load growing with the machine's size.
      maxWorkers: 2,
      projects: [
        {
          extends: true,
          test: {
            name: 'unit',
            include: ['test/unit/**/*.test.ts', 'test/unit/**/*.test.tsx'],
            environment: 'node',
            // Some unit tests start the extractor command or parse large pages; on a busy
            // two-core machine that takes many times its quiet-machine time. A hang still ends.
            testTimeout: 60_000,
            hookTimeout: 60_000,
          },
        },
        {
          extends: true,
          test: {
            name: 'e2e',
            include: ['test/e2e/**/*.test.ts'],
            environment: 'node',
            testTimeout: 120_000,
            hookTimeout: 120_000,
          },
        },
      ],
      exclude: [...configDefaults.exclude, 'dist/**'],
    },
  };
});
