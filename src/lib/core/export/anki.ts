import { strToU8, zipSync } from 'fflate';
import type { Database, SqlJsStatic } from 'sql.js';
import type { DeckIndex } from '../content/deck';
import type { Card } from '../content/types';
import type { CardMarks } from '../review/events';
import { inAnswerOrder, type ReviewEntry } from '../review/log';
import { Phase } from '../review/phase';
import type { CardState } from '../review/scheduler';
import { hash53, sha1Hex } from './hash';
import { modelJson, noteTypes } from './anki-models';
import { ankiNotes, type AnkiNote } from './anki-notes';
import {
  ankiCalendar,
  cardSchedule,
  forgetColumns,
  revlogColumns,
  type RevlogColumns
} from './anki-schedule';

/*
 * An Anki package (.apkg) in the legacy format every Anki since 2.1 imports: a zip holding
 * `collection.anki21`, a SQLite database in Anki's schema 11, and `media`, the JSON map of
 * media files (none here: `{}`). The pure part of "Export to Anki": sql.js is handed in, so
 * the browser and Node tests load its WebAssembly each their own way.
 */

export interface AnkiExportInput {
  lessons: DeckIndex['lessons'];
  /** Every card of the deck with its text (the lessons' card files). */
  cards: readonly Card[];
  /** The review log, any order. */
  log: readonly ReviewEntry[];
  states: ReadonlyMap<string, CardState>;
  marks: ReadonlyMap<string, CardMarks>;
  settings: {
    desiredRetention: number;
    dayStartsAtHour: number;
    learningSteps: readonly string[];
    relearningSteps: readonly string[];
    newPerDay: number;
    reviewsPerDay: number;
    maximumIntervalDays: number;
  };
  timeZone: string;
  now: number;
}

export interface AnkiPackage {
  bytes: Uint8Array;
  counts: { notes: number; cards: number; revlog: number; decks: number };
  /** Our card ids that could not become Anki cards (see `ankiNotes`). */
  leftOut: string[];
  /** Answers to cards no longer in the deck: their history stays here, not in the package. */
  answersLeftOut: number;
}

/**
 * The GUID rule: a note's Anki GUID is `sdr:` followed by our note id (the id written in the
 * lesson, which never changes when the wording does). Anki matches an imported note to one it
 * already has by GUID, so a second export updates notes instead of adding copies, and two
 * different note ids can never share a GUID.
 */
export function noteGuid(noteId: string): string {
  return `sdr:${noteId}`;
}

/** The default deck Anki always has (id 1); note types point at it. */
const defaultDeckId = 1;
const defaultConfId = 1;

/**
 * Anki's numeric ids for our string keys: a hash placed among past epoch milliseconds
 * (2001-2017, where Anki's own ids live), so the same key gets the same id in every export
 * and Anki's card and revlog matching on import finds them. Keys are placed in sorted order and
 * a rare clash moves to the next free number.
 */
export function ankiIds(keys: Iterable<string>, salt: string): Map<string, number> {
  const ids = new Map<string, number>();
  const taken = new Set<number>();
  for (const key of [...new Set(keys)].sort()) {
    let id = 1_000_000_000_000 + (hash53(`${salt}:${key}`) % 500_000_000_000);
    while (taken.has(id)) id += 1;
    taken.add(id);
    ids.set(key, id);
  }
  return ids;
}

/** Anki deck names use `::` between levels; a title holding one would nest by accident. */
function deckPart(title: string): string {
  return title.replaceAll('::', ':').replace(/\s+/g, ' ').trim() || 'Untitled';
}

/** Text of an HTML field for Anki's sort field and checksum: tags out, entities decoded. */
export function stripHtml(html: string): string {
  return html
    .replace(/<[^>]*>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/&amp;/g, '&')
    .trim();
}

/** Anki's note checksum: the first 8 hex digits of the SHA-1 of the stripped first field. */
export function fieldChecksum(html: string): number {
  return Number.parseInt(sha1Hex(stripHtml(html)).slice(0, 8), 16);
}

