import { describe, expect, it } from 'vitest';
import {
  learnAheadMs,
  planToday,
  SessionQueue,
  spreadBetween,
  type DailyPlan,
  type DeckCard,
  type QueueLimits,
  type TodaySoFar
} from './queue';
import { answerCard, paramsFrom, type CardState } from './scheduler';
import { defaultSettings } from './settings';
import { dayMs, hourMs, minuteMs } from './time';

const now = Date.UTC(2026, 0, 5, 9); // 10:00 in Berlin
const dayEnds = Date.UTC(2026, 0, 6, 3); // 04:00 in Berlin the next morning
const plain = paramsFrom({ ...defaultSettings, fuzz: false });

/** A card of the deck; its note is the part of the id before ':' (cloze siblings share it). */
function deckCard(id: string, overrides: Partial<DeckCard> = {}): DeckCard {
  return {
    id,
    noteId: id.split(':')[0]!,
    kind: id.includes(':c') ? 'cloze' : 'basic',
    lesson: 'caching',
    section: 'basics',
    ...overrides
  };
}

/** A review card due now unless told otherwise. */
function state(overrides: Partial<CardState> = {}): CardState {
  return {
    due: now,
    stability: 10,
    difficulty: 5,
    elapsedDays: 10,
    scheduledDays: 10,
    learningSteps: 0,
    reps: 4,
    lapses: 0,
    phase: 2,
    lastReview: now - 10 * dayMs,
    ...overrides
  };
}

const nothingYet: TodaySoFar = { newCount: 0, reviewCount: 0, notes: new Set() };
const roomy: QueueLimits = { newPerDay: 20, reviewsPerDay: 200 };

function plan(input: {
  deck: DeckCard[];
  states?: [string, CardState][];
  today?: Partial<TodaySoFar>;
  limits?: Partial<QueueLimits>;
}): DailyPlan {
  return planToday({
    deck: input.deck,
    states: new Map(input.states ?? []),
    today: { ...nothingYet, ...input.today },
    limits: { ...roomy, ...input.limits },
    dayEnds
  });
}

const ids = (items: { id: string }[]) => items.map((item) => item.id);

describe('spreadBetween', () => {
  it('places the extra items evenly between the base items', () => {
    expect(spreadBetween(['r1', 'r2', 'r3', 'r4'], ['n1'])).toEqual(['r1', 'r2', 'n1', 'r3', 'r4']);
    expect(spreadBetween(['r1', 'r2', 'r3', 'r4', 'r5', 'r6'], ['n1', 'n2'])).toEqual([
      'r1',
      'r2',
      'n1',
      'r3',
      'r4',
      'n2',
      'r5',
      'r6'
    ]);
  });

  it('keeps extra items in order when there is no base', () => {
    expect(spreadBetween([], ['n1', 'n2'])).toEqual(['n1', 'n2']);
  });

  it('returns a copy of the base when there is nothing extra', () => {
    const base = ['r1', 'r2'];
    const result = spreadBetween(base, []);
    expect(result).toEqual(base);
    expect(result).not.toBe(base);
  });

  it('keeps every item and each list’s own order, whatever the sizes', () => {
    let checked = 0;
    for (let b = 0; b <= 6; b += 1) {
      for (let e = 0; e <= 6; e += 1) {
        const base = Array.from({ length: b }, (_, k) => `r${k}`);
        const extra = Array.from({ length: e }, (_, k) => `n${k}`);
        const result = spreadBetween(base, extra);
        expect(result).toHaveLength(b + e);
        expect(result.filter((item) => item.startsWith('r'))).toEqual(base);
        expect(result.filter((item) => item.startsWith('n'))).toEqual(extra);
        checked += 1;
      }
    }
    expect(checked).toBe(49);
  });
});

