import * as v from 'valibot';
import {
  backupText,
  backupMetaKeys,
  makeBackup,
  type Backup,
  type BackupCard,
  type BackupDrill,
  type BackupMetaRow,
  type BackupSettingsRow
} from '../core/backup/format';
import { planMerge, type MergePlan } from '../core/backup/merge';
import { drillSchema, metaRowSchema } from '../core/backup/schema';
import { readEntryRows, readState } from '../core/review/entry-guard';
import {
  forgottenTimes,
  readEvent,
  replayEvents,
  type LoggedCardEvent
} from '../core/review/events';
import { inAnswerOrder, replayHistory, type LoggedEntry } from '../core/review/log';
import type { CardState } from '../core/review/scheduler';
import { normalizeSettings } from '../core/review/settings';
import { database } from './database';
import { reminderKey } from './backup-status';
import { deviceId } from './event-write';
import { streakKey, type StudyDatabase } from './schema';

/**
 * Backups in and out of the database. Export reads every table into one file; restore writes
 * a checked backup in one transaction, so a refused, failed or cancelled restore leaves the
 * database exactly as it was.
 */

/** Rows read or written at a time, so no single step holds the page for long. */
const part = 2000;

/** Lets the page handle input and paint between parts (`scheduler.yield` where there is one). */
export function yieldToPage(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  return scheduler?.yield ? scheduler.yield() : new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * The log in `seq` order, read `pageSize` rows at a time: small pages on the page's thread (each
 * read is a task there), one read in a worker, where a long task holds nothing.
 */
async function readReviews(db: StudyDatabase, pageSize = part): Promise<LoggedEntry[]> {
  const rows: LoggedEntry[] = [];
  let lastSeq = 0;
  for (;;) {
    const page = Number.isFinite(pageSize)
      ? await db.reviews.where('seq').above(lastSeq).limit(pageSize).toArray()
      : await db.reviews.toArray(); // the primary key is `seq`: in seq order
    if (page.length === 0) break;
    for (const entry of readEntryRows(page).entries) rows.push(entry);
    if (page.length < pageSize) break;
    lastSeq = page[page.length - 1]?.seq ?? lastSeq;
  }
  return rows;
}

async function readEvents(db: StudyDatabase): Promise<LoggedCardEvent[]> {
  return (await db.events.toArray()).flatMap((row) => readEvent(row) ?? []);
}

/**
 * Everything a backup holds, read from the database (rows that cannot be read are left out).
 * Runs in the export worker, so the log is read in one go.
 */
export async function collectBackup(app: string, now: number): Promise<Backup> {
  const db = database();
  const device = await db.transaction('rw', db.meta, () => deviceId(db));
  const reviews = await readReviews(db, Number.POSITIVE_INFINITY);
  const [cardRows, events, settingsRow, drillRows, metaRows] = await Promise.all([
    db.cards.toArray(),
    readEvents(db),
    db.settings.get('review'),
    db.drills.orderBy('startedAt').toArray(),
    db.meta.bulkGet([...backupMetaKeys])
  ]);
  const cards: BackupCard[] = cardRows.flatMap(({ id, ...row }) => {
    const state = readState(row);
    return state ? [{ id, ...state }] : [];
  });
  const settings: BackupSettingsRow[] = settingsRow
    ? [{ key: 'review', value: normalizeSettings(settingsRow.value as never) }]
    : [];
  const drills: BackupDrill[] = drillRows.flatMap(({ id: _id, ...drill }) => {
    void _id;
    const checked = v.safeParse(drillSchema, drill);
    return checked.success ? [checked.output as BackupDrill] : [];
  });
  const meta: BackupMetaRow[] = metaRows.flatMap((row) => {
    const checked = v.safeParse(metaRowSchema, row);
    return checked.success ? [checked.output as BackupMetaRow] : [];
  });
  return makeBackup(
    { reviews, cards, events, settings, drills, meta },
    { app, exportedAt: now, device }
  );
}

/** The backup as a gzip file (`CompressionStream`), ready to download or write to a folder. */
export async function backupBlob(backup: Backup): Promise<Blob> {
  const text = new Blob(backupText(backup), { type: 'application/json' });
  const compressed = text.stream().pipeThrough(new CompressionStream('gzip'));
  return new Response(compressed, { headers: { 'content-type': 'application/gzip' } }).blob();
}

/** What is on this device now, for a merge's preview: the logs by id, drills, front list. */
export interface DeviceSnapshot {
  reviews: Map<string, LoggedEntry>;
  events: Map<string, LoggedCardEvent>;
  drills: Pick<BackupDrill, 'startedAt' | 'endedAt'>[];
  priorityCards: string[];
  interviewDate: string | undefined;
  /** Rows and the last sequence numbers when read: the write checks nothing changed since. */
  reviewCount: number;
  eventCount: number;
  lastReviewSeq: number;
  lastEventSeq: number;
}

