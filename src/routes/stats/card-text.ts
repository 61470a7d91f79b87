import type { Card } from '$lib/core/content/types';
import type { Leech } from '$lib/core/stats/cards';

/** A card's question as plain text, for a link naming it (lesson HTML has its tags dropped). */
export function cardQuestion(card: Card): string {
  const html = card.kind === 'basic' || card.kind === 'cloze' ? card.front : card.question;
  const text = new DOMParser().parseFromString(html, 'text/html').body.textContent ?? '';
  return text.replace(/\s+/g, ' ').trim() || card.id;
}

/** The questions of the leeches found in the given lessons' cards, by card id. */
export function leechQuestions(
  leeches: readonly Leech[],
  lessons: readonly ReadonlyMap<string, Card>[]
): Map<string, string> {
  const found = new Map<string, string>();
  for (const cards of lessons)
    for (const leech of leeches) {
      const card = cards.get(leech.cardId);
      if (card) found.set(leech.cardId, cardQuestion(card));
    }
  return found;
}
