import { describe, expect, it } from 'vitest';
import { deckCard, logRow, testParams } from '../../test/factories';
import type { CardMarks } from '../review/events';
import { noMarks } from '../review/events';
import type { ReviewEntry } from '../review/log';
import { Phase } from '../review/phase';
import { newCardState, retrievability, type CardState, type Rating } from '../review/scheduler';
import { dayMs, hourMs, studyDayStart } from '../review/time';
import {
  addRecallNow,
  distributions,
  dueForecast,
  leeches,
  stateCounts,
  topicMastery,
  type CardFacts
} from './cards';
import { dayGrid, dayIndexOf, weekdayOf } from './days';
import { cardFigures, historyFigures } from './figures';
import { cardMask } from './filter';
import { activity, buttonShares, measured, predicted, retention } from './history';
import { journeyLesson, stageMastery } from './journey';
import { addAnswers, AnswerKind, answerKind, emptyLogColumns } from './log-columns';

// "Now": 10:00 UTC on Wednesday 15 April 2026. Day start 4 am.
const now = Date.UTC(2026, 3, 15, 10);
const startHour = 4;
const utc = 'UTC';

const cards = [
  deckCard('a', { lesson: 'one', section: 's1' }),
  deckCard('b', { lesson: 'one', section: 's1' }),
  deckCard('c', { lesson: 'one', section: 's2' }),
  deckCard('d', { lesson: 'two', section: 't1' })
];
const cardIndex = new Map(cards.map((card, i) => [card.id, i]));

function reviewState(overrides: Partial<CardState> = {}): CardState {
  return {
    ...newCardState(now - 10 * dayMs),
    phase: Phase.Review,
    stability: 10,
    difficulty: 5,
    scheduledDays: 10,
    reps: 5,
    lastReview: now - 10 * dayMs,
    due: now,
    ...overrides
  };
}

function answer(
  cardId: string,
  at: number,
  rating: Rating,
  before?: CardState,
  extra: { scheduled?: boolean } = {}
): ReviewEntry {
  return logRow({ cardId, rating, now: at, before, ...extra });
}

describe('dayGrid', () => {
  it('puts an answer before the day-start hour on the day before', () => {
    const grid = dayGrid(now, startHour, utc, 3);
    expect(grid.days).toEqual(['2026-04-13', '2026-04-14', '2026-04-15']);
    expect(grid.starts).toHaveLength(4);
    expect(grid.starts[2]).toBe(Date.UTC(2026, 3, 15, 4));
    // 03:59 on the 15th is still the 14th's study day; 04:00 is the 15th's.
    expect(dayIndexOf(grid, Date.UTC(2026, 3, 15, 3, 59))).toBe(1);
    expect(dayIndexOf(grid, Date.UTC(2026, 3, 15, 4))).toBe(2);
    expect(dayIndexOf(grid, Date.UTC(2026, 3, 13, 3))).toBe(-1);
    expect(dayIndexOf(grid, Date.UTC(2026, 3, 16, 4))).toBe(-1);
  });

  it('follows a daylight-saving change: the day holding it is 23 hours long', () => {
    // Europe/Berlin moved to summer time at 02:00 on 29 March 2026.
    const grid = dayGrid(Date.UTC(2026, 3, 2, 12), startHour, 'Europe/Berlin', 10);
    grid.days.forEach((day, i) => {
      const start = grid.starts[i] as number;
      expect(start).toBe(studyDayStart(start + hourMs, startHour, 'Europe/Berlin'));
    });
    const lengths = grid.days.map(
      (_, i) => (grid.starts[i + 1] as number) - (grid.starts[i] as number)
    );
    expect(lengths.filter((n) => n === 23 * hourMs)).toHaveLength(1);
    expect(lengths.filter((n) => n === 24 * hourMs)).toHaveLength(9);
    expect(grid.days[lengths.indexOf(23 * hourMs)]).toBe('2026-03-28');
  });

  it('names weekdays from Monday', () => {
    expect(weekdayOf('2026-04-13')).toBe(0);
    expect(weekdayOf('2026-04-19')).toBe(6);
  });
});

