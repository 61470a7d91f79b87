import { readEvent, type CardEvent, type Flag, type LoggedCardEvent } from '../core/review/events';
import { deviceIdPattern, makeDeviceId, makeEntryId } from '../core/review/entry-id';
import { announce } from './changes';
import { database } from './database';
import { priorityKey, priorityOf } from './priority';
import { deviceKey, type StudyDatabase } from './schema';

/** The device id of this database, made and kept on first use (inside the caller's transaction). */
export async function deviceId(db: StudyDatabase): Promise<string> {
  const kept = (await db.meta.get(deviceKey))?.value;
  if (typeof kept === 'string' && deviceIdPattern.test(kept)) return kept;
  const made = makeDeviceId();
  await db.meta.put({ key: deviceKey, value: made });
  return made;
}

/** What the learner asks to do to a card. */
export type CardAction =
  | { kind: 'suspend' }
  | { kind: 'unsuspend' }
  /** Until `until`: the start of the next study day. */
  | { kind: 'bury'; until: number }
  | { kind: 'unbury' }
  | { kind: 'flag'; flag: Flag }
  | { kind: 'forget' };

/**
 * Records one card event, in one transaction with what it changes: a `forget` also sets the
 * card back to new (its cached state is deleted; the answers stay in the log) and takes it off
 * the front-of-queue list. Returns the stored event, for undo.
 */
export async function recordEvent(
  cardId: string,
  action: CardAction,
  now: number
): Promise<LoggedCardEvent> {
  const db = database();
  const stored = await db.transaction('rw', db.events, db.cards, db.meta, async () => {
    const device = await deviceId(db);
    const event: CardEvent = { id: makeEntryId(now, device), cardId, kind: action.kind, at: now };
    if (action.kind === 'bury') event.until = action.until;
    if (action.kind === 'flag') event.flag = action.flag;
    if (action.kind === 'suspend') event.reason = 'learner';
    const seq = (await db.events.add(event as LoggedCardEvent)) as number;
    if (action.kind === 'forget') {
      await db.cards.delete(cardId);
      const priority = priorityOf((await db.meta.get(priorityKey))?.value);
      if (priority.includes(cardId))
        await db.meta.put({ key: priorityKey, value: priority.filter((id) => id !== cardId) });
    }
    return { ...event, seq };
  });
  announce({ kind: 'marked', cardId });
  return stored;
}

/**
 * Takes back the card event stored as `seq`. Taking back a `forget` sets the card's state to
 * what its log replays to again. Returns false when the event is no longer there.
 */
export async function undoEvent(seq: number): Promise<boolean> {
  const db = database();
  // Loaded here, not at the top: the pages that only read marks (today) do without the
  // scheduler. Before the transaction, which would end while waiting for a module.
  const { replayCardLog } = await import('./card-replay');
  const cardId = await db.transaction('rw', db.events, db.reviews, db.cards, async () => {
    const event = readEvent(await db.events.get(seq));
    if (!event) return undefined;
    await db.events.delete(seq);
    if (event.kind === 'forget') {
      const state = await replayCardLog(db, event.cardId);
      if (state) await db.cards.put({ id: event.cardId, ...state });
      else await db.cards.delete(event.cardId);
    }
    return event.cardId;
  });
  if (cardId === undefined) return false;
  announce({ kind: 'marked', cardId });
  return true;
}
