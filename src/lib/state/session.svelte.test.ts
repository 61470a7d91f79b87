import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { compileLibrary } from '../core/content/compile';
import { deckIndex, lessonCards } from '../core/content/deck';
import { database, useDatabase } from '$lib/db/database';
import { loadMarks } from '$lib/db/events';
import { checkHistory } from '$lib/db/repair';
import { StudyDatabase } from '$lib/db/schema';
import { useFreshDatabase } from '$lib/test/database';
import { logRow, testStart } from '$lib/test/factories';
import { setPriorityCards } from '$lib/db/priority';
import { clock } from './clock';
import { StudySessionState } from './session.svelte';

// A small lesson, compiled as the build does, served to the session as the built app would.
const lesson = `---
title: Test lesson
slug: test-lesson
order: 1
summary: Cards for the session tests.
---

## Load balancer {#lb}

Prose.

::: basic lb-spreads
Q: What does a load balancer spread?
A: Requests.
:::

::: basic lb-health
Q: What takes a dead server out of the pool?
A: Health checks.
:::

## Cache {#cache}

::: basic cache-ttl
Q: What makes a cached copy expire?
A: Its TTL.
:::
`;
const library = compileLibrary([{ path: 'content/test.md', text: lesson }]);
const files = new Map<string, unknown>([
  ['/data/deck.json', deckIndex(library.lessons)],
  ...library.lessons.map((l) => [`/data/cards/${l.slug}.json`, lessonCards(l)] as const)
]);

let now = testStart;
useFreshDatabase('session');

beforeEach(() => {
  now = testStart;
  vi.spyOn(clock, 'now').mockImplementation(() => now);
  vi.stubGlobal('fetch', async (url: string) => {
    const body = files.get(url);
    return new Response(JSON.stringify(body), { status: body ? 200 : 404 });
  });
});

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

/**
 * Keeps a read-write transaction on `store` open (one request after another) until the returned
 * function is called, as a slow disk or another tab's long write would: transactions on the same
 * store wait for it.
 */
function holdStore(idb: IDBDatabase, store: string): () => void {
  let held = true;
  const tx = idb.transaction(store, 'readwrite');
  const ask = () => {
    const request = tx.objectStore(store).count();
    request.onsuccess = () => {
      if (held) ask();
    };
  };
  ask();
  return () => {
    held = false;
  };
}

/** Two "tabs": two sessions over one database, as two tabs of the app are. */
async function twoTabs(): Promise<[StudySessionState, StudySessionState]> {
  const first = new StudySessionState();
  const second = new StudySessionState();
  await first.start();
  await second.start();
  return [first, second];
}

