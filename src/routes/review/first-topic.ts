import type { DeckIndex } from '$lib/core/content/deck';
import type { ItemType } from '$lib/core/session/session';
import type { SessionKind } from '$lib/state/session.svelte';

/** The topic a learner's very first session offers to read before its cards. */
export interface FirstTopic {
  lesson: string;
  section: string;
  title: string;
  /** About how long it takes to read (unknown for a deck built before it was measured). */
  minutes: number | undefined;
}

/**
 * What the review page offers when its first card shows: the card's topic, to read first, when
 * the learner has never answered a card and the daily session starts with a new card; nothing
 * otherwise (a topic being learned, studied ahead or prepared for was chosen already).
 */
export function firstTopicOffer(
  session: { kind: SessionKind; firstTime: boolean; cardType: ItemType },
  card: { lesson: string; section: string } | undefined,
  lessons: DeckIndex['lessons']
): FirstTopic | undefined {
  if (session.kind.kind !== 'daily' || !session.firstTime || session.cardType !== 'new' || !card)
    return undefined;
  const section = lessons
    .find((lesson) => lesson.slug === card.lesson)
    ?.sections.find((s) => s.id === card.section);
  return section && { ...card, title: section.title, minutes: section.minutes };
}
