import type { ReviewEntry } from '../core/review/log';
import type { CardState } from '../core/review/scheduler';
import { normalizeSettings, type ReviewSettings } from '../core/review/settings';
import { noteIdOf } from '../core/review/ids';
import { nextStudyDayStart, studyDayStart } from '../core/review/time';
import type { TodaySoFar } from '../core/review/queue';
import { database } from './database';
import type { StoredCard, StoredEntry } from './schema';

function stateOf(card: StoredCard): CardState {
  const { id: _id, ...state } = card;
  return state;
}

/** Every stored card state, by card id. */
export async function loadStates(): Promise<Map<string, CardState>> {
  const cards = await database().cards.toArray();
  return new Map(cards.map((card) => [card.id, stateOf(card)]));
}

/**
 * Stores one answer: the log row and the card's new state in one transaction, both or
 * neither. Returns the row's sequence number.
 */
export async function recordAnswer(entry: ReviewEntry): Promise<number> {
  const db = database();
  return db.transaction('rw', db.reviews, db.cards, async () => {
    const { seq: _seq, ...row } = entry;
    const seq = (await db.reviews.add(row as StoredEntry)) as number;
    if (entry.scheduled && entry.after) await db.cards.put({ id: entry.cardId, ...entry.after });
    return seq;
  });
}

/**
 * Takes back the answer logged as `seq`: removes the row and restores the card's state from
 * before it. Refuses (returns undefined) when a later answer to the same card exists.
 */
export async function undoAnswer(seq: number): Promise<StoredEntry | undefined> {
  const db = database();
  return db.transaction('rw', db.reviews, db.cards, async () => {
    const entry = await db.reviews.get(seq);
    if (!entry) return undefined;
    const later = await db.reviews
      .where('cardId')
      .equals(entry.cardId)
      .filter((row) => row.seq > seq)
      .count();
    if (later > 0) return undefined;
    await db.reviews.delete(seq);
    if (entry.scheduled) {
      if (entry.before) await db.cards.put({ id: entry.cardId, ...entry.before });
      else await db.cards.delete(entry.cardId);
    }
    return entry;
  });
}

/** Answers given since `dayStart`: what the daily limits and the sibling rule need. */
export async function todaySoFar(
  dayStart: number
): Promise<TodaySoFar & { total: number; timeMs: number }> {
  const rows = await database().reviews.where('reviewedAt').aboveOrEqual(dayStart).toArray();
  const notes = new Set<string>();
  let newCount = 0;
  let reviewCount = 0;
  let timeMs = 0;
  for (const row of rows) {
    notes.add(noteIdOf(row.cardId));
    timeMs += row.durationMs;
    if (!row.scheduled) continue;
    if (row.before === null || row.before.phase === 0) newCount += 1;
    else if (row.before.phase === 2) reviewCount += 1;
  }
  return { newCount, reviewCount, notes, total: rows.length, timeMs };
}

/**
 * For each [start, end) range, whether any answer was given in it: for streaks, a batch of
 * study days at once. One read transaction, with every count requested before any is awaited,
 * so a long streak costs a few round trips instead of one per day.
 */
export async function answeredIn(
  ranges: readonly (readonly [number, number])[]
): Promise<boolean[]> {
  const db = database();
  return db.transaction('r', db.reviews, () =>
    Promise.all(
      ranges.map(([start, end]) =>
        db.reviews
          .where('reviewedAt')
          .between(start, end, true, false)
          .count()
          .then((n) => n > 0)
      )
    )
  );
}

/**
 * The study days in a row, up to today, with at least one answer. Today without an answer yet
 * does not break the streak; any earlier empty day does.
 */
export async function streakDays(
  now: number,
  startHour: number,
  timeZone: string
): Promise<number> {
  let streak = 0;
  let end = nextStudyDayStart(now, startHour, timeZone);
  let isToday = true;
  // A month of days per batch: a year-long streak takes about twelve round trips.
  for (let batch = 0; batch < 120; batch += 1) {
    const days: [number, number][] = [];
    for (let i = 0; i < 31; i += 1) {
      const start = studyDayStart(end - 1, startHour, timeZone);
      days.push([start, end]);
      end = start;
    }
    for (const answered of await answeredIn(days)) {
      if (answered) streak += 1;
      else if (!isToday) return streak;
      isToday = false;
    }
  }
  return streak;
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

export async function saveSettings(settings: ReviewSettings): Promise<ReviewSettings> {
  const clean = normalizeSettings(settings);
  await database().settings.put({ key: 'review', value: clean });
  return clean;
}
