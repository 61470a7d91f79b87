// The backup feature's own meta rows: when the last backup was made, when the reminder was
// dismissed. Apart from backup.ts so Today's backup line loads only this (no valibot, no replay).
import type { BackupMoment } from '../core/backup/reminder';
import { database } from './database';

/** Meta rows of the backup feature itself (not the learner's data, so not in a backup). */
export const lastBackupKey = 'last-backup';
export const reminderKey = 'backup-reminder-dismissed';
export const autoBackupKey = 'auto-backup';

/** Remembers that a backup was made at `at` of `answers` answers (for the reminder). */
export async function recordBackup(moment: BackupMoment): Promise<void> {
  await database().meta.put({ key: lastBackupKey, value: moment });
}

export function readMoment(value: unknown): BackupMoment | undefined {
  const m = value as Partial<BackupMoment> | undefined;
  return m && typeof m.at === 'number' && typeof m.answers === 'number'
    ? { at: m.at, answers: m.answers }
    : undefined;
}

/** What the backup reminder needs: the last backup, the last dismissal, the log's size and start. */
export async function backupStatus(): Promise<{
  lastBackup: BackupMoment | undefined;
  dismissed: BackupMoment | undefined;
  answers: number;
  firstAnswerAt: number | undefined;
}> {
  const db = database();
  return db.transaction('r', db.meta, db.reviews, async () => {
    const [last, dismissed, answers, first] = await Promise.all([
      db.meta.get(lastBackupKey),
      db.meta.get(reminderKey),
      db.reviews.count(),
      db.reviews.orderBy('reviewedAt').first()
    ]);
    return {
      lastBackup: readMoment(last?.value),
      dismissed: readMoment(dismissed?.value),
      answers,
      firstAnswerAt: typeof first?.reviewedAt === 'number' ? first.reviewedAt : undefined
    };
  });
}

export async function dismissReminder(now: number): Promise<void> {
  const db = database();
  const answers = await db.reviews.count();
  await db.meta.put({ key: reminderKey, value: { at: now, answers } });
}
