import Dexie, { type EntityTable } from 'dexie';
import type { DrillAnswer, DrillLength } from '../core/drill/drill';
import { makeDeviceId, makeEntryId } from '../core/review/entry-id';
import type { LoggedCardEvent } from '../core/review/events';
import type { LoggedEntry } from '../core/review/log';
import type { CardState } from '../core/review/scheduler';

/** A card's cached scheduling state, keyed by the content's card id. */
export interface StoredCard extends CardState {
  id: string;
}

/** A log row: its local sequence number (`seq`, answer order on this device) and its globally unique `id`. */
export type StoredEntry = LoggedEntry;

/** A card-event row (suspend, bury, flag, forget): its local `seq` and its globally unique `id`. */
export type StoredCardEvent = LoggedCardEvent;

/** A finished mock drill, for the report and the scores-over-time chart. */
export interface StoredDrill {
  id?: number;
  startedAt: number;
  endedAt: number;
  length: DrillLength;
  /** The topics chosen; empty means all. */
  topics: string[];
  practiceOnly: boolean;
  answers: DrillAnswer[];
  /** Questions chosen for the drill (answered or not), in the order asked. */
  questions: string[];
}

export interface KeyValue {
  key: string;
  value: unknown;
}

export const databaseName = 'system-design-recall';

/** The meta row holding this database's device id, the middle part of every entry id it makes. */
export const deviceKey = 'device-id';
/** The meta row of the streak's mark of past days (see db/streak.ts). */
export const streakKey = 'streak-mark';

/**
 * The app's one database. Every schema version is declared here, each with its upgrade
 * beside it; a new version is a new `this.version(n)` line, never an edit of an old one.
 */
export class StudyDatabase extends Dexie {
  cards!: EntityTable<StoredCard, 'id'>;
  reviews!: EntityTable<StoredEntry, 'seq'>;
  settings!: EntityTable<KeyValue, 'key'>;
  meta!: EntityTable<KeyValue, 'key'>;
  drills!: EntityTable<StoredDrill, 'id'>;
  events!: EntityTable<StoredCardEvent, 'seq'>;

  constructor(name = databaseName, options?: ConstructorParameters<typeof Dexie>[1]) {
    super(name, options);
    this.version(1).stores({
      // Card state: a cache that replaying the log rebuilds.
      cards: 'id, due',
      // The review log: append-only, in answer order; the source of truth.
      reviews: '++seq, cardId, reviewedAt',
      settings: 'key',
      meta: 'key'
    });
    // Version 2: mock drills, and the log indexed by rating so past misses are found without
    // reading every answer. Existing rows get the index as they are; nothing to convert.
    this.version(2).stores({
      reviews: '++seq, cardId, reviewedAt, rating',
      drills: '++id, startedAt'
    });
    // Version 3: every log row gets a globally unique id (see core/review/entry-id.ts) beside
    // its local sequence number, so two logs merge as a union by id. The database gets its
    // device id here too; rows already written get ids from their own answer time.
    this.version(3)
      .stores({ reviews: '++seq, &id, cardId, reviewedAt, rating' })
      .upgrade(async (tx) => {
        const meta = tx.table<KeyValue, string>('meta');
        const kept = (await meta.get(deviceKey))?.value;
        const device = typeof kept === 'string' ? kept : makeDeviceId();
        await meta.put({ key: deviceKey, value: device });
        await tx
          .table<StoredEntry, number>('reviews')
          .toCollection()
          .modify((row) => {
            if (typeof row.id !== 'string')
              row.id = makeEntryId(typeof row.reviewedAt === 'number' ? row.reviewedAt : 0, device);
          });
      });
    // Version 4: the card-event log (suspend, bury, flag, forget; see core/review/events.ts),
    // append-only like the review log and with the same kind of ids. A new table: nothing to
    // convert.
    this.version(4).stores({ events: '++seq, &id, cardId, at' });
    // Version 5: card states indexed by phase, so a day's review reads the states it plans from
    // (due today, or learning: see loadDayStates in reviews.ts) without reading every state.
    // The index is built from the rows as they are; nothing to convert.
    this.version(5).stores({ cards: 'id, due, phase' });
  }
}
