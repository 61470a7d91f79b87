// The streak of study days, counted from the log, and the mark of past days kept so that a long
// streak is not counted day by day on every visit. Only the today page and the statistics read
// it: the review page does not load it.
import { nextStudyDayStart, studyDayStart } from '../core/review/time';
import { database } from './database';
import { streakKey } from './schema';

/**
 * For each [start, end) range, whether any answer was given in it: for streaks, a batch of
 * study days at once. One read transaction, with every read requested before any is awaited,
 * so a long streak costs a few round trips instead of one per day. Each read asks for one key,
 * not a count: a count walks every answer of the day, and a first visit with no mark kept
 * counted every day of the history that way.
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
          .limit(1)
          .primaryKeys()
          .then((keys) => keys.length > 0)
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
