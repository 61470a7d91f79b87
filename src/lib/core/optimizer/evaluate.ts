import { predictedRecalls } from '../review/scheduler';
import type { CardHistory } from './items';

/**
 * How well a set of FSRS weights predicts the learner's own reviews, measured the way the FSRS
 * optimizer (fsrs-rs `evaluate`) and the srs-benchmark measure it: for every review a day or
 * more after the card's previous answer, the model's probability of recall from the answers
 * before it, against whether the learner recalled it (any rating but Again). As in fsrs-rs, a
 * card's first such review is left out: it is what pre-training fits the initial stability
 * to, so only the reviews after it test the model.
 *
 * - Log loss: the mean binary cross-entropy; lower is better.
 * - RMSE (bins): predictions are put into 20 bins on a logarithmic scale of the probability,
 *   and the root of the count-weighted mean squared gap between each bin's mean prediction and
 *   its share recalled; lower is better (0.05 means predictions are about 5 points off).
 */
export interface Fit {
  logLoss: number;
  rmseBins: number;
  /** How many reviews it was measured on. */
  reviews: number;
}

const binCount = 20;
const logBase = Math.log(binCount + 1);
// Keeps a certain wrong prediction (p of exactly 0 or 1) from making the loss infinite.
const epsilon = 1e-7;

/** fsrs-rs's bin of a probability: denser near 1, where most predictions of recall fall. */
export function recallBin(p: number): number {
  return Math.min(binCount - 1, Math.max(0, Math.floor(Math.exp(p * logBase)) - 1));
}

export function evaluate(w: readonly number[] | undefined, histories: readonly CardHistory[]): Fit {
  let loss = 0;
  let reviews = 0;
  const sums = Array.from({ length: binCount }, () => ({ predicted: 0, recalled: 0, count: 0 }));
  for (const { answers } of histories) {
    const predictions = predictedRecalls(w, answers);
    predictions.forEach((p, i) => {
      if (p === undefined) return;
      const recalled = (answers[i]?.rating ?? 1) > 1 ? 1 : 0;
      const clipped = Math.min(1 - epsilon, Math.max(epsilon, p));
      loss -= recalled ? Math.log(clipped) : Math.log(1 - clipped);
      const bin = sums[recallBin(p)] as { predicted: number; recalled: number; count: number };
      bin.predicted += p;
      bin.recalled += recalled;
      bin.count += 1;
      reviews += 1;
    });
  }
  if (reviews === 0) return { logLoss: Number.NaN, rmseBins: Number.NaN, reviews };
  let squared = 0;
  for (const { predicted, recalled, count } of sums) {
    if (count > 0) squared += count * (predicted / count - recalled / count) ** 2;
  }
  return { logLoss: loss / reviews, rmseBins: Math.sqrt(squared / reviews), reviews };
}
