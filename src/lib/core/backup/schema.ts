import * as v from 'valibot';
import { drillLengths } from '../drill/drill';
import { cardEventKinds } from '../review/events';
import { readEntryRow, readState } from '../review/entry-guard';
import { cardIdPattern, cardStateSchema, entrySchema } from '../review/entry-schema';
import { deviceIdPattern, entryIdPattern } from '../review/entry-id';
import {
  backupFormatName,
  backupFormatVersion,
  backupTables,
  type Backup,
  type BackupTable
} from './format';
import { sameContent } from './same';

/**
 * The one check of a backup file read from outside: every row of every table against its
 * schema (the log rows against `entrySchema`, the same one storage reads use), then the rules
 * across rows. The first problem refuses the whole file, with the reason.
 */

const time = v.pipe(v.number(), v.finite(), v.minValue(0));
const count = v.pipe(v.number(), v.integer(), v.minValue(0));
const seq = v.pipe(v.number(), v.integer(), v.minValue(1));
const entryId = v.pipe(v.string(), v.regex(entryIdPattern));
const cardId = v.pipe(v.string(), v.regex(cardIdPattern));
const shortText = v.pipe(v.string(), v.maxLength(200));

const eventBase = { seq, id: entryId, cardId, at: time };

export const eventSchema = v.variant('kind', [
  v.object({
    ...eventBase,
    kind: v.literal('suspend'),
    reason: v.optional(v.picklist(['learner', 'leech']))
  }),
  v.object({ ...eventBase, kind: v.literal('bury'), until: time }),
  v.object({ ...eventBase, kind: v.literal('flag'), flag: v.picklist([0, 1, 2, 3, 4]) }),
  v.object({
    ...eventBase,
    kind: v.picklist(cardEventKinds.filter((k) => k !== 'suspend' && k !== 'bury' && k !== 'flag'))
  })
]);

const steps = v.array(v.pipe(v.string(), v.regex(/^\d+(\.\d+)?[mhd]$/)));

/** Settings as written; a missing field takes its default on restore (normalizeSettings). */
export const reviewSettingsSchema = v.object({
  desiredRetention: v.optional(v.pipe(v.number(), v.finite())),
  maximumIntervalDays: v.optional(v.pipe(v.number(), v.finite())),
  learningSteps: v.optional(steps),
  relearningSteps: v.optional(steps),
  fuzz: v.optional(v.boolean()),
  newPerDay: v.optional(v.pipe(v.number(), v.finite())),
  reviewsPerDay: v.optional(v.pipe(v.number(), v.finite())),
  dayStartsAtHour: v.optional(v.pipe(v.number(), v.finite())),
  excludedLessons: v.optional(v.array(v.pipe(v.string(), v.regex(/^[a-z0-9-]+$/)))),
  leechLapses: v.optional(v.pipe(v.number(), v.finite())),
  suspendLeeches: v.optional(v.boolean())
});

export const settingsRowSchema = v.object({
  key: v.literal('review'),
  value: reviewSettingsSchema
});

export const drillSchema = v.object({
  startedAt: time,
  endedAt: time,
  length: v.picklist(drillLengths),
  topics: v.array(shortText),
  practiceOnly: v.boolean(),
  answers: v.array(
    v.object({
      cardId,
      topic: shortText,
      score: v.pipe(v.number(), v.minValue(0), v.maxValue(1)),
      timeMs: v.pipe(v.number(), v.finite(), v.minValue(0))
    })
  ),
  questions: v.array(cardId)
});

export const metaRowSchema = v.variant('key', [
  v.object({
    key: v.literal('interview-date'),
    value: v.pipe(v.string(), v.regex(/^\d{4}-\d{2}-\d{2}$/))
  }),
  v.object({ key: v.literal('priority-cards'), value: v.array(cardId) })
]);

export const cardSchema = v.object({ id: cardId, ...cardStateSchema.entries });

const countsSchema = v.object({
  reviews: count,
  cards: count,
  events: count,
  settings: count,
  drills: count,
  meta: count
});