describe('StudySessionState', () => {
  it('shows the day’s cards in lesson order, records an answer and moves on', async () => {
    const session = new StudySessionState();
    await session.start();
    expect(session.status).toBe('card');
    expect(session.card?.id).toBe('lb-spreads');
    expect(session.counts).toEqual({ new: 3, learning: 0, review: 0 });
    const shown = session.reveal();
    // The answer side shows at once; the intervals follow once the scheduler has loaded.
    expect(session.revealed).toBe(true);
    await shown;
    expect(session.outcomes.map((o) => o.interval)).toEqual(['1m', '6m', '10m', '8d']);
    now += 4000;
    await session.rate(3);
    expect(session.card?.id).toBe('lb-health');
    expect(session.answeredCount).toBe(1);
    expect(session.canUndo).toBe(true);
    const [row] = await database().reviews.toArray();
    expect(row).toMatchObject({ cardId: 'lb-spreads', rating: 3, durationMs: 4000 });
    session.stop();
  });

  it('keeps both answers of two stale tabs consistent with the log', async () => {
    const [first, second] = await twoTabs();
    await first.reveal();
    await second.reveal();
    await first.rate(3);
    now += 5000;
    await second.rate(4);
    const rows = await database().reviews.orderBy('seq').toArray();
    expect(rows.map((r) => r.rating)).toEqual([3, 4]);
    expect(rows[1]?.before).toEqual(rows[0]?.after);
    expect((await checkHistory()).repaired).toBe(0);
    // Undo in the first tab cannot take back an answer the second built on: it says so.
    await first.undo();
    expect(first.notice).toMatch(/cannot be taken back/);
    expect(first.canUndo).toBe(false);
    expect(await database().reviews.count()).toBe(2);
    // Undo in the second tab takes its answer back.
    await second.undo();
    expect(await database().reviews.count()).toBe(1);
    expect(second.card?.id).toBe('lb-spreads');
    expect((await checkHistory()).repaired).toBe(0);
    first.stop();
    second.stop();
  });

  it('keeps an answer that could not be saved, with Undo off, and saves it on "Try again"', async () => {
    const session = new StudySessionState();
    await session.start();
    await session.reveal();
    const hook = () => {
      throw Object.assign(new Error('full'), { name: 'QuotaExceededError' });
    };
    database().reviews.hook('creating', hook);
    await session.rate(3);
    expect(session.saveError).toMatch(/out of storage space/);
    expect(session.unsaved).toBe(true);
    expect(session.canUndo).toBe(false);
    expect(session.card?.id).toBe('lb-spreads');
    database().reviews.hook('creating').unsubscribe(hook);
    await session.retry();
    expect(session.saveError).toBeUndefined();
    expect(session.unsaved).toBe(false);
    expect(session.card?.id).toBe('lb-health');
    expect(await database().reviews.count()).toBe(1);
    session.stop();
  });

  it('shows the next card while the answer is written, with Undo off until it is stored', async () => {
    const session = new StudySessionState();
    await session.start();
    await session.reveal();
    // Another transaction holds the cards store, so the answer's write waits behind it.
    const release = holdStore(database().backendDB(), 'cards');
    const rated = session.rate(3);
    await vi.waitFor(() => expect(session.card?.id).toBe('lb-health'));
    expect(session.unsaved).toBe(true);
    expect(session.canUndo).toBe(false);
    expect(session.canMark).toBe(false);
    // A quick learner rates the next card before the first answer is stored: it waits its turn.
    await session.reveal();
    const second = session.rate(4);
    release();
    await rated;
    await second;
    expect(session.card?.id).toBe('cache-ttl');
    expect(session.unsaved).toBe(false);
    expect(session.canUndo).toBe(true);
    expect(session.summary?.answered).toBe(2);
    const rows = await database().reviews.orderBy('seq').toArray();
    expect(rows.map((row) => [row.cardId, row.rating])).toEqual([
      ['lb-spreads', 3],
      ['lb-health', 4]
    ]);
    await session.undo();
    expect(session.card?.id).toBe('lb-health');
    expect(await database().reviews.count()).toBe(1);
    expect((await checkHistory()).repaired).toBe(0);
    session.stop();
  });

  it('brings a card back, answer side up, when its write fails after the next card showed', async () => {
    const session = new StudySessionState();
    await session.start();
    await session.reveal();
    const release = holdStore(database().backendDB(), 'cards');
    const hook = () => {
      throw Object.assign(new Error('full'), { name: 'QuotaExceededError' });
    };
    database().reviews.hook('creating', hook);
    const rated = session.rate(4);
    await vi.waitFor(() => expect(session.card?.id).toBe('lb-health'));
    release();
    await rated;
    expect(session.card?.id).toBe('lb-spreads');
    expect(session.revealed).toBe(true);
    expect(session.saveError).toMatch(/out of storage space/);
    expect(session.answeredCount).toBe(0);
    database().reviews.hook('creating').unsubscribe(hook);
    await session.retry();
    expect(session.card?.id).toBe('lb-health');
    expect((await database().reviews.toArray()).map((row) => row.rating)).toEqual([4]);
    expect(session.summary?.answered).toBe(1);
    session.stop();
  });

  it('tells a failed next card apart from a failed save', async () => {
    const session = new StudySessionState({ kind: 'cram', lesson: 'test-lesson' });
    await session.start();
    await session.reveal();
    vi.stubGlobal('fetch', async () => {
      throw new TypeError('offline');
    });
    // The lesson file is cached, so the next card still shows: studying ahead goes on.
    await session.rate(1);
    expect(session.saveError).toBeUndefined();
    expect(session.status).toBe('card');
    expect((await database().reviews.toArray())[0]?.mode).toBe('cram');
    session.stop();
  });

  it('says plainly that storage is missing instead of blaming another tab', async () => {
    const db = database();
    db.close();
    const broken = new StudyDatabase('broken', {
      indexedDB: undefined as unknown as IDBFactory,
      IDBKeyRange: undefined as unknown as typeof IDBKeyRange
    });
    useDatabase(broken);
    const session = new StudySessionState();
    await session.start();
    expect(session.status).toBe('error');
    expect(session.loadError).toMatch(/not letting the app store data/);
    useDatabase(db);
  });
});