describe('planToday', () => {
  describe('lessons in the daily review', () => {
    it('leaves out the cards of a lesson the learner turned off, due or new, and keeps the rest in course order', () => {
      const deck = [
        deckCard('a1', { lesson: 'one' }),
        deckCard('b1', { lesson: 'two' }),
        deckCard('b2', { lesson: 'two' }),
        deckCard('c1', { lesson: 'three' })
      ];
      const states = new Map<string, CardState>([['b1', state()]]);
      const all = planToday({ deck, states, today: nothingYet, limits: roomy, dayEnds });
      expect(ids(all.main)).toContain('b1');
      const some = planToday({
        deck,
        states,
        today: nothingYet,
        limits: roomy,
        dayEnds,
        excludedLessons: ['two']
      });
      expect(ids(some.main)).toEqual(['a1', 'c1']);
      expect(some.counts).toEqual({ new: 2, learning: 0, review: 0 });
    });
  });

  describe('new cards', () => {
    it('stops at the daily limit, in deck order', () => {
      const deck = ['e', 'b', 'd', 'a', 'c'].map((id) => deckCard(id));
      const result = plan({ deck, limits: { newPerDay: 3 } });
      expect(result.main).toEqual([
        { id: 'e', type: 'new' },
        { id: 'b', type: 'new' },
        { id: 'd', type: 'new' }
      ]);
      expect(result.counts).toEqual({ new: 3, learning: 0, review: 0 });
    });

    it('counts new cards already started today against the limit', () => {
      const deck = ['a', 'b', 'c', 'd'].map((id) => deckCard(id));
      expect(ids(plan({ deck, limits: { newPerDay: 3 }, today: { newCount: 2 } }).main)).toEqual([
        'a'
      ]);
      expect(plan({ deck, limits: { newPerDay: 3 }, today: { newCount: 3 } }).main).toEqual([]);
      expect(plan({ deck, limits: { newPerDay: 3 }, today: { newCount: 7 } }).counts.new).toBe(0);
    });

    it('shows none with a limit of 0', () => {
      expect(plan({ deck: [deckCard('a')], limits: { newPerDay: 0 } }).main).toEqual([]);
    });

    it('treats a card with a phase 0 state as new', () => {
      const deck = [deckCard('a'), deckCard('b')];
      const result = plan({ deck, states: [['a', state({ phase: 0, reps: 0, due: now })]] });
      expect(result.main).toEqual([
        { id: 'a', type: 'new' },
        { id: 'b', type: 'new' }
      ]);
    });

    it('spreads new cards between the reviews', () => {
      const deck = [
        ...['r1', 'r2', 'r3', 'r4'].map((id) => deckCard(id)),
        deckCard('n1'),
        deckCard('n2')
      ];
      const states: [string, CardState][] = [
        ['r1', state({ due: now - 4 * dayMs })],
        ['r2', state({ due: now - 3 * dayMs })],
        ['r3', state({ due: now - 2 * dayMs })],
        ['r4', state({ due: now - dayMs })]
      ];
      const result = plan({ deck, states });
      expect(result.main).toEqual([
        { id: 'r1', type: 'review' },
        { id: 'n1', type: 'new' },
        { id: 'r2', type: 'review' },
        { id: 'n2', type: 'new' },
        { id: 'r3', type: 'review' },
        { id: 'r4', type: 'review' }
      ]);
      expect(result.counts).toEqual({ new: 2, learning: 0, review: 4 });
    });
  });

  describe('reviews', () => {
    const deck = ['a', 'b', 'c', 'd', 'e'].map((id) => deckCard(id));
    const states: [string, CardState][] = [
      ['a', state({ due: now - dayMs })],
      ['b', state({ due: now - 5 * dayMs })],
      ['c', state({ due: now - hourMs })],
      ['d', state({ due: now - 3 * dayMs })],
      ['e', state({ due: now - 3 * dayMs })]
    ];

    it('puts the most overdue first, ties in deck order', () => {
      const result = plan({ deck, states });
      expect(ids(result.main)).toEqual(['b', 'd', 'e', 'a', 'c']);
      expect(result.main.every((item) => item.type === 'review')).toBe(true);
    });

    it('stops at the daily limit, keeping the most overdue', () => {
      const result = plan({ deck, states, limits: { reviewsPerDay: 3 } });
      expect(ids(result.main)).toEqual(['b', 'd', 'e']);
      expect(result.counts.review).toBe(3);
    });

    it('counts reviews already done today against the limit', () => {
      expect(
        ids(plan({ deck, states, limits: { reviewsPerDay: 3 }, today: { reviewCount: 2 } }).main)
      ).toEqual(['b']);
      expect(
        plan({ deck, states, limits: { reviewsPerDay: 3 }, today: { reviewCount: 5 } }).main
      ).toEqual([]);
    });

    it('includes reviews due later today but not those due when the day has ended', () => {
      const result = plan({
        deck: ['early', 'late', 'edge', 'tomorrow'].map((id) => deckCard(id)),
        states: [
          ['early', state({ due: now + hourMs })],
          ['late', state({ due: dayEnds - 1 })],
          ['edge', state({ due: dayEnds })],
          ['tomorrow', state({ due: dayEnds + hourMs })]
        ],
        limits: { newPerDay: 0 }
      });
      expect(ids(result.main)).toEqual(['early', 'late']);
    });

    it('ignores states whose card is no longer in the deck', () => {
      const result = plan({
        deck: [deckCard('kept')],
        states: [
          ['gone', state({ due: now - 9 * dayMs })],
          ['gone-learning', state({ phase: 1, due: now - minuteMs })],
          ['kept', state({ due: now - dayMs })]
        ]
      });
      expect(result.main).toEqual([{ id: 'kept', type: 'review' }]);
      expect(result.learning).toEqual([]);
      expect(result.counts).toEqual({ new: 0, learning: 0, review: 1 });
    });
  });

  describe('learning cards', () => {
    it('lists learning and relearning cards due today soonest first', () => {
      const result = plan({
        deck: ['a', 'b', 'c', 'd'].map((id) => deckCard(id)),
        states: [
          ['a', state({ phase: 1, due: now + 10 * minuteMs })],
          ['b', state({ phase: 3, due: now - 5 * minuteMs })],
          ['c', state({ phase: 1, due: now + minuteMs })],
          ['d', state({ phase: 3, due: dayEnds + minuteMs })]
        ]
      });
      expect(result.learning).toEqual([
        { id: 'b', due: now - 5 * minuteMs },
        { id: 'c', due: now + minuteMs },
        { id: 'a', due: now + 10 * minuteMs }
      ]);
      expect(result.main).toEqual([]);
      expect(result.counts).toEqual({ new: 0, learning: 3, review: 0 });
    });

    it('keeps learning cards out of the main queue and the review limit', () => {
      const result = plan({
        deck: ['l', 'r'].map((id) => deckCard(id)),
        states: [
          ['l', state({ phase: 1, due: now - 2 * dayMs })],
          ['r', state({ due: now - dayMs })]
        ],
        limits: { reviewsPerDay: 1 }
      });
      expect(result.main).toEqual([{ id: 'r', type: 'review' }]);
      expect(ids(result.learning)).toEqual(['l']);
    });
  });

  describe('siblings', () => {
    it('skips a new sibling of a card answered today', () => {
      const result = plan({
        deck: [deckCard('n1:c1'), deckCard('n1:c2'), deckCard('n2:c1')],
        today: { notes: new Set(['n1']) }
      });
      expect(ids(result.main)).toEqual(['n2:c1']);
    });

    it('skips a review whose note was answered today', () => {
      const result = plan({
        deck: [deckCard('n1:c1'), deckCard('n2:c1')],
        states: [
          ['n1:c1', state({ due: now - dayMs })],
          ['n2:c1', state({ due: now - dayMs })]
        ],
        today: { notes: new Set(['n1']) }
      });
      expect(ids(result.main)).toEqual(['n2:c1']);
    });

    it('skips a new sibling of a review due today', () => {
      const result = plan({
        deck: [deckCard('n1:c1'), deckCard('n1:c2'), deckCard('n2:c1')],
        states: [['n1:c2', state({ due: now + hourMs })]]
      });
      expect(result.main).toEqual([
        { id: 'n2:c1', type: 'new' },
        { id: 'n1:c2', type: 'review' }
      ]);
    });

    it('shows a new sibling of a review not due today', () => {
      const result = plan({
        deck: [deckCard('n1:c1'), deckCard('n1:c2')],
        states: [['n1:c2', state({ due: dayEnds + dayMs })]]
      });
      expect(result.main).toEqual([{ id: 'n1:c1', type: 'new' }]);
    });

    it('skips a new sibling of a learning card, even one due tomorrow', () => {
      const result = plan({
        deck: [deckCard('n1:c1'), deckCard('n1:c2'), deckCard('n2:c1'), deckCard('n2:c2')],
        states: [
          ['n1:c1', state({ phase: 1, due: now + 10 * minuteMs })],
          ['n2:c2', state({ phase: 3, due: dayEnds + hourMs })]
        ]
      });
      expect(result.main).toEqual([]);
      expect(ids(result.learning)).toEqual(['n1:c1']);
    });

    it('skips a review sibling of a learning card', () => {
      const result = plan({
        deck: [deckCard('n1:c1'), deckCard('n1:c2')],
        states: [
          ['n1:c1', state({ phase: 3, due: now + 5 * minuteMs })],
          ['n1:c2', state({ due: now - dayMs })]
        ]
      });
      expect(result.main).toEqual([]);
      expect(ids(result.learning)).toEqual(['n1:c1']);
    });

    it('shows only the most overdue of two due review siblings', () => {
      const result = plan({
        deck: [deckCard('n1:c1'), deckCard('n1:c2')],
        states: [
          ['n1:c1', state({ due: now - dayMs })],
          ['n1:c2', state({ due: now - 3 * dayMs })]
        ]
      });
      expect(result.main).toEqual([{ id: 'n1:c2', type: 'review' }]);
    });

    it('introduces only the first new card of a note', () => {
      const result = plan({
        deck: [deckCard('n1:c1'), deckCard('n1:c2'), deckCard('n1:c3'), deckCard('n2:c1')],
        limits: { newPerDay: 2 }
      });
      expect(ids(result.main)).toEqual(['n1:c1', 'n2:c1']);
    });

    it('treats a card and its reverse as siblings', () => {
      const result = plan({
        deck: [deckCard('dns-ip'), deckCard('dns-ip:reverse', { noteId: 'dns-ip' })]
      });
      expect(ids(result.main)).toEqual(['dns-ip']);
    });
  });
});

