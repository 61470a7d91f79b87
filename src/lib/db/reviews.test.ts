import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { entryIdPattern } from '../core/review/entry-id';
import { replayHistory } from '../core/review/log';
import { Phase } from '../core/review/phase';
import { planToday } from '../core/review/queue';
import type { CardState, Rating } from '../core/review/scheduler';
import { defaultSettings } from '../core/review/settings';
import { default_w as defaultW } from 'ts-fsrs';
import { useFreshDatabase } from '../test/database';
import { deckCard, logRow, testStart as start } from '../test/factories';
import { simulatedHistory } from '../test/learner';
import { answer, undoAnswer } from './answer';
import { database, useDatabase } from './database';
import { onDatabaseProblem, newerVersionMessage } from './problems';
import { latestAnswerAt, loadDayStates, loadSettings, loadStates, todaySoFar } from './reviews';
import { answeredIn, saveStreakMark, streakDays } from './streak';
import { saveSettings, saveWeights } from './settings-save';
import { checkHistory } from './repair';
import { deviceKey, streakKey, StudyDatabase } from './schema';

/** An answer through the app's own answer path, at `now`. */
async function answerAt(cardId: string, rating: Rating, now: number) {
  return (await answer({ cardId, rating, now, durationMs: 4000, mode: 'review', scheduled: true }))
    .entry;
}

useFreshDatabase('test');

describe('the log is the source of truth', () => {
  it('rebuilds exactly the cached states from the log', async () => {
    const states = new Map<string, CardState>();
    let now = start;
    for (let i = 0; i < 60; i += 1) {
      const id = `card-${i % 7}`;
      const entry = await answerAt(id, (((i * 7) % 4) + 1) as Rating, now);
      if (entry.after) states.set(id, entry.after);
      now += 3 * 3_600_000;
    }
    const cached = await loadStates();
    expect(cached).toEqual(states);
    expect(await checkHistory()).toEqual({ answers: 60, cards: 7, repaired: 0, skipped: [] });
    // A lost state, a wrong one and one with no answer behind it: all three put right.
    const [lost, wrong] = [...cached.keys()];
    await database().cards.delete(lost!);
    await database().cards.update(wrong!, { due: 0, reps: 99 });
    await database().cards.put({ ...cached.get(wrong!)!, id: 'orphan' });
    expect(await checkHistory()).toEqual({ answers: 60, cards: 7, repaired: 3, skipped: [] });
    expect(await loadStates()).toEqual(cached);
    await database().cards.clear();
    expect((await checkHistory()).repaired).toBe(7);
    expect(await loadStates()).toEqual(cached);
    expect(replayHistory(await database().reviews.orderBy('seq').toArray())).toEqual(cached);
  });
});

describe('checkHistory over a log longer than one part', () => {
  it('replays every part and compares every state, however the parts fall', async () => {
    // More rows and more states than one part of the check (500) holds.
    const rows = simulatedHistory({ answers: 1300, now: start, newPerDay: 400 });
    await database().reviews.bulkAdd(rows);
    const states = replayHistory(await database().reviews.orderBy('seq').toArray());
    await database().cards.bulkPut([...states].map(([id, state]) => ({ id, ...state })));
    expect(states.size).toBeGreaterThan(500);
    const seen: number[] = [];
    expect(await checkHistory((done) => seen.push(done))).toEqual({
      answers: 1300,
      cards: states.size,
      repaired: 0,
      skipped: []
    });
    expect(seen).toEqual([500, 1000, 1300]);
    // A wrong state in the first part of the cache and one in the last are both put right.
    const ids = [...states.keys()].sort();
    for (const id of [ids[3]!, ids.at(-2)!]) await database().cards.update(id, { reps: 99 });
    expect((await checkHistory()).repaired).toBe(2);
    expect(await loadStates()).toEqual(states);
  });
});

