import {
  readEvent,
  replayEvents,
  type CardEventKind,
  type CardMarks,
  type LoggedCardEvent
} from '../core/review/events';
import { database } from './database';

// Reading the card-event log. Writing it (suspend, bury, flag, forget and their undo) is in
// event-write.ts, which the review page loads only when the learner marks a card.

/** Every card-event row that can be read, in the order they were done. */
export async function loadEvents(): Promise<LoggedCardEvent[]> {
  const rows = await database().events.toArray();
  return rows.flatMap((row) => {
    const event = readEvent(row);
    return event ? [event] : [];
  });
}

/** Every card's marks (suspended, buried, flag, forgotten) from the event log. */
export async function loadMarks(): Promise<Map<string, CardMarks>> {
  return replayEvents(await loadEvents());
}

/** One card's events, oldest first. */
export async function cardEvents(cardId: string): Promise<LoggedCardEvent[]> {
  const rows = await database().events.where('cardId').equals(cardId).toArray();
  return replayable(rows);
}

/** The readable events among `rows`, oldest first. */
export function replayable(rows: unknown[]): LoggedCardEvent[] {
  return rows
    .flatMap((row) => {
      const event = readEvent(row);
      return event ? [event] : [];
    })
    .sort((a, b) => a.at - b.at || a.seq - b.seq);
}

export type { CardEventKind };
