import { expect, tellOffline, test, waitForWorker } from './fixtures';
import { answersStored } from './storage';

test('after one visit, every page, a lesson deep link and review work offline', async ({
  page,
  context
}) => {
  await page.goto('/');
  await waitForWorker(page);
  await context.setOffline(true);

  for (const [path, heading] of [
    ['/', 'Today'],
    ['/lessons', 'Lessons'],
    ['/settings', 'Settings'],
    ['/drill', 'Mock drill'],
    ['/lessons/scaling-from-one-user-to-millions', 'Scaling from one user to millions']
  ] as const) {
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
  }
  await tellOffline(page);
  await expect(page.getByRole('status').filter({ hasText: 'Offline' })).toBeVisible();

  await page.goto('/lessons/scaling-from-one-user-to-millions#message-queue');
  await expect(page.getByRole('heading', { name: /Message queue/ })).toBeInViewport();
  await expect(page.locator('#message-queue svg')).toBeVisible();

  // Moving between pages inside the app loads their data from the worker too.
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Lessons' })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: 'Lessons' })).toBeVisible();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Drill' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Mock drill' })).toBeVisible();
  // Its topic list, lesson by lesson, is part of the built page data.
  await page.locator('details.lesson summary').first().click();
  await expect(page.getByRole('checkbox', { name: 'Single server setup' })).toBeChecked();

  await page.goto('/review');
  await page.getByRole('button', { name: 'Show answer' }).click();
  await page.getByRole('button', { name: /^Good\b/ }).click();
  await expect.poll(() => answersStored(page)).toBe(1);

  await page.reload();
  await expect(page.locator('.review-card')).toBeVisible();
  expect(await answersStored(page)).toBe(1);
  // The next new card is the lesson's first choice question: its part, loaded only when a
  // card of its kind shows, comes from the worker as well, and so do the rating intervals.
  await expect(page.getByRole('button', { name: 'Check' })).toBeVisible();
  await page.locator('.review-card input').first().check();
  await page.getByRole('button', { name: 'Check' }).click();
  await expect(page.getByRole('button', { name: /^Good\b.*\d/ })).toBeVisible();
  await page.goto('/');
  await expect(page.getByText(/1\s+answered today/)).toBeVisible();

  // Code loaded only on demand comes from the worker too.
  await page.goto('/settings');
  await page.getByRole('button', { name: 'Check review history' }).click();
  await expect(page.locator('#history-check-result')).toHaveText(
    'Checked 1 answer: every card schedule (1) matches your history.'
  );
});
