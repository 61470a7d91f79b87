import { describe, expect, it } from 'vitest';
import {
  answerCard,
  Phase,
  retrievability,
  type CardState,
  type Rating
} from '../review/scheduler';
import { deckCard, testParams as params, testStart as now } from '../../test/factories';
import { daily, drill, learn, prepare, studyNow, type PlanInput, type Policy } from './policies';
import { answerDuration, maxAnswerMs, StudySession } from './session';

const minute = 60_000;
const day = 86_400_000;
const dayEnds = now + 19 * 3_600_000;

const deck = [
  deckCard('a', { section: 's1' }),
  deckCard('b', { section: 's1' }),
  deckCard('c', { section: 's2' }),
  deckCard('d', { section: 's2', lesson: 'lesson-2' })
];

function input(overrides: Partial<PlanInput> = {}): PlanInput {
  return {
    deck,
    states: new Map(),
    today: { newCount: 0, reviewCount: 0, notes: new Set() },
    limits: { newPerDay: 20, reviewsPerDay: 200 },
    dayEnds,
    priority: [],
    params,
    recall: (state, at) => retrievability(params, state, at),
    ...overrides
  };
}

function start(policy: Policy, overrides: Partial<PlanInput> = {}): StudySession {
  return new StudySession(policy, policy.plan(input(overrides)), dayEnds);
}

let seq = 0;
/** Answers the next card as the database would: its state from `states`, stored back there. */
function answerNext(
  session: StudySession,
  rating: Rating,
  at: number,
  states: Map<string, CardState>
): string {
  const item = session.next(at);
  if (!item) throw new Error('nothing to answer');
  const after = session.policy.scheduled
    ? answerCard(params, states.get(item.id), rating, at)
    : (states.get(item.id) ?? null);
  if (after && session.policy.scheduled) states.set(item.id, after);
  seq += 1;
  session.answered(item, { seq, rating, after, leftPriority: false });
  return item.id;
}

describe('daily policy', () => {
  it('runs new cards through their learning steps within the day', () => {
    const states = new Map<string, CardState>();
    const session = start(daily());
    expect(session.counts).toEqual({ new: 4, learning: 0, review: 0 });
    expect(answerNext(session, 1, now, states)).toBe('a');
    // "a" is learning again in a minute; the other new cards come first.
    expect(session.counts).toEqual({ new: 3, learning: 1, review: 0 });
    expect(session.next(now)?.id).toBe('b');
    expect(session.next(now + 2 * minute)).toEqual({ id: 'a', type: 'learning' });
    expect(daily().showsIntervals).toBe(true);
    expect(daily().mode).toBe('review');
  });

  it('respects the limits left after the answers already given today', () => {
    const session = start(daily(), {
      limits: { newPerDay: 3, reviewsPerDay: 200 },
      today: { newCount: 2, reviewCount: 0, notes: new Set() }
    });
    expect(session.counts.new).toBe(1);
  });

  it('follows a new plan made after another tab answered', () => {
    const states = new Map<string, CardState>();
    const session = start(daily());
    answerNext(session, 3, now, states);
    // The other tab answered "b" and "c": the plan made from the database leaves them out.
    states.set('b', answerCard(params, undefined, 4, now));
    states.set('c', answerCard(params, undefined, 4, now));
    const today = { newCount: 3, reviewCount: 0, notes: new Set(['a', 'b', 'c']) };
    session.replan(daily().plan(input({ states, today })), dayEnds);
    expect(session.has('b')).toBe(false);
    expect(session.answeredCount).toBe(1);
    expect(session.canUndo).toBe(true);
  });
});

describe('study now policy', () => {
  it('takes a lesson section in order, leaves the schedule alone and brings misses back at the end', () => {
    const policy = studyNow('lesson-1', 's1');
    expect(policy.scheduled).toBe(false);
    expect(policy.showsIntervals).toBe(false);
    expect(policy.mode).toBe('cram');
    const states = new Map<string, CardState>();
    const session = start(policy);
    expect(session.counts.new).toBe(2);
    expect(answerNext(session, 1, now, states)).toBe('a');
    expect(answerNext(session, 3, now, states)).toBe('b');
    expect(answerNext(session, 3, now, states)).toBe('a');
    expect(session.next(now)).toBeUndefined();
    expect(states.size).toBe(0);
    expect(session.progress).toBe(1);
  });

  it('ignores answers given in another tab', () => {
    const session = start(studyNow('lesson-1'));
    expect(session.answeredElsewhere('a')).toBe(false);
    expect(session.has('a')).toBe(true);
  });
});

