// Making a backup file and downloading it: apart from the restore code, so Today's reminder
// loads only this (the file itself is made in a worker).
import { version } from '$app/environment';
import { backupFileName } from '$lib/core/backup/format';
import { lastLogSeq, recordBackup } from '$lib/db/backup-status';
import type { ExportReply, ExportRequest } from './backup-export.worker';
import { clock } from './clock';

/** Downloads `blob` as `name` through a link, as every browser allows. */
export function downloadBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** Runs the export worker: the whole file made off the main thread. */
function exportInWorker(app: string, now: number): Promise<{ blob: Blob; answers: number }> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./backup-export.worker.ts', import.meta.url), {
      type: 'module'
    });
    worker.onerror = (event) => {
      worker.terminate();
      reject(new Error(event.message || 'The backup writer stopped.'));
    };
    worker.onmessage = (event: MessageEvent<ExportReply>) => {
      worker.terminate();
      const reply = event.data;
      if (reply.type === 'done') {
        for (const [name, duration] of Object.entries(reply.times))
          performance.measure(`backup:${name}`, { start: performance.now() - duration, duration });
        resolve(reply);
      } else reject(Object.assign(new Error(reply.message), { name: reply.name }));
    };
    worker.postMessage({ app, now } satisfies ExportRequest);
  });
}

/** Writes a backup of everything here now; returns its file name and blob, and remembers it. */
export async function makeBackupFile(): Promise<{ name: string; blob: Blob; answers: number }> {
  const now = clock.now();
  // Read before the worker starts: every answer up to it is in the file, and one given while
  // the file is made counts as not backed up yet.
  const seq = await lastLogSeq();
  const { blob, answers } = await exportInWorker(version, now);
  await recordBackup({ at: now, answers, seq });
  return { name: backupFileName(now), blob, answers };
}

/** Downloads a backup now (Settings, Today's reminder, before a replace or a reset). */
export async function downloadBackup(): Promise<{ name: string; answers: number }> {
  const file = await makeBackupFile();
  downloadBlob(file.blob, file.name);
  return file;
}
