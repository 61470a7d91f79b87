import { differingStates, replayHistory } from '../core/review/log';
import type { CardState } from '../core/review/scheduler';
import { database } from './database';

// Apart from reviews.ts so that pages which only read (today) do not load the scheduler.

export interface HistoryCheck {
  /** Answers in the review log. */
  answers: number;
  /** Cards with a schedule, after the check. */
  cards: number;
  /** Card states that did not match the log and were rewritten from it. */
  repaired: number;
}

/**
 * Replays the whole review log and rewrites every cached card state that is not what the log
 * gives (deleting states with no answer behind them). One transaction: the check and the
 * repair see the same log, and nothing is half-repaired. The log itself is never changed.
 */
export async function checkHistory(): Promise<HistoryCheck> {
  const db = database();
  return db.transaction('rw', db.reviews, db.cards, async () => {
    const entries = await db.reviews.orderBy('seq').toArray();
    const replayed = replayHistory(entries);
    const cached = new Map<string, CardState>(
      (await db.cards.toArray()).map(({ id, ...state }) => [id, state])
    );
    const differing = differingStates(cached, replayed);
    await db.cards.bulkDelete(differing.filter((id) => !replayed.has(id)));
    await db.cards.bulkPut(
      differing.flatMap((id) => {
        const state = replayed.get(id);
        return state ? [{ id, ...state }] : [];
      })
    );
    return { answers: entries.length, cards: replayed.size, repaired: differing.length };
  });
}
