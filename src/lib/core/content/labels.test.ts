import { describe, expect, it } from 'vitest';
import { describeCounts } from './labels';

describe('describeCounts', () => {
  it('separates recall cards from scenario questions and pluralises', () => {
    expect(describeCounts({ basic: 3, cloze: 2, choice: 1, scenario: 0, order: 0 })).toBe(
      '5 cards · 1 scenario question'
    );
    expect(describeCounts({ basic: 1, cloze: 0, choice: 1, scenario: 2, order: 1 })).toBe(
      '1 card · 4 scenario questions'
    );
  });
});
