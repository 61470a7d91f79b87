// Answering cards on /review the way a learner does, for the specs that need it.
import type { Page } from '@playwright/test';
import { expect } from './fixtures';

const kindLabels = {
  Flashcard: 'basic',
  'Flashcard · reversed': 'basic',
  'Fill the gap': 'cloze',
  'Scenario · choose': 'choice',
  'Scenario · explain': 'scenario',
  'Scenario · put in order': 'order'
} as const;

export async function currentKind(
  page: Page
): Promise<(typeof kindLabels)[keyof typeof kindLabels]> {
  // A reversed flashcard ("Flashcard · reversed") is answered as any flashcard.
  const label = (await page.locator('.review-card .kind').innerText())
    .trim()
    .replace(/ · reversed$/i, '');
  const key = Object.keys(kindLabels).find((name) => label.toLowerCase() === name.toLowerCase());
  if (!key) throw new Error(`unknown card label ${label}`);
  return kindLabels[key as keyof typeof kindLabels];
}

export const rating = (page: Page, name: string) =>
  page.getByRole('button', { name: new RegExp(`^${name}\\b`) });

/** Shows the answer side of whatever card is showing, with the mouse; returns its kind. */
export async function revealByMouse(page: Page): Promise<string> {
  const kind = await currentKind(page);
  const card = page.locator('.review-card');
  if (kind === 'basic' || kind === 'cloze') {
    await page.getByRole('button', { name: 'Show answer' }).click();
  } else if (kind === 'choice') {
    await card.locator('input').first().check();
    await page.getByRole('button', { name: 'Check', exact: true }).click();
    await expect(card.locator('.why').first()).toBeVisible();
    await expect(page.locator('.rating.proposed')).toHaveCount(1);
  } else if (kind === 'scenario') {
    await card.getByRole('textbox').fill('Promote a replica and reroute writes.');
    await page.getByRole('button', { name: 'Show answer' }).click();
    await card.getByRole('checkbox').first().check();
    await expect(page.locator('.rating.proposed')).toHaveCount(1);
  } else {
    await card.getByRole('button', { name: 'Move down' }).first().click();
    await page.getByRole('button', { name: 'Check', exact: true }).click();
    await expect(card.getByRole('heading', { name: 'Correct order' })).toBeVisible();
  }
  await expect(rating(page, 'Good')).toBeVisible();
  return kind;
}

/** Answers whatever card is showing with the mouse (Good); returns its kind. */
export async function answerByMouse(page: Page): Promise<string> {
  const kind = await revealByMouse(page);
  await rating(page, 'Good').click();
  // The next card shows its question side: no rating buttons until it is answered.
  await expect(rating(page, 'Good')).toBeHidden();
  await answerSaved(page);
  return kind;
}

/**
 * Waits until the answer just given is stored: the next card shows while it is written, and
 * leaving the page before that would ask whether to leave.
 */
export async function answerSaved(page: Page): Promise<void> {
  await expect(page.locator('[data-saving]')).toHaveCount(0);
}
