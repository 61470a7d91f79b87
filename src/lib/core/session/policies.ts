import type { ReviewMode } from '../review/log';
import { Phase } from '../review/phase';
import {
  planToday,
  type DailyPlan,
  type DeckCard,
  type QueueLimits,
  type TodaySoFar
} from '../review/queue';
import type { CardState, SchedulerParams } from '../review/scheduler';

/** What a plan is made from: the content, the stored states and today's answers so far. */
export interface PlanInput {
  deck: readonly DeckCard[];
  states: ReadonlyMap<string, CardState>;
  /** With a policy that reads the day's states (`dayStates`): the cards left out (see planToday). */
  later?: ReadonlySet<string>;
  today: TodaySoFar;
  limits: QueueLimits;
  /** When the study day ends: learning cards due later wait for tomorrow. */
  dayEnds: number;
  /** Cards put in front ("Review my misses"). */
  priority: readonly string[];
  params: SchedulerParams;
  /**
   * The probability of recalling a card at a moment (FSRS's forgetting curve), for a policy
   * that ranks cards by it (`needsRecall`). Passed in so that this module, and the review page
   * that loads it, need no FSRS code until such a session starts.
   */
  recall?: (state: CardState | undefined, at: number) => number;
  /** Lessons left out of the daily review (Settings). */
  excludedLessons?: readonly string[];
}

/**
 * What differs between the kinds of study session; everything else (the queue, answer
 * bookkeeping, undo, cards answered in another tab) is the one `StudySession`.
 */
export interface Policy {
  kind: 'daily' | 'studyNow' | 'learn' | 'prepare' | 'drill';
  /** The mode written into the log. */
  mode: ReviewMode;
  /** Whether answers move the schedule. */
  scheduled: boolean;
  /** Whether the rating buttons show the interval each would give. */
  showsIntervals: boolean;
  /**
   * What an answer does to the rest of the run. `schedule`: the card leaves, and comes back
   * later today while it is learning. `requeue-misses`: a card answered Again goes to the end.
   * `advance`: on to the next question, whatever the answer.
   */
  afterAnswer: 'schedule' | 'requeue-misses' | 'advance';
  /**
   * What an answer given in another tab does here. `replan`: the day's plan is made again from
   * the database, so the daily limits count each answer once. `drop`: the card leaves this run.
   * `ignore`: nothing (studying ahead, a drill: the run is the learner's own).
   */
  otherTabs: 'replan' | 'drop' | 'ignore';
  /**
   * Whether `plan` needs only the day's states (db/reviews `loadDayStates`): those due before
   * the day ends, those not in review, and which other cards have one. Otherwise every state.
   */
  dayStates?: boolean;
  /** Whether `plan` needs `PlanInput.recall`. */
  needsRecall?: boolean;
  plan(input: PlanInput): DailyPlan;
}

/** A fixed list of cards, in order: new where they have no state yet. */
export function fixedPlan(
  ids: readonly string[],
  states: ReadonlyMap<string, CardState>
): DailyPlan {
  const main = ids.map((id) => ({
    id,
    type: states.has(id) ? ('review' as const) : ('new' as const)
  }));
  const fresh = main.filter((item) => item.type === 'new').length;
  return { main, learning: [], counts: { new: fresh, learning: 0, review: main.length - fresh } };
}

/**
 * Today's queue: due cards, learning steps and new cards within the daily limits, new cards in
 * course order, from the lessons the learner keeps in the daily review. `extraNew` (custom
 * study, "more new cards today") raises today's new-card limit for this run; the cards it
 * brings count as today's, so the next ordinary run adds no more.
 */
export function daily(extraNew = 0): Policy {
  return {
    kind: 'daily',
    mode: 'review',
    scheduled: true,
    showsIntervals: true,
    afterAnswer: 'schedule',
    otherTabs: 'replan',
    dayStates: true,
    plan: (input) =>
      planToday(
        extraNew > 0
          ? { ...input, limits: { ...input.limits, newPerDay: input.limits.newPerDay + extraNew } }
          : input
      )
  };
}

/** Study a lesson (or one of its sections) now, in lesson order, without changing the schedule. */
export function studyNow(lesson: string, section?: string): Policy {
  return {
    kind: 'studyNow',
    mode: 'cram',
    scheduled: false,
    showsIntervals: false,
    afterAnswer: 'requeue-misses',
    otherTabs: 'ignore',
    plan: ({ deck, states }) =>
      fixedPlan(
        deck
          .filter((card) => card.lesson === lesson && (!section || card.section === section))
          .map((card) => card.id),
        states
      )
  };
}

/**
 * Learn a topic for real, right after reading it: the section's new cards, in lesson order,
 * answered as scheduled reviews (they count towards today's new cards and come back on their
 * schedule), unlike "Study now", which leaves the schedule alone. Cards already learned are not
 * asked again here; the daily review has them.
 */
export function learn(lesson: string, section?: string): Policy {
  return {
    kind: 'learn',
    mode: 'review',
    scheduled: true,
    showsIntervals: true,
    afterAnswer: 'schedule',
    otherTabs: 'drop',
    plan: ({ deck, states }) =>
      fixedPlan(
        deck
          .filter(
            (card) =>
              card.lesson === lesson &&
              (!section || card.section === section) &&
              (states.get(card.id)?.phase ?? Phase.New) === Phase.New
          )
          .map((card) => card.id),
        states
      )
  };
}

/**
 * The `limit` cards least likely to be remembered on `date`: studied cards by predicted recall,
 * lowest first, then cards never studied in course order.
 */
export function weakestOn(input: {
  cards: readonly { id: string }[];
  states: ReadonlyMap<string, CardState>;
  recall: (state: CardState | undefined, at: number) => number;
  date: number;
  limit: number;
}): string[] {
  const scored = input.cards.map((card, position) => {
    const state = input.states.get(card.id);
    const studied = !!state && state.phase !== Phase.New;
    return {
      id: card.id,
      studied,
      recall: studied ? input.recall(state, input.date) : 0,
      position
    };
  });
  scored.sort(
    (a, b) =>
      Number(b.studied) - Number(a.studied) || a.recall - b.recall || a.position - b.position
  );
  return scored.slice(0, input.limit).map((s) => s.id);
}

/** The cards least likely to be remembered on the interview date, answered as real reviews. */
export function prepare(date: number, limit: number): Policy {
  return {
    kind: 'prepare',
    mode: 'review',
    scheduled: true,
    showsIntervals: true,
    afterAnswer: 'schedule',
    otherTabs: 'drop',
    needsRecall: true,
    plan: ({ deck, states, recall }) => {
      if (!recall) throw new Error('Preparing for an interview ranks cards by recall.');
      return fixedPlan(weakestOn({ cards: deck, states, recall, date, limit }), states);
    }
  };
}

/** A mock drill over questions already chosen (see core/drill): each answered once, in order. */
export function drill(questions: readonly string[], practiceOnly: boolean): Policy {
  return {
    kind: 'drill',
    mode: 'drill',
    scheduled: !practiceOnly,
    showsIntervals: false,
    afterAnswer: 'advance',
    otherTabs: 'ignore',
    plan: ({ states }) => fixedPlan(questions, states)
  };
}
