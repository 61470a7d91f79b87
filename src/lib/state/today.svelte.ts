import { lessonProgress, type LessonProgress } from '$lib/core/review/progress';
import type { QueueCounts } from '$lib/core/review/queue';
import { openDatabase } from '$lib/db/database';
import { loadPlanStates, loadSettings, nextDue } from '$lib/db/reviews';
import { saveStreakMark, streakDays, type StreakMark } from '$lib/db/streak';
import { clock } from './clock';
import { planForToday } from './daily-plan';
import { loadDeck, type Deck } from './deck';
import { describeStorageError } from './errors';
import { LiveQuery } from './live.svelte';

export type { LessonProgress };

/** What the today page shows: what is due, what was done, and progress per lesson. */
export interface TodaySnapshot {
  due: QueueCounts;
  doneToday: number;
  minutesToday: number;
  streak: number;
  /** Kept for the next count of the streak (saved outside the live query). */
  streakMark: StreakMark;
  /** The mark kept before was outdated by a past-stamped answer: replace it. */
  staleMark: boolean;
  nextDueAt: number | undefined;
  lessons: LessonProgress[];
}

/** Today's numbers, from Dexie reads only, so a live query can follow them. */
async function todaySnapshot(deck: Deck): Promise<TodaySnapshot> {
  const now = clock.now();
  // The day's states, as the review page reads them: not every state (see loadDayStates).
  const [{ states, later }, settings] = await Promise.all([
    loadPlanStates(true, now),
    loadSettings()
  ]);
  const { plan, today, timeZone } = await planForToday(deck, states, settings, now, later);
  performance.measure('today:counts', 'today:load-start');
  const [streak, nextDueAt] = await Promise.all([
    streakDays(now, settings.dayStartsAtHour, timeZone),
    nextDue((id) => deck.byId.has(id), now)
  ]);
  const lessons = lessonProgress(deck.index.lessons, deck.cards, states, later);
  performance.measure('today:ready', 'today:load-start');
  return {
    due: plan.counts,
    doneToday: today.total,
    minutesToday: Math.round(today.timeMs / 60_000),
    streak: streak.days,
    streakMark: streak.mark,
    staleMark: streak.staleMark,
    nextDueAt,
    lessons
  };
}

const nothingDue: QueueCounts = { new: 0, learning: 0, review: 0 };

/**
 * The today page's state. It follows the database live: an answer given in another tab
 * updates the numbers. `load()` again (when the page becomes visible) picks up what time
 * changed: a new study day, cards falling due.
 */
export class TodayState {
  #query = $state<LiveQuery<TodaySnapshot>>();
  #loadError = $state<unknown>();
  /** The last numbers shown, kept while a new query starts, so the page does not flash. */
  #shown: TodaySnapshot | undefined;

  get #snapshot(): TodaySnapshot | undefined {
    const current = this.#query?.current;
    if (current) this.#shown = current;
    return current ?? this.#shown;
  }

  get status(): 'loading' | 'ready' | 'error' {
    if (this.error) return 'error';
    return this.#snapshot ? 'ready' : 'loading';
  }

  get error(): string | undefined {
    const error = this.#loadError ?? this.#query?.error;
    return error === undefined ? undefined : describeStorageError(error);
  }

  get due(): QueueCounts {
    return this.#snapshot?.due ?? nothingDue;
  }
  get doneToday(): number {
    return this.#snapshot?.doneToday ?? 0;
  }
  get minutesToday(): number {
    return this.#snapshot?.minutesToday ?? 0;
  }
  get streak(): number {
    return this.#snapshot?.streak ?? 0;
  }
  get nextDueAt(): number | undefined {
    return this.#snapshot?.nextDueAt;
  }
  get lessons(): LessonProgress[] {
    return this.#snapshot?.lessons ?? [];
  }

  get dueTotal(): number {
    return this.due.new + this.due.learning + this.due.review;
  }

  async load(): Promise<void> {
    performance.mark('today:load-start');
    try {
      // The deck comes from the network (or the worker's cache), not Dexie, so the live query
      // cannot wait for it: it is fetched first, while the database opens.
      const [deck] = await Promise.all([loadDeck(), openDatabase()]);
      this.#loadError = undefined;
      this.#query = new LiveQuery(
        () => todaySnapshot(deck),
        (snapshot) =>
          void saveStreakMark(snapshot.streakMark, snapshot.staleMark).catch(() => undefined)
      );
    } catch (error) {
      this.#loadError = error;
    }
  }
}
