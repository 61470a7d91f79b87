import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeEntry, replayHistory, type ReviewEntry } from '../core/review/log';
import { paramsFrom, type CardState, type Rating } from '../core/review/scheduler';
import { defaultSettings } from '../core/review/settings';
import { database, useDatabase } from './database';
import { onDatabaseProblem, newerVersionMessage } from './problems';
import {
  answeredIn,
  loadSettings,
  loadStates,
  recordAnswer,
  saveSettings,
  streakDays,
  todaySoFar,
  undoAnswer
} from './reviews';
import { checkHistory } from './repair';
import { StudyDatabase } from './schema';

const params = paramsFrom({ ...defaultSettings, fuzz: false });
const start = Date.UTC(2026, 2, 2, 9);
let counter = 0;

function answer(
  cardId: string,
  rating: Rating,
  now: number,
  before: CardState | undefined
): ReviewEntry {
  return makeEntry({
    cardId,
    rating,
    now,
    durationMs: 4000,
    mode: 'review',
    scheduled: true,
    params,
    before
  });
}

beforeEach(() => {
  counter += 1;
  useDatabase(new StudyDatabase(`test-${counter}`));
});

afterEach(async () => {
  const db = database();
  db.close();
  await Dexie.delete(db.name);
  useDatabase(undefined);
});

describe('recordAnswer', () => {
  it('writes the log row and the card state together', async () => {
    const entry = answer('dns-ip', 3, start, undefined);
    const seq = await recordAnswer(entry);
    expect(seq).toBeGreaterThan(0);
    expect(await database().reviews.count()).toBe(1);
    expect((await loadStates()).get('dns-ip')).toEqual(entry.after);
  });

  it('leaves neither row when the write fails half-way', async () => {
    const db = database();
    await recordAnswer(answer('a', 3, start, undefined));
    // A card state that IndexedDB cannot store makes the second write of the transaction fail.
    const broken = {
      ...answer('b', 3, start + 1000, undefined),
      after: { due: () => 0 } as unknown as CardState
    };
    await expect(recordAnswer(broken)).rejects.toThrow();
    expect(await db.reviews.count()).toBe(1);
    expect(await db.cards.get('b')).toBeUndefined();
  });

  it('does not touch the card state for an answer outside the schedule', async () => {
    const first = answer('a', 3, start, undefined);
    await recordAnswer(first);
    const cram = makeEntry({
      cardId: 'a',
      rating: 1,
      now: start + 60_000,
      durationMs: 1,
      mode: 'cram',
      scheduled: false,
      params,
      before: first.after ?? undefined
    });
    await recordAnswer(cram);
    expect(await database().reviews.count()).toBe(2);
    expect((await loadStates()).get('a')).toEqual(first.after);
  });
});

describe('undoAnswer', () => {
  it('removes the last row and restores the state before it', async () => {
    const first = answer('a', 3, start, undefined);
    await recordAnswer(first);
    const second = answer('a', 1, start + 600_000, first.after ?? undefined);
    const seq = await recordAnswer(second);
    const undone = await undoAnswer(seq);
    expect(undone?.rating).toBe(1);
    expect(await database().reviews.count()).toBe(1);
    expect((await loadStates()).get('a')).toEqual(first.after);
  });

  it('forgets a new card entirely when its first answer is undone', async () => {
    const seq = await recordAnswer(answer('fresh', 4, start, undefined));
    await undoAnswer(seq);
    expect(await database().reviews.count()).toBe(0);
    expect((await loadStates()).has('fresh')).toBe(false);
  });

  it('refuses to undo an answer that a later answer to the same card builds on', async () => {
    const first = answer('a', 3, start, undefined);
    const firstSeq = await recordAnswer(first);
    await recordAnswer(answer('a', 3, start + 600_000, first.after ?? undefined));
    expect(await undoAnswer(firstSeq)).toBeUndefined();
    expect(await database().reviews.count()).toBe(2);
  });
});

describe('the log is the source of truth', () => {
  it('rebuilds exactly the cached states from the log', async () => {
    const states = new Map<string, CardState>();
    let now = start;
    for (let i = 0; i < 60; i += 1) {
      const id = `card-${i % 7}`;
      const entry = answer(id, (((i * 7) % 4) + 1) as Rating, now, states.get(id));
      await recordAnswer(entry);
      if (entry.after) states.set(id, entry.after);
      now += 3 * 3_600_000;
    }
    const cached = await loadStates();
    expect(cached).toEqual(states);
    expect(await checkHistory()).toEqual({ answers: 60, cards: 7, repaired: 0 });
    // A lost state, a wrong one and one with no answer behind it: all three put right.
    const [lost, wrong] = [...cached.keys()];
    await database().cards.delete(lost!);
    await database().cards.update(wrong!, { due: 0, reps: 99 });
    await database().cards.put({ ...cached.get(wrong!)!, id: 'orphan' });
    expect(await checkHistory()).toEqual({ answers: 60, cards: 7, repaired: 3 });
    expect(await loadStates()).toEqual(cached);
    await database().cards.clear();
    expect((await checkHistory()).repaired).toBe(7);
    expect(await loadStates()).toEqual(cached);
    expect(replayHistory(await database().reviews.orderBy('seq').toArray())).toEqual(cached);
  });
});

