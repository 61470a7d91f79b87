import { SessionQueue, type DailyPlan, type QueueCounts } from '../review/queue';
import type { CardState, Rating } from '../review/scheduler';
import type { Policy } from './policies';

export type ItemType = 'new' | 'review' | 'learning';
export interface SessionItem {
  id: string;
  type: ItemType;
}

/** An answer of this session that Undo can take back. */
export interface UndoRecord {
  /** The log row's local sequence number. */
  seq: number;
  cardId: string;
  type: ItemType;
  /** The answer took the card off the front-of-queue list; undo puts it back. */
  leftPriority: boolean;
}

/**
 * A card event of this session (suspend, bury, flag) that Undo can take back, in turn with the
 * answers. `left`: the card left the run because of it, so undo brings it back first.
 */
export interface MarkRecord {
  /** The card event's local sequence number. */
  eventSeq: number;
  cardId: string;
  type: ItemType;
  left: boolean;
}

/** What Undo would take back next: an answer or a card event. */
export type UndoStep = ({ kind: 'answer' } & UndoRecord) | ({ kind: 'mark' } & MarkRecord);

/** What the database says an answer did, as the session needs it. */
export interface AnswerResult {
  seq: number;
  rating: Rating;
  /** The card's state after the answer, as stored (null when never scheduled). */
  after: CardState | null;
  leftPriority: boolean;
  /** How long the answer took (see `answerDuration`), for the session's summary. */
  durationMs?: number;
}

/** What a session came to, for its closing summary. */
export interface SessionSummary {
  answered: number;
  /** Answers rated Hard, Good or Easy (not Again). */
  right: number;
  /** Time spent answering, summed over the answers. */
  timeMs: number;
}

/** Answers longer than this count as this long: the learner probably walked away. */
export const maxAnswerMs = 5 * 60_000;

/** How long an answer took, for the log: from the card being shown, capped at `maxAnswerMs`. */
export function answerDuration(shownAt: number, now: number): number {
  return Math.min(maxAnswerMs, Math.max(0, now - shownAt));
}

/** Whether two states put a card in the same place in a run (due and phase). */
function sameSlot(a: CardState | null, b: CardState | null): boolean {
  return a === b || (a !== null && b !== null && a.due === b.due && a.phase === b.phase);
}

/**
 * A study session of any kind: which card comes next, what an answer does to the rest of the
 * run, the undo stack, and cards answered in another tab. Pure: the caller passes the clock and
 * what the database stored; the policy supplies what differs between kinds.
 */
export class StudySession {
  readonly policy: Policy;
  #queue: SessionQueue;
  #undo: UndoStep[] = [];
  #answered = 0;
  /** Every answer of this run still counted (an undone one leaves), by log sequence number. */
  #tally = new Map<number, { rating: Rating; durationMs: number }>();

  constructor(policy: Policy, plan: DailyPlan, dayEnds: number) {
    this.policy = policy;
    this.#queue = new SessionQueue(plan, dayEnds);
  }

  /** The card to show at `now`, or undefined when nothing is left for now. */
  next(now: number): SessionItem | undefined {
    return this.#queue.next(now);
  }

