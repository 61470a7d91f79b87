import { tick } from 'svelte';
import type { Card } from '$lib/core/content/types';
import {
  paramsFrom,
  type CardState,
  type Rating,
  type SchedulerParams
} from '$lib/core/review/card-state';
import type { Outcome } from '$lib/core/review/scheduler';
import { interviewInstant } from '$lib/core/drill/interview-date';
import { learnAheadMs } from '$lib/core/review/queue';
import type { ReviewSettings } from '$lib/core/review/settings';
import { daily, learn, prepare, studyNow, type Policy } from '$lib/core/session/policies';
import {
  answerDuration,
  StudySession,
  type ItemType,
  type SessionSummary,
  type SessionItem
} from '$lib/core/session/session';
import type { Answered } from '$lib/db/answer';
import { onLogChange, type LogChange } from '$lib/db/changes';
import { cardEvents } from '$lib/db/events';
import { isHidden, replayEvents, type Flag } from '$lib/core/review/events';
import { deviceTimeZone, nextStudyDayStart } from '$lib/core/review/time';
import { loadPlanStates, type DayStates, loadSettings, nextDue } from '$lib/db/reviews';
import { clock } from './clock';
import { clockWarning } from './clock-check';
import { readToday, visibleCards, type TodayRead } from './daily-plan';
import { loadDeck, loadedLessonCards, loadLessonCards, type Deck } from './deck';
import { takePreloaded } from './review-preload';
import { describeLoadError, describeStorageError } from './errors';

/**
 * What the session is for. `daily`: today's queue. `cram`: study a lesson or a section now,
 * without touching the schedule. `learn`: a topic's new cards, answered for real, right after
 * reading it. `prepare`: the cards least likely to be remembered on the
 * interview date, answered as real reviews.
 */
export type SessionKind =
  | { kind: 'daily'; extraNew?: number }
  | { kind: 'cram'; lesson: string; section?: string }
  | { kind: 'learn'; lesson: string; section?: string }
  | { kind: 'prepare'; date: number; limit: number };

/**
 * Reads the session kind from the review page's address (`?lesson=…&section=…`,
 * `?learn=…&section=…`, `?prepare=…`).
 */
export function sessionKindFrom(search: URLSearchParams): SessionKind {
  const learning = search.get('learn');
  if (learning)
    return { kind: 'learn', lesson: learning, section: search.get('section') ?? undefined };
  const lesson = search.get('lesson');
  if (lesson) return { kind: 'cram', lesson, section: search.get('section') ?? undefined };
  const date = interviewInstant(search.get('prepare') ?? '');
  if (date !== undefined) return { kind: 'prepare', date, limit: 30 };
  // Custom study, "more new cards today": `?more=10` raises today's new-card limit by 10.
  const more = Math.floor(Number(search.get('more')));
  return more > 0 ? { kind: 'daily', extraNew: Math.min(more, 100) } : { kind: 'daily' };
}

type Engine = typeof import('./review-engine');
let engine: Promise<Engine> | undefined;
/** The engine once loaded, so an answer uses it without waiting a microtask. */
let engineNow: Engine | undefined;

/** The scheduler and the answer's write path, loaded once, on first use (see review-engine). */
function loadEngine(): Promise<Engine> {
  engine ??= import('./review-engine').then(
    (loaded) => (engineNow = loaded),
    (error: unknown) => {
      // Offline before the service worker had it: the next attempt asks again.
      engine = undefined;
      throw error;
    }
  );
  return engine;
}

function policyFor(kind: SessionKind): Policy {
  if (kind.kind === 'cram') return studyNow(kind.lesson, kind.section);
  if (kind.kind === 'learn') return learn(kind.lesson, kind.section);
  if (kind.kind === 'prepare') return prepare(kind.date, kind.limit);
  return daily(kind.extraNew);
}

/** Whether a session of `kind` plans from the day's states only (its policy's `dayStates`). */
export function readsDayStates(kind: SessionKind): boolean {
  return policyFor(kind).dayStates === true;
}

