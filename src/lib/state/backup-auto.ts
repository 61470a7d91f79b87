// The opt-in automatic backup (Chromium's File System Access API): after each study day, a
// backup file in a folder the learner picked, keeping the newest 10. The folder's handle is
// kept in the database (IndexedDB stores it as it is); the browser asks again for permission
// after a restart, which needs a press of a button.
import { autoBackupDue, backupsToDelete } from '$lib/core/backup/reminder';
import { studyDayStart, deviceTimeZone } from '$lib/core/review/time';
import { autoBackupKey } from '$lib/db/backup-status';
import { database } from '$lib/db/database';
import { latestAnswerAt, loadSettings } from '$lib/db/reviews';
import { makeBackupFile } from './backup-download';
import { clock } from './clock';

type Permission = 'granted' | 'denied' | 'prompt';
interface FolderHandle {
  name: string;
  queryPermission(options: { mode: 'readwrite' }): Promise<Permission>;
  requestPermission(options: { mode: 'readwrite' }): Promise<Permission>;
  getFileHandle(
    name: string,
    options: { create: boolean }
  ): Promise<{
    createWritable(): Promise<{ write(data: Blob): Promise<void>; close(): Promise<void> }>;
  }>;
  removeEntry(name: string): Promise<void>;
  keys(): AsyncIterable<string>;
}

interface AutoBackup {
  folder: FolderHandle;
  lastAt?: number;
}

export function autoBackupSupported(): boolean {
  return typeof window !== 'undefined' && 'showDirectoryPicker' in window;
}

async function load(): Promise<AutoBackup | undefined> {
  const row = await database().meta.get(autoBackupKey);
  const value = row?.value as Partial<AutoBackup> | undefined;
  return value?.folder && typeof value.folder.name === 'string' ? (value as AutoBackup) : undefined;
}

export interface AutoBackupStatus {
  folder: string | undefined;
  lastAt: number | undefined;
  /** The browser wants the learner to allow writing to the folder again. */
  needsPermission: boolean;
}

export async function autoBackupStatus(): Promise<AutoBackupStatus> {
  const kept = await load();
  if (!kept) return { folder: undefined, lastAt: undefined, needsPermission: false };
  const permission = await kept.folder.queryPermission({ mode: 'readwrite' }).catch(() => 'denied');
  return {
    folder: kept.folder.name,
    lastAt: kept.lastAt,
    needsPermission: permission !== 'granted'
  };
}

/** Asks for a folder (a button press) and turns the automatic backup on; writes one now. */
export async function chooseBackupFolder(): Promise<void> {
  const picker = (
    window as unknown as {
      showDirectoryPicker(options: { mode: 'readwrite'; id: string }): Promise<FolderHandle>;
    }
  ).showDirectoryPicker;
  const folder = await picker({ mode: 'readwrite', id: 'system-design-recall-backups' });
  await database().meta.put({ key: autoBackupKey, value: { folder } });
  await writeToFolder(folder);
}

/** After a browser restart: the learner allows writing to the folder again. */
export async function allowBackupFolder(): Promise<boolean> {
  const kept = await load();
  if (!kept) return false;
  return (await kept.folder.requestPermission({ mode: 'readwrite' })) === 'granted';
}

export async function turnOffAutoBackup(): Promise<void> {
  await database().meta.delete(autoBackupKey);
}

async function writeToFolder(folder: FolderHandle): Promise<string> {
  const file = await makeBackupFile();
  const handle = await folder.getFileHandle(file.name, { create: true });
  const writable = await handle.createWritable();
  await writable.write(file.blob);
  await writable.close();
  const names: string[] = [];
  for await (const name of folder.keys()) names.push(name);
  for (const old of backupsToDelete(names)) await folder.removeEntry(old);
  await database().meta.put({ key: autoBackupKey, value: { folder, lastAt: clock.now() } });
  return file.name;
}

/** Writes the day's automatic backup when one is due and allowed; returns its name if written. */
export async function runAutoBackupIfDue(): Promise<string | undefined> {
  if (!autoBackupSupported()) return undefined;
  const kept = await load();
  if (!kept) return undefined;
  if ((await kept.folder.queryPermission({ mode: 'readwrite' })) !== 'granted') return undefined;
  const settings = await loadSettings();
  const now = clock.now();
  const due = autoBackupDue({
    todayStart: studyDayStart(now, settings.dayStartsAtHour, deviceTimeZone()),
    lastAutoAt: kept.lastAt,
    latestAnswerAt: await latestAnswerAt()
  });
  return due ? writeToFolder(kept.folder) : undefined;
}
