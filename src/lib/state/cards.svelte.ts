import type { Card } from '$lib/core/content/types';
import {
  browseCards,
  pageSize,
  type BrowseCard,
  type BrowseContext,
  type BrowseQuery
} from '$lib/core/cards/browse';
import { questionText, searchableText } from '$lib/core/cards/text';
import {
  noMarks,
  replayEvents,
  type CardMarks,
  type Flag,
  type LoggedCardEvent
} from '$lib/core/review/events';
import type { LoggedEntry } from '$lib/core/review/log';
import {
  paramsFrom,
  retrievability,
  type CardState,
  type SchedulerParams
} from '$lib/core/review/scheduler';
import type { ReviewSettings } from '$lib/core/review/settings';
import { deviceTimeZone, nextStudyDayStart } from '$lib/core/review/time';
import { loadState } from '$lib/db/answer';
import { cardAnswers } from '$lib/db/card-history';
import { onLogChange } from '$lib/db/changes';
import { recordEvent, undoEvent, type CardAction } from '$lib/db/event-write';
import { cardEvents, loadMarks } from '$lib/db/events';
import { loadSettings, loadStates } from '$lib/db/reviews';
import { clock } from './clock';
import { loadDeck, loadLessonCards, type Deck } from './deck';
import { describeLoadError, describeStorageError } from './errors';

function contextOf(settings: ReviewSettings, now: number): BrowseContext {
  return {
    now,
    dayEnds: nextStudyDayStart(now, settings.dayStartsAtHour, deviceTimeZone()),
    leechLapses: settings.leechLapses
  };
}

/**
 * The card browser's list: every card of every lesson with its text, state and marks, read
 * once (and again when another tab changes something), filtered in memory by the core.
 */
export class CardBrowserState {
  status = $state<'loading' | 'ready' | 'error'>('loading');
  error = $state<string | undefined>();
  deck = $state.raw<Deck | undefined>();
  #cards = $state.raw<BrowseCard[]>([]);
  #context = $state.raw<BrowseContext>({ now: 0, dayEnds: 0, leechLapses: 8 });
  query = $state.raw<BrowseQuery | undefined>();
  /** How many results are drawn ("Show more" adds a page). */
  shown = $state(pageSize);
  #unlisten: (() => void) | undefined;
  #refreshTimer: ReturnType<typeof setTimeout> | undefined;

  /** Every match of the query, in its order; the page draws the first `shown`. */
  readonly results = $derived(
    this.query ? browseCards(this.#cards, this.query, this.#context) : []
  );

  get total(): number {
    return this.#cards.length;
  }

  get leechLapses(): number {
    return this.#context.leechLapses;
  }

  setQuery(query: BrowseQuery): void {
    this.query = query;
    this.shown = pageSize;
  }

  showMore(): void {
    this.shown += pageSize;
  }

  async load(): Promise<void> {
    this.#unlisten ??= onLogChange(() => {
      // Several changes in a row from another tab make one read.
      clearTimeout(this.#refreshTimer);
      this.#refreshTimer = setTimeout(() => void this.#read(), 150);
    });
    await this.#read();
  }

  async #read(): Promise<void> {
    try {
      const deck = await loadDeck();
      const [texts, states, marks, settings] = await Promise.all([
        Promise.all(deck.index.lessons.map((lesson) => loadLessonCards(lesson.slug))),
        loadStates(),
        loadMarks(),
        loadSettings()
      ]);
      const now = clock.now();
      const params = paramsFrom(settings);
      const byId = new Map<string, Card>();
      for (const lesson of texts) for (const [id, card] of lesson) byId.set(id, card);
      const cards: BrowseCard[] = [];
      deck.cards.forEach((meta, order) => {
        const card = byId.get(meta.id);
        if (!card) return;
        const state = states.get(meta.id);
        cards.push({
          id: meta.id,
          kind: meta.kind,
          lesson: meta.lesson,
          section: meta.section,
          question: questionText(card),
          text: searchableText(card),
          state,
          marks: marks.get(meta.id) ?? noMarks,
          retrievability: retrievability(params, state, now),
          order
        });
      });
      this.deck = deck;
      this.#context = contextOf(settings, now);
      this.#cards = cards;
      this.status = 'ready';
    } catch (error) {
      this.error = describeLoadError(error);
      this.status = 'error';
    }
  }

  stop(): void {
    clearTimeout(this.#refreshTimer);
    this.#unlisten?.();
    this.#unlisten = undefined;
  }
}

/** What the learner did to the card in this view, for Undo. */
interface DoneAction {
  seq: number;
  label: string;
}

