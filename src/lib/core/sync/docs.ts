import * as v from 'valibot';
import {
  eventSchema,
  metaRowSchema,
  reviewSettingsSchema,
  allowedClockSkewMs
} from '../backup/schema';
import { readEntry } from '../review/entry-schema';
import { readEntryRow } from '../review/entry-guard';
import type { LoggedCardEvent } from '../review/events';
import type { LoggedEntry } from '../review/log';

/**
 * The learner's data as CouchDB documents, and back. Every log entry (an answer or a card
 * event) is one immutable document whose `_id` is its entry id, so two devices' logs merge as
 * a union by id with no conflict. Settings (one document per field), the interview date and
 * the front-of-queue list are small "keyed" documents merged by last writer per key.
 *
 * Incoming documents are read with the same schemas as a backup import (`entrySchema`,
 * `eventSchema`, `reviewSettingsSchema`, `metaRowSchema`); a document that fails is reported
 * with the reason and never applied. No PouchDB here: plain objects in, plain objects out.
 */

/** The sequence number an incoming row carries until the database numbers it. */
const unnumbered = 1;

export interface AnswerDoc {
  _id: string;
  _rev?: string;
  type: 'answer';
  cardId: string;
  rating: number;
  reviewedAt: number;
  durationMs: number;
  mode: string;
  scheduled: boolean;
  params: unknown;
  before: unknown;
  after: unknown;
}

export interface EventDoc {
  _id: string;
  _rev?: string;
  type: 'event';
  cardId: string;
  kind: string;
  at: number;
  until?: number;
  flag?: number;
  reason?: string;
}

/** A value written on some device at `at`; the later write wins, the device id breaks ties. */
export interface KeyedWrite {
  value: unknown;
  at: number;
  device: string;
}

export interface KeyedDoc extends KeyedWrite {
  _id: string;
  _rev?: string;
  type: 'keyed';
}

export type SyncDoc = AnswerDoc | EventDoc | KeyedDoc;

/** The answer as a document: everything but the local sequence number. */
export function answerToDoc(entry: LoggedEntry): AnswerDoc {
  return {
    _id: entry.id,
    type: 'answer',
    cardId: entry.cardId,
    rating: entry.rating,
    reviewedAt: entry.reviewedAt,
    durationMs: entry.durationMs,
    mode: entry.mode,
    scheduled: entry.scheduled,
    params: entry.params,
    before: entry.before,
    after: entry.after
  };
}

export function eventToDoc(event: LoggedCardEvent): EventDoc {
  const doc: EventDoc = {
    _id: event.id,
    type: 'event',
    cardId: event.cardId,
    kind: event.kind,
    at: event.at
  };
  if (event.until !== undefined) doc.until = event.until;
  if (event.flag !== undefined) doc.flag = event.flag;
  if (event.reason !== undefined) doc.reason = event.reason;
  return doc;
}

/** The keys merged by last writer: each settings field, the interview date, the front list. */
export const settingKeys = Object.keys(
  reviewSettingsSchema.entries
) as (keyof typeof reviewSettingsSchema.entries)[];
export type SettingKey = (typeof settingKeys)[number];
export const metaKeys = ['interview-date', 'priority-cards'] as const;
export type MetaKey = (typeof metaKeys)[number];
export type SyncKey = `setting:${SettingKey}` | `meta:${MetaKey}`;

export const syncKeys: readonly SyncKey[] = [
  ...settingKeys.map((key) => `setting:${key}` as const),
  ...metaKeys.map((key) => `meta:${key}` as const)
];

export function keyedToDoc(key: SyncKey, write: KeyedWrite): KeyedDoc {
  return { _id: key, type: 'keyed', value: write.value, at: write.at, device: write.device };
}

/** Whether `a` was written after `b` (the later time; on equal times the larger device id). */
export function isLater(a: KeyedWrite, b: KeyedWrite | undefined): boolean {
  if (!b) return true;
  return a.at > b.at || (a.at === b.at && a.device > b.device);
}

/** The last write among `writes` (a document's winning revision and its conflicts). */
export function lastWrite<T extends KeyedWrite>(writes: readonly T[]): T | undefined {
  let best: T | undefined;
  for (const write of writes) if (!best || isLater(write, best)) best = write;
  return best;
}

/**
 * This device's keyed values compared with what it last sent or took: a value that differs
 * from the remembered one is a new local write, stamped `now`. Returns the writes to send and
 * the remembered values after them.
 */
