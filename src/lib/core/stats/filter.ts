import type { DeckCard } from '../review/queue';
import type { CardMask } from './history';

/** The lesson and topic (section) the statistics are narrowed to; empty for all. */
export interface StatsFilter {
  lesson: string;
  section: string;
}

export const everything: StatsFilter = { lesson: '', section: '' };

/** Which of the deck's cards the filter covers; undefined when it covers them all. */
export function cardMask(cards: readonly DeckCard[], filter: StatsFilter): CardMask {
  if (!filter.lesson) return undefined;
  const mask = new Uint8Array(cards.length);
  cards.forEach((card, i) => {
    if (card.lesson === filter.lesson && (!filter.section || card.section === filter.section))
      mask[i] = 1;
  });
  return mask;
}
