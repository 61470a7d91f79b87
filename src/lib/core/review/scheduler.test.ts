import { describe, expect, it } from 'vitest';
import {
  answerCard,
  newCardState,
  paramsFrom,
  previewOutcomes,
  ratings,
  retrievability,
  type CardState,
  type Rating,
  type SchedulerParams
} from './scheduler';
import { defaultSettings, type ReviewSettings } from './settings';
import { dayMs, hourMs, minuteMs } from './time';

const start = Date.UTC(2026, 0, 5, 9);

function params(overrides: Partial<ReviewSettings> = {}): SchedulerParams {
  return paramsFrom({ ...defaultSettings, fuzz: false, ...overrides });
}

const plain = params();

/** A new card answered Good twice, at each due time: now in review, due two days later. */
function reviewCard(using: SchedulerParams = plain): CardState {
  const learning = answerCard(using, undefined, 3, start);
  return answerCard(using, learning, 3, learning.due);
}

/** A review card answered Good once more at its due time (about 11 days of stability). */
function matureCard(): CardState {
  const card = reviewCard();
  return answerCard(plain, card, 3, card.due);
}

describe('paramsFrom', () => {
  it('copies the settings that matter for scheduling', () => {
    const settings = { ...defaultSettings };
    const made = paramsFrom(settings);
    expect(made).toEqual({
      retention: 0.9,
      maxIntervalDays: 36500,
      learningSteps: ['1m', '10m'],
      relearningSteps: ['10m'],
      fuzz: true
    });
    expect(made.learningSteps).not.toBe(settings.learningSteps);
  });
});

describe('newCardState', () => {
  it('is a new card due now', () => {
    expect(newCardState(start)).toEqual({
      due: start,
      stability: 0,
      difficulty: 0,
      elapsedDays: 0,
      scheduledDays: 0,
      learningSteps: 0,
      reps: 0,
      lapses: 0,
      phase: 0,
      lastReview: null
    });
  });
});

describe('answerCard on a new card', () => {
  it('orders and labels the four outcomes', () => {
    const outcomes = previewOutcomes(plain, undefined, start);
    expect(outcomes.map((o) => o.rating)).toEqual([1, 2, 3, 4]);
    expect(outcomes.map((o) => o.interval)).toEqual(['1m', '6m', '10m', '8d']);
    expect(outcomes.map((o) => o.state.phase)).toEqual([1, 1, 1, 2]);
    const dues = outcomes.map((o) => o.state.due);
    for (let k = 1; k < dues.length; k += 1) {
      expect(dues[k]).toBeGreaterThanOrEqual(dues[k - 1]!);
    }
    expect(dues[0]).toBe(start + minuteMs);
    expect(dues[2]).toBe(start + 10 * minuteMs);
    expect(dues[3]).toBe(start + 8 * dayMs);
  });

  it('treats an undefined state and a fresh new state alike', () => {
    for (const rating of ratings) {
      expect(answerCard(plain, newCardState(start), rating, start)).toEqual(
        answerCard(plain, undefined, rating, start)
      );
    }
  });

  it('records the review and counts it', () => {
    const after = answerCard(plain, undefined, 3, start);
    expect(after).toMatchObject({ phase: 1, reps: 1, lapses: 0, lastReview: start });
    expect(after.stability).toBeGreaterThan(0);
    expect(after.difficulty).toBeGreaterThan(0);
  });

  it('graduates to review after Good twice', () => {
    const first = answerCard(plain, undefined, 3, start);
    expect(first.phase).toBe(1);
    const second = answerCard(plain, first, 3, first.due);
    expect(second).toMatchObject({ phase: 2, reps: 2, lapses: 0, scheduledDays: 2 });
    expect(second.lastReview).toBe(first.due);
    expect(second.due).toBe(first.due + 2 * dayMs);
  });

  it('follows custom learning steps', () => {
    const steps = params({ learningSteps: ['5m', '1h', '1d'] });
    expect(previewOutcomes(steps, undefined, start).map((o) => o.interval)).toEqual([
      '5m',
      '33m',
      '1h',
      '8d'
    ]);
  });
});

