// Loaded by /lessons after it is drawn, so the list shows at once and Dexie comes after.
import { lessonProgress, type LessonProgress } from '$lib/core/review/progress';
import { loadStates } from '$lib/db/reviews';
import { loadDeck } from './deck';

/** Each lesson's progress, by slug. */
export async function progressByLesson(): Promise<Map<string, LessonProgress>> {
  const [deck, states] = await Promise.all([loadDeck(), loadStates()]);
  return new Map(
    lessonProgress(deck.index.lessons, deck.cards, states).map((lesson) => [lesson.slug, lesson])
  );
}
