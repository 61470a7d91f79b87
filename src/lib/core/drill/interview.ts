import { retrievability, type CardState, type SchedulerParams } from '../review/scheduler';

export { interviewInstant } from './interview-date';

export interface TopicReadiness {
  topic: string;
  cards: number;
  /** Mean predicted recall on the interview date, 0-1 (cards never studied count as 0). */
  recall: number;
  /** Cards whose predicted recall on that date is below the desired retention. */
  below: number;
}

/**
 * Predicted recall per topic on the interview date, from each card's FSRS state and the
 * forgetting curve, and how many cards will have dropped below the desired retention by then.
 */
export function readinessOn(input: {
  cards: readonly { id: string; topic: string }[];
  states: ReadonlyMap<string, CardState>;
  params: SchedulerParams;
  date: number;
}): TopicReadiness[] {
  const byTopic = new Map<string, TopicReadiness>();
  for (const card of input.cards) {
    const entry = byTopic.get(card.topic) ?? { topic: card.topic, cards: 0, recall: 0, below: 0 };
    const recall = retrievability(input.params, input.states.get(card.id), input.date);
    entry.cards += 1;
    entry.recall += recall;
    if (recall < input.params.retention) entry.below += 1;
    byTopic.set(card.topic, entry);
  }
  return [...byTopic.values()].map((t) => ({
    ...t,
    recall: t.cards === 0 ? 0 : t.recall / t.cards
  }));
}
