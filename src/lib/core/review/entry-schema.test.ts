import { describe, expect, it } from 'vitest';
import { logRow, testStart as start } from '../../test/factories';
import { makeDeviceId, makeEntryId, entryIdPattern, entryIdTime } from './entry-id';
import * as v from 'valibot';
import { readEntryRow, readEntryRows } from './entry-guard';
import { cardStateSchema, entrySchema, readEntries, readEntry, readState } from './entry-schema';

const row = { ...logRow({ cardId: 'lb-pool:reverse', rating: 3, now: start }), seq: 7 };

describe('readEntry', () => {
  it('accepts a log row as the app writes it', () => {
    const read = readEntry(row);
    expect(read.ok && read.value).toEqual(row);
  });

  it.each([
    ['a string time', { reviewedAt: '2026-03-02T09:00:00Z' }, /reviewedAt/],
    ['a rating of 9', { rating: 9 }, /rating/],
    ['missing parameters', { params: undefined }, /params/],
    ['a card id that is not one', { cardId: 'Not An Id!' }, /cardId/],
    ['a NaN in the state after', { after: { ...row.after, due: Number.NaN } }, /after\.due/],
    ['no entry id', { id: undefined }, /id/]
  ])('sets aside a row with %s, saying where', (_name, change, where) => {
    const read = readEntry({ ...row, ...change });
    expect(read.ok).toBe(false);
    if (!read.ok) expect(read.problem).toMatch(where);
  });

  it('splits readable rows from the rest, keeping their order', () => {
    const { entries, skipped } = readEntries([row, null, { ...row, seq: 8, rating: 0 }, row]);
    expect(entries).toHaveLength(2);
    expect(skipped.map((s) => s.seq)).toEqual([undefined, 8]);
  });
});

describe('readState', () => {
  it('reads a stored state without its id and refuses a broken one', () => {
    const state = row.after!;
    expect(readState({ ...state, id: 'x' })).toEqual(state);
    expect(readState({ ...state, phase: 7 })).toBeUndefined();
    expect(readState({ ...state, lastReview: 'yesterday' })).toBeUndefined();
  });
});

describe('entry ids', () => {
  it('sort by time, carry the device, and differ within one millisecond', () => {
    const device = makeDeviceId();
    const a = makeEntryId(start, device);
    const b = makeEntryId(start, device);
    const later = makeEntryId(start + 1, device);
    expect(a).toMatch(entryIdPattern);
    expect(a).not.toBe(b);
    expect(a.slice(10, 18)).toBe(device);
    expect(entryIdTime(a)).toBe(start);
    expect([later, a].sort()[1]).toBe(later);
    expect(() => makeEntryId(start, 'bad')).toThrow();
  });
});

describe('readState and cardStateSchema', () => {
  it('agree on every state, good or broken', () => {
    const good = row.after!;
    const samples: unknown[] = [
      good,
      { ...good, lastReview: null },
      null,
      'state',
      {},
      ...Object.keys(good).flatMap((key) => [
        { ...good, [key]: undefined },
        { ...good, [key]: Number.NaN },
        { ...good, [key]: -1 },
        { ...good, [key]: 1.5 },
        { ...good, [key]: '3' },
        { ...good, [key]: Number.POSITIVE_INFINITY }
      ])
    ];
    for (const sample of samples) {
      const bySchema = v.safeParse(cardStateSchema, sample);
      expect(readState(sample), JSON.stringify(sample)).toEqual(
        bySchema.success ? bySchema.output : undefined
      );
    }
  });
});

describe('readEntryRow and entrySchema', () => {
  it('agree on every row, good or broken', () => {
    const good = { ...row, before: row.after };
    const broken: unknown[] = [null, 7, {}, { ...good, extra: 1 }];
    const values = [undefined, null, Number.NaN, -1, 0, 1.5, 9, '3', true, [], {}];
    for (const key of Object.keys(good)) {
      for (const value of values) broken.push({ ...good, [key]: value });
    }
    for (const key of Object.keys(good.params)) {
      for (const value of [...values, ['1m', 'x'], ['1m']])
        broken.push({ ...good, params: { ...good.params, [key]: value } });
    }
    broken.push({ ...good, after: { ...good.after, phase: 4 } }, { ...good, cardId: 'Bad Id' });
    // Fitted FSRS weights: 21 finite numbers, or none (the defaults).
    const w = Array.from({ length: 21 }, (_, i) => 0.1 * (i + 1));
    const withWeights = (value: unknown) => ({ ...good, params: { ...good.params, w: value } });
    broken.push(
      withWeights(w),
      withWeights(w.slice(1)),
      withWeights([...w, 1]),
      withWeights([...w.slice(1), Number.NaN]),
      withWeights([...w.slice(1), '1']),
      ...values.map(withWeights)
    );
    expect(readEntryRow(withWeights(w))?.params.w).toEqual(w);
    let accepted = 0;
    for (const sample of [good, row, ...broken]) {
      const bySchema = v.safeParse(entrySchema, sample);
      expect(readEntryRow(sample), JSON.stringify(sample)).toEqual(
        bySchema.success ? bySchema.output : undefined
      );
      if (bySchema.success) accepted += 1;
    }
    expect(accepted).toBeGreaterThan(3);
    expect(readEntryRows([good, null, good]).skipped).toBe(1);
  });
});
