import { sameContent } from '../core/backup/same';
import {
  answerToDoc,
  eventToDoc,
  isLater,
  localWrites,
  metaKeys,
  readDoc,
  settingKeys,
  syncKeys,
  type KeyedDoc,
  type KeyedWrite,
  type SyncDoc,
  type SyncKey
} from '../core/sync/docs';
import { readEntryRows } from '../core/review/entry-guard';
import { readEvent, type LoggedCardEvent } from '../core/review/events';
import { inAnswerOrder, type LoggedEntry } from '../core/review/log';
import { normalizeSettings, type ReviewSettings } from '../core/review/settings';
import { replayCardLogs } from './card-replay';
import { announce } from './changes';
import { database } from './database';
import { deviceId } from './event-write';
import { streakKey, type StudyDatabase } from './schema';

/**
 * The database's side of sync: which rows are still to be copied to the sync store, and how
 * documents coming from it are written. Incoming documents are checked with the import schemas
 * (core/sync/docs.ts), written by id (a row already here is not written twice), and the cards
 * they touch rebuilt by replay, all in one transaction with the sync bookmark, so a tab closed
 * half way applies the batch whole or not at all. Dexie stays what the app reads.
 */

/** The meta row with sync's bookkeeping (never in a backup: it is this device's). */
export const syncStateKey = 'sync-state';

/** How long an answer sent may still be taken back by Undo, and its document deleted. */
const undoWindowMs = 24 * 60 * 60 * 1000;
const recentLimit = 500;

export interface SyncBookmarks {
  /** The last local seq of each log copied to the sync store. */
  reviewSeq: number;
  eventSeq: number;
  /** The sync store's change sequence up to which documents have been applied here. */
  appliedSince: number | string;
  /** The keyed values as last sent or taken, with their stamps. */
  keyed: Partial<Record<SyncKey, KeyedWrite>>;
  /** Entries sent lately, so an Undo of one deletes its document too. */
  recent: { id: string; table: 'reviews' | 'events'; at: number }[];
  /**
   * Cards whose log changed in batches applied without rebuilding them (a big first sync
   * rebuilds each card once at the end, `rebuildPendingCards`), kept here so a tab closed half
   * way rebuilds them on its next sync.
   */
  pendingCards: string[];
}

const fresh: SyncBookmarks = {
  reviewSeq: 0,
  eventSeq: 0,
  appliedSince: 0,
  keyed: {},
  recent: [],
  pendingCards: []
};

async function bookmarks(db: StudyDatabase): Promise<SyncBookmarks> {
  const value = (await db.meta.get(syncStateKey))?.value as Partial<SyncBookmarks> | undefined;
  const marks = { ...fresh, ...(value && typeof value === 'object' ? value : {}) };
  if (!Array.isArray(marks.pendingCards)) marks.pendingCards = [];
  return marks;
}

export async function loadBookmarks(): Promise<SyncBookmarks> {
  return bookmarks(database());
}

/** Forgets what was sent and applied (turning sync off): the next sync compares everything again. */
export async function forgetBookmarks(): Promise<void> {
  // Cards a first sync stopped half way left to rebuild are rebuilt before the list goes.
  await rebuildPendingCards();
  await database().meta.delete(syncStateKey);
}

/** The keyed values on this device now: each settings field, the interview date, the front list. */
async function keyedValues(db: StudyDatabase): Promise<Map<SyncKey, unknown>> {
  const [settingsRow, date, priority] = await Promise.all([
    db.settings.get('review'),
    db.meta.get('interview-date'),
    db.meta.get('priority-cards')
  ]);
  const values = new Map<SyncKey, unknown>();
  if (settingsRow) {
    const settings = normalizeSettings(settingsRow.value as Partial<ReviewSettings>);
    for (const key of settingKeys) values.set(`setting:${key}`, settings[key]);
  }
  values.set('meta:interview-date', date?.value);
  values.set('meta:priority-cards', priority?.value);
  return values;
}

