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

  readonly mask = $derived(this.deck ? cardMask(this.deck.cards, this.filter) : undefined);
  readonly forecast = $derived(
    this.#facts && this.#ahead ? dueForecast(this.#facts, this.#ahead, this.mask) : undefined
  );
  readonly counts = $derived(
    this.#facts && this.settings
      ? stateCounts(this.#facts, this.mask, this.settings.leechLapses)
      : undefined
  );
  readonly distributions = $derived(
    this.#facts ? distributions(this.#facts, this.mask) : undefined
  );
  readonly mastery = $derived(
    this.#facts && this.settings
      ? topicMastery(this.#facts, this.#recall, this.settings.desiredRetention, this.mask)
      : undefined
  );
  readonly leeches = $derived(
    this.#facts && this.settings
      ? leeches(this.#facts, this.mask, this.settings.leechLapses)
      : undefined
  );
  readonly activity = $derived(
    this.#columns && this.#year ? activity(this.#columns, this.#year, this.mask) : undefined
  );
  readonly retention = $derived(
    this.#columns && this.#year ? retention(this.#columns, this.#year, this.mask) : undefined
  );
  readonly buttons = $derived(this.#columns ? buttonShares(this.#columns, this.mask) : undefined);

  async load(): Promise<void> {
    performance.mark('stats:load-start');
    try {
      const [deck] = await Promise.all([loadDeck(), openDatabase()]);
      const settings = await loadSettings();
      const now = clock.now();
      const timeZone = deviceTimeZone();
      const cards = await readCards(deck, settings, now);
      this.deck = deck;
      this.settings = settings;
      this.#ahead = dayGrid(now, settings.dayStartsAtHour, timeZone, 1, forecastDays - 1);
      this.#recall = cards.recall;
      this.#facts = cards.facts;
      this.status = 'cards';
      await tick();
      performance.mark('stats:first-chart');
      await yieldToPage();

      const year = dayGrid(now, settings.dayStartsAtHour, timeZone, yearDays);
      this.#year = year;
      this.streak = (await streakDays(now, settings.dayStartsAtHour, timeZone)).days;
      const history = await readHistory(deck, year, (done) => (this.progress = done));
      this.skipped = history.skipped;
      this.#columns = history.columns;
      this.status = 'ready';
      await tick();
      performance.mark('stats:ready');
    } catch (error) {
      this.error = describeLoadError(error);
      this.status = 'error';
    }
  }
}
