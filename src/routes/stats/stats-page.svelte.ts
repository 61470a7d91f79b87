import type { DeckIndex } from '$lib/core/content/deck';
import type { ReviewSettings } from '$lib/core/review/settings';
import { deviceTimeZone } from '$lib/core/review/time';
import type { Forecast } from '$lib/core/stats/cards';
import type { CardFigures, HistoryFigures } from '$lib/core/stats/figures';
import { everything, type StatsFilter } from '$lib/core/stats/filter';
import { yieldToPage } from '$lib/db/stats';
import type { StatsReply, StatsRequest } from '$lib/stats/protocol';
import { startStatsWorker } from '$lib/stats/start';
import { clock } from '$lib/state/clock';
import { describeLoadError } from '$lib/state/errors';
import { tick } from 'svelte';

/** The lessons and their topics, by name: what the page needs of the deck. */
export interface StatsDeck {
  index: { lessons: DeckIndex['lessons'] };
  lessonTitle: (slug: string) => string;
  sectionTitle: (slug: string, section: string) => string;
}

function statsDeck(lessons: DeckIndex['lessons']): StatsDeck {
  const titles = new Map(lessons.map((l) => [l.slug, l]));
  return {
    index: { lessons },
    lessonTitle: (slug) => titles.get(slug)?.title ?? slug,
    sectionTitle: (slug, section) =>
      titles.get(slug)?.sections.find((s) => s.id === section)?.title ?? section
  };
}

/**
 * The page's parts in the order they are drawn, one part a task: the first chart alone first,
 * then each of the others (the lesson list of the filter is a part too: a hundred options).
 */
const Stage = {
  Forecast: 1,
  Counts: 2,
  Lessons: 3,
  Mastery: 4,
  Distributions: 5,
  Leeches: 6,
  Activity: 7,
  Retention: 8,
  Buttons: 9
} as const;

/**
 * What the statistics page shows. The reading and computing happen in a worker
 * (`$lib/stats/worker.ts`), which sends the figures in two steps so the cheap charts come first:
 * the card states (forecast, counts, mastery, leeches, distributions), then the review log
 * (reviews per day, retention, buttons). Every figure is a pure function of `src/lib/core/
 * stats/`; choosing a lesson or topic asks the worker, which recomputes from memory.
 */
export class StatsPage {
  status = $state<'loading' | 'cards' | 'ready' | 'error'>('loading');
  error = $state<string>();
  /** How far the log has been read. */
  progress = $state({ read: 0, total: 0 });
  /** Log rows that could not be read and were left out. */
  skipped = $state(0);
  streak = $state(0);
  filter = $state<StatsFilter>({ ...everything });

  #deck = $state.raw<StatsDeck>();
  settings = $state.raw<ReviewSettings>();
  #forecast = $state.raw<Forecast>();
  #cards = $state.raw<CardFigures>();
  #history = $state.raw<HistoryFigures>();
  /**
   * How many of the page's parts may be drawn (see `Stage`): each is drawn in a task of its
   * own, with a pause between, so no single task draws them all.
   */
  #stage = $state(0);
  #worker: Worker | undefined;

  constructor() {
    // A lesson or topic chosen: the worker works the figures out again (the filter is read
    // here, so this runs on every change of it).
    $effect(() => {
      const filter = { lesson: this.filter.lesson, section: this.filter.section };
      this.#send({ kind: 'filter', filter });
    });
    $effect(() => () => this.#worker?.terminate());
  }

  get deck() {
    return this.#stage >= Stage.Lessons ? this.#deck : undefined;
  }
  get forecast() {
    return this.#stage >= Stage.Forecast ? (this.#cards?.forecast ?? this.#forecast) : undefined;
  }
  get counts() {
    return this.#stage >= Stage.Counts ? this.#cards?.counts : undefined;
  }
  get mastery() {
    return this.#stage >= Stage.Mastery ? this.#cards?.mastery : undefined;
  }
  get distributions() {
    return this.#stage >= Stage.Distributions ? this.#cards?.distributions : undefined;
  }
  get leeches() {
    return this.#stage >= Stage.Leeches ? this.#cards?.leeches : undefined;
  }
  get activity() {
    return this.#stage >= Stage.Activity ? this.#history?.activity : undefined;
  }
  get retention() {
    return this.#stage >= Stage.Retention ? this.#history?.retention : undefined;
  }
  get buttons() {
    return this.#stage >= Stage.Buttons ? this.#history?.buttons : undefined;
  }

  #send(request: StatsRequest): void {
    this.#worker?.postMessage(request);
  }

  /** Draws the next parts one by one, pausing after each. */
  async #drawUpTo(last: number): Promise<void> {
    await yieldToPage();
    while (this.#stage < last) {
      this.#stage += 1;
      await tick();
      // For `npm run bench -- --tasks`: which part each long task drew.
      performance.mark(`stats:part-${this.#stage}`);
      await yieldToPage();
    }
  }

  #fail(message: string): void {
    this.error = message;
    this.status = 'error';
    this.#worker?.terminate();
  }

  /** The worker's replies, in order; the drawing of one part waits for the one before. */
  #replies = Promise.resolve();

  async #take(reply: StatsReply): Promise<void> {
    if (reply.kind === 'failed') return this.#fail(reply.message);
    if (reply.kind === 'progress') {
      this.progress = { read: reply.read, total: reply.total };
      return;
    }
    if (reply.kind === 'filtered') {
      this.#cards = reply.cards;
      if (reply.history) this.#history = reply.history;
      return;
    }
    if (reply.kind === 'forecast') {
      this.#forecast = reply.forecast;
      this.#stage = Stage.Forecast;
      await tick();
      performance.mark('stats:first-chart');
      return;
    }
    if (reply.kind === 'cards') {
      this.#deck = statsDeck(reply.lessons);
      this.settings = reply.settings;
      this.#cards = reply.cards;
      this.status = 'cards';
      await this.#drawUpTo(Stage.Leeches);
      return;
    }
    this.skipped = reply.skipped;
    this.streak = reply.streak;
    this.#history = reply.history;
    await this.#drawUpTo(Stage.Buttons);
    this.status = 'ready';
    await tick();
    performance.mark('stats:ready');
  }

  async load(): Promise<void> {
    performance.mark('stats:load-start');
    try {
      const worker = startStatsWorker();
      this.#worker = worker;
      worker.onmessage = (event: MessageEvent<StatsReply>) => {
        this.#replies = this.#replies
          .then(() => this.#take(event.data))
          .catch((error: unknown) => this.#fail(describeLoadError(error)));
      };
      worker.onerror = (event) => {
        event.preventDefault();
        this.#fail(
          describeLoadError(new Error(event.message || 'The statistics could not start.'))
        );
      };
      this.#send({
        kind: 'load',
        now: clock.now(),
        timeZone: deviceTimeZone(),
        filter: { lesson: this.filter.lesson, section: this.filter.section }
      });
    } catch (error) {
      this.#fail(describeLoadError(error));
    }
  }
}
