import type { APIRequestContext, Page } from '@playwright/test';
import { expect, seriousA11yViolations, test } from './fixtures';
import { cardStates } from './storage';

interface ChoiceCardData {
  id: string;
  kind: string;
  question: string;
  options: { text: string; correct: boolean }[];
}

interface DeckIndexData {
  lessons: { slug: string; sections: unknown[] }[];
}

async function deckIndex(request: APIRequestContext): Promise<DeckIndexData> {
  return (await (await request.get('/data/deck.json')).json()) as DeckIndexData;
}

/** Every card of every lesson, as the built app serves them. */
async function lessonCards(request: APIRequestContext): Promise<ChoiceCardData[]> {
  const cards: ChoiceCardData[] = [];
  for (const { slug } of (await deckIndex(request)).lessons) {
    const response = await request.get(`/data/cards/${slug}.json`);
    cards.push(...((await response.json()) as { cards: ChoiceCardData[] }).cards);
  }
  return cards;
}

const plain = (html: string) =>
  html
    .replace(/<[^>]+>/g, '')
    .replace(
      /&[a-z#0-9]+;/g,
      (e) => ({ '&amp;': '&', '&quot;': '"', '&#39;': "'", '&lt;': '<', '&gt;': '>' })[e] ?? e
    );

/** Answers every question wrongly (a wrong option, key points unticked, order as shuffled). */
async function missEverything(page: Page, cards: ChoiceCardData[]): Promise<string[]> {
  const asked: string[] = [];
  for (let i = 0; i < 30; i += 1) {
    if (await page.getByRole('heading', { name: 'Drill report' }).isVisible()) break;
    const question = page.locator('.question');
    await expect(question).toBeVisible();
    const text = (await question.locator('.question-text').innerText()).trim();
    asked.push(text);
    // The answering part of each kind loads on its own: wait until one is drawn before telling
    // the kinds apart (an order question not drawn yet looked like a choice question).
    const keyPoints = question.getByRole('button', { name: 'Show key points' });
    await expect(
      keyPoints.or(question.locator('.steps')).or(question.locator('.options')).first()
    ).toBeVisible();
    if (await keyPoints.isVisible()) {
      await keyPoints.click();
      await question.getByRole('button', { name: 'Next question' }).click();
    } else if (await question.locator('.steps').isVisible()) {
      await question.getByRole('button', { name: 'Submit answer' }).click();
    } else {
      const card = cards.find((c) => c.kind === 'choice' && plain(c.question).trim() === text);
      const wrong = card?.options.find((o) => !o.correct);
      expect(wrong, `choice card for "${text}"`).toBeDefined();
      await question.getByText(plain(wrong!.text), { exact: true }).click();
      await question.getByRole('button', { name: 'Submit answer' }).click();
    }
    await expect(page.locator('.question-text').filter({ hasText: text })).toHaveCount(0);
  }
  return asked;
}

test('a short drill ends in a report with scores per topic; its misses go first in review', async ({
  page,
  request
}) => {
  const cards = await lessonCards(request);
  await page.goto('/drill');
  await page.getByLabel(/About 5 minutes/).check();
  await page.getByRole('button', { name: 'Start drill' }).click();
  await expect(page.getByRole('timer')).toHaveText(/^[45]:\d\d$/);
  await expect(page.getByText('Question 1 of 4')).toBeVisible();

  // Pause stops the clock and hides the question.
  await page.getByRole('button', { name: 'Pause' }).click();
  const frozen = await page.getByRole('timer').innerText();
  await expect(page.locator('.question')).toHaveCount(0);
  await page.waitForTimeout(1500);
  await expect(page.getByRole('timer')).toHaveText(frozen);
  await page.getByRole('button', { name: 'Resume' }).click();

  const asked = await missEverything(page, cards);
  expect(asked).toHaveLength(4);

  const report = page.getByRole('region', { name: 'Drill report' });
  await expect(report.getByRole('heading', { name: 'Drill report' })).toBeVisible();
  await expect(report.getByRole('heading', { name: 'Score per topic' })).toBeVisible();
  const rows = report.locator('table').first().locator('tbody tr');
  expect(await rows.count()).toBeGreaterThan(0);
  await expect(rows.first()).toContainText(/\d+%/);
  await expect(report.getByText(/^Weakest:/)).toBeVisible();
  await expect(report.getByRole('heading', { name: 'Missed questions' })).toBeVisible();
  await expect(report.getByRole('heading', { name: 'Question by question' })).toBeVisible();
  await expect(report.locator('table.questions tbody tr')).toHaveCount(4);
  // What the learner answered is shown beside the right answer.
  await expect(report.getByText(/^(You answered|Your order|You wrote):/).first()).toBeVisible();
  await expect(report.getByRole('link', { name: /^Read: / }).first()).toHaveAttribute(
    'href',
    /\/lessons\/[a-z0-9-]+#/
  );
  expect(await seriousA11yViolations(page)).toEqual([]);

  await report.getByRole('button', { name: 'Review my misses' }).click();
  await expect(page).toHaveURL(/\/review$/);
  const first = (await page.locator('.review-card #question').innerText()).trim();
  expect(asked).toContain(first);

  // The drill is listed; one drill is no trend yet, so no chart. The length chosen is offered
  // again.
  await page.goto('/drill');
  await expect(page.getByRole('heading', { name: 'Past drills' })).toBeVisible();
  await expect(page.getByText(/^Run another drill to see/)).toBeVisible();
  await expect(page.getByRole('img', { name: /^Scores: / })).toHaveCount(0);
  await expect(page.getByLabel(/About 5 minutes/)).toBeChecked();
});

test('a practice-only drill leaves every card state and due date as it was', async ({
  page,
  request
}) => {
  const cards = await lessonCards(request);
  // Some history first: a few reviews, so there are due dates to keep.
  await page.goto('/review');
  for (let i = 0; i < 3; i += 1) {
    await expect(page.locator('.review-card')).toBeVisible();
    const show = page.getByRole('button', { name: 'Show answer' });
    if (await show.isVisible()) await show.click();
    else {
      await page
        .locator('.review-card input')
        .first()
        .check({ force: true })
        .catch(() => undefined);
      await page.getByRole('button', { name: 'Check', exact: true }).click();
    }
    await page.getByRole('button', { name: /^Good\b/ }).click();
    await expect(page.getByRole('button', { name: /^Good\b/ })).toBeHidden();
  }
  const before = await cardStates(page);
  expect(before.length).toBeGreaterThan(0);

  await page.goto('/drill');
  await page.getByLabel(/About 5 minutes/).check();
  await page.getByLabel('Practice only').check();
  await page.getByRole('button', { name: 'Start drill' }).click();
  await missEverything(page, cards);
  await expect(page.getByText(/practice only: your schedule was not changed/)).toBeVisible();
  expect(await cardStates(page)).toEqual(before);
});

test('the drill page passes axe and fits 320 px', async ({ page }) => {
  await page.setViewportSize({ width: 320, height: 700 });
  await page.goto('/drill');
  await expect(page.getByRole('button', { name: 'Start drill' })).toBeEnabled();
  expect(await seriousA11yViolations(page)).toEqual([]);
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth
  );
  expect(overflow).toBeLessThanOrEqual(0);
});

