// Backup and restore in Chromium: a learner's file survives an emptied database, merges into
// another history as a union, and every bad file is refused with its reason, changing nothing.
import { writeFileSync, readFileSync, truncateSync, openSync, closeSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { Page, TestInfo } from '@playwright/test';
import { answerByMouse } from './answering';
import { expect, test } from './fixtures';
import { writeLogRows } from './seed-log';
import { cardStates } from './storage';

interface Row {
  id: string;
  seq: number;
  cardId: string;
  reviewedAt: number;
  [key: string]: unknown;
}

/** Every row of one table, read straight from IndexedDB. */
async function tableRows(page: Page, table: string): Promise<Row[]> {
  return page.evaluate(
    (name) =>
      new Promise<Row[]>((resolve, reject) => {
        const request = indexedDB.open('system-design-recall');
        request.onerror = () => reject(new Error('cannot open'));
        request.onsuccess = () => {
          const db = request.result;
          if (!db.objectStoreNames.contains(name)) {
            db.close();
            resolve([]);
            return;
          }
          const all = db.transaction(name).objectStore(name).getAll();
          all.onsuccess = () => {
            db.close();
            resolve(all.result as Row[]);
          };
        };
      }),
    table
  );
}

async function rowCounts(page: Page): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of ['reviews', 'cards', 'events', 'drills', 'settings', 'meta'])
    counts[table] = (await tableRows(page, table)).length;
  return counts;
}

/** Deletes the app's database behind its back (as a browser clearing site data does). */
async function deleteDatabase(page: Page): Promise<void> {
  await page.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const request = indexedDB.deleteDatabase('system-design-recall');
        request.onsuccess = () => resolve();
        request.onerror = () => reject(new Error('delete failed'));
      })
  );
}

async function answerSome(page: Page, count: number): Promise<void> {
  await page.goto('/review');
  for (let i = 0; i < count; i += 1) await answerByMouse(page);
}

async function exportBackup(page: Page, testInfo: TestInfo, name: string): Promise<string> {
  await page.goto('/settings');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export backup' }).click()
  ]);
  expect(download.suggestedFilename()).toMatch(
    /^system-design-recall-backup-\d{4}-\d{2}-\d{2}-\d{6}\.json\.gz$/
  );
  const path = testInfo.outputPath(name);
  await download.saveAs(path);
  await expect(page.getByRole('status').filter({ hasText: 'Backup downloaded' })).toBeVisible();
  return path;
}

async function chooseFile(page: Page, path: string): Promise<void> {
  await page.goto('/settings');
  await page.getByLabel('Backup file').setInputFiles(path);
}

async function restore(page: Page, path: string, mode: 'Merge' | 'Replace' = 'Merge') {
  await chooseFile(page, path);
  await expect(page.getByRole('heading', { name: 'What the backup holds' })).toBeVisible();
  await page.getByRole('radio', { name: new RegExp(`^${mode}`) }).check();
  await page.getByRole('button', { name: 'Restore', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: /^Restored/ })).toBeVisible();
}

async function checkHistory(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Check review history' }).click();
  await expect(page.locator('#history-check-result')).toHaveText(
    /every card schedule \(\d+\) matches your history/
  );
}

const byId = (rows: Row[]) =>
  rows
    .map(({ seq: _seq, ...rest }) => {
      void _seq;
      return rest;
    })
    .sort((a, b) => a.id.localeCompare(b.id));
const statesById = (rows: unknown[]) =>
  [...(rows as { id: string }[])].sort((a, b) => a.id.localeCompare(b.id));

test('export, empty the database, restore: the same log and schedules, and the check agrees', async ({
  page
}, testInfo) => {
  await answerSome(page, 4);
  const log = await tableRows(page, 'reviews');
  const states = await cardStates(page);
  expect(log).toHaveLength(4);
  const file = await exportBackup(page, testInfo, 'backup.json.gz');
  // Readable JSON after gunzip, with its header.
  const text = gunzipSync(readFileSync(file)).toString('utf8');
  const parsed = JSON.parse(text) as { header: Record<string, unknown>; reviews: Row[] };
  expect(parsed.header).toMatchObject({ format: 'system-design-recall-backup', version: 1 });
  expect(parsed.reviews.map((row) => row.id).sort()).toEqual(log.map((row) => row.id).sort());
  await expect(page.getByText(/^Last backup: /)).toBeVisible();

  await deleteDatabase(page);
  await page.reload();
  expect((await rowCounts(page)).reviews).toBe(0);
  await restore(page, file, 'Merge');
  expect(byId(await tableRows(page, 'reviews'))).toEqual(byId(log));
  expect(statesById(await cardStates(page))).toEqual(statesById(states));
  await checkHistory(page);
});