describe('learn policy', () => {
  it("schedules a section's new cards for real, through their learning steps, and skips learned ones", () => {
    const states = new Map<string, CardState>([['b', answerCard(params, undefined, 3, now - day)]]);
    const policy = learn('lesson-1', 's1');
    expect(policy.scheduled).toBe(true);
    expect(policy.mode).toBe('review');
    expect(policy.showsIntervals).toBe(true);
    const session = start(policy, { states });
    // Only `a` is new in s1; `b` was learned yesterday and the daily review has it.
    expect(session.counts.new).toBe(1);
    expect(answerNext(session, 3, now, states)).toBe('a');
    expect(states.get('a')?.phase).toBe(1);
    // Good on a new card: its next learning step comes back in this session (early, as nothing
    // else is left to study).
    expect(session.next(now)).toEqual({ id: 'a', type: 'learning' });
    expect(answerNext(session, 3, now + 11 * minute, states)).toBe('a');
    expect(states.get('a')?.phase).toBe(2);
    expect(session.next(now + 11 * minute)).toBeUndefined();
  });

  it('has nothing to ask when every card of the topic is learned', () => {
    const states = new Map<string, CardState>([['c', answerCard(params, undefined, 4, now - day)]]);
    expect(start(learn('lesson-1', 's2'), { states }).counts.new).toBe(0);
  });
});

describe('prepare policy', () => {
  it('puts the cards least likely to be remembered on the date first, as scheduled reviews', () => {
    const states = new Map<string, CardState>([
      ['a', answerCard(params, undefined, 4, now - 30 * day)],
      ['b', answerCard(params, undefined, 1, now - 30 * day)]
    ]);
    const policy = prepare(now + 10 * day, 2);
    expect(policy.scheduled).toBe(true);
    const session = start(policy, { states });
    expect(session.counts).toEqual({ new: 0, learning: 0, review: 2 });
    expect(session.next(now)?.id).toBe('b');
  });

  it('says it needs the forgetting curve, and refuses to plan without it', () => {
    const policy = prepare(now + day, 4);
    expect(policy.needsRecall).toBe(true);
    expect(() => policy.plan(input({ recall: undefined }))).toThrow(/recall/);
  });

  it('drops a card another tab answered', () => {
    const session = start(prepare(now + day, 4));
    expect(session.answeredElsewhere('c')).toBe(true);
    expect(session.has('c')).toBe(false);
    expect(session.answeredCount).toBe(0);
  });
});

describe('drill policy', () => {
  it('asks each chosen question once, in order, whatever the answer', () => {
    const policy = drill(['c', 'a'], false);
    expect(policy.scheduled).toBe(true);
    expect(drill(['c'], true).scheduled).toBe(false);
    expect(policy.mode).toBe('drill');
    const states = new Map<string, CardState>();
    const session = start(policy);
    expect(answerNext(session, 1, now, states)).toBe('c');
    expect(answerNext(session, 1, now, states)).toBe('a');
    expect(session.next(now + 10 * minute)).toBeUndefined();
  });
});

describe('undo', () => {
  it('puts the card back in front and counts one answer less', () => {
    const states = new Map<string, CardState>();
    const session = start(daily());
    answerNext(session, 3, now, states);
    answerNext(session, 3, now, states);
    expect(session.lastAnswer?.cardId).toBe('b');
    expect(session.undone(now)?.cardId).toBe('b');
    expect(session.answeredCount).toBe(1);
    expect(session.next(now)?.id).toBe('b');
  });

  it('forgets an answer that cannot be taken back (another tab answered the card since)', () => {
    const states = new Map<string, CardState>();
    const session = start(daily());
    answerNext(session, 3, now, states);
    const dropped = session.dropLastAnswer();
    expect(dropped?.cardId).toBe('a');
    expect(session.canUndo).toBe(false);
    expect(session.answeredCount).toBe(1);
  });
});

describe('cards marked during a session', () => {
  it('a suspended or buried card leaves the run at once; a flagged one stays', () => {
    const states = new Map<string, CardState>();
    const session = start(daily());
    const shown = session.next(now)!;
    expect(shown.id).toBe('a');
    session.marked(shown, 1, true);
    expect(session.has('a')).toBe(false);
    expect(session.counts).toEqual({ new: 3, learning: 0, review: 0 });
    expect(session.answeredCount).toBe(0);
    const flagged = session.next(now)!;
    expect(flagged.id).toBe('b');
    session.marked(flagged, 2, false);
    expect(session.next(now)?.id).toBe('b');
    expect(answerNext(session, 3, now, states)).toBe('b');
    // One answered; "c", "d" and "b" (learning again) to come; "a" counts for nothing.
    expect(session.progress).toBeCloseTo(1 / 4);
  });

  it('undo takes back answers and marks in the order they were done', () => {
    const states = new Map<string, CardState>();
    const session = start(daily());
    expect(answerNext(session, 3, now, states)).toBe('a');
    const suspended = session.next(now)!;
    session.marked(suspended, 7, true);
    expect(session.lastAnswer).toBeUndefined();
    expect(session.lastStep).toMatchObject({ kind: 'mark', eventSeq: 7, cardId: 'b', left: true });
    // Undoing the suspend brings "b" back first; the answer of "a" is still booked.
    expect(session.undone(now)?.kind).toBe('mark');
    expect(session.next(now)?.id).toBe('b');
    expect(session.answeredCount).toBe(1);
    expect(session.lastStep).toMatchObject({ kind: 'answer', cardId: 'a' });
    expect(session.undone(now)?.cardId).toBe('a');
    expect(session.answeredCount).toBe(0);
    expect(session.next(now)?.id).toBe('a');
    expect(session.canUndo).toBe(false);
  });

  it('undo of a flag leaves the queue as it is', () => {
    const session = start(daily());
    session.marked(session.next(now)!, 3, false);
    const before = session.counts;
    session.undone(now);
    expect(session.counts).toEqual(before);
    expect(session.next(now)?.id).toBe('a');
  });
});

