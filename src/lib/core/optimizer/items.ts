import { inAnswerOrder, type ReviewEntry } from '../review/log';
import { Phase } from '../review/phase';
import type { TimedRating } from '../review/scheduler';
import { dayMs, studyDay } from '../review/time';

/**
 * The review log turned into what the FSRS optimizer learns from, the way Anki prepares its
 * own revlog: per card, the scheduled answers of its last learning block, each with the study
 * days since the answer before it. Pure, so it is tested in Node and runs in the worker.
 */

export interface ConversionOptions {
  /** The learner's day-start hour and time zone: days are counted as the app counts them. */
  dayStartsAtHour: number;
  timeZone: string;
  /** When each forgotten card was last forgotten (events.ts `forgottenTimes`). */
  forgotten?: ReadonlyMap<string, number>;
}

/** One card's answers, as the optimizer reads them. */
export interface CardHistory {
  cardId: string;
  answers: TimedRating[];
}

/** A study day (`YYYY-MM-DD`) as a whole number of days, so days subtract. */
function dayNumber(ms: number, options: ConversionOptions): number {
  return Math.round(
    Date.parse(`${studyDay(ms, options.dayStartsAtHour, options.timeZone)}T00:00Z`) / dayMs
  );
}

const startsLearning = (entry: ReviewEntry) =>
  entry.before === null || entry.before.phase === Phase.New;

/**
 * Every card's history for the optimizer. Left out: answers that did not schedule (cram,
 * practice-only drills), answers at or before the card's latest "Forget", and everything before
 * the card's last start from new (the last learning block). A card whose history does not start
 * from new (its first answers are not in this log) is left out whole: its first stability
 * would be guessed from the middle of its life.
 */
export function cardHistories(
  entries: readonly ReviewEntry[],
  options: ConversionOptions
): CardHistory[] {
  const byCard = new Map<string, ReviewEntry[]>();
  for (const entry of entries) {
    if (!entry.scheduled) continue;
    const forgottenAt = options.forgotten?.get(entry.cardId);
    if (forgottenAt !== undefined && entry.reviewedAt <= forgottenAt) continue;
    const list = byCard.get(entry.cardId);
    if (list) list.push(entry);
    else byCard.set(entry.cardId, [entry]);
  }
  const histories: CardHistory[] = [];
  for (const [cardId, rows] of byCard) {
    const ordered = inAnswerOrder(rows);
    let start = -1;
    for (let i = ordered.length - 1; i >= 0; i -= 1) {
      if (startsLearning(ordered[i] as ReviewEntry)) {
        start = i;
        break;
      }
    }
    if (start < 0) continue;
    let previousDay: number | undefined;
    const answers = ordered.slice(start).map((entry) => {
      const day = dayNumber(entry.reviewedAt, options);
      const deltaT = previousDay === undefined ? 0 : Math.max(0, day - previousDay);
      previousDay = day;
      return { rating: entry.rating, deltaT };
    });
    histories.push({ cardId, answers });
  }
  return histories;
}

/** The answers the optimizer learns from: each a day or more after the card's previous one. */
export function countReviews(histories: readonly CardHistory[]): number {
  let count = 0;
  for (const { answers } of histories)
    for (const answer of answers) if (answer.deltaT > 0) count += 1;
  return count;
}

/**
 * The training items as fsrs-browser's `computeParameters` takes them, flat: item k is the
 * `lengths[k]` answers from its offset, one card's history up to and including a review to
 * predict. Only reviews a day or more after the previous answer are predicted: the optimizer
 * panics on an item with no such review, and one ending on a same-day answer leaves the loss
 * infinite.
 */
export interface TrainingSet {
  ratings: Uint32Array;
  deltaTs: Uint32Array;
  lengths: Uint32Array;
}

export function trainingSet(histories: readonly CardHistory[]): TrainingSet {
  let total = 0;
  let items = 0;
  for (const { answers } of histories) {
    answers.forEach((answer, i) => {
      if (i > 0 && answer.deltaT > 0) {
        total += i + 1;
        items += 1;
      }
    });
  }
  const ratings = new Uint32Array(total);
  const deltaTs = new Uint32Array(total);
  const lengths = new Uint32Array(items);
  let at = 0;
  let item = 0;
  for (const { answers } of histories) {
    answers.forEach((answer, i) => {
      if (i === 0 || answer.deltaT === 0) return;
      for (let j = 0; j <= i; j += 1) {
        const earlier = answers[j] as TimedRating;
        ratings[at] = earlier.rating;
        deltaTs[at] = earlier.deltaT;
        at += 1;
      }
      lengths[item] = i + 1;
      item += 1;
    });
  }
  return { ratings, deltaTs, lengths };
}

/** The items of a training set, one array of answers each (for tests and the native binding). */
export function itemsOf(set: TrainingSet): TimedRating[][] {
  const items: TimedRating[][] = [];
  let at = 0;
  for (const length of set.lengths) {
    const item: TimedRating[] = [];
    for (let j = 0; j < length; j += 1, at += 1)
      item.push({
        rating: set.ratings[at] as TimedRating['rating'],
        deltaT: set.deltaTs[at] as number
      });
    items.push(item);
  }
  return items;
}