test('merge into a database with other answers: the union, no duplicates', async ({
  page
}, testInfo) => {
  await answerSome(page, 3);
  const first = await tableRows(page, 'reviews');
  const file = await exportBackup(page, testInfo, 'first.json.gz');
  await deleteDatabase(page);
  await answerSome(page, 2);
  const second = await tableRows(page, 'reviews');
  await restore(page, file, 'Merge');
  const merged = await tableRows(page, 'reviews');
  expect(merged).toHaveLength(5);
  expect(new Set(merged.map((row) => row.id))).toEqual(
    new Set([...first, ...second].map((row) => row.id))
  );
  await checkHistory(page);
  // The same file again adds nothing.
  await chooseFile(page, file);
  await expect(page.getByText('0 answers new to this device')).toBeVisible();
  await expect(page.getByText('3 answers already here')).toBeVisible();
});

test('replace downloads a backup of what is here first, then holds only the file', async ({
  page
}, testInfo) => {
  await answerSome(page, 2);
  const file = await exportBackup(page, testInfo, 'two.json.gz');
  const kept = await tableRows(page, 'reviews');
  await answerSome(page, 1);
  await chooseFile(page, file);
  await page.getByRole('radio', { name: /^Replace/ }).check();
  const [saved] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Restore', exact: true }).click()
  ]);
  const savedPath = testInfo.outputPath('before-replace.json.gz');
  await saved.saveAs(savedPath);
  const before = JSON.parse(gunzipSync(readFileSync(savedPath)).toString('utf8')) as {
    reviews: Row[];
  };
  expect(before.reviews).toHaveLength(3);
  await expect(page.getByRole('status').filter({ hasText: /^Restored/ })).toBeVisible();
  expect(byId(await tableRows(page, 'reviews'))).toEqual(byId(kept));
  await checkHistory(page);
});

test('each bad file is refused with its reason, and the database is left as it was', async ({
  page
}, testInfo) => {
  test.setTimeout(120_000);
  await answerSome(page, 2);
  const file = await exportBackup(page, testInfo, 'good.json.gz');
  const good = JSON.parse(gunzipSync(readFileSync(file)).toString('utf8')) as {
    header: Record<string, unknown>;
    reviews: Row[];
  };
  const variant = (change: (doc: typeof good) => void) => {
    const doc = structuredClone(good);
    change(doc);
    return gzipSync(JSON.stringify(doc));
  };
  const write = (name: string, bytes: Buffer | string) => {
    const path = testInfo.outputPath(name);
    writeFileSync(path, bytes);
    return path;
  };
  const whole = readFileSync(file);
  const bigFile = testInfo.outputPath('huge.json.gz');
  closeSync(openSync(bigFile, 'w'));
  truncateSync(bigFile, 151 * 1024 * 1024);
  const cases: [string, string, RegExp][] = [
    ['not a backup', write('notes.txt', 'my shopping list'), /not a System Design Recall backup/],
    [
      'JSON that is not a backup',
      write('other.json', '{"hello":"world"}'),
      /not a System Design Recall backup/
    ],
    ['truncated', write('cut.json.gz', whole.subarray(0, whole.length >> 1)), /truncated/],
    ['not JSON inside', write('text.json.gz', gzipSync('no json here')), /not JSON/],
    [
      'newer format',
      write(
        'newer.json.gz',
        variant((doc) => (doc.header.version = 2))
      ),
      /newer version of the app/
    ],
    [
      'wrongly typed field',
      write(
        'typed.json.gz',
        variant((doc) => ((doc.reviews[0] as Row).rating = 'good'))
      ),
      /reviews\[0\]\.rating/
    ],
    [
      'missing field',
      write(
        'missing.json.gz',
        variant((doc) => delete (doc.reviews[0] as Partial<Row>).cardId)
      ),
      /reviews\[0\]\.cardId/
    ],
    [
      '__proto__ key',
      write(
        'proto.json.gz',
        gzipSync(
          JSON.stringify(good).replace('"cardId":', '"__proto__":{"polluted":true},"cardId":')
        )
      ),
      /“__proto__”/
    ],
    [
      'constructor key',
      write(
        'ctor.json.gz',
        gzipSync(JSON.stringify(good).replace('"header":{', '"header":{"constructor":1,'))
      ),
      /“constructor”/
    ],
    [
      'same id, different contents',
      write(
        'twins.json.gz',
        variant((doc) => {
          doc.reviews.push({ ...(doc.reviews[0] as Row), durationMs: 1 });
          const counts = doc.header.counts as Record<string, number>;
          counts.reviews = (counts.reviews ?? 0) + 1;
        })
      ),
      /two answers with the id/
    ],
    [
      'same id as this device, different contents',
      write(
        'clash.json.gz',
        variant((doc) => ((doc.reviews[0] as Row).durationMs = 1))
      ),
      /already on this device with different contents/
    ],
    [
      'time in the future',
      write(
        'future.json.gz',
        variant((doc) => ((doc.reviews[0] as Row).reviewedAt = Date.now() + 3 * 86_400_000))
      ),
      /in the future/
    ],
    [
      'time not a number',
      write(
        'string-time.json.gz',
        variant((doc) => ((doc.reviews[0] as Row).reviewedAt = 'yesterday' as unknown as number))
      ),
      /reviews\[0\]\.reviewedAt/
    ],
    ['over the size limit', bigFile, /backups up to 150 MB/],
    [
      'inflates past the limit',
      write('bomb.json.gz', gzipSync(Buffer.alloc(260 * 1024 * 1024, 0x20), { level: 9 })),
      /inflates to more than/
    ]
  ];
  const counts = await rowCounts(page);
  for (const [what, path, reason] of cases) {
    await chooseFile(page, path);
    const alert = page.getByRole('alert').filter({ hasText: 'This backup was refused' });
    await expect(alert, what).toContainText(reason, { timeout: 20_000 });
    await expect(page.getByRole('button', { name: 'Restore', exact: true })).toBeHidden();
    expect(await rowCounts(page), what).toEqual(counts);
  }
});

