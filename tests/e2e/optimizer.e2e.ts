import type { Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { defaultSettings } from '../../src/lib/core/review/settings';
import { simulatedHistory } from '../../src/lib/test/learner';
import { rating, revealByMouse } from './answering';
import { expect, seriousA11yViolations, test } from './fixtures';
import { seedLog } from './seed-log';

const section = (page: Page) => page.getByRole('region', { name: 'Optimize parameters' });

/** Settings, scrolled to the optimizer: its worker counts the history once it is in view. */
async function openOptimizer(page: Page) {
  await page.goto('/settings');
  const optimizer = section(page);
  await optimizer.scrollIntoViewIfNeeded();
  return optimizer;
}

/** A few thousand answers by a learner who forgets faster than FSRS's defaults expect. */
async function seedLearner(page: Page): Promise<void> {
  const deck = JSON.parse(readFileSync('build/data/deck.json', 'utf8')) as { cards: [string][] };
  const rows = simulatedHistory({
    answers: 3000,
    now: Date.now(),
    cardIds: deck.cards.map(([id]) => id),
    cramEvery: 20
  });
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: 'Today' })).toBeVisible();
  // Fuzz off, so the intervals on the buttons change only when the parameters do.
  await seedLog(page, rows, { ...defaultSettings, fuzz: false });
}

/** The first card's four intervals as the rating buttons show them, and which card it is. */
async function firstCardIntervals(page: Page): Promise<{ card: string; buttons: string[] }> {
  await page.goto('/review');
  const card = (await page.locator('.review-card').innerText()).slice(0, 120);
  await revealByMouse(page);
  const buttons: string[] = [];
  for (const name of ['Again', 'Hard', 'Good', 'Easy'])
    buttons.push((await rating(page, name).innerText()).replace(/\s+/g, ' ').trim());
  return { card, buttons };
}

