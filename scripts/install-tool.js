// `node scripts/install-tool.js NAME`: installs tools/NAME (a folder with its own package.json
// and lockfile, kept out of the main install) when its node_modules is missing. Used for the
// native FSRS optimizer that the optimizer's agreement test compares against. `npm install`,
// not `npm ci`: the binding lists platform packages that are not published at its version,
// and `npm ci` refuses a lockfile without them.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const name = process.argv[2];
if (!name || !/^[a-z0-9-]+$/.test(name) || !existsSync(`tools/${name}/package.json`)) {
  console.error(`usage: node scripts/install-tool.js NAME (a folder under tools/)`);
  process.exit(2);
}
if (!existsSync(`tools/${name}/node_modules`)) {
  console.log(`Installing tools/${name}…`);
  const install = spawnSync(
    'npm',
    ['install', '--prefix', `tools/${name}`, '--no-audit', '--no-fund', '--no-save'],
    { stdio: 'inherit' }
  );
  if (install.status !== 0) process.exit(install.status ?? 1);
}
