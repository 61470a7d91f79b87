// Servers the tests start as child processes: a free port to put them on, and
// `npm run sync-server` (a CouchDB-protocol server in memory) for the tests that sync, the
// engine's Node tests and the two-profile e2e, killed and started again (empty) as a case needs.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

export const syncUser = 'learner';
export const syncPassword = 'correct horse';
const auth = `Basic ${Buffer.from(`${syncUser}:${syncPassword}`).toString('base64')}`;

/** A TCP port nothing listens on now, on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** `npm run sync-server` on `port`, allowing `origin` (CORS) when given. */
export class SyncServer {
  #child: ChildProcess | undefined;
  constructor(
    readonly port: number,
    readonly origin?: string
  ) {}

  /** A database's address on this server. */
  url(db = 'recall'): string {
    return `http://127.0.0.1:${this.port}/${db}`;
  }

  /** Starts the server (empty: it keeps nothing across a restart), with `db` created. */
  async start(db = 'recall'): Promise<void> {
    const args = ['--port', String(this.port), '--user', syncUser, '--password', syncPassword];
    args.push('--db', db, ...(this.origin ? ['--origin', this.origin] : []));
    const child = spawn(process.execPath, ['scripts/sync-server.js', ...args], {
      stdio: ['ignore', 'pipe', 'inherit']
    });
    this.#child = child;
    await new Promise<void>((resolve, reject) => {
      let out = '';
      child.stdout?.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        if (out.includes(this.url(db))) resolve();
      });
      child.once('exit', (code) => reject(new Error(`sync server exited (${code}): ${out}`)));
    });
  }

  /** Kills the server, as a crash or a lost connection would. */
  async stop(): Promise<void> {
    const child = this.#child;
    this.#child = undefined;
    if (!child || child.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGKILL');
    });
  }

  /** A request to `db`, as the learner. */
  request(db: string, path = '', init: RequestInit = {}): Promise<Response> {
    return fetch(`${this.url(db)}${path}`, {
      ...init,
      headers: { Authorization: auth, 'Content-Type': 'application/json', ...init.headers }
    });
  }

  /** The app's documents in `db` (not design or checkpoint documents), by id. */
  async docs(db = 'recall'): Promise<Map<string, Record<string, unknown>>> {
    const body = (await (await this.request(db, '/_all_docs?include_docs=true')).json()) as {
      rows: { id: string; doc: Record<string, unknown> }[];
    };
    return new Map(body.rows.filter((r) => !r.id.startsWith('_')).map((r) => [r.id, r.doc]));
  }
}
