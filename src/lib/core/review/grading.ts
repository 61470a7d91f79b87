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

/** A learner's answer to a question graded on reasoning, as the question component saw it. */
export type QuestionResponse =
  /** The options picked, and the options that are right (indexes into the card's options). */
  | { kind: 'choice'; picked: readonly number[]; correct: readonly number[] }
  /** How many of the key points the learner ticked as covered. */
  | { kind: 'scenario'; covered: number; total: number }
  /** The steps in the order given, as indexes of the right order. */
  | { kind: 'order'; answer: readonly number[] };

export interface Graded {
  /** 0-1: all right is 1. Drills score topics by it. */
  score: number;
  /** The rating the app suggests. */
  proposed: Rating;
}

/** The one grading of choice, scenario and order answers, for review and drills alike. */
export function grade(response: QuestionResponse): Graded {
  switch (response.kind) {
    case 'choice': {
      const correct = new Set(response.correct);
      const allRight =
        response.picked.length === correct.size && response.picked.every((i) => correct.has(i));
      return { score: allRight ? 1 : 0, proposed: allRight ? 3 : 1 };
    }
    case 'scenario': {
      const score = response.total > 0 ? response.covered / response.total : 1;
      return { score, proposed: proposeFromShare(response.covered, response.total) };
    }
    case 'order': {
      const { answer } = response;
      const inPlace = answer.filter((step, position) => step === position).length;
      const score = answer.length === 0 ? 0 : inPlace / answer.length;
      return { score, proposed: proposeFromOrder(answer) };
    }
  }
}
