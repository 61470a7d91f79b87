// A phone in the hand (390 x 844): navigation in reach of a thumb, the main action of every
// question in the fixed bar, number keys, a first session that offers to read the first topic,
// and a session that ends with a summary (its tick still under reduced motion).
import type { Locator, Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { answerByMouse, currentKind, rating, revealByMouse } from './answering';
import { expect, seriousA11yViolations, test } from './fixtures';

test.use({ viewport: { width: 390, height: 844 } });

/** Whether `locator`'s centre is inside the window and the element drawn there is it. */
async function onTopInView(locator: Locator): Promise<boolean> {
  return locator.evaluate((element) => {
    const box = element.getBoundingClientRect();
    const x = box.left + box.width / 2;
    const y = box.top + box.height / 2;
    if (y < 0 || y > innerHeight || x < 0 || x > innerWidth) return false;
    const top = document.elementFromPoint(x, y);
    return !!top && (top === element || element.contains(top));
  });
}

/** Answers cards by mouse (Good) until one of `kind` shows. */
async function advanceTo(page: Page, kind: string): Promise<void> {
  for (let step = 0; step < 30; step += 1) {
    if ((await currentKind(page)) === kind) return;
    await answerByMouse(page);
  }
  throw new Error(`no ${kind} question came up`);
}

// The rate limiter's first section, studied in lesson order: an order question, then choices.
const rateLimiter = '/review?lesson=designing-a-rate-limiter&section=why-and-where';

test('every navigation target is at least 44 px tall, in the tab bar and in a session', async ({
  page
}) => {
  await page.goto('/');
  const nav = page.getByRole('navigation', { name: 'Main' });
  const links = nav.getByRole('link');
  await expect(links).toHaveCount(6);
  // On a phone the tabs sit at the bottom of the window, in one row.
  const tops = new Set<number>();
  for (const link of await links.all()) {
    const box = (await link.boundingBox())!;
    expect(box.height).toBeGreaterThanOrEqual(44);
    expect(box.width).toBeGreaterThanOrEqual(44);
    expect(box.y + box.height).toBeGreaterThan(844 - 80);
    tops.add(Math.round(box.y));
  }
  expect(tops.size).toBe(1);
  const brand = page.getByRole('link', { name: 'System Design Recall, home' });
  expect((await brand.boundingBox())!.height).toBeGreaterThanOrEqual(44);

  // In a session the answer bar takes the bottom; the tabs stay reachable in the header.
  await page.goto('/review');
  await expect(page.getByRole('button', { name: 'Show answer' })).toBeVisible();
  for (const link of await links.all()) {
    const box = (await link.boundingBox())!;
    expect(box.height).toBeGreaterThanOrEqual(44);
    expect(box.y).toBeLessThan(100);
  }
  expect(await onTopInView(page.getByRole('button', { name: 'Show answer' }))).toBe(true);
});

test('at 320 px the tabs and the header each keep to one row', async ({ page }) => {
  await page.setViewportSize({ width: 320, height: 640 });
  for (const path of ['/', '/review']) {
    await page.goto(path);
    await expect(page.locator('h1')).toHaveCount(1);
    const boxes = await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link')
      .evaluateAll((links) => links.map((link) => link.getBoundingClientRect().top));
    expect(new Set(boxes.map(Math.round)).size, path).toBe(1);
    const header = (await page.locator('.app-header').boundingBox())!;
    expect(header.height, path).toBeLessThanOrEqual(60);
  }
});

test('a choice question: number keys pick, Check is in the bar, the verdict shows', async ({
  page
}) => {
  await page.goto(rateLimiter);
  await advanceTo(page, 'choice');
  const check = page.getByRole('button', { name: 'Check', exact: true });
  await expect(check).toBeDisabled();
  expect(await onTopInView(check)).toBe(true);

  // 2 picks the option shown second; 1 then moves the pick to the first.
  const options = page.locator('.review-card .option input');
  await page.keyboard.press('2');
  await expect(options.nth(1)).toBeChecked();
  await page.keyboard.press('1');
  await expect(options.nth(0)).toBeChecked();
  await expect(options.nth(1)).not.toBeChecked();
  await expect(check).toBeEnabled();
  expect(await onTopInView(check)).toBe(true);

  // Enter checks; the verdict is announced and in view, not under the bar.
  await page.keyboard.press('Enter');
  const verdict = page.locator('.review-card .verdict');
  await expect(verdict).toHaveAttribute('role', 'status');
  await expect(verdict).toHaveText(/^(Correct\.|Not quite\.)$/);
  await expect(verdict).toBeInViewport();
  expect(await onTopInView(verdict)).toBe(true);

  // The card took focus without a ring round it.
  const outline = await page
    .locator('.review-card')
    .evaluate((card) => [document.activeElement === card, getComputedStyle(card).outlineStyle]);
  expect(outline).toEqual([true, 'none']);

  // Then 1-4 rate, from the bar.
  await expect(rating(page, 'Good')).toBeVisible();
  expect(await onTopInView(rating(page, 'Good'))).toBe(true);
  const question = await page.locator('#question').innerText();
  await page.keyboard.press('3');
  await expect(page.locator('#question')).not.toHaveText(question);
  expect(await seriousA11yViolations(page)).toEqual([]);
});

test('an order question: Check is in the bar and the verdict in view after it', async ({
  page
}) => {
  await page.goto(rateLimiter);
  await advanceTo(page, 'order');
  const check = page.getByRole('button', { name: 'Check', exact: true });
  expect(await onTopInView(check)).toBe(true);
  const firstShown = await page.locator('.review-card .step-button').first().innerText();

  await check.click();
  const verdict = page.locator('.review-card .verdict');
  await expect(verdict).toHaveText(/^(Correct|Not quite)/);
  await expect(verdict).toBeInViewport();
  expect(await onTopInView(verdict)).toBe(true);
  // The first step never starts in place.
  const firstRight = await page.locator('.review-card ol.correct li').first().innerText();
  expect(firstShown.replace(/^Position 1:\s*/, '').trim()).not.toBe(firstRight.trim());
  expect(await onTopInView(rating(page, 'Good'))).toBe(true);
});

test('Undo looks disabled when it is, and the finished run shows a summary', async ({ page }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.goto('/review?learn=back-of-the-envelope-estimation&section=estimation-tips');
  const undo = page.getByRole('button', { name: 'Undo' });
  await expect(undo).toBeDisabled();
  expect(Number(await undo.evaluate((button) => getComputedStyle(button).opacity))).toBeLessThan(
    0.6
  );

  // Every card Easy, by keyboard: it graduates at once, so the run ends.
  const done = page.getByRole('heading', { name: 'Topic learned' });
  for (let step = 0; step < 30 && !(await done.isVisible()); step += 1) {
    const kind = await currentKind(page);
    const question = await page.locator('#question').innerText();
    if (kind === 'choice') {
      await page.keyboard.press('1');
      await page.keyboard.press('Enter');
    } else if (kind === 'order') {
      await page.keyboard.press('Enter');
    } else {
      await page.getByRole('button', { name: 'Show answer' }).click();
    }
    await expect(rating(page, 'Easy')).toBeVisible();
    await page.keyboard.press('4');
    await expect(page.locator('#question').or(done)).not.toHaveText(question);
  }
  await expect(done).toBeVisible();
  await expect(done).toBeFocused();

  const figures = page.getByRole('definition');
  await expect(page.getByText('Answered', { exact: true })).toBeVisible();
  await expect(figures.nth(0)).toHaveText(/^\d+$/);
  await expect(figures.nth(1)).toHaveText('100%');
  await expect(figures.nth(2)).toHaveText(/^\d+ (s|min)$/);
  await expect(page.getByText(/^The next card is due /)).toBeVisible();
  await expect(page.getByRole('link', { name: 'Run a mock drill' })).toBeVisible();
  await expect(page.getByRole('link', { name: /^Read the next topic: / })).toBeVisible();
  // No Undo on the finished screen; the tab bar is back at the bottom.
  await expect(undo).toHaveCount(0);
  const tab = (await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Today' })
    .boundingBox())!;
  expect(tab.y).toBeGreaterThan(844 - 80);
  expect(await seriousA11yViolations(page)).toEqual([]);
});

test('"Learn more new cards today" raises the day\'s new-card limit for one run', async ({
  page
}) => {
  await page.goto('/settings');
  const field = page.getByLabel(/New cards per day/);
  await field.fill('1');
  await page.getByRole('button', { name: /^Save/ }).click();
  await page.goto('/review');
  await expect(page.getByRole('button', { name: 'Show answer' })).toBeVisible();
  await expect(page.getByLabel('Left today')).toContainText('New 1');
  await page.goto('/review?more=3');
  await expect(page.getByLabel('Left today')).toContainText('New 4');
});

test('the interview date gives a plan, and "Apply" sets new cards per day', async ({ page }) => {
  const deck = JSON.parse(readFileSync('build/data/deck.json', 'utf8')) as { cards: unknown[] };
  const perDay = Math.ceil(deck.cards.length / 10);
  // Noon on this date is 9-10 days away (10 study days, today included), whatever the hour now.
  const at = new Date(Date.now() + 10 * 86_400_000 - 12 * 3_600_000 - 60_000);
  const date = `${at.getFullYear()}-${String(at.getMonth() + 1).padStart(2, '0')}-${String(at.getDate()).padStart(2, '0')}`;
  await page.goto('/drill');
  await page.getByLabel('When is your interview?').fill(date);
  const plan = page.getByRole('heading', { name: 'Your plan' }).locator('..');
  await expect(plan).toContainText(`${perDay} new cards a day`);
  await expect(plan).toContainText(/about \d+ reviews? a day/);
  await plan.getByRole('button', { name: `Apply: ${perDay} new cards a day (now 20)` }).click();
  await expect(plan.getByRole('status')).toHaveText(`New cards per day is now ${perDay}.`);
  await page.goto('/settings');
  await expect(page.getByLabel(/New cards per day/)).toHaveValue(String(perDay));
});

/** The first card of the deck's course order: its lesson, and its section as deck.json has it. */
function firstTopic(): { lesson: string; id: string; title: string; minutes: number } {
  const deck = JSON.parse(readFileSync('build/data/deck.json', 'utf8')) as {
    lessons: { slug: string; sections: { id: string; title: string; minutes: number }[] }[];
    cards: [string, string, number, number][];
  };
  const [, , li, si] = deck.cards[0]!;
  const lesson = deck.lessons[li]!;
  return { lesson: lesson.slug, ...lesson.sections[si]! };
}

test("a first session offers to read the first card's topic, once, and not after an answer", async ({
  page
}) => {
  const topic = firstTopic();
  const offer = page.getByRole('heading', { name: 'New here?' }).locator('..');
  const read = page.getByRole('link', { name: `Read “${topic.title}”` });
  const start = page.getByRole('button', { name: 'Start with the cards' });
  const card = page.locator('.review-card');

  await page.goto('/review');
  await expect(offer).toContainText(
    `Read “${topic.title}” first (about ${topic.minutes} min), then learn its cards.`
  );
  // Above the card, which shows (and has focus) as well; both choices are thumb-sized.
  await expect(card).toBeFocused();
  const offerBox = (await offer.boundingBox())!;
  expect(offerBox.y + offerBox.height).toBeLessThanOrEqual((await card.boundingBox())!.y);
  for (const target of [read, start]) {
    const box = (await target.boundingBox())!;
    expect(box.height).toBeGreaterThanOrEqual(44);
  }
  expect(await onTopInView(read)).toBe(true);

  // The link goes to the topic's section on the lesson page.
  await read.click();
  await expect(page).toHaveURL(`/lessons/${topic.lesson}#${topic.id}`);
  await expect(page.getByRole('heading', { level: 2, name: topic.title })).toBeInViewport();

  // Still nothing answered: a new session offers it again. By keyboard: back from the card to
  // the offer, and "Start with the cards" puts the learner on the card.
  await page.goBack();
  await expect(start).toBeVisible();
  await expect(card).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  await expect(start).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(offer).toHaveCount(0);
  await expect(card).toBeFocused();
  await expect(page.getByRole('button', { name: 'Show answer' })).toBeVisible();

  // At 320 px it fits, its two choices side by side or one under the other.
  await page.setViewportSize({ width: 320, height: 640 });
  await page.reload();
  await expect(start).toBeVisible();
  expect(
    await page.evaluate(() => document.documentElement.scrollWidth - innerWidth)
  ).toBeLessThanOrEqual(0);
  for (const target of [read, start]) {
    const box = (await target.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(320);
  }

  // The first answer ends the offer, in this session and the next.
  await answerByMouse(page);
  await expect(offer).toHaveCount(0);
  await page.reload();
  await expect(card).toBeVisible();
  await expect(offer).toHaveCount(0);
});

test('a learner who studied ahead today, or is learning a topic, is not offered it', async ({
  page
}) => {
  const offer = page.getByRole('heading', { name: 'New here?' });
  // Learning a topic was the learner's own choice of what to read.
  await page.goto('/review?learn=back-of-the-envelope-estimation&section=estimation-tips');
  await expect(page.locator('.review-card')).toBeVisible();
  await expect(offer).toHaveCount(0);
  // An answer while studying ahead writes no card state, but it is today's answer.
  await page.goto('/review?lesson=back-of-the-envelope-estimation');
  await answerByMouse(page);
  await page.goto('/review');
  await expect(page.getByRole('button', { name: 'Show answer' })).toBeVisible();
  await expect(offer).toHaveCount(0);
});

for (const reducedMotion of ['reduce', 'no-preference'] as const) {
  test(`the end of the day's queue: the tick ${reducedMotion === 'reduce' ? 'is simply there with reduced motion' : 'draws itself'}`, async ({
    page
  }) => {
    await page.emulateMedia({ reducedMotion });
    // One new card a day: answered Easy, the day's queue is done.
    await page.goto('/settings');
    await page.getByLabel(/New cards per day/).fill('1');
    await page.getByRole('button', { name: /^Save/ }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();
    await page.goto('/review');
    await revealByMouse(page);
    await rating(page, 'Easy').click();
    await expect(page.getByRole('heading', { name: 'Done for now' })).toBeVisible();

    const parts = page.locator('.done .tick').locator('circle, path');
    await expect(parts).toHaveCount(2);
    const styles = await parts.evaluateAll((elements) =>
      elements.map((element) => {
        const style = getComputedStyle(element);
        return {
          animation: style.animationName,
          animationSeconds: parseFloat(style.animationDuration),
          transitionSeconds: Math.max(...style.transitionDuration.split(',').map(parseFloat)),
          running: element.getAnimations().filter((a) => a.playState === 'running').length
        };
      })
    );
    for (const style of styles) {
      if (reducedMotion === 'reduce') {
        // No animation, or one over before a frame is drawn.
        expect(style.animation === 'none' || style.animationSeconds <= 0.00001).toBe(true);
        expect(style.running).toBe(0);
      } else {
        expect(style.animation).toMatch(/draw$/);
        expect(style.animationSeconds).toBeGreaterThanOrEqual(0.3);
      }
      // Nothing about the tick is a transition, with or without reduced motion.
      expect(style.transitionSeconds).toBeLessThanOrEqual(0.00001);
    }
    // Drawn in the end either way: the stroke offset comes to 0.
    await expect
      .poll(() =>
        parts.evaluateAll((elements) => elements.map((e) => getComputedStyle(e).strokeDashoffset))
      )
      .toEqual(['0px', '0px']);
  });
}
