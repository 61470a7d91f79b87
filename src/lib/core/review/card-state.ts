import type { ReviewSettings } from './settings';
import type { Phase } from './phase';

// The scheduler's plain data: what a card's state and an answer's parameters are, with no FSRS
// code behind them. Pages that only read states (the today page, the first card on /review)
// import these from here, and ts-fsrs loads only where an answer is computed (scheduler.ts).

/** The four answers: 1 Again, 2 Hard, 3 Good, 4 Easy (ts-fsrs's numbering). */
export type Rating = 1 | 2 | 3 | 4;
export const ratings: readonly Rating[] = [1, 2, 3, 4];
export const ratingNames: Record<Rating, 'Again' | 'Hard' | 'Good' | 'Easy'> = {
  1: 'Again',
  2: 'Hard',
  3: 'Good',
  4: 'Easy'
};

/** A card's scheduling state, as stored: plain numbers, times in epoch ms. */
export interface CardState {
  due: number;
  stability: number;
  difficulty: number;
  elapsedDays: number;
  scheduledDays: number;
  learningSteps: number;
  reps: number;
  lapses: number;
  phase: Phase;
  lastReview: number | null;
}

/** The scheduler parameters in force for one answer; stored with it so replay can repeat it. */
export interface SchedulerParams {
  retention: number;
  maxIntervalDays: number;
  learningSteps: string[];
  relearningSteps: string[];
  fuzz: boolean;
  /** The FSRS weights (21 numbers) fitted by the optimizer; absent: FSRS's defaults. */
  w?: number[];
}

export function paramsFrom(settings: ReviewSettings): SchedulerParams {
  return {
    retention: settings.desiredRetention,
    maxIntervalDays: settings.maximumIntervalDays,
    learningSteps: [...settings.learningSteps],
    relearningSteps: [...settings.relearningSteps],
    fuzz: settings.fuzz,
    // Left out for the defaults, so rows stay as small as before and old rows mean the same.
    ...(settings.weights ? { w: [...settings.weights] } : {})
  };
}
