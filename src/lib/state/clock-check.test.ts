import { describe, expect, it } from 'vitest';
import { clockBehindMessage } from './clock-check';

const now = Date.UTC(2026, 2, 2, 9);

describe('clockBehindMessage', () => {
  it('says nothing with no answers, or when the clock is right or a little off', () => {
    expect(clockBehindMessage(now, undefined)).toBeUndefined();
    expect(clockBehindMessage(now, now - 86_400_000)).toBeUndefined();
    expect(clockBehindMessage(now, now + 60_000)).toBeUndefined();
  });

  it('tells, plainly, when the clock is behind the latest answer', () => {
    const message = clockBehindMessage(now, now + 365 * 86_400_000);
    expect(message).toMatch(/^Your device's clock says 2 Mar 2026/);
    expect(message).toMatch(/latest answer was given at 2 Mar 2027/);
    expect(message).toMatch(/nothing is lost/);
  });
});
