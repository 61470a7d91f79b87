import { noteIdOf } from '../review/ids';
import type { DeckCard } from '../review/queue';
import { readingMinutes } from './reading';
import type { Card, CardKind, Lesson } from './types';

/**
 * The deck index the scheduler needs: every card's id, kind, lesson and section, in lesson
 * order, without any card text. Compact rows keep it small for a library of thousands of cards.
 */
export interface DeckIndex {
  lessons: {
    slug: string;
    title: string;
    /** `minutes`: about how long the section takes to read (absent in a deck built before). */
    sections: { id: string; title: string; minutes?: number }[];
  }[];
  /** [card id, kind, lesson index, section index] */
  cards: [string, CardKind, number, number][];
}

export function deckIndex(lessons: readonly Lesson[]): DeckIndex {
  const cards: DeckIndex['cards'] = [];
  lessons.forEach((lesson, li) => {
    lesson.sections.forEach((section, si) => {
      for (const card of section.cards) cards.push([card.id, card.kind, li, si]);
    });
  });
  return {
    lessons: lessons.map((l) => ({
      slug: l.slug,
      title: l.title,
      sections: l.sections.map((s) => ({
        id: s.id,
        title: s.title,
        minutes: readingMinutes(s.html)
      }))
    })),
    cards
  };
}

/** The deck index as the queue reads it. */
export function deckCards(index: DeckIndex): DeckCard[] {
  return index.cards.map(([id, kind, li, si]) => {
    const lesson = index.lessons[li];
    return {
      id,
      noteId: noteIdOf(id),
      kind,
      lesson: lesson?.slug ?? '',
      section: lesson?.sections[si]?.id ?? ''
    };
  });
}

/** One lesson's cards with their text, loaded when a session needs them. */
export interface LessonCards {
  slug: string;
  cards: Card[];
}

export function lessonCards(lesson: Lesson): LessonCards {
  return { slug: lesson.slug, cards: lesson.sections.flatMap((s) => s.cards) };
}
