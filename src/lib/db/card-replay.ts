// Apart from events.ts so that pages which only read marks (today) do not load the scheduler.
import { forgottenTimes, replayEvents } from '../core/review/events';
import { readEntryRows } from '../core/review/entry-guard';
import { inAnswerOrder, replayHistory } from '../core/review/log';
import type { CardState } from '../core/review/scheduler';
import { replayable } from './events';
import type { StudyDatabase } from './schema';

/**
 * What a card's log replays to, given its events: answers at or before its latest `forget`
 * schedule nothing. Undefined for a card with no scheduled answer since. Runs inside the
 * caller's transaction (reviews and events).
 */
export async function replayCardLog(
  db: StudyDatabase,
  cardId: string,
  options: { leaveOutSeq?: number } = {}
): Promise<CardState | undefined> {
  const [rows, events] = await Promise.all([
    db.reviews.where('cardId').equals(cardId).toArray(),
    db.events.where('cardId').equals(cardId).toArray()
  ]);
  const kept = rows.filter((row) => row.seq !== options.leaveOutSeq);
  const forgotten = forgottenTimes(replayEvents(replayable(events)));
  return replayHistory(inAnswerOrder(readEntryRows(kept).entries), undefined, forgotten).get(
    cardId
  );
}

/**
 * `replayCardLog` for many cards at once: their answers and events read by the `cardId` index
 * in one query per table, the logs replayed in one pass. A card missing from the map has no
 * scheduled answer since its latest `forget`. Runs inside the caller's transaction.
 */
export async function replayCardLogs(
  db: StudyDatabase,
  cardIds: readonly string[]
): Promise<Map<string, CardState>> {
  if (cardIds.length === 0) return new Map();
  const [rows, events] = await Promise.all([
    db.reviews.where('cardId').anyOf(cardIds).toArray(),
    db.events.where('cardId').anyOf(cardIds).toArray()
  ]);
  const forgotten = forgottenTimes(replayEvents(replayable(events)));
  return replayHistory(inAnswerOrder(readEntryRows(rows).entries), undefined, forgotten);
}
