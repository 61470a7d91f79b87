import { Phase, retrievability, type CardState, type SchedulerParams } from '../review/scheduler';

/**
 * An interview date as typed ("2027-01-15") made into the instant readiness is judged at: noon
 * on that day, local time. The one place that does this; undefined for anything else.
 */
export function interviewInstant(date: string): number | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return undefined;
  const at = Date.parse(`${date}T12:00:00`);
  return Number.isNaN(at) ? undefined : at;
}

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

/** The `limit` cards with the lowest predicted recall on the date: studied cards first, then new ones. */
export function weakestOn(input: {
  cards: readonly { id: string }[];
  states: ReadonlyMap<string, CardState>;
  params: SchedulerParams;
  date: number;
  limit: number;
}): string[] {
  const scored = input.cards.map((card, position) => {
    const state = input.states.get(card.id);
    const studied = !!state && state.phase !== Phase.New;
    return {
      id: card.id,
      studied,
      recall: studied ? retrievability(input.params, state, input.date) : 0,
      position
    };
  });
  scored.sort(
    (a, b) =>
      Number(b.studied) - Number(a.studied) || a.recall - b.recall || a.position - b.position
  );
  return scored.slice(0, input.limit).map((s) => s.id);
}
