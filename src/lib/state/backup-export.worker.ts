// Writes a backup off the main thread: reading every table (Dexie works in a worker, on the
// same database), turning 100,000 rows into text and compressing it would otherwise hold the
// page for seconds. The finished file goes back as a Blob, which passes by reference.
import { backupBlob, collectBackup } from '$lib/db/backup';

export interface ExportRequest {
  app: string;
  now: number;
}

export type ExportReply =
  | { type: 'done'; blob: Blob; answers: number; times: Record<string, number> }
  | { type: 'failed'; name: string; message: string };

self.onmessage = async (event: MessageEvent<ExportRequest>) => {
  const post = (reply: ExportReply) => (self as unknown as Worker).postMessage(reply);
  try {
    // Stage times, for the benchmark (the page records them as performance measures).
    const started = performance.now();
    const backup = await collectBackup(event.data.app, event.data.now);
    const read = performance.now();
    const blob = await backupBlob(backup);
    const times = { 'export-read': read - started, 'export-write': performance.now() - read };
    post({ type: 'done', blob, answers: backup.header.counts.reviews, times });
  } catch (error) {
    const failure = error as { name?: unknown; message?: unknown } | null;
    post({
      type: 'failed',
      name: typeof failure?.name === 'string' ? failure.name : 'Error',
      message: typeof failure?.message === 'string' ? failure.message : String(error)
    });
  }
};
