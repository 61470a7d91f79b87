import { liveQuery, type Subscription } from 'dexie';
import PouchDB, { type PouchDoc, type PouchError, type Replication } from 'pouchdb-browser';
import {
  isLater,
  lastWrite,
  readDoc,
  serverAddressProblem,
  type KeyedDoc
} from '../core/sync/docs';
import { database } from '../db/database';
import {
  applyIncoming,
  forgetBookmarks,
  loadBookmarks,
  readOutgoing,
  type IncomingChange,
  type SkippedDoc
} from '../db/sync';
import { readSyncConfig, writeSyncConfig, type SyncConfig } from './config';

/**
 * Sync through CouchDB. The device keeps a PouchDB copy of its log (the "sync store", in
 * IndexedDB) that PouchDB replicates with the learner's CouchDB database, live while the app is
 * open and online, with the replication checkpoints CouchDB and PouchDB keep. Between Dexie
 * and the store: this device's new rows are copied in (`readOutgoing`), and whatever the store
 * gets from the server is checked and written to Dexie (`applyIncoming`). Loaded only when
 * sync is on or the sync settings are open: `/review` carries none of it.
 */

export type SyncPhase = 'off' | 'connecting' | 'syncing' | 'synced' | 'offline' | 'error';

const storeName = 'system-design-recall-sync';
const batch = 1000;

function basicAuth(username: string, password: string): string {
  const bytes = new TextEncoder().encode(`${username}:${password}`);
  return `Basic ${btoa(String.fromCharCode(...bytes))}`;
}

export const wrongPassword =
  'Wrong user name or password: the server refused them. Check both and turn sync on again.';
export const notReachable =
  'The server is not reachable: check the address, that the server is running and that it allows this app (CORS). Will retry.';
export const offlineRetry = 'Offline, will retry when the connection is back.';
export const notCouch =
  'That address is not a CouchDB database: it answered, but not as CouchDB does. Check the address (it ends with the database name).';
export const noDatabase =
  'The server has no database at that address. Create it on the server (or check its name), then turn sync on again.';

/** What the server's answer to a plain GET of the database says, in words; undefined when fine. */
async function probe(
  config: SyncConfig & { password: string }
): Promise<{ problem?: string; fatal?: boolean; docCount?: number }> {
  let response: Response;
  try {
    response = await fetch(config.address, {
      headers: {
        Authorization: basicAuth(config.username, config.password),
        Accept: 'application/json'
      },
      credentials: 'omit'
    });
  } catch {
    return { problem: navigator.onLine ? notReachable : offlineRetry };
  }
  if (response.status === 401 || response.status === 403)
    return { problem: wrongPassword, fatal: true };
  let body: Record<string, unknown> | undefined;
  try {
    body = (await response.json()) as Record<string, unknown>;
  } catch {
    return { problem: notCouch, fatal: true };
  }
  if (response.status === 404 && body?.error === 'not_found')
    return { problem: noDatabase, fatal: true };
  if (!response.ok || typeof body?.db_name !== 'string' || !('doc_count' in body))
    return { problem: notCouch, fatal: true };
  return { docCount: typeof body.doc_count === 'number' ? body.doc_count : undefined };
}

function describeError(error: PouchError | undefined): string {
  if (!navigator.onLine) return offlineRetry;
  if (error?.status === 401 || error?.status === 403) return wrongPassword;
  if (error?.status === 404) return noDatabase;
  return notReachable;
}

class SyncEngine {
  phase = $state<SyncPhase>('off');
  message = $state('');
  lastSyncedAt = $state<number | undefined>();
  sent = $state(0);
  received = $state(0);
  /** During a big first sync: documents applied here, of about how many on the server. */
  progress = $state<{ done: number; total: number } | undefined>();
  skipped = $state<SkippedDoc[]>([]);
  config = $state<SyncConfig | undefined>();
  /** Sync is on but the password was not kept: the learner must give it again. */
  needsPassword = $state(false);

