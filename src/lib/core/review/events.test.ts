import { describe, expect, it } from 'vitest';
import { testStart as start } from '../../test/factories';
import {
  becameLeech,
  forgottenTimes,
  hiddenCards,
  isHidden,
  readEvent,
  replayEvents,
  type CardEvent
} from './events';
import { replayHistory } from './log';
import { newCardState } from './scheduler';
import { logRow } from '../../test/factories';

const id = (n: number) => `01J0000000TESTDEV1${String(n).padStart(8, '0')}`;
const event = (n: number, cardId: string, kind: CardEvent['kind'], at: number, extra = {}) => ({
  seq: n,
  id: id(n),
  cardId,
  kind,
  at,
  ...extra
});
const hour = 3_600_000;

describe('card events', () => {
  it('replays suspend, bury, flag and forget into marks, in time order whatever the row order', () => {
    const marks = replayEvents([
      event(3, 'a', 'unsuspend', start + 3 * hour),
      event(1, 'a', 'suspend', start + hour),
      event(2, 'b', 'bury', start, { until: start + 20 * hour }),
      event(4, 'c', 'flag', start, { flag: 2 }),
      event(5, 'c', 'flag', start + hour, { flag: 0 }),
      event(6, 'd', 'flag', start, { flag: 4 }),
      event(7, 'e', 'forget', start + 2 * hour),
      event(8, 'f', 'suspend', start, { reason: 'leech' })
    ]);
    expect(marks.get('a')).toEqual({ suspended: false, buriedUntil: 0, flag: 0, forgottenAt: 0 });
    expect(marks.get('b')?.buriedUntil).toBe(start + 20 * hour);
    expect(marks.get('c')?.flag).toBe(0);
    expect(marks.get('d')?.flag).toBe(4);
    expect(marks.get('e')?.forgottenAt).toBe(start + 2 * hour);
    expect(marks.get('f')).toMatchObject({ suspended: true, suspendReason: 'leech' });
    expect(forgottenTimes(marks)).toEqual(new Map([['e', start + 2 * hour]]));
  });

  it('hides suspended cards, and buried ones until their time', () => {
    const marks = replayEvents([
      event(1, 'sus', 'suspend', start),
      event(2, 'bur', 'bury', start, { until: start + 10 * hour }),
      event(3, 'back', 'bury', start, { until: start + 10 * hour }),
      event(4, 'back', 'unbury', start + hour),
      event(5, 'flagged', 'flag', start, { flag: 1 })
    ]);
    expect(hiddenCards(marks, start + hour)).toEqual(new Set(['sus', 'bur']));
    expect(hiddenCards(marks, start + 10 * hour)).toEqual(new Set(['sus']));
    expect(isHidden(undefined, start)).toBe(false);
  });

  it('replays a forgotten card from new: answers before the forget schedule nothing', () => {
    const first = logRow({ cardId: 'x', rating: 3, now: start });
    const second = logRow({ cardId: 'x', rating: 3, now: start + 24 * hour, before: first.after! });
    const afterForget = logRow({ cardId: 'x', rating: 1, now: start + 48 * hour });
    const forgotten = new Map([['x', start + 30 * hour]]);
    const state = replayHistory([first, second, afterForget], undefined, forgotten).get('x');
    // As if the card had only ever had the answer after the forget.
    expect(state).toEqual(replayHistory([afterForget]).get('x'));
    expect(replayHistory([first, second], undefined, forgotten).has('x')).toBe(false);
  });

  it('makes a card a leech on the answer that reaches the threshold, once', () => {
    const seven = { ...newCardState(start), phase: 3 as const, lapses: 7 };
    const eight = { ...seven, lapses: 8 };
    expect(becameLeech(seven, eight, 8)).toBe(true);
    expect(becameLeech(eight, { ...eight, lapses: 9 }, 8)).toBe(false);
    expect(becameLeech(seven, eight, 0)).toBe(false);
    expect(becameLeech(null, eight, 8)).toBe(true);
  });

  it('reads back only well-formed events, keeping only the fields of their kind', () => {
    expect(readEvent(event(1, 'a', 'flag', start, { flag: 3, note: '<b>x</b>' }))).toEqual(
      event(1, 'a', 'flag', start, { flag: 3 })
    );
    expect(readEvent(event(1, 'a', 'suspend', start))?.reason).toBe('learner');
    for (const bad of [
      null,
      'suspend',
      event(0, 'a', 'suspend', start),
      { ...event(1, 'a', 'suspend', start), id: 'short' },
      event(1, 'A B', 'suspend', start),
      event(1, 'a', 'delete' as CardEvent['kind'], start),
      event(1, 'a', 'suspend', Number.NaN),
      event(1, 'a', 'suspend', '2026' as unknown as number),
      event(1, 'a', 'bury', start),
      event(1, 'a', 'flag', start, { flag: 9 })
    ])
      expect(readEvent(bad)).toBeUndefined();
  });
});
