import { describe, expect, it } from 'vitest';
import { answerCard } from '../review/scheduler';
import { deckCard, testParams as params, testStart as now } from '../../test/factories';
import { closingFigures, spentTime } from './closing';

const lessons = [
  { slug: 'one', title: 'Lesson one' },
  { slug: 'two', title: 'Lesson two' },
  { slug: 'three', title: 'Lesson three' }
];
const cards = [
  deckCard('a', { lesson: 'one' }),
  deckCard('b', { lesson: 'one' }),
  deckCard('c', { lesson: 'two' }),
  deckCard('d', { lesson: 'three' })
];

describe('closingFigures', () => {
  it('gives the share right, the time, what falls due in a day and the topic to read next', () => {
    const states = new Map([
      // Again: due again within minutes.
      ['a', answerCard(params, undefined, 1, now - 60_000)],
      // Easy on a new card: days away.
      ['b', answerCard(params, undefined, 4, now - 60_000)]
    ]);
    const figures = closingFigures({
      summary: { answered: 3, right: 2, timeMs: 95_000 },
      cards,
      lessons,
      states,
      now
    });
    expect(figures).toEqual({
      answered: 3,
      rightPercent: 67,
      time: '2 min',
      dueNextDay: 1,
      unseen: 2,
      nextLesson: { slug: 'two', title: 'Lesson two' }
    });
  });

  it('leaves excluded lessons out of the new cards left, and has no share with no answer', () => {
    const figures = closingFigures({
      summary: { answered: 0, right: 0, timeMs: 0 },
      cards,
      lessons,
      states: new Map(),
      now,
      excludedLessons: ['one']
    });
    expect(figures.rightPercent).toBeUndefined();
    expect(figures.unseen).toBe(2);
    expect(figures.nextLesson?.slug).toBe('one');
  });
});

describe('spentTime', () => {
  it('shows seconds under a minute and whole minutes after', () => {
    expect(spentTime(45_400)).toBe('45 s');
    expect(spentTime(6 * 60_000 + 20_000)).toBe('6 min');
  });
});
