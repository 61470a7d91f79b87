// A static server for a built copy of the app, for the tools that measure it (audit, size,
// bench): the same server as `npm start` (scripts/static-server.js), so the .br and .gz files
// are sent as a real host would.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';

/** A free port, so a server left over from another run never answers instead. */
function freePort() {
  return /** @type {Promise<number>} */ (
    new Promise((resolve, reject) => {
      const probe = createServer();
      probe.once('error', reject);
      probe.listen(0, '127.0.0.1', () => {
        const address = probe.address();
        probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
      });
    })
  );
}

/** The pages `npm run audit` and `npm run size` measure. */
export const measuredPages = [
  '/',
  '/review',
  '/lessons',
  '/lessons/scaling-from-one-user-to-millions',
  '/drill',
  '/settings'
];

/**
 * Serves `dir` on a free local port and resolves once it answers.
 * @param {string} [dir]
 * @returns {Promise<{ origin: string, stop: () => void }>}
 */
export async function serveBuild(dir = 'build') {
  const port = await freePort();
  // Under this process (not through npx), so stopping it really stops it.
  const server = spawn(
    process.execPath,
    ['scripts/static-server.js', dir, '--host', '127.0.0.1', '--port', String(port), '--quiet'],
    { stdio: 'ignore' }
  );
  const origin = `http://127.0.0.1:${port}`;
  const stop = () => server.kill();
  for (let i = 0; i < 300; i += 1) {
    try {
      if ((await fetch(`${origin}/`)).ok) return { origin, stop };
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  stop();
  throw new Error(`the server for ${dir} did not start`);
}
