import type { Page } from '@playwright/test';
import { answerByMouse, currentKind, rating, revealByMouse } from './answering';
import { expect, seriousA11yViolations, test } from './fixtures';
import { answersStored, cardStates, damageCardStates } from './storage';

test('five answers by mouse and keyboard, one undone, survive a reload', async ({ page }) => {
  await page.goto('/review');
  await expect(page.getByText(/^New\s+20$/)).toBeVisible();
  // Mouse: two cards.
  await answerByMouse(page);
  await answerByMouse(page);
  // Keyboard: three cards (whatever their kind, "Show answer" or "Check" then a number key).
  for (let i = 0; i < 3; i += 1) {
    const kind = await currentKind(page);
    if (kind === 'basic' || kind === 'cloze' || kind === 'scenario') {
      await page.locator('.review-card').focus();
      await page.keyboard.press('Space');
    } else {
      await answerByMouseUntilRating(page, kind);
    }
    await expect(rating(page, 'Again')).toBeVisible();
    await page.keyboard.press(String(i + 1));
    await expect(rating(page, 'Again')).toBeHidden();
  }
  await expect.poll(() => answersStored(page)).toBe(5);
  await page.keyboard.press('z');
  await expect.poll(() => answersStored(page)).toBe(4);

  await page.reload();
  await expect(page.locator('.review-card')).toBeVisible();
  expect(await answersStored(page)).toBe(4);
  await page.goto('/');
  await expect(page.getByText(/4\s+answered today/)).toBeVisible();
  await expect(page.getByText(/1\s+day streak/)).toBeVisible();
});

async function answerByMouseUntilRating(page: Page, kind: string): Promise<void> {
  const card = page.locator('.review-card');
  if (kind === 'choice') await card.locator('input').first().check();
  await page.getByRole('button', { name: 'Check', exact: true }).click();
}

test('every card kind can be answered', async ({ page }) => {
  await page.goto('/review');
  const seen = new Set<string>();
  for (let i = 0; i < 20 && seen.size < 5; i += 1) {
    await expect(page.locator('.review-card')).toBeVisible();
    seen.add(await answerByMouse(page));
  }
  expect([...seen].sort()).toEqual(['basic', 'choice', 'cloze', 'order', 'scenario']);
  expect(await answersStored(page)).toBeGreaterThanOrEqual(5);
});

test('a whole session by keyboard alone', async ({ page }) => {
  await page.goto('/review');
  await expect(page.locator('.review-card')).toBeFocused();
  for (let i = 0; i < 11; i += 1) {
    const kind = await currentKind(page);
    if (kind === 'basic' || kind === 'cloze') {
      await page.keyboard.press('Enter');
    } else if (kind === 'scenario') {
      // As for a choice below: the part loads the first time a card of its kind shows.
      await expect(page.getByRole('textbox')).toBeVisible();
      await page.keyboard.press('Tab');
      await expect(page.getByRole('textbox')).toBeFocused();
      await page.keyboard.type('Watch latency and error rate.');
      await page.keyboard.press('Tab');
      await expect(page.getByRole('button', { name: 'Show answer' })).toBeFocused();
      await page.keyboard.press('Enter');
      // Focus moves to the card, so Tab reaches the key points, not the rating buttons.
      await expect(page.locator('.review-card')).toBeFocused();
      await page.keyboard.press('Tab');
      await expect(page.getByRole('checkbox').first()).toBeFocused();
      await page.keyboard.press('Space');
    } else if (kind === 'choice') {
      // The question's part loads the first time a card of its kind shows: wait for it, as a
      // learner waits to see the options.
      await expect(page.locator('.review-card input').first()).toBeVisible();
      await page.keyboard.press('Tab');
      await page.keyboard.press('Space');
      await page.keyboard.press('Tab');
      await expect(page.getByRole('button', { name: 'Check', exact: true })).toBeFocused();
      await page.keyboard.press('Enter');
    } else {
      // Order: select the first step, move it down with the arrow key, then check.
      await expect(page.locator('.steps li').first()).toBeVisible();
      await page.keyboard.press('Tab');
      await page.keyboard.press('Space');
      await page.keyboard.press('ArrowDown');
      await expect(page.locator('.steps li').nth(1)).toHaveClass(/selected/);
      await page.getByRole('button', { name: 'Check', exact: true }).focus();
      await page.keyboard.press('Enter');
    }
    await expect(rating(page, 'Good')).toBeVisible();
    const before = await answersStored(page);
    await page.keyboard.press('3');
    await expect.poll(() => answersStored(page)).toBe(before + 1);
    await expect(rating(page, 'Good')).toBeHidden();
  }
});

test('the review page passes axe with the answer showing, in the dark theme', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto('/review');
  await page.getByRole('button', { name: 'Show answer' }).click();
  await expect(rating(page, 'Easy')).toBeVisible();
  await expect(
    page.getByRole('link', { name: /Scaling from one user to millions ›/ })
  ).toBeVisible();
  expect(await seriousA11yViolations(page)).toEqual([]);
});