test('unknown cards are kept as hidden history, and the preview says so', async ({
  page
}, testInfo) => {
  await answerSome(page, 1);
  const file = await exportBackup(page, testInfo, 'one.json.gz');
  const doc = JSON.parse(gunzipSync(readFileSync(file)).toString('utf8')) as { reviews: Row[] };
  const row = doc.reviews[0] as Row;
  doc.reviews = [{ ...row, cardId: 'a-card-no-lesson-has' }];
  const path = testInfo.outputPath('unknown.json.gz');
  writeFileSync(path, gzipSync(JSON.stringify(doc)));
  await deleteDatabase(page);
  await page.reload();
  await chooseFile(page, path);
  await expect(page.getByText(/not in the lessons here: kept as hidden history/)).toBeVisible();
  await page.getByRole('button', { name: 'Restore', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: /^Restored/ })).toBeVisible();
  expect((await tableRows(page, 'reviews')).map((r) => r.cardId)).toEqual(['a-card-no-lesson-has']);
});

/** Adds `count` copies of the log's first row under new ids, as answers synced from elsewhere. */
async function addAnswers(page: Page, count: number, from = 0): Promise<void> {
  const { seq: _seq, ...row } = (await tableRows(page, 'reviews'))[0]!;
  void _seq;
  const copies = Array.from({ length: count }, (_, i) => ({
    ...row,
    id: `${row.id.slice(0, 20)}${String(from + i).padStart(6, '0')}`
  }));
  await writeLogRows(page, copies);
}

test('Today reminds of a backup after 200 new answers, counts them, and Not now holds', async ({
  page
}, testInfo) => {
  await answerSome(page, 2);
  await exportBackup(page, testInfo, 'before.json.gz');
  await page.goto('/');
  await expect(page.getByText(/^Last backup: /)).toBeVisible();

  await addAnswers(page, 201);
  await page.reload();
  const reminder = page.getByText(/^Your last backup was on .+, 201 answers ago\./);
  await expect(reminder).toBeVisible();
  await page.getByRole('button', { name: 'Not now' }).click();
  await expect(reminder).toBeHidden();
  await page.reload();
  await expect(page.getByText(/^Last backup: /)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Not now' })).toBeHidden();

  // Past what the line counts: it says "more than", having read a bounded part of the log.
  await addAnswers(page, 1000, 201);
  await page.reload();
  await expect(
    page.getByText(/^Your last backup was on .+, more than 1,000 answers ago\./)
  ).toBeVisible();
});

test('the wipe banner appears after IndexedDB is deleted behind the app’s back', async ({
  page
}) => {
  await answerSome(page, 1);
  await page.goto('/');
  await expect(page.getByText(/^No backup yet\./)).toBeVisible();
  await deleteDatabase(page);
  await page.reload();
  const banner = page.getByRole('alert').filter({ hasText: 'The browser cleared' });
  await expect(banner).toBeVisible();
  await banner.getByRole('link', { name: 'Restore from backup' }).click();
  await expect(page).toHaveURL(/\/settings#your-data$/);
  await expect(page.getByLabel('Backup file')).toBeVisible();
  // Starting over forgets the marker: no banner on the next visit.
  await page.getByRole('button', { name: 'Start over' }).click();
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Settings' })).toBeVisible();
  await expect(banner).toBeHidden();
});

test('Reset all progress asks first and downloads a backup before deleting', async ({
  page
}, testInfo) => {
  await answerSome(page, 2);
  await page.goto('/settings');
  await page.getByRole('button', { name: 'Reset all progress' }).click();
  await page.getByRole('button', { name: 'Keep my progress' }).click();
  expect((await rowCounts(page)).reviews).toBe(2);
  await page.getByRole('button', { name: 'Reset all progress' }).click();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download a backup and reset' }).click()
  ]);
  const path = testInfo.outputPath('reset.json.gz');
  await download.saveAs(path);
  expect(
    (JSON.parse(gunzipSync(readFileSync(path)).toString('utf8')) as { reviews: Row[] }).reviews
  ).toHaveLength(2);
  await expect(
    page.getByRole('status').filter({ hasText: 'All progress was reset' })
  ).toBeVisible();
  expect((await rowCounts(page)).reviews).toBe(0);
  // A reset is not a wipe: no banner.
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Settings' })).toBeVisible();
  await expect(page.getByRole('alert').filter({ hasText: 'The browser cleared' })).toBeHidden();
});
