// What the statistics page and its worker (worker.ts) say to each other. Only the small
// computed figures cross: the log and the card states stay in the worker.
import type { DeckIndex } from '../core/content/deck';
import type { ReviewSettings } from '../core/review/settings';
import type { Forecast } from '../core/stats/cards';
import type { CardFigures, HistoryFigures } from '../core/stats/figures';
import type { StatsFilter } from '../core/stats/filter';

export type StatsRequest =
  /** Read everything and send the figures; `now` and `timeZone` are the page's. */
  | { kind: 'load'; now: number; timeZone: string; filter: StatsFilter }
  /** Work the figures out again for another lesson or topic, from what was read. */
  | { kind: 'filter'; filter: StatsFilter };

export type StatsReply =
  /** The first chart's figures alone, sent before the others are worked out. */
  | { kind: 'forecast'; forecast: Forecast }
  /**
   * The figures that need only the card states: sent first, with the lessons and topics (the
   * page names them and filters by them, and so never parses the whole deck itself).
   */
  | {
      kind: 'cards';
      lessons: DeckIndex['lessons'];
      settings: ReviewSettings;
      cards: CardFigures;
    }
  /** How far the log has been read. */
  | { kind: 'progress'; read: number; total: number }
  /** The figures from the log, with the rows left out and the streak. */
  | { kind: 'history'; history: HistoryFigures; skipped: number; streak: number }
  /** Every figure again, for the filter named. */
  | { kind: 'filtered'; filter: StatsFilter; cards: CardFigures; history?: HistoryFigures }
  | { kind: 'failed'; message: string };
