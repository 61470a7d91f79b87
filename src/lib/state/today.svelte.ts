import type { QueueCounts } from '$lib/core/review/queue';
import { loadSettings, loadStates, nextDue, streakDays } from '$lib/db/reviews';
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
      this.streak = await streakDays(now, settings.dayStartsAtHour, timeZone);
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
      performance.measure('today:ready', 'today:load-start');
    } catch (error) {
      this.error = describeStorageError(error);
      this.status = 'error';
    }
  }
}
