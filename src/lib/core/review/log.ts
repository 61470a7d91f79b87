import {
  answerCard,
  newCardState,
  type CardState,
  type Rating,
  type SchedulerParams
} from './scheduler';

/**
 * How an answer was given. `review`: the daily session. `drill`: a mock interview.
 * `cram`: studying ahead, which never changes the schedule.
 */
export type ReviewMode = 'review' | 'drill' | 'cram';

/** One row of the review log: the source of truth that card states are rebuilt from. */
export interface ReviewEntry {
  /** Order of answers on this device; assigned by the database. */
  seq?: number;
  cardId: string;
  rating: Rating;
  reviewedAt: number;
  durationMs: number;
  mode: ReviewMode;
  /** Whether this answer moved the card's schedule (false for cram and practice-only drills). */
  scheduled: boolean;
  params: SchedulerParams;
  /** The card's state before and after; null means never scheduled (a new card). */
  before: CardState | null;
  after: CardState | null;
}

/** A row as stored: its local sequence number and its globally unique id (see entry-id.ts). */
export interface LoggedEntry extends ReviewEntry {
  seq: number;
  id: string;
}

/** What the learner did: which card, which answer, when, how long it took, in which mode. */
export interface AnswerFacts {
  cardId: string;
  rating: Rating;
  /** When it was answered, epoch ms. */
  now: number;
  durationMs: number;
  mode: ReviewMode;
  /** Whether the answer moves the schedule (false when studying ahead or practising). */
  scheduled: boolean;
}

/** The log row for answering `rating` now, with the state the answer leads to. */
export function makeEntry(
  input: AnswerFacts & { params: SchedulerParams; before: CardState | undefined }
): ReviewEntry {
  const before = input.before ?? null;
  // An answer that does not count for the schedule leaves the card exactly as it was.
  const after = input.scheduled
    ? answerCard(input.params, input.before, input.rating, input.now)
    : before;
  return {
    cardId: input.cardId,
    rating: input.rating,
    reviewedAt: input.now,
    durationMs: Math.max(0, Math.round(input.durationMs)),
    mode: input.mode,
    scheduled: input.scheduled,
    params: input.params,
    before,
    after
  };
}

/**
 * Rebuilds every card's state from the log alone, repeating each scheduled answer with the
 * parameters it was given under. Entries must be in the order they were answered (see
 * `inAnswerOrder`). A card forgotten at time t (a `forget` event) starts again from new:
 * its answers at or before t stay in the log but schedule nothing.
 */
export function replayHistory(
  entries: Iterable<ReviewEntry>,
  /** States replayed so far, to continue a replay that reads the log in parts. */
  states = new Map<string, CardState>(),
  /** When each forgotten card was last forgotten (see events.ts `forgottenTimes`). */
  forgotten: ReadonlyMap<string, number> = noneForgotten
): Map<string, CardState> {
  for (const entry of entries) {
    if (!entry.scheduled) continue;
    const forgottenAt = forgotten.get(entry.cardId);
    if (forgottenAt !== undefined && entry.reviewedAt <= forgottenAt) continue;
    states.set(
      entry.cardId,
      answerCard(entry.params, states.get(entry.cardId), entry.rating, entry.reviewedAt)
    );
  }
  return states;
}

const noneForgotten: ReadonlyMap<string, number> = new Map();

/**
 * Log rows in the order they were answered: by answer time, then by local sequence number.
 * The same as sequence order on one device; after a merge (a restored backup, another
 * device's answers) older answers can have newer sequence numbers, and time order is the one
 * both sides agree on.
 */
export function inAnswerOrder<T extends { reviewedAt: number; seq?: number }>(
  rows: readonly T[]
): T[] {
  return [...rows].sort((a, b) => a.reviewedAt - b.reviewedAt || (a.seq ?? 0) - (b.seq ?? 0));
}

/** Every field of a card state, taken from a new one so the list cannot fall behind the type. */
const stateFields = Object.keys(newCardState(0)) as (keyof CardState)[];

/**
 * The card ids whose cached state is not what replaying the log gives: different, missing
 * from the cache, or cached with no scheduled answer behind it.
 */
export function differingStates(
  cached: ReadonlyMap<string, CardState>,
  replayed: ReadonlyMap<string, CardState>
): string[] {
  const differing: string[] = [];
  for (const [id, state] of replayed) {
    const kept = cached.get(id);
    if (!kept || stateFields.some((field) => kept[field] !== state[field])) differing.push(id);
  }
  for (const id of cached.keys()) if (!replayed.has(id)) differing.push(id);
  return differing;
}
