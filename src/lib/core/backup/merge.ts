import type { LoggedCardEvent } from '../review/events';
import type { LoggedEntry } from '../review/log';
import type { Backup, BackupDrill } from './format';
import { BackupRefused } from './schema';
import { sameContent } from './same';

/**
 * Merging a backup into the log on this device: the union of both logs by entry id (answers
 * and card events). A row already here with the same contents is skipped; one with the same id
 * and different contents refuses the whole restore, because one of the two copies is wrong and
 * nothing says which.
 */

export interface MergePlan {
  /** Answers in the file that are not on this device yet, in the file's order. */
  newReviews: LoggedEntry[];
  /** Answers in the file that are already here. */
  reviewsHere: number;
  newEvents: LoggedCardEvent[];
  eventsHere: number;
  /** Cards with a new answer or event: their schedules are rebuilt by replay. */
  rebuilt: Set<string>;
  /** Drills in the file not here yet (a drill is known by its start and end time). */
  newDrills: BackupDrill[];
  /** The front-of-queue list after the merge: this device's, then the file's others. */
  priorityCards: string[] | undefined;
  /** The interview date after the merge: this device's, or the file's when this one has none. */
  interviewDate: string | undefined;
}

export interface DeviceData {
  reviews: ReadonlyMap<string, LoggedEntry>;
  events: ReadonlyMap<string, LoggedCardEvent>;
  drills: readonly Pick<BackupDrill, 'startedAt' | 'endedAt'>[];
  priorityCards: readonly string[];
  interviewDate: string | undefined;
}

/** Rows compared between pauses, so a long log never holds the caller for long. */
const part = 2000;

async function union<T extends { id: string; cardId: string }>(
  incoming: readonly T[],
  here: ReadonlyMap<string, T>,
  what: string,
  pause: () => Promise<void>
): Promise<{ fresh: T[]; same: number }> {
  const fresh: T[] = [];
  let same = 0;
  for (let i = 0; i < incoming.length; i += 1) {
    const row = incoming[i] as T;
    const kept = here.get(row.id);
    if (!kept) fresh.push(row);
    else if (sameContent(kept, row)) same += 1;
    else
      throw new BackupRefused(
        `The ${what} with the id ${row.id} is already on this device with different contents; the backup is refused and nothing was changed.`
      );
    if (i % part === part - 1) await pause();
  }
  return { fresh, same };
}

/**
 * The merge of `backup` into what is on the device. `pause` is awaited every 2,000 rows (the
 * page passes a yield to the event loop; tests pass nothing).
 */
export async function planMerge(
  backup: Backup,
  device: DeviceData,
  pause: () => Promise<void> = () => Promise.resolve()
): Promise<MergePlan> {
  const reviews = await union(backup.reviews, device.reviews, 'answer', pause);
  const events = await union(backup.events, device.events, 'card event', pause);
  const rebuilt = new Set<string>();
  for (const row of reviews.fresh) rebuilt.add(row.cardId);
  for (const row of events.fresh) rebuilt.add(row.cardId);
  const drillKey = (d: Pick<BackupDrill, 'startedAt' | 'endedAt'>) => `${d.startedAt}/${d.endedAt}`;
  const drillsHere = new Set(device.drills.map(drillKey));
  const newDrills = backup.drills.filter((drill) => {
    const key = drillKey(drill);
    if (drillsHere.has(key)) return false;
    drillsHere.add(key);
    return true;
  });
  const filePriority = backup.meta.find((row) => row.key === 'priority-cards')?.value as
    string[] | undefined;
  const fileDate = backup.meta.find((row) => row.key === 'interview-date')?.value as
    string | undefined;
  const priorityCards = filePriority
    ? [...new Set([...device.priorityCards, ...filePriority])]
    : undefined;
  return {
    newReviews: reviews.fresh,
    reviewsHere: reviews.same,
    newEvents: events.fresh,
    eventsHere: events.same,
    rebuilt,
    newDrills,
    priorityCards,
    interviewDate: device.interviewDate ?? fileDate
  };
}

export interface BackupSummary {
  answers: number;
  cardEvents: number;
  drills: number;
  /** Cards with at least one answer in the file. */
  cards: number;
  firstAnswerAt: number | undefined;
  lastAnswerAt: number | undefined;
  device: string;
  exportedAt: number;
  app: string;
  /** Cards in the file that the lessons here do not have: kept as hidden history. */
  unknownCards: number;
  answersForUnknownCards: number;
}

export function summarize(backup: Backup, knownCards: ReadonlySet<string>): BackupSummary {
  let first: number | undefined;
  let last: number | undefined;
  const cards = new Set<string>();
  const unknown = new Set<string>();
  let unknownAnswers = 0;
  for (const row of backup.reviews) {
    if (first === undefined || row.reviewedAt < first) first = row.reviewedAt;
    if (last === undefined || row.reviewedAt > last) last = row.reviewedAt;
    cards.add(row.cardId);
    if (!knownCards.has(row.cardId)) {
      unknown.add(row.cardId);
      unknownAnswers += 1;
    }
  }
  for (const row of backup.events) if (!knownCards.has(row.cardId)) unknown.add(row.cardId);
  return {
    answers: backup.reviews.length,
    cardEvents: backup.events.length,
    drills: backup.drills.length,
    cards: cards.size,
    firstAnswerAt: first,
    lastAnswerAt: last,
    device: backup.header.device,
    exportedAt: backup.header.exportedAt,
    app: backup.header.app,
    unknownCards: unknown.size,
    answersForUnknownCards: unknownAnswers
  };
}
