import {
  distributions,
  dueForecast,
  leeches,
  stateCounts,
  topicMastery,
  type CardFacts,
  type Distributions,
  type Forecast,
  type Leech,
  type StateCounts,
  type TopicMastery
} from './cards';
import type { DayGrid } from './days';
import type { CardMask } from './history';
import { activity, buttonShares, retention, type Activity, type ButtonShares } from './history';
import type { Retention } from './history';
import type { LogColumns } from './log-columns';

/** The figures the statistics page draws from the card states: small, plain data. */
export interface CardFigures {
  forecast: Forecast;
  counts: StateCounts;
  mastery: TopicMastery[];
  distributions: Distributions;
  leeches: Leech[];
}

/** The figures the statistics page draws from the review log. */
export interface HistoryFigures {
  activity: Activity;
  retention: Retention;
  buttons: ButtonShares;
}

/** Every card-state figure for the cards of `mask`; `ahead` is the forecast's grid. */
export function cardFigures(
  facts: CardFacts,
  recall: ReadonlyMap<string, number>,
  settings: { desiredRetention: number; leechLapses: number },
  ahead: DayGrid,
  mask: CardMask
): CardFigures {
  return {
    forecast: dueForecast(facts, ahead, mask),
    counts: stateCounts(facts, mask, settings.leechLapses),
    mastery: topicMastery(facts, recall, settings.desiredRetention, mask),
    distributions: distributions(facts, mask),
    leeches: leeches(facts, mask, settings.leechLapses)
  };
}

/** Every log figure for the cards of `mask`, over the year's grid. */
export function historyFigures(columns: LogColumns, year: DayGrid, mask: CardMask): HistoryFigures {
  return {
    activity: activity(columns, year, mask),
    retention: retention(columns, year, mask),
    buttons: buttonShares(columns, mask)
  };
}
