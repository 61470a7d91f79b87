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
  rebuildPendingCards,
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

/** The sync store's name in IndexedDB. */
const storeName = 'system-design-recall-sync';
const batch = 1000;
/** Documents applied to Dexie per transaction during a big first sync. */
const bigBatch = 5000;

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

/** How long the probe waits for the server's first answer. */
const probeTimeoutMs = 5000;
/** The longest pause between a retrying replication's attempts. */
const maxBackOffMs = 4000;

/**
 * The fetch PouchDB's HTTP adapter is given. A request the network refused (offline, the
 * server gone) answers as a 503 with the reason, instead of a rejected promise: the adapter
 * then raises its usual error, which the replication retries, where a rejection reached
 * `src.info().then(…)` calls it makes with no catch (a page error on every failed batch).
 * An abort (the replication cancelled) stays an abort. `reached` hears whether the server
 * answered at all: some of the adapter's paths take the 503 for "nothing new" and pause
 * without an error, so the engine does not take a pause alone for "synced".
 */
export function pouchFetch(
  reached: (answered: boolean) => void
): (url: RequestInfo | URL, init?: RequestInit) => Promise<Response> {
  return (url, init) =>
    fetch(url, init).then(
      (response) => {
        reached(true);
        return response;
      },
      (error: unknown) => {
        if (error instanceof DOMException && error.name === 'AbortError') throw error;
        reached(false);
        return new Response(
          JSON.stringify({
            error: 'unreachable',
            reason: navigator.onLine ? notReachable : offlineRetry
          }),
          { status: 503, headers: { 'Content-Type': 'application/json' } }
        );
      }
    );
}

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
      credentials: 'omit',
      signal: AbortSignal.timeout(probeTimeoutMs)
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
  if (error?.status === 404 && error.error === 'not_found') return noDatabase;
  return notReachable;
}