describe('answerDuration', () => {
  it('is the time since the card was shown, capped for a learner who walked away', () => {
    expect(answerDuration(now, now + 4200)).toBe(4200);
    expect(answerDuration(now, now + 3_600_000)).toBe(maxAnswerMs);
    // A clock that went backwards gives no negative duration.
    expect(answerDuration(now, now - 1000)).toBe(0);
  });
});

describe('session summary', () => {
  it('counts answers, the share right and the time spent, leaving undone answers out', () => {
    const session = start(daily());
    const first = session.next(now)!;
    session.answered(first, {
      seq: 901,
      rating: 3,
      after: null,
      leftPriority: false,
      durationMs: 8000
    });
    const second = session.next(now)!;
    session.answered(second, {
      seq: 902,
      rating: 1,
      after: null,
      leftPriority: false,
      durationMs: 12000
    });
    const third = session.next(now)!;
    session.answered(third, {
      seq: 903,
      rating: 4,
      after: null,
      leftPriority: false,
      durationMs: 5000
    });
    expect(session.summary).toEqual({ answered: 3, right: 2, timeMs: 25_000 });

    session.undone(now);
    expect(session.summary).toEqual({ answered: 2, right: 1, timeMs: 20_000 });
  });

  it('is empty before any answer', () => {
    expect(start(daily()).summary).toEqual({ answered: 0, right: 0, timeMs: 0 });
  });
});

describe('daily policy with more new cards today (custom study)', () => {
  it('raises the new-card limit by the extra for this run only', () => {
    const limited = { limits: { newPerDay: 1, reviewsPerDay: 200 } };
    expect(start(daily(), limited).counts.new).toBe(1);
    expect(start(daily(2), limited).counts.new).toBe(3);
    // One new card already learned today: the extra still adds two on top of the limit.
    const today = { newCount: 1, reviewCount: 0, notes: new Set<string>() };
    expect(start(daily(), { ...limited, today }).counts.new).toBe(0);
    expect(start(daily(2), { ...limited, today }).counts.new).toBe(2);
  });
});

describe('an answer booked before the database stored it', () => {
  it('takes the stored sequence number, for undo and the summary', () => {
    const session = start(daily());
    const item = session.next(now);
    if (!item) throw new Error('no card');
    const expected = answerCard(params, undefined, 3, now);
    session.answered(item, {
      seq: -1,
      rating: 3,
      after: expected,
      leftPriority: false,
      durationMs: 5000
    });
    expect(session.lastAnswer?.seq).toBe(-1);
    session.settled(-1, expected, { seq: 41, after: expected, leftPriority: true });
    expect(session.lastAnswer).toMatchObject({ seq: 41, cardId: 'a', leftPriority: true });
    expect(session.summary).toEqual({ answered: 1, right: 1, timeMs: 5000 });
    expect(session.undone(now)?.kind).toBe('answer');
    expect(session.summary.answered).toBe(0);
    expect(session.next(now)?.id).toBe('a');
  });

  it('places the card by what was stored when another tab had answered it in between', () => {
    const session = start(daily());
    const item = session.next(now);
    if (!item) throw new Error('no card');
    // The page expected a new card's first step (learning, due in a minute) ...
    const expected = answerCard(params, undefined, 1, now);
    session.answered(item, { seq: -1, rating: 1, after: expected, leftPriority: false });
    expect(session.counts.learning).toBe(1);
    // ... but the stored state had a review from the other tab: Again on it is a relearning
    // step, due later than the one expected.
    const elsewhere = answerCard(
      params,
      answerCard(params, undefined, 4, now - day),
      3,
      now - minute
    );
    const stored = answerCard(params, elsewhere, 1, now);
    expect(stored.due).not.toBe(expected.due);
    session.settled(-1, expected, { seq: 7, after: stored, leftPriority: false });
    expect(session.nextLearningDue()).toBe(stored.due);
    // A state stored out of learning takes the card out of the run.
    const reviewed = { ...stored, phase: Phase.Review, due: now + 3 * day };
    session.settled(7, stored, { seq: 7, after: reviewed, leftPriority: false });
    expect(session.has('a')).toBe(false);
  });

  it('takes a card suspended as a leech by its answer out of the run', () => {
    const session = start(daily());
    const item = session.next(now);
    if (!item) throw new Error('no card');
    const expected = answerCard(params, undefined, 1, now);
    session.answered(item, { seq: -1, rating: 1, after: expected, leftPriority: false });
    expect(session.has('a')).toBe(true);
    session.settled(-1, expected, { seq: 3, after: expected, leftPriority: false, leaves: true });
    expect(session.has('a')).toBe(false);
    expect(session.lastAnswer?.seq).toBe(3);
  });
});