describe('reviews per day', () => {
  const log = [
    answer('a', Date.UTC(2026, 3, 14, 22), 3),
    // 02:00 on the 15th: the 14th's study day in UTC.
    answer('b', Date.UTC(2026, 3, 15, 2), 3),
    answer('c', Date.UTC(2026, 3, 15, 9), 1),
    answer('d', Date.UTC(2026, 3, 1, 12), 4),
    // A card no longer in the deck: its history is hidden.
    answer('gone', Date.UTC(2026, 3, 15, 9), 3)
  ];

  it('counts answers and time per study day, and the days studied', () => {
    const grid = dayGrid(now, startHour, utc, 365);
    const columns = addAnswers(emptyLogColumns(2), log, cardIndex, grid);
    expect(columns.length).toBe(4);
    const result = activity(columns, grid, undefined);
    expect(result.days).toHaveLength(365);
    expect(result.days.at(-1)).toMatchObject({ day: '2026-04-15', answers: 1, timeMs: 4000 });
    expect(result.days.at(-2)).toMatchObject({ day: '2026-04-14', answers: 2, timeMs: 8000 });
    expect(result.days.at(-15)).toMatchObject({ day: '2026-04-01', answers: 1 });
    expect(result).toMatchObject({
      studied30: 3,
      studied365: 3,
      answers: 4,
      timeMs: 16000,
      busiest: 2
    });
  });

  it('moves answers to other days when the learner is in another time zone', () => {
    // In New York (UTC-4 in April) 22:00 and 02:00 UTC are 18:00 and 22:00 on the 14th, and
    // 09:00 UTC is 05:00 on the 15th.
    const grid = dayGrid(now, startHour, 'America/New_York', 365);
    const columns = addAnswers(emptyLogColumns(), log, cardIndex, grid);
    const days = activity(columns, grid, undefined).days;
    expect(days.at(-1)).toMatchObject({ day: '2026-04-15', answers: 1 });
    expect(days.at(-2)).toMatchObject({ day: '2026-04-14', answers: 2 });
    // In Tokyo (UTC+9) 22:00 UTC is 07:00 on the 15th, 02:00 UTC is 11:00, 09:00 UTC is 18:00.
    const tokyo = dayGrid(now, startHour, 'Asia/Tokyo', 365);
    const there = activity(addAnswers(emptyLogColumns(), log, cardIndex, tokyo), tokyo, undefined);
    expect(there.days.at(-1)).toMatchObject({ day: '2026-04-15', answers: 3 });
    expect(there.days.at(-2)).toMatchObject({ day: '2026-04-14', answers: 0 });
  });

  it('narrows to a lesson or a topic', () => {
    const grid = dayGrid(now, startHour, utc, 365);
    const columns = addAnswers(emptyLogColumns(), log, cardIndex, grid);
    expect(activity(columns, grid, cardMask(cards, { lesson: 'two', section: '' })).answers).toBe(
      1
    );
    expect(activity(columns, grid, cardMask(cards, { lesson: 'one', section: 's2' })).answers).toBe(
      1
    );
    expect(cardMask(cards, { lesson: '', section: '' })).toBeUndefined();
  });
});

describe('retention', () => {
  const young = reviewState({ scheduledDays: 5, stability: 5 });
  const mature = reviewState({ scheduledDays: 30, stability: 40, lastReview: now - 30 * dayMs });
  const learning = { ...reviewState(), phase: Phase.Learning };
  const log = [
    // This week (8-15 April): young 1 of 2 passed, mature 2 of 2.
    answer('a', Date.UTC(2026, 3, 15, 9), 1, young),
    answer('b', Date.UTC(2026, 3, 14, 9), 3, young),
    answer('c', Date.UTC(2026, 3, 13, 9), 2, mature),
    answer('d', Date.UTC(2026, 3, 9, 9), 4, mature),
    // The week before: one mature Again.
    answer('a', Date.UTC(2026, 3, 5, 9), 1, mature),
    // Not counted: learning steps, a new card, studying ahead.
    answer('b', Date.UTC(2026, 3, 15, 9), 1, learning),
    answer('c', Date.UTC(2026, 3, 15, 9), 1),
    answer('d', Date.UTC(2026, 3, 15, 9), 1, young, { scheduled: false })
  ];

  it('splits review answers by interval', () => {
    expect(answerKind(log[0] as ReviewEntry)).toBe(AnswerKind.Young);
    expect(answerKind(log[2] as ReviewEntry)).toBe(AnswerKind.Mature);
    expect(answerKind(log[5] as ReviewEntry)).toBe(AnswerKind.Learning);
    expect(answerKind(log[6] as ReviewEntry)).toBe(AnswerKind.Learning);
    expect(answerKind(log[7] as ReviewEntry)).toBe(AnswerKind.Unscheduled);
  });

  it('measures the share not Again per week, beside FSRS predicted recall', () => {
    const grid = dayGrid(now, startHour, utc, 365);
    const result = retention(addAnswers(emptyLogColumns(), log, cardIndex, grid), grid, undefined);
    expect(result.weeks.map((w) => [w.from, w.to])).toEqual([
      ['2026-04-02', '2026-04-08'],
      ['2026-04-09', '2026-04-15']
    ]);
    const [before, latest] = result.weeks;
    expect(latest?.young).toMatchObject({ answers: 2, passed: 1 });
    expect(latest?.mature).toMatchObject({ answers: 2, passed: 2 });
    expect(before?.mature).toMatchObject({ answers: 1, passed: 0 });
    expect(measured(result.young)).toBe(0.5);
    expect(measured(result.mature)).toBeCloseTo(2 / 3);
    expect(measured({ answers: 0, passed: 0, predicted: 0 })).toBeUndefined();
    const expected =
      [0, 1].reduce((sum, i) => {
        const entry = log[i] as ReviewEntry;
        return sum + retrievability(testParams, entry.before ?? undefined, entry.reviewedAt);
      }, 0) / 2;
    expect(predicted(result.young)).toBeCloseTo(expected, 5);
    expect(predicted(result.young)).toBeGreaterThan(0.5);
    expect(predicted(result.young)).toBeLessThan(1);
  });

  it('counts button presses by phase, leaving out answers that moved no schedule', () => {
    const grid = dayGrid(now, startHour, utc, 365);
    const shares = buttonShares(addAnswers(emptyLogColumns(), log, cardIndex, grid), undefined);
    expect(shares.review).toEqual({ 1: 2, 2: 1, 3: 1, 4: 1 });
    expect(shares.learning).toEqual({ 1: 2, 2: 0, 3: 0, 4: 0 });
  });
});