/** `pageSize` as for `readReviews`: the restore worker reads the log in one go. */
export async function readDevice(pageSize = part): Promise<DeviceSnapshot> {
  const db = database();
  const rows = await readReviews(db, pageSize);
  const [eventRows, drills, priority, date, reviewCount, lastReview, lastEvent] = await Promise.all(
    [
      db.events.toArray(),
      db.drills.toArray(),
      db.meta.get('priority-cards'),
      db.meta.get('interview-date'),
      db.reviews.count(),
      db.reviews.orderBy('seq').lastKey(),
      db.events.orderBy('seq').lastKey()
    ]
  );
  const events = eventRows.flatMap((row) => readEvent(row) ?? []);
  return {
    reviews: new Map(rows.map((row) => [row.id, row])),
    events: new Map(events.map((row) => [row.id, row])),
    drills: drills.map((d) => ({ startedAt: d.startedAt, endedAt: d.endedAt })),
    priorityCards: Array.isArray(priority?.value)
      ? (priority.value as unknown[]).filter((id): id is string => typeof id === 'string')
      : [],
    interviewDate: typeof date?.value === 'string' ? date.value : undefined,
    reviewCount,
    eventCount: eventRows.length,
    lastReviewSeq: typeof lastReview === 'number' ? lastReview : 0,
    lastEventSeq: typeof lastEvent === 'number' ? lastEvent : 0
  };
}

export type RestoreMode = 'merge' | 'replace';

/** A restore worked out in full before anything is written: the rows to add, the states to put. */
export interface RestorePlan {
  mode: RestoreMode;
  backup: Backup;
  snapshot: DeviceSnapshot;
  merge: MergePlan;
  /** Answers and events to write, with their new local sequence numbers. */
  reviews: LoggedEntry[];
  events: LoggedCardEvent[];
  /** Rebuilt card states; a card mapped to undefined has no schedule (its cached state goes). */
  states: Map<string, CardState | undefined>;
}

/** Replays `rows` (in answer order) in parts, yielding between them. */
async function replayInParts(
  rows: readonly LoggedEntry[],
  forgotten: ReadonlyMap<string, number>,
  progress?: (done: number, total: number) => void
): Promise<Map<string, CardState>> {
  const states = new Map<string, CardState>();
  for (let i = 0; i < rows.length; i += part) {
    replayHistory(rows.slice(i, i + part), states, forgotten);
    progress?.(Math.min(rows.length, i + part), rows.length);
    await yieldToPage();
  }
  return states;
}

/**
 * Numbers `rows` from `after + 1` in the order given (new local sequence numbers; ids are
 * kept). In place: the rows are the checked copies read from the file, and copying 100,000 of
 * them would hold the page.
 */
function renumber<T extends { seq: number }>(rows: T[], after: number): T[] {
  rows.forEach((row, i) => (row.seq = after + i + 1));
  return rows;
}

/**
 * Works out the whole restore without writing: the union (merge) or the file's rows (replace),
 * renumbered, and every affected card's state rebuilt by replay in answer order. Throws
 * `BackupRefused` when an id is here with different contents.
 */
export async function planRestore(
  backup: Backup,
  mode: RestoreMode,
  snapshot: DeviceSnapshot,
  progress?: (done: number, total: number) => void
): Promise<RestorePlan> {
  const merge = await planMerge(backup, snapshot, yieldToPage);
  const byAnswer = (rows: LoggedEntry[]) => inAnswerOrder(rows);
  const byTime = (rows: LoggedCardEvent[]) =>
    [...rows].sort((a, b) => a.at - b.at || a.seq - b.seq);
  if (mode === 'replace') {
    const reviews = renumber(byAnswer(backup.reviews), 0);
    const events = renumber(byTime(backup.events), 0);
    const forgotten = forgottenTimes(replayEvents(events));
    const replayed = await replayInParts(reviews, forgotten, progress);
    const states = new Map<string, CardState | undefined>(replayed);
    return { mode, backup, snapshot, merge, reviews, events, states };
  }
  const reviews = renumber(byAnswer(merge.newReviews), snapshot.lastReviewSeq);
  const events = renumber(byTime(merge.newEvents), snapshot.lastEventSeq);
  const allEvents = [...snapshot.events.values(), ...events];
  const forgotten = forgottenTimes(replayEvents(allEvents));
  const existing: LoggedEntry[] = [];
  for (const row of snapshot.reviews.values())
    if (merge.rebuilt.has(row.cardId)) existing.push(row);
  // Into an empty device the new rows are already in answer order: no second sort of them all.
  const affected = existing.length === 0 ? reviews : inAnswerOrder([...existing, ...reviews]);
  const replayed = await replayInParts(affected, forgotten, progress);
  const states = new Map<string, CardState | undefined>();
  for (const cardId of merge.rebuilt) states.set(cardId, replayed.get(cardId));
  return { mode, backup, snapshot, merge, reviews, events, states };
}

