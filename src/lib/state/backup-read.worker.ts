// Reads a backup file off the main thread: decompressing, parsing (one JSON.parse of a large
// file is a long task) and checking every row. The checked rows go back in parts, so the page
// never takes one long message either.
import { backupTables } from '$lib/core/backup/format';
import { parseBackupJson, readBackupText } from '$lib/core/backup/read';
import { BackupRefused, readBackup } from '$lib/core/backup/schema';
import type { ReaderMessage, ReaderRequest } from './backup-file';

const post = (message: ReaderMessage) => (self as unknown as Worker).postMessage(message);

self.onmessage = async (event: MessageEvent<ReaderRequest>) => {
  const { file, now } = event.data;
  try {
    const text = await readBackupText(file.stream(), file.size, undefined, (done) =>
      post({ type: 'progress', stage: 'reading', done, total: file.size })
    );
    post({ type: 'progress', stage: 'checking', done: 0, total: 1 });
    const backup = readBackup(parseBackupJson(text), now, (done, total) =>
      post({ type: 'progress', stage: 'checking', done, total })
    );
    for (const table of backupTables) {
      const rows = backup[table] as unknown[];
      for (let i = 0; i < rows.length; i += 2000)
        post({ type: 'rows', table, rows: rows.slice(i, i + 2000) });
    }
    post({ type: 'done', header: backup.header });
  } catch (error) {
    post({
      type: 'refused',
      reason:
        error instanceof BackupRefused
          ? error.reason
          : `The file could not be read: ${error instanceof Error ? error.message : String(error)}`
    });
  }
};
