import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { hiddenCards } from '../core/review/events';
import type { Rating } from '../core/review/scheduler';
import { defaultSettings } from '../core/review/settings';
import { useFreshDatabase } from '../test/database';
import { logRow, testStart as start } from '../test/factories';
import { answer, undoAnswer } from './answer';
import { database } from './database';
import { loadPriorityCards, setPriorityCards } from './priority';
import { recordEvent, undoEvent } from './event-write';
import { loadEvents, loadMarks } from './events';
import { checkHistory } from './repair';
import { loadStates } from './reviews';
import { saveSettings } from './settings-save';

useFreshDatabase('events');

const hour = 3_600_000;
const day = 24 * hour;

async function answerAt(cardId: string, rating: Rating, now: number) {
  return answer({ cardId, rating, now, durationMs: 4000, mode: 'review', scheduled: true });
}

describe('card events in the database', () => {
  it('suspends and buries as log events with unique ids, and takes them back', async () => {
    const suspended = await recordEvent('a', { kind: 'suspend' }, start);
    await recordEvent('b', { kind: 'bury', until: start + 19 * hour }, start);
    await recordEvent('c', { kind: 'flag', flag: 2 }, start);
    const events = await loadEvents();
    expect(events.map((e) => e.kind)).toEqual(['suspend', 'bury', 'flag']);
    expect(new Set(events.map((e) => e.id)).size).toBe(3);
    expect(hiddenCards(await loadMarks(), start + hour)).toEqual(new Set(['a', 'b']));
    expect(hiddenCards(await loadMarks(), start + day)).toEqual(new Set(['a']));
    expect(await undoEvent(suspended.seq)).toBe(true);
    expect(await undoEvent(suspended.seq)).toBe(false);
    expect((await loadMarks()).get('a')?.suspended).toBeUndefined();
  });

  it('forgets a card: back to new, history kept, off the front of the queue; undo restores it', async () => {
    await answerAt('a', 3, start);
    await answerAt('a', 3, start + day);
    const kept = (await loadStates()).get('a');
    await setPriorityCards(['a', 'b']);
    const forget = await recordEvent('a', { kind: 'forget' }, start + 2 * day);
    expect((await loadStates()).has('a')).toBe(false);
    expect(await database().reviews.count()).toBe(2);
    expect(await loadPriorityCards()).toEqual(['b']);
    // The history check agrees: the answers before the forget schedule nothing.
    expect((await checkHistory()).repaired).toBe(0);
    // An answer after the forget starts from new.
    const fresh = await answerAt('a', 3, start + 3 * day);
    expect(fresh.entry.before).toBeNull();
    expect((await checkHistory()).repaired).toBe(0);
    await undoAnswer(fresh.entry.seq);
    expect(await undoEvent(forget.seq)).toBe(true);
    expect((await loadStates()).get('a')).toEqual(kept);
    expect((await checkHistory()).repaired).toBe(0);
  });

  it('suspends a card when it becomes a leech, says so once, and undo takes both back', async () => {
    await saveSettings({ ...defaultSettings, fuzz: false, leechLapses: 2 });
    let now = start;
    const results = [];
    // Good to graduate, then Again (lapse), Good, Again (lapse)...
    for (const rating of [3, 3, 3, 1, 3, 1] as Rating[]) {
      const state = (await loadStates()).get('a');
      now = Math.max(now + hour, state?.due ?? now);
      results.push(await answerAt('a', rating, now));
    }
    const leeches = results.filter((r) => r.leech);
    expect(leeches).toHaveLength(1);
    expect(leeches[0]?.leech).toEqual({ suspended: true });
    expect((await loadMarks()).get('a')).toMatchObject({ suspended: true, suspendReason: 'leech' });
    const last = results[results.length - 1]!;
    expect(last.leech).toBeDefined();
    await undoAnswer(last.entry.seq);
    expect((await loadMarks()).get('a')?.suspended ?? false).toBe(false);
  });

  it('does not suspend a leech when the settings say only to tag it', async () => {
    await saveSettings({ ...defaultSettings, fuzz: false, leechLapses: 1, suspendLeeches: false });
    let now = start;
    let leech;
    for (const rating of [3, 3, 3, 1] as Rating[]) {
      const state = (await loadStates()).get('a');
      now = Math.max(now + hour, state?.due ?? now);
      leech = (await answerAt('a', rating, now)).leech ?? leech;
    }
    expect(leech).toEqual({ suspended: false });
    expect(await loadEvents()).toEqual([]);
  });

  it('replays a merged log in answer order: older answers added later (a restored backup)', async () => {
    // This device answers at day 2; a backup brings the same card's day-0 and day-1 answers.
    const day0 = logRow({ cardId: 'a', rating: 3, now: start });
    const day1 = logRow({ cardId: 'a', rating: 3, now: start + day, before: day0.after! });
    const local = await answerAt('a', 3, start + 2 * day);
    await database().reviews.bulkAdd([day0, day1] as never[]);
    const check = await checkHistory();
    // The cached state (one answer) differs from what the merged log gives: repaired...
    expect(check.repaired).toBe(1);
    const replayed = (await loadStates()).get('a');
    expect(replayed?.reps).toBe(3);
    expect(replayed?.lastReview).toBe(local.entry.reviewedAt);
    // ...and a second check finds nothing left to repair.
    expect((await checkHistory()).repaired).toBe(0);
  });
});
