import initSqlJs, { type Database, type SqlJsStatic } from 'sql.js';
import { unzipSync, strFromU8 } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { compileLesson } from '../content/compile';
import { deckIndex } from '../content/deck';
import type { Card, Lesson } from '../content/types';
import { replayEvents, type CardEvent } from '../review/events';
import { inAnswerOrder, replayHistory, type LoggedEntry } from '../review/log';
import type { CardState, Rating } from '../review/scheduler';
import { defaultSettings } from '../review/settings';
import { dayMs, hourMs, minuteMs } from '../review/time';
import { logRow, testStart } from '../../test/factories';
import { ankiIds, buildAnkiPackage, fieldChecksum, noteGuid, type AnkiExportInput } from './anki';
import { noteTypes } from './anki-models';
import { sha1Hex } from './hash';

const source = [
  '---',
  'title: "Caching :: basics"',
  'slug: caching',
  'order: 1',
  'summary: Caches.',
  '---',
  '## Where caches sit {#where}',
  '',
  '::: basic cache-what reversed',
  'Q: What does a cache keep near the reader (a < b)?',
  'A: Copies of data, <script>alert(1)</script> & more.',
  ':::',
  '',
  '::: cloze cdn-ttl',
  'A CDN keeps a copy until its {{c1::TTL}} ends, then asks the {{c2::origin::where from?}}.',
  ':::',
  '',
  '## When caches fail {#fail}',
  '',
  '::: choice cache-down',
  'Q: The cache dies. What happens?',
  '- [x] Reads go to the database.',
  '  Why: The cache is only a copy.',
  '- [ ] Every read fails.',
  '  Why: The database still answers.',
  '- [ ] Writes are lost.',
  '  Why: Writes went to the database.',
  ':::',
  '',
  '::: scenario stampede',
  'Q: A hot key expires under load. What next?',
  '- Many requests miss at once.',
  '- Use a lock or early refresh.',
  'Note: Also called a thundering herd.',
  ':::',
  '',
  '::: order cache-aside',
  'Q: Order the steps of a cache-aside read.',
  '1. Look in the cache.',
  '2. Read the database on a miss.',
  '3. Put the value in the cache.',
  ':::'
].join('\n');

function compiled(text = source): Lesson {
  const { lesson, problems } = compileLesson({ path: 'caching.md', text });
  expect(problems.filter((p) => p.severity === 'error')).toEqual([]);
  return lesson as Lesson;
}

const start = testStart;

/** Answers given in order, each from the state the ones before it left. */
function answers(list: [string, Rating, number, Partial<{ mode: 'cram'; scheduled: boolean }>?][]) {
  const states = new Map<string, CardState>();
  const log: LoggedEntry[] = [];
  list.forEach(([cardId, rating, now, extra], i) => {
    const row = logRow({ cardId, rating, now, before: states.get(cardId), ...extra });
    log.push({ ...row, seq: i + 1 });
    if (row.scheduled && row.after) states.set(cardId, row.after);
  });
  return log;
}

const fixedLog = answers([
  ['cache-what', 3, start],
  ['cache-what', 3, start + 10 * minuteMs],
  ['cache-what', 3, start + 3 * dayMs],
  ['cdn-ttl:c1', 1, start + hourMs],
  ['cache-down', 4, start + 2 * hourMs],
  ['stampede', 3, start + 2 * hourMs + 5000, { mode: 'cram', scheduled: false }],
  ['cache-aside', 3, start + 3 * hourMs],
  ['cache-aside', 3, start + 3 * hourMs + 10 * minuteMs],
  // A card no longer in the deck: its history stays home.
  ['removed-card', 3, start + 4 * hourMs]
]);

const event = (n: number, cardId: string, kind: CardEvent['kind'], at: number, extra = {}) => ({
  id: `01J0000000TESTDEV1${String(n).padStart(8, '0')}`,
  seq: n,
  cardId,
  kind,
  at,
  ...extra
});

const events: CardEvent[] = [
  event(1, 'cache-down', 'suspend', start + 5 * hourMs),
  event(2, 'cache-what:reverse', 'flag', start + 5 * hourMs, { flag: 2 }),
  event(3, 'cache-aside', 'forget', start + 6 * hourMs)
];

