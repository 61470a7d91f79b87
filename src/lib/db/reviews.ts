import { readEntryRows, readState } from '../core/review/entry-guard';
import { Phase } from '../core/review/phase';
import type { CardState } from '../core/review/scheduler';
import { normalizeSettings, type ReviewSettings } from '../core/review/settings';
import { noteIdOf } from '../core/review/ids';
import { dayMs } from '../core/review/time';
import type { TodaySoFar } from '../core/review/queue';
import { database } from './database';
import type { StoredCard } from './schema';

/**
 * The card states a day's review plans from, without reading all of them: every state due
 * before `until`, and every state not in review (learning cards whatever their due: the sibling
 * rule counts them), by card id; `later` holds the ids of the other stored states (in review,
 * due from `until` on), which the plan needs only to know those cards are not new. At 8,500
 * states this read is a few hundred rows and the keys: `npm run bench` prints when the states
 * arrive against when the page's code began to read them.
 */
export interface DayStates {
  states: Map<string, CardState>;
  later: Set<string>;
  /** The `until` it was read with: a plan for a day ending later must read again. */
  until: number;
}

export async function loadDayStates(until: number): Promise<DayStates> {
  const db = database();
  // The phases as two key ranges, not anyOf(New, Learning, Relearning): Dexie walks anyOf
  // with a cursor, a step per key, where a range is one getAll. With anyOf the states arrived
  // about 80 ms after the deck, with the ranges about 25 ms (`npm run bench`, its parts line).
  const [keys, due, learning, relearning] = await db.transaction('r', db.cards, () =>
    Promise.all([
      db.cards.toCollection().primaryKeys(),
      db.cards.where('due').below(until).toArray(),
      db.cards.where('phase').below(Phase.Review).toArray(),
      db.cards.where('phase').above(Phase.Review).toArray()
    ])
  );
  const rows = [...due, ...learning, ...relearning];
  // A row read here but unreadable is left out of both, as loadStates leaves it out.
  const read = new Set(rows.map((row) => row.id));
  return { states: statesFrom(rows), later: new Set(keys.filter((id) => !read.has(id))), until };
}

/** A study day ends within a day of now (the settings' rollover hour): two days' margin. */
const dayStatesAheadMs = 2 * dayMs;

/**
 * The states a session's plan reads: the day's (`loadDayStates`) for the daily review, every
 * one otherwise (with nothing `later`).
 */
export async function loadPlanStates(dayOnly: boolean, now: number): Promise<DayStates> {
  if (dayOnly) return loadDayStates(now + dayStatesAheadMs);
  return { states: await loadStates(), later: new Set(), until: Infinity };
}

/**
 * Every stored card state that can be read, by card id. An unreadable one is left out here
 * (the card plans as new) and rebuilt from its log when the card is answered.
 */
export async function loadStates(): Promise<Map<string, CardState>> {
  return statesFrom(await database().cards.toArray());
}

/** The states of stored rows that can be read, by card id. */
function statesFrom(rows: readonly StoredCard[]): Map<string, CardState> {
  const states = new Map<string, CardState>();
  for (const row of rows) {
    const state = readState(row);
    if (state) states.set(row.id, state);
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
