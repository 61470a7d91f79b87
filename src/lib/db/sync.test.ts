import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { answerToDoc } from '../core/sync/docs';
import type { LoggedEntry } from '../core/review/log';
import { useFreshDatabase } from '../test/database';
import { logRow, testStart as start } from '../test/factories';
import { replayCardLog } from './card-replay';
import { database } from './database';
import { applyIncoming, loadBookmarks, rebuildPendingCards, type IncomingChange } from './sync';

useFreshDatabase('sync');

const day = 24 * 60 * 60 * 1000;

function incoming(cardId: string, rating: 1 | 2 | 3 | 4, at: number): IncomingChange {
  const entry = { ...logRow({ cardId, rating, now: at }), seq: 1 } as LoggedEntry;
  const doc = JSON.parse(JSON.stringify(answerToDoc(entry))) as Record<string, unknown>;
  return { id: entry.id, deleted: false, doc: { ...doc, _rev: '1-a' } };
}

describe('applying what the sync store received', () => {
  it('a big first sync leaves the cards to one rebuild, which matches replaying each card', async () => {
    const first = [incoming('a', 3, start - 3 * day), incoming('b', 1, start - 3 * day)];
    const second = [incoming('a', 3, start - day), incoming('b', 3, start - day)];
    const one = await applyIncoming(first, 2, start, { deferCards: true });
    const two = await applyIncoming(second, 4, start, { deferCards: true });
    expect(one.received + two.received).toBe(4);
    const db = database();
    expect(await db.cards.count()).toBe(0);
    expect((await loadBookmarks()).pendingCards.sort()).toEqual(['a', 'b']);

    expect(await rebuildPendingCards()).toBe(2);
    expect((await loadBookmarks()).pendingCards).toEqual([]);
    for (const id of ['a', 'b']) {
      const { id: _id, ...state } = (await db.cards.get(id)) as { id: string };
      void _id;
      expect(state).toEqual(await replayCardLog(db, id));
    }
    expect(await rebuildPendingCards()).toBe(0);
  });

  it('the same documents applied again are stored once; a batch not deferred rebuilds the pending cards too', async () => {
    const batch = [incoming('a', 3, start - 2 * day)];
    await applyIncoming(batch, 1, start, { deferCards: true });
    const again = await applyIncoming([...batch, incoming('b', 3, start - day)], 3, start);
    expect(again).toMatchObject({ received: 1, alreadyHere: 1 });
    const db = database();
    expect(await db.reviews.count()).toBe(2);
    expect((await db.cards.toArray()).map((c) => c.id).sort()).toEqual(['a', 'b']);
    expect((await loadBookmarks()).pendingCards).toEqual([]);
  });
});
