import { describe, expect, it } from 'vitest';
import { answerCard } from '../review/scheduler';
import { testParams as params, testStart as now } from '../../test/factories';
import { interviewPlan, reviewDays } from './plan';

const day = 86_400_000;
const ids = Array.from({ length: 100 }, (_, i) => `card-${i}`);

describe('reviewDays', () => {
  it('brings a card answered Good back on later days, further apart each time', () => {
    const days = reviewDays(params, now, 120);
    expect(days.length).toBeGreaterThanOrEqual(3);
    expect(days[0]).toBeGreaterThanOrEqual(1);
    const gaps = days.map((d, i) => d - (days[i - 1] ?? 0));
    for (let i = 1; i < gaps.length; i += 1) expect(gaps[i]).toBeGreaterThanOrEqual(gaps[i - 1]!);
    expect(days.at(-1)).toBeLessThan(120);
  });
});

describe('interviewPlan', () => {
  it('spreads every unseen card over the days left, and counts the reviews they bring', () => {
    const plan = interviewPlan({
      states: new Map(),
      cardIds: ids,
      params,
      now,
      interview: now + 10 * day
    });
    expect(plan).toMatchObject({ days: 10, unseen: 100, newPerDay: 10 });
    // Ten new cards a day, each back on its review days within the ten: the load by hand.
    const returns = reviewDays(params, now, 10);
    let total = 0;
    let peak = 0;
    for (let d = 0; d < 10; d += 1) {
      const count = returns.filter((after) => after <= d && d - after < 10).length * 10;
      total += count;
      peak = Math.max(peak, count);
    }
    expect(plan!.reviewsPerDay).toBe(Math.round(total / 10));
    expect(plan!.peakReviewsPerDay).toBe(peak);
    expect(plan!.reviewsPerDay).toBeGreaterThan(0);
  });

  it('rounds new cards a day up, and counts learned cards falling due before the date', () => {
    // Thirty learned cards, all due tomorrow.
    const learned = { ...answerCard(params, undefined, 4, now - day), due: now + day + 1000 };
    const states = new Map(ids.slice(0, 30).map((id) => [id, learned]));
    const plan = interviewPlan({ states, cardIds: ids, params, now, interview: now + 3 * day })!;
    expect(plan).toMatchObject({ days: 3, unseen: 70, newPerDay: 24 });
    const fresh = [24, 24, 22];
    const returns = reviewDays(params, now, 3);
    const load = [0, 30, 0];
    fresh.forEach((count, d) => {
      for (const after of returns) if (d + after < 3) load[d + after]! += count;
    });
    expect(plan.reviewsPerDay).toBe(Math.round((load[0]! + load[1]! + load[2]!) / 3));
    expect(plan.peakReviewsPerDay).toBe(Math.max(...load));
    expect(plan.peakReviewsPerDay).toBeGreaterThanOrEqual(30);
  });

  it('gives no plan for a date today or past', () => {
    expect(
      interviewPlan({ states: new Map(), cardIds: ids, params, now, interview: now })
    ).toBeUndefined();
    expect(
      interviewPlan({ states: new Map(), cardIds: ids, params, now, interview: now - day })
    ).toBeUndefined();
  });
});
