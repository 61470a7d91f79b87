import { cardIdPattern } from './entry-guard';
import { entryIdPattern } from './entry-id';
import type { CardState } from './scheduler';

/**
 * What a learner does to a card besides answering it. Each is one row of the card-event log,
 * with a globally unique id like an answer's, so backups and sync carry it; a card's marks
 * (suspended, buried, flagged) and its forgetting are what replaying its events gives.
 *
 * - `suspend` / `unsuspend`: left out of every study queue until taken back.
 * - `bury`: left out until `until` (the start of the next study day).
 * - `unbury`: back before that.
 * - `flag`: a colour (1-4), or 0 to take the flag off.
 * - `forget`: back to new; the answers before it stay in the log as history but no longer
 *   schedule the card.
 */
export type CardEventKind = 'suspend' | 'unsuspend' | 'bury' | 'unbury' | 'flag' | 'forget';

export const cardEventKinds: readonly CardEventKind[] = [
  'suspend',
  'unsuspend',
  'bury',
  'unbury',
  'flag',
  'forget'
];

/** Flag colours, as Anki numbers them (Ctrl+1-4). 0 is no flag. */
export const flagColours = ['red', 'orange', 'green', 'blue'] as const;
export type FlagColour = (typeof flagColours)[number];
export type Flag = 0 | 1 | 2 | 3 | 4;

/** Why a card was suspended: by the learner, or because it became a leech. */
export type SuspendReason = 'learner' | 'leech';

/** One card event as the core makes it, before the database gives it a sequence number. */
export interface CardEvent {
  /** Globally unique, made on the device (see entry-id.ts). */
  id: string;
  cardId: string;
  kind: CardEventKind;
  /** When it was done, epoch ms. */
  at: number;
  /** `bury`: when the card comes back, epoch ms. */
  until?: number;
  /** `flag`: the colour, 0 for none. */
  flag?: Flag;
  /** `suspend`: who suspended it. */
  reason?: SuspendReason;
}

/** A card event as stored: its local sequence number beside its id. */
export interface LoggedCardEvent extends CardEvent {
  seq: number;
}

/** What a card's events say of it now. A card with no events has `noMarks`. */
export interface CardMarks {
  suspended: boolean;
  suspendReason?: SuspendReason;
  /** Buried until this time (epoch ms); 0 when not buried. Compare with the clock. */
  buriedUntil: number;
  flag: Flag;
  /** The time of the card's latest `forget`, 0 when never forgotten. */
  forgottenAt: number;
}

export const noMarks: Readonly<CardMarks> = Object.freeze({
  suspended: false,
  buriedUntil: 0,
  flag: 0,
  forgottenAt: 0
});

/** Events in the order they were done: by time, then by local sequence for equal times. */
export function inEventOrder<T extends { at: number; seq?: number }>(events: readonly T[]): T[] {
  return [...events].sort((a, b) => a.at - b.at || (a.seq ?? 0) - (b.seq ?? 0));
}

/** Folds one event into a card's marks. */
export function applyEvent(marks: CardMarks, event: CardEvent): CardMarks {
  switch (event.kind) {
    case 'suspend':
      return { ...marks, suspended: true, suspendReason: event.reason ?? 'learner' };
    case 'unsuspend': {
      const { suspendReason: _dropped, ...rest } = marks;
      void _dropped;
      return { ...rest, suspended: false };
    }
    case 'bury':
      return { ...marks, buriedUntil: event.until ?? 0 };
    case 'unbury':
      return { ...marks, buriedUntil: 0 };
    case 'flag':
      return { ...marks, flag: event.flag ?? 0 };
    case 'forget':
      return { ...marks, forgottenAt: Math.max(marks.forgottenAt, event.at) };
  }
}

/** Every card's marks from the event log (any order: they are sorted here). */
export function replayEvents(events: readonly CardEvent[]): Map<string, CardMarks> {
  const marks = new Map<string, CardMarks>();
  for (const event of inEventOrder(events))
    marks.set(event.cardId, applyEvent(marks.get(event.cardId) ?? noMarks, event));
  return marks;
}

/** Whether a card with these marks is kept out of study at `now`: suspended or still buried. */
export function isHidden(marks: CardMarks | undefined, now: number): boolean {
  return !!marks && (marks.suspended || marks.buriedUntil > now);
}

/** The cards kept out of study at `now`. */
export function hiddenCards(marks: ReadonlyMap<string, CardMarks>, now: number): Set<string> {
  const hidden = new Set<string>();
  for (const [id, mark] of marks) if (isHidden(mark, now)) hidden.add(id);
  return hidden;
}

/** When each forgotten card was last forgotten: answers at or before it no longer schedule it. */
export function forgottenTimes(marks: ReadonlyMap<string, CardMarks>): Map<string, number> {
  const times = new Map<string, number>();
  for (const [id, mark] of marks) if (mark.forgottenAt > 0) times.set(id, mark.forgottenAt);
  return times;
}

/**
 * Leeches: cards forgotten again and again. A card is a leech once its lapses (answers of
 * Again on a card in review) reach the threshold, as in Anki (8 by default).
 */
export function isLeech(state: CardState | undefined, threshold: number): boolean {
  return !!state && threshold > 0 && state.lapses >= threshold;
}

/** Whether this answer is the one that made the card a leech (so the learner is told once). */
export function becameLeech(
  before: CardState | null | undefined,
  after: CardState | null | undefined,
  threshold: number
): boolean {
  return isLeech(after ?? undefined, threshold) && !isLeech(before ?? undefined, threshold);
}

const kinds = new Set<string>(cardEventKinds);

/**
 * A card-event row read back from storage (or a file), checked; undefined when it is not one.
 * Only what the kind uses is kept, so a stray field never travels on.
 */
export function readEvent(row: unknown): LoggedCardEvent | undefined {
  const value = row as Partial<LoggedCardEvent> | null;
  if (!value || typeof value !== 'object') return undefined;
  const { seq, id, cardId, kind, at } = value;
  if (typeof seq !== 'number' || !Number.isInteger(seq) || seq < 1) return undefined;
  if (typeof id !== 'string' || !entryIdPattern.test(id)) return undefined;
  if (typeof cardId !== 'string' || !cardIdPattern.test(cardId)) return undefined;
  if (typeof kind !== 'string' || !kinds.has(kind)) return undefined;
  if (typeof at !== 'number' || !Number.isFinite(at) || at < 0) return undefined;
  const event: LoggedCardEvent = { seq, id, cardId, kind, at };
  if (kind === 'bury') {
    if (typeof value.until !== 'number' || !Number.isFinite(value.until)) return undefined;
    event.until = value.until;
  }
  if (kind === 'flag') {
    if (![0, 1, 2, 3, 4].includes(value.flag as number)) return undefined;
    event.flag = value.flag as Flag;
  }
  if (kind === 'suspend') event.reason = value.reason === 'leech' ? 'leech' : 'learner';
  return event;
}
