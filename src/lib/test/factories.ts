// Shared builders for tests: deck cards, card states and log rows, with fixed dates.
import type { DeckCard } from '../core/review/queue';
import { makeEntryId } from '../core/review/entry-id';
import { makeEntry, type LoggedEntry, type ReviewMode } from '../core/review/log';
import {
  paramsFrom,
  type CardState,
  type Rating,
  type SchedulerParams
} from '../core/review/scheduler';
import { defaultSettings } from '../core/review/settings';

/** 09:00 UTC on 2 March 2026: "now" in tests unless they say otherwise. */
export const testStart = Date.UTC(2026, 2, 2, 9);
export const testDevice = 'TESTDEV1';
/** The default settings without fuzz, so intervals are exact. */
export const testParams: SchedulerParams = paramsFrom({ ...defaultSettings, fuzz: false });

/** A card of the deck; the note is the id's part before a colon, as in the content. */
export function deckCard(id: string, overrides: Partial<DeckCard> = {}): DeckCard {
  return {
    id,
    noteId: id.split(':')[0] ?? id,
    kind: 'basic',
    lesson: 'lesson-1',
    section: 'section-1',
    ...overrides
  };
}

let made = 0;

/**
 * A log row as the database stores it (no `seq`: the database gives it), for the answer
 * `rating` to `cardId` at `now` from state `before`.
 */
export function logRow(input: {
  cardId: string;
  rating: Rating;
  now: number;
  before?: CardState | undefined;
  mode?: ReviewMode;
  scheduled?: boolean;
  params?: SchedulerParams;
}): Omit<LoggedEntry, 'seq'> {
  made += 1;
  const entry = makeEntry({
    cardId: input.cardId,
    rating: input.rating,
    now: input.now,
    durationMs: 4000,
    mode: input.mode ?? 'review',
    scheduled: input.scheduled ?? true,
    params: input.params ?? testParams,
    before: input.before
  });
  const digits = (n: number) => Array.from({ length: n }, (_, i) => (made >> (i * 5)) & 31);
  return { ...entry, id: makeEntryId(input.now, testDevice, digits) };
}
