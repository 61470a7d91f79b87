// Runs the checks of checks.ts in each engine asked for (`--engine firefox`, repeatable or
// comma-separated; all three by default), against build/. `--check TEXT` runs only the checks
// whose name contains TEXT. Prints each check's time and each engine's total.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { checks } from './checks';
import { engineNames, launch, missingFor, type EngineName } from './engines';
import { serveBuild } from './server';

function parseArgs(argv: string[]): { engines: EngineName[]; filter: string } {
  const engines: EngineName[] = [];
  let filter = '';
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] ?? '';
    const value = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : argv[i + 1];
    if (arg.startsWith('--engine')) {
      if (!arg.includes('=')) i += 1;
      for (const name of (value ?? '').split(',')) {
        if (!(engineNames as readonly string[]).includes(name))
          throw new Error(`unknown engine "${name}": use ${engineNames.join(', ')}`);
        engines.push(name as EngineName);
      }
    } else if (arg.startsWith('--check')) {
      if (!arg.includes('=')) i += 1;
      filter = value ?? '';
    } else throw new Error(`unknown argument ${arg}`);
  }
  return { engines: engines.length ? engines : [...engineNames], filter };
}

const { engines, filter } = parseArgs(process.argv.slice(2));

// MiniBrowser needs an X display: run the whole thing again under xvfb-run when there is none.
if (engines.includes('webkit') && !process.env.DISPLAY && existsSync('/usr/bin/xvfb-run')) {
  const again = spawnSync(
    'xvfb-run',
    ['-a', process.execPath, ...process.execArgv, ...process.argv.slice(1)],
    {
      stdio: 'inherit'
    }
  );
  process.exit(again.status ?? 1);
}

const chosen = checks.filter((check) => check.name.includes(filter));
const retries = process.env.CI ? 1 : 0;
const failures: string[] = [];
const seconds = (since: number) => ((Date.now() - since) / 1000).toFixed(1);

for (const engine of engines) {
  const missing = missingFor(engine);
  if (missing) {
    failures.push(`${engine}: cannot run, missing ${missing}`);
    console.error(`\n${engine}: cannot run, missing ${missing}`);
    continue;
  }
  console.log(`\n${engine}: ${chosen.length} checks`);
  const engineStart = Date.now();
  for (const check of chosen) {
    for (let attempt = 0; attempt <= retries; attempt += 1) {
      const started = Date.now();
      const notes: string[] = [];
      const server = await serveBuild();
      let error: unknown;
      try {
        const tab = await launch(engine);
        try {
          await check.run({ tab, server, note: (line) => notes.push(line) });
        } finally {
          await tab.close();
        }
      } catch (caught) {
        error = caught;
      } finally {
        await server.stop();
      }
      const retry = attempt > 0 ? ' (retry)' : '';
      if (!error) {
        console.log(`  ok   ${check.name}${retry} (${seconds(started)} s)`);
        for (const line of notes) console.log(`       ${line}`);
        break;
      }
      const message = error instanceof Error ? error.message : String(error);
      console.log(`  FAIL ${check.name}${retry} (${seconds(started)} s)\n       ${message}`);
      if (attempt === retries) failures.push(`${engine}: ${check.name}: ${message}`);
    }
  }
  console.log(`${engine}: ${seconds(engineStart)} s`);
}

if (failures.length) {
  console.error(`\n${failures.length} failed:\n${failures.map((f) => `  ${f}`).join('\n')}`);
  process.exit(1);
}
console.log(`\nall checks passed in ${engines.join(', ')}`);
