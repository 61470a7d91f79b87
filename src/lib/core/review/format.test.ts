import { describe, expect, it } from 'vitest';
import { formatDue, formatHistoryCheck } from './format';
import { dayMs, hourMs, minuteMs } from './time';

describe('formatDue', () => {
  const now = Date.UTC(2026, 5, 1, 9);

  it('says now for anything already due, and a short wait within half a day', () => {
    expect(formatDue(now - minuteMs, now)).toBe('now');
    expect(formatDue(now + 10 * minuteMs, now)).toBe('in 10m');
    expect(formatDue(now + 3 * hourMs, now)).toBe('in 3h');
  });

  it('adds the weekday and time within two days, and a date after that', () => {
    expect(formatDue(now + 20 * hourMs, now, 'en-GB')).toMatch(/^in 20h \(\w{3} \d{2}:\d{2}\)$/);
    expect(formatDue(now + 10 * dayMs, now, 'en-GB')).toMatch(/^on 11 Jun$/);
    expect(formatDue(now + 400 * dayMs, now, 'en-GB')).toMatch(/^on 6 Jul 2027$/);
  });
});

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
