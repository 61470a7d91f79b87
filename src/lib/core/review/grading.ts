import type { Rating } from './scheduler';

/** The suggested rating for a scenario from the share of key points the learner covered. */
export function proposeFromShare(covered: number, total: number): Rating {
  if (total <= 0) return 3;
  const share = covered / total;
  if (share < 0.5) return 1;
  if (share < 0.8) return 2;
  return 3;
}

/**
 * The suggested rating for an ordering question: all in place is Good, at least half of the
 * steps in their right place is Hard, less is Again.
 */
export function proposeFromOrder(answer: readonly number[]): Rating {
  const inPlace = answer.filter((step, position) => step === position).length;
  if (inPlace === answer.length) return 3;
  return inPlace * 2 >= answer.length ? 2 : 1;
}
