import { describe, expect, it } from 'vitest';
import { noMarks, type CardMarks } from '../review/events';
import { answerCard, retrievability, type CardState } from '../review/scheduler';
import { dayMs } from '../review/time';
import { testParams, testStart } from '../../test/factories';
import {
  browseCards,
  emptyQuery,
  queryFromSearch,
  queryToSearch,
  stateName,
  type BrowseCard,
  type BrowseContext,
  type BrowseQuery
} from './browse';
import { foldText } from './text';

const now = testStart;
const context: BrowseContext = { now, dayEnds: now + 6 * 3_600_000, leechLapses: 8 };

function card(id: string, overrides: Partial<BrowseCard> = {}): BrowseCard {
  return {
    id,
    kind: 'basic',
    lesson: 'scaling',
    section: 'caching',
    question: id,
    text: id,
    state: undefined,
    marks: noMarks,
    retrievability: 0,
    order: 0,
    ...overrides
  };
}

/** A review card answered Good `daysAgo` days ago, due in `dueInDays`. */
function reviewState(overrides: Partial<CardState> = {}): CardState {
  const learnt = answerCard(testParams, undefined, 4, now - 20 * dayMs);
  return { ...learnt, ...overrides };
}

const query = (overrides: Partial<BrowseQuery> = {}): BrowseQuery => ({
  ...emptyQuery,
  ...overrides
});
const ids = (cards: BrowseCard[]) => cards.map((c) => c.id);

