import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { entryIdPattern } from '../core/review/entry-id';
import { replayHistory } from '../core/review/log';
import { answerCard, type Rating } from '../core/review/scheduler';
import { defaultSettings } from '../core/review/settings';
import { useFreshDatabase } from '../test/database';
import { logRow, testParams, testStart as start } from '../test/factories';
import { answer, loadState, undoAnswer, type AnswerInput } from './answer';
import { database } from './database';
import { loadPriorityCards, setPriorityCards } from './priority';
import { checkHistory } from './repair';
import { loadStates } from './reviews';
import { saveSettings } from './settings-save';

function input(cardId: string, rating: Rating, now: number, extra: Partial<AnswerInput> = {}) {
  return {
    cardId,
    rating,
    now,
    durationMs: 4000,
    mode: 'review',
    scheduled: true,
    ...extra
  } as const;
}

useFreshDatabase('answer');

async function expectEverySchedule(matching: number): Promise<void> {
  const check = await checkHistory();
  expect(check.repaired).toBe(0);
  expect(check.cards).toBe(matching);
}

describe('answer', () => {
  it('writes the log row (with a unique id) and the card state together', async () => {
    const { entry } = await answer(input('dns-ip', 3, start));
    expect(entry.seq).toBeGreaterThan(0);
    expect(entry.id).toMatch(entryIdPattern);
    expect(entry.before).toBeNull();
    expect(await database().reviews.count()).toBe(1);
    expect((await loadStates()).get('dns-ip')).toEqual(entry.after);
    expect(entry.after).toEqual(answerCard(testParams, undefined, 3, start));
  });

  it('builds on the stored state, not on one held in memory (two tabs, one card)', async () => {
    // Both tabs show the same new card; the first answers Good, the second Easy.
    const first = await answer(input('lb-pool', 3, start));
    await expectEverySchedule(1);
    const second = await answer(input('lb-pool', 4, start + 5000));
    expect(second.entry.before).toEqual(first.entry.after);
    await expectEverySchedule(1);
    // Undo in the second tab: the card is what its remaining log replays to.
    const undone = await undoAnswer(second.entry.seq);
    expect(undone.status).toBe('undone');
    expect(await loadState('lb-pool')).toEqual(first.entry.after);
    await expectEverySchedule(1);
  });

  it('refuses, and says why, to undo an answer another tab built on', async () => {
    const first = await answer(input('a', 3, start));
    await answer(input('a', 3, start + 600_000));
    expect(await undoAnswer(first.entry.seq)).toEqual({ status: 'answered-later' });
    expect(await database().reviews.count()).toBe(2);
    await expectEverySchedule(1);
    expect(await undoAnswer(9999)).toEqual({ status: 'gone' });
  });

  it('uses the settings stored now, and records them with the answer', async () => {
    await saveSettings({ ...defaultSettings, fuzz: false, desiredRetention: 0.8 });
    const { entry } = await answer(input('a', 3, start));
    expect(entry.params.retention).toBe(0.8);
  });

  it('writes nothing at all when a part of the transaction fails', async () => {
    const db = database();
    await answer(input('a', 3, start));
    db.cards.hook('creating', () => {
      throw new Error('disk full');
    });
    await expect(answer(input('b', 3, start + 1000))).rejects.toThrow('disk full');
    expect(await db.reviews.count()).toBe(1);
    expect(await db.cards.get('b')).toBeUndefined();
  });

  it('takes the card off the front-of-queue list in the same transaction, and undo puts it back', async () => {
    await setPriorityCards(['a', 'b']);
    const { entry, leftPriority } = await answer(input('a', 1, start));
    expect(leftPriority).toBe(true);
    expect(await loadPriorityCards()).toEqual(['b']);
    await undoAnswer(entry.seq, { restorePriority: true });
    expect(await loadPriorityCards()).toEqual(['a', 'b']);
  });

  it('leaves the schedule and the front-of-queue list alone for an answer outside the schedule', async () => {
    const first = await answer(input('a', 3, start));
    await setPriorityCards(['a']);
    const cram = await answer(input('a', 1, start + 60_000, { mode: 'cram', scheduled: false }));
    expect(cram.leftPriority).toBe(false);
    expect(cram.entry.after).toEqual(first.entry.after);
    expect(await loadState('a')).toEqual(first.entry.after);
    expect(await loadPriorityCards()).toEqual(['a']);
  });

  it('rebuilds an unreadable stored state from the log before answering', async () => {
    const first = await answer(input('a', 3, start));
    await database().cards.update('a', { due: 'soon' as unknown as number });
    const second = await answer(input('a', 3, start + 600_000));
    expect(second.entry.before).toEqual(first.entry.after);
    expect(Number.isFinite(second.entry.after?.due)).toBe(true);
  });

  it('forgets a new card entirely when its only answer is undone', async () => {
    const { entry } = await answer(input('fresh', 4, start));
    await undoAnswer(entry.seq);
    expect(await database().reviews.count()).toBe(0);
    expect(await loadState('fresh')).toBeUndefined();
  });

  it('gives every entry its own id, also within one millisecond', async () => {
    const ids = new Set<string>();
    for (let i = 0; i < 50; i += 1) ids.add((await answer(input(`c${i}`, 3, start))).entry.id);
    expect(ids.size).toBe(50);
  });
});

describe('bad log rows', () => {
  it('are skipped and reported by the history check, never written into a schedule', async () => {
    const db = database();
    const good = await answer(input('good', 3, start));
    const later = await answer(input('good', 3, start + 600_000));
    const bad = [
      { ...logRow({ cardId: 'good', rating: 3, now: start }), reviewedAt: '2026-03-02' },
      { ...logRow({ cardId: 'good', rating: 3, now: start }), rating: 9 },
      { ...logRow({ cardId: 'good', rating: 3, now: start }), params: undefined },
      { ...logRow({ cardId: 'good', rating: 3, now: start }), cardId: 42 },
      { ...logRow({ cardId: 'good', rating: 3, now: start }), cardId: '' }
    ];
    for (const row of bad) await db.reviews.add(row as never);
    const check = await checkHistory();
    expect(check.skipped).toHaveLength(5);
    expect(check.skipped.map((row) => row.problem)[0]).toMatch(/reviewedAt/);
    expect(check.repaired).toBe(0);
    const state = await loadState('good');
    expect(state).toEqual(later.entry.after);
    expect(Number.isNaN(state?.due)).toBe(false);
    expect(replayHistory([good.entry, later.entry]).get('good')).toEqual(state);
  });

  it('are left out of undo and of the next answer', async () => {
    const db = database();
    const first = await answer(input('a', 3, start));
    await db.reviews.add({ ...logRow({ cardId: 'a', rating: 3, now: start }), rating: 9 } as never);
    const second = await answer(input('a', 3, start + 600_000));
    await undoAnswer(second.entry.seq);
    expect(await loadState('a')).toEqual(first.entry.after);
  });
});
