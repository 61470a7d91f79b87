import { describe, expect, it } from 'vitest';
import { formatDue } from './format';
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
