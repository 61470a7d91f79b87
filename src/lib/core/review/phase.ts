// Apart from the scheduler so that pages which only read states do not load ts-fsrs.

/** A card's FSRS state, by name: 0 new, 1 learning, 2 review, 3 relearning (ts-fsrs's numbering). */
export const Phase = { New: 0, Learning: 1, Review: 2, Relearning: 3 } as const;
export type Phase = (typeof Phase)[keyof typeof Phase];

/** Learning and relearning cards come back within the day, on their steps. */
export function isLearning(phase: Phase): boolean {
  return phase === Phase.Learning || phase === Phase.Relearning;
}
