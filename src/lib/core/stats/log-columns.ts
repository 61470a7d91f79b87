import type { ReviewEntry } from '../review/log';
import { Phase } from '../review/phase';
import { retrievability } from '../review/scheduler';
import { dayIndexOf, type DayGrid } from './days';

/** A card's interval (days) from which it counts as mature, as in Anki. */
export const matureDays = 21;

/** What an answer was, for the statistics: a review answer is split by the card's age. */
export const AnswerKind = {
  /** A new card's first answer, or a card in its learning or relearning steps. */
  Learning: 0,
  /** A card in review with an interval under 21 days. */
  Young: 1,
  /** A card in review with an interval of 21 days or more. */
  Mature: 2,
  /** Studying ahead or practice: moved no schedule. */
  Unscheduled: 3
} as const;
export type AnswerKind = (typeof AnswerKind)[keyof typeof AnswerKind];

/**
 * The review log as the statistics read it: one column per field, for the answers of the
 * deck's cards. Kept in memory so that choosing another lesson or topic recomputes from these
 * arrays in a few milliseconds instead of reading the log again; 100,000 answers take about
 * 2 MB. The predicted recall of each review answer is worked out once, as it is read.
 */
export interface LogColumns {
  length: number;
  /** Index of the answer's card in the deck's card list. */
  card: Int32Array;
  /** Index of the answer's study day in the grid, or -1 before it. */
  day: Int16Array;
  rating: Uint8Array;
  kind: Uint8Array;
  durationMs: Float64Array;
  /** FSRS's predicted recall at answer time (from the state before), for review answers. */
  recall: Float32Array;
}

export function emptyLogColumns(capacity = 1024): LogColumns {
  return {
    length: 0,
    card: new Int32Array(capacity),
    day: new Int16Array(capacity),
    rating: new Uint8Array(capacity),
    kind: new Uint8Array(capacity),
    durationMs: new Float64Array(capacity),
    recall: new Float32Array(capacity)
  };
}

function grow(columns: LogColumns, needed: number): LogColumns {
  if (needed <= columns.card.length) return columns;
  const size = Math.max(needed, columns.card.length * 2);
  const copy = <T extends Int32Array | Int16Array | Uint8Array | Float64Array | Float32Array>(
    from: T,
    make: (n: number) => T
  ): T => {
    const to = make(size);
    to.set(from.subarray(0, columns.length) as never);
    return to;
  };
  return {
    length: columns.length,
    card: copy(columns.card, (n) => new Int32Array(n)),
    day: copy(columns.day, (n) => new Int16Array(n)),
    rating: copy(columns.rating, (n) => new Uint8Array(n)),
    kind: copy(columns.kind, (n) => new Uint8Array(n)),
    durationMs: copy(columns.durationMs, (n) => new Float64Array(n)),
    recall: copy(columns.recall, (n) => new Float32Array(n))
  };
}

/** What kind of answer a log row was, from the card's state before it. */
export function answerKind(entry: Pick<ReviewEntry, 'scheduled' | 'before'>): AnswerKind {
  if (!entry.scheduled) return AnswerKind.Unscheduled;
  const before = entry.before;
  if (!before || before.phase !== Phase.Review) return AnswerKind.Learning;
  return before.scheduledDays < matureDays ? AnswerKind.Young : AnswerKind.Mature;
}

/**
 * Adds a part of the log. Answers to cards that are not in the deck (removed from the content,
 * their history kept hidden) are left out, as everywhere else in the app. Returns the columns,
 * which may be new arrays when they had to grow.
 */
export function addAnswers(
  columns: LogColumns,
  entries: Iterable<ReviewEntry>,
  cardIndex: ReadonlyMap<string, number>,
  grid: DayGrid
): LogColumns {
  const list = Array.isArray(entries) ? (entries as ReviewEntry[]) : [...entries];
  const out = grow(columns, columns.length + list.length);
  for (const entry of list) {
    const card = cardIndex.get(entry.cardId);
    if (card === undefined) continue;
    const i = out.length;
    const kind = answerKind(entry);
    out.card[i] = card;
    out.day[i] = dayIndexOf(grid, entry.reviewedAt);
    out.rating[i] = entry.rating;
    out.kind[i] = kind;
    out.durationMs[i] = entry.durationMs;
    out.recall[i] =
      kind === AnswerKind.Young || kind === AnswerKind.Mature
        ? retrievability(entry.params, entry.before ?? undefined, entry.reviewedAt)
        : 0;
    out.length += 1;
  }
  return out;
}
