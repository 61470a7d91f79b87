import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { Backup } from '../core/backup/format';
import { BackupRefused } from '../core/backup/schema';
import type { Rating } from '../core/review/scheduler';
import { useFreshDatabase } from '../test/database';
import { testStart as start } from '../test/factories';
import { answer } from './answer';
import {
  applyRestore,
  collectBackup,
  DeviceChanged,
  planRestore,
  readDevice,
  resetProgress,
  RestoreCancelled,
  type RestoreMode
} from './backup';
import { database } from './database';
import { loadInterviewDate, saveInterviewDate } from './drills';
import { setPriorityCards } from './priority';
import { recordEvent } from './event-write';
import { loadEvents } from './events';
import { checkHistory } from './repair';
import { loadSettings, loadStates } from './reviews';
import { saveSettings } from './settings-save';
import { streakKey } from './schema';

useFreshDatabase('backup');

const hour = 3_600_000;
const day = 24 * hour;

async function answerAt(cardId: string, rating: Rating, now: number) {
  return answer({ cardId, rating, now, durationMs: 4000, mode: 'review', scheduled: true });
}

async function studySome(): Promise<void> {
  await answerAt('a', 3, start - 3 * day);
  await answerAt('b', 1, start - 3 * day + hour);
  await answerAt('a', 3, start - day);
  await recordEvent('b', { kind: 'flag', flag: 2 }, start - day);
  await recordEvent('c', { kind: 'suspend' }, start - day);
  await setPriorityCards(['b']);
  await saveInterviewDate('2026-04-01');
  await database().drills.add({
    startedAt: start - 2 * hour,
    endedAt: start - hour,
    length: 5,
    topics: [],
    practiceOnly: false,
    answers: [{ cardId: 'a', topic: 'caching', score: 1, timeMs: 3000 }],
    questions: ['a']
  });
}

async function restore(backup: Backup, mode: RestoreMode) {
  const plan = await planRestore(backup, mode, await readDevice());
  await applyRestore(plan);
  return plan;
}

/** Every table's rows, `seq` and drill ids left out (local numbers), sorted: what must survive. */
async function contents() {
  const db = database();
  const [reviews, events, cards, drills, settings, meta] = await Promise.all([
    db.reviews.toArray(),
    db.events.toArray(),
    db.cards.toArray(),
    db.drills.toArray(),
    db.settings.toArray(),
    db.meta.toArray()
  ]);
  const sortKey = (row: Record<string, unknown>) =>
    typeof row.id === 'string' ? row.id : String(row.startedAt);
  const bare = <T extends { seq?: number; id?: unknown }>(rows: T[], key: 'seq' | 'id') =>
    rows
      .map((row) => {
        const copy: Record<string, unknown> = { ...row };
        delete copy[key];
        return copy;
      })
      .sort((x, y) => sortKey(x).localeCompare(sortKey(y)));
  return {
    reviews: bare(reviews, 'seq'),
    events: bare(events, 'seq'),
    cards: cards.sort((x, y) => x.id.localeCompare(y.id)),
    drills: bare(drills, 'id'),
    settings,
    meta: meta.filter((row) => row.key !== 'device-id')
  };
}

