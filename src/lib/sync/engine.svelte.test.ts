// The sync engine against a real CouchDB-protocol server: `npm run sync-server` (express-pouchdb
// over PouchDB's memory adapter), started here on a free port. Each simulated device has its
// own app database (fake-indexeddb), its own localStorage and its own sync store, which is
// PouchDB's memory adapter (the app's `pouchdb-browser` is replaced by the tool's PouchDB
// core with the memory and HTTP adapters: the same replication protocol, no browser).
// One device runs at a time: the engine reads the app database the tests point it at.
import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { defaultSettings } from '../core/review/settings';
import { answer, undoAnswer } from '../db/answer';
import { database, useDatabase } from '../db/database';
import { checkHistory } from '../db/repair';
import { loadSettings } from '../db/reviews';
import { saveSettings } from '../db/settings-save';
import { StudyDatabase } from '../db/schema';
import { loadBookmarks } from '../db/sync';
import { SyncEngine } from './engine.svelte';
import { freePort, SyncServer, syncPassword, syncUser } from '../../../tests/servers';

vi.mock('pouchdb-browser', async () => {
  const { createRequire } = await import('node:module');
  const { resolve } = await import('node:path');
  const toolRequire = createRequire(resolve('tools/sync-server/package.json'));
  try {
    const PouchDB = toolRequire('pouchdb-core')
      .plugin(toolRequire('pouchdb-adapter-memory'))
      .plugin(toolRequire('pouchdb-adapter-http'))
      .plugin(toolRequire('pouchdb-replication'));
    return { default: PouchDB };
  } catch (error) {
    throw new Error(
      'The sync server tool is not installed: run `node scripts/install-tool.js sync-server` (npm run test:unit does).',
      { cause: error }
    );
  }
});

// What the engine needs of a browser: the network state, window events, localStorage.
let storage = new Map<string, string>();
vi.stubGlobal('navigator', { onLine: true });
vi.stubGlobal('addEventListener', () => undefined);
vi.stubGlobal('removeEventListener', () => undefined);
vi.stubGlobal('localStorage', {
  getItem: (key: string) => storage.get(key) ?? null,
  setItem: (key: string, value: string) => void storage.set(key, value),
  removeItem: (key: string) => void storage.delete(key)
});

/** A database of its own on the server, for one case. */
async function create(db: string): Promise<void> {
  const response = await server.request(db, '', { method: 'PUT' });
  expect(response.status, `creating ${db}`).toBe(201);
}

/** One simulated device: its app database, its localStorage and its sync engine. */
class Device {
  readonly db: StudyDatabase;
  readonly storage = new Map<string, string>();
  readonly engine: SyncEngine;
  constructor(readonly name: string) {
    devices += 1;
    this.db = new StudyDatabase(`sync-engine-${name}-${devices}`);
    this.engine = new SyncEngine(`sync-store-${name}-${devices}`);
  }
  /** Makes this device the one the app's code reads and writes. */
  async use(): Promise<this> {
    useDatabase(this.db);
    storage = this.storage;
    if ((await this.db.settings.count()) === 0)
      await saveSettings({ ...defaultSettings, fuzz: false });
    return this;
  }
  async turnOn(db: string): Promise<void> {
    await this.use();
    const refused = await this.engine.turnOn({
      address: server.url(db),
      username: syncUser,
      password: syncPassword,
      remember: true
    });
    expect(refused).toBeUndefined();
    expect(this.engine.message).toBe('');
    expect(this.engine.phase).toBe('synced');
  }
  /** Back on this device with sync on: resumes, waits for one full pass both ways. */
  async syncAgain(): Promise<void> {
    await this.use();
    await this.engine.resume();
    await this.engine.syncNow();
    expect(this.engine.phase).toBe('synced');
  }
  async close(): Promise<void> {
    await this.engine.close();
  }
  async answerIds(): Promise<string[]> {
    return (await this.db.reviews.toArray()).map((row) => row.id).sort();
  }
}

let devices = 0;
let dbCount = 0;
let server: SyncServer;
const made: Device[] = [];

function device(name: string): Device {
  const one = new Device(name);
  made.push(one);
  return one;
}

async function freshDatabase(): Promise<string> {
  dbCount += 1;
  const name = `recall-${dbCount}`;
  await create(name);
  return name;
}

const minute = 60_000;
const start = Date.now() - 3 * 24 * 60 * minute;

async function answerCards(cards: string[], at: number): Promise<void> {
  for (const [i, cardId] of cards.entries())
    await answer({
      cardId,
      rating: i % 4 === 0 ? 1 : 3,
      now: at + i * minute,
      durationMs: 3000,
      mode: 'review',
      scheduled: true
    });
}

