import { dayMs, minuteMs, shiftDay, studyDay, studyDayStart } from '../review/time';

/**
 * A run of consecutive study days, as the learner's clock counts them: each day starts at the
 * day-start hour in the given time zone, so a review at 1 am belongs to the day before, and a
 * daylight-saving change or a move to another zone moves the boundaries with it. An answer is
 * put on its day by searching the boundaries (one `Intl` call per day, not per answer).
 */
export interface DayGrid {
  /** `YYYY-MM-DD` of each day, oldest first. */
  days: string[];
  /** The first instant of each day, and after the last one the instant the next day starts. */
  starts: number[];
}

/**
 * `back` days up to and including today, then `ahead` days after it. Day `back - 1` is today.
 */
export function dayGrid(
  now: number,
  startHour: number,
  timeZone: string,
  back: number,
  ahead = 0
): DayGrid {
  const today = studyDay(now, startHour, timeZone);
  const days: string[] = [];
  for (let i = -(back - 1); i <= ahead; i += 1) days.push(shiftDay(today, i));
  const starts: number[] = [];
  let previous: number | undefined;
  for (const day of [...days, shiftDay(days[days.length - 1] ?? today, 1)]) {
    // Most days are 24 hours long: try that first, and search only where the clocks changed.
    const guess = previous === undefined ? undefined : previous + dayMs;
    const fits =
      guess !== undefined &&
      studyDay(guess, startHour, timeZone) === day &&
      studyDay(guess - minuteMs, startHour, timeZone) !== day;
    previous = fits ? guess : firstInstant(day, startHour, timeZone);
    starts.push(previous);
  }
  return { days, starts };
}

/** The first instant of `day`: the start of the study day holding noon of that date there. */
function firstInstant(day: string, startHour: number, timeZone: string): number {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  // Noon UTC of the date is within 14 hours of noon anywhere: search around it for the instant
  // whose study day is `day` (studyDayStart finds the exact turn of the day).
  let probe = Date.UTC(year, month - 1, date, 12);
  for (let pass = 0; pass < 3; pass += 1) {
    const seen = studyDay(probe, startHour, timeZone);
    if (seen === day) return studyDayStart(probe, startHour, timeZone);
    probe += seen < day ? 8 * 3_600_000 : -8 * 3_600_000;
  }
  return studyDayStart(probe, startHour, timeZone);
}

/** Which day of the grid `ms` falls on, or -1 outside it. */
export function dayIndexOf(grid: DayGrid, ms: number): number {
  const { starts } = grid;
  if (!(ms >= (starts[0] ?? Infinity)) || !(ms < (starts[starts.length - 1] ?? -Infinity)))
    return -1;
  let low = 0;
  let high = starts.length - 2;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if ((starts[middle] as number) <= ms) low = middle;
    else high = middle - 1;
  }
  return low;
}

/** 0 Monday … 6 Sunday, of a `YYYY-MM-DD` date. */
export function weekdayOf(day: string): number {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  return (new Date(Date.UTC(year, month - 1, date)).getUTCDay() + 6) % 7;
}
