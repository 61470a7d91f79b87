import { default_w, forgetting_curve } from 'ts-fsrs';
import { describe, expect, it } from 'vitest';
import {
  answerCard,
  newCardState,
  paramsFrom,
  retrievability,
  type CardState
} from '../review/scheduler';
import { defaultSettings } from '../review/settings';
import { dayMs, hourMs, minuteMs } from '../review/time';
import { weakestOn } from '../session/policies';
import { readinessOn } from './interview';

const now = Date.UTC(2026, 0, 5, 9);
const plain = paramsFrom({ ...defaultSettings, fuzz: false });
const recall = (state: CardState | undefined, at: number) => retrievability(plain, state, at);

/** A new card answered Good `times` times, each time when it was due, the first at `start`. */
function goodTimes(times: number, start: number): CardState {
  let state: CardState | undefined;
  let at = start;
  for (let k = 0; k < times; k += 1) {
    state = answerCard(plain, state, 3, at);
    at = state.due;
  }
  return state!;
}

/**
 * Recall by ts-fsrs's own forgetting curve with its default weights. ts-fsrs counts the time
 * since the last review in whole days, rounded down, and never below zero.
 */
function expectedRecall(state: CardState, date: number): number {
  const elapsed = Math.max(0, Math.floor((date - state.lastReview!) / dayMs));
  return forgetting_curve(default_w, elapsed, +state.stability.toFixed(8));
}

const mean = (values: number[]) => values.reduce((sum, v) => sum + v, 0) / values.length;

// A card learned two days ago (Good, Good) and two reviewed over weeks (Good four times) from
// the start of December; all of them in review by `now`. `fresh` stands for two cards.
const fresh = goodTimes(2, now - 2 * dayMs);
const seasoned = goodTimes(4, Date.UTC(2025, 11, 1, 9));
const seasonedToo = goodTimes(4, Date.UTC(2025, 11, 2, 18));

const cards = [
  { id: 'dns-1', topic: 'dns' },
  { id: 'cache-1', topic: 'caching' },
  { id: 'dns-2', topic: 'dns' },
  { id: 'cache-new', topic: 'caching' },
  { id: 'queue-new', topic: 'queues' },
  { id: 'cache-2', topic: 'caching' }
];
const states = new Map<string, CardState>([
  ['dns-1', fresh],
  ['dns-2', seasoned],
  ['cache-1', seasonedToo],
  ['cache-2', fresh]
]);

describe('the cards used here', () => {
  it('are all in review, the seasoned ones last answered weeks after they were first seen', () => {
    for (const state of [fresh, seasoned, seasonedToo]) expect(state.phase).toBe(2);
    expect(seasoned.reps).toBe(4);
    expect(seasoned.lastReview! - Date.UTC(2025, 11, 1, 9)).toBeGreaterThan(7 * dayMs);
    expect(seasoned.stability).toBeGreaterThan(fresh.stability);
    expect(seasoned.lastReview!).toBeLessThan(now);
  });
});

