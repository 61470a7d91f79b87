import type { BackupSummary } from '$lib/core/backup/merge';
import { BackupRefused } from '$lib/core/backup/schema';

/** What the page asks the restore worker. */
export type ReaderRequest =
  | { type: 'read'; file: File; now: number; known: string[] | null }
  | { type: 'restore'; mode: 'merge' | 'replace' }
  | { type: 'cancel' };

export type RestoreStage = 'reading' | 'checking' | 'planning' | 'writing';

/** What a merge of the file would do: the preview's figures, worked out in the worker. */
export interface WorkerPreview {
  summary: BackupSummary;
  newAnswers: number;
  answersHere: number;
  newEvents: number;
  cardsRebuilt: number;
  newDrills: number;
  deviceAnswers: number;
}

export interface RestoreResult {
  added: number;
  reviewsHere: number;
  rebuilt: number;
}

/** Stage times in ms, for performance measures (bench/backup.ts prints them). */
type Times = Record<string, number>;

export type ReaderMessage =
  | { type: 'progress'; stage: RestoreStage; done: number; total: number }
  | ({ type: 'preview'; times: Times } & WorkerPreview)
  | ({ type: 'restored'; times: Times } & RestoreResult)
  | { type: 'refused'; reason: string }
  | { type: 'failed'; name: string; message: string; innerName: string | undefined };

export class ReadCancelled extends Error {}

/** A failure in the worker, with the name the page's messages tell apart (and Dexie's cause). */
export class RestoreFailed extends Error {
  readonly inner: { name: string } | undefined;
  constructor(name: string, message: string, innerName: string | undefined) {
    super(message);
    this.name = name;
    this.inner = innerName ? { name: innerName } : undefined;
  }
}

function measure(times: Times): void {
  for (const [name, duration] of Object.entries(times))
    performance.measure(`backup:${name}`, { start: performance.now() - duration, duration });
}

/**
 * One restore, worked out and written in a worker (`backup-read.worker.ts`): `preview` reads and
 * checks the file and plans the merge; `restore` writes it. Rejects with `BackupRefused` (the
 * reason) for a bad file, `ReadCancelled` when reading is cancelled (the worker is stopped) and
 * `RestoreFailed` (named like the worker's error) when the write fails or is cancelled.
 */
export class RestoreWorker {
  #worker = new Worker(new URL('./backup-read.worker.ts', import.meta.url), { type: 'module' });
  #pending: { resolve: (message: ReaderMessage) => void; reject: (error: Error) => void } | null =
    null;
  #progress: (stage: RestoreStage, done: number, total: number) => void = () => undefined;

  constructor() {
    this.#worker.onerror = (event) => {
      this.#pending?.reject(new Error(event.message || 'The backup reader stopped.'));
      this.#pending = null;
    };
    this.#worker.onmessage = (event: MessageEvent<ReaderMessage>) => {
      const message = event.data;
      if (message.type === 'progress') this.#progress(message.stage, message.done, message.total);
      else {
        const pending = this.#pending;
        this.#pending = null;
        if (message.type === 'refused') pending?.reject(new BackupRefused(message.reason));
        else if (message.type === 'failed')
          pending?.reject(new RestoreFailed(message.name, message.message, message.innerName));
        else pending?.resolve(message);
      }
    };
  }

  #ask(
    request: ReaderRequest,
    progress: (stage: RestoreStage, done: number, total: number) => void
  ): Promise<ReaderMessage> {
    this.#progress = progress;
    return new Promise((resolve, reject) => {
      this.#pending = { resolve, reject };
      this.#worker.postMessage(request);
    });
  }

  /** Reads and checks `file` and works out a merge; `signal` stops the worker. */
  async preview(
    file: File,
    now: number,
    known: string[] | null,
    progress: (stage: RestoreStage, done: number, total: number) => void,
    signal: AbortSignal
  ): Promise<WorkerPreview> {
    const stop = () => {
      this.close();
      this.#pending?.reject(new ReadCancelled());
      this.#pending = null;
    };
    signal.addEventListener('abort', stop, { once: true });
    try {
      const message = await this.#ask({ type: 'read', file, now, known }, progress);
      if (message.type !== 'preview') throw new Error('The backup reader answered out of turn.');
      measure(message.times);
      return message;
    } finally {
      signal.removeEventListener('abort', stop);
    }
  }

  /** Writes the previewed file; `signal` cancels the write (its transaction is aborted). */
  async restore(
    mode: 'merge' | 'replace',
    progress: (stage: RestoreStage, done: number, total: number) => void,
    signal: AbortSignal
  ): Promise<RestoreResult> {
    const cancel = () => this.#worker.postMessage({ type: 'cancel' } satisfies ReaderRequest);
    signal.addEventListener('abort', cancel, { once: true });
    try {
      const message = await this.#ask({ type: 'restore', mode }, progress);
      if (message.type !== 'restored') throw new Error('The backup reader answered out of turn.');
      measure(message.times);
      return message;
    } finally {
      signal.removeEventListener('abort', cancel);
    }
  }

  close(): void {
    this.#worker.terminate();
  }
}
