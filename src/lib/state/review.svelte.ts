import { tick } from 'svelte';
import type { Card } from '$lib/core/content/types';
import { makeEntry, type ReviewEntry, type ReviewMode } from '$lib/core/review/log';
import { weakestOn } from '$lib/core/drill/interview';
import {
  learnAheadMs,
  SessionQueue,
  type DailyPlan,
  type QueueCounts
} from '$lib/core/review/queue';
import {
  paramsFrom,
  previewOutcomes,
  type CardState,
  type Outcome,
  type Rating,
  type SchedulerParams
} from '$lib/core/review/scheduler';
import type { ReviewSettings } from '$lib/core/review/settings';
import { deviceTimeZone, nextStudyDayStart } from '$lib/core/review/time';
import { clearPriorityCard } from '$lib/db/drills';
import { loadSettings, loadStates, nextDue, recordAnswer, undoAnswer } from '$lib/db/reviews';
import { clock } from './clock';
import { planForToday } from './daily-plan';
import { loadDeck, loadLessonCards, type Deck } from './deck';
import { describeStorageError } from './errors';
import { requestPersistentStorage } from './storage';

type ItemType = 'new' | 'review' | 'learning';

/**
 * What the session is for. `daily`: today's queue. `cram`: study a lesson or a section now,
 * without touching the schedule. `prepare`: the cards least likely to be remembered on the
 * interview date, answered as real reviews.
 */
export type SessionKind =
  | { kind: 'daily' }
  | { kind: 'cram'; lesson: string; section?: string }
  | { kind: 'prepare'; date: number; limit: number };

/** Reads the session kind from the review page's address (`?lesson=…&section=…`, `?prepare=…`). */
export function sessionKindFrom(search: URLSearchParams): SessionKind {
  const lesson = search.get('lesson');
  if (lesson) return { kind: 'cram', lesson, section: search.get('section') ?? undefined };
  const prepare = search.get('prepare');
  if (prepare && !Number.isNaN(Date.parse(prepare)))
    return { kind: 'prepare', date: Date.parse(`${prepare}T12:00:00`), limit: 30 };
  return { kind: 'daily' };
}

interface Answered {
  seq: number;
  cardId: string;
  type: ItemType;
  before: CardState | null;
}

/** Answers longer than this count as this long: the learner probably walked away. */
const maxDurationMs = 5 * 60_000;

/**
 * The review session over today's queue. Components read its fields; every write goes
 * through `src/lib/db`, one transaction per answer.
 */
export class ReviewSession {
  status = $state<'loading' | 'card' | 'done' | 'error'>('loading');
  /** The card on screen and where it comes from. */
  card = $state<Card | undefined>();
  cardType = $state<ItemType>('new');
  /** Whether the answer side (and the rating buttons) is showing. */
  revealed = $state(false);
  outcomes = $state<Outcome[]>([]);
  /** The rating the app suggests for choice, scenario and order questions. */
  proposed = $state<Rating | undefined>();
  counts = $state<QueueCounts>({ new: 0, learning: 0, review: 0 });
  answeredCount = $state(0);
  #dayEnds = 0;
  /** A failed write: the answer is kept, and `retry` tries it again. */
  saveError = $state<string | undefined>();
  loadError = $state<string | undefined>();
  /** When the next card is due once this session is done. */
  nextDueAt = $state<number | undefined>();
  /** Bumped each time a new card is shown, so the page can move focus to it. */
  shownCount = $state(0);
  canUndo = $state(false);
  busy = $state(false);

