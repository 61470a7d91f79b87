// The backup feature's own meta rows: when the last backup was made, when the reminder was
// dismissed. Apart from backup.ts so Today's backup line loads only this (no valibot, no replay).
import { reminderSince, type BackupMoment } from '../core/backup/reminder';
import { database } from './database';

/** Meta rows of the backup feature itself (not the learner's data, so not in a backup). */
export const lastBackupKey = 'last-backup';
export const reminderKey = 'backup-reminder-dismissed';
export const autoBackupKey = 'auto-backup';

/** Remembers that a backup was made at `at` of `answers` answers, up to the log's `seq`. */
export async function recordBackup(moment: BackupMoment): Promise<void> {
  await database().meta.put({ key: lastBackupKey, value: moment });
}

/** The log's last sequence number now (0 for an empty log): a moment's `seq`. */
export async function lastLogSeq(): Promise<number> {
  const last = await database().reviews.orderBy('seq').lastKey();
  return typeof last === 'number' ? last : 0;
}

export function readMoment(value: unknown): BackupMoment | undefined {
  const m = value as Partial<BackupMoment> | undefined;
  if (!m || typeof m.at !== 'number') return undefined;
  return {
    at: m.at,
    ...(typeof m.answers === 'number' && { answers: m.answers }),
    ...(typeof m.seq === 'number' && { seq: m.seq })
  };
}

/**
 * The backup line counts answers since a moment up to this many and says "more than" past
 * it. Counting the whole log took most of a second at 1,000,000 answers, on the today page.
 */
export const answersCountedUpTo = 1000;

/**
 * Answers after `moment` (all of them without one), counted up to `answersCountedUpTo + 1`: a
 * read of at most that many keys, whatever the log's size. After its `seq` when it has one;
 * a moment kept by an older version, after its time.
 */
async function answersAfter(moment: BackupMoment | undefined): Promise<number> {
  const reviews = database().reviews;
  const range =
    moment === undefined
      ? reviews.toCollection()
      : moment.seq !== undefined
        ? reviews.where('seq').above(moment.seq)
        : reviews.where('reviewedAt').above(moment.at);
  return (await range.limit(answersCountedUpTo + 1).primaryKeys()).length;
}

/**
 * What the backup line and reminder need: the last backup and dismissal, the answers since
 * each (counted up to a bound, see `answersAfter`), and when the log starts.
 */
export async function backupStatus(): Promise<{
  lastBackup: BackupMoment | undefined;
  dismissed: BackupMoment | undefined;
  /** Answers since the last backup (all, with none), up to `answersCountedUpTo + 1`. */
  sinceBackup: number;
  /** Answers since the later of the backup and the dismissal, what the reminder counts. */
  sinceReminder: number;
  firstAnswerAt: number | undefined;
}> {
  const db = database();
  return db.transaction('r', db.meta, db.reviews, async () => {
    const [last, dismissedRow, first] = await Promise.all([
      db.meta.get(lastBackupKey),
      db.meta.get(reminderKey),
      db.reviews.orderBy('reviewedAt').first()
    ]);
    const lastBackup = readMoment(last?.value);
    const dismissed = readMoment(dismissedRow?.value);
    const since = reminderSince(lastBackup, dismissed);
    const [sinceBackup, sinceReminder] = await Promise.all([
      answersAfter(lastBackup),
      since === lastBackup ? undefined : answersAfter(since)
    ]);
    return {
      lastBackup,
      dismissed,
      sinceBackup,
      sinceReminder: sinceReminder ?? sinceBackup,
      firstAnswerAt: typeof first?.reviewedAt === 'number' ? first.reviewedAt : undefined
    };
  });
}

export async function dismissReminder(now: number): Promise<void> {
  await database().meta.put({ key: reminderKey, value: { at: now, seq: await lastLogSeq() } });
}
