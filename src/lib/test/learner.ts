// A simulated learner for the optimizer's tests, e2e seed and benchmark: scheduled by the
// app's own scheduler with FSRS's default weights, but remembering by a forgetting curve of
// its own (stability 0.6 times what the scheduler holds: a learner who forgets faster than the
// defaults assume), so training has something to find and the fitted weights differ.
import { makeEntryId } from '../core/review/entry-id';
import { makeEntry, type LoggedEntry } from '../core/review/log';
import { seededRandom } from '../core/review/shuffle';
import {
  paramsFrom,
  type CardState,
  type Rating,
  type SchedulerParams
} from '../core/review/scheduler';
import { defaultSettings } from '../core/review/settings';
import { dayMs, minuteMs } from '../core/review/time';

/** The device id the simulated history was written on (Crockford base 32, as ids are). */
export const learnerDevice = 'SMTRNR00';

export interface LearnerOptions {
  /** How many scheduled answers to make. */
  answers: number;
  /** The history ends an hour before this instant. */
  now: number;
  /** New cards a day (default 20). */
  newPerDay?: number;
  seed?: number;
  /** Add a study-ahead (cram) answer after every this many answers; 0 for none. */
  cramEvery?: number;
  params?: SchedulerParams;
  /** The cards to learn, in order (default `sim-0`, `sim-1`, …, as many as it takes). */
  cardIds?: readonly string[];
}

/** Log rows (without `seq`), in answer order, as the app writes them. */
export function simulatedHistory(options: LearnerOptions): Omit<LoggedEntry, 'seq'>[] {
  const random = seededRandom(options.seed ?? 7);
  const params = options.params ?? paramsFrom({ ...defaultSettings, fuzz: false });
  const newPerDay = options.newPerDay ?? 20;
  const states = new Map<string, CardState>();
  const rows: Omit<LoggedEntry, 'seq'>[] = [];
  // Simulated from day 0 at 08:00 UTC, then moved so it ends an hour before `now`.
  const days = Math.ceil(options.answers / (newPerDay * 3)) + 30;
  const shift = options.now - 3_600_000 - days * dayMs;
  let introduced = 0;
  let scheduled = 0;
  const answer = (cardId: string, at: number) => {
    const before = states.get(cardId);
    const elapsedDays = before?.lastReview == null ? 0 : (at - before.lastReview) / dayMs;
    const recall = before
      ? 1 / (1 + elapsedDays / (9 * 0.6 * Math.max(0.01, before.stability)))
      : 0;
    const roll = random();
    let rating: Rating;
    if (!before) rating = roll < 0.35 ? 1 : roll < 0.45 ? 2 : roll < 0.95 ? 3 : 4;
    else if (roll >= recall) rating = 1;
    else {
      const kind = random();
      rating = kind < 0.1 ? 2 : kind < 0.92 ? 3 : 4;
    }
    const entry = makeEntry({
      cardId,
      rating,
      now: at,
      durationMs: 4000 + Math.round(random() * 8000),
      mode: 'review',
      scheduled: true,
      params,
      before
    });
    if (entry.after) states.set(cardId, entry.after);
    rows.push({ ...entry, id: makeEntryId(at, learnerDevice) });
    scheduled += 1;
    if (options.cramEvery && scheduled % options.cramEvery === 0) {
      const cram = makeEntry({
        cardId,
        rating: 3,
        now: at + 1000,
        durationMs: 3000,
        mode: 'cram',
        scheduled: false,
        params,
        before: entry.after ?? undefined
      });
      rows.push({ ...cram, id: makeEntryId(at + 1000, learnerDevice) });
    }
  };
  for (let day = 0; day < days && scheduled < options.answers; day += 1) {
    let at = shift + day * dayMs + 8 * 3_600_000;
    for (let n = 0; n < newPerDay && scheduled < options.answers; n += 1) {
      const cardId = options.cardIds ? options.cardIds[introduced] : `sim-${introduced}`;
      if (cardId === undefined) break;
      at += 5000 + Math.round(random() * 10_000);
      answer(cardId, at);
      introduced += 1;
    }
    // Learning steps bring cards back within minutes: a day is answered in a few passes.
    for (let pass = 0; pass < 4 && scheduled < options.answers; pass += 1) {
      for (const [cardId, state] of states) {
        if (scheduled >= options.answers) break;
        if (state.due <= at) {
          at += 5000 + Math.round(random() * 10_000);
          answer(cardId, at);
        }
      }
      at += 12 * minuteMs;
    }
  }
  return rows;
}
