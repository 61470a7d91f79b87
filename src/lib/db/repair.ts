import { replayHistory } from '../core/review/log';
import { database } from './database';

// Apart from reviews.ts so that pages which only read (today) do not load the scheduler.

/** Rebuilds every card state from the review log (repair, and the test that the cache is honest). */
export async function rebuildStates(): Promise<number> {
  const db = database();
  return db.transaction('rw', db.reviews, db.cards, async () => {
    const states = replayHistory(await db.reviews.orderBy('seq').toArray());
    await db.cards.clear();
    await db.cards.bulkPut([...states].map(([id, state]) => ({ id, ...state })));
    return states.size;
  });
}