describe('answerCard on a review card', () => {
  it('counts a lapse and moves to relearning on Again', () => {
    const card = reviewCard();
    const after = answerCard(plain, card, 1, card.due);
    expect(card.lapses).toBe(0);
    expect(after).toMatchObject({ phase: 3, lapses: 1, reps: 3 });
    expect(after.due).toBe(card.due + 10 * minuteMs);
    expect(after.stability).toBeLessThan(card.stability);
  });

  it('returns to review after the relearning step', () => {
    const card = reviewCard();
    const lapsed = answerCard(plain, card, 1, card.due);
    const back = answerCard(plain, lapsed, 3, lapsed.due);
    expect(back.phase).toBe(2);
    expect(back.lapses).toBe(1);
    expect(back.due).toBeGreaterThanOrEqual(back.lastReview! + dayMs);
  });

  it('orders the four outcomes', () => {
    const card = matureCard();
    const outcomes = previewOutcomes(plain, card, card.due);
    expect(outcomes.map((o) => o.interval)).toEqual(['10m', '1.1mo', '1.5mo', '2.6mo']);
    const dues = outcomes.map((o) => o.state.due);
    for (let k = 1; k < dues.length; k += 1) {
      expect(dues[k]).toBeGreaterThan(dues[k - 1]!);
    }
  });

  it('gives a shorter interval for a higher desired retention', () => {
    const card = reviewCard();
    const days = (retention: number) =>
      answerCard(params({ desiredRetention: retention }), card, 3, card.due).scheduledDays;
    expect(days(0.8)).toBe(36);
    expect(days(0.9)).toBe(11);
    expect(days(0.97)).toBe(3);
    expect(days(0.97)).toBeLessThan(days(0.8));
  });

  it('caps the interval at maximumIntervalDays', () => {
    const capped = params({ maximumIntervalDays: 5 });
    const card = matureCard();
    expect(answerCard(plain, card, 2, card.due).scheduledDays).toBeGreaterThan(5);
    const hard = answerCard(capped, card, 2, card.due);
    expect(hard.scheduledDays).toBe(5);
    expect(hard.due).toBe(card.due + 5 * dayMs);
    // A new card's Easy goes straight to review: 8 days uncapped, 1 day with a cap of 1.
    const easy = answerCard(params({ maximumIntervalDays: 1 }), undefined, 4, start);
    expect(easy.scheduledDays).toBe(1);
    expect(easy.due).toBe(start + dayMs);
  });

  // ts-fsrs keeps Hard < Good < Easy by pushing Good to Hard + 1 and Easy to Good + 1 after
  // capping, so once Hard reaches the cap, Good and Easy would go past it (5d, 6d, 7d with a
  // cap of 5 days). The wrapper clamps them again.
  it('never schedules past maximumIntervalDays, whatever the answer', () => {
    const capped = params({ maximumIntervalDays: 5 });
    const card = matureCard();
    const days = previewOutcomes(capped, card, card.due).map((o) => o.state.scheduledDays);
    expect(Math.max(...days)).toBeLessThanOrEqual(5);
  });
});

describe('retrievability', () => {
  it('is 0 for a card never reviewed', () => {
    expect(retrievability(plain, undefined, start)).toBe(0);
    expect(retrievability(plain, newCardState(start), start + dayMs)).toBe(0);
  });

  it('is about the desired retention when a review card falls due', () => {
    const card = matureCard();
    expect(retrievability(plain, card, card.due)).toBeCloseTo(0.9, 2);
    const strict = params({ desiredRetention: 0.8 });
    const loose = answerCard(strict, reviewCard(strict), 3, reviewCard(strict).due);
    expect(retrievability(strict, loose, loose.due)).toBeCloseTo(0.8, 2);
  });

  it('falls over time from 1 at the last review', () => {
    const card = matureCard();
    const at = [0, 1, 5, 11, 30, 365].map((days) => card.lastReview! + days * dayMs);
    const values = at.map((now) => retrievability(plain, card, now));
    expect(values[0]).toBe(1);
    for (let k = 1; k < values.length; k += 1) {
      expect(values[k]).toBeLessThan(values[k - 1]!);
      expect(values[k]).toBeGreaterThan(0);
    }
  });

  it('does not go above 1 when the clock reads before the last review', () => {
    const card = matureCard();
    expect(retrievability(plain, card, card.lastReview! - 5 * hourMs)).toBe(1);
  });
});

