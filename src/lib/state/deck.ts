import { deckCards, type DeckIndex, type LessonCards } from '$lib/core/content/deck';
import type { Card } from '$lib/core/content/types';
import type { DeckCard } from '$lib/core/review/queue';

export interface Deck {
  index: DeckIndex;
  cards: DeckCard[];
  byId: Map<string, DeckCard>;
  lessonTitle: (slug: string) => string;
  sectionTitle: (slug: string, section: string) => string;
}

let deckPromise: Promise<Deck> | undefined;
const lessonPromises = new Map<string, Promise<Map<string, Card>>>();

async function fetchJson<T>(url: string): Promise<T> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`Could not load ${url} (${response.status})`);
  return (await response.json()) as T;
}

/** The deck index (every card's id, kind, lesson and section), fetched once per page load. */
export function loadDeck(): Promise<Deck> {
  deckPromise ??= fetchJson<DeckIndex>('/data/deck.json')
    .then((index) => {
      const cards = deckCards(index);
      const titles = new Map(index.lessons.map((l) => [l.slug, l]));
      return {
        index,
        cards,
        byId: new Map(cards.map((card) => [card.id, card])),
        lessonTitle: (slug: string) => titles.get(slug)?.title ?? slug,
        sectionTitle: (slug: string, section: string) =>
          titles.get(slug)?.sections.find((s) => s.id === section)?.title ?? section
      };
    })
    .catch((error: unknown) => {
      deckPromise = undefined;
      throw error;
    });
  return deckPromise;
}

/** Lessons whose cards have arrived, for `loadedLessonCards`. */
const lessonsLoaded = new Map<string, Map<string, Card>>();

/** One lesson's cards with their text, fetched once and kept. */
export function loadLessonCards(slug: string): Promise<Map<string, Card>> {
  let found = lessonPromises.get(slug);
  if (!found) {
    found = fetchJson<LessonCards>(`/data/cards/${slug}.json`)
      .then((data) => {
        const cards = new Map(data.cards.map((card) => [card.id, card]));
        lessonsLoaded.set(slug, cards);
        return cards;
      })
      .catch((error: unknown) => {
        lessonPromises.delete(slug);
        throw error;
      });
    lessonPromises.set(slug, found);
  }
  return found;
}

/**
 * A lesson's cards if they have arrived already (prefetched), without waiting: the review page
 * draws the next card in the same task as the answer, not a microtask later after a first
 * render of what changed.
 */
export function loadedLessonCards(slug: string): Map<string, Card> | undefined {
  return lessonsLoaded.get(slug);
}