export interface Outgoing {
  docs: SyncDoc[];
  /** Keyed documents to send (the engine merges them with what the store holds). */
  keyed: KeyedDoc[];
  /** Documents of entries taken back by Undo since they were sent. */
  undone: string[];
  /** What to record once the documents are in the sync store. */
  done: (db?: StudyDatabase) => Promise<void>;
}

/**
 * What this device has that the sync store has not: log rows after the bookmarks (`limit` at a
 * time), keyed values changed since last sent, and entries undone since sent.
 */
export async function readOutgoing(now: number, limit = 2000): Promise<Outgoing> {
  const db = database();
  return db.transaction('rw', [db.reviews, db.events, db.meta, db.settings], async () => {
    const marks = await bookmarks(db);
    const device = await deviceId(db);
    const [reviewRows, eventRows] = await Promise.all([
      db.reviews.where('seq').above(marks.reviewSeq).limit(limit).toArray(),
      db.events.where('seq').above(marks.eventSeq).limit(limit).toArray()
    ]);
    const entries = readEntryRows(reviewRows).entries;
    const events = eventRows.flatMap((row) => readEvent(row) ?? []);
    const docs: SyncDoc[] = [...entries.map(answerToDoc), ...events.map(eventToDoc)];
    const writes = localWrites(await keyedValues(db), marks.keyed, now, device, (a, b) =>
      sameContent(a, b)
    );
    const keyed = writes.send.map(([key, write]) => ({
      _id: key,
      type: 'keyed' as const,
      ...write
    }));
    // Entries sent lately that are no longer here were taken back by Undo.
    const recent = marks.recent.filter((row) => row.at > now - undoWindowMs);
    const [answersHere, eventsHere] = await Promise.all([
      db.reviews
        .where('id')
        .anyOf(recent.filter((r) => r.table === 'reviews').map((r) => r.id))
        .primaryKeys(),
      db.events
        .where('id')
        .anyOf(recent.filter((r) => r.table === 'events').map((r) => r.id))
        .primaryKeys()
    ]);
    const stillHere = new Set<string>();
    if (answersHere.length + eventsHere.length < recent.length) {
      const rows = [
        ...(await db.reviews.bulkGet(answersHere)),
        ...(await db.events.bulkGet(eventsHere))
      ];
      for (const row of rows) if (row) stillHere.add(row.id);
    } else for (const row of recent) stillHere.add(row.id);
    const undone = recent.filter((row) => !stillHere.has(row.id)).map((row) => row.id);
    const lastReview = reviewRows[reviewRows.length - 1]?.seq ?? marks.reviewSeq;
    const lastEvent = eventRows[eventRows.length - 1]?.seq ?? marks.eventSeq;
    const sentNow = [
      ...entries.map((e) => ({ id: e.id, table: 'reviews' as const, at: now })),
      ...events.map((e) => ({ id: e.id, table: 'events' as const, at: now }))
    ];
    const done = async () => {
      await db.transaction('rw', db.meta, async () => {
        const current = await bookmarks(db);
        const gone = new Set(undone);
        const keptRecent = [...current.recent, ...sentNow]
          .filter((row) => row.at > now - undoWindowMs && !gone.has(row.id))
          .slice(-recentLimit);
        await db.meta.put({
          key: syncStateKey,
          value: {
            ...current,
            reviewSeq: Math.max(current.reviewSeq, lastReview),
            eventSeq: Math.max(current.eventSeq, lastEvent),
            keyed: { ...current.keyed, ...writes.remembered },
            recent: keptRecent
          }
        });
      });
    };
    return { docs, keyed, undone, done };
  });
}

export interface SkippedDoc {
  id: string;
  problem: string;
}

export interface Applied {
  /** Answers and card events new here. */
  received: number;
  /** Documents already here with the same contents (sent by this device, or twice). */
  alreadyHere: number;
  /** Entries deleted because another device took them back. */
  removed: number;
  /** Keyed values taken because they were written later than this device's. */
  keyedTaken: number;
  skipped: SkippedDoc[];
}

