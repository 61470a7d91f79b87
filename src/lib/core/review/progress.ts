import { Phase } from './phase';
import type { DeckCard } from './queue';
import type { CardState } from './scheduler';

export interface LessonProgress {
  slug: string;
  title: string;
  total: number;
  /** Cards answered at least once. */
  started: number;
  /** Cards in long-term review (past their learning steps). */
  reviewing: number;
}

/** Per lesson, in course order: how many of its cards were started and are in long-term review. */
export function lessonProgress(
  lessons: readonly { slug: string; title: string }[],
  cards: readonly DeckCard[],
  states: ReadonlyMap<string, CardState>,
  /** Cards whose state `states` leaves out as in review and due later (see planToday). */
  later: ReadonlySet<string> = new Set()
): LessonProgress[] {
  const progress = new Map<string, LessonProgress>(
    lessons.map((l) => [
      l.slug,
      { slug: l.slug, title: l.title, total: 0, started: 0, reviewing: 0 }
    ])
  );
  for (const card of cards) {
    const entry = progress.get(card.lesson);
    if (!entry) continue;
    entry.total += 1;
    const state = states.get(card.id);
    const reviewing = state ? state.phase === Phase.Review : later.has(card.id);
    if (reviewing || (state && state.phase !== Phase.New)) entry.started += 1;
    if (reviewing) entry.reviewing += 1;
  }
  return [...progress.values()];
}
