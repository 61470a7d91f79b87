import type { CardMarks } from '../review/events';
import type { ReviewEntry } from '../review/log';
import { Phase } from '../review/phase';
import type { CardState } from '../review/scheduler';
import { dayMs, studyDay, studyDayStart } from '../review/time';

/**
 * How our schedule reads in Anki's terms. Anki counts review due dates in days since the
 * collection was created (`col.crt`, at the start of a study day) and learning due times in
 * epoch seconds; its importer moves day numbers onto the receiving collection's calendar.
 */
export interface AnkiCalendar {
  /** `col.crt`: the start (in seconds) of the study day of the first answer. */
  crtSeconds: number;
  /** Minutes west of UTC at that moment, as Anki's `creationOffset` stores it. */
  creationOffset: number;
  dayStartsAtHour: number;
  timeZone: string;
}

export function ankiCalendar(
  firstAt: number,
  dayStartsAtHour: number,
  timeZone: string
): AnkiCalendar {
  const start = studyDayStart(firstAt, dayStartsAtHour, timeZone);
  const [y, m, d] = studyDay(start, dayStartsAtHour, timeZone).split('-').map(Number) as [
    number,
    number,
    number
  ];
  const wallAsUtc = Date.UTC(y, m - 1, d, dayStartsAtHour);
  return {
    crtSeconds: Math.floor(start / 1000),
    creationOffset: Math.round((start - wallAsUtc) / 60_000),
    dayStartsAtHour,
    timeZone
  };
}

/** Days from the collection's first study day to the study day holding `ms`. */
export function dayNumber(calendar: AnkiCalendar, ms: number): number {
  const first = studyDay(calendar.crtSeconds * 1000, calendar.dayStartsAtHour, calendar.timeZone);
  const day = studyDay(ms, calendar.dayStartsAtHour, calendar.timeZone);
  // Both are `YYYY-MM-DD`, which Date.parse reads as UTC midnight: whole days apart.
  return Math.round((Date.parse(day) - Date.parse(first)) / dayMs);
}

/** Anki card columns that carry the schedule. */
export interface AnkiCardSchedule {
  type: 0 | 1 | 2 | 3;
  queue: -3 | -1 | 0 | 1 | 2 | 3;
  due: number;
  ivl: number;
  factor: number;
  reps: number;
  lapses: number;
  left: number;
  flags: number;
  /** `{"s","d","dr"}`: the FSRS memory state, as Anki 23.10+ keeps it; '' for a new card. */
  data: string;
}

const round = (x: number, places: number) => Math.round(x * 10 ** places) / 10 ** places;

/** Anki's default ease (250 %), kept so Anki's SM-2 has a sane value if FSRS is turned off. */
export const defaultFactor = 2500;

/**
 * A card's Anki columns from its state and marks. `position` orders new cards (deck order);
 * `steps` is how many learning (or relearning) steps the card's settings have, for `left`.
 */
export function cardSchedule(input: {
  state: CardState | undefined;
  marks: CardMarks | undefined;
  position: number;
  steps: number;
  retention: number;
  calendar: AnkiCalendar;
  now: number;
}): AnkiCardSchedule {
  const { state, marks, calendar } = input;
  const flags = marks?.flag ?? 0;
  const hidden = marks?.suspended ? -1 : (marks?.buriedUntil ?? 0) > input.now ? -3 : undefined;
  if (!state || state.phase === Phase.New) {
    return {
      type: 0,
      queue: hidden ?? 0,
      due: input.position,
      ivl: 0,
      factor: 0,
      reps: state?.reps ?? 0,
      lapses: state?.lapses ?? 0,
      left: 0,
      flags,
      data: ''
    };
  }
  const data = JSON.stringify({
    s: round(state.stability, 4),
    d: round(state.difficulty, 4),
    dr: input.retention
  });
  const common = { reps: state.reps, lapses: state.lapses, flags, data, factor: defaultFactor };
  if (state.phase === Phase.Review) {
    return {
      ...common,
      type: 2,
      queue: hidden ?? 2,
      due: dayNumber(calendar, state.due),
      ivl: Math.max(1, state.scheduledDays),
      left: 0
    };
  }
  // Learning and relearning: a step under a day is due at a time (queue 1, epoch seconds);
  // a step of a day or more on a day (queue 3, day number), as Anki does.
  const stepMs = state.due - (state.lastReview ?? state.due);
  const interday = stepMs >= dayMs;
  const remaining = Math.max(1, input.steps - state.learningSteps);
  return {
    ...common,
    type: state.phase === Phase.Learning ? 1 : 3,
    queue: hidden ?? (interday ? 3 : 1),
    due: interday ? dayNumber(calendar, state.due) : Math.floor(state.due / 1000),
    // A relearning card's interval is what it returns to review with; FSRS's stability is
    // the closest figure (in days) our state holds.
    ivl: state.phase === Phase.Relearning ? Math.max(1, Math.round(state.stability)) : 0,
    left: remaining * 1000 + remaining,
    ...(state.phase === Phase.Learning ? { factor: 0 } : {})
  };
}

/** Anki's revlog `type`: 0 learn, 1 review, 2 relearn, 3 cram (filtered), 4 manual (forget). */
export type RevlogType = 0 | 1 | 2 | 3 | 4;

/** One `revlog` row's columns, apart from `id` and `cid`. */
export interface RevlogColumns {
  ease: number;
  ivl: number;
  lastIvl: number;
  factor: number;
  time: number;
  type: RevlogType;
}

/** An interval as revlog stores it: days when positive, seconds when negative (learning). */
function revlogInterval(state: CardState | null): number {
  if (!state || state.phase === Phase.New) return 0;
  if (state.phase === Phase.Review) return Math.max(1, state.scheduledDays);
  return -Math.max(1, Math.round((state.due - (state.lastReview ?? state.due)) / 1000));
}

/** The revlog columns of one answer. */
export function revlogColumns(entry: ReviewEntry): RevlogColumns {
  const before = entry.before;
  const type: RevlogType = !entry.scheduled
    ? 3
    : !before || before.phase === Phase.New || before.phase === Phase.Learning
      ? 0
      : before.phase === Phase.Review
        ? 1
        : 2;
  const after = entry.scheduled ? entry.after : entry.before;
  return {
    ease: entry.rating,
    ivl: revlogInterval(after),
    lastIvl: revlogInterval(before),
    factor:
      after && after.phase !== Phase.New && after.phase !== Phase.Learning ? defaultFactor : 0,
    time: Math.max(0, Math.round(entry.durationMs)),
    type
  };
}

/** The revlog row Anki writes when a card is forgotten ("Reset"): manual, ease 0, interval 0. */
export const forgetColumns: RevlogColumns = {
  ease: 0,
  ivl: 0,
  lastIvl: 0,
  factor: 0,
  time: 0,
  type: 4
};
