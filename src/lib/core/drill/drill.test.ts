import { describe, expect, it } from 'vitest';
import type { CardKind } from '../content/types';
import { makeEntry, replayHistory } from '../review/log';
import { answerCard, paramsFrom, type CardState } from '../review/scheduler';
import { defaultSettings } from '../review/settings';
import { dayMs, minuteMs } from '../review/time';
import type { DeckIndex } from '../content/deck';
import {
  drillLengths,
  drillQuestions,
  drillRating,
  drillTopics,
  isMiss,
  questionCount,
  scoreDrill,
  selectDrill,
  type DrillAnswer,
  type DrillLength,
  type DrillQuestion
} from './drill';

const now = Date.UTC(2026, 0, 5, 9);
const plain = paramsFrom({ ...defaultSettings, fuzz: false });

/** A question of topic `topic` (its place in the journey is `topicIndex`). */
function question(id: string, kind: CardKind, topic: string, topicIndex: number): DrillQuestion {
  return { id, kind, topic, topicIndex };
}

/** `perTopic` questions in each of `topics` topics, kinds cycling choice, order, scenario. */
function journey(topics: number, perTopic: number): DrillQuestion[] {
  const kinds: CardKind[] = ['choice', 'order', 'scenario'];
  const questions: DrillQuestion[] = [];
  for (let t = 0; t < topics; t += 1) {
    for (let k = 0; k < perTopic; k += 1) {
      questions.push(question(`t${t}-q${k}`, kinds[k % kinds.length]!, `topic-${t}`, t));
    }
  }
  return questions;
}

const ids = (items: { id: string }[]) => items.map((item) => item.id);

function answer(topic: string, score: number, timeMs = 60_000, cardId = 'c'): DrillAnswer {
  return { cardId, topic, score, timeMs };
}

describe('questionCount', () => {
  it('asks about one question every 75 seconds', () => {
    expect(questionCount(5)).toBe(4);
    expect(questionCount(10)).toBe(8);
    expect(questionCount(20)).toBe(16);
  });

  it('never asks fewer than three questions', () => {
    const short = [1, 2, 3] as number[] as DrillLength[];
    for (const length of short) expect(questionCount(length)).toBe(3);
    for (const length of drillLengths) expect(questionCount(length)).toBeGreaterThanOrEqual(3);
  });
});

