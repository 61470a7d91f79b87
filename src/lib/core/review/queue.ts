import type { CardKind } from '../content/types';
import { isLearning, Phase } from './phase';
import type { CardState } from './scheduler';
import { minuteMs } from './time';

/** A card of the content as the scheduler sees it, in lesson order. */
export interface DeckCard {
  id: string;
  noteId: string;
  kind: CardKind;
  lesson: string;
  section: string;
}

/** What was answered earlier in today's study day, for the daily limits and sibling rule. */
export interface TodaySoFar {
  /** New cards first answered today. */
  newCount: number;
  /** Review cards (not learning) answered today. */
  reviewCount: number;
  /** Notes answered today: their other cards wait until tomorrow. */
  notes: ReadonlySet<string>;
}

export interface QueueLimits {
  newPerDay: number;
  reviewsPerDay: number;
}

export interface QueueCounts {
  new: number;
  learning: number;
  review: number;
}

/** Learning cards due this soon are shown now rather than making the learner wait. */
export const learnAheadMs = 20 * minuteMs;

export type QueueItem = { id: string; type: 'new' | 'review' };

export interface DailyPlan {
  /** Reviews and new cards, new ones spread between the reviews. */
  main: QueueItem[];
  /** Learning and relearning cards due before the study day ends, soonest first. */
  learning: { id: string; due: number }[];
  counts: QueueCounts;
}

/** Places `extra` evenly between the items of `base`, keeping each list's own order. */
export function spreadBetween<T>(base: readonly T[], extra: readonly T[]): T[] {
  if (extra.length === 0) return [...base];
  const result: T[] = [];
  let next = 0;
  extra.forEach((item, k) => {
    const until = Math.floor(((k + 1) * base.length) / (extra.length + 1));
    while (next < until) result.push(base[next++] as T);
    result.push(item);
  });
  while (next < base.length) result.push(base[next++] as T);
  return result;
}

/**
 * Today's queue: learning cards when due, due reviews (most overdue first), then new cards in
 * course order (lesson by lesson, as the deck lists them) up to the daily limits, spread between the reviews. Only one card of a note
 * (a cloze's deletions, a card and its reverse) is shown per day. Cards whose state has no
 * deck card (removed from the content) are ignored: their history stays, hidden.
 */
export function planToday(input: {
  deck: readonly DeckCard[];
  states: ReadonlyMap<string, CardState>;
  /**
   * Cards with a state that `states` leaves out because it is in review and due after the day
   * (see `DayStates`): not new, not due. A card in `states` is taken from there.
   */
  later?: ReadonlySet<string>;
  today: TodaySoFar;
  limits: QueueLimits;
  dayEnds: number;
  /** Cards to show first whatever their due date ("Review my misses" after a drill). */
  priority?: readonly string[];
  /** Lessons left out of the daily review: their cards wait, schedules kept. */
  excludedLessons?: readonly string[];
}): DailyPlan {
  const { states, today, limits, dayEnds } = input;
  const later = input.later ?? new Set<string>();
  const excluded = new Set(input.excludedLessons ?? []);
  const deck =
    excluded.size === 0 ? input.deck : input.deck.filter((card) => !excluded.has(card.lesson));
  const learning: { id: string; due: number }[] = [];
  const dueReviews: { card: DeckCard; due: number; position: number }[] = [];
  const notesBusy = new Set(today.notes);

  deck.forEach((card, position) => {
    const state = states.get(card.id);
    if (!state || state.phase === Phase.New) return;
    if (isLearning(state.phase)) {
      if (state.due < dayEnds) learning.push({ id: card.id, due: state.due });
      notesBusy.add(card.noteId);
    } else if (state.due < dayEnds) {
      dueReviews.push({ card, due: state.due, position });
    }
  });
  learning.sort((a, b) => a.due - b.due);
  dueReviews.sort((a, b) => a.due - b.due || a.position - b.position);

  const reviews: QueueItem[] = [];
  const reviewRoom = Math.max(0, limits.reviewsPerDay - today.reviewCount);
  for (const { card } of dueReviews) {
    if (reviews.length >= reviewRoom) break;
    if (notesBusy.has(card.noteId)) continue;
    notesBusy.add(card.noteId);
    reviews.push({ id: card.id, type: 'review' });
  }

  const fresh: QueueItem[] = [];
  const newRoom = Math.max(0, limits.newPerDay - today.newCount);
  for (const card of deck) {
    if (fresh.length >= newRoom) break;
    const state = states.get(card.id);
    if (state ? state.phase !== Phase.New : later.has(card.id)) continue;
    if (notesBusy.has(card.noteId)) continue;
    notesBusy.add(card.noteId);
    fresh.push({ id: card.id, type: 'new' });
  }

  const deckIds = new Set(deck.map((card) => card.id));
  // Priority cards come first even when they are relearning (a drill miss usually is).
  const first: QueueItem[] = [...new Set(input.priority ?? [])]
    .filter((id) => deckIds.has(id))
    .map((id): QueueItem => {
      const state = states.get(id);
      return {
        id,
        type: (state ? state.phase !== Phase.New : later.has(id)) ? 'review' : 'new'
      };
    });
  const firstIds = new Set(first.map((item) => item.id));
  const stillLearning = learning.filter((item) => !firstIds.has(item.id));
  const rest = spreadBetween(
    reviews.filter((item) => !firstIds.has(item.id)),
    fresh.filter((item) => !firstIds.has(item.id))
  );
  const main = [...first, ...rest];
  const freshCount = main.filter((item) => item.type === 'new').length;
  return {
    main,
    learning: stillLearning,
    counts: { new: freshCount, learning: stillLearning.length, review: main.length - freshCount }
  };
}

