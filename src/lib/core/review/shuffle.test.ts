import { describe, expect, it } from 'vitest';
import { scrambled, shuffled } from './shuffle';

const steps = [0, 1, 2, 3, 4];

describe('shuffled', () => {
  it('gives the same order for the same seed and keeps every item', () => {
    expect(shuffled(steps, 'card-a')).toEqual(shuffled(steps, 'card-a'));
    expect([...shuffled(steps, 'card-a')].sort()).toEqual(steps);
  });
});

describe('scrambled', () => {
  it('never starts with the first step in place, whatever the seed', () => {
    for (let seed = 0; seed < 500; seed += 1) {
      const order = scrambled(steps, `order-card:${seed}`);
      expect(order[0]).not.toBe(0);
      expect([...order].sort()).toEqual(steps);
    }
  });

  it('gives different starting orders for different seeds (a new shuffle each showing)', () => {
    const starts = new Set<string>();
    for (let seed = 0; seed < 50; seed += 1)
      starts.add(scrambled(steps, `order-card:${seed}`).join());
    expect(starts.size).toBeGreaterThan(10);
  });

  it('scrambles two items by swapping them', () => {
    expect(scrambled(['a', 'b'], 'x')).toEqual(['b', 'a']);
  });
});
