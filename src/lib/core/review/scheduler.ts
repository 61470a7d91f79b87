import { fsrs, type Card as FsrsCard, type FSRSState, type Grade, type StepUnit } from 'ts-fsrs';
import { Phase } from './phase';
import { dayMs, formatInterval } from './time';

export { isLearning, Phase } from './phase';

export {
  paramsFrom,
  ratingNames,
  ratings,
  type CardState,
  type Rating,
  type SchedulerParams
} from './card-state';
import { ratings, type CardState, type Rating, type SchedulerParams } from './card-state';

function toFsrs(state: CardState): FsrsCard {
  return {
    due: new Date(state.due),
    stability: state.stability,
    difficulty: state.difficulty,
    elapsed_days: state.elapsedDays,
    scheduled_days: state.scheduledDays,
    learning_steps: state.learningSteps,
    reps: state.reps,
    lapses: state.lapses,
    state: state.phase,
    ...(state.lastReview === null ? {} : { last_review: new Date(state.lastReview) })
  };
}

function fromFsrs(card: FsrsCard): CardState {
  return {
    due: card.due.getTime(),
    stability: card.stability,
    difficulty: card.difficulty,
    elapsedDays: card.elapsed_days,
    scheduledDays: card.scheduled_days,
    learningSteps: card.learning_steps,
    reps: card.reps,
    lapses: card.lapses,
    phase: card.state as Phase,
    lastReview: card.last_review ? card.last_review.getTime() : null
  };
}

/** A card never reviewed, due at `now`. */
export function newCardState(now: number): CardState {
  return {
    due: now,
    stability: 0,
    difficulty: 0,
    elapsedDays: 0,
    scheduledDays: 0,
    learningSteps: 0,
    reps: 0,
    lapses: 0,
    phase: Phase.New,
    lastReview: null
  };
}

export interface Outcome {
  rating: Rating;
  state: CardState;
  /** Time until the card is due again, as shown on its button ("10m", "4d"). */
  interval: string;
}

const engines = new Map<string, ReturnType<typeof fsrs>>();

function engine(params: SchedulerParams): ReturnType<typeof fsrs> {
  const key = JSON.stringify(params);
  let found = engines.get(key);
  if (!found) {
    found = fsrs({
      request_retention: params.retention,
      maximum_interval: params.maxIntervalDays,
      enable_fuzz: params.fuzz,
      enable_short_term: true,
      learning_steps: params.learningSteps as StepUnit[],
      relearning_steps: params.relearningSteps as StepUnit[],
      ...(params.w ? { w: params.w } : {})
    });
    engines.set(key, found);
  }
  return found;
}

/**
 * A clock that went backwards (a phone whose time was corrected) must not produce a negative
 * interval: the answer counts as given at the card's last review.
 */
function effectiveNow(state: CardState | undefined, now: number): number {
  return state?.lastReview != null && now < state.lastReview ? state.lastReview : now;
}

/** The state after answering `rating` at `now`. The one place that asks ts-fsrs for a next state. */
export function answerCard(
  params: SchedulerParams,
  state: CardState | undefined,
  rating: Rating,
  now: number
): CardState {
  const at = effectiveNow(state, now);
  const current = state ?? newCardState(at);
  const next = fromFsrs(engine(params).next(toFsrs(current), new Date(at), rating as Grade).card);
  // ts-fsrs keeps Hard < Good < Easy by pushing Good and Easy past the maximum interval;
  // the setting promises a longest gap, so it wins.
  if (next.phase === Phase.Review && next.scheduledDays > params.maxIntervalDays) {
    next.scheduledDays = params.maxIntervalDays;
    next.due = at + params.maxIntervalDays * dayMs;
  }
  return next;
}

/** What each of the four answers would do, for the rating buttons. */
export function previewOutcomes(
  params: SchedulerParams,
  state: CardState | undefined,
  now: number
): Outcome[] {
  const at = effectiveNow(state, now);
  return ratings.map((rating) => {
    const next = answerCard(params, state, rating, at);
    return { rating, state: next, interval: formatInterval(next.due - at) };
  });
}

/** Probability (0-1) of recalling the card at `now`; 0 for a card never reviewed. */
export function retrievability(
  params: SchedulerParams,
  state: CardState | undefined,
  now: number
): number {
  if (!state || state.phase === Phase.New) return 0;
  return engine(params).get_retrievability(
    toFsrs(state),
    new Date(Math.max(now, state.lastReview ?? now)),
    false
  );
}

/** One answer as the FSRS model sees it: the rating, and whole days since the previous one. */
export interface TimedRating {
  rating: Rating;
  /** Study days since the card's previous answer; 0 for its first, and within a day. */
  deltaT: number;
}

const models = new Map<string, ReturnType<typeof fsrs>>();

/** FSRS's memory model with weights `w` (the defaults when absent), short-term steps on. */
function memoryModel(w: readonly number[] | undefined): ReturnType<typeof fsrs> {
  const key = w ? w.join(',') : 'default';
  let found = models.get(key);
  if (!found) {
    found = fsrs({ enable_short_term: true, ...(w ? { w: [...w] } : {}) });
    models.set(key, found);
  }
  return found;
}

/**
 * For one card's answers in order, the probability of recall FSRS with weights `w` gave each
 * answer from the ones before it, for every answer a day or more after the previous one (the
 * answers the optimizer learns from; `undefined` for the others). What the optimizer's loss
 * is measured on.
 */
export function predictedRecalls(
  w: readonly number[] | undefined,
  answers: readonly TimedRating[]
): (number | undefined)[] {
  const model = memoryModel(w);
  let memory: FSRSState | null = null;
  return answers.map(({ rating, deltaT }) => {
    const predicted =
      memory && deltaT > 0 ? model.forgetting_curve(deltaT, memory.stability) : undefined;
    memory = model.next_state(memory, deltaT, rating);
    return predicted;
  });
}
