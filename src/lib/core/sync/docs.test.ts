import { describe, expect, it } from 'vitest';
import { logRow, testStart } from '../../test/factories';
import type { LoggedCardEvent } from '../review/events';
import type { LoggedEntry } from '../review/log';
import { sameContent } from '../backup/same';
import {
  answerToDoc,
  eventToDoc,
  isLater,
  keyedToDoc,
  lastWrite,
  localWrites,
  readDoc,
  serverAddressProblem,
  type SyncKey
} from './docs';

const day = 24 * 60 * 60 * 1000;

function entry(): LoggedEntry {
  return { ...logRow({ cardId: 'cap-theorem', rating: 3, now: testStart }), seq: 7 };
}

describe('log entries as documents', () => {
  it('turns an answer into a document keyed by its entry id and back, without the local seq', () => {
    const row = entry();
    const doc = answerToDoc(row);
    expect(doc._id).toBe(row.id);
    expect(doc).not.toHaveProperty('seq');
    // A document as it comes back from the server, with a revision.
    const read = readDoc({ ...JSON.parse(JSON.stringify(doc)), _rev: '1-abc' }, testStart);
    expect(read.ok && read.kind === 'answer').toBe(true);
    if (read.ok && read.kind === 'answer') {
      expect(sameContent(read.entry, row, 'seq')).toBe(true);
    }
  });

  it('turns a card event into a document and back', () => {
    const event: LoggedCardEvent = {
      seq: 3,
      id: '01KJNDDVR0TESTDEV1AAAAAAAA',
      cardId: 'cap-theorem',
      kind: 'bury',
      at: testStart,
      until: testStart + day
    };
    const read = readDoc(eventToDoc(event), testStart);
    expect(read).toEqual({ ok: true, kind: 'event', event: { ...event, seq: 1 } });
  });

  it('refuses an answer that fails the import schema, with the field and reason', () => {
    const doc = { ...answerToDoc(entry()), rating: 9 };
    const read = readDoc(doc, testStart);
    expect(read.ok).toBe(false);
    if (!read.ok) {
      expect(read.id).toBe(doc._id);
      expect(read.problem).toMatch(/^rating:/);
    }
  });

  it('refuses a document whose id is not an entry id', () => {
    const read = readDoc({ ...answerToDoc(entry()), _id: 'hello' }, testStart);
    expect(read).toMatchObject({ ok: false, id: 'hello' });
    if (!read.ok) expect(read.problem).toMatch(/^id:/);
  });

  it('refuses an answer from the future and a document of an unknown type', () => {
    const future = answerToDoc({ ...entry(), reviewedAt: testStart + 3 * day });
    expect(readDoc(future, testStart)).toMatchObject({
      ok: false,
      problem: 'reviewedAt: in the future'
    });
    expect(readDoc({ _id: 'x', type: 'note' }, testStart)).toMatchObject({ ok: false, id: 'x' });
    expect(readDoc(null, testStart)).toMatchObject({ ok: false, problem: 'not a document' });
  });
});

describe('keyed documents: last writer per key', () => {
  const a = { value: 0.9, at: testStart, device: 'AAAAAAAA' };
  const b = { value: 0.85, at: testStart + 1000, device: 'BBBBBBBB' };

  it('keeps the later write, and breaks a tie of times by the device id', () => {
    expect(isLater(b, a)).toBe(true);
    expect(isLater(a, b)).toBe(false);
    const tie = { ...b, at: a.at };
    expect(isLater(tie, a)).toBe(true);
    expect(lastWrite([a, b, tie])).toBe(b);
    expect(lastWrite([])).toBeUndefined();
  });

  it('reads settings and meta documents with the backup schemas', () => {
    const good = readDoc(keyedToDoc('setting:desiredRetention', b), testStart);
    expect(good).toEqual({ ok: true, kind: 'keyed', key: 'setting:desiredRetention', write: b });
    const date = readDoc(
      keyedToDoc('meta:interview-date', { ...b, value: '2026-04-01' }),
      testStart
    );
    expect(date.ok).toBe(true);
    const badDate = readDoc(keyedToDoc('meta:interview-date', { ...b, value: 'soon' }), testStart);
    expect(badDate.ok).toBe(false);
    const badSteps = readDoc(
      keyedToDoc('setting:learningSteps', { ...b, value: ['1 year'] }),
      testStart
    );
    expect(badSteps.ok).toBe(false);
    const unknown = readDoc({ _id: 'setting:colour', type: 'keyed', ...b }, testStart);
    expect(unknown).toMatchObject({
      ok: false,
      problem: 'setting:colour: not a setting this app knows'
    });
  });

  it('stamps only the values that changed since they were last sent or taken', () => {
    const remembered: Partial<Record<SyncKey, typeof a>> = {
      'setting:desiredRetention': a,
      'setting:newPerDay': { value: 20, at: testStart, device: 'AAAAAAAA' }
    };
    const current = new Map<SyncKey, unknown>([
      ['setting:desiredRetention', 0.9],
      ['setting:newPerDay', 30],
      ['meta:interview-date', '2026-04-01'],
      ['meta:priority-cards', undefined]
    ]);
    const now = testStart + 5000;
    const result = localWrites(current, remembered, now, 'CCCCCCCC', sameContent);
    expect(result.send).toEqual([
      ['setting:newPerDay', { value: 30, at: now, device: 'CCCCCCCC' }],
      // Never sent before: stamped 0, so what the other devices chose wins.
      ['meta:interview-date', { value: '2026-04-01', at: 0, device: 'CCCCCCCC' }]
    ]);
    expect(result.remembered['setting:desiredRetention']).toBe(a);
    expect(result.remembered['setting:newPerDay']?.value).toBe(30);
  });

  it('stamps a change later than the last seen write even when the clock is behind', () => {
    const seen = { value: 20, at: testStart + day, device: 'BBBBBBBB' };
    const result = localWrites(
      new Map<SyncKey, unknown>([['setting:newPerDay', 25]]),
      { 'setting:newPerDay': seen },
      testStart,
      'AAAAAAAA',
      sameContent
    );
    expect(result.send[0]?.[1].at).toBe(testStart + day + 1);
  });
});

describe('server addresses', () => {
  it('takes https anywhere and http only on this computer', () => {
    expect(serverAddressProblem('https://couch.example.com/recall-alice')).toBeUndefined();
    expect(serverAddressProblem('http://localhost:5984/recall')).toBeUndefined();
    expect(serverAddressProblem('http://127.0.0.1:5984/recall')).toBeUndefined();
    expect(serverAddressProblem('http://couch.example.com/recall')).toMatch(
      /Plain http is refused/
    );
    expect(serverAddressProblem('ftp://couch.example.com/recall')).toMatch(/https/);
    expect(serverAddressProblem('couch.example.com')).toMatch(/not a web address/);
    expect(serverAddressProblem('https://couch.example.com/')).toMatch(/database name/);
    expect(serverAddressProblem('https://alice:pw@couch.example.com/db')).toMatch(/own fields/);
  });
});