const schema = `
CREATE TABLE col (id integer primary key, crt integer not null, mod integer not null,
  scm integer not null, ver integer not null, dty integer not null, usn integer not null,
  ls integer not null, conf text not null, models text not null, decks text not null,
  dconf text not null, tags text not null);
CREATE TABLE notes (id integer primary key, guid text not null, mid integer not null,
  mod integer not null, usn integer not null, tags text not null, flds text not null,
  sfld integer not null, csum integer not null, flags integer not null, data text not null);
CREATE TABLE cards (id integer primary key, nid integer not null, did integer not null,
  ord integer not null, mod integer not null, usn integer not null, type integer not null,
  queue integer not null, due integer not null, ivl integer not null, factor integer not null,
  reps integer not null, lapses integer not null, left integer not null, odue integer not null,
  odid integer not null, flags integer not null, data text not null);
CREATE TABLE revlog (id integer primary key, cid integer not null, usn integer not null,
  ease integer not null, ivl integer not null, lastIvl integer not null, factor integer not null,
  time integer not null, type integer not null);
CREATE TABLE graves (usn integer not null, oid integer not null, type integer not null);
CREATE INDEX ix_notes_usn on notes (usn);
CREATE INDEX ix_cards_usn on cards (usn);
CREATE INDEX ix_revlog_usn on revlog (usn);
CREATE INDEX ix_cards_nid on cards (nid);
CREATE INDEX ix_cards_sched on cards (did, queue, due);
CREATE INDEX ix_revlog_cid on revlog (cid);
CREATE INDEX ix_notes_csum on notes (csum);
`;

function deckJson(id: number, name: string, modSeconds: number): object {
  return {
    id,
    mod: modSeconds,
    name,
    usn: -1,
    lrnToday: [0, 0],
    revToday: [0, 0],
    newToday: [0, 0],
    timeToday: [0, 0],
    collapsed: false,
    browserCollapsed: false,
    desc: '',
    dyn: 0,
    conf: defaultConfId,
    extendNew: 0,
    extendRev: 0
  };
}

const minutesOf = (step: string) => {
  const value = Number.parseFloat(step);
  return step.endsWith('d') ? value * 1440 : step.endsWith('h') ? value * 60 : value;
};

function deckConfigJson(settings: AnkiExportInput['settings'], modSeconds: number): object {
  return {
    id: defaultConfId,
    mod: modSeconds,
    name: 'Default',
    usn: -1,
    maxTaken: 60,
    autoplay: true,
    timer: 0,
    replayq: true,
    dyn: false,
    new: {
      bury: true,
      delays: settings.learningSteps.map(minutesOf),
      initialFactor: 2500,
      ints: [1, 4, 0],
      order: 1,
      perDay: settings.newPerDay
    },
    lapse: {
      delays: settings.relearningSteps.map(minutesOf),
      leechAction: 0,
      leechFails: 8,
      minInt: 1,
      mult: 0
    },
    rev: {
      bury: true,
      ease4: 1.3,
      ivlFct: 1,
      maxIvl: settings.maximumIntervalDays,
      perDay: settings.reviewsPerDay,
      hardFactor: 1.2
    },
    desiredRetention: settings.desiredRetention
  };
}