export const headerSchema = v.object({
  format: v.literal(backupFormatName),
  version: v.literal(backupFormatVersion),
  app: shortText,
  exportedAt: time,
  device: v.pipe(v.string(), v.regex(deviceIdPattern)),
  counts: countsSchema
});

const rowSchemas: Record<BackupTable, v.GenericSchema> = {
  reviews: entrySchema,
  cards: cardSchema,
  events: eventSchema,
  settings: settingsRowSchema,
  drills: drillSchema,
  meta: metaRowSchema
};

/** How far ahead of this device's clock a time in a file may be: clocks differ a little. */
export const allowedClockSkewMs = 24 * 60 * 60 * 1000;

/** Keys that could change an object's prototype if the data were ever copied key by key. */
const forbiddenKeys = new Set(['__proto__', 'constructor', 'prototype']);

export class BackupRefused extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'BackupRefused';
  }
}

const notABackup =
  'This file is not a System Design Recall backup (it has no backup header). Choose a file made by “Export backup”.';

export function newerFormatMessage(version: number): string {
  return `This backup was made by a newer version of the app (backup format ${version}); this version reads format ${backupFormatVersion}. Update the app (reload it while online), then restore again.`;
}

/**
 * Whether any object anywhere in `value` has a forbidden key. Iterative (no stack limit) and
 * building no paths: a 100,000-answer file has about a million objects, and a path string for
 * each was most of this walk's time.
 */
function holdsForbiddenKey(value: unknown): boolean {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const item = stack.pop();
    if (typeof item !== 'object' || item === null) continue;
    if (Array.isArray(item)) {
      for (let i = 0; i < item.length; i += 1) {
        const child: unknown = item[i];
        if (typeof child === 'object' && child !== null) stack.push(child);
      }
      continue;
    }
    for (const key in item) {
      if (!Object.hasOwn(item, key)) continue;
      if (forbiddenKeys.has(key)) return true;
      const child = (item as Record<string, unknown>)[key];
      if (typeof child === 'object' && child !== null) stack.push(child);
    }
  }
  return false;
}

/** The path of the first forbidden key anywhere in `value`, or undefined. Iterative: no stack limit. */
export function findForbiddenKey(value: unknown): string | undefined {
  // The walk with paths runs only for the file that has one, to say where it is.
  if (!holdsForbiddenKey(value)) return undefined;
  const stack: [unknown, string][] = [[value, '']];
  while (stack.length > 0) {
    const [item, path] = stack.pop() as [unknown, string];
    if (typeof item !== 'object' || item === null) continue;
    if (Array.isArray(item)) {
      for (let i = 0; i < item.length; i += 1) {
        const child: unknown = item[i];
        if (typeof child === 'object' && child !== null) stack.push([child, `${path}[${i}]`]);
      }
      continue;
    }
    for (const key of Object.keys(item)) {
      const at = path ? `${path}.${key}` : key;
      if (forbiddenKeys.has(key)) return at;
      const child = (item as Record<string, unknown>)[key];
      if (typeof child === 'object' && child !== null) stack.push([child, at]);
    }
  }
  return undefined;
}

/**
 * The hand-written guards for the two big tables (`entry-guard.ts`, held to `entrySchema` and
 * `cardStateSchema` by their tests): valibot per row was most of the checking time at 100,000
 * answers. A row a guard refuses goes through valibot as well, for the reason to show.
 */
const fastReaders: Partial<Record<BackupTable, (row: unknown) => unknown>> = {
  reviews: readEntryRow,
  cards: (raw) => {
    const id = (raw as { id?: unknown } | null)?.id;
    if (typeof id !== 'string' || !cardIdPattern.test(id)) return undefined;
    const state = readState(raw);
    return state && { id, ...state };
  }
};

function describe(where: string, issues: readonly v.BaseIssue<unknown>[]): string {
  const issue = issues[0];
  const path = issue ? v.getDotPath(issue) : null;
  const field = path ? `${where}.${path}` : where;
  return `${field}: ${issue?.message ?? 'not readable'}`;
}

