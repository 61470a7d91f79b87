import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import type { LoggedEntry } from '../review/log';
import type { CardState, Rating } from '../review/scheduler';
import { minuteMs } from '../review/time';
import { logRow, testStart as start } from '../../test/factories';
import { csvColumns, reviewLogRows, type CardPlace } from './review-csv';
import { reviewLogCsv } from './review-csv-text';

function log(list: [string, Rating, number, { mode?: 'cram'; scheduled?: boolean }?][]) {
  const states = new Map<string, CardState>();
  return list.map(([cardId, rating, now, extra], i): LoggedEntry => {
    const row = logRow({ cardId, rating, now, before: states.get(cardId), ...extra });
    if (row.scheduled && row.after) states.set(cardId, row.after);
    return { ...row, seq: i + 1 };
  });
}

const places: Record<string, CardPlace> = {
  a: { lesson: 'Caching, the "basics"', topic: 'Line one\nline two', kind: 'basic' },
  b: { lesson: '=HYPERLINK("x")', topic: 'Plain', kind: 'cloze' }
};

const entries = log([
  ['a', 3, start],
  ['b', 1, start + minuteMs],
  ['a', 4, start + 10 * minuteMs],
  ['b', 3, start + 11 * minuteMs, { mode: 'cram', scheduled: false }],
  ['gone', 2, start + 12 * minuteMs]
]);

const parse = (text: string) => Papa.parse<string[]>(text, { skipEmptyLines: true }).data;

describe('review log CSV', () => {
  it('writes the header, then one row per answer in answer order', () => {
    // Rows given out of order come out by answer time.
    const text = reviewLogCsv(reviewLogRows([...entries].reverse(), (id) => places[id]));
    const [header, ...rows] = parse(text);
    expect(header).toEqual([...csvColumns]);
    expect(rows).toHaveLength(5);
    expect(rows.map((r) => r[0])).toEqual(['a', 'b', 'a', 'b', 'gone']);
    expect(text.startsWith('card_id,lesson,topic,kind,answered_at,rating,')).toBe(true);
    // Rows end with CRLF; the bare line break inside a quoted value does not end a row.
    expect(text.split('\r\n')).toHaveLength(6);
  });

  it('quotes commas, quotes and line breaks so they survive a round trip', () => {
    const text = reviewLogCsv(reviewLogRows(entries, (id) => places[id]));
    expect(text).toContain('"Caching, the ""basics"""');
    expect(text).toContain('"Line one\nline two"');
    const [, first] = parse(text);
    expect(first?.slice(0, 4)).toEqual([
      'a',
      'Caching, the "basics"',
      'Line one\nline two',
      'basic'
    ]);
  });

  it('keeps a spreadsheet from running a value as a formula', () => {
    const [, , second] = parse(reviewLogCsv(reviewLogRows(entries, (id) => places[id])));
    expect(second?.[1]).toBe('\'=HYPERLINK("x")');
  });

  it('gives ISO 8601 times, the rating, the state before and the state after', () => {
    const rows = reviewLogRows(entries, (id) => places[id]);
    expect(rows[0]).toMatchObject({
      answered_at: '2026-03-02T09:00:00.000Z',
      rating: 3,
      rating_name: 'Good',
      duration_ms: 4000,
      mode: 'review',
      scheduled: 'yes',
      state_before: 'new',
      due: new Date(entries[0]?.after?.due ?? 0).toISOString()
    });
    expect(rows[0]?.stability).toBeCloseTo(entries[0]?.after?.stability ?? -1, 5);
    expect(rows[2]).toMatchObject({ state_before: 'learning', rating_name: 'Easy' });
    // A cram answer leaves the schedule where it was: its due is the one before.
    expect(rows[3]).toMatchObject({ mode: 'cram', scheduled: 'no', state_before: 'learning' });
    expect(rows[3]?.due).toBe(new Date(entries[3]?.before?.due ?? 0).toISOString());
    // A card no longer in the deck keeps its row, with its place left empty.
    expect(rows[4]).toMatchObject({ card_id: 'gone', lesson: '', topic: '', kind: '' });
    for (const row of rows)
      expect(String(row.answered_at)).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(rows.map((r) => r.answer_id)).toEqual(entries.map((e) => e.id));
  });
});
