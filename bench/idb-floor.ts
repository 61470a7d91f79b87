// What IndexedDB itself costs in headless Chromium on this machine, with no app code: one
// transaction that adds N rows (as a restore does), reading them back with getAll (as an
// export does), and turning them into gzip'd text (as a backup file is made). Each is run on
// rows of several shapes, so what the row's size and the indexes cost can be told apart from
// what a row costs at all.
//
//   npm run bench:idb-floor [-- --reviews N]
import { parseArgs } from 'node:util';
import { chromium } from '@playwright/test';
import { chromiumArgs, findBrowser, howToGetBrowser } from '../scripts/browser.js';
import { seedHistory } from './seed';

const { values } = parseArgs({
  options: { reviews: { type: 'string', default: '100000' } },
  allowPositionals: true
});
const count = Number(values.reviews);
if (!Number.isInteger(count) || count < 1) {
  console.error(`--reviews must be a whole number above 0, not "${values.reviews}"`);
  process.exit(1);
}

const executablePath = findBrowser();
if (!executablePath) {
  console.error(howToGetBrowser);
  process.exit(1);
}

// Rows as the app stores them (bench/seed.ts: the app's own scheduler on the course's 880
// card ids), with the ids a database of this device would give them.
const ids = Array.from({ length: 880 }, (_, i) => `card-${i}`);
const { entries } = seedHistory(ids, count, Date.now(), 0.85);
const rows = entries.map((entry, i) => ({ ...entry, id: `01BENCH${String(i).padStart(19, '0')}` }));
const slim = rows.map(({ before: _before, params: _params, ...rest }) => rest);

/** Each shape: its rows and the indexes of its store (the app's log has all four). */
const shapes: { name: string; rows: unknown[]; indexes: string[] }[] = [
  {
    name: 'a log row as stored, with the log indexes',
    rows,
    indexes: ['&id', 'cardId', 'reviewedAt', 'rating']
  },
  { name: 'the same rows, no secondary index', rows, indexes: [] },
  {
    name: "a row without 'before' and 'params', the log indexes",
    rows: slim,
    indexes: ['&id', 'cardId', 'reviewedAt', 'rating']
  },
  { name: 'an empty object, no secondary index', rows: rows.map(() => ({})), indexes: [] }
];

const browser = await chromium.launch({ executablePath, args: chromiumArgs });
try {
  const page = await browser.newPage();
  // An origin of its own for IndexedDB, served from memory.
  await page.route('http://idb-floor.test/**', (route) =>
    route.fulfill({ body: '<!doctype html><title>floor</title>', contentType: 'text/html' })
  );
  await page.goto('http://idb-floor.test/');
  console.log(`${count} rows, one transaction each way, headless Chromium:`);
  for (const shape of shapes) {
    // As one JSON string: Playwright passes a string far faster than many objects.
    const result = await page.evaluate(
      async ({ json, indexes, name }) => {
        const input = JSON.parse(json) as object[];
        const db = await new Promise<IDBDatabase>((resolve, reject) => {
          const open = indexedDB.open(name, 1);
          open.onupgradeneeded = () => {
            const store = open.result.createObjectStore('reviews', {
              keyPath: 'seq',
              autoIncrement: true
            });
            for (const index of indexes) {
              const key = index.replace('&', '');
              store.createIndex(key, key, { unique: index.startsWith('&') });
            }
          };
          open.onsuccess = () => resolve(open.result);
          open.onerror = () => reject(open.error ?? new Error('open failed'));
        });
        const writeStarted = performance.now();
        await new Promise<void>((resolve, reject) => {
          const tx = db.transaction('reviews', 'readwrite');
          const store = tx.objectStore('reviews');
          for (const row of input) store.add(row);
          tx.oncomplete = () => resolve();
          tx.onerror = () => reject(tx.error ?? new Error('write failed'));
        });
        const write = performance.now() - writeStarted;
        const readStarted = performance.now();
        const back = await new Promise<unknown[]>((resolve, reject) => {
          const request = db.transaction('reviews').objectStore('reviews').getAll();
          request.onsuccess = () => resolve(request.result as unknown[]);
          request.onerror = () => reject(request.error ?? new Error('read failed'));
        });
        const read = performance.now() - readStarted;
        const textStarted = performance.now();
        const text = back.map((row) => JSON.stringify(row)).join('\n');
        const stringify = performance.now() - textStarted;
        const gzipStarted = performance.now();
        const gzip = await new Response(
          new Blob([text]).stream().pipeThrough(new CompressionStream('gzip'))
        ).blob();
        const compress = performance.now() - gzipStarted;
        db.close();
        await new Promise<void>((resolve) => {
          const removal = indexedDB.deleteDatabase(name);
          removal.onsuccess = () => resolve();
          removal.onerror = () => resolve();
        });
        return { write, read, stringify, compress, textBytes: text.length, gzipBytes: gzip.size };
      },
      {
        json: JSON.stringify(shape.rows),
        indexes: shape.indexes,
        name: `floor-${shapes.indexOf(shape)}`
      }
    );
    const perRow = (result.write * 1000) / count;
    console.log(`  ${shape.name}:`);
    console.log(
      `    write ${Math.round(result.write)} ms (${perRow.toFixed(0)} µs a row), getAll ${Math.round(result.read)} ms, JSON ${Math.round(result.stringify)} ms, gzip ${Math.round(result.compress)} ms (${(result.textBytes / 1e6).toFixed(1)} MB of text, ${(result.gzipBytes / 1e6).toFixed(1)} MB gzip)`
    );
  }
} finally {
  await browser.close();
}
