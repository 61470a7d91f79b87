import { readFile } from 'node:fs/promises';
import type { Download, Page } from '@playwright/test';
import { strFromU8, unzipSync } from 'fflate';
import Papa from 'papaparse';
import initSqlJs, { type Database } from 'sql.js';
import { expect, test, waitForWorker } from './fixtures';
import { answerByMouse } from './answering';
import { answersStored, cardStates } from './storage';

async function answerSome(page: Page, count: number): Promise<string[]> {
  await page.goto('/review');
  for (let i = 0; i < count; i++) await answerByMouse(page);
  await expect.poll(() => answersStored(page)).toBe(count);
  return (await cardStates(page)).map((row) => (row as { id: string }).id);
}

/** Presses an export button and returns the file it downloads. */
async function exportWith(
  page: Page,
  button: string
): Promise<{ download: Download; bytes: Buffer }> {
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: button }).click();
  const download = await downloading;
  const path = await download.path();
  return { download, bytes: await readFile(path) };
}

async function openPackage(bytes: Buffer): Promise<Database> {
  const files = unzipSync(new Uint8Array(bytes));
  expect(Object.keys(files).sort()).toEqual(['collection.anki21', 'media']);
  expect(strFromU8(files.media as Uint8Array)).toBe('{}');
  const SQL = await initSqlJs();
  return new SQL.Database(files['collection.anki21']);
}

const all = (db: Database, sql: string) => db.exec(sql)[0]?.values ?? [];

/** The deck's card ids and note ids, as the app serves them. */
async function deckIds(page: Page): Promise<{ cards: string[]; notes: Set<string> }> {
  const index = (await (await page.request.get('/data/deck.json')).json()) as {
    cards: [string, string, number, number][];
  };
  const cards = index.cards.map(([id]) => id);
  return { cards, notes: new Set(cards.map((id) => id.split(':')[0] as string)) };
}

const today = () => {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

test('"Export to Anki" downloads a package with every card and the answers given', async ({
  page
}) => {
  const answered = await answerSome(page, 3);
  await page.goto('/settings');
  await expect(page.getByRole('heading', { name: 'Export to other apps' })).toBeVisible();
  const { download, bytes } = await exportWith(page, 'Export to Anki');
  expect(download.suggestedFilename()).toBe(`system-design-recall-${today()}.apkg`);
  await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toContainText('3 reviews');

  const db = await openPackage(bytes);
  expect(all(db, 'PRAGMA integrity_check')).toEqual([['ok']]);
  const deck = await deckIds(page);
  expect(all(db, 'SELECT count(*) FROM cards')[0]?.[0]).toBe(deck.cards.length);
  expect(all(db, 'SELECT count(*) FROM notes')[0]?.[0]).toBe(deck.notes.size);
  const guids = all(db, 'SELECT guid FROM notes').map(([g]) => g);
  expect(new Set(guids)).toEqual(new Set([...deck.notes].map((id) => `sdr:${id}`)));
  // One revlog row per answer, each on a card answered, and those cards are out of "new".
  const revlog = all(
    db,
    'SELECT n.guid, c.ord, c.type, r.ease FROM revlog r JOIN cards c ON c.id = r.cid JOIN notes n ON n.id = c.nid'
  );
  expect(revlog).toHaveLength(3);
  for (const [guid, , type, ease] of revlog) {
    expect(answered.map((id) => `sdr:${id.split(':')[0]}`)).toContain(guid);
    expect(type).not.toBe(0);
    expect(ease).toBe(3);
  }
  db.close();
});

test('"Export review log (CSV)" downloads one row per answer under the documented header', async ({
  page
}) => {
  const answered = await answerSome(page, 2);
  await page.goto('/settings');
  const { download, bytes } = await exportWith(page, 'Export review log (CSV)');
  expect(download.suggestedFilename()).toBe(`system-design-recall-${today()}.csv`);
  await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toContainText('2 answers');
  const parsed = Papa.parse<Record<string, string>>(bytes.toString('utf8'), {
    header: true,
    skipEmptyLines: true
  });
  expect(parsed.errors).toEqual([]);
  expect(parsed.meta.fields?.slice(0, 5)).toEqual([
    'card_id',
    'lesson',
    'topic',
    'kind',
    'answered_at'
  ]);
  expect(parsed.data).toHaveLength(2);
  for (const row of parsed.data) {
    expect(answered).toContain(row.card_id);
    expect(row.rating_name).toBe('Good');
    expect(row.lesson).not.toBe('');
    expect(Date.parse(row.answered_at ?? '')).toBeGreaterThan(Date.now() - 600_000);
  }
});

test('"Export to Anki" works offline once the app is installed', async ({ page, context }) => {
  await page.goto('/');
  await waitForWorker(page);
  await answerSome(page, 1);
  await context.setOffline(true);
  await page.goto('/settings');
  const { bytes } = await exportWith(page, 'Export to Anki');
  const db = await openPackage(bytes);
  expect(all(db, 'SELECT count(*) FROM revlog')[0]?.[0]).toBe(1);
  expect(all(db, 'PRAGMA integrity_check')).toEqual([['ok']]);
  db.close();
});