  /**
   * Books an answer: the card moves on as the policy says. The page books it as it starts the
   * write, with a provisional (negative) `seq` and the state it expects, and `settled` then
   * gives what the database stored; if the write fails, `undone` takes the booking back.
   */
  answered(item: SessionItem, result: AnswerResult): void {
    this.#answered += 1;
    this.#tally.set(result.seq, { rating: result.rating, durationMs: result.durationMs ?? 0 });
    this.#undo.push({
      kind: 'answer',
      seq: result.seq,
      cardId: item.id,
      type: item.type,
      leftPriority: result.leftPriority
    });
    switch (this.policy.afterAnswer) {
      case 'schedule':
        this.#queue.answered(item.id, result.after);
        break;
      case 'requeue-misses':
        this.#queue.requeue(item.id, result.rating === 1);
        break;
      case 'advance':
        this.#queue.requeue(item.id, false);
        break;
    }
  }

  /**
   * What the database stored for an answer booked ahead of it (`answered` with a provisional
   * `seq`, from the state the page held): the answer takes its real sequence number, and when
   * the stored state differs from the one booked (another tab answered the card in between),
   * or the answer suspended the card as a leech (`leaves`), the card is placed by what was
   * stored.
   */
  settled(
    provisionalSeq: number,
    booked: CardState | null,
    stored: { seq: number; after: CardState | null; leftPriority: boolean; leaves?: boolean }
  ): void {
    const record = this.#undo.findLast(
      (step): step is { kind: 'answer' } & UndoRecord =>
        step.kind === 'answer' && step.seq === provisionalSeq
    );
    if (!record) return;
    record.seq = stored.seq;
    record.leftPriority = stored.leftPriority;
    const tally = this.#tally.get(provisionalSeq);
    this.#tally.delete(provisionalSeq);
    if (tally) this.#tally.set(stored.seq, tally);
    if (stored.leaves) this.#queue.answered(record.cardId, null);
    else if (this.policy.afterAnswer === 'schedule' && !sameSlot(booked, stored.after))
      this.#queue.answered(record.cardId, stored.after);
  }

  /** Leaves a card out without an answer (its text could not be found). */
  skip(id: string): void {
    this.#queue.answered(id, null);
  }

  /** The answer Undo would take back (undefined when the last step was a card event). */
  get lastAnswer(): UndoRecord | undefined {
    const last = this.#undo.at(-1);
    return last?.kind === 'answer' ? last : undefined;
  }

  /** What Undo takes back next, answer or card event. */
  get lastStep(): UndoStep | undefined {
    return this.#undo.at(-1);
  }

  /** The last step was taken back in the database: its card comes first again. */
  undone(now: number): UndoStep | undefined {
    const last = this.#undo.pop();
    if (!last) return undefined;
    if (last.kind === 'answer') {
      this.#answered = Math.max(0, this.#answered - 1);
      this.#tally.delete(last.seq);
    }
    if (last.kind === 'answer' || last.left)
      this.#queue.restore({ id: last.cardId, type: last.type }, now);
    return last;
  }

  /** The last step cannot be taken back (answered again elsewhere, or gone): forget it. */
  dropLastAnswer(): UndoStep | undefined {
    return this.#undo.pop();
  }

  /**
   * The learner marked `item` (a stored card event). A suspended or buried card (`leaves`)
   * leaves the run at once, without counting as answered; a flag leaves it where it is.
   */
  marked(item: SessionItem, eventSeq: number, leaves: boolean): void {
    const left = leaves && this.#queue.has(item.id);
    if (left) this.#queue.answered(item.id, null);
    this.#undo.push({ kind: 'mark', eventSeq, cardId: item.id, type: item.type, left });
  }

  /**
   * Another tab answered `id`. Returns whether this session dropped the card because of it
   * (the tab that answered it carries on with its learning steps). `replan` sessions are given
   * a new plan instead (see `replan`).
   */
  answeredElsewhere(id: string): boolean {
    if (this.policy.otherTabs !== 'drop' || !this.#queue.has(id)) return false;
    this.#queue.answered(id, null);
    return true;
  }

  /** A new plan made from the database (another tab answered): the queue follows it. */
  replan(plan: DailyPlan, dayEnds: number): void {
    this.#queue = new SessionQueue(plan, dayEnds);
  }

  /** Whether `id` is still to come in this run. */
  has(id: string): boolean {
    return this.#queue.has(id);
  }

  get canUndo(): boolean {
    return this.#undo.length > 0;
  }

  get answeredCount(): number {
    return this.#answered;
  }

  /** Answered, right (not Again) and time spent in this run, undone answers left out. */
  get summary(): SessionSummary {
    let right = 0;
    let timeMs = 0;
    for (const answer of this.#tally.values()) {
      if (answer.rating > 1) right += 1;
      timeMs += answer.durationMs;
    }
    return { answered: this.#tally.size, right, timeMs };
  }

  get counts(): QueueCounts {
    return this.#queue.counts;
  }

  /** Share of the run done, 0-1 (1 when there was nothing to do). */
  get progress(): number {
    const total = this.#answered + this.#queue.remaining;
    return total === 0 ? 1 : this.#answered / total;
  }

  upcoming(count: number): string[] {
    return this.#queue.upcoming(count);
  }

  nextLearningDue(): number | undefined {
    return this.#queue.nextLearningDue();
  }
}