/** The times in a row that cannot be in the future (a bury's `until` and a card's `due` can). */
function pastTimes(table: BackupTable, row: Record<string, unknown>): [string, number][] {
  switch (table) {
    case 'reviews':
      return [['reviewedAt', row.reviewedAt as number]];
    case 'events':
      return [['at', row.at as number]];
    case 'drills':
      return [
        ['startedAt', row.startedAt as number],
        ['endedAt', row.endedAt as number]
      ];
    case 'cards':
      return row.lastReview === null ? [] : [['lastReview', row.lastReview as number]];
    default:
      return [];
  }
}

const keyed = new Set<BackupTable>(['reviews', 'events']);

/**
 * A parsed backup document checked whole; throws `BackupRefused` with the first reason.
 * Rows repeated with one id and the same contents are kept once; one id with different
 * contents refuses the file. `progress` hears how many rows have been checked.
 */
export function readBackup(
  raw: unknown,
  now: number,
  progress?: (done: number, total: number) => void
): Backup {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    throw new BackupRefused(notABackup);
  const forbidden = findForbiddenKey(raw);
  if (forbidden)
    throw new BackupRefused(
      `The file has a field named “${forbidden
        .split('.')
        .pop()
        ?.replace(
          /\[\d+\]$/,
          ''
        )}” (at ${forbidden}), which a backup never has; it is refused as unsafe.`
    );
  const document = raw as Record<string, unknown>;
  const header = document.header as Record<string, unknown> | undefined;
  if (typeof header !== 'object' || header === null || header.format !== backupFormatName)
    throw new BackupRefused(notABackup);
  const version = header.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1)
    throw new BackupRefused(
      `This backup's format version (${JSON.stringify(version) ?? 'missing'}) is not one this app knows.`
    );
  if (version > backupFormatVersion) throw new BackupRefused(newerFormatMessage(version));
  const checkedHeader = v.safeParse(headerSchema, header);
  if (!checkedHeader.success)
    throw new BackupRefused(`The file's ${describe('header', checkedHeader.issues)}`);
  const latest = now + allowedClockSkewMs;
  if (checkedHeader.output.exportedAt > latest)
    throw new BackupRefused(
      'The file says it was made in the future (header.exportedAt); it is refused.'
    );

  const total = backupTables.reduce((sum, table) => {
    const rows = document[table];
    return sum + (Array.isArray(rows) ? rows.length : 0);
  }, 0);
  let done = 0;
  const out: Partial<Record<BackupTable, unknown[]>> = {};
  for (const table of backupTables) {
    const rows = document[table];
    if (!Array.isArray(rows))
      throw new BackupRefused(`The file has no “${table}” list, or it is not a list.`);
    const expected = checkedHeader.output.counts[table];
    if (rows.length !== expected)
      throw new BackupRefused(
        `The file's header counts ${expected} ${table} rows but the file holds ${rows.length}: it is incomplete or was changed.`
      );
    const schema = rowSchemas[table];
    const fast = fastReaders[table];
    const kept: unknown[] = [];
    const byId = new Map<string, Record<string, unknown>>();
    for (let i = 0; i < rows.length; i += 1) {
      let row = fast?.(rows[i]) as Record<string, unknown> | undefined;
      if (!row) {
        const checked = v.safeParse(schema, rows[i]);
        if (!checked.success)
          throw new BackupRefused(`The file's ${describe(`${table}[${i}]`, checked.issues)}`);
        row = checked.output as Record<string, unknown>;
      }
      for (const [field, at] of pastTimes(table, row))
        if (at > latest)
          throw new BackupRefused(
            `The file's ${table}[${i}].${field} is in the future (${new Date(at).toISOString()}); it is refused.`
          );
      if (keyed.has(table)) {
        const id = row.id as string;
        const seen = byId.get(id);
        if (seen) {
          if (!sameContent(seen, row))
            throw new BackupRefused(
              `The file has two ${table === 'reviews' ? 'answers' : 'card events'} with the id ${id} and different contents; it is refused.`
            );
          continue;
        }
        byId.set(id, row);
      }
      kept.push(row);
      done += 1;
      if (progress && done % 5000 === 0) progress(done, total);
    }
    out[table] = kept;
  }
  progress?.(total, total);
  return { header: checkedHeader.output, ...(out as Omit<Backup, 'header'>) };
}