describe('SessionQueue', () => {
  const main: DailyPlan['main'] = [
    { id: 'r1', type: 'review' },
    { id: 'n1', type: 'new' },
    { id: 'r2', type: 'review' }
  ];

  function queue(learning: DailyPlan['learning'] = [], items = main): SessionQueue {
    return new SessionQueue(
      {
        main: items,
        learning,
        counts: { new: 0, learning: 0, review: 0 }
      },
      dayEnds
    );
  }

  it('shows the main queue in order', () => {
    const session = queue();
    expect(session.next(now)).toEqual({ id: 'r1', type: 'review' });
    expect(session.counts).toEqual({ new: 1, learning: 0, review: 2 });
    expect(session.remaining).toBe(3);
  });

  it('shows a learning card that is due before the main queue', () => {
    const session = queue([{ id: 'l1', due: now - minuteMs }]);
    expect(session.next(now)).toEqual({ id: 'l1', type: 'learning' });
    expect(queue([{ id: 'l1', due: now }]).next(now)).toEqual({ id: 'l1', type: 'learning' });
  });

  it('keeps a learning card not yet due behind the main queue', () => {
    const session = queue([{ id: 'l1', due: now + 5 * minuteMs }]);
    expect(session.next(now)).toEqual({ id: 'r1', type: 'review' });
    expect(session.next(now + 5 * minuteMs)).toEqual({ id: 'l1', type: 'learning' });
  });

  it('shows a learning card due within 20 minutes when the main queue is empty', () => {
    expect(queue([{ id: 'l1', due: now + 12 * minuteMs }], []).next(now)).toEqual({
      id: 'l1',
      type: 'learning'
    });
    expect(queue([{ id: 'l1', due: now + learnAheadMs }], []).next(now)).toEqual({
      id: 'l1',
      type: 'learning'
    });
  });

  it('makes the learner wait for a learning card due later than that', () => {
    const due = now + learnAheadMs + minuteMs;
    const session = queue([{ id: 'l1', due }], []);
    expect(session.next(now)).toBeUndefined();
    expect(session.nextLearningDue()).toBe(due);
    expect(session.next(due - learnAheadMs)).toEqual({ id: 'l1', type: 'learning' });
  });

  it('has nothing to show and no learning due when everything is done', () => {
    const session = queue([], []);
    expect(session.next(now)).toBeUndefined();
    expect(session.nextLearningDue()).toBeUndefined();
    expect(session.remaining).toBe(0);
  });

  it('removes a card that leaves learning or goes to review', () => {
    const session = queue([{ id: 'l1', due: now }]);
    session.answered('l1', state({ due: now + 3 * dayMs }));
    session.answered('r1', state({ due: now + 9 * dayMs }));
    expect(session.next(now)).toEqual({ id: 'n1', type: 'new' });
    expect(session.counts).toEqual({ new: 1, learning: 0, review: 1 });
    expect(session.nextLearningDue()).toBeUndefined();
  });

  it('removes a card answered without a state', () => {
    const session = queue();
    session.answered('n1', null);
    expect(session.counts).toEqual({ new: 0, learning: 0, review: 2 });
  });

  it('moves a new card answered Good into learning, due ten minutes later', () => {
    const session = queue();
    const after = answerCard(plain, undefined, 3, now);
    expect(after).toMatchObject({ phase: 1, due: now + 10 * minuteMs });
    session.answered('n1', after);
    expect(session.counts).toEqual({ new: 0, learning: 1, review: 2 });
    expect(session.remaining).toBe(3);
    expect(session.nextLearningDue()).toBe(now + 10 * minuteMs);
    expect(session.next(now)).toEqual({ id: 'r1', type: 'review' });
    expect(session.next(now + 10 * minuteMs)).toEqual({ id: 'n1', type: 'learning' });
  });

  it('puts a forgotten review back into learning as relearning', () => {
    const session = queue();
    const card = answerCard(
      plain,
      answerCard(plain, undefined, 3, now - 3 * dayMs),
      3,
      now - 3 * dayMs + 10 * minuteMs
    );
    const after = answerCard(plain, card, 1, now);
    expect(after.phase).toBe(3);
    session.answered('r1', after);
    expect(session.counts).toEqual({ new: 1, learning: 1, review: 1 });
    expect(session.nextLearningDue()).toBe(after.due);
  });

  it('does not bring back a learning card due after the day ends', () => {
    const session = queue();
    session.answered('n1', state({ phase: 1, due: dayEnds }));
    session.answered('r1', state({ phase: 3, due: dayEnds + hourMs }));
    expect(session.counts).toEqual({ new: 0, learning: 0, review: 1 });
    expect(session.remaining).toBe(1);
  });

  it('keeps learning cards in due order as they come back', () => {
    const session = queue([
      { id: 'l1', due: now + 5 * minuteMs },
      { id: 'l2', due: now + 30 * minuteMs }
    ]);
    session.answered('n1', state({ phase: 1, due: now + 10 * minuteMs }));
    session.answered('r1', state({ phase: 3, due: now + minuteMs }));
    session.answered('r2', state({ phase: 1, due: now + 30 * minuteMs }));
    expect(session.nextLearningDue()).toBe(now + minuteMs);
    const order: string[] = [];
    for (let at = now; order.length < 5; at += minuteMs) {
      const shown = session.next(at);
      if (!shown) continue;
      order.push(shown.id);
      session.answered(shown.id, null);
    }
    expect(order).toEqual(['r1', 'l1', 'n1', 'l2', 'r2']);
    expect(session.remaining).toBe(0);
  });

  it('re-queues a learning card answered again, after the others due sooner', () => {
    const session = queue([
      { id: 'l1', due: now },
      { id: 'l2', due: now + 10 * minuteMs }
    ]);
    session.answered('l1', state({ phase: 1, due: now + 10 * minuteMs }));
    expect(session.counts.learning).toBe(2);
    expect(session.next(now + 10 * minuteMs)).toEqual({ id: 'l2', type: 'learning' });
  });

  it('runs a whole day with the real scheduler until nothing is left', () => {
    const deck = ['a', 'b', 'c'].map((id) => deckCard(id));
    const states = new Map<string, CardState>([['a', state({ due: now - dayMs })]]);
    const todayPlan = planToday({ deck, states, today: nothingYet, limits: roomy, dayEnds });
    expect(todayPlan.counts).toEqual({ new: 2, learning: 0, review: 1 });
    const session = new SessionQueue(todayPlan, dayEnds);
    let clock = now;
    let shown = 0;
    for (;;) {
      const item = session.next(clock);
      if (!item) {
        const wait = session.nextLearningDue();
        if (wait === undefined) break;
        clock = wait;
        continue;
      }
      shown += 1;
      const after = answerCard(plain, states.get(item.id), 3, clock);
      states.set(item.id, after);
      session.answered(item.id, after);
      clock += 30_000;
    }
    // The review once, each new card twice: Good moves it to the 10m step, then graduates it.
    expect(shown).toBe(5);
    expect([...states.values()].every((s) => s.phase === 2)).toBe(true);
    expect(session.counts).toEqual({ new: 0, learning: 0, review: 0 });
  });

  it('does not change the plan it was built from', () => {
    const learning = [{ id: 'l1', due: now }];
    const items = [...main];
    const session = queue(learning, items);
    session.answered('l1', null);
    session.answered('r1', null);
    expect(learning).toHaveLength(1);
    expect(items).toHaveLength(3);
  });
});

