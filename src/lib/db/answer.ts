import { becameLeech } from '../core/review/events';
import { deviceIdPattern, makeDeviceId, makeEntryId } from '../core/review/entry-id';
import { readState } from '../core/review/entry-guard';
import { makeEntry, type AnswerFacts } from '../core/review/log';
import { paramsFrom, type CardState } from '../core/review/card-state';
import { normalizeSettings, type ReviewSettings } from '../core/review/settings';
import { announce } from './changes';
import { database } from './database';
import { priorityKey, priorityOf } from './priority';
import { replayCardLog } from './card-replay';
import {
  deviceKey,
  streakKey,
  type StoredCardEvent,
  type StoredEntry,
  type StudyDatabase
} from './schema';

/** An answer as the page knows it; the state and settings it is computed from are read here. */
export type AnswerInput = AnswerFacts;

export interface Answered {
  entry: StoredEntry;
  /** The card was in the front-of-queue list ("Review my misses") and left it. */
  leftPriority: boolean;
  /**
   * This answer made the card a leech (its lapses reached the threshold in Settings); when the
   * settings say so it was suspended in the same transaction.
   */
  leech?: { suspended: boolean };
}

/** A card's stored row, checked; rebuilt from its log when the row is unreadable. */
async function checkedState(
  db: StudyDatabase,
  cardId: string,
  row: unknown
): Promise<CardState | undefined> {
  if (!row) return undefined;
  return readState(row) ?? replayCardLog(db, cardId);
}

async function priorityList(db: StudyDatabase): Promise<string[]> {
  return priorityOf((await db.meta.get(priorityKey))?.value);
}

/**
 * Records one answer, authoritatively: in one transaction it reads the card's stored state and
 * the settings in force, computes the log entry with the core, and writes the log row, the
 * card's new state and the front-of-queue list together, or nothing at all. Nothing held in
 * a page's memory is trusted, so an answer given in another tab a moment ago is built on.
 */
export async function answer(input: AnswerInput): Promise<Answered> {
  const db = database();
  const result = await db.transaction(
    'rw',
    [db.reviews, db.cards, db.meta, db.settings, db.events],
    async () => {
      // Every read at once, then every write at once: two round trips, Dexie promises only.
      const [stored, settingsRow, priorityRow, deviceRow] = await Promise.all([
        db.cards.get(input.cardId),
        db.settings.get('review'),
        db.meta.get(priorityKey),
        db.meta.get(deviceKey)
      ]);
      const before = await checkedState(db, input.cardId, stored);
      const kept = deviceRow?.value;
      const device = typeof kept === 'string' && deviceIdPattern.test(kept) ? kept : makeDeviceId();
      const settings = normalizeSettings(settingsRow?.value as Partial<ReviewSettings> | undefined);
      const made = makeEntry({ ...input, params: paramsFrom(settings), before });
      const row = { ...made, id: makeEntryId(input.now, device) } as StoredEntry;
      const priority = priorityOf(priorityRow?.value);
      const leftPriority = made.scheduled && priority.includes(input.cardId);
      const leech =
        made.scheduled && becameLeech(made.before, made.after, settings.leechLapses)
          ? { suspended: settings.suspendLeeches }
          : undefined;
      const [seq] = await Promise.all([
        db.reviews.add(row),
        made.scheduled && made.after
          ? db.cards.put({ id: input.cardId, ...made.after })
          : undefined,
        leftPriority
          ? db.meta.put({ key: priorityKey, value: priority.filter((id) => id !== input.cardId) })
          : undefined,
        device === kept ? undefined : db.meta.put({ key: deviceKey, value: device }),
        // Stamped with the answer's time, so undoing the answer finds and takes it back too.
        leech?.suspended
          ? db.events.add({
              id: makeEntryId(input.now, device),
              cardId: input.cardId,
              kind: 'suspend',
              reason: 'leech',
              at: input.now
            } as StoredCardEvent)
          : undefined
      ]);
      return { entry: { ...row, seq: seq as number }, leftPriority, ...(leech && { leech }) };
    }
  );
  announce({ kind: 'answered', cardId: input.cardId });
  return result;
}

export type UndoResult =
  /** Taken back: the card's state is what its remaining log replays to. */
  | { status: 'undone'; entry: StoredEntry; state: CardState | undefined }
  /** The card was answered again later (in another tab): this answer stays. */
  | { status: 'answered-later' }
  /** The answer is no longer in the log. */
  | { status: 'gone' };

/**
 * Takes back the answer logged as `seq`: removes the row and sets the card's state to what
 * replaying the card's remaining log gives (none when nothing is left). Refuses, and says so,
 * when a later answer to the same card exists. `restorePriority` puts the card back on the
 * front-of-queue list it left when answered.
 */
export async function undoAnswer(
  seq: number,
  options: { restorePriority?: boolean } = {}
): Promise<UndoResult> {
  const db = database();
  const tables = [db.reviews, db.cards, db.meta, db.events];
  const result = await db.transaction('rw', tables, async () => {
    const row = await db.reviews.get(seq);
    if (!row) return { status: 'gone' } as const;
    const later = await db.reviews
      .where('cardId')
      .equals(row.cardId)
      .filter((other) => other.seq > seq)
      .count();
    if (later > 0) return { status: 'answered-later' } as const;
    // The card may have been suspended as a leech by this very answer: that goes too.
    await db.events
      .where('cardId')
      .equals(row.cardId)
      .filter(
        (event) =>
          event.kind === 'suspend' && event.reason === 'leech' && event.at === row.reviewedAt
      )
      .delete();
    const state = await replayCardLog(db, row.cardId, { leaveOutSeq: seq });
    await db.reviews.delete(seq);
    // The streak kept for past days may have counted this answer.
    await db.meta.delete(streakKey);
    if (state) await db.cards.put({ id: row.cardId, ...state });
    else await db.cards.delete(row.cardId);
    if (options.restorePriority) {
      const priority = await priorityList(db);
      if (!priority.includes(row.cardId))
        await db.meta.put({ key: priorityKey, value: [row.cardId, ...priority] });
    }
    return { status: 'undone', entry: row, state } as const;
  });
  if (result.status === 'undone') announce({ kind: 'undone', cardId: result.entry.cardId });
  return result;
}

/** One card's stored state, checked (undefined for a card never scheduled or unreadable). */
export async function loadState(cardId: string): Promise<CardState | undefined> {
  const db = database();
  return db.transaction('r', db.reviews, db.cards, db.events, async () =>
    checkedState(db, cardId, await db.cards.get(cardId))
  );
}