test('settings change the daily new-card limit', async ({ page }) => {
  await page.goto('/settings');
  await page.getByLabel('New cards per day').fill('3');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();
  await page.goto('/');
  await expect(page.locator('.due .new dd')).toHaveText('3');
  await page.goto('/review');
  await expect(page.getByText(/^New\s+3$/)).toBeVisible();
});

test('settings say what is wrong with a step, and ask before unsaved changes are lost', async ({
  page
}) => {
  await page.goto('/settings');
  const steps = page.getByLabel('Learning steps', { exact: true });
  await steps.fill('1m ten');
  await expect(steps).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText(/^Not a list of steps/)).toBeVisible();
  await steps.fill('1m 10m');
  await expect(page.getByText(/^Not a list of steps/)).toBeHidden();
  await expect(page.getByText('Unsaved changes')).toBeHidden();

  await page.getByLabel('New cards per day').fill('7');
  await expect(page.getByText('Unsaved changes')).toBeVisible();
  // Leaving for another page asks; staying keeps what was typed.
  let asked = '';
  page.once('dialog', (dialog) => {
    asked = dialog.message();
    void dialog.dismiss();
  });
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Today' }).click();
  await expect.poll(() => asked).toMatch(/not saved/);
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
  await expect(page.getByLabel('New cards per day')).toHaveValue('7');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('Unsaved changes')).toBeHidden();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Today' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Today' })).toBeVisible();
});

test('new cards come in course order, from the lessons kept in the daily review', async ({
  page
}) => {
  await page.goto('/review');
  await revealByMouse(page);
  await expect(page.locator('.source')).toContainText('Scaling from one user to millions');

  await page.goto('/settings');
  const lessonOne = page.getByRole('checkbox', { name: 'Scaling from one user to millions' });
  await expect(lessonOne).toBeChecked();
  await lessonOne.uncheck();
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();
  await page.reload();
  await expect(
    page.getByRole('checkbox', { name: 'Scaling from one user to millions' })
  ).not.toBeChecked();

  await page.goto('/review');
  await revealByMouse(page);
  await expect(page.locator('.source')).toContainText('Back-of-the-envelope estimation');
});

test('"Check review history" rebuilds damaged card schedules from the log', async ({ page }) => {
  await page.goto('/settings');
  const check = page.getByRole('button', { name: 'Check review history' });
  await check.click();
  await expect(page.locator('#history-check-result')).toHaveText(
    'There is no review history yet, so there is nothing to check.'
  );

  await page.goto('/review');
  for (let i = 0; i < 3; i += 1) await answerByMouse(page);
  await expect.poll(() => answersStored(page)).toBe(3);
  const byId = (states: unknown[]) =>
    (states as { id: string }[]).sort((a, b) => a.id.localeCompare(b.id));
  const good = byId(await cardStates(page));
  expect(good.length).toBeGreaterThan(0);

  await page.goto('/settings');
  await check.click();
  await expect(page.locator('#history-check-result')).toHaveText(
    `Checked 3 answers: every card schedule (${good.length}) matches your history.`
  );
  await damageCardStates(page);
  expect(byId(await cardStates(page))).not.toEqual(good);
  await check.click();
  await expect(page.locator('#history-check-result')).toHaveText(
    'Checked 3 answers: 2 card schedules did not match your history and were rebuilt from it.'
  );
  expect(byId(await cardStates(page))).toEqual(good);
  expect(await answersStored(page)).toBe(3);
});

test('the today page follows answers given in another tab, without a reload', async ({
  page,
  context
}) => {
  await page.goto('/');
  await expect(page.getByText(/0\s+answered today/)).toBeVisible();
  await expect(page.locator('.due .new dd')).toHaveText('20');

  const other = await context.newPage();
  await other.goto('/review');
  await answerByMouse(other);
  await answerByMouse(other);
  await expect.poll(() => answersStored(other)).toBe(2);

  await expect(page.getByText(/2\s+answered today/)).toBeVisible();
  await expect(page.getByText(/1\s+day streak/)).toBeVisible();
  await expect(page.locator('.due .new dd')).toHaveText('18');
  await other.close();
});

test('a review page left open overnight starts the new day when it comes back into view', async ({
  page
}) => {
  await page.clock.setFixedTime(new Date('2026-03-02T10:00:00'));
  await page.goto('/settings');
  await page.getByLabel('New cards per day').fill('2');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();

  await page.goto('/review');
  for (let i = 0; i < 2; i += 1) {
    const kind = await currentKind(page);
    if (kind === 'choice' || kind === 'order') await answerByMouseUntilRating(page, kind);
    else await page.getByRole('button', { name: 'Show answer' }).click();
    await rating(page, 'Easy').click();
    await expect.poll(() => answersStored(page)).toBe(i + 1);
  }
  await expect(page.getByRole('heading', { name: 'Done for now' })).toBeVisible();

  // The next morning the phone is unlocked on the same page.
  await page.clock.setFixedTime(new Date('2026-03-03T09:00:00'));
  await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
  await expect(page.locator('.review-card')).toBeVisible();
  await expect(page.getByText(/^New\s+2$/)).toBeVisible();
});