describe('planToday with priority cards ("Review my misses")', () => {
  it('puts them first, whatever their due date, without counting them twice', () => {
    const deck = [deckCard('a'), deckCard('b'), deckCard('c'), deckCard('d')];
    const states = new Map<string, CardState>([
      ['a', state({ phase: 2, due: now - dayMs })],
      ['c', state({ phase: 2, due: now + 20 * dayMs })]
    ]);
    const result = planToday({
      deck,
      states,
      today: nothingYet,
      limits: roomy,
      dayEnds,
      priority: ['c', 'a', 'gone-from-content']
    });
    expect(ids(result.main).slice(0, 2)).toEqual(['c', 'a']);
    expect(ids(result.main).filter((id) => id === 'a')).toHaveLength(1);
    expect(result.main.map((item) => item.type).slice(0, 2)).toEqual(['review', 'review']);
    expect(result.counts).toEqual({ new: 2, learning: 0, review: 2 });
  });
});

describe('priority cards that are relearning', () => {
  it('come first instead of waiting for their relearning step', () => {
    const deck = [deckCard('a'), deckCard('missed')];
    const states = new Map<string, CardState>([
      ['missed', state({ phase: 3, due: now + 10 * minuteMs })]
    ]);
    const result = planToday({
      deck,
      states,
      today: nothingYet,
      limits: roomy,
      dayEnds,
      priority: ['missed']
    });
    expect(ids(result.main)[0]).toBe('missed');
    expect(result.learning).toEqual([]);
    expect(result.counts.learning).toBe(0);
  });
});
