import { describe, expect, it } from 'vitest';
import {
  differingStates,
  makeEntry,
  replayHistory,
  type ReviewEntry,
  type ReviewMode
} from './log';
import { paramsFrom, type CardState, type Rating, type SchedulerParams } from './scheduler';
import { defaultSettings } from './settings';
import { seededRandom } from './shuffle';
import { dayMs, hourMs, minuteMs } from './time';

const start = Date.UTC(2026, 0, 5, 7);
const fuzzOn = paramsFrom({ ...defaultSettings, fuzz: true });

interface Simulation {
  entries: ReviewEntry[];
  stored: Map<string, CardState>;
}

/**
 * A learner over 180 days: answers due cards, some new ones, some not yet due; studies ahead
 * now and then (cram, unscheduled); changes settings twice; and has a phone whose clock is
 * sometimes corrected backwards. States are kept the way the app keeps them: from each
 * entry's `after` when the answer was scheduled.
 */
function simulate(seed: number, total = 1000, days = 180, cards = 60): Simulation {
  const random = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const ids = Array.from({ length: cards }, (_, k) => `card-${k}`);
  const unseen = [...ids];
  const entries: ReviewEntry[] = [];
  const stored = new Map<string, CardState>();
  let params: SchedulerParams = fuzzOn;

  for (let day = 0; day < days; day += 1) {
    if (day === 45) params = { ...params, retention: 0.85 };
    if (day === 90) params = { ...params, retention: 0.92 };
    if (day === 120)
      params = { ...params, learningSteps: ['2m', '15m', '1h'], relearningSteps: ['5m', '20m'] };
    if (day === 150) params = { ...params, maxIntervalDays: 30 };

    const quota = Math.round((total - entries.length) / (days - day));
    let clock = start + day * dayMs + Math.floor(random() * 6 * hourMs);
    for (let k = 0; k < quota; k += 1) {
      clock += 5_000 + Math.floor(random() * 12 * minuteMs);
      // The phone's clock is corrected by 15 minutes to 2 hours, and the learner carries on
      // with the card just answered: this answer is now timed before its last review.
      const rewound = entries.length > 0 && random() < 0.03;
      if (rewound) clock -= 15 * minuteMs + Math.floor(random() * 105 * minuteMs);

      const due = ids.filter((id) => (stored.get(id)?.due ?? Infinity) <= clock);
      const roll = random();
      let cardId: string;
      if (rewound) cardId = entries[entries.length - 1]!.cardId;
      else if (due.length > 0 && roll < 0.7) cardId = pick(due);
      else if (unseen.length > 0 && roll < 0.85) cardId = unseen.shift()!;
      else cardId = pick(ids);

      const scheduled = random() >= 0.08;
      const mode: ReviewMode = scheduled ? (random() < 0.1 ? 'drill' : 'review') : 'cram';
      const ratingRoll = random();
      const rating: Rating =
        ratingRoll < 0.15 ? 1 : ratingRoll < 0.3 ? 2 : ratingRoll < 0.9 ? 3 : 4;
      const entry = makeEntry({
        cardId,
        rating,
        now: clock,
        durationMs: 1_000 + random() * 20_000,
        mode,
        scheduled,
        params,
        before: stored.get(cardId)
      });
      entries.push(entry);
      if (entry.scheduled && entry.after) stored.set(cardId, entry.after);
    }
  }
  return { entries, stored };
}