/** One card's view: its text, schedule, answers and events, and the actions on it. */
export class CardViewState {
  readonly cardId: string;
  status = $state<'loading' | 'ready' | 'missing' | 'error'>('loading');
  error = $state<string | undefined>();
  /** An action or undo could not be saved. */
  actionError = $state<string | undefined>();
  /** What the last action did, said once ("Suspended."); cleared by the next. */
  done = $state<string | undefined>();
  busy = $state(false);
  deck = $state.raw<Deck | undefined>();
  card = $state.raw<Card | undefined>();
  state = $state.raw<CardState | undefined>();
  marks = $state.raw<CardMarks>(noMarks);
  answers = $state.raw<LoggedEntry[]>([]);
  events = $state.raw<LoggedCardEvent[]>([]);
  params = $state.raw<SchedulerParams | undefined>();
  settings = $state.raw<ReviewSettings | undefined>();
  /** Actions of this view, newest last: Undo takes back the last one. */
  #done = $state.raw<DoneAction[]>([]);
  #unlisten: (() => void) | undefined;

  constructor(cardId: string) {
    this.cardId = cardId;
  }

  get canUndo(): boolean {
    return this.#done.length > 0 && !this.busy;
  }

  /** What Undo would take back, in words ("Undo suspend"). */
  get undoLabel(): string | undefined {
    return this.#done.at(-1)?.label;
  }

  async load(): Promise<void> {
    this.#unlisten ??= onLogChange((change) => {
      if (change.cardId === this.cardId) void this.#read();
    });
    try {
      const deck = await loadDeck();
      const meta = deck.byId.get(this.cardId);
      this.deck = deck;
      if (!meta) {
        this.status = 'missing';
        return;
      }
      const [cards, settings] = await Promise.all([loadLessonCards(meta.lesson), loadSettings()]);
      this.card = cards.get(this.cardId);
      if (!this.card) {
        this.status = 'missing';
        return;
      }
      this.settings = settings;
      this.params = paramsFrom(settings);
      await this.#read();
      this.status = 'ready';
    } catch (error) {
      this.error = describeLoadError(error);
      this.status = 'error';
    }
  }

  /** The card's state, answers and events as stored now. */
  async #read(): Promise<void> {
    const [state, answers, events] = await Promise.all([
      loadState(this.cardId),
      cardAnswers(this.cardId),
      cardEvents(this.cardId)
    ]);
    this.state = state;
    this.answers = answers;
    this.events = events;
    this.marks = replayEvents(events).get(this.cardId) ?? noMarks;
  }

  /** When a card buried now comes back: the start of the next study day. */
  buryUntil(now: number): number {
    const hour = this.settings?.dayStartsAtHour ?? 4;
    return nextStudyDayStart(now, hour, deviceTimeZone());
  }

  suspend = () => this.#act({ kind: 'suspend' }, 'Suspended.', 'Undo suspend');
  unsuspend = () => this.#act({ kind: 'unsuspend' }, 'Unsuspended.', 'Undo unsuspend');
  bury = () =>
    this.#act(
      { kind: 'bury', until: this.buryUntil(clock.now()) },
      'Buried until the next study day.',
      'Undo bury'
    );
  unbury = () => this.#act({ kind: 'unbury' }, 'Unburied.', 'Undo unbury');
  forget = () =>
    this.#act(
      { kind: 'forget' },
      'Forgotten: the card is new again. Its answers are kept below.',
      'Undo forget'
    );
  flag = (flag: Flag, name: string) =>
    this.#act(
      { kind: 'flag', flag },
      flag === 0 ? 'Flag removed.' : `Flagged ${name}.`,
      flag === 0 ? 'Undo flag removal' : 'Undo flag'
    );

  async #act(action: CardAction, done: string, undoLabel: string): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    this.actionError = undefined;
    try {
      const event = await recordEvent(this.cardId, action, clock.now());
      this.#done = [...this.#done, { seq: event.seq, label: undoLabel }];
      this.done = done;
      await this.#read();
    } catch (error) {
      this.actionError = describeStorageError(error);
    } finally {
      this.busy = false;
    }
  }

  /** Takes back the last action of this view. */
  async undo(): Promise<void> {
    const last = this.#done.at(-1);
    if (!last || this.busy) return;
    this.busy = true;
    this.actionError = undefined;
    try {
      const undone = await undoEvent(last.seq);
      this.#done = this.#done.slice(0, -1);
      this.done = undone
        ? 'Taken back.'
        : 'That action was already taken back (in another tab, or it is no longer stored).';
      await this.#read();
    } catch (error) {
      this.actionError = describeStorageError(error);
    } finally {
      this.busy = false;
    }
  }

  stop(): void {
    this.#unlisten?.();
    this.#unlisten = undefined;
  }
}