describe('browseCards', () => {
  it('finds cards holding every word of the search, in any case or accent', () => {
    const cards = [
      card('a', { text: 'a load balancer spreads requests' }),
      card('b', { text: 'the balancer of load is here' }),
      card('c', { text: foldText('a cache in front of the café database') })
    ];
    expect(ids(browseCards(cards, query({ search: 'Load  BALANCER' }), context))).toEqual([
      'a',
      'b'
    ]);
    expect(ids(browseCards(cards, query({ search: 'CAFE' }), context))).toEqual(['c']);
    expect(ids(browseCards(cards, query({ search: 'nothing' }), context))).toEqual([]);
    expect(ids(browseCards(cards, query(), context))).toEqual(['a', 'b', 'c']);
  });

  it('filters by lesson, topic, kind and state', () => {
    const review = reviewState();
    const cards = [
      card('a', { lesson: 'scaling', section: 'caching', kind: 'basic' }),
      card('b', { lesson: 'scaling', section: 'sharding', kind: 'choice', state: review }),
      card('c', { lesson: 'hashing', section: 'ring', kind: 'choice', state: review })
    ];
    // New cards come last (they have no due date).
    expect(ids(browseCards(cards, query({ lesson: 'scaling' }), context))).toEqual(['b', 'a']);
    expect(
      ids(browseCards(cards, query({ lesson: 'scaling', topic: 'sharding' }), context))
    ).toEqual(['b']);
    expect(ids(browseCards(cards, query({ kind: 'choice' }), context))).toEqual(['b', 'c']);
    expect(ids(browseCards(cards, query({ state: 'new' }), context))).toEqual(['a']);
    expect(ids(browseCards(cards, query({ state: 'review' }), context))).toEqual(['b', 'c']);
    expect(ids(browseCards(cards, query({ state: 'learning' }), context))).toEqual([]);
  });

  it('filters by marks: suspended, buried (until the time has come), flag, leech, due today', () => {
    const marks = (m: Partial<CardMarks>): CardMarks => ({ ...noMarks, ...m });
    const cards = [
      card('suspended', { marks: marks({ suspended: true }) }),
      card('buried', { marks: marks({ buriedUntil: now + 1000 }) }),
      card('was-buried', { marks: marks({ buriedUntil: now - 1000 }) }),
      card('red', { marks: marks({ flag: 1 }) }),
      card('blue', { marks: marks({ flag: 4 }) }),
      card('leech', { state: reviewState({ lapses: 8, due: now + 30 * dayMs }) }),
      card('nearly', { state: reviewState({ lapses: 7, due: now + 30 * dayMs }) }),
      card('due', { state: reviewState({ due: now + 3_600_000 }) }),
      card('due-tomorrow', { state: reviewState({ due: context.dayEnds + 1 }) })
    ];
    const found = (q: Partial<BrowseQuery>) => ids(browseCards(cards, query(q), context));
    expect(found({ suspended: true })).toEqual(['suspended']);
    expect(found({ buried: true })).toEqual(['buried']);
    expect(found({ flag: 'any' })).toEqual(['red', 'blue']);
    expect(found({ flag: 'blue' })).toEqual(['blue']);
    expect(found({ flag: 'green' })).toEqual([]);
    expect(found({ leech: true })).toEqual(['leech']);
    expect(found({ dueToday: true })).toEqual(['due']);
    expect(found({ dueToday: true, flag: 'red' })).toEqual([]);
  });

  it('sorts the most pressing first, new cards last, ties in deck order', () => {
    const a = card('a', {
      order: 0,
      state: reviewState({
        due: now + 5 * dayMs,
        lapses: 1,
        difficulty: 3,
        lastReview: now - 9 * dayMs
      }),
      retrievability: 0.95
    });
    const b = card('b', {
      order: 1,
      state: reviewState({
        due: now + dayMs,
        lapses: 4,
        difficulty: 8,
        lastReview: now - 2 * dayMs
      }),
      retrievability: 0.7
    });
    const c = card('c', {
      order: 2,
      state: reviewState({ due: now + dayMs, lapses: 0, difficulty: 5, lastReview: now - dayMs }),
      retrievability: 0.8
    });
    const fresh = card('new', { order: 3 });
    const cards = [fresh, c, b, a];
    const sorted = (sort: BrowseQuery['sort']) => ids(browseCards(cards, query({ sort }), context));
    expect(sorted('due')).toEqual(['b', 'c', 'a', 'new']);
    expect(sorted('lapses')).toEqual(['b', 'a', 'c', 'new']);
    expect(sorted('difficulty')).toEqual(['b', 'c', 'a', 'new']);
    expect(sorted('retrievability')).toEqual(['b', 'c', 'a', 'new']);
    expect(sorted('answered')).toEqual(['c', 'b', 'a', 'new']);
  });

  it('filters and sorts 10,000 cards (the figure is printed, not asserted)', () => {
    const kinds = ['basic', 'cloze', 'choice', 'scenario', 'order'] as const;
    const words = ['load balancer', 'cache', 'replica', 'shard', 'queue', 'token bucket'];
    const cards = Array.from({ length: 10_000 }, (_, i) => {
      const state =
        i % 3 === 0
          ? undefined
          : reviewState({ due: now + (i % 40) * dayMs - 5 * dayMs, lapses: i % 11 });
      return card(`card-${i}`, {
        order: i,
        kind: kinds[i % kinds.length],
        lesson: `lesson-${i % 7}`,
        section: `section-${i % 23}`,
        text: `question ${i} about the ${words[i % words.length]} and its answer, with options`,
        state,
        marks: { ...noMarks, flag: (i % 13 === 0 ? 2 : 0) as 0 | 2, suspended: i % 17 === 0 },
        retrievability: state ? retrievability(testParams, state, now) : 0
      });
    });
    const runs: [string, Partial<BrowseQuery>][] = [
      ['everything, by due', {}],
      [
        'search "load balancer", by retrievability',
        { search: 'load balancer', sort: 'retrievability' }
      ],
      [
        'review cards due today in one lesson',
        { state: 'review', dueToday: true, lesson: 'lesson-3' }
      ],
      ['flagged orange, by lapses', { flag: 'orange', sort: 'lapses' }]
    ];
    for (const [name, q] of runs) {
      // The median of five runs after one to warm up: the machine is shared and noisy.
      browseCards(cards, query(q), context);
      const times: number[] = [];
      let found: BrowseCard[] = [];
      for (let run = 0; run < 5; run += 1) {
        const started = performance.now();
        found = browseCards(cards, query(q), context);
        times.push(performance.now() - started);
      }
      const ms = times.sort((a, b) => a - b)[2]!;
      console.log(
        `browseCards, 10,000 cards, ${name}: ${found.length} found in ${ms.toFixed(2)} ms`
      );
      expect(found.length).toBeGreaterThan(0);
    }
    expect(browseCards(cards, query({ search: 'load balancer' }), context)).toHaveLength(1667);
  });
});

describe('stateName', () => {
  it('names each phase, and new for a card with no state', () => {
    expect(stateName(undefined)).toBe('new');
    expect(stateName(reviewState())).toBe('review');
    expect(stateName(reviewState({ phase: 1 }))).toBe('learning');
    expect(stateName(reviewState({ phase: 3 }))).toBe('relearning');
  });
});

describe('the query in the address', () => {
  it('keeps every filter through a round trip, and only what differs from none', () => {
    const full = query({
      search: 'load balancer',
      lesson: 'scaling',
      topic: 'caching',
      kind: 'choice',
      state: 'relearning',
      suspended: true,
      buried: true,
      flag: 'green',
      leech: true,
      dueToday: true,
      sort: 'lapses'
    });
    expect(queryFromSearch(queryToSearch(full))).toEqual(full);
    expect(queryToSearch(query()).toString()).toBe('');
    expect(queryToSearch(query({ search: ' cache ', flag: 'any' })).toString()).toBe(
      'q=cache&flag=any'
    );
  });

  it('reads unknown values as no filter, and a topic only with its lesson', () => {
    const read = queryFromSearch(
      new URLSearchParams('kind=essay&state=lost&flag=purple&sort=random&topic=caching&due=1')
    );
    expect(read).toEqual(query());
  });
});