describe('replayHistory', () => {
  it('rebuilds exactly the stored states from 1,000 answers over 180 days', () => {
    const { entries, stored } = simulate(20260105);

    // The simulation covers what it claims to.
    expect(entries).toHaveLength(1000);
    expect(new Set(entries.map((e) => e.cardId)).size).toBe(60);
    const last = entries[entries.length - 1]!;
    expect(last.reviewedAt - entries[0]!.reviewedAt).toBeGreaterThan(178 * dayMs);
    expect(new Set(entries.map((e) => JSON.stringify(e.params))).size).toBe(5);
    expect(entries.every((e) => e.params.fuzz)).toBe(true);
    const unscheduled = entries.filter((e) => !e.scheduled);
    expect(unscheduled.length).toBeGreaterThan(30);
    expect(unscheduled.every((e) => e.mode === 'cram')).toBe(true);
    const backwards = entries.filter(
      (e) => e.before?.lastReview != null && e.reviewedAt < e.before.lastReview
    );
    expect(backwards.length).toBeGreaterThan(10);
    const notDue = entries.filter((e) => e.before !== null && e.reviewedAt < e.before.due);
    expect(notDue.length).toBeGreaterThan(50);
    const phases = new Set([...stored.values()].map((s) => s.phase));
    expect(phases.has(2)).toBe(true);
    expect(entries.some((e) => e.after?.phase === 3)).toBe(true);

    // What the log would hold after a round trip through storage.
    const reloaded = structuredClone(entries);
    expect(replayHistory(reloaded)).toStrictEqual(stored);
  });

  it('rebuilds exactly for other seeds too', () => {
    for (const seed of [1, 42, 987654321]) {
      const { entries, stored } = simulate(seed, 300, 60, 25);
      expect(replayHistory(entries)).toStrictEqual(stored);
    }
  });

  it('matches each entry’s after state when replayed step by step', () => {
    const { entries } = simulate(7, 200, 40, 20);
    const scheduled = entries.filter((e) => e.scheduled);
    for (let k = 0; k < scheduled.length; k += 1) {
      const entry = scheduled[k]!;
      const states = replayHistory(scheduled.slice(0, k + 1));
      expect(states.get(entry.cardId)).toStrictEqual(entry.after);
    }
  });

  it('ignores unscheduled entries', () => {
    const entry = (
      cardId: string,
      rating: Rating,
      now: number,
      scheduled: boolean,
      before: CardState | undefined
    ) =>
      makeEntry({
        cardId,
        rating,
        now,
        durationMs: 4000,
        mode: scheduled ? 'review' : 'cram',
        scheduled,
        params: fuzzOn,
        before
      });
    const first = entry('a', 3, start, true, undefined);
    const cram = entry('a', 1, start + 2 * minuteMs, false, first.after!);
    const second = entry('a', 3, start + 15 * minuteMs, true, first.after!);
    const onlyCram = entry('b', 1, start + 20 * minuteMs, false, undefined);

    const all = replayHistory([first, cram, second, onlyCram]);
    expect(all).toStrictEqual(replayHistory([first, second]));
    expect(all.get('a')).toStrictEqual(second.after);
    expect(all.has('b')).toBe(false);
  });

  it('returns an empty map for an empty log', () => {
    expect(replayHistory([]).size).toBe(0);
  });
});

describe('makeEntry', () => {
  const base = {
    cardId: 'a',
    rating: 1 as Rating,
    now: start,
    durationMs: 2500,
    params: fuzzOn
  };

  it('leaves the state exactly as it was when the answer is not scheduled', () => {
    const before = makeEntry({
      ...base,
      rating: 3,
      mode: 'review',
      scheduled: true,
      before: undefined
    }).after!;
    const cram = makeEntry({ ...base, mode: 'cram', scheduled: false, before });
    expect(cram.after).toBe(cram.before);
    expect(cram.after).toBe(before);
    expect(cram).toMatchObject({ scheduled: false, mode: 'cram', rating: 1 });
  });

  it('keeps a never-scheduled card at null when the answer is not scheduled', () => {
    const cram = makeEntry({ ...base, mode: 'cram', scheduled: false, before: undefined });
    expect(cram.before).toBeNull();
    expect(cram.after).toBeNull();
  });

  it('records a scheduled answer with its before and after states', () => {
    const entry = makeEntry({
      ...base,
      rating: 3,
      mode: 'review',
      scheduled: true,
      before: undefined
    });
    expect(entry).toMatchObject({
      cardId: 'a',
      rating: 3,
      reviewedAt: start,
      durationMs: 2500,
      mode: 'review',
      scheduled: true,
      before: null
    });
    expect(entry.after).toMatchObject({ phase: 1, reps: 1, lastReview: start });
    expect(entry.params).toEqual(fuzzOn);
  });

  it('rounds the duration and never stores a negative one', () => {
    const at = (durationMs: number) =>
      makeEntry({ ...base, durationMs, mode: 'review', scheduled: true, before: undefined })
        .durationMs;
    expect(at(1234.6)).toBe(1235);
    expect(at(-50)).toBe(0);
  });
});

describe('differingStates', () => {
  it('finds nothing when the cache is what replay gives', () => {
    const { entries, stored } = simulate(7, 300, 60, 20);
    expect(differingStates(stored, replayHistory(entries))).toEqual([]);
  });

  it('names a changed, a missing and an orphaned state', () => {
    const { entries, stored } = simulate(8, 300, 60, 20);
    const replayed = replayHistory(entries);
    const [changed, missing] = [...replayed.keys()];
    const cache = new Map(stored);
    cache.set(changed!, { ...cache.get(changed!)!, due: cache.get(changed!)!.due + dayMs });
    cache.delete(missing!);
    cache.set('no-history', replayed.get(changed!)!);
    expect(differingStates(cache, replayed).sort()).toEqual(
      [changed!, missing!, 'no-history'].sort()
    );
  });
});
