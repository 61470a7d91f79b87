import { describe, expect, it } from 'vitest';
import { grade, proposeFromOrder, proposeFromShare } from './grading';
import { scrambled, shuffled } from './shuffle';

describe('proposeFromShare', () => {
  it('suggests Again below half the key points, Hard below 80%, Good from there', () => {
    expect(proposeFromShare(0, 4)).toBe(1);
    expect(proposeFromShare(1, 4)).toBe(1);
    expect(proposeFromShare(2, 4)).toBe(2);
    expect(proposeFromShare(3, 4)).toBe(2);
    expect(proposeFromShare(4, 5)).toBe(3);
    expect(proposeFromShare(5, 5)).toBe(3);
  });
});

describe('proposeFromOrder', () => {
  it('suggests Good for the right order, Hard when half the steps are in place, else Again', () => {
    expect(proposeFromOrder([0, 1, 2, 3])).toBe(3);
    expect(proposeFromOrder([0, 1, 3, 2])).toBe(2);
    expect(proposeFromOrder([1, 0, 3, 2])).toBe(1);
  });
});

describe('shuffled and scrambled', () => {
  const items = [0, 1, 2, 3, 4, 5];

  it('give the same order for the same seed and keep every item', () => {
    expect(shuffled(items, 'card-a')).toEqual(shuffled(items, 'card-a'));
    expect([...shuffled(items, 'card-a')].sort()).toEqual(items);
  });

  it('give different orders for different seeds', () => {
    const orders = new Set(['a', 'b', 'c', 'd', 'e'].map((seed) => shuffled(items, seed).join()));
    expect(orders.size).toBeGreaterThan(1);
  });

  it('never hand an ordering question over already solved', () => {
    for (let i = 0; i < 200; i += 1)
      expect(scrambled([0, 1, 2], `seed-${i}`)).not.toEqual([0, 1, 2]);
  });
});

describe('grade', () => {
  it('grades a choice: all right is Good and 1, anything else Again and 0', () => {
    expect(grade({ kind: 'choice', picked: [2], correct: [2] })).toEqual({ score: 1, proposed: 3 });
    expect(grade({ kind: 'choice', picked: [1], correct: [2] })).toEqual({ score: 0, proposed: 1 });
    // Several right answers: all of them, and nothing else.
    expect(grade({ kind: 'choice', picked: [0, 2], correct: [2, 0] }).score).toBe(1);
    expect(grade({ kind: 'choice', picked: [0], correct: [0, 2] }).score).toBe(0);
    expect(grade({ kind: 'choice', picked: [0, 1, 2], correct: [0, 2] }).score).toBe(0);
  });

  it('grades a scenario by the share of key points covered', () => {
    expect(grade({ kind: 'scenario', covered: 3, total: 4 })).toEqual({ score: 0.75, proposed: 2 });
    expect(grade({ kind: 'scenario', covered: 4, total: 4 })).toEqual({ score: 1, proposed: 3 });
    expect(grade({ kind: 'scenario', covered: 0, total: 4 })).toEqual({ score: 0, proposed: 1 });
  });

  it('grades an order by the share of steps in their right place', () => {
    expect(grade({ kind: 'order', answer: [0, 1, 2, 3] })).toEqual({ score: 1, proposed: 3 });
    expect(grade({ kind: 'order', answer: [1, 0, 2, 3] })).toEqual({ score: 0.5, proposed: 2 });
    expect(grade({ kind: 'order', answer: [3, 2, 1, 0] })).toEqual({ score: 0, proposed: 1 });
    expect(grade({ kind: 'order', answer: [0, 2, 1] }).score).toBeCloseTo(1 / 3, 10);
    expect(grade({ kind: 'order', answer: [] }).score).toBe(0);
  });
});
