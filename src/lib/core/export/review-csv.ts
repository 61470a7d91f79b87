import type { CardKind } from '../content/types';
import type { ReviewEntry } from '../review/log';
import { Phase } from '../review/phase';
import type { CardState, Rating } from '../review/scheduler';

/**
 * "Export review log (CSV)": one row per answer, in answer order, with the columns below
 * (documented in docs/csv-format.md). Written by papaparse, which quotes every value holding
 * a comma, a quote or a line break, so card text and titles cannot break a row. The writing
 * itself is in review-csv-text.ts, apart so that papaparse loads only where the file is made.
 */
export const csvColumns = [
  'card_id',
  'lesson',
  'topic',
  'kind',
  'answered_at',
  'rating',
  'rating_name',
  'duration_ms',
  'mode',
  'scheduled',
  'state_before',
  'stability',
  'difficulty',
  'due',
  'answer_id'
] as const;

export type CsvColumn = (typeof csvColumns)[number];
export type CsvRow = Record<CsvColumn, string | number>;

/** Where a card sits, by title; missing for a card no longer in the deck. */
export interface CardPlace {
  lesson: string;
  topic: string;
  kind: CardKind;
}

const phaseNames: Record<Phase, string> = {
  [Phase.New]: 'new',
  [Phase.Learning]: 'learning',
  [Phase.Review]: 'review',
  [Phase.Relearning]: 'relearning'
};

// The names of scheduler.ts's ratingNames, repeated so that this module (loaded on the
// settings page) does not bring the scheduler and ts-fsrs with it.
const ratingNames: Record<Rating, string> = { 1: 'Again', 2: 'Hard', 3: 'Good', 4: 'Easy' };

const stateName = (state: CardState | null) => (state ? phaseNames[state.phase] : 'new');
const iso = (ms: number) => new Date(ms).toISOString();
/** Enough digits to replay from, without the float noise of 17. */
const figure = (x: number) => Number(x.toFixed(6));

/** One row per answer, oldest first (by answer time, then by local order). */
export function reviewLogRows(
  log: readonly (ReviewEntry & { id?: string })[],
  placeOf: (cardId: string) => CardPlace | undefined
): CsvRow[] {
  const ordered = [...log].sort(
    (a, b) => a.reviewedAt - b.reviewedAt || (a.seq ?? 0) - (b.seq ?? 0)
  );
  return ordered.map((entry) => {
    const place = placeOf(entry.cardId);
    // The state the answer left: for answers that did not move the schedule, the one before.
    const after = entry.scheduled ? entry.after : entry.before;
    return {
      card_id: entry.cardId,
      lesson: place?.lesson ?? '',
      topic: place?.topic ?? '',
      kind: place?.kind ?? '',
      answered_at: iso(entry.reviewedAt),
      rating: entry.rating,
      rating_name: ratingNames[entry.rating],
      duration_ms: entry.durationMs,
      mode: entry.mode,
      scheduled: entry.scheduled ? 'yes' : 'no',
      state_before: stateName(entry.before),
      stability: after ? figure(after.stability) : '',
      difficulty: after ? figure(after.difficulty) : '',
      due: after ? iso(after.due) : '',
      answer_id: entry.id ?? ''
    };
  });
}