describe('readinessOn', () => {
  const interview = now + 10 * dayMs + 7 * hourMs;

  it('gives each topic the mean of the forgetting curve over its cards', () => {
    const result = readinessOn({ cards, states, params: plain, date: interview });
    expect(result.map((t) => t.topic)).toEqual(['dns', 'caching', 'queues']);
    const [dns, caching, queues] = result;
    expect(dns!.cards).toBe(2);
    expect(dns!.recall).toBeCloseTo(
      mean([expectedRecall(fresh, interview), expectedRecall(seasoned, interview)]),
      6
    );
    expect(caching!.cards).toBe(3);
    expect(caching!.recall).toBeCloseTo(
      mean([expectedRecall(seasonedToo, interview), 0, expectedRecall(fresh, interview)]),
      6
    );
    expect(queues).toEqual({ topic: 'queues', cards: 1, recall: 0, below: 1 });
  });

  it('matches the curve for a single card on many dates, fractions of a day included', () => {
    let checked = 0;
    for (let hours = 0; hours <= 60 * 24; hours += 17) {
      const date = now + hours * hourMs;
      const [only] = readinessOn({
        cards: [{ id: 'dns-2', topic: 'dns' }],
        states,
        params: plain,
        date
      });
      expect(Math.abs(only!.recall - expectedRecall(seasoned, date))).toBeLessThan(1e-6);
      checked += 1;
    }
    expect(checked).toBeGreaterThan(80);
  });

  it('counts a new card as 0 recall and below retention', () => {
    const result = readinessOn({
      cards: [
        { id: 'never', topic: 'x' },
        { id: 'stored-new', topic: 'x' }
      ],
      states: new Map([['stored-new', newCardState(now)]]),
      params: plain,
      date: interview
    });
    expect(result).toEqual([{ topic: 'x', cards: 2, recall: 0, below: 2 }]);
  });

  it('counts the cards whose recall on the date is under the desired retention', () => {
    for (const days of [1, 5, 10, 30, 90, 365]) {
      const date = now + days * dayMs;
      const result = readinessOn({ cards, states, params: plain, date });
      const expectedBelow = (ids: string[]) =>
        ids.filter((id) => {
          const state = states.get(id);
          return !state || expectedRecall(state, date) < plain.retention;
        }).length;
      expect(result.find((t) => t.topic === 'dns')!.below).toBe(expectedBelow(['dns-1', 'dns-2']));
      expect(result.find((t) => t.topic === 'caching')!.below).toBe(
        expectedBelow(['cache-1', 'cache-new', 'cache-2'])
      );
    }
  });

  it('finds the fresh card still above retention tomorrow and under it a year on', () => {
    const only = [{ id: 'dns-1', topic: 'dns' }];
    const tomorrow = readinessOn({ cards: only, states, params: plain, date: now + dayMs });
    const nextYear = readinessOn({ cards: only, states, params: plain, date: now + 365 * dayMs });
    expect(tomorrow[0]!.below).toBe(0);
    expect(tomorrow[0]!.recall).toBeGreaterThanOrEqual(plain.retention);
    expect(nextYear[0]!.below).toBe(1);
    expect(nextYear[0]!.recall).toBeLessThan(plain.retention);
  });

  it('predicts lower recall for a later interview', () => {
    const soon = readinessOn({ cards, states, params: plain, date: now + 3 * dayMs });
    const later = readinessOn({ cards, states, params: plain, date: now + 40 * dayMs });
    for (const topic of ['dns', 'caching']) {
      const a = soon.find((t) => t.topic === topic)!;
      const b = later.find((t) => t.topic === topic)!;
      expect(b.recall).toBeLessThan(a.recall);
      expect(b.below).toBeGreaterThanOrEqual(a.below);
    }
  });

  it('gives no topics for no cards', () => {
    expect(readinessOn({ cards: [], states, params: plain, date: interview })).toEqual([]);
  });
});

describe('weakestOn', () => {
  const date = now + 20 * dayMs;

  it('puts studied cards first, lowest recall first, then new cards in deck order', () => {
    const result = weakestOn({ cards, states, recall, date, limit: 10 });
    const studied = ['dns-1', 'cache-1', 'dns-2', 'cache-2']
      .map((id) => ({ id, recall: expectedRecall(states.get(id)!, date), position: 0 }))
      .map((s) => ({ ...s, position: cards.findIndex((c) => c.id === s.id) }))
      .sort((a, b) => a.recall - b.recall || a.position - b.position)
      .map((s) => s.id);
    expect(result).toEqual([...studied, 'cache-new', 'queue-new']);
    // The fresh cards are the weak ones; the two of them tie and keep deck order.
    expect(result.slice(0, 2)).toEqual(['dns-1', 'cache-2']);
  });

  it('keeps to the limit', () => {
    expect(weakestOn({ cards, states, recall, date, limit: 3 })).toEqual([
      'dns-1',
      'cache-2',
      expectedRecall(seasoned, date) < expectedRecall(seasonedToo, date) ? 'dns-2' : 'cache-1'
    ]);
    expect(weakestOn({ cards, states, recall, date, limit: 0 })).toEqual([]);
  });

  it('counts a stored state that is still new as new', () => {
    const result = weakestOn({
      cards: [{ id: 'stored-new' }, { id: 'learned' }, { id: 'never' }],
      states: new Map([
        ['stored-new', newCardState(now)],
        ['learned', answerCard(plain, answerCard(plain, undefined, 3, now), 3, now + 10 * minuteMs)]
      ]),
      recall,
      date,
      limit: 3
    });
    expect(result).toEqual(['learned', 'stored-new', 'never']);
  });

  it('ranks a card with lower predicted recall ahead even if it is later in the deck', () => {
    const result = weakestOn({
      cards: [{ id: 'strong' }, { id: 'weak' }],
      states: new Map([
        ['strong', seasoned],
        ['weak', fresh]
      ]),
      recall,
      date,
      limit: 2
    });
    expect(expectedRecall(fresh, date)).toBeLessThan(expectedRecall(seasoned, date));
    expect(result).toEqual(['weak', 'strong']);
  });
});