/** Builds the package. Synchronous apart from what the caller did to get `SQL`. */
export function buildAnkiPackage(SQL: SqlJsStatic, input: AnkiExportInput): AnkiPackage {
  const { now, settings } = input;
  const modSeconds = Math.floor(now / 1000);
  const { notes, leftOut } = ankiNotes(input.cards);
  const log = inAnswerOrder(input.log);
  const calendar = ankiCalendar(
    log[0]?.reviewedAt ?? now,
    settings.dayStartsAtHour,
    input.timeZone
  );

  // Decks: one per lesson, a subdeck per topic (section), named by their titles.
  const lessonTitles = new Map(input.lessons.map((l) => [l.slug, deckPart(l.title)]));
  const sectionTitles = new Map(
    input.lessons.flatMap((l) => l.sections.map((s) => [`${l.slug}/${s.id}`, deckPart(s.title)]))
  );
  const deckNames = new Map<string, string>();
  for (const note of notes) {
    const lesson = lessonTitles.get(note.lesson) ?? deckPart(note.lesson);
    deckNames.set(note.lesson, lesson);
    const section = sectionTitles.get(`${note.lesson}/${note.section}`) ?? deckPart(note.section);
    deckNames.set(`${note.lesson}/${note.section}`, `${lesson}::${section}`);
  }
  const deckIds = ankiIds(deckNames.keys(), 'deck');
  const decks: Record<string, object> = {
    [defaultDeckId]: deckJson(defaultDeckId, 'Default', modSeconds)
  };
  for (const [key, name] of deckNames) {
    const id = deckIds.get(key) as number;
    decks[id] = deckJson(id, name, modSeconds);
  }

  const models: Record<string, object> = {};
  for (const spec of Object.values(noteTypes))
    models[spec.id] = modelJson(spec, defaultDeckId, modSeconds);

  const noteIds = ankiIds(
    notes.map((n) => n.noteId),
    'note'
  );
  const cardIds = ankiIds(
    notes.flatMap((n) => n.cards.map((c) => c.cardId)),
    'card'
  );

  // The parameters each card was last answered under, for how many steps it has left.
  const lastParams = new Map<string, ReviewEntry['params']>();
  for (const entry of log) lastParams.set(entry.cardId, entry.params);

  const SQLDatabase = SQL.Database;
  const db: Database = new SQLDatabase();
  try {
    db.exec(schema);
    db.run('BEGIN');
    const conf = {
      nextPos: 1,
      estTimes: true,
      activeDecks: [defaultDeckId],
      sortType: 'noteFld',
      timeLim: 0,
      sortBackwards: false,
      addToCur: true,
      curDeck: defaultDeckId,
      newSpread: 0,
      dueCounts: true,
      curModel: noteTypes.basic.id,
      collapseTime: 1200,
      // Anki's importer refuses collections on the retired v1 scheduler.
      schedVer: 2,
      sched2021: true,
      rollover: settings.dayStartsAtHour,
      creationOffset: calendar.creationOffset,
      fsrs: true
    };
    db.run('INSERT INTO col VALUES (1, ?, ?, ?, 11, 0, 0, 0, ?, ?, ?, ?, ?)', [
      calendar.crtSeconds,
      now,
      now,
      JSON.stringify(conf),
      JSON.stringify(models),
      JSON.stringify(decks),
      JSON.stringify({ [defaultConfId]: deckConfigJson(settings, modSeconds) }),
      '{}'
    ]);

    const insertNote = db.prepare('INSERT INTO notes VALUES (?, ?, ?, ?, -1, ?, ?, ?, ?, 0, ?)');
    const insertCard = db.prepare(
      'INSERT INTO cards VALUES (?, ?, ?, ?, ?, -1, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0, ?, ?)'
    );
    let position = 0;
    let cardCount = 0;
    for (const note of notes) {
      insertNote.run(noteRow(note, noteIds.get(note.noteId) as number, modSeconds));
      const did = deckIds.get(`${note.lesson}/${note.section}`) as number;
      for (const { cardId, ord } of note.cards) {
        position += 1;
        const state = input.states.get(cardId);
        const params = lastParams.get(cardId);
        const steps =
          state?.phase === Phase.Relearning
            ? (params?.relearningSteps ?? settings.relearningSteps).length
            : (params?.learningSteps ?? settings.learningSteps).length;
        const s = cardSchedule({
          state,
          marks: input.marks.get(cardId),
          position,
          steps,
          retention: settings.desiredRetention,
          calendar,
          now
        });
        insertCard.run([
          cardIds.get(cardId) as number,
          noteIds.get(note.noteId) as number,
          did,
          ord,
          modSeconds,
          s.type,
          s.queue,
          s.due,
          s.ivl,
          s.factor,
          s.reps,
          s.lapses,
          s.left,
          s.flags,
          s.data
        ]);
        cardCount += 1;
      }
    }
    insertNote.free();
    insertCard.free();

    // The review history: a row per answer, its id the answer time in milliseconds (moved on
    // by a millisecond when two answers share one, as ids must be unique), then a "manual"
    // row where a card was forgotten, which Anki's FSRS reads as a reset.
    const rows: { at: number; cid: number; columns: RevlogColumns }[] = [];
    let answersLeftOut = 0;
    for (const entry of log) {
      const cid = cardIds.get(entry.cardId);
      if (cid === undefined) answersLeftOut += 1;
      else rows.push({ at: entry.reviewedAt, cid, columns: revlogColumns(entry) });
    }
    for (const [cardId, mark] of input.marks) {
      const cid = cardIds.get(cardId);
      if (cid !== undefined && mark.forgottenAt > 0)
        rows.push({ at: mark.forgottenAt, cid, columns: forgetColumns });
    }
    rows.sort((a, b) => a.at - b.at);
    const insertRevlog = db.prepare('INSERT INTO revlog VALUES (?, ?, -1, ?, ?, ?, ?, ?, ?)');
    let lastId = 0;
    for (const { at, cid, columns: c } of rows) {
      const id = Math.max(Math.round(at), lastId + 1);
      lastId = id;
      insertRevlog.run([id, cid, c.ease, c.ivl, c.lastIvl, c.factor, c.time, c.type]);
    }
    insertRevlog.free();
    db.run('COMMIT');

    const collection = db.export();
    const bytes = zipSync({ 'collection.anki21': collection, media: strToU8('{}') });
    return {
      bytes,
      counts: {
        notes: notes.length,
        cards: cardCount,
        revlog: rows.length,
        decks: deckNames.size
      },
      leftOut,
      answersLeftOut
    };
  } finally {
    db.close();
  }
}

function noteRow(note: AnkiNote, id: number, modSeconds: number): (string | number)[] {
  const first = note.fields[0] ?? '';
  const tags = ` system-design-recall lesson::${note.lesson} `;
  return [
    id,
    noteGuid(note.noteId),
    noteTypes[note.type].id,
    modSeconds,
    tags,
    note.fields.join('\u001f'),
    stripHtml(first),
    fieldChecksum(first),
    ''
  ];
}
