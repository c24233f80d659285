/**
 * Runs the end-to-end tests, in every browser or one: `npm run test:e2e -- --browser firefox
 * reader` runs the files whose names contain "reader" in Firefox only. Anything else is handed
 * to vitest as it is.
 */
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';

const args = process.argv.slice(2);
const env = { ...process.env };
const rest = [];
for (let i = 0; i < args.length; i++) {
  const arg = args[i];
  const inline = /^--browser=(.*)$/.exec(arg);
  if (arg === '--browser' || inline) {
    const value = inline ? inline[1] : args[++i];
    if (!value) {
      console.error('--browser needs a name: chromium or firefox');
      process.exit(2);
    }
    env.OQY_BROWSERS = env.OQY_BROWSERS ? `${env.OQY_BROWSERS},${value}` : value;
  } else {
    rest.push(arg);
  }
}
const vitest = resolve(import.meta.dirname, '../../node_modules/vitest/vitest.mjs');
const child = spawn(process.execPath, [vitest, 'run', '--project', 'e2e', ...rest], { stdio: 'inherit', env });
child.on('error', (e) => {
  console.error(`could not start vitest: ${e.message}`);
  process.exit(1);
});
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
