import type { Rating } from '../review/scheduler';
import { weekdayOf, type DayGrid } from './days';
import { AnswerKind, type LogColumns } from './log-columns';

/**
 * Which of the deck's cards a statistic covers (by index in the deck's card list): 1 for
 * included. `undefined` covers every card.
 */
export type CardMask = Uint8Array | undefined;

const covers = (mask: CardMask, card: number) => mask === undefined || mask[card] === 1;

export interface DayActivity {
  day: string;
  /** 0 Monday … 6 Sunday. */
  weekday: number;
  answers: number;
  timeMs: number;
}

export interface Activity {
  /** Every day of the grid, oldest first; the last is today. */
  days: DayActivity[];
  /** Days with at least one answer among the last 30 and the last 365 (today included). */
  studied30: number;
  studied365: number;
  /** Answers and time over the whole grid. */
  answers: number;
  timeMs: number;
  /** The most answers on one day (for the heatmap's scale). */
  busiest: number;
}

/** "Reviews per day": answers and time per study day over the grid (every mode counts). */
export function activity(columns: LogColumns, grid: DayGrid, mask: CardMask): Activity {
  const answers = new Array<number>(grid.days.length).fill(0);
  const time = new Array<number>(grid.days.length).fill(0);
  for (let i = 0; i < columns.length; i += 1) {
    const day = columns.day[i] as number;
    if (day < 0 || !covers(mask, columns.card[i] as number)) continue;
    answers[day] = (answers[day] as number) + 1;
    time[day] = (time[day] as number) + (columns.durationMs[i] as number);
  }
  const days = grid.days.map((day, i) => ({
    day,
    weekday: weekdayOf(day),
    answers: answers[i] as number,
    timeMs: time[i] as number
  }));
  const studiedIn = (n: number) => days.slice(-n).filter((d) => d.answers > 0).length;
  return {
    days,
    studied30: studiedIn(30),
    studied365: studiedIn(365),
    answers: answers.reduce((sum, n) => sum + n, 0),
    timeMs: time.reduce((sum, n) => sum + n, 0),
    busiest: Math.max(0, ...answers)
  };
}

/** Review answers of one group in one week: how many, how many were not Again, and FSRS's sum. */
export interface RetentionCell {
  answers: number;
  passed: number;
  /** Sum of FSRS's predicted recall over the same answers (mean = predicted / answers). */
  predicted: number;
}

export interface RetentionWeek {
  /** First and last study day of the week (`YYYY-MM-DD`). */
  from: string;
  to: string;
  young: RetentionCell;
  mature: RetentionCell;
}

export interface Retention {
  /** Weeks ending today, oldest first; weeks without review answers are left out. */
  weeks: RetentionWeek[];
  /** The whole grid together. */
  young: RetentionCell;
  mature: RetentionCell;
}

const emptyCell = (): RetentionCell => ({ answers: 0, passed: 0, predicted: 0 });

/** Share of a cell's answers that were not Again; undefined without answers. */
export const measured = (cell: RetentionCell): number | undefined =>
  cell.answers > 0 ? cell.passed / cell.answers : undefined;
/** FSRS's mean predicted recall for a cell's answers; undefined without answers. */
export const predicted = (cell: RetentionCell): number | undefined =>
  cell.answers > 0 ? cell.predicted / cell.answers : undefined;

/**
 * "Retention" by week: of the scheduled answers to cards in review (the state before the
 * answer), the share that were not Again, young (interval under 21 days) and mature apart,
 * beside FSRS's predicted recall for the same answers. Weeks are seven study days counted back
 * from today, so the latest week is always the last seven days.
 */
export function retention(columns: LogColumns, grid: DayGrid, mask: CardMask): Retention {
  const last = grid.days.length - 1;
  const weekCount = Math.ceil(grid.days.length / 7);
  const weeks = Array.from({ length: weekCount }, () => ({
    young: emptyCell(),
    mature: emptyCell()
  }));
  const young = emptyCell();
  const mature = emptyCell();
  for (let i = 0; i < columns.length; i += 1) {
    const kind = columns.kind[i];
    if (kind !== AnswerKind.Young && kind !== AnswerKind.Mature) continue;
    const day = columns.day[i] as number;
    if (day < 0 || !covers(mask, columns.card[i] as number)) continue;
    const week = weeks[Math.floor((last - day) / 7)];
    if (!week) continue;
    const passed = columns.rating[i] === 1 ? 0 : 1;
    const recall = columns.recall[i] as number;
    for (const cell of kind === AnswerKind.Young ? [week.young, young] : [week.mature, mature]) {
      cell.answers += 1;
      cell.passed += passed;
      cell.predicted += recall;
    }
  }
  const found: RetentionWeek[] = [];
  weeks.forEach((week, back) => {
    if (week.young.answers + week.mature.answers === 0) return;
    const to = last - back * 7;
    const from = Math.max(0, to - 6);
    found.unshift({
      from: grid.days[from] as string,
      to: grid.days[to] as string,
      ...week
    });
  });
  return { weeks: found, young, mature };
}

export interface ButtonShares {
  /** Answers with each rating, by the card's phase before: learning (and new) or review. */
  learning: Record<Rating, number>;
  review: Record<Rating, number>;
}

/** Answer button shares over the grid: how often each of the four answers was pressed. */
export function buttonShares(columns: LogColumns, mask: CardMask): ButtonShares {
  const learning: Record<Rating, number> = { 1: 0, 2: 0, 3: 0, 4: 0 };
  const review: Record<Rating, number> = { 1: 0, 2: 0, 3: 0, 4: 0 };
  for (let i = 0; i < columns.length; i += 1) {
    if ((columns.day[i] as number) < 0 || !covers(mask, columns.card[i] as number)) continue;
    const kind = columns.kind[i];
    if (kind === AnswerKind.Unscheduled) continue;
    const rating = columns.rating[i] as Rating;
    const counts = kind === AnswerKind.Learning ? learning : review;
    counts[rating] += 1;
  }
  return { learning, review };
}