describe('with an empty log and no states', () => {
  const facts: CardFacts = { cards, states: new Map(), marks: new Map() };
  const grid = dayGrid(now, startHour, utc, 365);
  const columns = addAnswers(emptyLogColumns(), [], cardIndex, grid);

  it('every figure is zero and nothing is listed', () => {
    const result = activity(columns, grid, undefined);
    expect(result).toMatchObject({
      studied30: 0,
      studied365: 0,
      answers: 0,
      timeMs: 0,
      busiest: 0
    });
    expect(result.days.every((d) => d.answers === 0)).toBe(true);
    expect(retention(columns, grid, undefined).weeks).toEqual([]);
    expect(buttonShares(columns, undefined).review).toEqual({ 1: 0, 2: 0, 3: 0, 4: 0 });
    const forecast = dueForecast(facts, dayGrid(now, startHour, utc, 1, 29), undefined);
    expect(forecast.overdue).toBe(0);
    expect(forecast.days).toHaveLength(30);
    expect(forecast.days.every((d) => d.due === 0)).toBe(true);
    expect(stateCounts(facts, undefined, 8)).toEqual({
      new: 4,
      learning: 0,
      review: 0,
      relearning: 0,
      suspended: 0,
      leeches: 0,
      total: 4
    });
    expect(distributions(facts, undefined).cards).toBe(0);
    expect(leeches(facts, undefined, 8)).toEqual([]);
    expect(topicMastery(facts, new Map(), 0.9, undefined).every((t) => t.mastered === 0)).toBe(
      true
    );
  });
});