/** An answer booked in the run while its write runs: what `#settle` needs either way. */
interface Booking {
  item: SessionItem;
  card: Card;
  rating: Rating;
  shownAt: number;
  /** The card's state as this page held it, put back if the write fails. */
  before: CardState | undefined;
  /** The state the page expects the write to store. */
  expected: CardState | null;
  /** The provisional (negative) sequence number the run knows the answer by until it is stored. */
  seq: number;
}

/** What a plan is made from besides the deck and the states. */
interface PlanReads {
  made: TodayRead;
  recall: ((state: CardState | undefined, at: number) => number) | undefined;
  settings: ReviewSettings;
}

/**
 * The one rune adapter over a study session (core/session) that the review page reads. Every
 * answer goes through `db.answer`, which computes it from the stored state in one transaction;
 * what this class holds in memory only draws the page: the intervals on the buttons, and which
 * card comes next while an answer is being written (put right by what the write stored).
 */
export class StudySessionState {
  status = $state<'loading' | 'card' | 'done' | 'error'>('loading');
  card = $state<Card | undefined>();
  cardType = $state<ItemType>('new');
  /** Whether the answer side (and the rating buttons) is showing. */
  revealed = $state(false);
  outcomes = $state<Outcome[]>([]);
  /** The rating the app suggests for choice, scenario and order questions. */
  proposed = $state<Rating | undefined>();
  counts = $state({ new: 0, learning: 0, review: 0 });
  answeredCount = $state(0);
  progress = $state(0);
  /** The answer could not be saved: it is kept, and `retry` tries again. */
  saveError = $state<string | undefined>();
  /** The session (or the next card) could not be loaded; any answer before it was saved. */
  loadError = $state<string | undefined>();
  /** Something the learner should know that is not an error (another tab, an undo refused). */
  notice = $state<string | undefined>();
  /** The card just answered became a leech (told once, on the answer that made it one). */
  leech = $state<{ cardId: string; lapses: number; suspended: boolean } | undefined>();
  nextDueAt = $state<number | undefined>();
  /** The flag of the card on screen (0 none). */
  flag = $state<Flag>(0);
  /** Bumped each time a new card is shown, so the page can move focus to it. */
  shownCount = $state(0);
  /**
   * The learner was new when the session started: no card has a state (every scheduled answer
   * writes one, as do a restore and sync) and nothing was answered today. Study ahead on an
   * earlier day writes no state, so a learner who only did that counts as new too, which suits
   * the one use: the review page offers to read the first card's topic.
   */
  firstTime = $state(false);
  #canUndo = $state(false);
  /**
   * Shown as busy (buttons off): only once a save or undo has taken a moment, so a quick answer
   * draws nothing between the key press and the next card.
   */
  busy = $state(false);
  #working = false;
  #busyTimer: ReturnType<typeof setTimeout> | undefined;

  readonly kind: SessionKind;
  readonly policy: Policy;
  #deck: Deck | undefined;
  #settings: ReviewSettings | undefined;
  #params: SchedulerParams | undefined;
  /** For drawing only: the intervals on the buttons. Answers read the database. */
  #states = new Map<string, CardState>();
  /**
   * The daily review reads only the day's states (db/reviews `loadDayStates`): the cards with a
   * state left out, and the `until` they were read for.
   */
  #later = new Set<string>();
  #statesUntil = Infinity;
  readonly #dayOnly: boolean;
  #session: StudySession | undefined;
  #item: SessionItem | undefined;
  #dayEnds = 0;
  #shownAt = 0;
  /** The rating of the answer on its way to the database, or kept after its write failed. */
  #pending = $state<Rating | undefined>();
  /** The write of the last answer, while it runs (see `#settle`). */
  #saving = $state<Promise<boolean> | undefined>();
  #wakeTimer: ReturnType<typeof setTimeout> | undefined;
  #replanTimer: ReturnType<typeof setTimeout> | undefined;
  #unlisten: (() => void) | undefined;
  /** Another tab answered the card on screen (noticed, not yet acted on). */
  #onScreenAnswered = false;
  /** Another tab suspended or buried the card on screen (noticed, not yet acted on). */
  #onScreenHidden = false;
  /** Each flagged card's flag, read at the start and kept as this tab and others change it. */
  #flags = new Map<string, Flag>();