describe('a clock that goes backwards', () => {
  const cases: [string, () => CardState][] = [
    ['learning', () => answerCard(plain, undefined, 3, start)],
    ['review', matureCard],
    ['relearning', () => answerCard(plain, matureCard(), 1, matureCard().due)]
  ];

  describe.each(cases)('on a %s card', (_name, make) => {
    it('never moves the due date before the last review', () => {
      const card = make();
      const last = card.lastReview!;
      for (const back of [1, 10 * minuteMs, 2 * hourMs, 3 * dayMs]) {
        for (const rating of ratings) {
          const after = answerCard(plain, card, rating, last - back);
          expect(after.lastReview).toBeGreaterThanOrEqual(last);
          expect(after.due).toBeGreaterThanOrEqual(after.lastReview!);
          expect(after.due).toBeGreaterThanOrEqual(last);
          expect(after.elapsedDays).toBeGreaterThanOrEqual(0);
          expect(after.scheduledDays).toBeGreaterThanOrEqual(0);
        }
      }
    });

    it('never labels a button with a negative interval', () => {
      const card = make();
      const outcomes = previewOutcomes(plain, card, card.lastReview! - 2 * hourMs);
      for (const { interval } of outcomes) {
        expect(interval).toMatch(/^\d+(\.\d)?(m|h|d|mo|y)$/);
      }
    });

    it('answers as if given at the last review', () => {
      const card = make();
      for (const rating of ratings) {
        expect(answerCard(plain, card, rating, card.lastReview! - hourMs)).toEqual(
          answerCard(plain, card, rating, card.lastReview!)
        );
      }
    });
  });
});

describe('fuzz', () => {
  const fuzzy = params({ fuzz: true });

  it('gives the same result for the same inputs', () => {
    const card = matureCard();
    const now = card.due + 3 * dayMs + 17 * minuteMs;
    for (const rating of ratings) {
      expect(answerCard(fuzzy, card, rating, now)).toEqual(answerCard(fuzzy, card, rating, now));
    }
    expect(previewOutcomes(fuzzy, card, now)).toEqual(previewOutcomes(fuzzy, card, now));
  });

  it('gives the same chain of states when a history is answered again', () => {
    const run = () => {
      const seen: CardState[] = [];
      let card: CardState | undefined;
      let now = start;
      const answers: Rating[] = [3, 3, 3, 2, 3, 1, 3, 4, 3];
      for (const rating of answers) {
        card = answerCard(fuzzy, card, rating, now);
        seen.push(card);
        now = card.due + 7 * hourMs;
      }
      return seen;
    };
    expect(run()).toEqual(run());
  });

  it('does move some intervals away from the unfuzzed ones', () => {
    const card = matureCard();
    let differ = 0;
    for (let hour = 0; hour < 48; hour += 1) {
      const now = card.due + hour * hourMs;
      if (answerCard(fuzzy, card, 3, now).due !== answerCard(plain, card, 3, now).due) differ += 1;
    }
    expect(differ).toBeGreaterThan(0);
  });
});

describe('fitted FSRS weights', () => {
  const fitted = [
    0.1, 0.5, 1.2, 3.2, 6.5, 0.6, 3.0, 0.01, 1.7, 0.2, 0.6, 1.4, 0.1, 0.2, 1.5, 0.65, 1.6, 0.4,
    0.01, 0.01, 0.47
  ];

  it('are recorded in the params only when set, so rows without them mean the defaults', () => {
    expect(paramsFrom(defaultSettings)).not.toHaveProperty('w');
    expect(paramsFrom({ ...defaultSettings, weights: fitted }).w).toEqual(fitted);
  });

  it('change the intervals the scheduler gives', () => {
    const plain = paramsFrom({ ...defaultSettings, fuzz: false });
    const own = paramsFrom({ ...defaultSettings, fuzz: false, weights: fitted });
    const at = Date.UTC(2026, 2, 2, 9);
    // Easy on a new card graduates it at once; both schedulers then preview the same state.
    const learned = answerCard(plain, undefined, 4, at);
    const shown = (params: SchedulerParams) =>
      previewOutcomes(params, learned, learned.due)
        .map((o) => o.interval)
        .join(' ');
    expect(shown(own)).not.toBe(shown(plain));
  });
});
