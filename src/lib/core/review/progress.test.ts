import { describe, expect, it } from 'vitest';
import { deckCard, testParams, testStart } from '../../test/factories';
import { lessonProgress } from './progress';
import { answerCard } from './scheduler';

describe('lessonProgress', () => {
  it('counts, per lesson in course order, cards started and cards in long-term review', () => {
    const lessons = [
      { slug: 'one', title: 'One' },
      { slug: 'two', title: 'Two' }
    ];
    const cards = [
      deckCard('a', { lesson: 'one' }),
      deckCard('b', { lesson: 'one' }),
      deckCard('c', { lesson: 'two' })
    ];
    const learning = answerCard(testParams, undefined, 3, testStart);
    const review = answerCard(testParams, undefined, 4, testStart);
    const states = new Map([
      ['a', learning],
      ['b', review],
      ['gone', review]
    ]);
    expect(lessonProgress(lessons, cards, states)).toEqual([
      { slug: 'one', title: 'One', total: 2, started: 2, reviewing: 1 },
      { slug: 'two', title: 'Two', total: 1, started: 0, reviewing: 0 }
    ]);
    // The day's states leave out cards in review due later: counted from `later` alike.
    const dayOnly = new Map([['a', learning]]);
    expect(lessonProgress(lessons, cards, dayOnly, new Set(['b', 'gone']))).toEqual(
      lessonProgress(lessons, cards, states)
    );
  });
});
