import { backupFilePattern } from './format';

/** What the app remembers of a backup or of a dismissed reminder. */
export interface BackupMoment {
  at: number;
  /** Answers in the log at that moment (a backup's own count; not kept for a dismissal). */
  answers?: number;
  /**
   * The log's last sequence number at that moment: the answers after it are the ones since.
   * Moments kept by versions before it was added have none; they count by time instead.
   */
  seq?: number;
}

const dayMs = 24 * 60 * 60 * 1000;
export const reminderAfterDays = 7;
export const reminderAfterAnswers = 200;

/** The later of the last backup and the last dismissal: what the reminder counts from. */
export function reminderSince(
  lastBackup: BackupMoment | undefined,
  dismissed: BackupMoment | undefined
): BackupMoment | undefined {
  if (!lastBackup || !dismissed) return lastBackup ?? dismissed;
  return dismissed.at > lastBackup.at ? dismissed : lastBackup;
}

/**
 * Whether to show the gentle "make a backup" reminder: answers were given since the last
 * backup or dismissal (or ever, with neither), and since then (or the first answer) 7 days or
 * 200 answers have passed. `answersSince` counts the answers after `since`, and need not count
 * past 200: the log is not counted whole for this.
 */
export function backupReminderDue(input: {
  now: number;
  answersSince: number;
  firstAnswerAt: number | undefined;
  since: BackupMoment | undefined;
}): boolean {
  if (input.answersSince === 0 || input.firstAnswerAt === undefined) return false;
  const from = Math.max(input.since?.at ?? input.firstAnswerAt, input.firstAnswerAt);
  return (
    input.now - from >= reminderAfterDays * dayMs || input.answersSince >= reminderAfterAnswers
  );
}

/**
 * Whether the automatic backup is due: once a study day, at the first visit after answers
 * given since the last automatic one (so a day of study is in a file by the next morning).
 */
export function autoBackupDue(input: {
  todayStart: number;
  lastAutoAt: number | undefined;
  latestAnswerAt: number | undefined;
}): boolean {
  if (input.latestAnswerAt === undefined) return false;
  if (input.lastAutoAt === undefined) return true;
  return input.lastAutoAt < input.todayStart && input.latestAnswerAt > input.lastAutoAt;
}

export const autoBackupsKept = 10;

/** Of the file names in the backup folder, the app's backups past the newest `keep`. */
export function backupsToDelete(names: readonly string[], keep = autoBackupsKept): string[] {
  const ours = names.filter((name) => backupFilePattern.test(name)).sort();
  return ours.slice(0, Math.max(0, ours.length - keep));
}