  constructor(kind: SessionKind = { kind: 'daily' }) {
    this.kind = kind;
    this.policy = policyFor(kind);
    this.#dayOnly = this.policy.dayStates === true;
  }

  #begin(): void {
    this.#working = true;
    clearTimeout(this.#busyTimer);
    this.#busyTimer = setTimeout(() => (this.busy = this.#working), 100);
  }

  #end(): void {
    this.#working = false;
    clearTimeout(this.#busyTimer);
    this.busy = false;
  }

  get scheduled(): boolean {
    return this.policy.scheduled;
  }

  get deck(): Deck | undefined {
    return this.#deck;
  }

  /** Undo is off while an answer waits to be saved: what it would take back is unclear. */
  get canUndo(): boolean {
    return this.#canUndo && this.#pending === undefined;
  }

  /** Answered, right and time spent so far (read when the run is done). */
  get summary(): SessionSummary | undefined {
    return this.#session?.summary;
  }

  /** An answer is on screen that is not saved yet (leaving the page would lose it). */
  get unsaved(): boolean {
    return this.#pending !== undefined;
  }

  async start(): Promise<void> {
    this.status = 'loading';
    this.#unlisten ??= onLogChange((change) => void this.#otherTab(change));
    try {
      // Today's answers, marks and front-of-queue list need only the settings: they are read
      // while the deck and the card states still load, not after.
      const now = clock.now();
      // Begun by the page's load function when it could (review-preload.ts).
      const early = takePreloaded(this.#dayOnly);
      const settingsRead = early?.settings ?? loadSettings();
      const reads = settingsRead.then((settings) => this.#reads(settings, now));
      reads.catch(() => undefined); // awaited below; a failure is reported there
      // Each part marked as it arrives, for the benchmark's account of the first card.
      const arrived =
        <T>(name: string) =>
        (value: T) => {
          performance.mark(`review:${name}`);
          return value;
        };
      const [deck, states, settings] = await Promise.all([
        loadDeck().then(arrived('deck-read')),
        (early?.states ?? loadPlanStates(this.#dayOnly, now)).then(arrived('states-read')),
        settingsRead
      ]);
      this.#deck = deck;
      this.#takeStates(states);
      this.#settings = settings;
      this.#params = paramsFrom(settings);
      this.firstTime =
        states.states.size === 0 && states.later.size === 0 && (await reads).made.today.total === 0;
      const { plan, dayEnds, marks } = this.#planFrom(await reads);
      performance.mark('review:planned');
      this.#flags = new Map();
      for (const [id, mark] of marks) if (mark.flag) this.#flags.set(id, mark.flag);
      this.#session = new StudySession(this.policy, plan, dayEnds);
      this.#dayEnds = dayEnds;
      this.#sync();
      await this.#showNext();
      this.notice ??= await clockWarning().catch(() => undefined);
    } catch (error) {
      this.loadError = describeLoadError(error);
      this.status = 'error';
    }
  }

  async #plan(now: number) {
    const settings = this.#settings;
    if (!settings) throw new Error('The session has not loaded.');
    const reads = await this.#reads(settings, now);
    // A page open past the day the states were read for reads them again.
    if (reads.made.dayEnds > this.#statesUntil)
      this.#takeStates(await loadPlanStates(this.#dayOnly, now));
    return this.#planFrom(reads);
  }

  #takeStates({ states, later, until }: DayStates): void {
    this.#states = states;
    this.#later = later;
    this.#statesUntil = until;
  }

  /** A card's state as this page draws it (undefined: none), no longer left out as `later`. */
  #setState(cardId: string, state: CardState | undefined): void {
    if (state) this.#states.set(cardId, state);
    else this.#states.delete(cardId);
    this.#later.delete(cardId);
  }

  /** What a plan is made from besides the deck and the states: today's reads, and recall. */
  async #reads(settings: ReviewSettings, now: number): Promise<PlanReads> {
    const [made, recall] = await Promise.all([
      readToday(settings, now),
      this.policy.needsRecall ? this.#recall(settings) : undefined
    ]);
    return { made, recall, settings };
  }

  #planFrom({ made, recall, settings }: PlanReads) {
    const deck = this.#deck;
    if (!deck) throw new Error('The session has not loaded.');
    // The policy makes the plan (the daily one as the today page does, through planToday).
    const plan = this.policy.plan({
      deck: visibleCards(deck, made.hidden),
      states: this.#states,
      later: this.#later,
      today: made.today,
      limits: settings,
      dayEnds: made.dayEnds,
      priority: made.priority,
      params: paramsFrom(settings),
      recall,
      excludedLessons: settings.excludedLessons
    });
    return { plan, dayEnds: made.dayEnds, marks: made.marks };
  }

