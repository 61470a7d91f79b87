import type { Page } from '@playwright/test';
import { answerByMouse } from './answering';
import { expect, seriousA11yViolations, test } from './fixtures';

const results = (page: Page) => page.locator('ol.results a');
const search = (page: Page) => page.getByRole('searchbox', { name: 'Search cards' });

/** Opens the first card the browser lists for `query` (an address search part); returns its question. */
async function openFirst(page: Page, query = ''): Promise<string> {
  await page.goto(`/cards${query}`);
  await expect(results(page).first()).toBeVisible();
  const question = (await results(page).first().innerText()).trim();
  await results(page).first().click();
  await expect(page).toHaveURL(/\/cards\?card=/);
  await expect(page.getByRole('heading', { name: 'Actions' })).toBeVisible();
  return question;
}

test('after answering cards, the browser finds "load balancer" cards and keeps the search on reload', async ({
  page
}) => {
  await page.goto('/review');
  for (let i = 0; i < 3; i += 1) await answerByMouse(page);
  await page.goto('/');
  await page.getByRole('link', { name: 'Browse cards' }).click();
  await expect(page.getByRole('heading', { name: 'Cards', level: 1 })).toBeVisible();
  const status = page.getByRole('status').filter({ hasText: / cards$/ });
  await expect(status).toHaveText(/^[\d,]+ of [\d,]+ cards$/);
  const all = Number((await status.innerText()).split(' of ')[1]!.replace(/\D/g, ''));

  await search(page).fill('load balancer');
  await expect(page).toHaveURL(/q=load\+balancer/);
  const found = Number((await status.innerText()).split(' ')[0]!.replace(/\D/g, ''));
  expect(found).toBeGreaterThan(0);
  expect(found).toBeLessThan(all);
  await expect(results(page).first()).toBeVisible();

  await page.reload();
  await expect(search(page)).toHaveValue('load balancer');
  await expect(status).toHaveText(new RegExp(`^${found} of`));
  // The answered cards are found by "Answered most recently" first.
  await page.getByLabel('Sort by').selectOption('answered');
  await expect(page).toHaveURL(/sort=answered/);
  await search(page).fill('');
  await page.getByLabel('State').selectOption('learning');
  await expect(status).toHaveText(/^3 of/);
  // Back from a card keeps the list as it was.
  await results(page).first().click();
  await page.goBack();
  await expect(page.getByLabel('State')).toHaveValue('learning');
  await expect(status).toHaveText(/^3 of/);
});

