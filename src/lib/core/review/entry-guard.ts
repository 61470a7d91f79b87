// The rules of entry-schema.ts written out by hand, for the pages that read many rows and
// must stay small and fast (the answer path, the first card, the today page): valibot's general
// checks made the first card about 150 ms slower at 8,500 states (`npm run bench`) and /review
// 1.6 KB heavier (`npm run size`). A unit test holds both to the same answers.
import { entryIdPattern } from './entry-id';
import type { LoggedEntry } from './log';
import type { CardState } from './scheduler';

/** A card id: a note id written in a lesson, with `:reverse` or `:cN` for a note's extra cards. */
export const cardIdPattern = /^[a-z0-9][a-z0-9-]*(:[a-z0-9-]+)?$/;
/** A learning step: "1m", "10m", "1.5h", "2d". */
export const stepPattern = /^\d+(\.\d+)?[mhd]$/;

const isNumber = (n: unknown, min = Number.NEGATIVE_INFINITY): n is number =>
  typeof n === 'number' && Number.isFinite(n) && n >= min;
const isCount = (n: unknown): n is number => isNumber(n, 0) && Number.isInteger(n);

/**
 * A cached card state read back from storage, checked (the `id` key of a stored row is
 * ignored): `cardStateSchema`'s rules. A first card reads every state: with valibot that cost
 * about 150 ms more for 8,500 states in `npm run bench`.
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

const isSteps = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((step) => typeof step === 'string' && stepPattern.test(step));

function isParams(raw: unknown): boolean {
  const p = raw as Record<string, unknown> | null;
  return (
    typeof p === 'object' &&
    p !== null &&
    typeof p.retention === 'number' &&
    p.retention > 0 &&
    p.retention < 1 &&
    isCount(p.maxIntervalDays) &&
    (p.maxIntervalDays as number) >= 1 &&
    isSteps(p.learningSteps) &&
    isSteps(p.relearningSteps) &&
    typeof p.fuzz === 'boolean' &&
    (p.w === undefined ||
      (Array.isArray(p.w) && p.w.length === 21 && p.w.every((n) => isNumber(n))))
  );
}

/** A log row read back from storage, checked by `entrySchema`'s rules; undefined when it fails. */
export function readEntryRow(raw: unknown): LoggedEntry | undefined {
  const r = raw as Record<string, unknown> | null;
  if (typeof r !== 'object' || r === null) return undefined;
  const ok =
    isCount(r.seq) &&
    (r.seq as number) >= 1 &&
    typeof r.id === 'string' &&
    entryIdPattern.test(r.id) &&
    typeof r.cardId === 'string' &&
    cardIdPattern.test(r.cardId) &&
    (r.rating === 1 || r.rating === 2 || r.rating === 3 || r.rating === 4) &&
    isNumber(r.reviewedAt, 0) &&
    isNumber(r.durationMs, 0) &&
    (r.mode === 'review' || r.mode === 'drill' || r.mode === 'cram') &&
    typeof r.scheduled === 'boolean' &&
    isParams(r.params);
  if (!ok) return undefined;
  const before = r.before === null ? null : readState(r.before);
  const after = r.after === null ? null : readState(r.after);
  if (before === undefined || after === undefined) return undefined;
  const params = r.params as LoggedEntry['params'];
  return {
    seq: r.seq as number,
    id: r.id as string,
    cardId: r.cardId as string,
    rating: r.rating as LoggedEntry['rating'],
    reviewedAt: r.reviewedAt as number,
    durationMs: r.durationMs as number,
    mode: r.mode as LoggedEntry['mode'],
    scheduled: r.scheduled as boolean,
    params: {
      retention: params.retention,
      maxIntervalDays: params.maxIntervalDays,
      learningSteps: [...params.learningSteps],
      relearningSteps: [...params.relearningSteps],
      fuzz: params.fuzz,
      ...(params.w && { w: [...params.w] })
    },
    before,
    after
  };
}

/** The readable log rows, in the order given, and how many were set aside. */
export function readEntryRows(rows: Iterable<unknown>): {
  entries: LoggedEntry[];
  skipped: number;
} {
  const entries: LoggedEntry[] = [];
  let skipped = 0;
  for (const row of rows) {
    const entry = readEntryRow(row);
    if (entry) entries.push(entry);
    else skipped += 1;
  }
  return { entries, skipped };
}