describe('backup and restore in the database', () => {
  it('exports every table the learner owns, without the device id or caches', async () => {
    await studySome();
    await database().meta.put({ key: streakKey, value: { length: 3 } });
    const backup = await collectBackup('test', start);
    expect(backup.header.counts).toEqual({
      reviews: 3,
      cards: 2,
      events: 2,
      settings: 1,
      drills: 1,
      meta: 2
    });
    expect(backup.meta.map((row) => row.key).sort()).toEqual(['interview-date', 'priority-cards']);
    expect(backup.header.device).toMatch(/^[0-9A-Z]{8}$/);
    expect(backup.reviews.every((row) => typeof row.id === 'string')).toBe(true);
  });

  it('replace: an emptied database gets the same log, schedules, events and settings', async () => {
    await studySome();
    await saveSettings({ ...(await loadSettings()), newPerDay: 7 });
    const before = await contents();
    const backup = await collectBackup('test', start);
    await resetProgress();
    await saveInterviewDate(undefined);
    await database().settings.clear();
    expect((await contents()).reviews).toEqual([]);
    await restore(backup, 'replace');
    expect(await contents()).toEqual(before);
    expect((await checkHistory()).repaired).toBe(0);
    expect((await loadSettings()).newPerDay).toBe(7);
  });

  it('replace drops what was here and takes the file whole', async () => {
    await studySome();
    const backup = await collectBackup('test', start);
    await answerAt('z', 3, start - hour);
    await restore(backup, 'replace');
    expect((await database().reviews.toArray()).map((r) => r.cardId).sort()).toEqual([
      'a',
      'a',
      'b'
    ]);
    expect((await loadStates()).has('z')).toBe(false);
    expect((await checkHistory()).repaired).toBe(0);
  });

  it('merge: the union of both logs, no duplicates, the affected schedules rebuilt in answer order', async () => {
    await studySome();
    const backup = await collectBackup('test', start);
    await resetProgress();
    // This device, meanwhile: other answers, one of them on a card the backup has, and older.
    await answerAt('a', 1, start - 4 * day);
    await answerAt('d', 3, start - 2 * day);
    await setPriorityCards(['d']);
    const plan = await restore(backup, 'merge');
    expect(plan.merge.newReviews).toHaveLength(3);
    expect([...plan.merge.rebuilt].sort()).toEqual(['a', 'b', 'c']);
    const rows = await database().reviews.toArray();
    expect(rows).toHaveLength(5);
    expect(new Set(rows.map((row) => row.id)).size).toBe(5);
    expect(new Set(rows.map((row) => row.seq)).size).toBe(5);
    expect(await loadEvents()).toHaveLength(2);
    expect((await database().meta.get('priority-cards'))?.value).toEqual(['d', 'b']);
    expect(await loadInterviewDate()).toBe('2026-04-01');
    // Every schedule is what replaying the merged log gives.
    expect((await checkHistory()).repaired).toBe(0);
    // The same backup again adds nothing.
    const again = await restore(backup, 'merge');
    expect(again.reviews).toHaveLength(0);
    expect(await database().reviews.count()).toBe(5);
    expect(await database().drills.count()).toBe(1);
  });

  it('refuses a merge when an id is here with different contents, changing nothing', async () => {
    await studySome();
    const backup = await collectBackup('test', start);
    const first = backup.reviews[0];
    if (!first) throw new Error('no rows');
    const changed = {
      ...backup,
      reviews: [{ ...first, rating: 4 as const }, ...backup.reviews.slice(1)]
    };
    const before = await contents();
    await expect(planRestore(changed, 'merge', await readDevice())).rejects.toBeInstanceOf(
      BackupRefused
    );
    expect(await contents()).toEqual(before);
  });

  it('is all or nothing: a failure in the middle of the write leaves the database as it was', async () => {
    await studySome();
    const backup = await collectBackup('test', start);
    await resetProgress();
    await answerAt('d', 3, start - 2 * day);
    await database().meta.put({ key: streakKey, value: { length: 1 } });
    const before = await contents();
    for (const mode of ['merge', 'replace'] as const) {
      const plan = await planRestore(backup, mode, await readDevice());
      let calls = 0;
      await expect(
        applyRestore(plan, {
          progress: (done) => {
            calls += 1;
            // Rows have been written in this transaction by now: the failure must undo them.
            if (done > 0) throw new Error('disk on fire');
          }
        })
      ).rejects.toThrow('disk on fire');
      expect(calls).toBeGreaterThan(1);
      expect(await contents()).toEqual(before);
    }
  });

  it('a cancelled restore changes nothing; a restore after the log changed is refused', async () => {
    await studySome();
    const backup = await collectBackup('test', start);
    await resetProgress();
    const before = await contents();
    const controller = new AbortController();
    const plan = await planRestore(backup, 'replace', await readDevice());
    await expect(
      applyRestore(plan, {
        signal: controller.signal,
        progress: (done) => {
          if (done > 0) controller.abort();
        }
      })
    ).rejects.toBeInstanceOf(RestoreCancelled);
    expect(await contents()).toEqual(before);
    await answerAt('d', 3, start - hour);
    await expect(applyRestore(plan)).rejects.toBeInstanceOf(DeviceChanged);
    expect(await database().reviews.count()).toBe(1);
  });

  it('deletes the streak mark after a restore', async () => {
    await studySome();
    const backup = await collectBackup('test', start);
    await database().meta.put({ key: streakKey, value: { length: 3 } });
    await restore(backup, 'merge');
    expect(await database().meta.get(streakKey)).toBeUndefined();
  });
});