  readonly mode: ReviewMode;
  readonly kind: SessionKind;
  #priority = new Set<string>();
  #deck: Deck | undefined;
  #states = new Map<string, CardState>();
  #params: SchedulerParams | undefined;
  #queue: SessionQueue | undefined;
  #history: Answered[] = [];
  #shownAt = 0;
  #pending: { entry: ReviewEntry; type: ItemType } | undefined;
  #wakeTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(kind: SessionKind = { kind: 'daily' }) {
    this.kind = kind;
    this.mode = kind.kind === 'cram' ? 'cram' : 'review';
  }

  /** Whether answers move the schedule (not when studying ahead). */
  get scheduled(): boolean {
    return this.kind.kind !== 'cram';
  }

  get progress(): number {
    const left = this.counts.new + this.counts.learning + this.counts.review;
    const total = this.answeredCount + left;
    return total === 0 ? 1 : this.answeredCount / total;
  }

  get deck(): Deck | undefined {
    return this.#deck;
  }

  async start(): Promise<void> {
    this.status = 'loading';
    try {
      const [deck, states, settings] = await Promise.all([
        loadDeck(),
        loadStates(),
        loadSettings()
      ]);
      this.#deck = deck;
      this.#states = states;
      this.#params = paramsFrom(settings);
      const now = clock.now();
      const { plan, dayEnds } = await this.#plan(deck, states, settings, now);
      this.#queue = new SessionQueue(plan, dayEnds);
      this.#dayEnds = dayEnds;
      await this.#showNext();
    } catch (error) {
      this.loadError = describeStorageError(error);
      this.status = 'error';
    }
  }

  /** The cards of this session, and when its study day ends (learning cards stop there). */
  async #plan(
    deck: Deck,
    states: Map<string, CardState>,
    settings: ReviewSettings,
    now: number
  ): Promise<{ plan: DailyPlan; dayEnds: number }> {
    const kind = this.kind;
    if (kind.kind === 'daily') {
      const { plan, priority, dayEnds } = await planForToday(deck, states, settings, now);
      this.#priority = new Set(priority);
      return { plan, dayEnds };
    }
    // Studying ahead and preparing for an interview: a fixed list of cards, in order.
    const ids =
      kind.kind === 'cram'
        ? deck.cards
            .filter(
              (card) =>
                card.lesson === kind.lesson && (!kind.section || card.section === kind.section)
            )
            .map((card) => card.id)
        : weakestOn({
            cards: deck.cards,
            states,
            params: paramsFrom(settings),
            date: kind.date,
            limit: kind.limit
          });
    const main = ids.map((id) => ({
      id,
      type: states.get(id) ? ('review' as const) : ('new' as const)
    }));
    const dayEnds = nextStudyDayStart(now, settings.dayStartsAtHour, deviceTimeZone());
    return { plan: { main, learning: [], counts: { new: 0, learning: 0, review: 0 } }, dayEnds };
  }

  async #showNext(): Promise<void> {
    const queue = this.#queue;
    const deck = this.#deck;
    if (!queue || !deck) return;
    clearTimeout(this.#wakeTimer);
    const now = clock.now();
    const next = queue.next(now);
    this.counts = queue.counts;
    if (!next) {
      this.card = undefined;
      this.status = 'done';
      const learningDue = queue.nextLearningDue();
      this.nextDueAt = learningDue ?? (await nextDue((id) => deck.byId.has(id), now));
      // A learning card comes back later today: carry on by itself when it is due.
      if (learningDue !== undefined)
        this.#wakeTimer = setTimeout(
          () => void this.#showNext(),
          Math.max(1000, learningDue - now - learnAheadMs + 1000)
        );
      return;
    }
    const meta = deck.byId.get(next.id);
    const card = meta ? (await loadLessonCards(meta.lesson)).get(next.id) : undefined;
    if (!card) {
      // The deck and the lesson file disagree (a half-updated cache): skip rather than stall.
      queue.answered(next.id, null);
      return this.#showNext();
    }
    this.#prefetch();
    this.card = card;
    this.cardType = next.type;
    this.revealed = false;
    this.proposed = undefined;
    this.outcomes = [];
    this.status = 'card';
    this.#shownAt = clock.now();
    this.shownCount += 1;
    // For the benchmarks (bench/): the moment the card is on screen.
    await tick();
    performance.mark('review:card-shown');
  }

  /** Loads the lessons of the next few cards ahead of time. */
  #prefetch(): void {
    const deck = this.#deck;
    const queue = this.#queue;
    if (!deck || !queue) return;
    const slugs = new Set(queue.upcoming(5).map((id) => deck.byId.get(id)?.lesson));
    for (const slug of slugs) if (slug) loadLessonCards(slug).catch(() => undefined);
  }

  /** Shows the answer side and the rating buttons, with a suggested rating when there is one. */
  reveal(proposed?: Rating): void {
    if (!this.card || !this.#params) return;
    const outcomes = previewOutcomes(this.#params, this.#states.get(this.card.id), clock.now());
    // Studying ahead changes no interval, so the buttons show none.
    this.outcomes = this.scheduled
      ? outcomes
      : outcomes.map((outcome) => ({ ...outcome, interval: '' }));
    this.proposed = proposed;
    this.revealed = true;
  }

  propose(rating: Rating | undefined): void {
    this.proposed = rating;
  }

  /** Records the answer and moves on. The card stays on screen if the write fails. */
  async rate(rating: Rating): Promise<void> {
    const card = this.card;
    if (!card || !this.revealed || !this.#params || this.busy) return;
    performance.mark('review:answer');
    const now = clock.now();
    const entry = makeEntry({
      cardId: card.id,
      rating,
      now,
      durationMs: Math.min(maxDurationMs, now - this.#shownAt),
      mode: this.mode,
      scheduled: this.scheduled,
      params: this.#params,
      before: this.#states.get(card.id)
    });
    this.#pending = { entry, type: this.cardType };
    await this.#save();
  }

  /** Tries the last failed answer again. */
  async retry(): Promise<void> {
    await this.#save();
  }

  async #save(): Promise<void> {
    const pending = this.#pending;
    if (!pending || this.busy) return;
    this.busy = true;
    try {
      const seq = await recordAnswer(pending.entry);
      this.#pending = undefined;
      this.saveError = undefined;
      const { entry } = pending;
      if (entry.after) this.#states.set(entry.cardId, entry.after);
      this.#history.push({ seq, cardId: entry.cardId, type: pending.type, before: entry.before });
      this.canUndo = true;
      this.answeredCount += 1;
      if (this.answeredCount === 1) void requestPersistentStorage();
      if (this.scheduled) this.#queue?.answered(entry.cardId, entry.after);
      // Studying ahead: a card you missed comes back at the end of the run.
      else this.#queue?.requeue(entry.cardId, entry.rating === 1);
      if (this.#priority.delete(entry.cardId)) await clearPriorityCard(entry.cardId);
      await this.#showNext();
    } catch (error) {
      this.saveError = describeStorageError(error);
    } finally {
      this.busy = false;
    }
  }

  /** Takes back the last answer of this session and shows that card again. */
  async undo(): Promise<void> {
    const last = this.#history.at(-1);
    if (!last || this.busy) return;
    this.busy = true;
    try {
      const removed = await undoAnswer(last.seq);
      this.#history.pop();
      this.canUndo = this.#history.length > 0;
      if (!removed) return;
      if (last.before) this.#states.set(last.cardId, last.before);
      else this.#states.delete(last.cardId);
      this.answeredCount = Math.max(0, this.answeredCount - 1);
      this.#queue?.restore({ id: last.cardId, type: last.type }, clock.now());
      this.status = 'card';
      await this.#showNext();
    } catch (error) {
      this.saveError = describeStorageError(error);
    } finally {
      this.busy = false;
    }
  }

  /**
   * Back in view on a later study day (a phone left on this page overnight): the day's plan is
   * made again, with its new cards and what fell due. A card on screen mid-answer is left be.
   */
  async refreshIfNewDay(): Promise<void> {
    const midAnswer = this.status === 'card' && this.revealed;
    if (this.kind.kind === 'cram' || this.busy || midAnswer || this.status === 'loading') return;
    if (this.#dayEnds === 0 || clock.now() < this.#dayEnds) return;
    this.answeredCount = 0;
    await this.start();
  }

  stop(): void {
    clearTimeout(this.#wakeTimer);
  }
}