export class RestoreCancelled extends Error {
  constructor() {
    super('The restore was cancelled; nothing was changed.');
    this.name = 'RestoreCancelled';
  }
}

export class DeviceChanged extends Error {
  constructor() {
    super(
      'Your history changed on this device (another tab?) while the preview was open; nothing was changed. Choose the file again to see a fresh preview.'
    );
    this.name = 'DeviceChanged';
  }
}

/**
 * Writes the plan in one transaction over every table: all of it or, when anything fails, is
 * cancelled (`signal`) or finds the log changed since the preview, none of it. `progress`
 * hears rows written; a throw from it aborts the restore like any failure.
 */
export async function applyRestore(
  plan: RestorePlan,
  options: { signal?: AbortSignal; progress?: (done: number, total: number) => void } = {}
): Promise<void> {
  const db = database();
  const { snapshot, backup } = plan;
  const cards = [...plan.states].flatMap(([id, state]) => (state ? [{ id, ...state }] : []));
  const gone = [...plan.states].flatMap(([id, state]) => (state ? [] : [id]));
  const drills = plan.mode === 'replace' ? backup.drills : plan.merge.newDrills;
  const total = plan.reviews.length + plan.events.length + cards.length + drills.length;
  let done = 0;
  const step = (n: number) => {
    if (options.signal?.aborted) throw new RestoreCancelled();
    done += n;
    options.progress?.(done, total);
  };
  const tables = [db.reviews, db.cards, db.events, db.settings, db.drills, db.meta];
  await db.transaction('rw', tables, async () => {
    const [count, lastSeq, eventCount, lastEventSeq] = await Promise.all([
      db.reviews.count(),
      db.reviews.orderBy('seq').lastKey(),
      db.events.count(),
      db.events.orderBy('seq').lastKey()
    ]);
    if (
      count !== snapshot.reviewCount ||
      (lastSeq ?? 0) !== snapshot.lastReviewSeq ||
      eventCount !== snapshot.eventCount ||
      (lastEventSeq ?? 0) !== snapshot.lastEventSeq
    )
      throw new DeviceChanged();
    if (plan.mode === 'replace') {
      await Promise.all([
        db.reviews.clear(),
        db.cards.clear(),
        db.events.clear(),
        db.settings.clear(),
        db.drills.clear(),
        db.meta.bulkDelete([...backupMetaKeys])
      ]);
    }
    step(0);
    for (let i = 0; i < plan.reviews.length; i += part) {
      const chunk = plan.reviews.slice(i, i + part);
      await db.reviews.bulkAdd(chunk);
      step(chunk.length);
    }
    for (let i = 0; i < plan.events.length; i += part) {
      const chunk = plan.events.slice(i, i + part);
      await db.events.bulkAdd(chunk);
      step(chunk.length);
    }
    for (let i = 0; i < cards.length; i += part) {
      const chunk = cards.slice(i, i + part);
      await db.cards.bulkPut(chunk);
      step(chunk.length);
    }
    if (gone.length > 0) await db.cards.bulkDelete(gone);
    await db.drills.bulkAdd(drills.map((drill) => ({ ...drill })));
    step(drills.length);
    if (plan.mode === 'replace') {
      await db.settings.bulkPut(
        backup.settings.map((row) => ({ key: row.key, value: normalizeSettings(row.value) }))
      );
      await db.meta.bulkPut(backup.meta.map((row) => ({ key: row.key, value: row.value })));
    } else {
      if (plan.merge.priorityCards)
        await db.meta.put({ key: 'priority-cards', value: plan.merge.priorityCards });
      if (plan.merge.interviewDate)
        await db.meta.put({ key: 'interview-date', value: plan.merge.interviewDate });
    }
    // The streak mark is a cache of past days, which the restore may have changed.
    await db.meta.delete(streakKey);
    step(0);
  });
}

/**
 * "Reset all progress": every answer, card event, schedule, drill and front-of-queue list goes;
 * settings, the interview date and this device's id stay. One transaction.
 */
export async function resetProgress(): Promise<void> {
  const db = database();
  await db.transaction('rw', [db.reviews, db.cards, db.events, db.drills, db.meta], async () => {
    await Promise.all([
      db.reviews.clear(),
      db.cards.clear(),
      db.events.clear(),
      db.drills.clear(),
      db.meta.bulkDelete(['priority-cards', streakKey, reminderKey])
    ]);
  });
}

/** Row counts of every table, for the preview and the tests. */
export async function rowCounts(): Promise<Record<string, number>> {
  const db = database();
  const [reviews, cards, events, drills] = await Promise.all([
    db.reviews.count(),
    db.cards.count(),
    db.events.count(),
    db.drills.count()
  ]);
  return { reviews, cards, events, drills };
}