export class SyncEngine {
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
  /** The latest request to the server got no answer (refused, offline, timed out). */
  #unreachable = false;
  #retryTimer: ReturnType<typeof setTimeout> | undefined;
  /** A big first sync is under way: its batches leave the cards to one rebuild at the end. */
  #firstPull = false;
  #onOnline = () => this.#restartLive();
  #onOffline = () => {
    if (this.phase !== 'off') {
      this.phase = 'offline';
      this.message = offlineRetry;
    }
  };

  /** `store`: the sync store's name (the app has one; tests make one per simulated device). */
  constructor(readonly store = storeName) {}

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
      await new PouchDB(this.store).destroy();
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
    await new PouchDB(this.store).destroy();
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
      this.#failed(error as PouchError);
    }
    this.#live();
  }

  /**
   * Stops replicating and closes the sync store, keeping sync on: the next `resume()` starts
   * again from the checkpoints. Nothing is lost (what was not sent yet is sent then).
   */
  async close(): Promise<void> {
    await this.#stop();
    this.phase = 'off';
    this.message = '';
  }

  async #start(
    config: SyncConfig,
    password: string,
    checked?: { problem?: string; fatal?: boolean; docCount?: number }
  ): Promise<void> {
    this.#local = new PouchDB(this.store, { auto_compaction: true });
    this.#remote = new PouchDB(config.address, {
      auth: { username: config.username, password },
      skip_setup: true,
      fetch: pouchFetch((answered) => (this.#unreachable = !answered))
    });
    this.phase = 'syncing';
    this.message = 'Syncing…';
    const found = checked ?? (await probe({ ...config, password }));
    if (found.problem) {
      this.phase = found.fatal ? 'error' : 'offline';
      this.message = found.problem;
    }
    const here = (await this.#local.info()).doc_count;
    if (found.docCount !== undefined && found.docCount - here > 2 * batch) {
      this.progress = { done: 0, total: found.docCount - here };
      this.#firstPull = true;
    }
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
      await this.#once().catch((error: unknown) => this.#failed(error as PouchError));
    this.#live();
  }

  async #once(): Promise<void> {
    if (!this.#local || !this.#remote) return;
    await this.#push();
    const once = this.#local.sync(this.#remote, { batch_size: 1000 });
    this.#count(once);
    // A one-shot sync that could not reach the server still resolves: look at how it ended.
    const ended = (await once) as { push?: { status?: string }; pull?: { status?: string } };
    if (
      !navigator.onLine ||
      this.#unreachable ||
      ended.push?.status !== 'complete' ||
      ended.pull?.status !== 'complete'
    )
      throw { status: undefined } satisfies PouchError;
    await this.#drain();
    await this.#finishFirstPull();
    this.#synced();
  }

  /**
   * The end of a big first sync, called once a drain has finished: every card it touched
   * rebuilt, each once. A batch still deferred after this stays on the pending list, which the
   * next drain that finds nothing new rebuilds.
   */
  async #finishFirstPull(): Promise<void> {
    if (!this.#firstPull) return;
    this.#firstPull = false;
    await rebuildPendingCards();
  }

  async #stop(): Promise<void> {
    clearTimeout(this.#retryTimer);
    this.#retryTimer = undefined;
    this.#replication?.cancel();
    this.#replication = undefined;
    this.#watch?.unsubscribe();
    this.#watch = undefined;
    removeEventListener('online', this.#onOnline);
    removeEventListener('offline', this.#onOffline);
    await Promise.allSettled([this.#pushing, this.#draining]);
    this.#firstPull = false;
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

  /**
   * A failed request of the live replication, said at once (it retries by itself): a refused
   * password or a missing database is an error; a server that does not answer is "offline,
   * will retry" with the reason in the status line, as the probe says it.
   */
  #failed(error: PouchError | undefined): void {
    const fatal =
      error?.status === 401 ||
      error?.status === 403 ||
      (error?.status === 404 && error.error === 'not_found');
    this.phase = fatal && navigator.onLine ? 'error' : 'offline';
    this.message = describeError(error);
  }

  /** Live replication both ways, retried with a growing pause (at most 4 s) when it fails. */
  #live(): void {
    if (!this.#local || !this.#remote) return;
    const replication = this.#local.sync(this.#remote, {
      live: true,
      retry: true,
      batch_size: 500,
      back_off_function: (delay) => (delay === 0 ? 500 : Math.min(delay * 2, maxBackOffMs))
    });
    this.#replication = replication;
    this.#count(replication);
    replication.on('active', () => {
      // A retry starting is not yet a connection: a failure stays said until a change or a
      // pause without an error shows the server answered.
      if (this.#replication !== replication) return;
      if (this.phase === 'error' || this.phase === 'offline') return;
      this.phase = 'syncing';
      this.message = 'Syncing…';
    });
    replication.on('requestError', (error) => {
      if (this.#replication === replication) this.#failed(error);
    });
    replication.on('paused', (error) => {
      if (this.#replication !== replication) return;
      if (error) {
        this.#failed(error);
        return;
      }
      void this.#drain()
        .then(() => this.#finishFirstPull())
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
      if (this.phase === 'error' || this.phase === 'offline') {
        this.phase = 'syncing';
        this.message = 'Syncing…';
      }
      if (info.direction === 'push') this.sent += added;
      else {
        this.received += added;
        void this.#drain().catch(() => undefined);
      }
    });
  }

  #synced(): void {
    // A live sync pauses without an error when the network is gone, or when the server did
    // not answer its last request: that is not caught up. Tried again in a few seconds.
    if (!navigator.onLine || this.#unreachable) {
      this.phase = 'offline';
      this.message = navigator.onLine ? notReachable : offlineRetry;
      if (navigator.onLine && this.#retryTimer === undefined)
        this.#retryTimer = setTimeout(() => {
          this.#retryTimer = undefined;
          this.#restartLive();
        }, maxBackOffMs);
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
    const readable: KeyedDoc[] = [];
    for (const each of all) {
      const read = readDoc(each, Date.now());
      if (read.ok) readable.push(each as unknown as KeyedDoc);
      // A revision that fails validation is removed with the rest, and said, never applied.
      else this.skipped = [...this.skipped, { id: read.id, problem: read.problem }].slice(-50);
    }
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

  /**
   * During a big first sync the batches are larger and leave the cards they touch to one
   * rebuild at the end (each card's whole log replayed once, not once per batch).
   */
  async #drainOnce(): Promise<void> {
    for (;;) {
      const local = this.#local;
      if (!local) return;
      const big = this.#firstPull;
      const limit = big ? bigBatch : batch;
      const { appliedSince } = await loadBookmarks();
      const feed = await local.changes({
        since: appliedSince,
        limit,
        include_docs: true,
        conflicts: true
      });
      if (feed.results.length === 0) {
        if (!big) await rebuildPendingCards();
        return;
      }
      const changes: IncomingChange[] = [];
      for (const row of feed.results) {
        let doc = row.doc;
        if (doc && !row.deleted && doc.type === 'keyed') doc = await this.#resolve(local, doc);
        changes.push({ id: row.id, deleted: row.deleted === true, doc });
      }
      const applied = await applyIncoming(changes, feed.last_seq, Date.now(), {
        deferCards: big
      });
      if (applied.skipped.length > 0)
        this.skipped = [...this.skipped, ...applied.skipped].slice(-50);
      if (this.progress) {
        const done = this.progress.done + applied.received;
        this.progress = { done, total: Math.max(done, this.progress.total) };
      }
      // A batch not deferred rebuilt the pending cards with its own (applyIncoming).
      if (feed.results.length < limit) return;
    }
  }
}

export const sync = new SyncEngine();
