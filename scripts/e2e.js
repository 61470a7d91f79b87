// `npm run test:e2e`: builds the app, then runs the end-to-end checks against build/ in each
// engine. `-- --engine chromium|firefox|webkit` (repeatable, or comma-separated) runs only
// those; with none, all three. Chromium runs the Playwright specs (tests/e2e) and the shared
// checks (tests/engines); Firefox and WebKit run the shared checks. Prints each step's time.
import { spawnSync } from 'node:child_process';

const all = ['chromium', 'firefox', 'webkit'];
const engines = [];
const playwrightArgs = [];
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i += 1) {
  const arg = argv[i] ?? '';
  if (arg === '--engine' || arg.startsWith('--engine=')) {
    const value = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : argv[(i += 1)];
    for (const name of (value ?? '').split(',')) {
      if (!all.includes(name)) {
        console.error(`unknown engine "${name}": use ${all.join(', ')}`);
        process.exit(2);
      }
      engines.push(name);
    }
  } else playwrightArgs.push(arg);
}
const chosen = engines.length ? [...new Set(engines)] : all;

/** @param {string} what @param {string} command @param {string[]} args */
function step(what, command, args) {
  const started = Date.now();
  console.log(`\n--- ${what}`);
  const result = spawnSync(command, args, { stdio: 'inherit' });
  const seconds = ((Date.now() - started) / 1000).toFixed(0);
  console.log(`--- ${what}: ${result.status === 0 ? 'passed' : 'FAILED'} in ${seconds} s`);
  if (result.status !== 0) process.exit(result.status ?? 1);
}

step('build', process.execPath, ['scripts/build.js']);
if (chosen.includes('chromium')) {
  step('browser', process.execPath, ['scripts/find-browser.js']);
  step('Playwright specs in Chromium', 'npx', ['playwright', 'test', ...playwrightArgs]);
}
step(`shared checks in ${chosen.join(', ')}`, 'npx', [
  'tsx',
  'tests/engines/run.ts',
  '--engine',
  chosen.join(',')
]);