describe('card statistics', () => {
  const states = new Map<string, CardState>([
    // Overdue since yesterday.
    [
      'a',
      reviewState({ due: Date.UTC(2026, 3, 14, 12), lapses: 9, stability: 0.5, difficulty: 9.5 })
    ],
    // Due later today, and tomorrow at 03:00 (still today's study day).
    ['b', reviewState({ due: Date.UTC(2026, 3, 16, 3), stability: 50, difficulty: 3.2 })],
    [
      'c',
      {
        ...reviewState({ due: Date.UTC(2026, 3, 20, 12), stability: 8 }),
        phase: Phase.Relearning,
        lapses: 8
      }
    ],
    ['d', reviewState({ due: Date.UTC(2026, 3, 17, 12), stability: 400 })]
  ]);
  const marks = new Map<string, CardMarks>([['d', { ...noMarks, suspended: true }]]);
  const facts: CardFacts = { cards, states, marks };

  it('forecasts what falls due on each day and marks the backlog', () => {
    const forecast = dueForecast(facts, dayGrid(now, startHour, utc, 1, 29), undefined);
    expect(forecast.overdue).toBe(1);
    expect(forecast.days[0]).toEqual({ day: '2026-04-15', due: 1 });
    expect(forecast.days[5]).toEqual({ day: '2026-04-20', due: 1 });
    // d is suspended: not in the forecast.
    expect(forecast.days.reduce((sum, d) => sum + d.due, 0)).toBe(2);
  });

  it('counts states, suspended cards and leeches', () => {
    expect(stateCounts(facts, undefined, 8)).toEqual({
      new: 0,
      learning: 0,
      review: 2,
      relearning: 1,
      suspended: 1,
      leeches: 2,
      total: 4
    });
    expect(stateCounts(facts, undefined, 0).leeches).toBe(0);
  });

  it('lists leeches with most lapses first', () => {
    expect(leeches(facts, undefined, 8)).toEqual([
      { cardId: 'a', lesson: 'one', section: 's1', lapses: 9, suspended: false },
      { cardId: 'c', lesson: 'one', section: 's2', lapses: 8, suspended: false }
    ]);
    expect(leeches(facts, cardMask(cards, { lesson: 'one', section: 's2' }), 8)).toHaveLength(1);
  });

  it('buckets stability and difficulty', () => {
    const result = distributions(facts, undefined);
    expect(result.cards).toBe(4);
    expect(result.stability.map((b) => b.count)).toEqual([1, 0, 1, 1, 0, 1]);
    expect(result.difficulty.map((b) => b.count)).toEqual([0, 0, 1, 0, 2, 0, 0, 0, 1]);
  });

  it('gives mastery per topic and per stage of the journey', () => {
    const recall = addRecallNow(new Map(), states, testParams, now);
    expect(recall.get('b')).toBeGreaterThan(0.9);
    expect(recall.get('a')).toBeLessThan(0.9);
    const topics = topicMastery(facts, recall, 0.9, undefined);
    expect(topics).toEqual([
      { lesson: 'one', section: 's1', cards: 2, mastered: 1 },
      { lesson: 'one', section: 's2', cards: 1, mastered: 0 },
      { lesson: 'two', section: 't1', cards: 1, mastered: 1 }
    ]);
    const stages = stageMastery([
      { lesson: journeyLesson, section: 'load-balancer', cards: 4, mastered: 3 },
      { lesson: journeyLesson, section: 'stateless-web-tier', cards: 2, mastered: 0 },
      { lesson: journeyLesson, section: 'scaling-journey', cards: 5, mastered: 5 },
      { lesson: 'other', section: 'cache', cards: 9, mastered: 9 }
    ]);
    expect(stages.map((s) => [s.id, s.cards, s.mastered])).toEqual([
      ['single-server', 0, 0],
      ['tier-separation', 0, 0],
      ['horizontal-web', 6, 3],
      ['caching', 0, 0],
      ['distributed', 0, 0]
    ]);
  });
});

describe('the figures the worker sends', () => {
  const states = new Map<string, CardState>([
    ['a', reviewState({ due: Date.UTC(2026, 3, 14, 12), lapses: 9 })],
    ['c', reviewState({ due: Date.UTC(2026, 3, 17, 12), stability: 40 })],
    ['d', reviewState({ due: Date.UTC(2026, 3, 16, 12) })]
  ]);
  const facts: CardFacts = { cards, states, marks: new Map() };
  const recall = addRecallNow(new Map(), states, testParams, now);
  const ahead = dayGrid(now, startHour, utc, 1, 29);
  const year = dayGrid(now, startHour, utc, 365);
  const columns = addAnswers(
    emptyLogColumns(),
    [
      answer('a', now - 2 * dayMs, 1, reviewState()),
      answer('c', now - dayMs, 3, reviewState({ scheduledDays: 30 })),
      answer('d', now - hourMs, 4, reviewState())
    ],
    cardIndex,
    year
  );
  const settings = { desiredRetention: 0.9, leechLapses: 8 };

  it('are the core functions’ figures for the filter’s cards', () => {
    const mask = cardMask(cards, { lesson: 'one', section: '' });
    expect(cardFigures(facts, recall, settings, ahead, mask)).toEqual({
      forecast: dueForecast(facts, ahead, mask),
      counts: stateCounts(facts, mask, 8),
      mastery: topicMastery(facts, recall, 0.9, mask),
      distributions: distributions(facts, mask),
      leeches: leeches(facts, mask, 8)
    });
    const history = historyFigures(columns, year, mask);
    expect(history.activity.answers).toBe(2);
    expect(history.buttons.review).toEqual({ 1: 1, 2: 0, 3: 1, 4: 0 });
    expect(history.retention.mature.answers).toBe(1);
    expect(cardFigures(facts, recall, settings, ahead, mask).counts.total).toBe(3);
    expect(cardFigures(facts, recall, settings, ahead, undefined).leeches).toHaveLength(1);
  });

  it('are plain data that a worker can post unchanged', () => {
    const sent = {
      cards: cardFigures(facts, recall, settings, ahead, undefined),
      history: historyFigures(columns, year, undefined)
    };
    expect(structuredClone(sent)).toEqual(sent);
  });
});
