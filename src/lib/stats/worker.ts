/// <reference lib="webworker" />
// The statistics page's reading and computing, off the main thread: the worker opens IndexedDB
// itself, reads the card states and then the whole review log, keeps them in memory as the
// core's columns, and sends the page only the figures it draws (a few kilobytes). The page's
// thread is left to draw, so no task on it grows with the history. Choosing a lesson or topic
// asks the worker again; it recomputes from memory. Everything is imported statically, so the
// worker is one file the service worker precaches (SvelteKit lists a worker's entry but not its
// chunks) and the page works offline.
import { paramsFrom, type CardState } from '../core/review/scheduler';
import type { ReviewSettings } from '../core/review/settings';
import { addRecallNow, dueForecast, type CardFacts } from '../core/stats/cards';
import { dayGrid, type DayGrid } from '../core/stats/days';
import {
  cardFigures,
  historyFigures,
  type CardFigures,
  type HistoryFigures
} from '../core/stats/figures';
import { cardMask, type StatsFilter } from '../core/stats/filter';
import { addAnswers, emptyLogColumns, type LogColumns } from '../core/stats/log-columns';
import { openDatabase } from '../db/database';
import { loadMarks } from '../db/events';
import { loadSettings } from '../db/reviews';
import { streakDays } from '../db/streak';
import { readLogInParts, readStatesInParts } from '../db/stats';
import { describeLoadError } from '../state/errors';
import { loadDeck, type Deck } from '../state/deck';
import type { StatsReply, StatsRequest } from './protocol';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const say = (message: StatsReply) => scope.postMessage(message);

/** Days in the calendar and in the forecast. */
const yearDays = 365;
const forecastDays = 30;
/**
 * Rows read per part here. No page waits on this thread, so the parts are larger than the
 * page's were (fewer transactions); they only pace the progress line.
 */
const logPart = 5000;
const statePart = 5000;

/** What was read, kept for the next filter. */
interface Loaded {
  deck: Deck;
  settings: ReviewSettings;
  facts: CardFacts;
  recall: Map<string, number>;
  ahead: DayGrid;
  year?: DayGrid;
  columns?: LogColumns;
}

let loaded: Loaded | undefined;
let filter: StatsFilter = { lesson: '', section: '' };

function figures(from: Loaded): { cards: CardFigures; history?: HistoryFigures } {
  const mask = cardMask(from.deck.cards, filter);
  return {
    cards: cardFigures(from.facts, from.recall, from.settings, from.ahead, mask),
    history: from.columns && from.year ? historyFigures(from.columns, from.year, mask) : undefined
  };
}

/** Every readable card state, by card id. */
async function readStates(): Promise<Map<string, CardState>> {
  const states = new Map<string, CardState>();
  await readStatesInParts((part) => {
    for (const [id, state] of part) states.set(id, state);
  }, statePart);
  return states;
}

async function load(now: number, timeZone: string): Promise<void> {
  // The deck's download and the database's reads go on together.
  const [deck, [settings, marks, states]] = await Promise.all([
    loadDeck(),
    openDatabase().then(() => Promise.all([loadSettings(), loadMarks(), readStates()]))
  ]);
  const facts: CardFacts = { cards: deck.cards, states, marks };
  const ahead = dayGrid(now, settings.dayStartsAtHour, timeZone, 1, forecastDays - 1);
  // The first chart goes before the rest is worked out, in a message of its own.
  say({ kind: 'forecast', forecast: dueForecast(facts, ahead, cardMask(deck.cards, filter)) });
  const recall = addRecallNow(new Map(), states, paramsFrom(settings), now);
  const current: Loaded = { deck, settings, facts, recall, ahead };
  loaded = current;
  say({ kind: 'cards', lessons: deck.index.lessons, settings, cards: figures(current).cards });

  const year = dayGrid(now, settings.dayStartsAtHour, timeZone, yearDays);
  const streak = (await streakDays(now, settings.dayStartsAtHour, timeZone)).days;
  const cardIndex = new Map(deck.cards.map((card, i) => [card.id, i]));
  let columns = emptyLogColumns(4096);
  const { skipped } = await readLogInParts((entries, done) => {
    columns = addAnswers(columns, entries, cardIndex, year);
    say({ kind: 'progress', ...done });
  }, logPart);
  current.year = year;
  current.columns = columns;
  const history = figures(current).history;
  if (history) say({ kind: 'history', history, skipped, streak });
}

scope.onmessage = (event: MessageEvent<StatsRequest>) => {
  const request = event.data;
  if (request.kind === 'load') {
    filter = request.filter;
    load(request.now, request.timeZone).catch((error: unknown) =>
      say({ kind: 'failed', message: describeLoadError(error) })
    );
  } else {
    filter = request.filter;
    // Before the states are read there is nothing to redo: the first figures use this filter.
    if (loaded) say({ kind: 'filtered', filter, ...figures(loaded) });
  }
};
