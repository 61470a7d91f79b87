// What the Settings page and the optimizer's worker say to each other.
import type { Fit } from '../core/optimizer/evaluate';

/** How many reviews (a day or more after a card's previous answer) training needs at least. */
export const minimumReviews = 400;

export interface HistoryRequest {
  kind: 'count' | 'train';
  dayStartsAtHour: number;
  timeZone: string;
  /** The weights in force (null: the defaults), to measure against. */
  current: number[] | null;
  /**
   * Where the optimizer's WebAssembly is. Imported as a URL by the page, so the file is one of
   * the build's assets the service worker precaches.
   */
  wasmUrl: string;
}

export type OptimizerStep = 'reading' | 'measuring' | 'training' | 'checking';

export const optimizerSteps: readonly OptimizerStep[] = [
  'reading',
  'measuring',
  'training',
  'checking'
];

export type OptimizerMessage =
  /** How much history there is: answers in the log, and the reviews training can use. */
  | { kind: 'counted'; answers: number; reviews: number; cards: number }
  | { kind: 'step'; step: OptimizerStep }
  | {
      kind: 'trained';
      weights: number[];
      current: Fit;
      fitted: Fit;
      reviews: number;
      trainingMs: number;
    }
  | { kind: 'failed'; message: string };
