// The part of PouchDB's API the sync engine uses (pouchdb-browser ships no types; the
// DefinitelyTyped set is large and pulls a dozen packages for these few calls).
declare module 'pouchdb-browser' {
  export interface PouchError {
    status?: number;
    name?: string;
    message?: string;
    error?: string | boolean;
    reason?: string;
  }
  export interface PouchDoc {
    _id: string;
    _rev?: string;
    _deleted?: boolean;
    _conflicts?: string[];
    [field: string]: unknown;
  }
  export interface ChangesResult {
    results: { id: string; seq: number | string; deleted?: boolean; doc?: PouchDoc }[];
    last_seq: number | string;
  }
  export interface ReplicationInfo {
    docs_read: number;
    docs_written: number;
    doc_write_failures: number;
    errors: unknown[];
    last_seq?: number | string;
    pending?: number;
  }
  export interface SyncChange {
    direction: 'push' | 'pull';
    change: ReplicationInfo;
  }
  export interface Replication extends Promise<unknown> {
    on(event: 'change', listener: (info: SyncChange) => void): void;
    on(event: 'paused', listener: (error?: PouchError) => void): void;
    on(event: 'active', listener: () => void): void;
    on(event: 'denied', listener: (error: PouchError) => void): void;
    on(event: 'complete', listener: (info: unknown) => void): void;
    on(event: 'error', listener: (error: PouchError) => void): void;
    /** Each failed request of a retrying replication (`paused` says only the first). */
    on(event: 'requestError', listener: (error: PouchError) => void): void;
    cancel(): void;
  }
  export interface DatabaseOptions {
    auth?: { username: string; password: string };
    skip_setup?: boolean;
    auto_compaction?: boolean;
    revs_limit?: number;
    /** The fetch the HTTP adapter calls for every request. */
    fetch?: (url: RequestInfo | URL, init?: RequestInit) => Promise<Response>;
  }
  export interface SyncOptions {
    live?: boolean;
    retry?: boolean;
    batch_size?: number;
    batches_limit?: number;
    back_off_function?: (delay: number) => number;
  }
  export default class PouchDB {
    constructor(name: string, options?: DatabaseOptions);
    info(): Promise<{ doc_count: number; update_seq: number | string; db_name: string }>;
    get(id: string, options?: { conflicts?: boolean; rev?: string }): Promise<PouchDoc>;
    put(doc: PouchDoc): Promise<{ ok: boolean; id: string; rev: string }>;
    remove(doc: PouchDoc): Promise<{ ok: boolean }>;
    bulkDocs(
      docs: PouchDoc[]
    ): Promise<({ ok: true; id: string; rev: string } | (PouchError & { id: string }))[]>;
    changes(options: {
      since: number | string;
      limit?: number;
      include_docs?: boolean;
      conflicts?: boolean;
    }): Promise<ChangesResult>;
    sync(remote: PouchDB, options?: SyncOptions): Replication;
    destroy(): Promise<unknown>;
    close(): Promise<void>;
  }
}
