/** Times are epoch milliseconds everywhere in the app; this module is where days are counted. */
export const minuteMs = 60_000;
export const hourMs = 60 * minuteMs;
export const dayMs = 24 * hourMs;

/** The device's time zone, or UTC where the platform cannot say. */
export function deviceTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

const partsCache = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let format = partsCache.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric'
    });
    partsCache.set(timeZone, format);
  }
  return format;
}

interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** The wall-clock time at instant `ms` in `timeZone`. */
function wallTime(ms: number, timeZone: string): WallTime {
  const found: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(new Date(ms))) {
    if (part.type !== 'literal') found[part.type] = Number(part.value);
  }
  return {
    year: found.year ?? 1970,
    month: found.month ?? 1,
    day: found.day ?? 1,
    hour: found.hour ?? 0,
    minute: found.minute ?? 0,
    second: found.second ?? 0
  };
}

/** Roughly the instant when the wall clock in `timeZone` shows the given date and hour. */
function approximateInstant(
  year: number,
  month: number,
  day: number,
  hour: number,
  timeZone: string
): number {
  const wanted = Date.UTC(year, month - 1, day, hour);
  let guess = wanted;
  for (let pass = 0; pass < 2; pass += 1) {
    const seen = wallTime(guess, timeZone);
    const shown = Date.UTC(
      seen.year,
      seen.month - 1,
      seen.day,
      seen.hour,
      seen.minute,
      seen.second
    );
    guess += wanted - shown;
  }
  return guess;
}

/**
 * The first instant that belongs to study day `day`. Searched for, rather than computed, so
 * that a start hour the clocks skip (spring forward) or repeat (fall back) still gives the
 * moment the day actually turns.
 */
function firstInstantOf(day: string, startHour: number, timeZone: string): number {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  const guess = approximateInstant(year, month, date, startHour, timeZone);
  // Offsets change by at most a few hours; the answer is a whole minute within this window.
  let low = Math.floor((guess - 4 * hourMs) / minuteMs);
  let high = Math.ceil((guess + 4 * hourMs) / minuteMs);
  while (low < high) {
    const middle = Math.floor((low + high) / 2);
    if (studyDay(middle * minuteMs, startHour, timeZone) >= day) high = middle;
    else low = middle + 1;
  }
  return low * minuteMs;
}

/**
 * The study day an instant belongs to, as `YYYY-MM-DD`. A study day starts at `startHour`
 * o'clock local time (default 4 am), so a review at 1 am counts for the day before.
 */
export function studyDay(ms: number, startHour: number, timeZone: string): string {
  const wall = wallTime(ms, timeZone);
  let { year, month, day } = wall;
  if (wall.hour < startHour) {
    const previous = new Date(Date.UTC(year, month - 1, day) - dayMs);
    year = previous.getUTCFullYear();
    month = previous.getUTCMonth() + 1;
    day = previous.getUTCDate();
  }
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The instant the study day holding `ms` began. */
export function studyDayStart(ms: number, startHour: number, timeZone: string): number {
  return firstInstantOf(studyDay(ms, startHour, timeZone), startHour, timeZone);
}

/** The instant the study day after the one holding `ms` begins. */
export function nextStudyDayStart(ms: number, startHour: number, timeZone: string): number {
  return firstInstantOf(shiftDay(studyDay(ms, startHour, timeZone), 1), startHour, timeZone);
}

/** The day `days` after `day` (`YYYY-MM-DD`); negative goes back. */
export function shiftDay(day: string, days: number): string {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, date) + days * dayMs).toISOString().slice(0, 10);
}

/** A short interval for a button: "1m", "10m", "3h", "4d", "2.5mo", "1.2y". */
export function formatInterval(ms: number): string {
  const safe = Math.max(0, ms);
  if (safe < hourMs) return `${Math.max(1, Math.round(safe / minuteMs))}m`;
  if (safe < dayMs) return `${Math.round(safe / hourMs)}h`;
  const days = safe / dayMs;
  if (days < 30) return `${Math.round(days)}d`;
  if (days < 365) return `${trim(days / 30)}mo`;
  return `${trim(days / 365)}y`;
}

function trim(value: number): string {
  return value >= 10 ? String(Math.round(value)) : String(Math.round(value * 10) / 10);
}