test('with no history, Settings says how many reviews the optimizer needs, and does nothing else', async ({
  page
}) => {
  const wasm: string[] = [];
  page.on('request', (request) => {
    if (request.url().endsWith('.wasm')) wasm.push(request.url());
  });
  const optimizer = await openOptimizer(page);
  await expect(optimizer.getByText(/Your history: 0 reviews/)).toBeVisible();
  await expect(optimizer.getByText(/needs at least 400/)).toBeVisible();
  await expect(optimizer.getByText(/FSRS's default parameters/)).toBeVisible();
  await optimizer.getByRole('button', { name: 'Optimize parameters' }).click();
  await expect(optimizer.getByRole('alert')).toContainText(
    'Not enough history yet: the optimizer needs at least 400 reviews'
  );
  await expect(optimizer.getByRole('progressbar')).toHaveCount(0);
  await expect(optimizer.getByRole('button', { name: 'Restore defaults' })).toBeVisible();
  expect(wasm, 'the WebAssembly loads only for training').toEqual([]);
  expect(await seriousA11yViolations(page)).toEqual([]);
});

test('trains on a seeded history in the worker, shows both fits, and the new parameters change the intervals', async ({
  page
}) => {
  test.setTimeout(120_000);
  await seedLearner(page);
  const before = await firstCardIntervals(page);

  const optimizer = await openOptimizer(page);
  await expect(optimizer.getByText(/Your history: [\d,]+ reviews/)).toBeVisible();
  const wasm = page.waitForRequest((request) => request.url().endsWith('.wasm'));
  await optimizer.getByRole('button', { name: 'Optimize parameters' }).click();
  await expect(optimizer.getByRole('progressbar')).toBeVisible();
  await expect(optimizer.getByRole('button', { name: 'Cancel' })).toBeVisible();
  // The main thread stays free while the worker trains: the longest task until the result is
  // shown, waited for with a cheap check every 50 ms (Playwright's own role queries are long
  // tasks themselves on this page).
  const longest = await page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        let longestTask = 0;
        const observer = new PerformanceObserver((list) => {
          for (const task of list.getEntries()) longestTask = Math.max(longestTask, task.duration);
        });
        observer.observe({ type: 'longtask' });
        const timer = setInterval(() => {
          if (!document.querySelector('[aria-labelledby="optimizer"] table')) return;
          clearInterval(timer);
          observer.disconnect();
          resolve(longestTask);
        }, 50);
      })
  );
  await wasm;

  const table = optimizer.getByRole('table');
  await expect(table).toBeVisible({ timeout: 90_000 });
  await expect(table.getByRole('columnheader', { name: 'Current' })).toBeVisible();
  await expect(table.getByRole('columnheader', { name: 'New' })).toBeVisible();
  const logLoss = await table
    .getByRole('row', { name: /Log loss/ })
    .getByRole('cell')
    .allInnerTexts();
  const rmse = await table.getByRole('row', { name: /RMSE/ }).getByRole('cell').allInnerTexts();
  const [currentLoss, newLoss] = logLoss.map(Number);
  expect(currentLoss).toBeGreaterThan(0);
  // This learner forgets faster than the defaults assume: the fit is better on both measures.
  expect(newLoss).toBeLessThan(currentLoss as number);
  expect(Number(rmse[1])).toBeLessThan(Number(rmse[0]));
  // Training ran in the worker: no task on the page comes near its length. (The 50 ms target is
  // measured by `npm run bench:optimizer` on a quiet machine; here other tests share the cores,
  // and a short task can be stretched while they train.)
  const trainedIn = Number(
    (await optimizer.getByText(/Trained in/).innerText()).match(/Trained in ([\d.]+) s/)?.[1]
  );
  expect(trainedIn).toBeGreaterThan(0);
  expect(longest, 'longest main-thread task during training, ms').toBeLessThan(
    (trainedIn * 1000) / 2
  );
  expect(await seriousA11yViolations(page)).toEqual([]);

  await optimizer.getByRole('button', { name: 'Use these parameters' }).click();
  await expect(
    optimizer.getByRole('status').filter({ hasText: 'new parameters are in force' })
  ).toBeVisible();
  await expect(optimizer.getByText(/your own parameters/)).toBeVisible();

  const after = await firstCardIntervals(page);
  expect(after.card).toBe(before.card);
  expect(after.buttons).not.toEqual(before.buttons);

  // And back: the defaults give the first intervals again.
  const again = await openOptimizer(page);
  await again.getByRole('button', { name: 'Restore defaults' }).click();
  await expect(again.getByText(/FSRS's default parameters/)).toBeVisible();
  expect((await firstCardIntervals(page)).buttons).toEqual(before.buttons);
});

test('Cancel stops training at once and changes nothing', async ({ page }) => {
  test.setTimeout(60_000);
  await seedLearner(page);
  const optimizer = await openOptimizer(page);
  await expect(optimizer.getByText(/Your history: [\d,]+ reviews/)).toBeVisible();
  await optimizer.getByRole('button', { name: 'Optimize parameters' }).click();
  await optimizer.getByRole('button', { name: 'Cancel' }).click();
  await expect(
    optimizer.getByRole('status').filter({ hasText: 'Training cancelled' })
  ).toBeVisible();
  await expect(optimizer.getByRole('progressbar')).toHaveCount(0);
  await expect(optimizer.getByText(/FSRS's default parameters/)).toBeVisible();
});

test('after one visit the optimizer trains offline, its WebAssembly from the service worker', async ({
  page,
  context
}) => {
  test.setTimeout(120_000);
  await seedLearner(page);
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise<void>((resolve) =>
        navigator.serviceWorker.addEventListener('controllerchange', () => resolve(), {
          once: true
        })
      );
    }
  });
  await context.setOffline(true);
  const optimizer = await openOptimizer(page);
  await expect(optimizer.getByText(/Your history: [\d,]+ reviews/)).toBeVisible();
  await optimizer.getByRole('button', { name: 'Optimize parameters' }).click();
  await expect(optimizer.getByRole('table')).toBeVisible({ timeout: 90_000 });
});
