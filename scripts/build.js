// `npm run build`: checks the lessons, then builds the static site. The build's version (what
// the service worker revisions its cache by, and what an open tab compares to find an update)
// is fixed here once, because Vite loads svelte.config.js in more than one process.
import { spawnSync } from 'node:child_process';

const version =
  process.env.APP_VERSION ?? `v${new Date().toISOString().replace(/\D/g, '').slice(0, 14)}`;
const env = { ...process.env, APP_VERSION: version };

/** @param {string} command @param {string[]} args */
function run(command, args) {
  const result = spawnSync(command, args, { stdio: 'inherit', env });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

run('npx', ['tsx', 'scripts/content.ts', '--brief']);
run('npx', ['vite', 'build']);
console.log(`built version ${version}`);
