import Dexie, { type EntityTable } from 'dexie';
import type { ReviewEntry } from '../core/review/log';
import type { CardState } from '../core/review/scheduler';

/** A card's cached scheduling state, keyed by the content's card id. */
export interface StoredCard extends CardState {
  id: string;
}

export interface StoredEntry extends ReviewEntry {
  seq: number;
}

export interface KeyValue {
  key: string;
  value: unknown;
}

export const databaseName = 'system-design-recall';

/**
 * The app's one database. Every schema version is declared here, each with its upgrade
 * beside it; a new version is a new `this.version(n)` line, never an edit of an old one.
 */
export class StudyDatabase extends Dexie {
  cards!: EntityTable<StoredCard, 'id'>;
  reviews!: EntityTable<StoredEntry, 'seq'>;
  settings!: EntityTable<KeyValue, 'key'>;
  meta!: EntityTable<KeyValue, 'key'>;

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
  }
}
