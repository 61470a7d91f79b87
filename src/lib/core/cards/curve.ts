import { Phase } from '../review/phase';
import { retrievability, type CardState, type SchedulerParams } from '../review/scheduler';
import { dayMs } from '../review/time';

/** One point of a forgetting curve: days since the last review, probability of recall 0-1. */
export interface CurvePoint {
  day: number;
  recall: number;
}

/**
 * The card's forgetting curve from its last review: FSRS's recall probability day by day,
 * over twice its interval (at least a week, at most a year), in at most `steps` parts of whole
 * days (the scheduler counts elapsed time in days). Empty for a new card, which has nothing to
 * forget yet.
 */
export function forgettingCurve(
  params: SchedulerParams,
  state: CardState | undefined,
  steps = 40
): CurvePoint[] {
  if (!state || state.phase === Phase.New || state.lastReview === null) return [];
  const span = curveSpanDays(state);
  const from = state.lastReview;
  const step = Math.max(1, Math.ceil(span / steps));
  const points: CurvePoint[] = [];
  for (let day = 0; day <= span; day += step)
    points.push({ day, recall: retrievability(params, state, from + day * dayMs) });
  return points;
}

/** How many days the curve shows. */
export function curveSpanDays(state: CardState): number {
  const interval = Math.max(0, (state.due - (state.lastReview ?? state.due)) / dayMs);
  return Math.min(365, Math.max(7, Math.ceil(interval * 2)));
}

/** The curve as an SVG path in a `width` × `height` box (recall 1 at the top). */
export function curvePath(points: readonly CurvePoint[], width: number, height: number): string {
  const last = points.at(-1);
  if (!last || last.day === 0) return '';
  return points
    .map((point, i) => {
      const x = (point.day / last.day) * width;
      const y = (1 - point.recall) * height;
      return `${i === 0 ? 'M' : 'L'}${x.toFixed(1)} ${y.toFixed(1)}`;
    })
    .join(' ');
}
