import { describe, expect, it } from 'vitest';
import { formatHistoryCheck } from './check-report';

describe('formatHistoryCheck', () => {
  it('says there is nothing to check, that all is well, or how many schedules were rebuilt', () => {
    expect(formatHistoryCheck({ answers: 0, cards: 0, repaired: 0 })).toBe(
      'There is no review history yet, so there is nothing to check.'
    );
    expect(formatHistoryCheck({ answers: 12345, cards: 310, repaired: 0 })).toBe(
      'Checked 12,345 answers: every card schedule (310) matches your history.'
    );
    expect(formatHistoryCheck({ answers: 1, cards: 1, repaired: 1 })).toBe(
      'Checked 1 answer: 1 card schedule did not match your history and was rebuilt from it.'
    );
    expect(formatHistoryCheck({ answers: 40, cards: 9, repaired: 3 })).toBe(
      'Checked 40 answers: 3 card schedules did not match your history and were rebuilt from it.'
    );
  });
});

describe('formatHistoryCheck with unreadable rows', () => {
  it('adds how many answers were skipped, in words', () => {
    expect(formatHistoryCheck({ answers: 40, cards: 9, repaired: 0, skipped: [{}, {}] })).toBe(
      'Checked 40 answers: every card schedule (9) matches your history. 2 answers could not be read and were skipped.'
    );
    expect(formatHistoryCheck({ answers: 3, cards: 1, repaired: 1, skipped: [{}] })).toBe(
      'Checked 3 answers: 1 card schedule did not match your history and was rebuilt from it. 1 answer could not be read and was skipped.'
    );
  });
});
