import { describe, expect, it } from 'vitest';
import { predictedRecalls } from '../review/scheduler';
import { evaluate, recallBin } from './evaluate';

describe('recallBin', () => {
  it('puts probabilities into the 20 logarithmic bins fsrs-rs uses', () => {
    const bins = Array.from({ length: 101 }, (_, i) => recallBin(i / 100));
    // fsrs-rs's own expectations for 0.00, 0.01, … 1.00 (its test_get_bin).
    expect(bins).toEqual([
      0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1,
      1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 2, 2, 2, 3, 3, 3, 3, 3, 3, 3, 4, 4, 4, 4, 4, 4, 5, 5, 5,
      5, 5, 6, 6, 6, 6, 6, 7, 7, 7, 7, 8, 8, 8, 9, 9, 9, 10, 10, 10, 11, 11, 11, 12, 12, 13, 13, 14,
      14, 14, 15, 15, 16, 17, 17, 18, 18, 19, 19
    ]);
  });
});

describe('evaluate', () => {
  it('measures each review a day or more after the previous answer, and nothing else', () => {
    const answers = [
      { rating: 3 as const, deltaT: 0 },
      { rating: 3 as const, deltaT: 0 },
      { rating: 3 as const, deltaT: 3 },
      { rating: 1 as const, deltaT: 8 }
    ];
    const [, same, recalled, forgotten] = predictedRecalls(undefined, answers);
    expect(same).toBeUndefined();
    const fit = evaluate(undefined, [{ cardId: 'a', answers }]);
    expect(fit.reviews).toBe(2);
    const p1 = recalled as number;
    const p2 = forgotten as number;
    expect(p1).toBeGreaterThan(0.5);
    expect(fit.logLoss).toBeCloseTo((-Math.log(p1) - Math.log(1 - p2)) / 2, 10);
    // Two predictions in different bins: each bin's gap is its prediction against 1 or 0.
    expect(recallBin(p1)).not.toBe(recallBin(p2));
    expect(fit.rmseBins).toBeCloseTo(Math.sqrt(((1 - p1) ** 2 + p2 ** 2) / 2), 10);
  });

  it('has nothing to say about a history with no review after a day', () => {
    const fit = evaluate(undefined, [{ cardId: 'a', answers: [{ rating: 3, deltaT: 0 }] }]);
    expect(fit.reviews).toBe(0);
    expect(fit.logLoss).toBeNaN();
  });
});
