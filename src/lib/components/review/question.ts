import type { Rating } from '$lib/core/review/scheduler';

/** What a question answered with "Check" (choice, order) takes from the page around it. */
export interface CheckedQuestionProps<C> {
  card: C;
  checked: boolean;
  oncheck: (proposed: Rating, score: number) => void;
  /** Show right and wrong after "Check" (off during a mock drill: no hints). */
  feedback?: boolean;
}
