import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { backupReminderDue, reminderSince } from '../core/backup/reminder';
import { useFreshDatabase } from '../test/database';
import { logRow, testStart as start } from '../test/factories';
import {
  answersCountedUpTo,
  backupStatus,
  dismissReminder,
  lastBackupKey,
  lastLogSeq,
  recordBackup
} from './backup-status';
import { database } from './database';

useFreshDatabase('backup-status');

const minute = 60_000;
const day = 24 * 60 * minute;

/** `count` answers, a minute apart from `from`. */
async function answers(count: number, from: number): Promise<void> {
  await database().reviews.bulkAdd(
    Array.from({ length: count }, (_, i) =>
      logRow({ cardId: `card-${i % 50}`, rating: 3, now: from + i * minute })
    )
  );
}

describe('the backup line counts answers without counting the log', () => {
  it('counts the answers after a backup by the log sequence it covered', async () => {
    expect(await backupStatus()).toMatchObject({ sinceBackup: 0, firstAnswerAt: undefined });
    await answers(5, start - 2 * day);
    await recordBackup({ at: start - day, answers: 5, seq: await lastLogSeq() });
    // Given before the backup by their clocks, arrived after it (synced from another device):
    // not in the file, so counted.
    await answers(3, start - 3 * day);
    const status = await backupStatus();
    expect(status).toMatchObject({
      sinceBackup: 3,
      sinceReminder: 3,
      firstAnswerAt: start - 3 * day,
      lastBackup: { at: start - day, answers: 5 }
    });
  });

  it('counts by time after a backup kept without a sequence (by an older version)', async () => {
    await answers(4, start - 2 * day);
    await database().meta.put({
      key: lastBackupKey,
      value: { at: start - 2 * day + 90_000, answers: 2 }
    });
    expect((await backupStatus()).sinceBackup).toBe(2);
  });

  it('reads at most a bounded number of keys, and says so past it', async () => {
    await answers(answersCountedUpTo + 50, start - 2 * day);
    const status = await backupStatus();
    expect(status.sinceBackup).toBe(answersCountedUpTo + 1);
    expect(status.sinceReminder).toBe(answersCountedUpTo + 1);
  });

  it('a dismissal counts from its own moment; the backup line still from the backup', async () => {
    await answers(10, start - 3 * day);
    await recordBackup({ at: start - 3 * day + 30 * minute, answers: 10, seq: await lastLogSeq() });
    await answers(250, start - 2 * day);
    const before = await backupStatus();
    expect(before).toMatchObject({ sinceBackup: 250, sinceReminder: 250 });
    const due = (status: typeof before, now: number) =>
      backupReminderDue({
        now,
        answersSince: status.sinceReminder,
        firstAnswerAt: status.firstAnswerAt,
        since: reminderSince(status.lastBackup, status.dismissed)
      });
    expect(due(before, start)).toBe(true);

    await dismissReminder(start);
    await answers(7, start + minute);
    const after = await backupStatus();
    expect(after).toMatchObject({ sinceBackup: 257, sinceReminder: 7 });
    expect(after.dismissed).toMatchObject({ at: start });
    expect(due(after, start + day)).toBe(false);
    expect(due(after, start + 7 * day)).toBe(true);
  });
});
