import { Phase } from '../review/phase';
import { answerCard, type CardState, type SchedulerParams } from '../review/scheduler';
import { dayMs } from '../review/time';

/**
 * The days after its first day on which a card comes back, answered Good each time, under the
 * learner's own scheduler parameters (learning steps on the first day are part of learning it).
 */
export function reviewDays(params: SchedulerParams, start: number, horizonDays: number): number[] {
  const days: number[] = [];
  let state: CardState | undefined;
  let at = start;
  for (let answers = 0; answers < 64; answers += 1) {
    state = answerCard(params, state, 3, at);
    at = Math.max(at, state.due);
    const day = Math.floor((at - start) / dayMs);
    if (day >= horizonDays) break;
    if (day >= 1 && days.at(-1) !== day) days.push(day);
  }
  return days;
}

export interface InterviewPlan {
  /** Study days left before the interview (today included, the day itself not). */
  days: number;
  /** Cards never studied. */
  unseen: number;
  /** New cards a day that meet every card before the interview. */
  newPerDay: number;
  /** Reviews a day that implies, on average over the days left and at the busiest day. */
  reviewsPerDay: number;
  peakReviewsPerDay: number;
}

/**
 * How to meet every card before the interview: new cards a day, and the reviews a day that
 * brings (each new card's own returns, answered Good, plus the cards already learned that fall
 * due before the date, each counted once). An estimate: misses bring more.
 * Undefined when the date is not in the future.
 */
export function interviewPlan(input: {
  states: ReadonlyMap<string, CardState>;
  cardIds: readonly string[];
  params: SchedulerParams;
  now: number;
  interview: number;
}): InterviewPlan | undefined {
  const { states, cardIds, params, now, interview } = input;
  const days = Math.ceil((interview - now) / dayMs);
  if (days < 1) return undefined;
  const load = new Array<number>(days).fill(0);
  let unseen = 0;
  for (const id of cardIds) {
    const state = states.get(id);
    if (!state || state.phase === Phase.New) unseen += 1;
    else {
      const day = Math.max(0, Math.floor((state.due - now) / dayMs));
      if (day < days) load[day] = (load[day] ?? 0) + 1;
    }
  }
  const newPerDay = Math.ceil(unseen / days);
  const returns = reviewDays(params, now, days);
  let left = unseen;
  for (let day = 0; day < days && left > 0; day += 1) {
    const fresh = Math.min(newPerDay, left);
    left -= fresh;
    for (const after of returns)
      if (day + after < days) load[day + after] = (load[day + after] ?? 0) + fresh;
  }
  const total = load.reduce((sum, count) => sum + count, 0);
  return {
    days,
    unseen,
    newPerDay,
    reviewsPerDay: Math.round(total / days),
    peakReviewsPerDay: Math.max(...load)
  };
}