describe('checkHistory while another tab writes', () => {
  async function answerSome(n: number): Promise<number> {
    let seq = 0;
    for (let i = 0; i < n; i += 1)
      seq = (await answerAt(`card-${i % 5}`, 3, start + i * 3_600_000)).seq;
    return seq;
  }

  it('takes in an answer given during the check and reports progress', async () => {
    await answerSome(20);
    const seen: [number, number][] = [];
    let late: Promise<unknown> | undefined;
    // Another tab answers while the log is being replayed.
    const check = await checkHistory((done, total) => {
      seen.push([done, total]);
      late ??= answerAt('late', 3, start + 30 * 3_600_000);
    });
    await late;
    expect(seen[0]).toEqual([20, 20]);
    expect(check).toEqual({ answers: 21, cards: 6, repaired: 0, skipped: [] });
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
    expect(check).toEqual({ answers: 19, cards: 5, repaired: 0, skipped: [] });
    expect(await database().reviews.count()).toBe(19);
  });
});

describe('today so far', () => {
  it('counts new cards, reviews and notes answered since the day began', async () => {
    await answerAt('n1:c1', 3, start - 86_400_000 * 5);
    await answerAt('n1:c1', 3, start - 86_400_000 * 5 + 600_000);
    await answerAt('n1:c1', 3, start + 1000);
    await answerAt('n2', 1, start + 2000);
    const today = await todaySoFar(start, start + 86_400_000);
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
    answerAt(`c${daysAgo}-${hour}`, 3, start - daysAgo * day + (hour - 9) * 3_600_000);

  it('counts the days in a row with an answer, today included', async () => {
    for (const daysAgo of [0, 1, 2, 4]) await answerOn(daysAgo);
    expect((await streakDays(start, 4, 'UTC')).days).toBe(3);
  });

  it('is not broken by today before the first answer, and is 0 with no answers', async () => {
    expect((await streakDays(start, 4, 'UTC')).days).toBe(0);
    for (const daysAgo of [1, 2]) await answerOn(daysAgo);
    expect((await streakDays(start, 4, 'UTC')).days).toBe(2);
  });

  it('follows the study day, not midnight: 02:00 belongs to the day before', async () => {
    await answerOn(0);
    await answerOn(0, 2); // 02:00 on the calendar day of "now": yesterday's study day
    expect((await streakDays(start, 4, 'UTC')).days).toBe(2);
  });

  it('runs across many query batches', async () => {
    for (let daysAgo = 0; daysAgo < 70; daysAgo += 1) await answerOn(daysAgo);
    expect((await streakDays(start, 4, 'UTC')).days).toBe(70);
  });

  it('keeps a mark of past days, so the next count only reads the days since', async () => {
    for (let daysAgo = 0; daysAgo < 70; daysAgo += 1) await answerOn(daysAgo);
    const first = await streakDays(start, 4, 'UTC');
    expect(first.days).toBe(70);
    // The mark is of yesterday: today may still change.
    expect(first.mark.length).toBe(69);
    await saveStreakMark(first.mark);
    // Three days later, studied each day: the count reads three days and the mark.
    for (const daysAgo of [-1, -2, -3]) await answerOn(daysAgo);
    const later = start + 3 * day;
    const counted = await streakDays(later, 4, 'UTC');
    expect(counted.days).toBe(73);
    expect(counted.mark.length).toBe(72);
    // The same without a mark, counted day by day, agrees.
    await database().meta.delete(streakKey);
    expect((await streakDays(later, 4, 'UTC')).days).toBe(73);
  });

  it('does not trust a mark that an earlier-stamped answer, an undo or another day start outdates', async () => {
    for (const daysAgo of [1, 2, 3]) await answerOn(daysAgo);
    await saveStreakMark((await streakDays(start, 4, 'UTC')).mark);
    // A gap is filled later by an answer stamped in the past (an import, a slow clock).
    for (const daysAgo of [5, 6]) await answerOn(daysAgo);
    await saveStreakMark((await streakDays(start, 4, 'UTC')).mark);
    await answerOn(4);
    const counted = await streakDays(start, 4, 'UTC');
    expect(counted.days).toBe(6);
    // The stale mark says the same of the same day, so only the flag gets it replaced.
    expect(counted.staleMark).toBe(true);
    await saveStreakMark(counted.mark, counted.staleMark);
    expect((await streakDays(start, 4, 'UTC')).staleMark).toBe(false);
    // An undo drops the mark.
    const last = await answerAt('undone', 3, start);
    await undoAnswer(last.seq);
    expect(await database().meta.get(streakKey)).toBeUndefined();
    // A mark made with another day start is not used.
    await saveStreakMark({ ...(await streakDays(start, 4, 'UTC')).mark, length: 500 });
    expect((await streakDays(start, 5, 'UTC')).days).toBe(6);
  });
});

describe('settings', () => {
  it('start at the defaults and keep what is saved, clamped to the allowed ranges', async () => {
    expect(await loadSettings()).toEqual({ ...defaultSettings, fuzz: false });
    await saveSettings({ ...defaultSettings, desiredRetention: 0.99, newPerDay: 5 });
    const saved = await loadSettings();
    expect(saved.desiredRetention).toBe(0.97);
    expect(saved.newPerDay).toBe(5);
  });

  it('keep fitted weights with their date and the set before; the form never overwrites them', async () => {
    const fitted = Array.from({ length: 21 }, (_, i) => defaultW[i] as number);
    fitted[0] = 0.5;
    const form = await loadSettings();
    await saveWeights(fitted, start);
    // A form loaded before the weights were put in force is saved afterwards.
    await saveSettings({ ...form, newPerDay: 7 });
    let saved = await loadSettings();
    expect(saved).toMatchObject({ newPerDay: 7, weights: fitted, weightsSince: start });
    expect(saved.previousWeights).toBeNull();
    // Every answer records the weights that scheduled it, and replay repeats them.
    const { entry } = await answer({
      cardId: 'weighted',
      rating: 3,
      now: start + 1000,
      durationMs: 1000,
      mode: 'review',
      scheduled: true
    });
    expect(entry.params.w).toEqual(fitted);
    expect(replayHistory([entry]).get('weighted')).toEqual(entry.after);
    await saveWeights(null, start + 2000);
    saved = await loadSettings();
    expect(saved).toMatchObject({
      weights: null,
      weightsSince: start + 2000,
      previousWeights: fitted
    });
  });
});

/** Each old schema's tables, exactly as that version of the app declared them. */
const v1Stores = {
  cards: 'id, due',
  reviews: '++seq, cardId, reviewedAt',
  settings: 'key',
  meta: 'key'
};
const v2Stores = {
  ...v1Stores,
  reviews: '++seq, cardId, reviewedAt, rating',
  drills: '++id, startedAt'
};
const v3Stores = { ...v2Stores, reviews: '++seq, &id, cardId, reviewedAt, rating' };
const v4Stores = { ...v3Stores, events: '++seq, &id, cardId, at' };

/** The app's database deleted and made again, empty, as an old version of the app made it. */
async function oldDatabase(version: number, stores: Record<string, string>): Promise<Dexie> {
  const name = database().name;
  database().close();
  await Dexie.delete(name);
  const old = new Dexie(name);
  old.version(version).stores(stores);
  return old;
}

/** Opens the app's database as this version of the app does, upgrading what is there. */
async function openUpgraded(): Promise<StudyDatabase> {
  const upgraded = new StudyDatabase(database().name);
  useDatabase(upgraded);
  await upgraded.open();
  return upgraded;
}

describe('schema upgrades', () => {
  it('closes this connection and says so when another tab opens a newer version', async () => {
    const db = database();
    await db.open();
    const problems: string[] = [];
    const stop = onDatabaseProblem((problem) => problems.push(problem?.message ?? 'over'));
    // The app's schema as it is now, plus one table, one version up: what a newer release opens.
    const stores = Object.fromEntries(
      db.tables.map((table) => [
        table.name,
        [table.schema.primKey.src, ...table.schema.indexes.map((index) => index.src)].join(', ')
      ])
    );
    const newer = new Dexie(db.name);
    newer.version(db.verno + 1).stores({ ...stores, extra: 'id' });
    await newer.open();
    expect(problems).toEqual([newerVersionMessage]);
    expect(db.isOpen()).toBe(false);
    newer.close();
    stop();
  });

  it('upgrades a version 1 database to version 2 with every answer kept and misses indexed', async () => {
    // A database exactly as version 1 of the app left it.
    const old = await oldDatabase(1, v1Stores);
    const { id: _id, ...first } = logRow({ cardId: 'kept', rating: 1, now: start });
    await old.table('reviews').add({ ...first });
    const { id: _other, ...other } = logRow({ cardId: 'other', rating: 3, now: start + 1000 });
    await old.table('reviews').add(other);
    await old.table('cards').put({ id: 'kept', ...first.after });
    old.close();

    const upgraded = await openUpgraded();
    expect(upgraded.verno).toBe(5);
    expect(await upgraded.reviews.count()).toBe(2);
    expect((await loadStates()).get('kept')).toEqual(first.after);
    expect(await upgraded.reviews.where('rating').equals(1).primaryKeys()).toHaveLength(1);
    expect(await upgraded.drills.count()).toBe(0);
  });

  it('upgrades a version 2 database full of answers to version 3: every answer kept, each with a unique id', async () => {
    const old = await oldDatabase(2, v2Stores);
    const rows = [];
    let before: CardState | undefined;
    for (let i = 0; i < 500; i += 1) {
      // Many answers share a millisecond, as a seeded or imported history would.
      const { id: _id, ...row } = logRow({
        cardId: `card-${i % 40}`,
        rating: ((i % 4) + 1) as Rating,
        now: start + Math.floor(i / 10) * 60_000,
        before: i % 40 === 0 ? before : undefined
      });
      before = row.after ?? undefined;
      rows.push(row);
    }
    await old.table('reviews').bulkAdd(rows);
    await old.table('meta').put({ key: 'interview-date', value: '2026-04-01' });
    const keptRows = await old.table('reviews').toArray();
    old.close();

    const upgraded = await openUpgraded();
    expect(upgraded.verno).toBe(5);
    const after = await upgraded.reviews.orderBy('seq').toArray();
    expect(after).toHaveLength(500);
    // The same rows in the same order, each with an id and nothing else changed.
    expect(after.map(({ id: _id, ...row }) => row)).toEqual(keptRows);
    expect(new Set(after.map((row) => row.id)).size).toBe(500);
    for (const row of after) expect(row.id).toMatch(entryIdPattern);
    const device = (await upgraded.meta.get(deviceKey))?.value;
    expect(typeof device).toBe('string');
    expect(after.every((row) => row.id.slice(10, 18) === device)).toBe(true);
    expect((await upgraded.meta.get('interview-date'))?.value).toBe('2026-04-01');
    // New answers go on with the same device id and are found by id.
    const next = await answerAt('card-1', 3, start + 100 * 60_000);
    expect(next.id.slice(10, 18)).toBe(device);
    expect((await upgraded.reviews.where('id').equals(next.id).first())?.seq).toBe(next.seq);
    // And the upgraded log replays like any other.
    expect((await checkHistory()).skipped).toEqual([]);
  });
});

describe('schema version 4', () => {
  it('upgrades a version 3 database with answers: every answer kept, an empty card-event log', async () => {
    const old = await oldDatabase(3, v3Stores);
    const rows = Array.from({ length: 50 }, (_, i) =>
      logRow({ cardId: `card-${i % 5}`, rating: 3, now: start + i * 60_000 })
    );
    await old.table('reviews').bulkAdd(rows);
    const keptRows = await old.table('reviews').toArray();
    old.close();

    const upgraded = await openUpgraded();
    expect(upgraded.verno).toBe(5);
    expect(await upgraded.reviews.orderBy('seq').toArray()).toEqual(keptRows);
    expect(await upgraded.events.count()).toBe(0);
  });

  it('upgrades a version 4 database to version 5: every state kept, indexed by phase', async () => {
    const old = await oldDatabase(4, v4Stores);
    const rows = Array.from({ length: 40 }, (_, i) =>
      logRow({ cardId: `card-${i}`, rating: i % 4 === 0 ? 1 : 3, now: start + i * 60_000 })
    );
    await old.table('reviews').bulkAdd(rows);
    await old.table('cards').bulkPut(rows.map((row) => ({ id: row.cardId, ...row.after })));
    const keptCards = await old.table('cards').toArray();
    old.close();

    const upgraded = await openUpgraded();
    expect(upgraded.verno).toBe(5);
    expect(await upgraded.cards.toArray()).toEqual(keptCards);
    expect(await upgraded.reviews.count()).toBe(40);
    const learning = keptCards.filter((row) => row.phase === Phase.Learning).map((row) => row.id);
    expect(learning.length).toBeGreaterThan(0);
    expect(await upgraded.cards.where('phase').equals(Phase.Learning).primaryKeys()).toEqual(
      learning
    );
  });
});

describe("the day's states", () => {
  it('plan the day exactly as every state does, reading a fraction of them', async () => {
    const hour = 3_600_000;
    const rows = simulatedHistory({ answers: 3000, now: start, newPerDay: 30 });
    const all = replayHistory(rows.map((row, i) => ({ ...row, seq: i + 1 })));
    // Planned from just after the last answer, so most cards are due days ahead.
    const t0 = rows.at(-1)!.reviewedAt + hour;
    // A learning card due days ahead (a step of "3d") holds back its sibling, a new card.
    const [learned] = [...all.values()];
    all.set('sib:1', { ...learned!, phase: Phase.Learning, due: t0 + 3 * 24 * hour });
    // So does a relearning card (the other phase range read).
    all.set('rel:1', { ...learned!, phase: Phase.Relearning, due: t0 + 4 * 24 * hour });
    await database().cards.bulkPut([...all].map(([id, state]) => ({ id, ...state })));
    // A row that cannot be read, due today: planned as new by both reads.
    await database().cards.put({ id: 'broken', due: t0 - hour, phase: 2 } as never);
    const deck = [
      ...[...all.keys()].map((id) => deckCard(id)),
      deckCard('broken'),
      deckCard('sib:2'),
      deckCard('rel:2'),
      ...Array.from({ length: 40 }, (_, i) => deckCard(`fresh-${i}`))
    ];
    for (const now of [t0, t0 + 24 * hour, t0 + 9 * 24 * hour]) {
      const dayEnds = now + 10 * hour;
      const day = await loadDayStates(now + 48 * hour);
      // Every readable stored state is in one or the other; the broken row in neither.
      expect(day.states.size + day.later.size).toBe(all.size);
      if (now === t0) expect(day.states.size).toBeLessThan(all.size / 2);
      expect(day.states.has('sib:1') && day.states.has('rel:1')).toBe(true);
      // The front-of-queue list naming a card the day's read left out.
      const priority = [[...day.later][0]!, 'fresh-3'];
      const input = {
        deck,
        today: { newCount: 2, reviewCount: 5, notes: new Set(['fresh-0']) },
        limits: { newPerDay: 20, reviewsPerDay: 200 },
        dayEnds,
        priority
      };
      const fromAll = planToday({ ...input, states: await loadStates() });
      expect(planToday({ ...input, states: day.states, later: day.later })).toEqual(fromAll);
      expect(fromAll.main.some((item) => item.id === 'sib:2' || item.id === 'rel:2')).toBe(false);
      expect(fromAll.main.find((item) => item.id === priority[0])?.type).toBe('review');
    }
  });
});

describe('clocks', () => {
  const day = 86_400_000;

  it('counts an answer stamped a year ahead on that day only, not on every day until then', async () => {
    await answerAt('ahead', 3, start + 365 * day);
    await answerAt('today', 3, start);
    const today = await todaySoFar(start - 5 * 3_600_000, start + 19 * 3_600_000);
    expect(today.total).toBe(1);
    expect(today.newCount).toBe(1);
  });

  it('knows when the latest answer was given, to tell a clock that is behind', async () => {
    expect(await latestAnswerAt()).toBeUndefined();
    await answerAt('a', 3, start + 365 * day);
    await answerAt('b', 3, start);
    expect(await latestAnswerAt()).toBe(start + 365 * day);
  });
});
