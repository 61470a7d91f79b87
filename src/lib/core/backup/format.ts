import type { LoggedCardEvent } from '../review/events';
import type { LoggedEntry } from '../review/log';
import type { CardState } from '../review/scheduler';
import type { ReviewSettings } from '../review/settings';
import type { DrillAnswer, DrillLength } from '../drill/drill';

/**
 * The backup file (see docs/backup-format.md): one JSON document, gzip-compressed, with a
 * header and one array per kind of data. The review log and the card-event log are the source
 * of truth; card states are a cache kept for readers and other tools (a restore rebuilds them
 * by replay).
 */

export const backupFormatName = 'system-design-recall-backup';
/**
 * Raised when a change makes an older app read a file wrongly (a field removed or its meaning
 * changed). Adding an optional field that older apps may ignore keeps the version. An app
 * refuses any version above the one it knows.
 */
export const backupFormatVersion = 1;

/** The meta rows that are the learner's and travel with a backup (not the device id or caches). */
export const backupMetaKeys = ['interview-date', 'priority-cards'] as const;
export type BackupMetaKey = (typeof backupMetaKeys)[number];

export type BackupMetaRow =
  { key: 'interview-date'; value: string } | { key: 'priority-cards'; value: string[] };

export interface BackupSettingsRow {
  key: 'review';
  value: ReviewSettings;
}

export interface BackupCard extends CardState {
  id: string;
}

export interface BackupDrill {
  startedAt: number;
  endedAt: number;
  length: DrillLength;
  topics: string[];
  practiceOnly: boolean;
  answers: DrillAnswer[];
  questions: string[];
}

export interface BackupCounts {
  reviews: number;
  cards: number;
  events: number;
  settings: number;
  drills: number;
  meta: number;
}

export interface BackupHeader {
  format: typeof backupFormatName;
  version: number;
  /** The app version that wrote the file (Settings → About). */
  app: string;
  /** When the file was written, epoch ms. */
  exportedAt: number;
  /** The device id of the database it was written from. */
  device: string;
  counts: BackupCounts;
}

export interface Backup {
  header: BackupHeader;
  /** Every review-log row, in the exporting device's order (`seq` is that device's). */
  reviews: LoggedEntry[];
  cards: BackupCard[];
  events: LoggedCardEvent[];
  settings: BackupSettingsRow[];
  drills: BackupDrill[];
  meta: BackupMetaRow[];
}

export type BackupData = Omit<Backup, 'header'>;

export const backupTables = ['reviews', 'cards', 'events', 'settings', 'drills', 'meta'] as const;
export type BackupTable = (typeof backupTables)[number];

export function countsOf(data: BackupData): BackupCounts {
  return {
    reviews: data.reviews.length,
    cards: data.cards.length,
    events: data.events.length,
    settings: data.settings.length,
    drills: data.drills.length,
    meta: data.meta.length
  };
}

export function makeBackup(
  data: BackupData,
  facts: { app: string; exportedAt: number; device: string }
): Backup {
  return {
    header: {
      format: backupFormatName,
      version: backupFormatVersion,
      app: facts.app,
      exportedAt: facts.exportedAt,
      device: facts.device,
      counts: countsOf(data)
    },
    ...data
  };
}

/**
 * The file's text, as parts to put in a Blob: valid JSON with the header indented and every row
 * on a line of its own, so a person can read it after `gunzip` and a diff shows rows.
 */
export function backupText(backup: Backup): string[] {
  const parts: string[] = [
    '{\n"header": ',
    JSON.stringify(backup.header, null, 2).replace(/\n/g, '\n  ')
  ];
  for (const table of backupTables) {
    const rows = backup[table] as readonly unknown[];
    parts.push(`,\n"${table}": [`);
    // A thousand rows to a part: a Blob of 200,000 small parts was slow to build and to read.
    for (let i = 0; i < rows.length; i += 1000) {
      const lines = rows.slice(i, i + 1000).map((row) => JSON.stringify(row));
      parts.push(`${i === 0 ? '\n' : ',\n'}${lines.join(',\n')}`);
    }
    parts.push(rows.length > 0 ? '\n]' : ']');
  }
  parts.push('\n}\n');
  return parts;
}

/** The file name of a backup written at `at`: the local date, so a folder of them sorts by day. */
export function backupFileName(at: number): string {
  const date = new Date(at);
  const pad = (n: number) => String(n).padStart(2, '0');
  const day = `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
  const time = `${pad(date.getHours())}${pad(date.getMinutes())}${pad(date.getSeconds())}`;
  return `system-design-recall-backup-${day}-${time}.json.gz`;
}

/** The file names that automatic backups write: `backupFileName`'s shape. */
export const backupFilePattern = /^system-design-recall-backup-\d{4}-\d{2}-\d{2}-\d{6}\.json\.gz$/;