  async #recall(settings: ReviewSettings) {
    const { retrievability } = await loadEngine();
    const params = paramsFrom(settings);
    return (state: CardState | undefined, at: number) => retrievability(params, state, at);
  }

  /** Copies what the page shows from the core session. */
  #sync(): void {
    const session = this.#session;
    if (!session) return;
    this.counts = session.counts;
    this.answeredCount = session.answeredCount;
    this.progress = session.progress;
    this.#canUndo = session.canUndo;
  }

  async #showNext(): Promise<void> {
    const session = this.#session;
    const deck = this.#deck;
    if (!session || !deck) return;
    clearTimeout(this.#wakeTimer);
    const now = clock.now();
    const next = session.next(now);
    this.#sync();
    if (!next) {
      this.#item = undefined;
      this.card = undefined;
      this.status = 'done';
      const learningDue = session.nextLearningDue();
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
    const lesson = meta && (loadedLessonCards(meta.lesson) ?? (await loadLessonCards(meta.lesson)));
    const card = lesson?.get(next.id);
    if (!card) {
      // The deck and the lesson file disagree (a half-updated cache): skip rather than stall.
      session.skip(next.id);
      return this.#showNext();
    }
    this.#put(next, card, clock.now());
    // For the benchmarks (bench/): the moment the card is on screen.
    await tick();
    performance.mark('review:card-shown');
    // The next cards' lessons are fetched once this one is drawn: starting those fetches is work
    // for cards not yet on screen, and it was a visible part of the answer's path.
    this.#prefetch();
  }

  /**
   * Puts `card` on screen, question side up, or answer side up with a rating proposed (a card
   * whose answer could not be saved, back with its rating).
   */
  #put(item: SessionItem, card: Card, shownAt: number, proposed?: Rating): void {
    this.#item = item;
    this.card = card;
    this.cardType = item.type;
    this.flag = this.#flags.get(item.id) ?? 0;
    this.revealed = proposed !== undefined;
    this.proposed = proposed;
    this.outcomes = [];
    this.status = 'card';
    this.#shownAt = shownAt;
    this.shownCount += 1;
  }

  /** Loads the lessons of the next few cards ahead of time. */
  #prefetch(): void {
    const deck = this.#deck;
    const session = this.#session;
    if (!deck || !session) return;
    const slugs = new Set(session.upcoming(5).map((id) => deck.byId.get(id)?.lesson));
    for (const slug of slugs) if (slug) loadLessonCards(slug).catch(() => undefined);
  }

  /** Shows the answer side and the rating buttons, with a suggested rating when there is one. */
  /** Shows the answer side at once; the returned promise ends when the intervals are shown. */
  reveal(proposed?: Rating): Promise<void> {
    if (!this.card || !this.#params) return Promise.resolve();
    this.proposed = proposed;
    this.revealed = true;
    return this.#showPreviews(this.card.id);
  }

  /**
   * What each rating would do to the card, for its button (no interval when studying ahead).
   * The buttons show at once; their intervals follow when the scheduler has loaded (the first
   * time only, from the service worker's cache), and stay off if it cannot load.
   */
  async #showPreviews(cardId: string): Promise<void> {
    const params = this.#params;
    if (!params || !this.policy.showsIntervals) {
      this.outcomes = [];
      return;
    }
    let outcomes: Outcome[] = [];
    try {
      const { previewOutcomes, loadState } = await loadEngine();
      // A card the day's read left out (one put in front of the queue): its state, read now.
      if (this.#later.has(cardId)) this.#setState(cardId, await loadState(cardId));
      outcomes = previewOutcomes(params, this.#states.get(cardId), clock.now());
    } catch {
      // No intervals on the buttons; rating still works once the code can load.
    }
    if (this.#item?.id === cardId && this.revealed) this.outcomes = outcomes;
  }

  propose(rating: Rating | undefined): void {
    this.proposed = rating;
  }

  /**
   * Records the answer and moves on: the next card shows as the write starts, and the promise
   * ends when the answer is saved. If the write fails, the card comes back on screen with the
   * reason and "Try again". A rating given while the answer before it is still being written
   * waits for that write.
   */
  async rate(rating: Rating): Promise<void> {
    if (!this.card || !this.revealed || this.#working) return;
    performance.mark('review:answer');
    const item = this.#item;
    if (this.#saving) {
      await this.#saving;
      if (this.#item !== item || !this.revealed || this.#working) return;
    }
    if (this.#pending !== undefined) return;
    this.#pending = rating;
    await this.#save();
  }

  /** Tries the answer that could not be saved again. */
  async retry(): Promise<void> {
    await this.#save();
  }

  /**
   * Starts the answer's write (`db.answer`, which computes it from the stored state in one
   * transaction), books it in the run with the state this page expects it to store, and shows
   * the next card while the database works. `#settle` then replaces the expectation with what
   * was stored, or takes the booking back if nothing was.
   */
  async #save(): Promise<void> {
    const rating = this.#pending;
    const item = this.#item;
    const session = this.#session;
    const card = this.card;
    if (rating === undefined || !item || !session || !card || this.#working || this.#saving) return;
    this.#begin();
    this.saveError = undefined;
    this.notice = undefined;
    this.leech = undefined;
    const now = clock.now();
    const durationMs = answerDuration(this.#shownAt, now);
    const before = this.#states.get(item.id);
    let saving: Promise<Answered>;
    let expected: CardState | null;
    try {
      const { answer, answerCard } = engineNow ?? (await loadEngine());
      saving = answer({
        cardId: item.id,
        rating,
        now,
        durationMs,
        mode: this.policy.mode,
        scheduled: this.policy.scheduled
      });
      expected =
        this.policy.scheduled && this.#params
          ? answerCard(this.#params, before, rating, now)
          : (before ?? null);
    } catch (error) {
      this.saveError = describeStorageError(error);
      this.#end();
      return;
    }
    const booking: Booking = {
      item,
      card,
      rating,
      shownAt: this.#shownAt,
      before,
      expected,
      seq: -(session.answeredCount + 1)
    };
    session.answered(item, {
      seq: booking.seq,
      rating,
      after: expected,
      leftPriority: false,
      durationMs
    });
    if (this.policy.scheduled && expected) this.#setState(item.id, expected);
    const settled = this.#settle(saving, booking);
    this.#saving = settled;
    try {
      await this.#showNext();
    } catch (error) {
      if (await settled) {
        const { notices } = await loadEngine();
        this.loadError = `${notices.nextCardFailed} ${describeLoadError(error)}`;
        this.status = 'error';
      }
    } finally {
      this.#end();
    }
    await settled;
  }

  /** Waits for an answer's write: true when it was saved, false when it was taken back. */
  async #settle(saving: Promise<Answered>, booking: Booking): Promise<boolean> {
    const session = this.#session;
    const { item } = booking;
    try {
      const { entry, leftPriority, leech } = await saving;
      // For the benchmarks: the answer is stored.
      performance.mark('review:saved');
      this.#pending = undefined;
      if (entry.after && entry.scheduled) this.#setState(item.id, entry.after);
      session?.settled(booking.seq, booking.expected, {
        seq: entry.seq,
        after: entry.after,
        leftPriority,
        leaves: leech?.suspended
      });
      this.leech = leech && {
        cardId: item.id,
        lapses: entry.after?.lapses ?? 0,
        suspended: leech.suspended
      };
      this.#sync();
      // After the first answer there is history worth keeping: ask the browser to keep it.
      if (session?.answeredCount === 1)
        void import('./storage')
          .then((storage) => storage.requestPersistentStorage())
          .catch(() => undefined);
      return true;
    } catch (error) {
      // Nothing was stored: the run forgets the answer and its card comes back, answer side
      // up, with the reason; the rating is kept for "Try again".
      clearTimeout(this.#wakeTimer);
      if (session?.lastAnswer?.seq === booking.seq) session.undone(clock.now());
      this.#setState(item.id, booking.before);
      this.saveError = describeStorageError(error);
      this.#put(item, booking.card, booking.shownAt, booking.rating);
      this.#sync();
      void this.#showPreviews(item.id);
      return false;
    } finally {
      this.#saving = undefined;
    }
  }

  /** An answer is being written (the next card may already show): a few milliseconds. */
  get saving(): boolean {
    return this.#saving !== undefined;
  }

  /** Ends when the answer being written is stored (true) or has failed (false). */
  whenSaved(): Promise<boolean> {
    return this.#saving ?? Promise.resolve(this.#pending === undefined);
  }

  /** Whether suspend, bury and flag can act now (a card on screen, nothing being saved). */
  get canMark(): boolean {
    return this.status === 'card' && !this.#working && this.#pending === undefined;
  }

  /**
   * Suspends or buries the card on screen (it leaves the session at once, and the next card
   * shows), or flags it (`flag` 0 takes the flag off). One card event; Undo takes it back.
   */
  async mark(action: { kind: 'suspend' } | { kind: 'bury' } | { kind: 'flag'; flag: Flag }) {
    const item = this.#item;
    const session = this.#session;
    if (!item || !session || !this.canMark) return;
    this.#begin();
    this.notice = undefined;
    this.leech = undefined;
    const now = clock.now();
    try {
      const hour = this.#settings?.dayStartsAtHour ?? 4;
      const { recordEvent, notices } = await loadEngine();
      const event = await recordEvent(
        item.id,
        action.kind === 'bury'
          ? { kind: 'bury', until: nextStudyDayStart(now, hour, deviceTimeZone()) }
          : action,
        now
      );
      const leaves = action.kind !== 'flag';
      session.marked(item, event.seq, leaves);
      this.#sync();
      if (action.kind === 'flag') {
        this.#setFlag(item.id, action.flag);
        this.notice = action.flag ? notices.flagged : notices.unflagged;
      } else {
        this.notice = action.kind === 'suspend' ? notices.suspended : notices.buried;
        await this.#showNext();
      }
    } catch (error) {
      this.saveError = describeStorageError(error);
    } finally {
      this.#end();
    }
  }

  #setFlag(cardId: string, flag: Flag): void {
    if (flag) this.#flags.set(cardId, flag);
    else this.#flags.delete(cardId);
    if (this.#item?.id === cardId) this.flag = flag;
  }

  /** Takes back the last answer or card event of this session and shows that card again. */
  async undo(): Promise<void> {
    const session = this.#session;
    const last = session?.lastStep;
    if (!session || !last || this.#working || this.#pending !== undefined) return;
    this.#begin();
    this.notice = undefined;
    this.leech = undefined;
    try {
      const { undoEvent, undoAnswer, notices } = await loadEngine();
      if (last.kind === 'mark') {
        if (await undoEvent(last.eventSeq)) {
          session.undone(clock.now());
          const events = await cardEvents(last.cardId);
          this.#setFlag(last.cardId, replayEvents(events).get(last.cardId)?.flag ?? 0);
          if (last.left) await this.#showNext();
          else this.#sync();
        } else {
          session.dropLastAnswer();
          this.notice = notices.markGone;
          this.#sync();
        }
        return;
      }
      const result = await undoAnswer(last.seq, { restorePriority: last.leftPriority });
      if (result.status === 'undone') {
        this.#setState(last.cardId, result.state);
        session.undone(clock.now());
        await this.#showNext();
      } else {
        session.dropLastAnswer();
        this.notice =
          result.status === 'answered-later' ? notices.answeredLater : notices.answerGone;
        this.#sync();
      }
    } catch (error) {
      this.saveError = describeStorageError(error);
    } finally {
      this.#end();
    }
  }

  /** Another tab answered (or took back) `cardId`: follow it as the policy says. */
  async #otherTab(change: LogChange): Promise<void> {
    const session = this.#session;
    if (!session || this.policy.otherTabs === 'ignore') return;
    const { cardId } = change;
    if (change.kind === 'marked') {
      // A card suspended, buried or flagged there: its flag here, and off screen if hidden.
      const marks = replayEvents(await cardEvents(cardId).catch(() => [])).get(cardId);
      this.#setFlag(cardId, marks?.flag ?? 0);
      if (cardId === this.#item?.id && isHidden(marks, clock.now())) this.#onScreenHidden = true;
      if (isHidden(marks, clock.now()) && session.has(cardId) && this.policy.otherTabs === 'drop')
        session.answeredElsewhere(cardId);
    }
    if (change.kind === 'restored') {
      // A restored backup changes many cards at once: read every state again.
      const states = await loadPlanStates(this.#dayOnly, clock.now()).catch(() => undefined);
      if (states) this.#takeStates(states);
    } else {
      const state = await loadEngine()
        .then(({ loadState }) => loadState(cardId))
        .catch(() => undefined);
      this.#setState(cardId, state);
    }
    if (change.kind === 'answered' && cardId === this.#item?.id) this.#onScreenAnswered = true;
    if (this.policy.otherTabs === 'replan') {
      // Several answers in a row from the other tab make one new plan.
      clearTimeout(this.#replanTimer);
      this.#replanTimer = setTimeout(() => void this.#replan(), 150);
      return;
    }
    if (change.kind === 'answered') session.answeredElsewhere(cardId);
    await this.#afterOtherTab();
  }

  async #replan(): Promise<void> {
    await this.#saving;
    const session = this.#session;
    if (!session || this.#working) return;
    try {
      // The states of the cards the other tab answered were read as it told of them; the plan
      // needs only today's answers besides (a few rows), not every state again.
      const { plan, dayEnds } = await this.#plan(clock.now());
      session.replan(plan, dayEnds);
      this.#dayEnds = dayEnds;
    } catch {
      // The next answer reads the database anyway; the plan is made again on the next change.
    }
    await this.#afterOtherTab();
  }

  /**
   * The card on screen was answered in another tab. With its answer still hidden, this tab
   * moves on; with the answer showing, the learner may still rate it, and that answer builds on
   * the other one (it is computed from the stored state).
   */
  async #afterOtherTab(): Promise<void> {
    const answered = this.#onScreenAnswered;
    const hidden = this.#onScreenHidden;
    this.#onScreenAnswered = false;
    this.#onScreenHidden = false;
    this.#sync();
    // Loaded already to read the card's new state; without it the page moves on unexplained.
    const notices = (await loadEngine().catch(() => undefined))?.notices;
    if (this.#pending !== undefined || this.#working || this.status !== 'card') return;
    if (hidden) {
      this.notice = notices?.hiddenElsewhere;
      await this.#showNext();
      return;
    }
    if (!answered) return;
    const item = this.#item;
    if (this.revealed) {
      if (item) void this.#showPreviews(item.id);
      this.notice = notices?.answeredElsewhereShowing;
      return;
    }
    this.notice = notices?.answeredElsewhere;
    await this.#showNext();
  }

  /**
   * Back in view on a later study day (a phone left on this page overnight): the day's plan is
   * made again, with its new cards and what fell due. A card on screen mid-answer is left be.
   */
  async refreshIfNewDay(): Promise<void> {
    const midAnswer = this.status === 'card' && this.revealed;
    if (
      this.kind.kind === 'cram' ||
      this.#working ||
      this.#pending !== undefined ||
      midAnswer ||
      this.status === 'loading'
    )
      return;
    if (this.#dayEnds === 0 || clock.now() < this.#dayEnds) return;
    await this.start();
  }

  stop(): void {
    clearTimeout(this.#wakeTimer);
    clearTimeout(this.#replanTimer);
    this.#unlisten?.();
    this.#unlisten = undefined;
  }
}
