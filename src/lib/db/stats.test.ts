import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { CardState } from '../core/review/scheduler';
import { useFreshDatabase } from '../test/database';
import { logRow, testStart as start } from '../test/factories';
import { database } from './database';
import { readLogInParts, readStatesInParts } from './stats';

useFreshDatabase('stats');

describe('reading the whole log and every state in parts', () => {
  it('reads every readable row, part by part, and counts the unreadable ones', async () => {
    const rows = Array.from({ length: 4500 }, (_, i) =>
      logRow({ cardId: `card-${i % 50}`, rating: 3, now: start + i * 60_000 })
    );
    await database().reviews.bulkAdd(rows);
    // A row whose date is text: left out and counted, never read as NaN.
    await database().reviews.add({ ...rows[0], id: 'broken', reviewedAt: 'yesterday' } as never);
    const parts: number[] = [];
    const seen: { read: number; total: number }[] = [];
    const result = await readLogInParts((entries, progress) => {
      parts.push(entries.length);
      seen.push(progress);
    });
    expect(parts).toEqual([...Array.from({ length: 9 }, () => 500), 0]);
    expect(seen.at(-1)).toEqual({ read: 4501, total: 4501 });
    expect(result).toEqual({ answers: 4500, skipped: 1 });
  });

  it('reads every card state in parts, leaving out unreadable ones', async () => {
    const state = logRow({ cardId: 'x', rating: 3, now: start }).after as CardState;
    await database().cards.bulkPut(
      Array.from({ length: 2100 }, (_, i) => ({
        id: `card-${String(i).padStart(4, '0')}`,
        ...state
      }))
    );
    await database().cards.put({ id: 'bad', ...state, due: 'soon' } as never);
    const parts: number[] = [];
    const ids = new Set<string>();
    await readStatesInParts((part) => {
      parts.push(part.length);
      for (const [id] of part) ids.add(id);
    });
    expect(parts.reduce((sum, n) => sum + n, 0)).toBe(2100);
    expect(parts.length).toBe(3);
    expect(ids.has('bad')).toBe(false);
  });

  it('an empty database gives nothing and no error', async () => {
    let calls = 0;
    await readStatesInParts(() => (calls += 1));
    expect(await readLogInParts(() => (calls += 1))).toEqual({ answers: 0, skipped: 0 });
    expect(calls).toBe(0);
  });
});