/** A document from the sync store's changes feed: the document, or that it was deleted. */
export interface IncomingChange {
  id: string;
  deleted: boolean;
  doc: unknown;
}

/** Rebuilds these cards' schedules from their logs, in the caller's transaction. */
async function rebuildCards(db: StudyDatabase, cardIds: readonly string[]): Promise<void> {
  if (cardIds.length === 0) return;
  const states = await replayCardLogs(db, cardIds);
  await db.cards.bulkPut([...states].map(([id, state]) => ({ id, ...state })));
  const gone = cardIds.filter((id) => !states.has(id));
  if (gone.length > 0) await db.cards.bulkDelete(gone);
}

/**
 * Rebuilds the cards left by batches applied with `deferCards`, each once, in one
 * transaction. Returns how many were rebuilt.
 */
export async function rebuildPendingCards(): Promise<number> {
  const db = database();
  const count = await db.transaction('rw', [db.reviews, db.events, db.cards, db.meta], async () => {
    const marks = await bookmarks(db);
    if (marks.pendingCards.length === 0) return 0;
    await rebuildCards(db, marks.pendingCards);
    await db.meta.delete(streakKey);
    await db.meta.put({
      key: syncStateKey,
      value: { ...marks, pendingCards: [] } satisfies SyncBookmarks
    });
    return marks.pendingCards.length;
  });
  if (count > 0) announce({ kind: 'restored', cardId: '' });
  return count;
}

/**
 * Writes a batch of the sync store's changes in one transaction, with the bookmark `since`
 * (the store's sequence after the batch): answers and events new here are added in answer
 * order, deletions (another device's Undo) remove the entry, keyed values written later than
 * this device's replace them, and every card touched is rebuilt by replaying its log.
 */
