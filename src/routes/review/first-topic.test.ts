import { describe, expect, it } from 'vitest';
import type { DeckIndex } from '$lib/core/content/deck';
import { firstTopicOffer } from './first-topic';

const lessons: DeckIndex['lessons'] = [
  {
    slug: 'scaling',
    title: 'Scaling',
    sections: [
      { id: 'single-server', title: 'Single server', minutes: 2 },
      { id: 'cache', title: 'Cache' }
    ]
  }
];
const newLearner = { kind: { kind: 'daily' }, firstTime: true, cardType: 'new' } as const;
const card = { lesson: 'scaling', section: 'single-server' };

describe('firstTopicOffer', () => {
  it("offers a new learner's first new card's topic, with its title and reading time", () => {
    expect(firstTopicOffer(newLearner, card, lessons)).toEqual({
      lesson: 'scaling',
      section: 'single-server',
      title: 'Single server',
      minutes: 2
    });
    expect(firstTopicOffer(newLearner, { ...card, section: 'cache' }, lessons)).toEqual({
      lesson: 'scaling',
      section: 'cache',
      title: 'Cache',
      minutes: undefined
    });
    // "Learn 10 more new cards today" is the daily review too.
    const more = { ...newLearner, kind: { kind: 'daily', extraNew: 10 } } as const;
    expect(firstTopicOffer(more, card, lessons)).toMatchObject({ title: 'Single server' });
  });

  it('offers nothing to a learner who has answered before, or when the card is not new', () => {
    expect(firstTopicOffer({ ...newLearner, firstTime: false }, card, lessons)).toBeUndefined();
    expect(firstTopicOffer({ ...newLearner, cardType: 'learning' }, card, lessons)).toBeUndefined();
    expect(firstTopicOffer({ ...newLearner, cardType: 'review' }, card, lessons)).toBeUndefined();
  });

  it('offers nothing outside the daily review: the learner chose the topic there', () => {
    for (const kind of [
      { kind: 'learn', lesson: 'scaling', section: 'cache' },
      { kind: 'cram', lesson: 'scaling' },
      { kind: 'prepare', date: 0, limit: 30 }
    ] as const)
      expect(firstTopicOffer({ ...newLearner, kind }, card, lessons)).toBeUndefined();
  });

  it('offers nothing for a card whose topic the deck does not know', () => {
    expect(firstTopicOffer(newLearner, undefined, lessons)).toBeUndefined();
    expect(firstTopicOffer(newLearner, { ...card, section: 'gone' }, lessons)).toBeUndefined();
    expect(firstTopicOffer(newLearner, { ...card, lesson: 'gone' }, lessons)).toBeUndefined();
  });
});
