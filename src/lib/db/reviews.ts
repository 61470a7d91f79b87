import { readEntryRows, readState } from '../core/review/entry-guard';
import { Phase } from '../core/review/phase';
import type { CardState } from '../core/review/scheduler';
import { normalizeSettings, type ReviewSettings } from '../core/review/settings';
import { noteIdOf } from '../core/review/ids';
import { nextStudyDayStart, studyDayStart } from '../core/review/time';
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
 * What the streak was on a study day before today, kept in the database so a long streak is
 * not counted again day by day on every visit: the cost of the today page stays the same
 * however long the history. It holds for the day start and time zone it was made with, and
 * only while no answer has been written since on or before that day (checked by sequence
 * number; undo removes the mark).
 */
export interface StreakMark {
  startHour: number;
  timeZone: string;
  /** Start of the marked study day. */
  dayStart: number;
  /** The streak ending on that day, that day included (0: it had no answer). */
  length: number;
  /** The log's last sequence number when the mark was made. */
  seq: number;
}

export const streakKey = 'streak-mark';

function readMark(value: unknown, startHour: number, timeZone: string): StreakMark | undefined {
  const mark = value as Partial<StreakMark> | undefined;
  const numbers = [mark?.dayStart, mark?.length, mark?.seq];
  if (!mark || !numbers.every((n) => typeof n === 'number' && Number.isFinite(n))) return undefined;
  return mark.startHour === startHour && mark.timeZone === timeZone
    ? (mark as StreakMark)
    : undefined;
}

/**
 * The study days in a row, up to today, with at least one answer. Today without an answer yet
 * does not break the streak; any earlier empty day does. Also returns the mark to keep for
 * next time (see `StreakMark`); the caller saves it with `saveStreakMark`.
 */
export async function streakDays(
  now: number,
  startHour: number,
  timeZone: string
): Promise<{ days: number; mark: StreakMark; staleMark: boolean }> {
  const db = database();
  const [row, lastKey] = await Promise.all([
    db.meta.get(streakKey),
    db.reviews.orderBy('seq').lastKey()
  ]);
  const lastSeq = typeof lastKey === 'number' ? lastKey : 0;
  const kept = readMark(row?.value, startHour, timeZone);
  let mark = kept;
  if (mark && lastSeq > mark.seq) {
    // Written since: an answer stamped on or before the marked day (an import, a clock that
    // was behind) makes the mark stale.
    const dayEnd = nextStudyDayStart(mark.dayStart, startHour, timeZone);
    const earlier = await db.reviews
      .where('seq')
      .above(mark.seq)
      .filter((entry) => !(typeof entry.reviewedAt === 'number' && entry.reviewedAt >= dayEnd))
      .count();
    if (earlier > 0) mark = undefined;
  }
  if (mark && lastSeq < mark.seq) mark = undefined;

  const todayStart = studyDayStart(now, startHour, timeZone);
  const yesterdayStart = studyDayStart(todayStart - 1, startHour, timeZone);
  let streak = 0;
  let today = false;
  let end = nextStudyDayStart(now, startHour, timeZone);
  const done = (days: number) => ({
    days,
    staleMark: kept !== undefined && mark === undefined,
    mark: {
      startHour,
      timeZone,
      dayStart: yesterdayStart,
      length: days - (today ? 1 : 0),
      seq: lastSeq
    }
  });
  // A month of days per batch: a year-long streak takes about twelve round trips.
  for (let batch = 0; batch < 120; batch += 1) {
    const days: [number, number][] = [];
    for (let i = 0; i < 31; i += 1) {
      const start = studyDayStart(end - 1, startHour, timeZone);
      days.push([start, end]);
      end = start;
      if (mark && start === mark.dayStart) break;
    }
    const answered = await answeredIn(days);
    for (let i = 0; i < days.length; i += 1) {
      const start = (days[i] as [number, number])[0];
      if (mark && start === mark.dayStart) return done(streak + mark.length);
      if (answered[i]) {
        streak += 1;
        if (start === todayStart) today = true;
      } else if (start !== todayStart) return done(streak);
    }
  }
  return done(streak);
}

/**
 * Keeps `mark` for the next count of the streak, unless the kept one says the same of the same
 * day: so it is written about once a day, not after every answer (each write would make the
 * today page's live query run again). A kept mark with an older sequence number stays valid;
 * the rows since it are checked when it is read, and one found stale is replaced.
 */
export async function saveStreakMark(mark: StreakMark, replaceStale = false): Promise<void> {
  const db = database();
  await db.transaction('rw', db.meta, async () => {
    const kept = readMark((await db.meta.get(streakKey))?.value, mark.startHour, mark.timeZone);
    if (replaceStale || kept?.dayStart !== mark.dayStart || kept.length !== mark.length)
      await db.meta.put({ key: streakKey, value: mark });
  });
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

/**
 * Saves the settings form. The FSRS weights are not the form's: the stored ones are kept, so a
 * form opened before "Use these parameters" never puts the old weights back.
 */
export async function saveSettings(settings: ReviewSettings): Promise<ReviewSettings> {
  const db = database();
  return db.transaction('rw', db.settings, async () => {
    const stored = normalizeSettings(
      (await db.settings.get('review'))?.value as Partial<ReviewSettings> | undefined
    );
    const clean = normalizeSettings({
      ...settings,
      weights: stored.weights,
      weightsSince: stored.weightsSince,
      previousWeights: stored.previousWeights
    });
    await db.settings.put({ key: 'review', value: clean });
    return clean;
  });
}

/**
 * Puts FSRS weights in force from `now` (null: back to the defaults), keeping the set they
 * replace. Every answer after this records them in its params.
 */
export async function saveWeights(weights: number[] | null, now: number): Promise<ReviewSettings> {
  const db = database();
  return db.transaction('rw', db.settings, async () => {
    const stored = normalizeSettings(
      (await db.settings.get('review'))?.value as Partial<ReviewSettings> | undefined
    );
    const clean = normalizeSettings({
      ...stored,
      weights,
      weightsSince: now,
      previousWeights: stored.weights
    });
    await db.settings.put({ key: 'review', value: clean });
    return clean;
  });
}