export function localWrites(
  current: ReadonlyMap<SyncKey, unknown>,
  remembered: Readonly<Partial<Record<SyncKey, KeyedWrite>>>,
  now: number,
  device: string,
  same: (a: unknown, b: unknown) => boolean
): { send: [SyncKey, KeyedWrite][]; remembered: Partial<Record<SyncKey, KeyedWrite>> } {
  const send: [SyncKey, KeyedWrite][] = [];
  const next: Partial<Record<SyncKey, KeyedWrite>> = { ...remembered };
  for (const [key, value] of current) {
    if (value === undefined) continue;
    const kept = remembered[key];
    if (kept && same(kept.value, value)) continue;
    // A value never sent before is stamped 0, so a device joining takes what the others
    // chose; a change is never stamped behind what was already seen (a clock set back).
    const write: KeyedWrite = { value, at: kept ? Math.max(now, kept.at + 1) : 0, device };
    next[key] = write;
    send.push([key, write]);
  }
  return { send, remembered: next };
}

export type ReadDoc =
  | { ok: true; kind: 'answer'; entry: LoggedEntry }
  | { ok: true; kind: 'event'; event: LoggedCardEvent }
  | { ok: true; kind: 'keyed'; key: SyncKey; write: KeyedWrite }
  | { ok: false; id: string; problem: string };

function describe(issues: readonly v.BaseIssue<unknown>[]): string {
  const issue = issues[0];
  if (!issue) return 'not readable';
  const path = v.getDotPath(issue);
  return path ? `${path}: ${issue.message}` : issue.message;
}

const keyedShape = v.object({
  at: v.pipe(v.number(), v.finite(), v.minValue(0)),
  device: v.pipe(v.string(), v.maxLength(40))
});

function readKeyedValue(key: string, value: unknown): string | undefined {
  if (key.startsWith('setting:')) {
    const field = key.slice('setting:'.length);
    const schema = (reviewSettingsSchema.entries as Record<string, v.GenericSchema>)[field];
    if (!schema) return `${key}: not a setting this app knows`;
    const checked = v.safeParse(schema, value);
    return checked.success ? undefined : `value: ${describe(checked.issues)}`;
  }
  if (key === 'meta:interview-date' || key === 'meta:priority-cards') {
    const checked = v.safeParse(metaRowSchema, { key: key.slice('meta:'.length), value });
    return checked.success ? undefined : describe(checked.issues);
  }
  return `${key}: not a key this app knows`;
}

/**
 * One document from the server, checked by the import schemas. `now` bounds the times that
 * cannot be in the future (with the clock skew a backup is allowed).
 */
export function readDoc(raw: unknown, now: number): ReadDoc {
  const doc = raw as Record<string, unknown> | null;
  const id = typeof doc?._id === 'string' ? doc._id : '(no id)';
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc))
    return { ok: false, id, problem: 'not a document' };
  const latest = now + allowedClockSkewMs;
  const { _id, _rev, type, ...fields } = doc;
  void _rev;
  if (type === 'answer') {
    const row = { ...fields, seq: unnumbered, id: _id };
    const entry = readEntryRow(row);
    if (!entry) {
      const read = readEntry(row);
      return { ok: false, id, problem: read.ok ? 'not an answer' : read.problem };
    }
    if (entry.reviewedAt > latest) return { ok: false, id, problem: 'reviewedAt: in the future' };
    return { ok: true, kind: 'answer', entry };
  }
  if (type === 'event') {
    const checked = v.safeParse(eventSchema, { ...fields, seq: unnumbered, id: _id });
    if (!checked.success) return { ok: false, id, problem: describe(checked.issues) };
    const event = checked.output as LoggedCardEvent;
    if (event.at > latest) return { ok: false, id, problem: 'at: in the future' };
    return { ok: true, kind: 'event', event };
  }
  if (type === 'keyed') {
    const shape = v.safeParse(keyedShape, fields);
    if (!shape.success) return { ok: false, id, problem: describe(shape.issues) };
    const problem = readKeyedValue(id, fields.value);
    if (problem) return { ok: false, id, problem };
    return {
      ok: true,
      kind: 'keyed',
      key: id as SyncKey,
      write: { value: fields.value, at: shape.output.at, device: shape.output.device }
    };
  }
  return {
    ok: false,
    id,
    problem: `type: not a kind of document this app writes (${JSON.stringify(type) ?? 'missing'})`
  };
}

/** Documents the app does not read: design documents and checkpoints are CouchDB's own. */
export function isAppDoc(id: string): boolean {
  return !id.startsWith('_design/') && !id.startsWith('_local/');
}

/** Why a server address is refused, in words; undefined when it may be used. */
export function serverAddressProblem(address: string): string | undefined {
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    return 'The server address is not a web address (it should look like https://couch.example.com/recall-alice).';
  }
  const local = url.hostname === 'localhost' || url.hostname === '127.0.0.1';
  if (url.protocol === 'http:' && !local)
    return 'Plain http is refused except on this computer (localhost): your answers and password would cross the network unencrypted. Use an https address.';
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    return 'The server address must start with https://.';
  if (url.username || url.password)
    return 'Put the user name and password in their own fields, not in the address.';
  if (url.pathname.replace(/\/+$/, '') === '')
    return 'The address needs the database name after the server, for example https://couch.example.com/recall-alice.';
  return undefined;
}
