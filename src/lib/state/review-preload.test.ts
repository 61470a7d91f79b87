import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { announce } from '$lib/db/changes';
import { database } from '$lib/db/database';
import { useFreshDatabase } from '$lib/test/database';
import { logRow, testStart } from '$lib/test/factories';
import { preloadSession, takePreloaded } from './review-preload';

useFreshDatabase('preload');

afterEach(() => {
  takePreloaded(true); // nothing left over for the next test
  vi.useRealTimers();
});

describe('reads begun before the session starts', () => {
  it('hands the session the card states and settings it began reading', async () => {
    const { after } = logRow({ cardId: 'lb-spreads', rating: 3, now: testStart });
    await database().cards.put({ id: 'lb-spreads', ...after! });
    preloadSession(true);
    const early = takePreloaded(true);
    expect(early).toBeDefined();
    // Learning (its next step minutes away): among the states the day's plan reads.
    expect([...(await early!.states).states.keys()]).toEqual(['lb-spreads']);
    expect((await early!.settings).fuzz).toBe(false);
  });

  it('reads every state for a session other than the daily review, and is taken only by one', async () => {
    const { after } = logRow({ cardId: 'lb-spreads', rating: 3, now: testStart });
    await database().cards.put({ id: 'lb-spreads', ...after! });
    preloadSession(false);
    expect(takePreloaded(true)).toBeUndefined();
    preloadSession(false);
    const early = takePreloaded(false);
    expect([...(await early!.states).states.keys()]).toEqual(['lb-spreads']);
  });

  it('is taken once', () => {
    preloadSession(true);
    expect(takePreloaded(true)).toBeDefined();
    expect(takePreloaded(true)).toBeUndefined();
  });

  it('is not taken after this tab wrote to the log, so the session reads afresh', () => {
    preloadSession(true);
    announce({ kind: 'answered', cardId: 'lb-spreads' });
    expect(takePreloaded(true)).toBeUndefined();
  });

  it('is not taken when over 5 s old (a link preloaded on hover long before the visit)', () => {
    vi.useFakeTimers({ toFake: ['performance'] });
    preloadSession(true);
    vi.advanceTimersByTime(5001);
    expect(takePreloaded(true)).toBeUndefined();
  });

  it('starts again when the reads under way are no longer current', () => {
    vi.useFakeTimers({ toFake: ['performance'] });
    preloadSession(true);
    vi.advanceTimersByTime(6000);
    preloadSession(true);
    expect(takePreloaded(true)).toBeDefined();
  });
});