/**
 * The running session over a day's plan: which card comes next, and how the counts move as
 * cards are answered. Pure: the caller passes the clock and each answer's new state.
 */
export class SessionQueue {
  #main: QueueItem[];
  #learning: { id: string; due: number }[];
  #dayEnds: number;

  constructor(plan: DailyPlan, dayEnds: number) {
    this.#main = [...plan.main];
    this.#learning = [...plan.learning];
    this.#dayEnds = dayEnds;
  }

  /** The card to show at `now`, or undefined when nothing is left for now. */
  next(now: number): { id: string; type: 'new' | 'review' | 'learning' } | undefined {
    const learningDue = this.#learning[0];
    if (learningDue && learningDue.due <= now) return { id: learningDue.id, type: 'learning' };
    const main = this.#main[0];
    if (main) return main;
    if (learningDue && learningDue.due <= now + learnAheadMs)
      return { id: learningDue.id, type: 'learning' };
    return undefined;
  }

  /** The ids of the next `count` cards of the main queue and of the learning cards, for prefetching. */
  upcoming(count: number): string[] {
    return [...this.#main.slice(0, count), ...this.#learning.slice(0, count)].map(
      (item) => item.id
    );
  }

  /** When the next learning card becomes due, if one is left for today. */
  nextLearningDue(): number | undefined {
    return this.#learning[0]?.due;
  }

  /** Records an answer: the card leaves the queue, and comes back later today if still learning. */
  answered(id: string, after: CardState | null): void {
    this.#main = this.#main.filter((item) => item.id !== id);
    this.#learning = this.#learning.filter((item) => item.id !== id);
    if (after && isLearning(after.phase) && after.due < this.#dayEnds) {
      const at = this.#learning.findIndex((item) => item.due > after.due);
      const entry = { id, due: after.due };
      if (at < 0) this.#learning.push(entry);
      else this.#learning.splice(at, 0, entry);
    }
  }

  /** Outside the schedule (studying ahead): the card leaves, or goes to the end to come again. */
  requeue(id: string, again: boolean): void {
    const item = this.#main.find((entry) => entry.id === id);
    this.#main = this.#main.filter((entry) => entry.id !== id);
    if (again && item) this.#main.push(item);
  }

  /** Puts a card back at the front, as it was before an answer that was undone. */
  restore(item: { id: string; type: 'new' | 'review' | 'learning' }, now: number): void {
    this.#main = this.#main.filter((entry) => entry.id !== item.id);
    this.#learning = this.#learning.filter((entry) => entry.id !== item.id);
    if (item.type === 'learning')
      this.#learning.unshift({ id: item.id, due: Math.min(now, this.#learning[0]?.due ?? now) });
    else this.#main.unshift({ id: item.id, type: item.type });
  }

  get counts(): QueueCounts {
    let fresh = 0;
    for (const item of this.#main) if (item.type === 'new') fresh += 1;
    return { new: fresh, learning: this.#learning.length, review: this.#main.length - fresh };
  }

  /** Whether `id` is still in the queue (main or learning). */
  has(id: string): boolean {
    return (
      this.#main.some((item) => item.id === id) || this.#learning.some((item) => item.id === id)
    );
  }

  get remaining(): number {
    return this.#main.length + this.#learning.length;
  }
}
