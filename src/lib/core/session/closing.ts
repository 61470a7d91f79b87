import { Phase } from '../review/phase';
import type { DeckCard } from '../review/queue';
import type { CardState } from '../review/scheduler';
import type { SessionSummary } from './session';

const dayMs = 86_400_000;

/** What the end of a session shows: how it went, what comes next, where to go from here. */
export interface ClosingFigures {
  answered: number;
  /** Share answered right (not Again), 0-100, rounded; undefined with no answer. */
  rightPercent: number | undefined;
  /** Time spent, as "45 s" or "6 min". */
  time: string;
  /** Cards that fall due in the 24 hours from `now` (learning steps included). */
  dueNextDay: number;
  /** Cards never studied, in the lessons the daily review keeps. */
  unseen: number;
  /** The first lesson, in course order, with a card never studied: the topic to read next. */
  nextLesson: { slug: string; title: string } | undefined;
}

/** "45 s" under a minute, else whole minutes ("6 min"). */
export function spentTime(ms: number): string {
  const seconds = Math.round(ms / 1000);
  return seconds < 60 ? `${seconds} s` : `${Math.round(seconds / 60)} min`;
}

export function closingFigures(input: {
  summary: SessionSummary;
  cards: readonly DeckCard[];
  lessons: readonly { slug: string; title: string }[];
  states: ReadonlyMap<string, CardState>;
  now: number;
  excludedLessons?: readonly string[];
}): ClosingFigures {
  const { summary, cards, lessons, states, now } = input;
  const excluded = new Set(input.excludedLessons ?? []);
  let dueNextDay = 0;
  let unseen = 0;
  const unseenLessons = new Set<string>();
  for (const card of cards) {
    const state = states.get(card.id);
    if (!state || state.phase === Phase.New) {
      unseenLessons.add(card.lesson);
      if (!excluded.has(card.lesson)) unseen += 1;
    } else if (state.due <= now + dayMs) dueNextDay += 1;
  }
  const next = lessons.find((lesson) => unseenLessons.has(lesson.slug));
  return {
    answered: summary.answered,
    rightPercent:
      summary.answered > 0 ? Math.round((100 * summary.right) / summary.answered) : undefined,
    time: spentTime(summary.timeMs),
    dueNextDay,
    unseen,
    nextLesson: next && { slug: next.slug, title: next.title }
  };
}
