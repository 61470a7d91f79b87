import { readEntryRows, readState } from '../core/review/entry-guard';
import { Phase } from '../core/review/phase';
import type { CardState } from '../core/review/scheduler';
import { normalizeSettings, type ReviewSettings } from '../core/review/settings';
import { noteIdOf } from '../core/review/ids';
import type { TodaySoFar } from '../core/review/queue';
import { database } from './database';

/**
 * Every stored card state that can be read, by card id. An unreadable one is left out here
 * (the card plans as new) and rebuilt from its log when the card is answered.
 */
export async function loadStates(): Promise<Map<string, CardState>> {
  const states = new Map<string, CardState>();
  for (const { id, ...row } of await database().cards.toArray()) {
    const state = readState(row);
    if (state) states.set(id, state);
  }
  return states;
}

/**
 * Answers given in the study day [dayStart, dayEnd): what the daily limits and the sibling rule
 * need. Bounded at the day's end, so answers stamped by a clock that ran ahead count on the
 * day they claim, not on every day until then. Unreadable rows are left out.
 */
export async function todaySoFar(
  dayStart: number,
  dayEnd: number
): Promise<TodaySoFar & { total: number; timeMs: number }> {
  const { entries: rows } = readEntryRows(
    await database().reviews.where('reviewedAt').between(dayStart, dayEnd, true, false).toArray()
  );
  const notes = new Set<string>();
  let newCount = 0;
  let reviewCount = 0;
  let timeMs = 0;
  for (const row of rows) {
    notes.add(noteIdOf(row.cardId));
    timeMs += row.durationMs;
    if (!row.scheduled) continue;
    if (row.before === null || row.before.phase === Phase.New) newCount += 1;
    else if (row.before.phase === Phase.Review) reviewCount += 1;
  }
  return { newCount, reviewCount, notes, total: rows.length, timeMs };
}

/** When the latest answer in the log was given (by the clock of the device that gave it). */
export async function latestAnswerAt(): Promise<number | undefined> {
  const row = await database().reviews.orderBy('reviewedAt').last();
  return typeof row?.reviewedAt === 'number' && Number.isFinite(row.reviewedAt)
    ? row.reviewedAt
    : undefined;
}

/** The earliest due time among cards for which `include` is true. */
export async function nextDue(
  include: (id: string) => boolean,
  after: number
): Promise<number | undefined> {
  const card = await database()
    .cards.where('due')
    .above(after)
    .filter((row) => include(row.id))
    .first();
  return card?.due;
}

export async function loadSettings(): Promise<ReviewSettings> {
  const row = await database().settings.get('review');
  return normalizeSettings(row?.value as Partial<ReviewSettings> | undefined);
}
