import type { QuestionResponse } from '$lib/core/drill/drill';
import type { Rating } from '$lib/core/review/scheduler';

/** What a question answered with "Check" (choice, order) takes from the page around it. */
export interface CheckedQuestionProps<C> {
  card: C;
  checked: boolean;
  /** "Check" pressed: the proposed rating, the score 0-1 and what the learner answered. */
  oncheck: (proposed: Rating, score: number, response: QuestionResponse) => void;
  /** Show right and wrong after "Check" (off during a mock drill: no hints). */
  feedback?: boolean;
}