test('a suspended card stays suspended after a reload and is not offered in /review; undo takes it back', async ({
  page
}) => {
  // With nothing answered the first card listed is the deck's first, the first /review shows.
  const question = await openFirst(page);
  await page.getByRole('button', { name: 'Suspend', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Suspended.' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('button', { name: 'Unsuspend' })).toBeVisible();
  await expect(page.getByText(/New · suspended/)).toBeVisible();
  const cardUrl = page.url();

  await page.goto('/review');
  await expect(page.locator('.review-card .question')).toBeVisible();
  expect((await page.locator('.review-card .question').innerText()).trim()).not.toBe(question);
  await page.goto('/cards?suspended=1');
  await expect(results(page)).toHaveCount(1);
  await expect(results(page).first()).toHaveText(question);

  // Undo right after an action takes it back: unsuspend, undone; then suspend, undone.
  await page.goto(cardUrl);
  const suspendButton = page.getByRole('button', { name: 'Suspend', exact: true });
  const unsuspendButton = page.getByRole('button', { name: 'Unsuspend' });
  const undo = page.getByRole('button', { name: 'Undo' });
  await unsuspendButton.click();
  await expect(suspendButton).toBeVisible();
  await undo.click();
  await expect(unsuspendButton).toBeVisible();
  await expect(undo).toBeHidden();
  await unsuspendButton.click();
  await suspendButton.click();
  await expect(unsuspendButton).toBeVisible();
  await undo.click();
  await expect(suspendButton).toBeVisible();
  await page.reload();
  await expect(page.getByRole('button', { name: 'Suspend', exact: true })).toBeVisible();
  await page.goto('/review');
  await expect(page.locator('.review-card .question')).toHaveText(question);
});

test('a flag shows in the flag filter; bury and unbury', async ({ page }) => {
  const question = await openFirst(page, '?kind=choice');
  const flags = page.getByRole('group', { name: 'Flag' });
  await flags.getByRole('button', { name: 'Green' }).click();
  await expect(flags.getByRole('button', { name: 'Green' })).toHaveAttribute(
    'aria-pressed',
    'true'
  );
  await page.getByRole('button', { name: 'Bury' }).click();
  await expect(page.getByRole('button', { name: 'Unbury' })).toBeVisible();
  await expect(page.getByText(/buried until/)).toBeVisible();

  await page.getByRole('link', { name: 'All cards' }).click();
  await page.getByLabel('Flag').selectOption('green');
  await expect(page).toHaveURL(/flag=green/);
  await expect(results(page)).toHaveCount(1);
  await expect(results(page).first()).toHaveText(question);
  await page.getByLabel('Flag').selectOption('blue');
  await expect(results(page)).toHaveCount(0);
  await expect(page.getByText('No card matches.', { exact: false })).toBeVisible();
  await page.getByLabel('Flag').selectOption('');
  await page.getByLabel('Buried').check();
  await expect(results(page)).toHaveCount(1);

  await results(page).first().click();
  await page.getByRole('button', { name: 'Unbury' }).click();
  await flags.getByRole('button', { name: 'No flag' }).click();
  await expect(page.getByRole('button', { name: 'Bury' })).toBeVisible();
  await page.goto('/cards?flag=any');
  await expect(results(page)).toHaveCount(0);
});

test('forget sends a card back to new with its history still listed', async ({ page }) => {
  await page.goto('/review');
  await answerByMouse(page);
  await openFirst(page, '?sort=answered');
  await expect(page.getByText('Learning', { exact: true })).toBeVisible();
  const answers = page.getByRole('region', { name: 'Answers, oldest first' }).locator('tbody tr');
  await expect(answers).toHaveCount(1);
  await expect(answers.first()).toContainText('Good');
  await expect(page.getByRole('img', { name: /^Forgetting curve/ })).toBeVisible();

  await page.getByRole('button', { name: 'Forget', exact: true }).click();
  await expect(page.getByText(/Forget this card\?/)).toBeVisible();
  await page.getByRole('button', { name: 'Forget it' }).click();
  await expect(page.getByText('New', { exact: true })).toBeVisible();
  await expect(answers).toHaveCount(1);
  await expect(answers.first()).toContainText('before it was forgotten');
  await expect(page.getByRole('listitem').filter({ hasText: 'Forgotten' })).toBeVisible();
  await page.reload();
  await expect(page.getByText('New', { exact: true })).toBeVisible();
  await expect(answers).toHaveCount(1);
});

test('@ during review suspends the card on screen and moves on; Z brings it back', async ({
  page
}) => {
  await page.goto('/review');
  const question = page.locator('.review-card .question');
  await expect(page.locator('.review-card')).toBeFocused();
  const first = (await question.innerText()).trim();
  await page.keyboard.press('@');
  await expect(page.getByText(/Card suspended/)).toBeVisible();
  await expect(question).not.toHaveText(first);
  await expect(page.getByText(/^New\s+19$/)).toBeVisible();
  await page.keyboard.press('z');
  await expect(question).toHaveText(first);
  await page.keyboard.press('@');
  await expect(question).not.toHaveText(first);

  // The visible controls do the same: a flag from the More menu, then bury.
  await page.getByRole('button', { name: 'More' }).click();
  await page.getByRole('group', { name: 'Flag' }).getByRole('button', { name: 'Red' }).click();
  await expect(page.getByText('Flagged.')).toBeVisible();
  const second = (await question.innerText()).trim();
  await page.getByRole('button', { name: 'More' }).click();
  await page.getByRole('button', { name: 'Bury' }).click();
  await expect(question).not.toHaveText(second);

  // The shortcut list behind ?.
  await page.keyboard.press('?');
  const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByText('Ctrl+1 to Ctrl+4')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  await page.goto('/cards?suspended=1');
  await expect(results(page)).toHaveCount(1);
  await expect(results(page).first()).toHaveText(first);
  await page.goto('/cards?flag=red');
  await expect(results(page)).toHaveText([second]);
});

test('a bad card id says so', async ({ page }) => {
  await page.goto('/cards?card=no-such-card');
  await expect(page.getByRole('alert')).toContainText('No such card');
  await expect(page.getByRole('link', { name: 'All cards' })).toBeVisible();
});

for (const colorScheme of ['light', 'dark'] as const) {
  for (const width of [320, 1280]) {
    test(`axe finds nothing serious on /cards and a card view (${colorScheme}, ${width} px)`, async ({
      page
    }) => {
      // axe over a page of 50 results takes a while on a loaded machine.
      test.setTimeout(90_000);
      await page.setViewportSize({ width, height: 800 });
      await page.emulateMedia({ colorScheme });
      await page.goto('/review');
      await answerByMouse(page);
      await page.goto('/cards');
      await expect(results(page).first()).toBeVisible();
      expect(await seriousA11yViolations(page)).toEqual([]);
      await openFirst(page, '?sort=answered');
      await page
        .getByRole('group', { name: 'Flag' })
        .getByRole('button', { name: 'Orange' })
        .click();
      await page.getByRole('button', { name: 'Forget', exact: true }).click();
      await expect(page.getByRole('button', { name: 'Forget it' })).toBeVisible();
      expect(await seriousA11yViolations(page)).toEqual([]);
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth > document.documentElement.clientWidth
      );
      expect(overflow, 'the page scrolls sideways').toBe(false);
    });
  }
}
