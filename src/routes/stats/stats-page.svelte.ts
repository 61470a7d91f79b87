import type { ReviewSettings } from '$lib/core/review/settings';
import { deviceTimeZone } from '$lib/core/review/time';
import {
  distributions,
  dueForecast,
  leeches,
  stateCounts,
  topicMastery,
  type CardFacts
} from '$lib/core/stats/cards';
import { dayGrid, type DayGrid } from '$lib/core/stats/days';
import { cardMask, everything, type StatsFilter } from '$lib/core/stats/filter';
import { activity, buttonShares, retention } from '$lib/core/stats/history';
import type { LogColumns } from '$lib/core/stats/log-columns';
import { openDatabase } from '$lib/db/database';
import { loadSettings, streakDays } from '$lib/db/reviews';
import { yieldToPage } from '$lib/db/stats';
import { clock } from '$lib/state/clock';
import { loadDeck, type Deck } from '$lib/state/deck';
import { describeLoadError } from '$lib/state/errors';
import { tick } from 'svelte';
import { readCards, readHistory } from './load';

/** Days in the calendar and in the forecast. */
const yearDays = 365;
const forecastDays = 30;
const noRecall: ReadonlyMap<string, number> = new Map();

/** The page's parts in the order they are drawn: the cheap ones first. */
const Stage = {
  Forecast: 1,
  Mastery: 2,
  Cards: 3,
  Activity: 4,
  Retention: 5,
  Buttons: 6
} as const;

/**
 * What the statistics page shows, worked out in two steps so the cheap charts come first: the
 * card states (forecast, counts, mastery, leeches, distributions), then the review log read in
 * parts (reviews per day, retention, buttons). Every figure is a pure function of `src/lib/
 * core/stats/` over what was read; choosing a lesson or topic recomputes from memory.
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

  deck = $state.raw<Deck>();
  settings = $state.raw<ReviewSettings>();
  #facts = $state.raw<CardFacts>();
  #recall = $state.raw<ReadonlyMap<string, number>>(noRecall);
  #columns = $state.raw<LogColumns>();
  #year = $state.raw<DayGrid>();
  #ahead = $state.raw<DayGrid>();
  /**
   * How many of the page's parts may be drawn (see `Stage`): each is computed and drawn in a
   * task of its own, with a pause between, so no single task computes and draws them all.
   */
  #stage = $state(0);

  readonly mask = $derived(this.deck ? cardMask(this.deck.cards, this.filter) : undefined);
  readonly forecast = $derived(
    this.#stage >= Stage.Forecast && this.#facts && this.#ahead
      ? dueForecast(this.#facts, this.#ahead, this.mask)
      : undefined
  );
  readonly counts = $derived(
    this.#stage >= Stage.Forecast && this.#facts && this.settings
      ? stateCounts(this.#facts, this.mask, this.settings.leechLapses)
      : undefined
  );
  readonly distributions = $derived(
    this.#stage >= Stage.Cards && this.#facts ? distributions(this.#facts, this.mask) : undefined
  );
  readonly mastery = $derived(
    this.#stage >= Stage.Mastery && this.#facts && this.settings
      ? topicMastery(this.#facts, this.#recall, this.settings.desiredRetention, this.mask)
      : undefined
  );
  readonly leeches = $derived(
    this.#stage >= Stage.Cards && this.#facts && this.settings
      ? leeches(this.#facts, this.mask, this.settings.leechLapses)
      : undefined
  );
  readonly activity = $derived(
    this.#stage >= Stage.Activity && this.#columns && this.#year
      ? activity(this.#columns, this.#year, this.mask)
      : undefined
  );
  readonly retention = $derived(
    this.#stage >= Stage.Retention && this.#columns && this.#year
      ? retention(this.#columns, this.#year, this.mask)
      : undefined
  );
  readonly buttons = $derived(
    this.#stage >= Stage.Buttons && this.#columns
      ? buttonShares(this.#columns, this.mask)
      : undefined
  );

  /** Draws the next parts one by one, pausing after each. */
  async #drawUpTo(last: number): Promise<void> {
    await yieldToPage();
    while (this.#stage < last) {
      this.#stage += 1;
      await tick();
      await yieldToPage();
    }
  }

  async load(): Promise<void> {
    performance.mark('stats:load-start');
    try {
      const [deck] = await Promise.all([loadDeck(), openDatabase()]);
      performance.mark('stats:deck');
      const settings = await loadSettings();
      const now = clock.now();
      const timeZone = deviceTimeZone();
      const cards = await readCards(deck, settings, now);
      performance.mark('stats:states');
      this.deck = deck;
      this.settings = settings;
      this.#ahead = dayGrid(now, settings.dayStartsAtHour, timeZone, 1, forecastDays - 1);
      this.#recall = cards.recall;
      this.#facts = cards.facts;
      this.status = 'cards';
      this.#stage = Stage.Forecast;
      await tick();
      performance.mark('stats:first-chart');
      await this.#drawUpTo(Stage.Cards);

      const year = dayGrid(now, settings.dayStartsAtHour, timeZone, yearDays);
      this.#year = year;
      this.streak = (await streakDays(now, settings.dayStartsAtHour, timeZone)).days;
      const history = await readHistory(deck, year, (done) => (this.progress = done));
      this.skipped = history.skipped;
      this.#columns = history.columns;
      await this.#drawUpTo(Stage.Buttons);
      this.status = 'ready';
      await tick();
      performance.mark('stats:ready');
    } catch (error) {
      this.error = describeLoadError(error);
      this.status = 'error';
    }
  }
}
