/**
 * A card id is its note's id (the id written in the lesson), plus `:reverse` or `:cN` for the
 * extra cards a note makes. Cards of one note are siblings.
 */
export function noteIdOf(cardId: string): string {
  const colon = cardId.indexOf(':');
  return colon < 0 ? cardId : cardId.slice(0, colon);
}
