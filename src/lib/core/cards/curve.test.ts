import { describe, expect, it } from 'vitest';
import { answerCard } from '../review/scheduler';
import { dayMs } from '../review/time';
import { testParams, testStart } from '../../test/factories';
import { curvePath, curveSpanDays, forgettingCurve } from './curve';

describe('forgettingCurve', () => {
  it('is empty for a new card', () => {
    expect(forgettingCurve(testParams, undefined)).toEqual([]);
  });

  it('falls from full recall to about the desired retention at the due date', () => {
    const state = answerCard(testParams, undefined, 4, testStart);
    const span = curveSpanDays(state);
    const points = forgettingCurve(testParams, state, 400);
    expect(points).toHaveLength(span + 1);
    expect(points[0]).toEqual({ day: 0, recall: 1 });
    for (let i = 1; i < points.length; i += 1)
      expect(points[i]!.recall).toBeLessThan(points[i - 1]!.recall);
    const interval = (state.due - testStart) / dayMs;
    expect(span).toBe(Math.min(365, Math.max(7, Math.ceil(interval * 2))));
    // On the due date recall is about the desired retention (90%).
    const onDue = points[Math.round(interval)]!.recall;
    expect(onDue).toBeGreaterThan(0.85);
    expect(onDue).toBeLessThan(0.95);
    expect(forgettingCurve(testParams, state, 4).length).toBeLessThanOrEqual(5);
  });

  it('draws a path from the top left corner to the right edge', () => {
    const path = curvePath(
      [
        { day: 0, recall: 1 },
        { day: 5, recall: 0.5 },
        { day: 10, recall: 0.25 }
      ],
      200,
      100
    );
    expect(path).toBe('M0.0 0.0 L100.0 50.0 L200.0 75.0');
    expect(curvePath([], 200, 100)).toBe('');
  });
});