describe('suspend, bury and flag during a session', () => {
  it('a suspended card leaves at once; Undo takes back the suspend, then the answer before it', async () => {
    const session = new StudySessionState();
    await session.start();
    await session.reveal();
    await session.rate(3);
    expect(session.card?.id).toBe('lb-health');
    await session.mark({ kind: 'suspend' });
    expect(session.card?.id).toBe('cache-ttl');
    expect(session.notice).toMatch(/suspended/);
    expect((await loadMarks()).get('lb-health')?.suspended).toBe(true);
    // A new session (a reload) does not offer it.
    const reloaded = new StudySessionState();
    await reloaded.start();
    expect(reloaded.counts.new).toBe(1);
    reloaded.stop();
    await session.undo();
    expect(session.card?.id).toBe('lb-health');
    expect((await loadMarks()).get('lb-health')?.suspended ?? false).toBe(false);
    expect(session.canUndo).toBe(true);
    await session.undo();
    expect(session.card?.id).toBe('lb-spreads');
    expect(await database().reviews.count()).toBe(0);
    expect(session.canUndo).toBe(false);
    session.stop();
  });

  it('a buried card comes back on the next study day', async () => {
    const session = new StudySessionState();
    await session.start();
    await session.mark({ kind: 'bury' });
    expect(session.card?.id).toBe('lb-health');
    const buried = (await loadMarks()).get('lb-spreads');
    expect(buried?.buriedUntil).toBeGreaterThan(now);
    expect(buried?.buriedUntil).toBeLessThanOrEqual(now + 86_400_000);
    session.stop();
  });

  it('a flag keeps the card on screen, shows on it, and Undo takes it off again', async () => {
    const session = new StudySessionState();
    await session.start();
    await session.mark({ kind: 'flag', flag: 2 });
    expect(session.card?.id).toBe('lb-spreads');
    expect(session.flag).toBe(2);
    expect((await loadMarks()).get('lb-spreads')?.flag).toBe(2);
    await session.undo();
    expect(session.flag).toBe(0);
    expect(session.card?.id).toBe('lb-spreads');
    expect((await loadMarks()).get('lb-spreads')?.flag ?? 0).toBe(0);
    session.stop();
  });

  it('knows a new learner: no card state and no answer today (for the first-topic offer)', async () => {
    const started = async (session: StudySessionState) => {
      await session.start();
      session.stop();
      return session;
    };
    expect((await started(new StudySessionState())).firstTime).toBe(true);
    // Studying ahead writes no card state, but it is an answer today.
    const ahead = new StudySessionState({ kind: 'cram', lesson: 'test-lesson' });
    await ahead.start();
    await ahead.reveal();
    await ahead.rate(3);
    ahead.stop();
    expect((await started(new StudySessionState())).firstTime).toBe(false);
    // On a later day, a learner who only studied ahead has still learned nothing: new.
    now += 2 * 86_400_000;
    const daily = await started(new StudySessionState());
    expect(daily.firstTime).toBe(true);
    // A scheduled answer writes a state: never new again.
    await daily.start();
    await daily.reveal();
    await daily.rate(3);
    daily.stop();
    now += 2 * 86_400_000;
    expect((await started(new StudySessionState())).firstTime).toBe(false);
  });

  it('puts a card in front of the queue whose state the day’s read left out, with its intervals', async () => {
    // Answered Easy an hour ago: in review, due in days, so not among the day's states.
    const row = logRow({ cardId: 'cache-ttl', rating: 4, now: testStart - 3_600_000 });
    await database().reviews.add(row as never);
    await database().cards.put({ id: 'cache-ttl', ...row.after! });
    await setPriorityCards(['cache-ttl']);
    const session = new StudySessionState();
    await session.start();
    expect(session.card?.id).toBe('cache-ttl');
    expect(session.counts).toEqual({ new: 2, learning: 0, review: 1 });
    expect(session.firstTime).toBe(false);
    await session.reveal();
    // A review's intervals (Again relearns in 10 minutes), not a new card's.
    expect(session.outcomes.map((o) => o.interval)[0]).toBe('10m');
    expect(session.outcomes.map((o) => o.interval)).not.toEqual(['1m', '6m', '10m', '8d']);
    await session.rate(3);
    expect(session.card?.id).toBe('lb-spreads');
    expect(await database().cards.get('cache-ttl')).toMatchObject({ reps: 2 });
    expect((await checkHistory()).repaired).toBe(0);
    session.stop();
  });
});