async function until(what: string, done: () => boolean | Promise<boolean>, ms = 20_000) {
  const end = Date.now() + ms;
  while (!(await done())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

beforeAll(async () => {
  server = new SyncServer(await freePort());
  await server.start();
}, 300_000);

afterAll(async () => {
  await server.stop();
});

afterEach(async () => {
  for (const each of made.splice(0)) {
    await each.engine.close();
    each.db.close();
    await Dexie.delete(each.db.name);
  }
  useDatabase(undefined);
});

describe('sync through the local CouchDB-protocol server', () => {
  it('two devices merge their answers into one log, each answer once, every schedule matching its replay', async () => {
    const db = await freshDatabase();
    const phone = device('phone');
    const laptop = device('laptop');

    await phone.use();
    await answerCards(['dns', 'cdn', 'cache', 'dns'], start);
    await phone.turnOn(db);
    expect(phone.engine.sent).toBeGreaterThanOrEqual(4);
    await phone.close();

    await laptop.use();
    await answerCards(['cdn', 'queue', 'shard'], start + 60 * minute);
    await laptop.turnOn(db);
    expect(laptop.engine.received).toBeGreaterThanOrEqual(4);
    await laptop.close();

    await phone.syncAgain();
    const onPhone = await phone.answerIds();
    expect(onPhone).toHaveLength(7);
    expect(await checkHistory()).toMatchObject({ repaired: 0, cards: 5 });
    await phone.close();

    await laptop.syncAgain();
    expect(await laptop.answerIds()).toEqual(onPhone);
    expect(await checkHistory()).toMatchObject({ repaired: 0, cards: 5 });
    // The card both answered is scheduled from both answers, in time order, on both devices.
    const cdnOnLaptop = await database().cards.get('cdn');
    expect(cdnOnLaptop?.reps).toBe(2);
    expect(await phone.db.cards.get('cdn')).toEqual(cdnOnLaptop);

    const answers = [...(await server.docs(db)).values()].filter((d) => d.type === 'answer');
    expect(answers.map((d) => d._id).sort()).toEqual(onPhone);
  });

  it('an answer taken back on one device is taken back on the other', async () => {
    const db = await freshDatabase();
    const phone = device('phone');
    const laptop = device('laptop');
    await phone.use();
    await answerCards(['dns', 'cdn'], Date.now() - 10 * minute);
    await phone.turnOn(db);
    await phone.close();
    await laptop.turnOn(db);
    expect(await laptop.answerIds()).toHaveLength(2);
    await laptop.close();

    await phone.use();
    const last = (await phone.db.reviews.orderBy('seq').last())!;
    expect(await undoAnswer(last.seq)).toMatchObject({ status: 'undone' });
    await phone.syncAgain();
    await phone.close();
    expect((await server.docs(db)).has(last.id)).toBe(false);

    await laptop.syncAgain();
    expect(await laptop.answerIds()).toEqual(await phone.answerIds());
    expect(await database().cards.get(last.cardId)).toBeUndefined();
    expect(await checkHistory()).toMatchObject({ repaired: 0 });
  });

  it('the same answers arriving again are stored once', async () => {
    const first = await freshDatabase();
    const phone = device('phone');
    await phone.use();
    await answerCards(['dns', 'cdn', 'cache'], start);
    await phone.turnOn(first);
    await phone.engine.turnOff();
    // Turned on again: the sync store and its bookmark are gone, so every answer goes through
    // the store and the apply again (PouchDB finds the server's revisions already there and
    // pulls nothing); the same with a second database holding the same documents.
    await phone.turnOn(first);
    const second = await freshDatabase();
    const docs = [...(await server.docs(first)).values()];
    const copied = await server.request(second, '/_bulk_docs', {
      method: 'POST',
      body: JSON.stringify({ docs, new_edits: false })
    });
    expect(copied.status).toBe(201);
    await phone.turnOn(second);
    expect(await phone.db.reviews.count()).toBe(3);
    expect(await checkHistory()).toMatchObject({ repaired: 0, cards: 3 });
  });

  it('documents that fail validation are skipped and reported, never applied', async () => {
    const db = await freshDatabase();
    const laptop = device('laptop');
    await laptop.use();
    await answerCards(['dns'], start);
    await laptop.turnOn(db);
    await laptop.close();
    const good = [...(await server.docs(db)).values()].find((d) => d.type === 'answer')!;
    const { _id: goodId, _rev: _r, ...fields } = good;
    void _r;
    // Two ids beside the good one's. Its last characters are random, so choose ones that
    // differ from them: an id equal to the good one would be a conflict, not a bad document.
    const other = (c: string, avoid: string) => (c === avoid ? 'Z' : c);
    const id = String(goodId);
    const bad = [
      { ...fields, _id: `${id.slice(0, -1)}${other('X', id.at(-1)!)}`, rating: 9 },
      {
        ...fields,
        _id: `${id.slice(0, -2)}${other('X', id.at(-2)!)}${other('Y', id.at(-1)!)}`,
        reviewedAt: 'yesterday'
      },
      {
        _id: 'setting:desiredRetention',
        _rev: (await server.docs(db)).get('setting:desiredRetention')?._rev,
        type: 'keyed',
        value: 'high',
        at: Date.now(),
        device: 'ELSEWHERE'
      }
    ];
    const put = await server.request(db, '/_bulk_docs', {
      method: 'POST',
      body: JSON.stringify({ docs: bad })
    });
    expect(put.status).toBe(201);

    const phone = device('phone');
    await phone.turnOn(db);
    expect(phone.engine.skipped.map((s) => s.id).sort()).toEqual(bad.map((d) => d._id).sort());
    for (const skipped of phone.engine.skipped) expect(skipped.problem).not.toBe('');
    expect(await phone.answerIds()).toEqual([goodId]);
    expect((await loadSettings()).desiredRetention).toBe(defaultSettings.desiredRetention);
    expect(await checkHistory()).toMatchObject({ repaired: 0, cards: 1, skipped: [] });
  });

  it('settings merge by the last writer, key by key, even when the earlier write arrives last', async () => {
    const db = 'recall';
    await server.stop();
    await server.start(db);
    const phone = device('phone');
    const laptop = device('laptop');
    await phone.turnOn(db);
    await phone.close();
    await laptop.turnOn(db);
    await laptop.close();

    // The phone changes two settings while the server is gone (the app open, sync on): its
    // writes wait in its sync store. The server comes back empty; later the laptop changes one
    // of the two and syncs; the phone's earlier write reaches the server after the laptop's.
    await server.stop();
    await phone.use();
    await phone.engine.resume();
    await saveSettings({ ...(await loadSettings()), desiredRetention: 0.85, newPerDay: 7 });
    await until('the phone to keep its writes for sending', async () => {
      const kept = (await loadBookmarks()).keyed['setting:desiredRetention'];
      return kept?.value === 0.85;
    });
    await phone.close();
    await server.start(db);
    await new Promise((resolve) => setTimeout(resolve, 20));
    await laptop.use();
    await saveSettings({ ...(await loadSettings()), desiredRetention: 0.95 });
    await laptop.syncAgain();
    await laptop.close();
    await phone.syncAgain();
    await phone.close();
    await laptop.syncAgain();
    await laptop.close();

    for (const each of [phone, laptop]) {
      await each.use();
      expect(await loadSettings(), each.name).toMatchObject({
        desiredRetention: 0.95,
        newPerDay: 7
      });
    }
    const retention = (await server.docs(db)).get('setting:desiredRetention');
    expect(retention?.value).toBe(0.95);
  }, 60_000);

  it('answers given while the server is gone are sent when it is back, and a wiped server is filled again', async () => {
    const db = 'recall';
    await server.stop();
    await server.start(db);
    const phone = device('phone');
    await phone.use();
    await answerCards(['dns', 'cdn'], start);
    await phone.turnOn(db);
    expect((await server.docs(db)).size).toBeGreaterThanOrEqual(2);

    await server.stop();
    await answerCards(['cache', 'queue', 'shard'], Date.now() - 5 * minute);
    await until('the engine to see the server gone', () => phone.engine.phase === 'offline');
    expect(phone.engine.message).toMatch(/not reachable/);
    expect(await phone.db.reviews.count()).toBe(5);

    // The server comes back empty (it keeps nothing across a restart): the live sync retries
    // by itself and sends everything again, the answers given meanwhile with the rest.
    await server.start(db);
    await until('every answer on the server', async () => {
      const answers = [...(await server.docs(db)).values()].filter((d) => d.type === 'answer');
      return answers.length === 5;
    });
    await until('the engine to say synced', () => phone.engine.phase === 'synced');
    const onServer = [...(await server.docs(db)).values()]
      .filter((d) => d.type === 'answer')
      .map((d) => d._id)
      .sort();
    expect(onServer).toEqual(await phone.answerIds());
  }, 60_000);
});
