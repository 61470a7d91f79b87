import { describe, expect, it } from 'vitest';
import { logRow, testStart } from '../../test/factories';
import type { LoggedEntry } from '../review/log';
import type { Rating } from '../review/scheduler';
import { dayMs, hourMs, minuteMs } from '../review/time';
import { cardHistories, countReviews, itemsOf, trainingSet } from './items';

type Row = Omit<LoggedEntry, 'seq'>;

/** One card's answers at the given times, each from the state the one before left. */
function answers(cardId: string, steps: [number, Rating][], mode?: 'cram'): Row[] {
  const rows: Row[] = [];
  let before: Row['after'] | undefined;
  for (const [at, rating] of steps) {
    const row = logRow({
      cardId,
      rating,
      now: at,
      before: before ?? undefined,
      ...(mode ? { mode, scheduled: false } : {})
    });
    rows.push(row);
    if (row.scheduled) before = row.after;
  }
  return rows;
}

const utc = { dayStartsAtHour: 4, timeZone: 'UTC' };
const simple = (rows: Row[], options = utc) =>
  cardHistories(rows, options).map((h) => h.answers.map((a) => [a.rating, a.deltaT]));

describe('cardHistories', () => {
  it('counts whole study days between a card’s answers, same-day steps as 0', () => {
    const rows = answers('a', [
      [testStart, 1],
      [testStart + minuteMs, 3],
      [testStart + 10 * minuteMs, 3],
      [testStart + 2 * dayMs, 3],
      [testStart + 9 * dayMs, 1]
    ]);
    expect(simple(rows)).toEqual([
      [
        [1, 0],
        [3, 0],
        [3, 0],
        [3, 2],
        [1, 7]
      ]
    ]);
  });

  it('counts days from the learner’s day-start hour, not from midnight', () => {
    // 23:00 and 02:00 the next night are one study day when days start at 4 am…
    const late = Date.UTC(2026, 2, 2, 23);
    const rows = answers('a', [
      [late, 3],
      [late + 3 * hourMs, 3],
      [late + 6 * hourMs, 3]
    ]);
    expect(simple(rows)[0]?.map(([, d]) => d)).toEqual([0, 0, 1]);
    // …and two days when they start at midnight.
    expect(simple(rows, { dayStartsAtHour: 0, timeZone: 'UTC' })[0]?.map(([, d]) => d)).toEqual([
      0, 1, 0
    ]);
  });

  it('counts days in the learner’s time zone', () => {
    // 10:00 and 20:00 UTC on one day are two study days in Tokyo (19:00, then 05:00 next day).
    const morning = Date.UTC(2026, 2, 2, 10);
    const rows = answers('a', [
      [morning, 3],
      [morning + 10 * hourMs, 3]
    ]);
    expect(simple(rows)[0]?.map(([, d]) => d)).toEqual([0, 0]);
    expect(
      simple(rows, { dayStartsAtHour: 4, timeZone: 'Asia/Tokyo' })[0]?.map(([, d]) => d)
    ).toEqual([0, 1]);
  });

  it('leaves out cram and practice answers, which scheduled nothing', () => {
    const rows = [
      ...answers('a', [
        [testStart, 3],
        [testStart + 3 * dayMs, 3]
      ]),
      ...answers('a', [[testStart + dayMs, 1]], 'cram')
    ];
    expect(simple(rows)).toEqual([
      [
        [3, 0],
        [3, 3]
      ]
    ]);
  });

  it('keeps only the answers after the card’s latest Forget, from its new start', () => {
    const before = answers('a', [
      [testStart, 3],
      [testStart + 3 * dayMs, 1]
    ]);
    const forgetAt = testStart + 4 * dayMs;
    const after = answers('a', [
      [forgetAt + hourMs, 4],
      [forgetAt + 5 * dayMs, 3]
    ]);
    const rows = [...before, ...after];
    expect(simple(rows)).toHaveLength(1);
    expect(
      cardHistories(rows, { ...utc, forgotten: new Map([['a', forgetAt]]) }).map((h) =>
        h.answers.map((a) => [a.rating, a.deltaT])
      )
    ).toEqual([
      [
        [4, 0],
        [3, 5]
      ]
    ]);
  });

  it('starts from the last learning block, and leaves out a card with no start from new', () => {
    const first = answers('a', [
      [testStart, 3],
      [testStart + 2 * dayMs, 3]
    ]);
    // The card started again from new (as after a reset on another device), then went on.
    const again = answers('a', [
      [testStart + 10 * dayMs, 2],
      [testStart + 12 * dayMs, 3]
    ]);
    const partial = answers('b', [
      [testStart, 3],
      [testStart + 2 * dayMs, 3]
    ]).slice(1);
    expect(simple([...first, ...again, ...partial])).toEqual([
      [
        [2, 0],
        [3, 2]
      ]
    ]);
  });

  it('reads the log in answer order, whatever order the rows come in', () => {
    const rows = answers('a', [
      [testStart, 3],
      [testStart + 2 * dayMs, 3],
      [testStart + 5 * dayMs, 1]
    ]);
    expect(simple([...rows].reverse())).toEqual(simple(rows));
  });
});

describe('trainingSet', () => {
  it('makes one item per review a day or more after the previous answer, never one ending the same day', () => {
    const rows = answers('a', [
      [testStart, 1],
      [testStart + minuteMs, 3],
      [testStart + 2 * dayMs, 3],
      [testStart + 2 * dayMs + 10 * minuteMs, 1],
      [testStart + 6 * dayMs, 3]
    ]);
    const histories = cardHistories(rows, utc);
    const set = trainingSet(histories);
    expect(countReviews(histories)).toBe(2);
    expect(Array.from(set.lengths)).toEqual([3, 5]);
    expect(itemsOf(set).map((item) => item.map((a) => [a.rating, a.deltaT]))).toEqual([
      [
        [1, 0],
        [3, 0],
        [3, 2]
      ],
      [
        [1, 0],
        [3, 0],
        [3, 2],
        [1, 0],
        [3, 4]
      ]
    ]);
    // Every item ends on a review after a day, and starts from the card's first answer.
    for (const item of itemsOf(set)) {
      expect(item.at(-1)?.deltaT).toBeGreaterThan(0);
      expect(item[0]?.deltaT).toBe(0);
    }
  });

  it('makes nothing from a card learned today', () => {
    const rows = answers('a', [
      [testStart, 3],
      [testStart + 10 * minuteMs, 3]
    ]);
    const set = trainingSet(cardHistories(rows, utc));
    expect(set.lengths).toHaveLength(0);
    expect(set.ratings).toHaveLength(0);
  });
});
