import { backupFilePattern } from './format';

/** What the app remembers of a backup or of a dismissed reminder: when, and the log's size then. */
export interface BackupMoment {
  at: number;
  /** Answers in the log at that moment. */
  answers: number;
}

const dayMs = 24 * 60 * 60 * 1000;
export const reminderAfterDays = 7;
export const reminderAfterAnswers = 200;

/**
 * Whether to show the gentle "make a backup" reminder: there are answers, and since the last
 * backup (or the last time the reminder was dismissed, or the first answer) 7 days or 200
 * answers have passed.
 */
export function backupReminderDue(input: {
  now: number;
  answers: number;
  firstAnswerAt: number | undefined;
  lastBackup: BackupMoment | undefined;
  dismissed: BackupMoment | undefined;
}): boolean {
  if (input.answers === 0 || input.firstAnswerAt === undefined) return false;
  const since = [input.lastBackup, input.dismissed].reduce<BackupMoment>(
    (latest, moment) => (moment && moment.at > latest.at ? moment : latest),
    { at: input.firstAnswerAt, answers: 0 }
  );
  return (
    input.now - since.at >= reminderAfterDays * dayMs ||
    input.answers - since.answers >= reminderAfterAnswers
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
