import { readEntries, readState, type SkippedRow } from '../core/review/entry-schema';
import { forgottenTimes, readEvent, replayEvents } from '../core/review/events';
import { differingStates, inAnswerOrder, replayHistory } from '../core/review/log';
import type { CardState } from '../core/review/scheduler';
import { database } from './database';

// Apart from reviews.ts so that pages which only read (today) do not load the scheduler.

export interface HistoryCheck {
  /** Answers in the review log. */
  answers: number;
  /** Cards with a schedule, after the check. */
  cards: number;
  /** Card states that did not match the log and were rewritten from it. */
  repaired: number;
  /** Log rows that could not be read: left in the log untouched, but not replayed. */
  skipped: SkippedRow[];
}

/**
 * The log and the cached states are read this many rows at a time, with a pause between parts:
 * the read's own task turns the rows into objects, 20-25 ms for 1,000 log rows on a 2-core
 * machine at rest, about twice that when it is busy.
 */
const part = 500;
/**
 * Each part read is replayed this many answers at a time, with a pause between slices: the
 * replay (checking each row, one FSRS step per answer) is the costly half, and a whole part of
 * it at once made a task of 70-95 ms on a 2-core machine.
 */
const slice = 250;

/** Lets the page handle input and paint between parts (`scheduler.yield` where there is one). */
function yieldToPage(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  return scheduler?.yield ? scheduler.yield() : new Promise((resolve) => setTimeout(resolve, 0));
}

/** Another tab answered or took an answer back while the log was being replayed. */
class LogChanged extends Error {}

/**
 * Replays the whole review log and rewrites every cached card state that is not what the log
 * gives (deleting states with no answer behind them). The log is read and replayed in parts,
 * yielding between them, so a long history does not freeze the page; `progress` is told how
 * far it got. The cached states are read in parts as well; the comparison and the repair then
 * run in one transaction, after checking the log meanwhile (answers added since are replayed
 * first; an answer taken back starts the check again). The log itself is never changed.
 */
export async function checkHistory(
  progress?: (done: number, total: number) => void
): Promise<HistoryCheck> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await checkOnce(progress);
    } catch (error) {
      if (!(error instanceof LogChanged) || attempt >= 2) throw error;
    }
  }
}

async function checkOnce(progress?: (done: number, total: number) => void): Promise<HistoryCheck> {
  const db = database();
  const total = await db.reviews.count();
  const eventRows = await db.events.toArray();
  const forgotten = forgottenTimes(replayEvents(eventRows.flatMap((row) => readEvent(row) ?? [])));
  const replayed = new Map<string, CardState>();
  const skipped: SkippedRow[] = [];
  // The log is read in sequence order, which is answer order on one device. After a merge (a
  // restored backup, another device's answers) a card can have an older answer with a newer
  // sequence number: such cards are replayed again on their own, in answer order, at the end.
  const lastAt = new Map<string, number>();
  const outOfOrder = new Set<string>();
  const replay = (rows: unknown[]) => {
    const read = readEntries(rows);
    skipped.push(...read.skipped);
    for (const entry of read.entries) {
      if (entry.reviewedAt < (lastAt.get(entry.cardId) ?? -Infinity)) outOfOrder.add(entry.cardId);
      else lastAt.set(entry.cardId, entry.reviewedAt);
    }
    replayHistory(read.entries, replayed, forgotten);
  };
  const replayInOrder = async (cardIds: Iterable<string>) => {
    for (const cardId of cardIds) {
      const rows = await db.reviews.where('cardId').equals(cardId).toArray();
      const state = replayHistory(
        inAnswerOrder(readEntries(rows).entries),
        undefined,
        forgotten
      ).get(cardId);
      if (state) replayed.set(cardId, state);
      else replayed.delete(cardId);
    }
  };
  let lastSeq = 0;
  let done = 0;
  for (;;) {
    const rows = await db.reviews.where('seq').above(lastSeq).limit(part).toArray();
    if (rows.length === 0) break;
    // Each slice in a task of its own, the first too: not in the task that read the rows.
    for (let from = 0; from < rows.length; from += slice) {
      await yieldToPage();
      replay(rows.slice(from, from + slice));
    }
    // `seq` is the primary key, so it is a number even on a row whose other fields are broken.
    lastSeq = rows[rows.length - 1]?.seq ?? lastSeq;
    done += rows.length;
    progress?.(done, Math.max(total, done));
  }
  await replayInOrder(outOfOrder);
  // The cache is read and compared outside the writing transaction, in parts too: reading and
  // checking 10,000 states in one go would hold the page. The writing transaction then only
  // checks that nothing was answered or taken back meanwhile; every change to a card's state
  // comes with a change to the log, so an unchanged log means an unchanged cache.
  const cached = new Map<string, CardState>();
  const unreadable: string[] = [];
  let lastId = '';
  for (let first = true; ; first = false) {
    const cards = first
      ? await db.cards.orderBy(':id').limit(part).toArray()
      : await db.cards.where(':id').above(lastId).limit(part).toArray();
    if (cards.length === 0) break;
    for (const { id, ...row } of cards) {
      const state = readState(row);
      if (state) cached.set(id, state);
      else if (!replayed.has(id)) unreadable.push(id);
    }
    lastId = cards[cards.length - 1]?.id ?? lastId;
    await yieldToPage();
  }
  return db.transaction('rw', db.reviews, db.cards, db.events, async () => {
    // Answers given meanwhile are replayed here, and their cards' states read again; an answer
    // taken back, or a card event written meanwhile, starts the check again.
    const tail = await db.reviews.where('seq').above(lastSeq).toArray();
    if ((await db.reviews.count()) !== done + tail.length) throw new LogChanged();
    if ((await db.events.count()) !== eventRows.length) throw new LogChanged();
    if (tail.length > 0) {
      const before = new Set(outOfOrder);
      replay(tail);
      await replayInOrder([...outOfOrder].filter((id) => !before.has(id)));
      const touched = [...new Set(tail.map((row) => row.cardId))].filter(
        (id): id is string => typeof id === 'string'
      );
      const fresh = await db.cards.bulkGet(touched);
      touched.forEach((id, i) => {
        const state = readState(fresh[i]);
        if (state) cached.set(id, state);
        else cached.delete(id);
      });
    }
    // A state that cannot be read counts as differing: it is rewritten from the log.
    const differing = differingStates(cached, replayed);
    const orphans = unreadable.filter((id) => !replayed.has(id));
    await db.cards.bulkDelete([...orphans, ...differing.filter((id) => !replayed.has(id))]);
    await db.cards.bulkPut(
      differing.flatMap((id) => {
        const state = replayed.get(id);
        return state ? [{ id, ...state }] : [];
      })
    );
    return {
      answers: done + tail.length,
      cards: replayed.size,
      repaired: differing.length + orphans.length,
      skipped
    };
  });
}
