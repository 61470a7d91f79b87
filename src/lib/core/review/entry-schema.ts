import * as v from 'valibot';
import { cardIdPattern, stepPattern } from './entry-guard';
import { entryIdPattern } from './entry-id';
import type { LoggedEntry } from './log';

/**
 * The one schema for what is read back from outside the running code: log rows and card
 * states read from storage (and, later, imported and synced entries). A row that does not
 * match is set aside with the reason, never turned into NaN dates in a schedule. This is the
 * definition and what reports a reason (the history check, imports); the answer path and the
 * today page use the same rules written out by hand in `entry-guard.ts`, which a unit test
 * holds to this schema, so valibot stays off `/review`.
 */

const finite = v.pipe(v.number(), v.finite());
const count = v.pipe(v.number(), v.integer(), v.minValue(0));
const time = v.pipe(v.number(), v.finite(), v.minValue(0));
const steps = v.array(v.pipe(v.string(), v.regex(stepPattern)));

export { cardIdPattern, readState } from './entry-guard';

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
  fuzz: v.boolean(),
  // Rows written before the optimizer have none: FSRS's defaults scheduled them.
  w: v.optional(v.pipe(v.array(finite), v.length(21)))
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
