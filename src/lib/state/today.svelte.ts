import type { QueueCounts } from '$lib/core/review/queue';
import { nextStudyDayStart, studyDayStart } from '$lib/core/review/time';
import { answersBetween, loadSettings, loadStates, nextDue } from '$lib/db/reviews';
import { clock } from './clock';
import { planForToday } from './daily-plan';
import { loadDeck } from './deck';
import { describeStorageError } from './errors';

export interface LessonProgress {
  slug: string;
  title: string;
  total: number;
  /** Cards answered at least once. */
  started: number;
  /** Cards in long-term review (past their learning steps). */
  reviewing: number;
}

/** The study days in a row, up to today, with at least one answer (today may still be open). */
async function countStreak(now: number, startHour: number, timeZone: string): Promise<number> {
  let start = studyDayStart(now, startHour, timeZone);
  let end = nextStudyDayStart(now, startHour, timeZone);
  let streak = 0;
  let first = true;
  for (let guard = 0; guard < 3660; guard += 1) {
    const answered = (await answersBetween(start, end)) > 0;
    if (answered) streak += 1;
    else if (!first) break;
    first = false;
    end = start;
    start = studyDayStart(start - 1, startHour, timeZone);
  }
  return streak;
}

/** What the today page shows: what is due, what was done, and progress per lesson. */
export class TodayState {
  status = $state<'loading' | 'ready' | 'error'>('loading');
  error = $state<string | undefined>();
  due = $state<QueueCounts>({ new: 0, learning: 0, review: 0 });
  doneToday = $state(0);
  minutesToday = $state(0);
  streak = $state(0);
  nextDueAt = $state<number | undefined>();
  lessons = $state<LessonProgress[]>([]);

  get dueTotal(): number {
    return this.due.new + this.due.learning + this.due.review;
  }

  async load(): Promise<void> {
    performance.mark('today:load-start');
    try {
      const [deck, states, settings] = await Promise.all([
        loadDeck(),
        loadStates(),
        loadSettings()
      ]);
      const now = clock.now();
      const { plan, today, timeZone } = await planForToday(deck, states, settings, now);
      this.due = plan.counts;
      performance.measure('today:counts', 'today:load-start');
      this.doneToday = today.total;
      this.minutesToday = Math.round(today.timeMs / 60_000);
      this.streak = await countStreak(now, settings.dayStartsAtHour, timeZone);
      this.nextDueAt = await nextDue((id) => deck.byId.has(id), now);
      const progress = new Map<string, LessonProgress>(
        deck.index.lessons.map((l) => [
          l.slug,
          { slug: l.slug, title: l.title, total: 0, started: 0, reviewing: 0 }
        ])
      );
      for (const card of deck.cards) {
        const entry = progress.get(card.lesson);
        if (!entry) continue;
        entry.total += 1;
        const state = states.get(card.id);
        if (state && state.phase !== 0) entry.started += 1;
        if (state?.phase === 2) entry.reviewing += 1;
      }
      this.lessons = [...progress.values()];
      this.status = 'ready';
    } catch (error) {
      this.error = describeStorageError(error);
      this.status = 'error';
    }
  }
}
