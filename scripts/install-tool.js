// `node scripts/install-tool.js NAME`: installs tools/NAME (a folder with its own package.json
// and lockfile, kept out of the main install) unless it is installed already. Used for the
// native FSRS optimizer that the optimizer's agreement test compares against, Lighthouse and
// the sync server. `npm install`, not `npm ci`: the binding lists platform packages that are
// not published at its version, and `npm ci` refuses a lockfile without them.
//
// "Installed" means a finished install of this lockfile, not a node_modules folder: npm makes
// node_modules at the start of an install, so two processes starting the tool at once (the
// sync e2e cases run two workers, each starting a server) saw it and one required `express`
// half way through the other's install. A lock folder lets one process install while the
// others wait, and a stamp written at the end says which lockfile was installed.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';

const name = process.argv[2];
if (!name || !/^[a-z0-9-]+$/.test(name) || !existsSync(`tools/${name}/package.json`)) {
  console.error(`usage: node scripts/install-tool.js NAME (a folder under tools/)`);
  process.exit(2);
}
const folder = `tools/${name}`;
const stamp = `${folder}/node_modules/.install-tool-done`;
const lock = `${folder}/.install-lock`;
const wanted = createHash('sha256')
  .update(readFileSync(`${folder}/package.json`))
  .update(
    existsSync(`${folder}/package-lock.json`) ? readFileSync(`${folder}/package-lock.json`) : ''
  )
  .digest('hex');
const installed = () => existsSync(stamp) && readFileSync(stamp, 'utf8').trim() === wanted;
/** @param {number} ms */
const sleep = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
// A lock older than this was left by a killed install.
const staleMs = 15 * 60 * 1000;

while (!installed()) {
  try {
    mkdirSync(lock);
  } catch (error) {
    if (/** @type {NodeJS.ErrnoException} */ (error).code !== 'EEXIST') throw error;
    let age;
    try {
      age = Date.now() - statSync(lock).mtimeMs;
    } catch {
      continue; // released meanwhile
    }
    if (age > staleMs) rmSync(lock, { recursive: true, force: true });
    else sleep(500);
    continue;
  }
  try {
    if (installed()) break;
    console.log(`Installing ${folder}…`);
    rmSync(stamp, { force: true });
    const install = spawnSync(
      'npm',
      ['install', '--prefix', folder, '--no-audit', '--no-fund', '--no-save'],
      { stdio: 'inherit' }
    );
    if (install.status !== 0) {
      rmSync(lock, { recursive: true, force: true });
      process.exit(install.status ?? 1);
    }
    writeFileSync(stamp, `${wanted}\n`);
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}
