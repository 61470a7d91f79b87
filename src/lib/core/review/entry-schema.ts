import * as v from 'valibot';
import { entryIdPattern } from './entry-id';
import type { LoggedEntry } from './log';
import type { CardState } from './scheduler';

/**
 * The one schema for what is read back from outside the running code: log rows and card
 * states read from storage (and, later, imported and synced entries). A row that does not
 * match is set aside with the reason, never turned into NaN dates in a schedule.
 */

const finite = v.pipe(v.number(), v.finite());
const count = v.pipe(v.number(), v.integer(), v.minValue(0));
const time = v.pipe(v.number(), v.finite(), v.minValue(0));
const steps = v.array(v.pipe(v.string(), v.regex(/^\d+(\.\d+)?[mhd]$/)));

/** A card id: a note id written in a lesson, with `:reverse` or `:cN` for a note's extra cards. */
export const cardIdPattern = /^[a-z0-9][a-z0-9-]*(:[a-z0-9-]+)?$/;

export const cardStateSchema = v.object({
  due: time,
  stability: v.pipe(finite, v.minValue(0)),
  difficulty: finite,
  elapsedDays: v.pipe(finite, v.minValue(0)),
  scheduledDays: v.pipe(finite, v.minValue(0)),
  learningSteps: count,
  reps: count,
  lapses: count,
  phase: v.picklist([0, 1, 2, 3]),
  lastReview: v.nullable(time)
});

export const paramsSchema = v.object({
  retention: v.pipe(v.number(), v.gtValue(0), v.ltValue(1)),
  maxIntervalDays: v.pipe(v.number(), v.integer(), v.minValue(1)),
  learningSteps: steps,
  relearningSteps: steps,
  fuzz: v.boolean()
});

export const entrySchema = v.object({
  seq: v.pipe(v.number(), v.integer(), v.minValue(1)),
  id: v.pipe(v.string(), v.regex(entryIdPattern)),
  cardId: v.pipe(v.string(), v.regex(cardIdPattern)),
  rating: v.picklist([1, 2, 3, 4]),
  reviewedAt: time,
  durationMs: v.pipe(finite, v.minValue(0)),
  mode: v.picklist(['review', 'drill', 'cram']),
  scheduled: v.boolean(),
  params: paramsSchema,
  before: v.nullable(cardStateSchema),
  after: v.nullable(cardStateSchema)
});

/** Why a row was set aside: the first problem found, with the field it is in. */
function describe(issues: readonly v.BaseIssue<unknown>[]): string {
  const issue = issues[0];
  if (!issue) return 'not a log row';
  const path = v.getDotPath(issue);
  return path ? `${path}: ${issue.message}` : issue.message;
}

export type Read<T> = { ok: true; value: T } | { ok: false; problem: string };

/** A log row read back from storage, checked. */
export function readEntry(raw: unknown): Read<LoggedEntry> {
  const result = v.safeParse(entrySchema, raw);
  return result.success
    ? { ok: true, value: result.output as LoggedEntry }
    : { ok: false, problem: describe(result.issues) };
}

const isNumber = (n: unknown, min = Number.NEGATIVE_INFINITY): n is number =>
  typeof n === 'number' && Number.isFinite(n) && n >= min;
const isCount = (n: unknown): n is number => isNumber(n, 0) && Number.isInteger(n);

/**
 * A cached card state read back from storage, checked (the `id` key of a stored row is
 * ignored). The same rules as `cardStateSchema`, written out by hand: a first card reads every
 * state, and valibot's general checks cost about 25 µs a state, 200 ms for 8,500 states on a
 * slow phone, where these take a few. A unit test checks that both agree.
 */
export function readState(raw: unknown): CardState | undefined {
  const s = raw as Partial<Record<keyof CardState, unknown>> | null;
  if (typeof s !== 'object' || s === null) return undefined;
  const ok =
    isNumber(s.due, 0) &&
    isNumber(s.stability, 0) &&
    isNumber(s.difficulty) &&
    isNumber(s.elapsedDays, 0) &&
    isNumber(s.scheduledDays, 0) &&
    isCount(s.learningSteps) &&
    isCount(s.reps) &&
    isCount(s.lapses) &&
    (s.phase === 0 || s.phase === 1 || s.phase === 2 || s.phase === 3) &&
    (s.lastReview === null || isNumber(s.lastReview, 0));
  if (!ok) return undefined;
  return {
    due: s.due as number,
    stability: s.stability as number,
    difficulty: s.difficulty as number,
    elapsedDays: s.elapsedDays as number,
    scheduledDays: s.scheduledDays as number,
    learningSteps: s.learningSteps as number,
    reps: s.reps as number,
    lapses: s.lapses as number,
    phase: s.phase as CardState['phase'],
    lastReview: s.lastReview as number | null
  };
}

export interface SkippedRow {
  /** The row's local sequence number, when it has a readable one. */
  seq: number | undefined;
  problem: string;
}

/** Splits rows into the readable entries (in the order given) and the rows set aside. */
export function readEntries(rows: Iterable<unknown>): {
  entries: LoggedEntry[];
  skipped: SkippedRow[];
} {
  const entries: LoggedEntry[] = [];
  const skipped: SkippedRow[] = [];
  for (const row of rows) {
    const read = readEntry(row);
    if (read.ok) entries.push(read.value);
    else {
      const seq = (row as { seq?: unknown } | null)?.seq;
      skipped.push({ seq: typeof seq === 'number' ? seq : undefined, problem: read.problem });
    }
  }
  return { entries, skipped };
}
