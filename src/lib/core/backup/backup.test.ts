import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { logRow, testStart } from '../../test/factories';
import type { LoggedEntry } from '../review/log';
import {
  backupFileName,
  backupFormatVersion,
  backupText,
  makeBackup,
  type Backup,
  type BackupData
} from './format';
import { planMerge, summarize } from './merge';
import { parseBackupJson, readBackupText, type BackupLimits } from './read';
import { autoBackupDue, backupReminderDue, backupsToDelete, reminderSince } from './reminder';
import { readWipeMarker } from './wipe-marker';
import { BackupRefused, findForbiddenKey, readBackup } from './schema';

const hour = 3_600_000;
const day = 24 * hour;

function rows(): LoggedEntry[] {
  const first = logRow({ cardId: 'cache-aside', rating: 3, now: testStart - 3 * day });
  const second = logRow({
    cardId: 'cache-aside',
    rating: 3,
    now: testStart - day,
    before: first.after ?? undefined
  });
  const third = logRow({ cardId: 'sharding:reverse', rating: 1, now: testStart - 2 * day });
  return [first, third, second].map((row, i) => ({ ...row, seq: i + 1 }));
}

function data(overrides: Partial<BackupData> = {}): BackupData {
  const reviews = rows();
  return {
    reviews,
    cards: [],
    events: [
      {
        seq: 1,
        id: '01KJN6XW00TESTDEV1EVENT001',
        cardId: 'sharding:reverse',
        kind: 'flag',
        at: testStart - hour,
        flag: 2
      }
    ],
    settings: [],
    drills: [
      {
        startedAt: testStart - 2 * hour,
        endedAt: testStart - hour,
        length: 5,
        topics: [],
        practiceOnly: false,
        answers: [{ cardId: 'cache-aside', topic: 'caching', score: 1, timeMs: 3000 }],
        questions: ['cache-aside']
      }
    ],
    meta: [
      { key: 'interview-date', value: '2026-04-01' },
      { key: 'priority-cards', value: ['cache-aside'] }
    ],
    ...overrides
  };
}

function backup(overrides: Partial<BackupData> = {}): Backup {
  return makeBackup(data(overrides), { app: 'test', exportedAt: testStart, device: 'TESTDEV1' });
}

/** The document as a file would hold it, as plain data to break. */
function documentOf(b: Backup): Record<string, unknown> {
  return JSON.parse(backupText(b).join('')) as Record<string, unknown>;
}

function refusal(raw: unknown): string {
  try {
    readBackup(raw, testStart);
  } catch (error) {
    if (error instanceof BackupRefused) return error.reason;
    throw error;
  }
  throw new Error('not refused');
}

const streamOf = (bytes: Uint8Array) => new Blob([bytes as BlobPart]).stream();

async function textRefusal(bytes: Uint8Array, limits?: BackupLimits): Promise<string> {
  try {
    parseBackupJson(await readBackupText(streamOf(bytes), bytes.length, limits));
  } catch (error) {
    if (error instanceof BackupRefused) return error.reason;
    throw error;
  }
  throw new Error('not refused');
}

describe('the backup format', () => {
  it('is JSON with a header, counts and every row on a line of its own', () => {
    const b = backup();
    const text = backupText(b).join('');
    const parsed = JSON.parse(text) as Backup;
    expect(parsed).toEqual(JSON.parse(JSON.stringify(b)));
    expect(parsed.header).toMatchObject({
      format: 'system-design-recall-backup',
      version: backupFormatVersion,
      app: 'test',
      exportedAt: testStart,
      device: 'TESTDEV1',
      counts: { reviews: 3, cards: 0, events: 1, settings: 0, drills: 1, meta: 2 }
    });
    const lines = text.split('\n');
    // 3 answers, 1 event, 1 drill, 2 meta rows: one line each.
    expect(lines.filter((line) => line.startsWith('{"'))).toHaveLength(7);
  });

  it('reads back what it wrote, through gzip', async () => {
    const b = backup();
    const gz = gzipSync(Buffer.from(backupText(b).join('')));
    const read = readBackup(
      parseBackupJson(await readBackupText(streamOf(gz), gz.length)),
      testStart
    );
    expect(read).toEqual(JSON.parse(JSON.stringify(b)));
  });

  it('reads plain JSON too (a decompressed backup)', async () => {
    const bytes = new TextEncoder().encode(backupText(backup()).join(''));
    const read = readBackup(
      parseBackupJson(await readBackupText(streamOf(bytes), bytes.length)),
      testStart
    );
    expect(read.reviews).toHaveLength(3);
  });

  it('names files by local date and time', () => {
    expect(backupFileName(new Date(2026, 2, 2, 9, 5, 7).getTime())).toBe(
      'system-design-recall-backup-2026-03-02-090507.json.gz'
    );
  });
});

