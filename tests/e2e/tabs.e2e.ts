import type { BrowserContext, Page } from '@playwright/test';
import { answerByMouse, rating, revealByMouse } from './answering';
import { expect, test } from './fixtures';
import { answersStored } from './storage';

/** Settings → "Check review history" in a page of its own; returns what it reports. */
async function checkHistory(context: BrowserContext): Promise<string> {
  const page = await context.newPage();
  await page.goto('/settings');
  await page.getByRole('button', { name: 'Check review history' }).click();
  const result = page.locator('#history-check-result');
  await expect(result).toHaveText(/^(Checked|There is no)/);
  const text = await result.innerText();
  await page.close();
  return text;
}

/** A second tab beside `first`, both on /review showing the same card; returns it and the card's text. */
async function twoTabs(first: Page, context: BrowserContext): Promise<[Page, string]> {
  const second = await context.newPage();
  await first.goto('/review');
  await second.goto('/review');
  const question = first.locator('.review-card');
  await expect(question).toBeVisible();
  const text = await question.innerText();
  await expect.poll(() => second.locator('.review-card').innerText()).toBe(text);
  return [second, text];
}

test('two tabs answer the same card, and every schedule still matches the log', async ({
  page: first,
  context
}) => {
  const [second] = await twoTabs(first, context);

  // The second tab has the answer showing; the first answers Good.
  await revealByMouse(second);
  await revealByMouse(first);
  await rating(first, 'Good').click();
  await expect.poll(() => answersStored(first)).toBe(1);
  expect(await checkHistory(context)).toBe(
    'Checked 1 answer: every card schedule (1) matches your history.'
  );

  // The second tab is told, and its Easy builds on the stored Good.
  await expect(
    second.getByRole('status').filter({ hasText: 'answered in another tab' })
  ).toBeVisible();
  await rating(second, 'Easy').click();
  await expect.poll(() => answersStored(second)).toBe(2);
  expect(await checkHistory(context)).toBe(
    'Checked 2 answers: every card schedule (1) matches your history.'
  );

  // The first tab's answer now has one after it: Undo there says so and changes nothing.
  await first.getByRole('button', { name: 'Undo' }).click();
  await expect(first.getByText(/cannot be taken back: the card was answered again/)).toBeVisible();
  expect(await answersStored(first)).toBe(2);
  await expect(first.getByRole('button', { name: 'Undo' })).toBeDisabled();

  // Undo in the second tab takes back its Easy; the card is what the Good left.
  await second.getByRole('button', { name: 'Undo' }).click();
  await expect.poll(() => answersStored(second)).toBe(1);
  expect(await checkHistory(context)).toBe(
    'Checked 1 answer: every card schedule (1) matches your history.'
  );
  await second.close();
});

test('a card answered in another tab before its answer was shown is skipped here', async ({
  page: first,
  context
}) => {
  const [second, text] = await twoTabs(first, context);
  await answerByMouse(first);
  await expect(
    second.getByText('That card was answered in another tab, so this tab moved on.')
  ).toBeVisible();
  await expect.poll(() => second.locator('.review-card').innerText()).not.toBe(text);
  // The daily limit counts the first tab's answer once: 19 new cards left in both.
  await expect(second.getByText(/^New\s+19$/)).toBeVisible();
  await expect(first.getByText(/^New\s+19$/)).toBeVisible();
  await second.close();
});
