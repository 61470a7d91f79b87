import { readEntryRows, readState } from '../core/review/entry-guard';
import type { LoggedEntry } from '../core/review/log';
import type { CardState } from '../core/review/scheduler';
import { database } from './database';

// The statistics read the whole log and every card state. The statistics worker
// (`$lib/stats/worker.ts`) reads them a part at a time, so it can report its progress and
// never holds two copies of the log; the part size is the caller's.

/**
 * Default rows per part. On the page's own thread, 2,000 a part made the longest task over
 * 600 ms at 100,000 answers (`npm run bench`); the worker reads larger parts.
 */
const statePart = 1000;
const logPart = 500;

/** Lets the page handle input and paint between parts (`scheduler.yield` where there is one). */
export function yieldToPage(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  return scheduler?.yield ? scheduler.yield() : new Promise((resolve) => setTimeout(resolve, 0));
}

/** Every readable card state, a part at a time, in card id order; unreadable ones are left out. */
export async function readStatesInParts(
  take: (states: [string, CardState][]) => void,
  part = statePart
): Promise<void> {
  const db = database();
  let lastId: string | undefined;
  for (;;) {
    const rows =
      lastId === undefined
        ? await db.cards.orderBy(':id').limit(part).toArray()
        : await db.cards.where(':id').above(lastId).limit(part).toArray();
    if (rows.length === 0) return;
    const states: [string, CardState][] = [];
    for (const { id, ...row } of rows) {
      const state = readState(row);
      if (state) states.push([id, state]);
    }
    take(states);
    lastId = rows[rows.length - 1]?.id;
    await yieldToPage();
  }
}

/**
 * The review log a part at a time, in sequence order, with the number of rows so far and in
 * all; unreadable rows are counted and left out. Sequence order is answer order on one device;
 * the statistics count answers by day and need no order.
 */
export async function readLogInParts(
  take: (entries: LoggedEntry[], progress: { read: number; total: number }) => void,
  part = logPart
): Promise<{ answers: number; skipped: number }> {
  const db = database();
  const total = await db.reviews.count();
  let lastSeq = 0;
  let read = 0;
  let skipped = 0;
  for (;;) {
    const rows = await db.reviews.where('seq').above(lastSeq).limit(part).toArray();
    if (rows.length === 0) return { answers: read - skipped, skipped };
    const found = readEntryRows(rows);
    read += rows.length;
    skipped += found.skipped;
    take(found.entries, { read, total: Math.max(total, read) });
    // `seq` is the primary key, so it is a number even on a row whose other fields are broken.
    lastSeq = rows[rows.length - 1]?.seq ?? lastSeq;
    await yieldToPage();
  }
}
