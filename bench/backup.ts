// `npm run bench:backup`: seeds 100,000 answers (bench/seed.ts) into the built app in Chromium
// and prints how long "Export backup" takes, how long a restore takes (replace into the full
// database, merge into an emptied one, and merging the same file again), and the longest
// main-thread task seen during each restore (PerformanceObserver "longtask"). Figures, not
// pass/fail: record them in the README.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Page } from '@playwright/test';
import { longestTask, openBench, seedLog, seedStates, watchLongTasks } from './browser-db';
import { seedDevice, seedHistory } from './seed';

const { values } = parseArgs({
  options: {
    reviews: { type: 'string', default: '100000' },
    'skip-build': { type: 'boolean', default: false }
  }
});
const reviewCount = Number(values.reviews);
const root = resolve('bench/results');
const log = (message: string) => process.stdout.write(`${message}\n`);
const ms = (n: number) => `${n.toFixed(0)} ms`;

async function seed(page: Page, now: number): Promise<void> {
  const deck = JSON.parse(readFileSync(join('build', 'data', 'deck.json'), 'utf8')) as {
    cards: [string][];
  };
  const ids = deck.cards.map(([id]) => id);
  const { entries, states } = seedHistory(ids, reviewCount, now);
  log(`  ${entries.length} answers on ${states.size} of ${ids.length} cards`);
  await seedLog(page, entries);
  await seedStates(page, states, seedDevice);
}

/** The app's own stage times (performance.measure "backup:…"), read and cleared. */
async function stages(page: Page): Promise<string> {
  const measures = await page.evaluate(() => {
    const found = performance
      .getEntriesByType('measure')
      .filter((entry) => entry.name.startsWith('backup:'))
      .map((entry) => [entry.name.slice(7), entry.duration] as const);
    performance.clearMeasures();
    return found;
  });
  return measures.map(([name, duration]) => `${name} ${ms(duration)}`).join(', ');
}

/** Chooses the file, waits for the preview, restores; returns the times and the longest task. */
async function restore(page: Page, file: string, mode: 'Merge' | 'Replace') {
  await page.goto('/settings');
  await page.getByRole('heading', { name: 'Your data' }).waitFor();
  await longestTask(page);
  const started = performance.now();
  await page.getByLabel('Backup file').setInputFiles(file);
  await page.getByRole('heading', { name: 'What the backup holds' }).waitFor({ timeout: 120_000 });
  const preview = performance.now() - started;
  await page.getByRole('radio', { name: new RegExp(`^${mode}`) }).check();
  const writeStart = performance.now();
  const downloads = mode === 'Replace' ? page.waitForEvent('download', { timeout: 120_000 }) : null;
  await page.getByRole('button', { name: 'Restore', exact: true }).click();
  await downloads;
  await page
    .getByRole('status')
    .filter({ hasText: /^Restored/ })
    .waitFor({ timeout: 120_000 });
  const write = performance.now() - writeStart;
  return {
    preview,
    write,
    total: preview + write,
    longest: await longestTask(page),
    stages: await stages(page)
  };
}

async function main(): Promise<void> {
  mkdirSync(root, { recursive: true });
  if (!values['skip-build']) {
    log('Building the app…');
    const build = spawnSync('npm', ['run', 'build'], { stdio: ['ignore', 'ignore', 'inherit'] });
    if (build.status !== 0) throw new Error('build failed');
  }
  const { browser, origin, close } = await openBench('build');
  try {
    const context = await browser.newContext({
      baseURL: origin,
      viewport: { width: 1280, height: 900 },
      acceptDownloads: true
    });
    const page = await context.newPage();
    page.on('pageerror', (error) => console.error(`  page error: ${error.message}`));
    await watchLongTasks(page);
    await page.goto('/settings');
    await page.getByRole('heading', { name: 'Your data' }).waitFor();
    log(`Seeding ${reviewCount} answers…`);
    await seed(page, Date.now());

    await page.reload();
    await page.getByRole('heading', { name: 'Your data' }).waitFor();
    const exportStart = performance.now();
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 120_000 }),
      page.getByRole('button', { name: 'Export backup' }).click()
    ]);
    const file = join(root, 'backup-bench.json.gz');
    await download.saveAs(file);
    const exportMs = performance.now() - exportStart;
    log(
      `Export backup: ${ms(exportMs)} (file ${(statSync(file).size / 1024 / 1024).toFixed(1)} MB), longest task ${ms(await longestTask(page))} (${await stages(page)})`
    );

    const replaced = await restore(page, file, 'Replace');
    log(
      `Restore, replace (into ${reviewCount} answers; includes the backup it downloads first): preview ${ms(replaced.preview)} + restore ${ms(replaced.write)} = ${ms(replaced.total)}, longest task ${ms(replaced.longest)}\n    (${replaced.stages})`
    );

    await page.evaluate(
      () =>
        new Promise<void>((done, fail) => {
          const request = indexedDB.deleteDatabase('system-design-recall');
          request.onsuccess = () => done();
          request.onerror = () => fail(new Error('delete failed'));
        })
    );
    const merged = await restore(page, file, 'Merge');
    log(
      `Restore, merge (into an emptied database): preview ${ms(merged.preview)} + restore ${ms(merged.write)} = ${ms(merged.total)}, longest task ${ms(merged.longest)}\n    (${merged.stages})`
    );
    const again = await restore(page, file, 'Merge');
    log(
      `Restore, merge (the same file again: every answer already here): preview ${ms(again.preview)} + restore ${ms(again.write)} = ${ms(again.total)}, longest task ${ms(again.longest)}\n    (${again.stages})`
    );
  } finally {
    await close();
  }
}

await main();
