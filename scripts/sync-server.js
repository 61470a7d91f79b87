// `npm run sync-server -- --port 5984 --user alice --password secret [--origin URL] [--db NAME]`:
// a CouchDB-protocol server in memory (express-pouchdb, the server half of pouchdb-server, over
// PouchDB's memory adapter) for trying sync and for its tests. Every request must carry that
// user's name and password (no "admin party"); CORS answers only the app's origins (default the
// `npm start` and e2e addresses on localhost). It creates the database (default `recall`) and
// prints its address. Installed on first use into tools/sync-server with its own lockfile.
import { spawnSync } from 'node:child_process';
import { timingSafeEqual } from 'node:crypto';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '5984' },
    host: { type: 'string', default: '127.0.0.1' },
    user: { type: 'string' },
    password: { type: 'string' },
    origin: { type: 'string', multiple: true },
    db: { type: 'string', default: 'recall' }
  }
});
if (!values.user || !values.password) {
  console.error(
    'usage: npm run sync-server -- --port N --user NAME --password PW [--origin URL] [--db NAME]'
  );
  process.exit(2);
}
const port = Number(values.port);
const origins = new Set(
  values.origin ?? [
    'http://localhost:4173',
    'http://127.0.0.1:4173',
    'http://localhost:5173',
    'http://127.0.0.1:5173'
  ]
);

const install = spawnSync(
  process.execPath,
  [join(root, 'scripts/install-tool.js'), 'sync-server'],
  {
    cwd: root,
    stdio: ['ignore', 'inherit', 'inherit']
  }
);
if (install.status !== 0) process.exit(install.status ?? 1);

// The tool's own packages (untyped here: they live outside the app's install).
const toolRequire = createRequire(join(root, 'tools/sync-server/package.json'));
const express = toolRequire('express');
const PouchDB = toolRequire('pouchdb-core')
  .plugin(toolRequire('pouchdb-adapter-memory'))
  .plugin(toolRequire('pouchdb-adapter-http'))
  .plugin(toolRequire('pouchdb-replication'))
  .plugin(toolRequire('pouchdb-mapreduce'))
  .defaults({ adapter: 'memory' });

const expected = Buffer.from(
  `Basic ${Buffer.from(`${values.user}:${values.password}`).toString('base64')}`
);
/** @param {string | undefined} header */
const validUser = (header) => {
  const given = Buffer.from(header ?? '');
  return given.length === expected.length && timingSafeEqual(given, expected);
};

const app = express();
app.disable('x-powered-by');
// CORS for the app's origins only, with credentials, as CouchDB's [cors] section would.
app.use((/** @type {any} */ req, /** @type {any} */ res, /** @type {() => void} */ next) => {
  const origin = req.headers.origin;
  if (origin && origins.has(origin)) {
    res.setHeader('Access-Control-Allow-Origin', origin);
    res.setHeader('Access-Control-Allow-Credentials', 'true');
    res.setHeader('Vary', 'Origin');
    res.setHeader('Access-Control-Allow-Methods', 'GET, PUT, POST, HEAD, DELETE');
    res.setHeader(
      'Access-Control-Allow-Headers',
      'accept, authorization, content-type, origin, referer'
    );
    res.setHeader('Access-Control-Expose-Headers', 'content-type, cache-control, etag');
  }
  if (req.method === 'OPTIONS') {
    res.status(origin && origins.has(origin) ? 204 : 403).end();
    return;
  }
  next();
});
// require_valid_user: nothing without this user's name and password.
app.use((/** @type {any} */ req, /** @type {any} */ res, /** @type {() => void} */ next) => {
  if (validUser(req.headers.authorization)) return next();
  res.status(401).json({ error: 'unauthorized', reason: 'Name or password is incorrect.' });
});
app.use(
  toolRequire('express-pouchdb')(PouchDB, {
    mode: 'minimumForPouchDB',
    inMemoryConfig: true,
    logPath: join(root, 'tools/sync-server/log.txt')
  })
);

await new PouchDB(values.db).info();
const server = app.listen(port, values.host, () => {
  const address = `http://${values.host === '0.0.0.0' ? '127.0.0.1' : values.host}:${server.address().port}`;
  console.log(
    `Sync server (in memory): ${address}/${values.db} (user ${values.user}; CORS for ${[...origins].join(', ')})`
  );
});
const stop = () => server.close(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
