// Serves a built copy of the app as a static host would: every file with its .br or .gz twin
// and an ETag (sirv), and an unknown address answered with the app's own "Page not found"
// page (build/404.html, made by adapter-static) and status 404, as Netlify, GitHub Pages and
// Cloudflare Pages do. `npm run serve` (and `npm start`, the tests and the benchmarks) use it.
//
//   node scripts/static-server.js [dir] [--port N] [--host H] [--quiet]
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import sirv from 'sirv';

/**
 * A request handler for `dir`; unknown paths get `dir/404.html` with status 404.
 * @param {string} dir
 * @returns {(request: import('node:http').IncomingMessage, response: import('node:http').ServerResponse, next?: () => void) => void}
 */
export function staticHandler(dir) {
  const files = sirv(dir, { etag: true, gzip: true, brotli: true, extensions: ['html'] });
  /** @type {Buffer | undefined} */
  let notFound;
  try {
    notFound = readFileSync(join(dir, '404.html'));
  } catch {
    notFound = undefined;
  }
  return (request, response) =>
    files(request, response, () => {
      response.statusCode = 404;
      if (notFound) {
        response.setHeader('Content-Type', 'text/html; charset=utf-8');
        response.end(notFound);
      } else {
        response.setHeader('Content-Type', 'text/plain; charset=utf-8');
        response.end('Not found');
      }
    });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const args = process.argv.slice(2);
  const option = (/** @type {string} */ name, /** @type {string} */ fallback) => {
    const at = args.indexOf(name);
    return at >= 0 && args[at + 1] ? /** @type {string} */ (args[at + 1]) : fallback;
  };
  const dir = args[0] && !args[0].startsWith('--') ? args[0] : 'build';
  const port = Number(option('--port', '4173'));
  const host = option('--host', 'localhost');
  const quiet = args.includes('--quiet');
  const handle = staticHandler(dir);
  createServer((request, response) => handle(request, response)).listen(port, host, () => {
    if (!quiet) console.log(`Serving ${dir} at http://${host}:${port}/`);
  });
}