describe('the validator refuses bad input whole, with the reason', () => {
  it('refuses a file that is not a backup', async () => {
    expect(await textRefusal(new TextEncoder().encode('hello, world'))).toMatch(
      /not a System Design Recall backup/
    );
    expect(refusal({ hello: 'world' })).toMatch(/not a System Design Recall backup/);
    expect(refusal([1, 2])).toMatch(/not a System Design Recall backup/);
  });

  it('refuses a truncated gzip file', async () => {
    const gz = gzipSync(Buffer.from(backupText(backup()).join('')));
    expect(await textRefusal(gz.subarray(0, Math.floor(gz.length / 2)))).toMatch(/truncated/);
  });

  it('refuses gzip that is not JSON inside', async () => {
    const gz = gzipSync(Buffer.from('this is not json'));
    expect(await textRefusal(gz)).toMatch(/not JSON/);
  });

  it('refuses a newer format version, saying so, and an unknown one', () => {
    const doc = documentOf(backup());
    (doc.header as Record<string, unknown>).version = backupFormatVersion + 1;
    expect(refusal(doc)).toMatch(/newer version of the app \(backup format 2\)/);
    (doc.header as Record<string, unknown>).version = 'one';
    expect(refusal(doc)).toMatch(/format version \("one"\) is not one this app knows/);
  });

  it('refuses missing or wrongly typed fields, naming the field', () => {
    const doc = documentOf(backup());
    const reviews = doc.reviews as Record<string, unknown>[];
    (reviews[1] as Record<string, unknown>).rating = 'good';
    expect(refusal(doc)).toMatch(/^The file's reviews\[1\]\.rating: /);
    const other = documentOf(backup());
    delete (other.header as Record<string, unknown>).device;
    expect(refusal(other)).toMatch(/header\.device/);
    const noList = documentOf(backup());
    delete noList.events;
    expect(refusal(noList)).toMatch(/no “events” list/);
  });

  it('checks answers and cards with the hand guards but refuses with valibot’s reason', () => {
    // The fast path (entry-guard.ts) must refuse what the schema refuses, and keep what it keeps.
    const state = rows()[1]!.after!;
    const withCards = backup({ cards: [{ id: 'cache-aside', ...state }] });
    const breaks: [string, (row: Record<string, unknown>) => void, RegExp][] = [
      ['reviews', (r) => (r.durationMs = -1), /^The file's reviews\[0\]\.durationMs: /],
      ['reviews', (r) => ((r.params as Record<string, unknown>).fuzz = 'yes'), /params\.fuzz/],
      ['reviews', (r) => ((r.after as Record<string, unknown>).reps = 1.5), /after\.reps/],
      ['cards', (r) => (r.id = 'Not An Id'), /^The file's cards\[0\]\.id: /],
      ['cards', (r) => (r.phase = 7), /^The file's cards\[0\]\.phase: /]
    ];
    for (const [table, change, reason] of breaks) {
      const doc = documentOf(withCards);
      change((doc[table] as Record<string, unknown>[])[0] as Record<string, unknown>);
      expect(refusal(doc)).toMatch(reason);
    }
    const extra = documentOf(withCards);
    (extra.reviews as Record<string, unknown>[])[0]!.note = 'not a field';
    (extra.cards as Record<string, unknown>[])[0]!.note = 'not a field';
    const read = readBackup(extra, testStart);
    expect(read.reviews[0]).not.toHaveProperty('note');
    expect(read.cards[0]).not.toHaveProperty('note');
    expect(read.reviews).toEqual(withCards.reviews);
    expect(read.cards).toEqual(withCards.cards);
  });

  it('refuses a header whose counts do not match the rows', () => {
    const doc = documentOf(backup());
    (doc.reviews as unknown[]).pop();
    expect(refusal(doc)).toMatch(/counts 3 reviews rows but the file holds 2/);
  });

  it('refuses __proto__ and constructor keys anywhere', () => {
    const text = backupText(backup()).join('');
    const proto = JSON.parse(
      text.replace('"cardId":"cache-aside"', '"__proto__":{"x":1},"cardId":"cache-aside"')
    );
    expect(refusal(proto)).toMatch(/“__proto__” \(at reviews\[0\]\.__proto__\)/);
    const ctor = JSON.parse(text.replace('"flag":2', '"flag":2,"constructor":1'));
    expect(refusal(ctor)).toMatch(/“constructor”/);
    expect(findForbiddenKey({ a: [{ b: { prototype: 1 } }] })).toBe('a[0].b.prototype');
    expect(findForbiddenKey({ a: [{ b: 'constructor' }] })).toBeUndefined();
  });

  it('refuses a file over the size limit, and one that inflates past the text limit', async () => {
    const text = backupText(backup()).join('');
    const bytes = new TextEncoder().encode(text);
    expect(await textRefusal(bytes, { fileBytes: 100, textBytes: 10_000_000 })).toMatch(
      /backups up to/
    );
    // A zip bomb in small: a megabyte of spaces compresses to about a kilobyte.
    const bomb = gzipSync(Buffer.from(`${' '.repeat(1 << 20)}{}`));
    expect(bomb.length).toBeLessThan(5000);
    expect(await textRefusal(bomb, { fileBytes: 10_000, textBytes: 1 << 19 })).toMatch(
      /inflates to more than/
    );
  });

  it('refuses two entries with one id and different contents; keeps identical ones once', () => {
    const b = backup();
    const [first] = b.reviews;
    const twin = { ...first, seq: 9 } as LoggedEntry;
    const same = backup({ reviews: [...b.reviews, twin] });
    expect(readBackup(documentOf(same), testStart).reviews).toHaveLength(3);
    const clash = backup({ reviews: [...b.reviews, { ...twin, durationMs: 1 }] });
    expect(refusal(documentOf(clash))).toMatch(/two answers with the id .* different contents/);
  });

  it('refuses times in the future (beyond a day of clock skew) and times that are not numbers', () => {
    const doc = documentOf(backup());
    const reviews = doc.reviews as Record<string, unknown>[];
    (reviews[0] as Record<string, unknown>).reviewedAt = testStart + 2 * day;
    expect(refusal(doc)).toMatch(/reviews\[0\]\.reviewedAt is in the future/);
    (reviews[0] as Record<string, unknown>).reviewedAt = testStart + hour;
    expect(readBackup(doc, testStart).reviews).toHaveLength(3);
    (reviews[0] as Record<string, unknown>).reviewedAt = '2026-03-01';
    expect(refusal(doc)).toMatch(/reviews\[0\]\.reviewedAt: Invalid type/);
    const drill = documentOf(backup());
    ((drill.drills as Record<string, unknown>[])[0] as Record<string, unknown>).endedAt =
      testStart + 3 * day;
    expect(refusal(drill)).toMatch(/drills\[0\]\.endedAt is in the future/);
  });

  it('keeps answers of unknown cards (counted as hidden history in the summary)', () => {
    const b = backup();
    const summary = summarize(b, new Set(['cache-aside']));
    expect(summary).toMatchObject({
      answers: 3,
      cards: 2,
      unknownCards: 1,
      answersForUnknownCards: 1,
      firstAnswerAt: testStart - 3 * day,
      lastAnswerAt: testStart - day,
      device: 'TESTDEV1'
    });
  });
});

describe('merge', () => {
  const empty = {
    reviews: new Map(),
    events: new Map(),
    drills: [],
    priorityCards: [],
    interviewDate: undefined
  };

  it('is the union by id: rows already here are skipped, new ones added, their cards rebuilt', async () => {
    const b = backup();
    const [first, second] = b.reviews as [LoggedEntry, LoggedEntry, LoggedEntry];
    const here = {
      ...empty,
      reviews: new Map([[first.id, { ...first, seq: 40 }]]),
      drills: [b.drills[0]!]
    };
    const plan = await planMerge(b, {
      ...here,
      priorityCards: ['sharding'],
      interviewDate: '2026-05-05'
    });
    expect(plan.newReviews.map((r) => r.id)).toEqual(b.reviews.slice(1).map((r) => r.id));
    expect(plan.reviewsHere).toBe(1);
    expect(plan.rebuilt).toEqual(new Set(['sharding:reverse', 'cache-aside']));
    expect(plan.newDrills).toEqual([]);
    expect(plan.priorityCards).toEqual(['sharding', 'cache-aside']);
    expect(plan.interviewDate).toBe('2026-05-05');
    expect(second.cardId).toBe('sharding:reverse');
  });

  it('merging the same backup twice adds nothing', async () => {
    const b = backup();
    const here = {
      ...empty,
      reviews: new Map(b.reviews.map((r) => [r.id, r])),
      events: new Map(b.events.map((e) => [e.id, e]))
    };
    const plan = await planMerge(b, here);
    expect(plan.newReviews).toEqual([]);
    expect(plan.newEvents).toEqual([]);
    expect(plan.reviewsHere).toBe(3);
    expect(plan.rebuilt.size).toBe(0);
  });

  it('refuses an id that is here with different contents', async () => {
    const b = backup();
    const [first] = b.reviews as [LoggedEntry];
    const here = { ...empty, reviews: new Map([[first.id, { ...first, rating: 4 as const }]]) };
    await expect(planMerge(b, here)).rejects.toThrow(
      /already on this device with different contents/
    );
  });
});

describe('safety nets', () => {
  const base = {
    now: testStart,
    answersSince: 10,
    firstAnswerAt: testStart - day,
    since: undefined
  };

  it('reminds after 7 days or 200 answers without a backup, and not before', () => {
    expect(backupReminderDue(base)).toBe(false);
    expect(backupReminderDue({ ...base, answersSince: 0, firstAnswerAt: undefined })).toBe(false);
    expect(backupReminderDue({ ...base, firstAnswerAt: testStart - 7 * day })).toBe(true);
    expect(backupReminderDue({ ...base, answersSince: 200 })).toBe(true);
    const lastBackup = { at: testStart - 6 * day, answers: 150, seq: 150 };
    const old = { ...base, firstAnswerAt: testStart - 99 * day };
    expect(backupReminderDue({ ...old, answersSince: 199, since: lastBackup })).toBe(false);
    expect(backupReminderDue({ ...old, answersSince: 200, since: lastBackup })).toBe(true);
    // Nothing new since the backup: it holds everything, however long ago it was made.
    const weeksAgo = { at: testStart - 30 * day, answers: 150, seq: 150 };
    expect(backupReminderDue({ ...old, answersSince: 0, since: weeksAgo })).toBe(false);
    expect(backupReminderDue({ ...old, answersSince: 1, since: weeksAgo })).toBe(true);
  });

  it('counts from the later of the last backup and the last dismissal', () => {
    const lastBackup = { at: testStart - 6 * day, answers: 150, seq: 150 };
    const dismissed = { at: testStart - day, seq: 350 };
    expect(reminderSince(lastBackup, dismissed)).toBe(dismissed);
    expect(reminderSince(lastBackup, { at: testStart - 9 * day })).toBe(lastBackup);
    expect(reminderSince(undefined, dismissed)).toBe(dismissed);
    expect(reminderSince(undefined, undefined)).toBeUndefined();
  });

  it('backs up automatically once a study day after new answers', () => {
    const todayStart = testStart - 5 * hour;
    expect(autoBackupDue({ todayStart, lastAutoAt: undefined, latestAnswerAt: undefined })).toBe(
      false
    );
    expect(autoBackupDue({ todayStart, lastAutoAt: undefined, latestAnswerAt: testStart })).toBe(
      true
    );
    expect(
      autoBackupDue({ todayStart, lastAutoAt: todayStart + hour, latestAnswerAt: testStart })
    ).toBe(false);
    expect(
      autoBackupDue({
        todayStart,
        lastAutoAt: todayStart - day,
        latestAnswerAt: todayStart - 2 * hour
      })
    ).toBe(true);
    expect(
      autoBackupDue({
        todayStart,
        lastAutoAt: todayStart - hour,
        latestAnswerAt: todayStart - 2 * hour
      })
    ).toBe(false);
  });

  it('keeps the newest 10 automatic backups and never touches other files', () => {
    const names = Array.from({ length: 12 }, (_, i) =>
      backupFileName(new Date(2026, 0, i + 1, 8).getTime())
    );
    const gone = backupsToDelete([...names, 'notes.txt'].reverse());
    expect(gone).toEqual(names.slice(0, 2));
  });

  it('reads the wipe marker only when it says there were answers', () => {
    expect(readWipeMarker('{"answers":3,"at":5}')).toEqual({ answers: 3, at: 5 });
    expect(readWipeMarker('{"answers":0,"at":5}')).toBeUndefined();
    expect(readWipeMarker('nope')).toBeUndefined();
    expect(readWipeMarker(null)).toBeUndefined();
  });
});
