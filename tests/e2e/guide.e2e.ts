import { expect, seriousA11yViolations, test } from './fixtures';

test.use({ firstVisit: true });

test('a first visit opens a short guide, skippable, and Settings shows it again', async ({
  page
}) => {
  await page.goto('/');
  const guide = page.getByRole('dialog', { name: 'Learn, then review' });
  await expect(guide).toBeVisible();
  expect(await seriousA11yViolations(page)).toEqual([]);

  // Four pages: learning vs review, the buttons, FSRS and retention, where the data lives.
  await guide.getByRole('button', { name: 'Next' }).click();
  await expect(page.getByRole('dialog', { name: 'The four buttons' })).toContainText(
    'Again: you forgot'
  );
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page.getByRole('dialog', { name: 'FSRS and desired retention' })).toContainText(
    'desired retention'
  );
  await page.getByRole('button', { name: 'Back' }).click();
  await expect(page.getByRole('dialog', { name: 'The four buttons' })).toBeVisible();
  await page.getByRole('button', { name: 'Skip' }).click();
  await expect(page.getByRole('dialog')).toHaveCount(0);

  // Skipped once, it stays away.
  await page.reload();
  await expect(page.getByRole('link', { name: 'Start review' })).toBeVisible();
  await expect(page.getByRole('dialog')).toHaveCount(0);

  // Settings has it again, to the last page.
  await page.goto('/settings');
  await page.getByRole('button', { name: 'Show the guide again' }).click();
  await expect(page.getByRole('dialog', { name: 'Learn, then review' })).toBeVisible();
  for (let i = 0; i < 3; i += 1) await page.getByRole('button', { name: 'Next' }).click();
  const last = page.getByRole('dialog', { name: 'Your data stays here' });
  await expect(last).toContainText('Export a backup from Settings');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);
});