export async function applyIncoming(
  changes: readonly IncomingChange[],
  since: number | string,
  now: number,
  /** Leave the touched cards to `rebuildPendingCards` (a big first sync, batch after batch). */
  options: { deferCards?: boolean } = {}
): Promise<Applied> {
  const db = database();
  const skipped: SkippedDoc[] = [];
  const answers = new Map<string, LoggedEntry>();
  const events = new Map<string, LoggedCardEvent>();
  const keyed = new Map<SyncKey, KeyedWrite>();
  const deleted: string[] = [];
  for (const change of changes) {
    if (change.id.startsWith('_design/')) continue;
    if (change.deleted) {
      deleted.push(change.id);
      continue;
    }
    const read = readDoc(change.doc, now);
    if (!read.ok) skipped.push({ id: read.id, problem: read.problem });
    else if (read.kind === 'answer') answers.set(read.entry.id, read.entry);
    else if (read.kind === 'event') events.set(read.event.id, read.event);
    else if ((syncKeys as readonly string[]).includes(read.key)) keyed.set(read.key, read.write);
  }
  const tables = [db.reviews, db.events, db.cards, db.meta, db.settings];
  const result = await db.transaction('rw', tables, async () => {
    const marks = await bookmarks(db);
    const [lastReviewSeq, lastEventSeq] = await Promise.all([
      db.reviews.orderBy('seq').lastKey(),
      db.events.orderBy('seq').lastKey()
    ]);
    const touched = new Set<string>();
    let alreadyHere = 0;
    const [reviewsHere, eventsHere] = await Promise.all([
      db.reviews
        .where('id')
        .anyOf([...answers.keys()])
        .toArray(),
      db.events
        .where('id')
        .anyOf([...events.keys()])
        .toArray()
    ]);
    for (const row of reviewsHere) {
      const incoming = answers.get(row.id);
      if (!incoming) continue;
      answers.delete(row.id);
      if (sameContent(row, incoming, 'seq')) alreadyHere += 1;
      else
        skipped.push({
          id: row.id,
          problem: 'an answer with this id is here with different contents'
        });
    }
    for (const row of eventsHere) {
      const incoming = events.get(row.id);
      if (!incoming) continue;
      events.delete(row.id);
      if (sameContent(row, incoming, 'seq')) alreadyHere += 1;
      else
        skipped.push({
          id: row.id,
          problem: 'a card event with this id is here with different contents'
        });
    }
    // The log is ordered by each row's answer time, not its seq: rows may go in as they come.
    const newAnswers = inAnswerOrder([...answers.values()]).map(({ seq: _seq, ...row }) => {
      void _seq;
      touched.add(row.cardId);
      return row;
    });
    const newEvents = [...events.values()]
      .sort((a, b) => a.at - b.at)
      .map(({ seq: _seq, ...row }) => {
        void _seq;
        touched.add(row.cardId);
        return row;
      });
    if (newAnswers.length > 0) await db.reviews.bulkAdd(newAnswers as LoggedEntry[]);
    if (newEvents.length > 0) await db.events.bulkAdd(newEvents as LoggedCardEvent[]);
    let removed = 0;
    if (deleted.length > 0) {
      const [gone, goneEvents] = await Promise.all([
        db.reviews.where('id').anyOf(deleted).toArray(),
        db.events.where('id').anyOf(deleted).toArray()
      ]);
      for (const row of [...gone, ...goneEvents]) touched.add(row.cardId);
      await db.reviews.bulkDelete(gone.map((row) => row.seq));
      await db.events.bulkDelete(goneEvents.map((row) => row.seq));
      removed = gone.length + goneEvents.length;
    }
    let pendingCards = marks.pendingCards;
    if (options.deferCards) pendingCards = [...new Set([...pendingCards, ...touched])];
    else {
      await rebuildCards(db, [...new Set([...pendingCards, ...touched])]);
      pendingCards = [];
    }
    let keyedTaken = 0;
    const nextKeyed = { ...marks.keyed };
    const settingsRow = await db.settings.get('review');
    let settings: Partial<ReviewSettings> | undefined;
    for (const [key, write] of keyed) {
      if (!isLater(write, nextKeyed[key])) continue;
      nextKeyed[key] = write;
      keyedTaken += 1;
      if (key.startsWith('setting:')) {
        settings ??= { ...normalizeSettings(settingsRow?.value as Partial<ReviewSettings>) };
        (settings as Record<string, unknown>)[key.slice('setting:'.length)] = write.value;
      } else {
        const metaKey = key.slice('meta:'.length) as (typeof metaKeys)[number];
        await db.meta.put({ key: metaKey, value: write.value });
      }
    }
    if (settings) await db.settings.put({ key: 'review', value: normalizeSettings(settings) });
    if (touched.size > 0) await db.meta.delete(streakKey);
    // Rows written here need no sending back: when nothing of this device's was waiting,
    // the bookmarks move past them.
    const [newLastReview, newLastEvent] = await Promise.all([
      db.reviews.orderBy('seq').lastKey(),
      db.events.orderBy('seq').lastKey()
    ]);
    const reviewSeq =
      marks.reviewSeq >= ((lastReviewSeq as number | undefined) ?? 0)
        ? ((newLastReview as number | undefined) ?? 0)
        : marks.reviewSeq;
    const eventSeq =
      marks.eventSeq >= ((lastEventSeq as number | undefined) ?? 0)
        ? ((newLastEvent as number | undefined) ?? 0)
        : marks.eventSeq;
    await db.meta.put({
      key: syncStateKey,
      value: {
        ...marks,
        reviewSeq,
        eventSeq,
        appliedSince: since,
        keyed: nextKeyed,
        pendingCards
      } satisfies SyncBookmarks
    });
    return {
      received: newAnswers.length + newEvents.length,
      alreadyHere,
      removed,
      keyedTaken,
      skipped,
      touched: touched.size
    };
  });
  if (result.touched > 0 || result.keyedTaken > 0) announce({ kind: 'restored', cardId: '' });
  const { touched: _touched, ...applied } = result;
  void _touched;
  return applied;
}
