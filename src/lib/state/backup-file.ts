import type { Backup, BackupHeader, BackupTable } from '$lib/core/backup/format';
import { BackupRefused } from '$lib/core/backup/schema';

/** What the page asks the reading worker. */
export interface ReaderRequest {
  file: File;
  now: number;
}

export type ReaderMessage =
  | { type: 'progress'; stage: 'reading' | 'checking'; done: number; total: number }
  | { type: 'rows'; table: BackupTable; rows: unknown[] }
  | { type: 'done'; header: BackupHeader }
  | { type: 'refused'; reason: string };

export class ReadCancelled extends Error {}

/**
 * Reads and checks a chosen backup file in a worker. Rejects with `BackupRefused` (the reason)
 * for a bad file and with `ReadCancelled` when `signal` aborts (the worker is stopped).
 */
export function readBackupFile(
  file: File,
  now: number,
  progress: (stage: 'reading' | 'checking', done: number, total: number) => void,
  signal: AbortSignal
): Promise<Backup> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./backup-read.worker.ts', import.meta.url), {
      type: 'module'
    });
    const parts: Record<BackupTable, unknown[]> = {
      reviews: [],
      cards: [],
      events: [],
      settings: [],
      drills: [],
      meta: []
    };
    const stop = () => {
      worker.terminate();
      reject(new ReadCancelled());
    };
    signal.addEventListener('abort', stop, { once: true });
    const finish = () => {
      signal.removeEventListener('abort', stop);
      worker.terminate();
    };
    worker.onerror = (event) => {
      finish();
      reject(new Error(event.message || 'The backup reader stopped.'));
    };
    worker.onmessage = (event: MessageEvent<ReaderMessage>) => {
      const message = event.data;
      if (message.type === 'progress') progress(message.stage, message.done, message.total);
      else if (message.type === 'rows') {
        const list = parts[message.table];
        for (const row of message.rows) list.push(row);
      } else if (message.type === 'refused') {
        finish();
        reject(new BackupRefused(message.reason));
      } else {
        finish();
        resolve({ header: message.header, ...parts } as Backup);
      }
    };
    worker.postMessage({ file, now } satisfies ReaderRequest);
  });
}