test('"Study now" on a section runs its cards without touching the schedule', async ({ page }) => {
  await page.goto('/lessons/scaling-from-one-user-to-millions');
  await page.getByRole('link', { name: /^Study now\s*:\s*Message queue$/ }).click();
  await expect(
    page.getByText(/Studying ahead: Scaling from one user to millions › Message queue/)
  ).toBeVisible();
  await expect(page.locator('.review-card')).toBeVisible();
  const show = page.getByRole('button', { name: 'Show answer' });
  if (await show.isVisible()) await show.click();
  else {
    await page.locator('.review-card input').first().check();
    await page.getByRole('button', { name: 'Check', exact: true }).click();
  }
  // No interval on the buttons: nothing is being scheduled.
  await expect(page.getByRole('button', { name: /^Good$/ })).toBeVisible();
  await page.getByRole('button', { name: /^Good$/ }).click();
  await expect(page.getByRole('button', { name: /^Good$/ })).toBeHidden();
  expect(await cardStates(page)).toEqual([]);
});

test('an interview date shows predicted recall per topic and a session to prepare', async ({
  page,
  request
}) => {
  const topics = (await deckIndex(request)).lessons.reduce((n, l) => n + l.sections.length, 0);
  await page.goto('/drill');
  const inTwoWeeks = new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10);
  const input = page.getByLabel('When is your interview?');
  await expect(input).toBeEnabled();
  await input.fill(inTwoWeeks);
  await expect(input).toHaveValue(inTwoWeeks);
  const table = page.locator('table.readiness');
  await expect(table.locator('tbody tr')).toHaveCount(topics, { timeout: 10_000 });
  await expect(table.locator('tbody tr').first()).toContainText(/0%\s*\d+ of \d+/);
  await page.getByRole('link', { name: 'Prepare for interview' }).click();
  await expect(page.getByText(/Preparing for your interview/)).toBeVisible();
  await expect(page.locator('.review-card')).toBeVisible();
  await page.reload();
  await page.goto('/drill');
  await expect(page.getByLabel('When is your interview?')).toHaveValue(inTwoWeeks);
});

test('a drill can take its topics from one lesson, chosen lesson by lesson', async ({
  page,
  request
}) => {
  const response = await request.get('/data/cards/consistent-hashing.json');
  const own = ((await response.json()) as { cards: ChoiceCardData[] }).cards.map((c) =>
    plain(c.question ?? '').trim()
  );
  await page.goto('/drill');
  await page.getByRole('button', { name: 'None', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Start drill' })).toBeEnabled();
  const lesson = page.locator('details.lesson').filter({ hasText: 'Consistent hashing' }).first();
  await lesson.locator('summary').click();
  await lesson.getByLabel('Every topic of this lesson').check();
  await expect(lesson.locator('summary')).toContainText(/(\d+) of \1 topics/);
  await page.getByLabel(/About 5 minutes/).check();
  await page.getByRole('button', { name: 'Start drill' }).click();
  await expect(page.getByText('Question 1 of 4')).toBeVisible();
  const text = (await page.locator('.question-text').innerText()).trim();
  expect(own).toContain(text);
});
