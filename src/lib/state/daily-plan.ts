import { planToday, type DailyPlan, type TodaySoFar } from '$lib/core/review/queue';
import type { CardState } from '$lib/core/review/scheduler';
import type { ReviewSettings } from '$lib/core/review/settings';
import { deviceTimeZone, nextStudyDayStart, studyDayStart } from '$lib/core/review/time';
import { hiddenCards, type CardMarks } from '$lib/core/review/events';
import { loadPriorityCards } from '$lib/db/priority';
import { loadMarks } from '$lib/db/events';
import { todaySoFar } from '$lib/db/reviews';
import type { Deck } from './deck';

/** What a plan of today is made from, besides the deck and the states. */
export interface TodayRead {
  today: TodaySoFar & { total: number; timeMs: number };
  /** Cards put in front of the queue ("Review my misses"). */
  priority: string[];
  dayEnds: number;
  timeZone: string;
  /** Cards suspended, or buried until a later time: left out of every plan. */
  hidden: Set<string>;
  /** Every card's marks (suspended, buried, flag), as the event log replays to. */
  marks: Map<string, CardMarks>;
}

export interface TodaysPlan extends TodayRead {
  plan: DailyPlan;
}

/** Today's study day, the answers given in it so far and the cards put in front. */
export async function readToday(settings: ReviewSettings, now: number): Promise<TodayRead> {
  const timeZone = deviceTimeZone();
  const dayStart = studyDayStart(now, settings.dayStartsAtHour, timeZone);
  const dayEnds = nextStudyDayStart(now, settings.dayStartsAtHour, timeZone);
  const [today, priority, marks] = await Promise.all([
    todaySoFar(dayStart, dayEnds),
    loadPriorityCards(),
    loadMarks()
  ]);
  return { today, priority, dayEnds, timeZone, hidden: hiddenCards(marks, now), marks };
}

/**
 * Today's queue as both the today page and the review session see it: the same day
 * boundaries, the same answers so far, the same cards put in front.
 */
export async function planForToday(
  deck: Deck,
  states: ReadonlyMap<string, CardState>,
  settings: ReviewSettings,
  now: number,
  /** With the day's states only (db/reviews `loadDayStates`): the cards they leave out. */
  later?: ReadonlySet<string>
): Promise<TodaysPlan> {
  const read = await readToday(settings, now);
  const { today, priority, dayEnds, hidden } = read;
  const plan = planToday({
    deck: visibleCards(deck, hidden),
    states,
    later,
    today,
    limits: settings,
    dayEnds,
    priority,
    excludedLessons: settings.excludedLessons
  });
  return { ...read, plan };
}

/** The deck's cards less those suspended or buried. */
export function visibleCards(deck: Deck, hidden: ReadonlySet<string>): Deck['cards'] {
  return hidden.size === 0 ? deck.cards : deck.cards.filter((card) => !hidden.has(card.id));
}