  #local: PouchDB | undefined;
  #remote: PouchDB | undefined;
  #replication: Replication | undefined;
  #watch: Subscription | undefined;
  #pushing: Promise<void> | undefined;
  #pushAgain = false;
  #draining: Promise<void> | undefined;
  #drainAgain = false;
  #password: string | undefined;
  #onOnline = () => this.#restartLive();
  #onOffline = () => {
    if (this.phase !== 'off') {
      this.phase = 'offline';
      this.message = offlineRetry;
    }
  };

  get on(): boolean {
    return this.config !== undefined;
  }

  /** Starts sync with the kept settings, if sync is on (the layout calls this on every page). */
  async resume(): Promise<void> {
    const config = readSyncConfig();
    if (!config || this.#local) {
      this.config ??= config;
      return;
    }
    this.config = config;
    if (config.password === undefined && this.#password === undefined) {
      this.needsPassword = true;
      this.phase = 'error';
      this.message =
        'Sync is on, but the password was not kept on this device: enter it and press “Turn on sync”.';
      return;
    }
    await this.#start(config, config.password ?? (this.#password as string));
  }

  /** "Turn on sync": checks the address and the server, then starts. Returns a refusal, if any. */
  async turnOn(input: {
    address: string;
    username: string;
    password: string;
    remember: boolean;
  }): Promise<string | undefined> {
    const address = input.address.trim().replace(/\/+$/, '');
    const refused = serverAddressProblem(address);
    if (refused) return refused;
    if (!input.username.trim()) return 'Enter your user name on the server.';
    if (!input.password) return 'Enter your password on the server.';
    await this.#stop();
    const config: SyncConfig = { address, username: input.username.trim() };
    this.phase = 'connecting';
    this.message = 'Connecting…';
    const checked = await probe({ ...config, password: input.password });
    if (checked.fatal) {
      this.phase = 'error';
      this.message = checked.problem ?? notCouch;
      return checked.problem;
    }
    const previous = readSyncConfig();
    if (previous && (previous.address !== address || previous.username !== config.username)) {
      // Another database: the copy kept for the old one is of no use (the answers stay in Dexie).
      await new PouchDB(storeName).destroy();
      await forgetBookmarks();
    }
    writeSyncConfig(input.remember ? { ...config, password: input.password } : config);
    this.config = config;
    this.#password = input.password;
    this.needsPassword = false;
    await this.#start(config, input.password, checked);
    return undefined;
  }

  /** "Turn off sync": stops replicating and forgets the server; every answer stays here. */
  async turnOff(): Promise<void> {
    await this.#stop();
    writeSyncConfig(undefined);
    this.config = undefined;
    this.#password = undefined;
    this.needsPassword = false;
    await new PouchDB(storeName).destroy();
    await forgetBookmarks();
    this.phase = 'off';
    this.message = '';
    this.progress = undefined;
  }

  /** "Sync now": copies this device's new rows, replicates once both ways, then goes live again. */
  async syncNow(): Promise<void> {
    if (!this.#local || !this.#remote) {
      await this.resume();
      return;
    }
    this.#replication?.cancel();
    this.#replication = undefined;
    this.phase = 'syncing';
    this.message = 'Syncing…';
    try {
      await this.#once();
    } catch (error) {
      this.phase = navigator.onLine ? 'error' : 'offline';
      this.message = describeError(error as PouchError);
    }
    this.#live();
  }

  async #start(
    config: SyncConfig,
    password: string,
    checked?: { problem?: string; fatal?: boolean; docCount?: number }
  ): Promise<void> {
    this.#local = new PouchDB(storeName, { auto_compaction: true });
    this.#remote = new PouchDB(config.address, {
      auth: { username: config.username, password },
      skip_setup: true
    });
    this.phase = 'syncing';
    this.message = 'Syncing…';
    const found = checked ?? (await probe({ ...config, password }));
    if (found.problem) {
      this.phase = found.fatal ? 'error' : 'offline';
      this.message = found.problem;
    }
    const here = (await this.#local.info()).doc_count;
    if (found.docCount !== undefined && found.docCount - here > 2 * batch)
      this.progress = { done: 0, total: found.docCount - here };
    addEventListener('online', this.#onOnline);
    addEventListener('offline', this.#onOffline);
    const db = database();
    // Any change to the log, the settings or the meta rows (this tab's or another's) is sent.
    this.#watch = liveQuery(() =>
      Promise.all([
        db.reviews.orderBy('seq').lastKey(),
        db.reviews.count(),
        db.events.orderBy('seq').lastKey(),
        db.events.count(),
        db.settings.get('review'),
        db.meta.bulkGet(['interview-date', 'priority-cards'])
      ])
    ).subscribe({ next: () => void this.#push().catch(() => undefined), error: () => undefined });
    await this.#drain().catch(() => undefined);
    // One pass both ways to the end before going live: "Last synced" then means caught up
    // (a live sync says "paused" as soon as one direction has nothing to do).
    // A server that did not answer the probe: the live sync's retries take it from here.
    if (!found.problem)
      await this.#once().catch((error: unknown) => {
        this.phase = navigator.onLine ? 'error' : 'offline';
        this.message = describeError(error as PouchError);
      });
    this.#live();
  }

  async #once(): Promise<void> {
    if (!this.#local || !this.#remote) return;
    await this.#push();
    const once = this.#local.sync(this.#remote, { batch_size: 500 });
    this.#count(once);
    // A one-shot sync that could not reach the server still resolves: look at how it ended.
    const ended = (await once) as { push?: { status?: string }; pull?: { status?: string } };
    if (!navigator.onLine || ended.push?.status !== 'complete' || ended.pull?.status !== 'complete')
      throw { status: undefined } satisfies PouchError;
    await this.#drain();
    this.#synced();
  }

  async #stop(): Promise<void> {
    this.#replication?.cancel();
    this.#replication = undefined;
    this.#watch?.unsubscribe();
    this.#watch = undefined;
    removeEventListener('online', this.#onOnline);
    removeEventListener('offline', this.#onOffline);
    await Promise.allSettled([this.#pushing, this.#draining]);
    const local = this.#local;
    this.#local = undefined;
    this.#remote = undefined;
    await local?.close();
  }

  #restartLive(): void {
    if (!this.#local) return;
    this.#replication?.cancel();
    this.#live();
  }

  /** Live replication both ways, retried with a growing pause (at most 10 s) when it fails. */
  #live(): void {
    if (!this.#local || !this.#remote) return;
    const replication = this.#local.sync(this.#remote, {
      live: true,
      retry: true,
      batch_size: 500,
      back_off_function: (delay) => (delay === 0 ? 1000 : Math.min(delay * 2, 10_000))
    });
    this.#replication = replication;
    this.#count(replication);
    replication.on('active', () => {
      if (this.#replication !== replication) return;
      this.phase = 'syncing';
      this.message = 'Syncing…';
    });
    replication.on('paused', (error) => {
      if (this.#replication !== replication) return;
      if (error) {
        this.phase = navigator.onLine ? 'error' : 'offline';
        this.message = describeError(error);
        return;
      }
      void this.#drain()
        .then(() => {
          if (this.#replication === replication) this.#synced();
        })
        .catch(() => undefined);
    });
    replication.on('denied', (error) => {
      this.phase = 'error';
      this.message = describeError(error);
    });
    replication.on('error', (error) => {
      if (this.#replication !== replication) return;
      this.phase = 'error';
      this.message = describeError(error);
    });
    replication.catch(() => undefined);
  }

  #count(replication: Replication): void {
    // A replication's figures count from its start: add what each change adds.
    const seen = { push: 0, pull: 0 };
    replication.on('change', (info) => {
      const added = info.change.docs_written - seen[info.direction];
      seen[info.direction] = info.change.docs_written;
      if (info.direction === 'push') this.sent += added;
      else {
        this.received += added;
        void this.#drain().catch(() => undefined);
      }
    });
  }

  #synced(): void {
    // A live sync pauses without an error when the network is gone: that is not caught up.
    if (!navigator.onLine) {
      this.phase = 'offline';
      this.message = offlineRetry;
      return;
    }
    this.phase = 'synced';
    this.message = '';
    this.lastSyncedAt = Date.now();
    this.progress = undefined;
  }

  /** Copies this device's rows not yet in the sync store into it (one run at a time). */
  #push(): Promise<void> {
    if (this.#pushing) {
      this.#pushAgain = true;
      return this.#pushing;
    }
    const run = async () => {
      do {
        this.#pushAgain = false;
        await this.#pushOnce();
      } while (this.#pushAgain && this.#local);
    };
    const pushing = run().finally(() => (this.#pushing = undefined));
    this.#pushing = pushing;
    return pushing;
  }

  async #pushOnce(): Promise<void> {
    for (;;) {
      const local = this.#local;
      if (!local) return;
      const out = await readOutgoing(Date.now(), batch);
      if (out.docs.length > 0) {
        const results = await local.bulkDocs(out.docs as unknown as PouchDoc[]);
        // A conflict is a document the store already has (the same id, written once).
        const failed = results.find((r) => 'status' in r && r.status !== 409);
        if (failed)
          throw new Error((failed as PouchError).message ?? 'The sync store refused a document.');
      }
      for (const doc of out.keyed) await this.#putKeyed(local, doc);
      for (const id of out.undone) {
        const doc = await local.get(id).catch(() => undefined);
        if (doc) await local.remove(doc);
      }
      await out.done();
      if (out.docs.length < batch) return;
    }
  }

  /** Writes a keyed value unless the store holds a later write for the key. */
  async #putKeyed(local: PouchDB, doc: KeyedDoc): Promise<void> {
    const kept = await local.get(doc._id).catch(() => undefined);
    if (kept && !isLater(doc, kept as unknown as KeyedDoc)) return;
    await local.put({ ...doc, ...(kept?._rev && { _rev: kept._rev }) } as unknown as PouchDoc);
  }

  /**
   * Two devices that changed one keyed value apart leave a conflict in CouchDB: the last write
   * (by its stamp) is made the winner and the other revisions removed.
   */
  async #resolve(local: PouchDB, doc: PouchDoc): Promise<PouchDoc> {
    const revs = doc._conflicts ?? [];
    if (revs.length === 0) return doc;
    const others = await Promise.all(revs.map((rev) => local.get(doc._id, { rev })));
    const all = [doc, ...others];
    const readable = all.filter((d) => readDoc(d, Date.now()).ok) as unknown as KeyedDoc[];
    const latest = lastWrite(readable) as unknown as PouchDoc | undefined;
    for (const other of others) await local.remove(other);
    if (latest && latest !== doc) {
      const { _conflicts: _c, ...content } = latest;
      void _c;
      await local.put({ ...content, _rev: doc._rev });
      return latest;
    }
    return doc;
  }

  /** Applies what the sync store holds past the bookmark, a batch per transaction. */
  #drain(): Promise<void> {
    if (this.#draining) {
      this.#drainAgain = true;
      return this.#draining;
    }
    const run = async () => {
      do {
        this.#drainAgain = false;
        await this.#drainOnce();
      } while (this.#drainAgain && this.#local);
    };
    const draining = run().finally(() => (this.#draining = undefined));
    this.#draining = draining;
    return draining;
  }

  async #drainOnce(): Promise<void> {
    for (;;) {
      const local = this.#local;
      if (!local) return;
      const { appliedSince } = await loadBookmarks();
      const feed = await local.changes({
        since: appliedSince,
        limit: batch,
        include_docs: true,
        conflicts: true
      });
      if (feed.results.length === 0) return;
      const changes: IncomingChange[] = [];
      for (const row of feed.results) {
        let doc = row.doc;
        if (doc && !row.deleted && doc.type === 'keyed') doc = await this.#resolve(local, doc);
        changes.push({ id: row.id, deleted: row.deleted === true, doc });
      }
      const applied = await applyIncoming(changes, feed.last_seq, Date.now());
      if (applied.skipped.length > 0)
        this.skipped = [...this.skipped, ...applied.skipped].slice(-50);
      if (this.progress) {
        const done = this.progress.done + applied.received;
        this.progress = { done, total: Math.max(done, this.progress.total) };
      }
      if (feed.results.length < batch) return;
    }
  }
}

export const sync = new SyncEngine();