describe('selectDrill', () => {
  it('picks only choice, scenario and order questions', () => {
    const questions = [
      question('b1', 'basic', 'caching', 0),
      question('z1', 'cloze', 'caching', 0),
      question('c1', 'choice', 'caching', 0),
      question('s1', 'scenario', 'caching', 0),
      question('o1', 'order', 'caching', 0),
      question('b2', 'basic', 'caching', 0),
      question('z2', 'cloze', 'caching', 0)
    ];
    for (let seed = 1; seed <= 20; seed += 1) {
      const drill = selectDrill({ questions, count: 10, seed });
      expect(ids(drill).sort()).toEqual(['c1', 'o1', 's1']);
    }
  });

  it('returns nothing when no scenario question is left', () => {
    const questions = [question('b1', 'basic', 'caching', 0), question('z1', 'cloze', 'dns', 1)];
    expect(selectDrill({ questions, count: 4, seed: 1 })).toEqual([]);
    expect(selectDrill({ questions: journey(2, 3), count: 0, seed: 1 })).toEqual([]);
    expect(
      selectDrill({ questions: journey(2, 3), count: 4, topics: new Set(['none']), seed: 1 })
    ).toEqual([]);
  });

  it('keeps to the chosen topics', () => {
    const questions = journey(5, 4);
    const topics = new Set(['topic-1', 'topic-3']);
    for (let seed = 1; seed <= 20; seed += 1) {
      const drill = selectDrill({ questions, count: 6, topics, seed });
      expect(drill).toHaveLength(6);
      expect(drill.every((q) => topics.has(q.topic))).toBe(true);
    }
  });

  it('returns the requested count when the pool allows it', () => {
    const questions = journey(4, 5);
    for (const count of [1, 3, 4, 8, 16, 20]) {
      expect(selectDrill({ questions, count, seed: count })).toHaveLength(count);
    }
  });

  it('returns fewer when the pool is smaller than the count', () => {
    const questions = [...journey(2, 3), question('b', 'basic', 'topic-0', 0)];
    const drill = selectDrill({ questions, count: 16, seed: 7 });
    expect(drill).toHaveLength(6);
    expect(ids(drill).sort()).toEqual(ids(journey(2, 3)).sort());
  });

  // Topic A has one question, topic B ten: the per-topic share (4) must not leave the drill at
  // 1 + 4 = 5 questions when the pool has 11.
  it('fills the count from other topics when one chosen topic is small', () => {
    const questions = [
      question('a0', 'choice', 'a', 0),
      ...Array.from({ length: 10 }, (_, k) => question(`b${k}`, 'scenario', 'b', 1))
    ];
    expect(selectDrill({ questions, count: 8, seed: 1 })).toHaveLength(8);
  });

  it('never asks a question twice', () => {
    const questions = journey(3, 6);
    const misses = new Map([
      ['t0-q0', 5],
      ['t1-q2', 9]
    ]);
    for (let seed = 1; seed <= 50; seed += 1) {
      const drill = selectDrill({ questions, count: 16, misses, seed });
      expect(new Set(ids(drill)).size).toBe(drill.length);
    }
  });

  it('gives the same drill for the same seed and different drills for different seeds', () => {
    const questions = journey(6, 6);
    const first = selectDrill({ questions, count: 8, seed: 42 });
    expect(selectDrill({ questions, count: 8, seed: 42 })).toEqual(first);
    expect(ids(selectDrill({ questions, count: 8, seed: 43 }))).not.toEqual(ids(first));
    const drills = new Set<string>();
    for (let seed = 1; seed <= 20; seed += 1) {
      drills.add(ids(selectDrill({ questions, count: 8, seed })).join(','));
    }
    expect(drills.size).toBeGreaterThan(10);
  });

  it('does not change the list it is given', () => {
    const questions = journey(3, 4);
    const copy = questions.map((q) => ({ ...q }));
    selectDrill({ questions, count: 8, seed: 3 });
    expect(questions).toEqual(copy);
  });

  describe('escalation', () => {
    it('orders by topic, then choice before order before scenario', () => {
      const questions = [
        question('s2', 'scenario', 'sharding', 2),
        question('o0', 'order', 'one-server', 0),
        question('c2', 'choice', 'sharding', 2),
        question('s0', 'scenario', 'one-server', 0),
        question('o1', 'order', 'caching', 1),
        question('c0', 'choice', 'one-server', 0),
        question('s1', 'scenario', 'caching', 1),
        question('c1', 'choice', 'caching', 1),
        question('o2', 'order', 'sharding', 2)
      ];
      expect(ids(selectDrill({ questions, count: 9, seed: 5 }))).toEqual([
        'c0',
        'o0',
        's0',
        'c1',
        'o1',
        's1',
        'c2',
        'o2',
        's2'
      ]);
    });

    it('keeps that order in every random drill', () => {
      const rank: Record<string, number> = { choice: 0, order: 1, scenario: 2 };
      const questions = journey(5, 6);
      for (let seed = 1; seed <= 30; seed += 1) {
        const drill = selectDrill({ questions, count: 8, seed });
        for (let k = 1; k < drill.length; k += 1) {
          const a = drill[k - 1]!;
          const b = drill[k]!;
          expect(a.topicIndex <= b.topicIndex).toBe(true);
          if (a.topicIndex === b.topicIndex) expect(rank[a.kind]! <= rank[b.kind]!).toBe(true);
        }
      }
    });
  });

  describe('coverage', () => {
    it('asks once from each of 12 topics in a drill of 12', () => {
      const questions = journey(12, 5);
      for (let seed = 1; seed <= 20; seed += 1) {
        const drill = selectDrill({ questions, count: 12, seed });
        expect(drill.map((q) => q.topicIndex)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
      }
    });

    it('keeps the cap per topic even when one topic was missed a lot', () => {
      const questions = journey(4, 6);
      const misses = new Map(
        ids(questions.filter((q) => q.topic === 'topic-0')).map((id) => [id, 20])
      );
      for (let seed = 1; seed <= 20; seed += 1) {
        const drill = selectDrill({ questions, count: 8, misses, seed });
        const perTopic = new Map<string, number>();
        for (const q of drill) perTopic.set(q.topic, (perTopic.get(q.topic) ?? 0) + 1);
        expect([...perTopic.values()]).toEqual([2, 2, 2, 2]);
      }
    });
  });

  it('picks a missed question clearly more often than its siblings', () => {
    const questions = [
      ...Array.from({ length: 6 }, (_, k) => question(`a${k}`, 'scenario', 'a', 0)),
      ...Array.from({ length: 3 }, (_, k) => question(`b${k}`, 'choice', 'b', 1)),
      ...Array.from({ length: 3 }, (_, k) => question(`c${k}`, 'order', 'c', 2))
    ];
    const misses = new Map([['a3', 3]]);
    const picked = new Map<string, number>();
    const runs = 400;
    for (let seed = 1; seed <= runs; seed += 1) {
      for (const q of selectDrill({ questions, count: 3, misses, seed })) {
        picked.set(q.id, (picked.get(q.id) ?? 0) + 1);
      }
    }
    const missed = picked.get('a3') ?? 0;
    const siblings = ['a0', 'a1', 'a2', 'a4', 'a5'].map((id) => picked.get(id) ?? 0);
    const siblingMean = siblings.reduce((sum, n) => sum + n, 0) / siblings.length;
    expect(missed).toBeGreaterThan(2 * siblingMean);
    // Weight 7 against five of weight 1: the missed one is the topic's pick about 7 times in 12.
    expect(missed / runs).toBeGreaterThan(0.45);
    expect(missed / runs).toBeLessThan(0.7);
  });
});

describe('drillRating and isMiss', () => {
  it('counts under half right as a miss (Again)', () => {
    expect(drillRating(0)).toBe(1);
    expect(drillRating(0.4)).toBe(1);
    expect(isMiss({ score: 0 })).toBe(true);
    expect(isMiss({ score: 0.4 })).toBe(true);
  });

  it('counts 0.6 as Hard and 0.8 or more as Good, none of them misses', () => {
    expect(drillRating(0.6)).toBe(2);
    expect(drillRating(0.8)).toBe(3);
    expect(drillRating(1)).toBe(3);
    for (const score of [0.6, 0.8, 1]) expect(isMiss({ score })).toBe(false);
  });

  it('puts the boundaries at one half and four fifths', () => {
    expect(drillRating(0.49)).toBe(1);
    expect(drillRating(0.5)).toBe(2);
    expect(drillRating(0.79)).toBe(2);
    // Scores are shares like 4/5 or 2/3; they are compared in whole percent.
    expect(drillRating(4 / 5)).toBe(3);
    expect(drillRating(2 / 3)).toBe(2);
  });
});

describe('scoreDrill', () => {
  it('gives each topic its mean score, questions asked and total time, in first-asked order', () => {
    const result = scoreDrill([
      answer('dns', 1, 40_000),
      answer('caching', 0.5, 70_000),
      answer('dns', 0.5, 30_000),
      answer('caching', 0, 50_000),
      answer('dns', 0.6, 20_000)
    ]);
    expect(result.topics).toHaveLength(2);
    expect(result.topics[0]).toMatchObject({ topic: 'dns', asked: 3, timeMs: 90_000 });
    expect(result.topics[0]!.score).toBeCloseTo(0.7, 10);
    expect(result.topics[1]).toEqual({ topic: 'caching', asked: 2, score: 0.25, timeMs: 120_000 });
    expect(result.overall).toBeCloseTo(2.6 / 5, 10);
  });

  it('names the topics under 0.7, lowest first, at most three', () => {
    const result = scoreDrill([
      answer('fine', 0.9),
      answer('low', 0.3),
      answer('edge', 0.7),
      answer('lowest', 0),
      answer('middle', 0.5),
      answer('almost', 0.69)
    ]);
    expect(result.weakest).toEqual(['lowest', 'low', 'middle']);
  });

  it('names fewer when fewer topics are weak, none when all are at 0.7 or better', () => {
    expect(scoreDrill([answer('a', 0.2), answer('b', 0.8)]).weakest).toEqual(['a']);
    expect(scoreDrill([answer('a', 0.7), answer('b', 1)]).weakest).toEqual([]);
  });

  it('gives an overall 0 and no topics for no answers', () => {
    expect(scoreDrill([])).toEqual({ topics: [], overall: 0, weakest: [] });
  });
});

describe('practice-only drills', () => {
  /** A card learned a few days ago: answered Good twice, now in review. */
  function learned(): CardState {
    const first = answerCard(plain, undefined, 3, now - 5 * dayMs);
    return answerCard(plain, first, 3, now - 5 * dayMs + 10 * minuteMs);
  }

  it('leaves the card as it was when the answer is not scheduled', () => {
    const before = learned();
    const entry = makeEntry({
      cardId: 'a',
      rating: 1,
      now,
      durationMs: 70_000,
      mode: 'drill',
      scheduled: false,
      params: plain,
      before
    });
    expect(entry.after).toBe(entry.before);
    expect(entry.after).toEqual(before);
    expect(entry).toMatchObject({ mode: 'drill', scheduled: false, rating: 1 });
  });

  it('leaves a new card new when the answer is not scheduled', () => {
    const entry = makeEntry({
      cardId: 'n',
      rating: 3,
      now,
      durationMs: 1000,
      mode: 'drill',
      scheduled: false,
      params: plain,
      before: undefined
    });
    expect(entry.before).toBeNull();
    expect(entry.after).toBeNull();
  });

  it('is skipped when states are rebuilt from the log', () => {
    const learnedAt = now - 5 * dayMs;
    const entries = [
      makeEntry({
        cardId: 'a',
        rating: 3,
        now: learnedAt,
        durationMs: 5000,
        mode: 'review',
        scheduled: true,
        params: plain,
        before: undefined
      })
    ];
    entries.push(
      makeEntry({
        cardId: 'a',
        rating: 3,
        now: learnedAt + 10 * minuteMs,
        durationMs: 5000,
        mode: 'review',
        scheduled: true,
        params: plain,
        before: entries[0]!.after ?? undefined
      })
    );
    const reviewed = replayHistory(entries);
    const practice = [
      makeEntry({
        cardId: 'a',
        rating: 1,
        now,
        durationMs: 70_000,
        mode: 'drill',
        scheduled: false,
        params: plain,
        before: reviewed.get('a')
      }),
      makeEntry({
        cardId: 'b',
        rating: 3,
        now,
        durationMs: 70_000,
        mode: 'drill',
        scheduled: false,
        params: plain,
        before: undefined
      })
    ];
    const replayed = replayHistory([...entries, ...practice]);
    expect(replayed.get('a')).toEqual(learned());
    expect(replayed.get('a')).toEqual(entries[1]!.after);
    expect(replayed.has('b')).toBe(false);
    expect([...replayed.keys()]).toEqual(['a']);
  });

  it('changes the card when the drill answer is scheduled', () => {
    const before = learned();
    const entry = makeEntry({
      cardId: 'a',
      rating: 1,
      now,
      durationMs: 70_000,
      mode: 'drill',
      scheduled: true,
      params: plain,
      before
    });
    expect(entry.after).not.toEqual(before);
    expect(entry.after).toMatchObject({ phase: 3, lapses: 1, lastReview: now });
    const first = answerCard(plain, undefined, 3, now - 5 * dayMs);
    const log = [
      makeEntry({
        cardId: 'a',
        rating: 3,
        now: now - 5 * dayMs,
        durationMs: 0,
        mode: 'review',
        scheduled: true,
        params: plain,
        before: undefined
      }),
      makeEntry({
        cardId: 'a',
        rating: 3,
        now: now - 5 * dayMs + 10 * minuteMs,
        durationMs: 0,
        mode: 'review',
        scheduled: true,
        params: plain,
        before: first
      }),
      entry
    ];
    expect(replayHistory(log).get('a')).toEqual(entry.after);
  });
});

describe('drill questions and topics from the deck index', () => {
  // Two lessons; the first lesson's second section has flashcards only.
  const index: DeckIndex = {
    lessons: [
      {
        slug: 'one',
        title: 'One',
        sections: [
          { id: 'server', title: 'Single server' },
          { id: 'words', title: 'Words only' },
          { id: 'cache', title: 'Cache' }
        ]
      },
      { slug: 'two', title: 'Two', sections: [{ id: 'queue', title: 'Message queue' }] }
    ],
    cards: [
      ['two-q1', 'scenario', 1, 0],
      ['one-c1', 'choice', 0, 2],
      ['one-b1', 'basic', 0, 1],
      ['one-s1', 'order', 0, 0],
      ['one-z1', 'cloze', 0, 0]
    ]
  };

  it('keeps choice, order and scenario cards, each with its place in the journey', () => {
    expect(drillQuestions(index)).toEqual([
      { id: 'two-q1', kind: 'scenario', topic: 'two#queue', topicIndex: 3 },
      { id: 'one-c1', kind: 'choice', topic: 'one#cache', topicIndex: 2 },
      { id: 'one-s1', kind: 'order', topic: 'one#server', topicIndex: 0 }
    ]);
  });

  it('lists the sections that have questions in journey order, with their titles', () => {
    expect(drillTopics(index)).toEqual([
      { id: 'one#server', title: 'Single server', lesson: 'one', lessonTitle: 'One' },
      { id: 'one#cache', title: 'Cache', lesson: 'one', lessonTitle: 'One' },
      { id: 'two#queue', title: 'Message queue', lesson: 'two', lessonTitle: 'Two' }
    ]);
  });
});