describe('checkHistory while another tab writes', () => {
  async function answerSome(n: number): Promise<number> {
    const states = new Map<string, CardState>();
    let seq = 0;
    for (let i = 0; i < n; i += 1) {
      const id = `card-${i % 5}`;
      const entry = answer(id, 3, start + i * 3_600_000, states.get(id));
      seq = await recordAnswer(entry);
      if (entry.after) states.set(id, entry.after);
    }
    return seq;
  }

  it('takes in an answer given during the check and reports progress', async () => {
    await answerSome(20);
    const seen: [number, number][] = [];
    let late: Promise<unknown> | undefined;
    // Another tab answers while the log is being replayed.
    const check = await checkHistory((done, total) => {
      seen.push([done, total]);
      late ??= recordAnswer(answer('late', 3, start + 30 * 3_600_000, undefined));
    });
    await late;
    expect(seen[0]).toEqual([20, 20]);
    expect(check).toEqual({ answers: 21, cards: 6, repaired: 0 });
  });

  it('starts again when an answer is taken back during the check', async () => {
    const last = await answerSome(20);
    let undo: Promise<unknown> | undefined;
    const seen: number[] = [];
    const check = await checkHistory((done) => {
      seen.push(done);
      undo ??= undoAnswer(last);
    });
    await undo;
    // Read 20, found 19 when it came to compare: read the whole log again.
    expect(seen).toEqual([20, 19]);
    expect(check).toEqual({ answers: 19, cards: 5, repaired: 0 });
    expect(await database().reviews.count()).toBe(19);
  });
});

describe('today so far', () => {
  it('counts new cards, reviews and notes answered since the day began', async () => {
    const learned = answer('n1:c1', 3, start - 86_400_000 * 5, undefined);
    await recordAnswer(learned);
    const graduated = answer(
      'n1:c1',
      3,
      start - 86_400_000 * 5 + 600_000,
      learned.after ?? undefined
    );
    await recordAnswer(graduated);
    await recordAnswer(answer('n1:c1', 3, start + 1000, graduated.after ?? undefined));
    await recordAnswer(answer('n2', 1, start + 2000, undefined));
    const today = await todaySoFar(start);
    expect(today.total).toBe(2);
    expect(today.newCount).toBe(1);
    expect(today.reviewCount).toBe(1);
    expect([...today.notes].sort()).toEqual(['n1', 'n2']);
    expect(
      await answeredIn([
        [start, start + 86_400_000],
        [start - 86_400_000, start],
        [start - 86_400_000 * 5, start - 86_400_000 * 4]
      ])
    ).toEqual([true, false, true]);
  });
});

describe('streakDays', () => {
  const day = 86_400_000;
  // Study days start at 04:00 UTC; "now" is 09:00 on 2 March 2026.
  const answerOn = (daysAgo: number, hour = 10) =>
    recordAnswer(
      answer(`c${daysAgo}-${hour}`, 3, start - daysAgo * day + (hour - 9) * 3_600_000, undefined)
    );

  it('counts the days in a row with an answer, today included', async () => {
    for (const daysAgo of [0, 1, 2, 4]) await answerOn(daysAgo);
    expect(await streakDays(start, 4, 'UTC')).toBe(3);
  });

  it('is not broken by today before the first answer, and is 0 with no answers', async () => {
    expect(await streakDays(start, 4, 'UTC')).toBe(0);
    for (const daysAgo of [1, 2]) await answerOn(daysAgo);
    expect(await streakDays(start, 4, 'UTC')).toBe(2);
  });

  it('follows the study day, not midnight: 02:00 belongs to the day before', async () => {
    await answerOn(0);
    await answerOn(0, 2); // 02:00 on the calendar day of "now": yesterday's study day
    expect(await streakDays(start, 4, 'UTC')).toBe(2);
  });

  it('runs across many query batches', async () => {
    for (let daysAgo = 0; daysAgo < 70; daysAgo += 1) await answerOn(daysAgo);
    expect(await streakDays(start, 4, 'UTC')).toBe(70);
  });
});

describe('settings', () => {
  it('start at the defaults and keep what is saved, clamped to the allowed ranges', async () => {
    expect(await loadSettings()).toEqual(defaultSettings);
    await saveSettings({ ...defaultSettings, desiredRetention: 0.99, newPerDay: 5 });
    const saved = await loadSettings();
    expect(saved.desiredRetention).toBe(0.97);
    expect(saved.newPerDay).toBe(5);
  });
});

describe('schema upgrades', () => {
  it('closes this connection and says so when another tab opens a newer version', async () => {
    const db = database();
    await db.open();
    const problems: string[] = [];
    const stop = onDatabaseProblem((problem) => problems.push(problem.message));
    const newer = new Dexie(db.name);
    newer.version(3).stores({
      cards: 'id, due',
      reviews: '++seq, cardId, reviewedAt',
      settings: 'key',
      meta: 'key',
      drills: '++id, startedAt',
      extra: 'id'
    });
    await newer.open();
    expect(problems).toEqual([newerVersionMessage]);
    expect(db.isOpen()).toBe(false);
    newer.close();
    stop();
  });

  it('upgrades a version 1 database to version 2 with every answer kept and misses indexed', async () => {
    const name = database().name;
    database().close();
    // A database exactly as version 1 of the app left it.
    const old = new Dexie(name);
    old.version(1).stores({
      cards: 'id, due',
      reviews: '++seq, cardId, reviewedAt',
      settings: 'key',
      meta: 'key'
    });
    const first = answer('kept', 1, start, undefined);
    await old.table('reviews').add({ ...first });
    await old.table('reviews').add({ ...answer('other', 3, start + 1000, undefined) });
    await old.table('cards').put({ id: 'kept', ...first.after });
    old.close();

    const upgraded = new StudyDatabase(name);
    useDatabase(upgraded);
    await upgraded.open();
    expect(upgraded.verno).toBe(2);
    expect(await upgraded.reviews.count()).toBe(2);
    expect((await loadStates()).get('kept')).toEqual(first.after);
    expect(await upgraded.reviews.where('rating').equals(1).primaryKeys()).toHaveLength(1);
    expect(await upgraded.drills.count()).toBe(0);
  });
});