function inputFor(lesson: Lesson, log = fixedLog): AnkiExportInput {
  const marks = replayEvents(events);
  const forgotten = new Map(
    [...marks].flatMap(([id, m]) => (m.forgottenAt ? [[id, m.forgottenAt]] : []))
  );
  return {
    lessons: deckIndex([lesson]).lessons,
    cards: lesson.sections.flatMap((s) => s.cards) as Card[],
    log,
    states: replayHistory(inAnswerOrder(log), undefined, forgotten),
    marks,
    settings: defaultSettings,
    timeZone: 'UTC',
    now: start + 7 * dayMs
  };
}

let SQL: SqlJsStatic;
beforeAll(async () => {
  SQL = await initSqlJs();
});

function open(bytes: Uint8Array): { db: Database; files: Record<string, Uint8Array> } {
  const files = unzipSync(bytes);
  return { db: new SQL.Database(files['collection.anki21']), files };
}

function rows(db: Database, sql: string): Record<string, unknown>[] {
  const [result] = db.exec(sql);
  if (!result) return [];
  return result.values.map((v) => Object.fromEntries(result.columns.map((c, i) => [c, v[i]])));
}

describe('buildAnkiPackage', () => {
  it('writes a schema-11 collection and an empty media map that SQLite finds sound', () => {
    const pkg = buildAnkiPackage(SQL, inputFor(compiled()));
    const { db, files } = open(pkg.bytes);
    expect(Object.keys(files).sort()).toEqual(['collection.anki21', 'media']);
    expect(strFromU8(files.media as Uint8Array)).toBe('{}');
    expect(rows(db, 'PRAGMA integrity_check')).toEqual([{ integrity_check: 'ok' }]);
    const [col] = rows(db, 'SELECT * FROM col');
    expect(col?.ver).toBe(11);
    expect(col?.crt).toBe(Date.UTC(2026, 2, 2, 4) / 1000);
    expect(JSON.parse(col?.conf as string)).toMatchObject({ schedVer: 2, rollover: 4 });
    db.close();
  });

  it('makes a deck per lesson with a subdeck per topic, and a note type per kind', () => {
    const pkg = buildAnkiPackage(SQL, inputFor(compiled()));
    const { db } = open(pkg.bytes);
    const [col] = rows(db, 'SELECT decks, models FROM col');
    const decks = Object.values(
      JSON.parse(col?.decks as string) as Record<string, { name: string }>
    );
    expect(decks.map((d) => d.name).sort()).toEqual([
      'Caching : basics',
      'Caching : basics::When caches fail',
      'Caching : basics::Where caches sit',
      'Default'
    ]);
    expect(pkg.counts.decks).toBe(3);
    const models = JSON.parse(col?.models as string) as Record<
      string,
      { name: string; type: number; flds: { name: string }[]; tmpls: { qfmt: string }[] }
    >;
    expect(Object.keys(models).map(Number).sort()).toEqual(
      Object.values(noteTypes)
        .map((t) => t.id)
        .sort()
    );
    const cloze = models[noteTypes.cloze.id];
    expect(cloze?.type).toBe(1);
    expect(cloze?.tmpls[0]?.qfmt).toBe('{{cloze:Text}}');
    expect(models[noteTypes['basic-reversed'].id]?.tmpls).toHaveLength(2);
    expect(models[noteTypes.choice.id]?.flds.map((f) => f.name)).toEqual([
      'Question',
      'Options',
      'Answer',
      'Extra'
    ]);
    // Every card sits in its topic's deck, and every note's type exists.
    const deckIds = new Set(Object.keys(JSON.parse(col?.decks as string) as object).map(Number));
    for (const card of rows(db, 'SELECT did FROM cards'))
      expect(deckIds.has(card.did as number)).toBe(true);
    for (const note of rows(db, 'SELECT mid FROM notes'))
      expect(models[String(note.mid)]).toBeDefined();
    db.close();
  });

  it('writes each note with its fields, escaped HTML, cloze syntax and a GUID from its id', () => {
    const pkg = buildAnkiPackage(SQL, inputFor(compiled()));
    const { db } = open(pkg.bytes);
    const notes = rows(db, 'SELECT * FROM notes ORDER BY guid');
    expect(notes.map((n) => n.guid)).toEqual([
      'sdr:cache-aside',
      'sdr:cache-down',
      'sdr:cache-what',
      'sdr:cdn-ttl',
      'sdr:stampede'
    ]);
    const fields = (guid: string) =>
      (notes.find((n) => n.guid === guid)?.flds as string).split('\u001f');
    const [front, back] = fields('sdr:cache-what');
    expect(front).toBe('What does a cache keep near the reader (a &lt; b)?');
    expect(back).not.toContain('<script');
    expect(back).toContain('&amp; more');
    expect(fields('sdr:cdn-ttl')[0]).toBe(
      'A CDN keeps a copy until its {{c1::TTL}} ends, then asks the {{c2::origin::where from?}}.'
    );
    const [question, options, answer] = fields('sdr:cache-down');
    expect(question).toBe('The cache dies. What happens?');
    expect(options).toContain('<li>Every read fails.</li>');
    expect(answer).toContain(
      '<li class="right"><strong>Right:</strong> Reads go to the database.<div class="why">The cache is only a copy.</div></li>'
    );
    expect(fields('sdr:stampede')).toEqual([
      'A hot key expires under load. What next?',
      '<ul><li>Many requests miss at once.</li><li>Use a lock or early refresh.</li></ul>',
      'Also called a thundering herd.'
    ]);
    const order = fields('sdr:cache-aside');
    expect(order[2]).toBe(
      '<ol><li>Look in the cache.</li><li>Read the database on a miss.</li><li>Put the value in the cache.</li></ol>'
    );
    expect(order[1]).not.toBe(order[2]?.replaceAll('ol>', 'ul>'));
    const checked = notes.find((n) => n.guid === 'sdr:cache-what');
    expect(checked?.sfld).toBe('What does a cache keep near the reader (a < b)?');
    expect(checked?.csum).toBe(
      Number.parseInt(sha1Hex('What does a cache keep near the reader (a < b)?').slice(0, 8), 16)
    );
    db.close();
  });

  it('writes a card per card, with the schedule, FSRS memory, suspension and flags', () => {
    const input = inputFor(compiled());
    const pkg = buildAnkiPackage(SQL, input);
    const { db } = open(pkg.bytes);
    const ids = ankiIds(
      input.cards.map((c) => c.id),
      'card'
    );
    const cards = rows(db, 'SELECT * FROM cards');
    expect(cards).toHaveLength(7);
    expect(pkg.counts).toMatchObject({ notes: 5, cards: 7 });
    const card = (id: string) => cards.find((c) => c.id === ids.get(id));
    // Answered Good three times: in review, due on the day our schedule says.
    const review = card('cache-what');
    const state = input.states.get('cache-what') as CardState;
    expect(review).toMatchObject({ type: 2, queue: 2, ord: 0, ivl: state.scheduledDays, reps: 3 });
    // Day numbers count study days (from 4 am, UTC here) since the first answer's day.
    expect(review?.due).toBe(Math.floor((state.due - Date.UTC(2026, 2, 2, 4)) / dayMs));
    expect(JSON.parse(review?.data as string)).toEqual({
      s: Math.round(state.stability * 1e4) / 1e4,
      d: Math.round(state.difficulty * 1e4) / 1e4,
      dr: 0.9
    });
    // Its reverse: never answered, new, in deck order, flagged orange.
    expect(card('cache-what:reverse')).toMatchObject({
      type: 0,
      queue: 0,
      ord: 1,
      due: 2,
      flags: 2,
      data: ''
    });
    // Again on a new cloze: learning, due in seconds.
    const learning = card('cdn-ttl:c1');
    expect(learning).toMatchObject({ type: 1, queue: 1, ord: 0 });
    expect(learning?.due).toBe(
      Math.floor((input.states.get('cdn-ttl:c1') as CardState).due / 1000)
    );
    expect(card('cdn-ttl:c2')).toMatchObject({ type: 0, ord: 1 });
    // Suspended: queue -1, type kept.
    expect(card('cache-down')).toMatchObject({ type: 2, queue: -1 });
    // Forgotten: new again.
    expect(card('cache-aside')).toMatchObject({ type: 0, queue: 0, data: '' });
    db.close();
  });

  it('writes the review history as revlog rows', () => {
    const input = inputFor(compiled());
    const pkg = buildAnkiPackage(SQL, input);
    const { db } = open(pkg.bytes);
    const ids = ankiIds(
      input.cards.map((c) => c.id),
      'card'
    );
    const revlog = rows(db, 'SELECT * FROM revlog ORDER BY id');
    // Eight answers to cards in the deck and one forget; the removed card's answer stays home.
    expect(revlog).toHaveLength(9);
    expect(pkg.answersLeftOut).toBe(1);
    const ofCard = (id: string) => revlog.filter((r) => r.cid === ids.get(id));
    const first = ofCard('cache-what');
    expect(first.map((r) => r.id)).toEqual([start, start + 10 * minuteMs, start + 3 * dayMs]);
    expect(first.map((r) => r.type)).toEqual([0, 0, 1]);
    expect(first.map((r) => r.ease)).toEqual([3, 3, 3]);
    expect(first[0]).toMatchObject({ lastIvl: 0, factor: 0, time: 4000 });
    expect(first[0]?.ivl).toBeLessThan(0);
    expect(first[1]?.ivl).toBeGreaterThan(0);
    expect(first[2]).toMatchObject({ lastIvl: first[1]?.ivl, factor: 2500 });
    expect(ofCard('stampede')).toMatchObject([{ type: 3, ease: 3 }]);
    expect(ofCard('cache-aside').map((r) => [r.ease, r.type])).toEqual([
      [3, 0],
      [3, 0],
      [0, 4]
    ]);
    db.close();
  });

  it('follows the GUID rule: the same ids give the same GUIDs and ids, other ids others', () => {
    const once = buildAnkiPackage(SQL, inputFor(compiled()));
    const reworded = compiled(source.replace('What does a cache keep', 'What is kept by a cache'));
    const twice = buildAnkiPackage(SQL, { ...inputFor(reworded), now: start + 9 * dayMs });
    const renamed = buildAnkiPackage(
      SQL,
      inputFor(compiled(source.replace('cache-what', 'cache-kept')))
    );
    const read = (bytes: Uint8Array) => {
      const { db } = open(bytes);
      const notes = rows(db, 'SELECT id, guid, flds FROM notes ORDER BY guid');
      const cards = rows(db, 'SELECT id FROM cards ORDER BY id').map((c) => c.id);
      db.close();
      return { notes, cards };
    };
    const a = read(once.bytes);
    const b = read(twice.bytes);
    expect(b.notes.map((n) => [n.id, n.guid])).toEqual(a.notes.map((n) => [n.id, n.guid]));
    expect(b.cards).toEqual(a.cards);
    expect(b.notes.find((n) => n.guid === 'sdr:cache-what')?.flds).toContain(
      'What is kept by a cache'
    );
    const c = read(renamed.bytes);
    expect(c.notes.map((n) => n.guid)).toContain('sdr:cache-kept');
    expect(c.notes.map((n) => n.guid)).not.toContain('sdr:cache-what');
    expect(noteGuid('a')).not.toBe(noteGuid('b'));
    expect(new Set([...ankiIds(['x', 'y', 'z'], 'note').values()]).size).toBe(3);
  });

  it('gives two answers in the same millisecond distinct revlog ids', () => {
    const log = answers([
      ['cache-what', 3, start],
      ['cdn-ttl:c1', 3, start]
    ]);
    const { db } = open(buildAnkiPackage(SQL, inputFor(compiled(), log)).bytes);
    expect(rows(db, 'SELECT id FROM revlog ORDER BY id').map((r) => r.id)).toEqual([
      start,
      start + 1,
      start + 6 * hourMs
    ]);
    db.close();
  });

  it('computes Anki checksums from the text of the first field', () => {
    expect(sha1Hex('abc')).toBe('a9993e364706816aba3e25717850c26c9cd0d89d');
    expect(sha1Hex('')).toBe('da39a3ee5e6b4b0d3255bfef95601890afd80709');
    expect(fieldChecksum('<b>abc</b>')).toBe(0xa9993e36);
  });
});
